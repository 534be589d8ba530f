//! Names after a noun that says what they name: `konsulentfirmaet Danop`, `rederiet Phønix`,
//! `techgiganten Meta` are organisations, `landsbyen Akkerup` and `hovedstaden Monrovia`
//! places. The nouns are `context.txt`'s `org-noun` and `place-noun` endings, so a compound
//! counts as its last part does (`analysefirmaet`, `medicinalvirksomheden`).

use super::{proposal, View, Work};
use crate::label::{Label, Method};

/// The longest name taken after a noun, in tokens.
const MAX_TOKENS: usize = 5;

/// Names the capitalised words right after a noun that says what they are, one space after
/// it: the run of capitalised words (`analysefirmaet IDC Scandinavia`) becomes an
/// organisation or a place, over the mentions inside it, unless a mention that starts there
/// covers it already. Such a mention keeps its label if listed (one listed under several
/// labels takes the noun's in the `context` layer), and takes the noun's if it is a person's
/// found by pattern (`firmaet John Deere`).
pub(crate) fn name_after_nouns(doc: &View, work: &mut Work) {
    let bytes = doc.text.as_bytes();
    let tokens = doc.tokens.len();
    // One space and no more between tokens `a` and `b`: a noun across a full stop, a comma or a
    // line break names nothing.
    let one_space = |a: usize, b: usize| {
        let (end, start) = (doc.tokens[a].end, doc.tokens[b].start);
        start == end + 1 && bytes[end] == b' '
    };
    let mut found = Vec::new();
    // The first token not yet taken into a name.
    let mut next = 0;
    // The feature pass noted the nouns: most documents have few.
    for &p in &doc.nouns {
        let i = p + 1;
        if i < next || i >= tokens || !doc.is_capitalised(i) {
            continue;
        }
        let Some(label) = doc.names_after(p) else {
            continue;
        };
        if !work.layers.finds_by_pattern(label) || !one_space(i - 1, i) || doc.opens_clause(i) {
            continue;
        }
        let mut end = i + 1;
        while end < tokens
            && end - i < MAX_TOKENS
            && doc.is_capitalised(end)
            && !doc.opens_clause(end)
            && one_space(end - 1, end)
        {
            end += 1;
        }
        next = end;
        let (start, stop) = (doc.tokens[i].start, doc.tokens[end - 1].end);
        // `chosen` is sorted by start and does not overlap: at most one starts here.
        let k = work.chosen.partition_point(|m| m.byte_start < start);
        match work.chosen.get_mut(k).filter(|m| m.byte_start == start) {
            // A mention that covers the name keeps its span; a person's by pattern takes the
            // noun's label.
            Some(m) if m.byte_end >= stop => {
                if m.label == Label::Per && m.method == Method::Pattern {
                    m.label = label;
                }
            }
            // A shorter one is part of the name (`Næstved` of `Næstved Entreprise`).
            _ => found.push(proposal(start, stop, label, Method::Pattern)),
        }
    }
    // A name found here takes the place of the mentions inside it (`selskabet Næstved
    // Entreprise`, where `Næstved` was a place).
    work.add(found, true);
}

#[cfg(test)]
mod tests {
    use crate::{Gazetteer, Label, Tagger};

    /// (mention, label) of each mention of `text`, with the shipped word lists and a gazetteer
    /// of one place.
    fn tag(text: &str) -> Vec<(String, Label)> {
        static TAGGER: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
        let tagger = TAGGER.get_or_init(|| {
            let mut g = Gazetteer::new();
            let places = "id\tname\taliases\nn\tNæstved\t\t\n";
            g.add_tsv(places, "l.tsv".as_ref(), Label::Loc).unwrap();
            Tagger::new(g).unwrap()
        });
        tagger
            .tag_text(text, 0)
            .into_iter()
            .map(|m| (m.text(text).to_string(), m.label))
            .collect()
    }

    #[test]
    fn a_noun_names_what_follows_it() {
        let org = |s: &str| (s.to_string(), Label::Org);
        let loc = |s: &str| (s.to_string(), Label::Loc);
        for (text, want) in [
            (
                "Han var direktør for konsulentfirmaet Danop i tre år.",
                vec![org("Danop")],
            ),
            (
                "Tallene kommer fra analysefirmaet Zyxmo Scandinavia og andre.",
                vec![org("Zyxmo Scandinavia")],
            ),
            ("Aktien i techgiganten Meta steg.", vec![org("Meta")]),
            // A capitalised noun counts at a sentence start, and only there.
            ("Rederiet Phønix har solgt et skib.", vec![org("Phønix")]),
            ("Han talte med Rederiet Phønix.", vec![]),
            (
                "Hun bor i landsbyen Quorrup nær kysten.",
                vec![loc("Quorrup")],
            ),
            // A listed place inside the name gives way to it.
            (
                "Han ejer selskabet Næstved Entreprise sammen med sin bror.",
                vec![org("Næstved Entreprise")],
            ),
            // A person found by pattern takes the noun's label.
            ("Traktorer fra firmaet John Deere.", vec![org("John Deere")]),
        ] {
            assert_eq!(tag(text), want, "{text}");
        }
        // Across a full stop or a comma, the noun names nothing.
        for text in [
            "Han solgte firmaet. Meta kom hjem.",
            "Han solgte firmaet, Meta kom hjem.",
        ] {
            assert!(!tag(text).contains(&org("Meta")), "{text}");
        }
    }
}
