//! `@handles` and `#hashtags` that spell a name (layer `handles`).
//!
//! **Handles.** An `@handle` (letters, digits, combining marks and `_`, up to the token's end,
//! after an `@` that does not follow a letter or digit, as in an e-mail address) is a mention, `@`
//! included, when it names someone or something: when its spelling-insensitive key
//! ([`crate::fold`]), with or without a trailing `dk`, is the key of a listed name (`@FCKobenhavn`
//! → FC København, `@venstredk` → Venstre, `@EkstraBladet`), or when it spells a person's name: a
//! listed first name, initials or a title, then a surname borne by 20 or more people in Denmark
//! (`@MetteFrederiksen`, `@piaolsen`, `@KHansen`, `@DrHedegaard`, `@realLarsHansen`). Any other
//! handle names an account, and an account is a person's or an organisation's: an organisation's
//! when it reads as one — an acronym in capitals (`@DMJX`, `@NHM_Denmark`), a place among other
//! words (`@OdenseNyt`), a trailing country code (`@aabsportdk`, `@DFH_dk`), a word of sport or
//! politics (`@Spolitik`) — and otherwise a person's (`@AbdelsTweet`), as most accounts are.
//!
//! **Hashtags.** A `#hashtag` is a mention, `#` included, when its key is the key of a listed
//! name that is not an ordinary word, in lowercase too (`#danmark` → Danmark; not `#stress`),
//! nor, unless it is a place, frequent in lowercase writing (not `#apple`).
//! Hashtags that merely contain a name (`#dkpol`) are not mentions.

use crate::fold;
use crate::label::{Label, Method};
use crate::lexicon::{FirstName, Lexicon};
use crate::matcher::Matcher;
use crate::mention::Mention;
use crate::text::is_word_char;

use super::informal::scan;
use super::layer::Layer;
use super::{proposal, View, Work};

/// The most characters of a handle or hashtag looked at; longer ones are left alone.
const MAX_TAG_CHARS: usize = 40;

/// The fewest bearers in Denmark of a surname in a handle or a lowercase name.
pub(super) const SURNAME_MIN: u32 = 20;

/// Adds the `@handles` and `#hashtags` that spell a name, in place of the mentions inside
/// them.
pub(crate) fn handles(doc: &View, work: &mut Work) {
    // With the `lowercase` layer on, its pass over the text ([`scan`]) runs here and also
    // tells whether an `@` or a `#` stands in the text: most texts have none, and then the
    // search for them is spared.
    if work.layers.has(Layer::Lowercase) {
        let (informal, tags) = scan(doc.text, doc.body, doc.lexicon);
        work.informal = Some(informal);
        if !tags {
            return;
        }
    }
    let found = handles_in(doc.text, doc.body, doc.matcher, doc.lexicon);
    // Most documents have none, and then nothing is added.
    if !found.is_empty() {
        work.add(found, true);
    }
}

/// The mentions of the `@handles` and `#hashtags` of `text[body..]` that spell a name, in
/// text order.
fn handles_in(text: &str, body: usize, matcher: &Matcher, lexicon: &Lexicon) -> Vec<Mention> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for at in memchr::memchr2_iter(b'@', b'#', &bytes[body..]).map(|i| body + i) {
        let before = text[body..at].chars().next_back();
        // `ole@dr.dk` is an address, `&#39;` an entity.
        if before.is_some_and(|c| is_word_char(c) || c == '&') {
            continue;
        }
        let end = tag_end(text, at + 1);
        let tag = &text[at + 1..end];
        if tag.is_empty()
            || tag.chars().count() > MAX_TAG_CHARS
            || !tag.starts_with(char::is_alphabetic)
        {
            continue;
        }
        let found = if bytes[at] == b'@' {
            handle(tag, matcher, lexicon)
        } else {
            hashtag(tag, matcher, lexicon)
        };
        if let Some(m) = found {
            out.push(Mention {
                byte_start: at,
                byte_end: end,
                ..m
            });
        }
    }
    out
}

