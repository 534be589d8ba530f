//! Places named by a point of the compass and a listed place, in one word: `Nordtyskland`,
//! `Syditalien`, `Sydøstasien`, `Vestlolland`, `Nord-Tyskland`, `Øst-Jerusalem`. Danish
//! writes parts of a country or region so, the lists hold only some of them, and the Danish
//! gold standards mark the whole word as the place (`Sydkina`, `Vestberlin`, `Sydsjælland`).

use crate::fold;
use crate::label::{Label, Method};
use crate::lexicon::Heads;
use crate::tokens::strip_genitive;

use super::{proposal, View, Work};

/// The fewest characters of the place after the point (`fyn` of `Østfyn`): shorter rests are
/// the endings of other words (`Vestas`, `Nordea`).
const MIN_PLACE_CHARS: usize = 3;

/// Makes each capitalised token that is a point of the compass and a listed place one place,
/// found by pattern, over the mentions inside it (`Tyskland` of `Nord-Tyskland`). A token that
/// a mention covers already (a listed `Nordjylland`, `Region Nordjylland`) or that is a listed
/// surname (`Nordskov`) is left as it is; the place after the point is written in
/// lowercase (`Nordtyskland`) or capitalised after a hyphen (`Nord-Tyskland`), also in the
/// genitive (`Nordtysklands`), and names one listed place that is no word
/// ([`crate::matcher::Folded::ambiguous`]).
pub(crate) fn find(doc: &View, work: &mut Work) {
    let mut found = Vec::new();
    // The feature pass worked out which words begin with a point (most do not), once for each
    // word a thread meets, and noted the tokens of such words.
    for i in doc.forms_where(View::is_point_and_place) {
        let t = doc.tokens[i];
        let Some(place) = place_after_point(doc.lexicon.place_heads(), t.text(doc.text)) else {
            continue;
        };
        // A mention over the whole word, alone (`Nordjylland`) or in a longer name (`Region
        // Nordjylland`).
        let covered = work.covers(t.start, t.end);
        if doc.is_surname(i) || covered {
            continue;
        }
        let listed = doc
            .matcher
            .folded(&fold::key(place))
            .filter(|f| !f.ambiguous && doc.matcher.label(f.entry) == Label::Loc);
        if listed.is_some() {
            found.push(proposal(t.start, t.end, Label::Loc, Method::Pattern));
        }
    }
    work.add(found, true);
}

/// The place named after a point of the compass in `word`, without a genitive ending
/// (`tyskland` of `Nordtysklands`, `Tyskland` of `Nord-Tyskland`), if `word` begins with a
/// `point` of `place_heads.txt` (`Nord`, `Sydøst`, `Midt`: [`Heads::after_point`]) and a
/// word of [`MIN_PLACE_CHARS`] letters or more: all lowercase right after the point, or
/// capitalised after a hyphen.
pub(super) fn place_after_point<'w>(heads: &Heads, word: &'w str) -> Option<&'w str> {
    let rest = heads.after_point(word)?;
    let place = match rest.strip_prefix('-') {
        Some(after) => after
            .starts_with(char::is_uppercase)
            .then_some(after)
            .filter(|a| a.chars().skip(1).all(char::is_lowercase))?,
        None => Some(rest).filter(|r| r.chars().all(char::is_lowercase))?,
    };
    let place = strip_genitive(place);
    (place.chars().count() >= MIN_PLACE_CHARS && place.chars().all(char::is_alphabetic))
        .then_some(place)
}

#[cfg(test)]
mod tests {
    use super::place_after_point;
    use crate::rules::{found_by, tagger_of};
    use crate::{Label, Lexicon, Tagger};

    #[test]
    fn a_place_follows_a_point_of_the_compass() {
        let lexicon = Lexicon::shipped().unwrap();
        let heads = lexicon.place_heads();
        for (word, place) in [
            ("Nordtyskland", Some("tyskland")),
            ("Nordtysklands", Some("tyskland")),
            ("Sydøstasien", Some("asien")),
            ("Nord-Tyskland", Some("Tyskland")),
            ("Øst-Jerusalems", Some("Jerusalem")),
            ("Østfyn", Some("fyn")),
            ("Vestas", None),
            ("Nord-tyskland", None),
            ("NordTyskland", None),
            ("Nord-USA", None),
            ("Nordtyskland2", None),
            ("Norden", None),
        ] {
            assert_eq!(place_after_point(heads, word), place, "{word}");
        }
    }

    /// A tagger whose entries are the places `Tyskland`, `Jerusalem`, `Nordjylland`, `Kina`,
    /// also a word here, and `Skov`, which makes the surname `Nordskov` a point and a place,
    /// and the organisation `Region Nordjylland`.
    fn tagger() -> Tagger {
        let places = "id\tname\taliases\tambiguous\nt\tTyskland\t\t\nj\tJerusalem\t\t\n\
                      n\tNordjylland\t\t\ns\tKina\t\tyes\nk\tSkov\t\t\n";
        tagger_of(places, "id\tname\taliases\nr\tRegion Nordjylland\t\n")
    }

    #[test]
    fn a_point_and_a_listed_place_are_one_place() {
        let t = tagger();
        let text = "De kom fra Nordtyskland, Øst-Jerusalem og Nordjylland til Region Nordjylland.";
        let loc = |n: &str, m: &str| (n.to_string(), Label::Loc, m.to_string());
        assert_eq!(
            found_by(&t, text),
            [
                loc("Nordtyskland", "pattern"),
                loc("Øst-Jerusalem", "pattern"),
                loc("Nordjylland", "gazetteer"),
                (
                    "Region Nordjylland".to_string(),
                    Label::Org,
                    "gazetteer".into()
                ),
            ]
        );
        // A listed surname, an unlisted place, a place that is also a word.
        let text = "De kom fra Nordskov, Nordlandet og Sydkina.";
        assert!(found_by(&t, text).is_empty(), "{:?}", found_by(&t, text));
    }
}
