//! Compounds of a name no list holds and a word that says what it names, in one word:
//! `Teknova-direktør`, `Crisplant-ledelsen`, `Danisco-koncernens`, `Tronneallé-kvarteret`.
//! The Danish gold standards mark such a compound as the name's mention (`FN-soldater`, which
//! the matcher finds for a listed name); for a name no list holds, the word after the hyphen
//! tells its label (`compound` in `org_heads.txt` and `place_heads.txt`).

use crate::label::Method;

use super::{proposal, View, Work};

/// Makes each token that is a compound of a name in title case and a `compound` word
/// ([`crate::Lexicon::compound_label`]) a mention of the word's label, over the mentions
/// inside it, where no mention covers the token already (a listed name's compound:
/// `Novo-topchefen`) and its label's layer is on. An organisation's word is asked first.
pub(crate) fn find(doc: &View, work: &mut Work) {
    let mut found = Vec::new();
    // The feature pass noted the tokens of such words; most documents have none.
    for i in doc.forms_where(View::is_compound) {
        let t = doc.tokens[i];
        if work.covers(t.start, t.end) {
            continue;
        }
        let label = doc.lexicon.compound_label(t.text(doc.text));
        if let Some(label) = label.filter(|&l| work.layers.finds_by_pattern(l)) {
            found.push(proposal(t.start, t.end, label, Method::Pattern));
        }
    }
    work.add(found, true);
}

#[cfg(test)]
mod tests {
    use crate::rules::{labelled_by, tagger_with, Layer, Layers};
    use crate::Label;

    #[test]
    fn a_name_joined_to_a_compound_word_is_its_label() {
        let layers = Layers::none()
            .with(Layer::OrgPatterns, true)
            .with(Layer::PlacePatterns, true);
        let t = tagger_with("", "", layers);
        let found = |text: &str| labelled_by(&t, text);
        assert_eq!(
            found("Teknova-direktør Erik Thygesen og Danisco-koncernens regnskab"),
            [
                ("Teknova-direktør".to_string(), Label::Org),
                ("Danisco-koncernens".to_string(), Label::Org)
            ]
        );
        assert_eq!(
            found("hun bor i Tronneallé-kvarteret"),
            [("Tronneallé-kvarteret".to_string(), Label::Loc)]
        );
        // Not after capitals, a letter alone or a word in lowercase, nor before a word that
        // says nothing of what the name is.
        for text in [
            "TV-direktør Erik Thygesen",
            "A-kompagniet rykker",
            "it-chefen siger",
            "Teknova-sagen er slut",
        ] {
            assert_eq!(found(text), Vec::new(), "{text}");
        }
    }
}