/// Where the handle or hashtag whose text starts at byte `from` ends: after its letters,
/// digits, combining marks and underscores, so that it ends where a token would
/// ([`is_word_char`]).
fn tag_end(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !(is_word_char(c) || c == '_'))
        .map_or(text.len(), |(i, _)| from + i)
}

/// The mention (offsets still to be set) that the handle `tag` (without `@`) makes, if any.
fn handle(tag: &str, matcher: &Matcher, lexicon: &Lexicon) -> Option<Mention> {
    let stems = [Some(tag), without_country(tag)];
    for stem in stems.into_iter().flatten() {
        if let Some(f) = matcher.folded(&fold::key(stem)) {
            return Some(listed(matcher, f.entry));
        }
    }
    if spells_person(tag, lexicon) {
        return Some(proposal(0, 0, Label::Per, Method::Pattern));
    }
    // An account is a person's or an organisation's: an organisation's by its look, else a
    // person's, which most accounts are.
    let label = if names_organisation(tag, matcher) || is_organisation_account(tag, lexicon) {
        Label::Org
    } else {
        Label::Per
    };
    Some(proposal(0, 0, label, Method::Pattern))
}

/// Whether the handle `tag` reads as an organisation's account by its words: a trailing
/// country code (`aabsportdk`, `DFH_dk`), an acronym in capitals before or after a `_`
/// (`NHM_Denmark`), a word of sport or politics (`Spolitik`), or of a news outlet or
/// broadcaster (`dr_nyheder`, `tv2sport`; `context.txt`).
fn is_organisation_account(tag: &str, lexicon: &Lexicon) -> bool {
    let acronym = |part: &str| {
        (2..=6).contains(&part.chars().count())
            && part.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    without_country(tag).is_some()
        || tag.split('_').any(acronym)
        || lexicon.mentions_sport(tag)
        || lexicon.mentions_politics(tag)
        || lexicon.mentions_media(tag)
}

/// Whether the handle `tag` is an organisation's: an acronym in capitals (`DMJX`), or a
/// place among other words (`FHaderslev`, `DanmarksNatur`): an account named after a place
/// is a club's, a paper's or an authority's, as one named after a person is the person's.
fn names_organisation(tag: &str, matcher: &Matcher) -> bool {
    let letters = tag.chars().filter(|c| c.is_alphabetic()).count();
    if (2..=6).contains(&letters) && tag.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return true;
    }
    tag.split('_').any(|part| {
        let words = camel_words(part);
        words.len() >= 2
            && words.iter().any(|w| {
                let w = w
                    .strip_suffix('s')
                    .filter(|_| w.chars().count() > 4)
                    .unwrap_or(w);
                w.chars().count() >= 4
                    && matcher
                        .folded(&fold::key(w))
                        .is_some_and(|f| !f.ambiguous && matcher.label(f.entry) == Label::Loc)
            })
    })
}

/// The mention that the hashtag `tag` (without `#`) makes, if any.
fn hashtag(tag: &str, matcher: &Matcher, lexicon: &Lexicon) -> Option<Mention> {
    let key = fold::key(tag);
    if key.chars().count() < 4 {
        return None;
    }
    let lower = tag.to_lowercase();
    if lexicon.is_lowercase_word(&lower) || lexicon.is_common_word(&lower) {
        return None;
    }
    let f = matcher.folded(&key).filter(|f| !f.ambiguous)?;
    // `#danmark` yes, `#apple` no: a name frequent in lowercase writing only as a place.
    if lexicon.is_frequent_in_lowercase(&lower) && matcher.label(f.entry) != Label::Loc {
        return None;
    }
    Some(listed(matcher, f.entry))
}

/// A mention of the listed `entry` (offsets still to be set).
fn listed(matcher: &Matcher, entry: crate::matcher::EntryId) -> Mention {
    Mention {
        entry: Some(entry),
        ..proposal(0, 0, matcher.label(entry), Method::Gazetteer)
    }
}

/// `tag` without a trailing country code `dk` (`venstredk`, `DFH_dk`), if it has one and
/// three characters or more stay.
fn without_country(tag: &str) -> Option<&str> {
    let lower = tag.to_ascii_lowercase();
    let cut = if lower.ends_with("_dk") {
        3
    } else if lower.ends_with("dk") {
        2
    } else {
        return None;
    };
    let stem = &tag[..tag.len() - cut];
    (stem.chars().count() >= 3).then_some(stem)
}

/// Whether the handle `tag` spells a person's name: a first name, initials or a title, then a
/// surname; capitals may mark where the words meet (`RasmusJarlov`, `KHegaard`), or nothing
/// does (`sophieloehde`). A leading word (`realDonaldTrump`), a part after `_`
/// (`jacobmark_sf`) and a short party letter in capitals at the end (`PSkipperEL`) may stand
/// beside the name.
fn spells_person(tag: &str, lexicon: &Lexicon) -> bool {
    tag.split('_').any(|part| {
        let words = camel_words(part);
        let mut names: &[&str] = &words;
        if names.len() > 2 && is_party_letters(names[names.len() - 1]) {
            names = &names[..names.len() - 1];
        }
        // The last two words as written: `real|Donald|Trump`.
        let pair = names.len() >= 2 && {
            let (first, last) = (names[names.len() - 2], names[names.len() - 1]);
            starts_name(first, lexicon) && is_surname(last, true, lexicon)
        };
        pair || splits_into_name(names.concat().as_str(), lexicon)
    })
}

/// Whether `text` is a first name, initials or a title followed by a surname, wherever the cut
/// between them falls (`larsloekke`, `mlenstrup`, `SSTbrostrom`).
fn splits_into_name(text: &str, lexicon: &Lexicon) -> bool {
    text.char_indices().skip(1).any(|(cut, _)| {
        let (head, tail) = text.split_at(cut);
        starts_name(head, lexicon) && is_surname(tail, !is_initials(head), lexicon)
    })
}

/// Whether `word` may open a person's name in a handle: a first name of three letters or more
/// in use in Denmark or common elsewhere, initials, or a title (`Mr`, `Dr`).
fn starts_name(word: &str, lexicon: &Lexicon) -> bool {
    let first = |f: FirstName| f.is_danish() || f.freq >= 7;
    is_initials(word)
        || word.chars().count() >= 3
            && lexicon
                .folded_first_name(&fold::key(word))
                .is_some_and(first)
        || lexicon.is_abbreviated_title(word)
        || matches!(word.to_ascii_lowercase().as_str(), "mr" | "mrs" | "ms")
}

/// Whether `word` is one to three letters, in capitals when more than two (`K`, `TK`, `SST`,
/// `m`): a person's initials.
fn is_initials(word: &str) -> bool {
    let n = word.chars().count();
    word.chars().all(char::is_alphabetic)
        && (n <= 2 || n == 3 && word.chars().all(char::is_uppercase))
}

/// Whether `word` is a surname borne by [`SURNAME_MIN`] people or more in Denmark, of three
/// letters or more; one that is also a word only after a first name (`word_ok`).
fn is_surname(word: &str, word_ok: bool, lexicon: &Lexicon) -> bool {
    word.chars().count() >= 3
        && lexicon
            .folded_surname(&fold::key(word))
            .is_some_and(|s| s.count >= SURNAME_MIN && (word_ok || !s.word))
}

/// Whether `word` is one to three capitals: a party's letters after a name (`EL`, `SF`).
fn is_party_letters(word: &str) -> bool {
    (1..=3).contains(&word.chars().count()) && word.chars().all(char::is_uppercase)
}

/// The words of a handle written in camel case: a new word starts at a capital after a
/// lowercase letter or digit, and at the last capital of a run of capitals that a lowercase
/// letter follows (`TKHollmann` → `TK`, `Hollmann`).
fn camel_words(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut words = Vec::new();
    let mut start = 0;
    for k in 1..chars.len() {
        let (prev, c) = (chars[k - 1].1, chars[k].1);
        let next_lower = chars.get(k + 1).is_some_and(|&(_, n)| n.is_lowercase());
        let cut = c.is_uppercase()
            && (prev.is_lowercase() || prev.is_ascii_digit() || prev.is_uppercase() && next_lower);
        if cut {
            words.push(&text[start..chars[k].0]);
            start = chars[k].0;
        }
    }
    words.push(&text[start..]);
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::{mentions, tag};

    #[test]
    fn handles_that_spell_a_listed_name() {
        let t = tag("Tillykke @FCKobenhavn og @EkstraBladet, siger @venstredk.");
        assert_eq!(
            t,
            [
                ("@FCKobenhavn".into(), "ORG".into(), "gazetteer".into()),
                ("@EkstraBladet".into(), "ORG".into(), "gazetteer".into()),
                ("@venstredk".into(), "ORG".into(), "gazetteer".into()),
            ]
        );
        // An address is no handle.
        assert_eq!(
            mentions("skriv til info@fckobenhavn.dk"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_handle_ends_where_its_token_ends() {
        // A combining mark is part of the letter before it, as for every token, even one that
        // composes with none (U+032A, a bridge below): the handle goes on to the `r` after it
        // and ends at the space, not inside the word.
        let handle = "@Hans\u{32a}\u{36e}r";
        assert_eq!(mentions(&format!("Tak {handle} for det.")), [handle]);
        assert_eq!(tag_end("#ab\u{32a}c d", 1), "#ab\u{32a}c".len());
    }

    #[test]
    fn handles_that_spell_a_person() {
        for h in [
            "@MetteFrederiksen",
            "@piaolsen",
            "@soerenpape",
            "@KHansen",
            "@realLarsHansen",
            "@pernilleskipper_el",
            "@DrHedegaard",
        ] {
            let text = format!("Tak til {h} for svaret");
            assert_eq!(
                tag(&text),
                [(h.to_string(), "PER".into(), "pattern".into())],
                "{h}"
            );
        }
        // Any other account is a person's, unless it reads as an organisation's: an acronym,
        // a place among other words, a country code at the end, a word of sport or politics,
        // or of a news outlet. A word that only holds a shorter one is none (`avis`: `Davis`).
        for h in [
            "@kaffekop",
            "@AbdelsTweet",
            "@realDonaldTrump",
            "@ChrisDavis",
        ] {
            let text = format!("Tak til {h} for svaret");
            assert_eq!(
                tag(&text),
                [(h.to_string(), "PER".into(), "pattern".into())],
                "{h}"
            );
        }
        for h in [
            "@DMJX",
            "@FOdense",
            "@OdenseNyt",
            "@DFH_dk",
            "@NHM_Denmark",
            "@aabsportdk",
            "@Spolitik",
            "@dr_nyheder",
            "@tv2sport",
            "@BTnews",
            "@Radio4dk",
        ] {
            let text = format!("Tak til {h} for svaret");
            assert_eq!(
                tag(&text),
                [(h.to_string(), "ORG".into(), "pattern".into())],
                "{h}"
            );
        }
    }

    #[test]
    fn hashtags_name_only_what_is_no_word() {
        assert_eq!(mentions("Godmorgen #danmark og #dkpol"), ["#danmark"]);
        assert_eq!(mentions("Ny telefon #apple"), Vec::<String>::new());
        // An ambiguous name is a word as a hashtag.
        assert_eq!(mentions("Stem #venstre"), Vec::<String>::new());
    }

    #[test]
    fn camel_case_words() {
        assert_eq!(camel_words("TKHollmann"), ["TK", "Hollmann"]);
        assert_eq!(camel_words("realDonaldTrump"), ["real", "Donald", "Trump"]);
        assert_eq!(camel_words("PSkipperEL"), ["P", "Skipper", "EL"]);
        assert_eq!(camel_words("sophieloehde"), ["sophieloehde"]);
    }
}
