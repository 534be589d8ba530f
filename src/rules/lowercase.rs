//! Names written in lowercase in text that is written in lowercase (layer `lowercase`).
//!
//! **Lowercase names.** Where a text is written informally — its first letter is lowercase,
//! a sentence after `!`, `?` or a line break starts in lowercase, or it has an emoji or an
//! emoticon (`😂`, `<3`, `:)`) — a listed name of four letters or more, of three capitals
//! (`FCK`) or of two capitals and a digit (`TV2`), written all in lowercase is a mention when
//! the lowercase form is no word (and, of three letters, no first name: `ida`)
//! ([`Lexicon::is_lowercase_word`], [`Lexicon::is_common_word`]; `odense`, `helsingør`, not
//! `bergen`); a name that is frequent in lowercase writing though the dictionaries write it
//! capitalised ([`Lexicon::is_frequent_in_lowercase`]: `europa`, `lego`) only when it is a
//! place (`elsker københavn`, `i europa`), an organisation that is no football club and no
//! first name (`leger lego`, `ser netflix`; not `brown`, `chelsea`), or a famous person's name
//! that is no first name and no surname of many Danes (`trump`, `putin`; not `nielsen`). So
//! is a first name in use in Denmark followed by a surname, neither of them a word or the
//! surname a word that 1,000 or more people bear (`ida jensen`, `ida skov`), and a first name
//! alone that 500 or more people in Denmark bear and that is no word, however often lowercase
//! writing has it (`okey simone`, `enig med mette`; not `per`, `bo`); a name spelled in ASCII
//! counts too (`naestved`, `sjaelland`).
//! Edited text never meets the condition, so `--case strict` (the layer switched off)
//! changes nothing there.

use crate::fold;
use crate::label::{Label, Method};
use crate::lexicon::{FirstName, Lexicon};
use crate::matcher::Matcher;
use crate::mention::Mention;
use crate::tokens::{words, Token};

use super::handles::SURNAME_MIN;
use super::informal::is_informal;
use super::{proposal, View, Work};

/// How the ids of the football clubs of openfootball begin (`openfootball:ar:Brown`): many of
/// their names are words or towns in lowercase (`brown`, `saturn`, `palace`).
const FOOTBALL_CLUB_IDS: &str = "openfootball:";

/// The fewest bearers in Denmark of a surname that is also a word (`skov`, `lund`, `holm`)
/// for it to end a lowercase name after a first name: a bare noun seldom follows a name.
const WORD_SURNAME_MIN: u32 = 1000;

/// Adds the names written in lowercase, where no mention is, if the text is written
/// informally ([`is_informal`]): listed names and first name + surname. Edited text is left
/// as written: a search of every document for lowercase places (`bor i odense`) cost a fifth
/// of the tagging time for a handful of names.
pub(crate) fn lowercase(doc: &View, work: &mut Work) {
    // The `handles` step may have found out already ([`Work::informal`]).
    let informal = work
        .informal
        .unwrap_or_else(|| is_informal(doc.text, doc.body, doc.lexicon));
    if !informal {
        return;
    }
    let found = lowercase_in(doc.text, doc.body, doc.matcher, doc.lexicon);
    // Most documents have none, and then nothing is added.
    if !found.is_empty() {
        work.add(found, false);
    }
}

/// The names written in lowercase in `text[body..]`, in text order, which is written
/// informally ([`is_informal`]).
fn lowercase_in(text: &str, body: usize, matcher: &Matcher, lexicon: &Lexicon) -> Vec<Mention> {
    let mut out = Vec::new();
    let tokens = words(text, body);
    let mut i = 0;
    while i < tokens.len() {
        match lowercase_at(text, &tokens, i, matcher, lexicon) {
            Some((m, n)) => {
                out.push(m);
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the listed name `form` of `entry`, which lowercase writing has often though the
/// dictionaries write it capitalised ([`Lexicon::is_frequent_in_lowercase`]), is a name in
/// lowercase informal text all the same: a place (`elsker københavn`, `i europa`), or an
/// organisation (`leger lego`, `ser netflix`, `på facebook`), as the gold of informal Danish
/// marks them, but for a football club of openfootball ([`FOOTBALL_CLUB_IDS`]: `brown`) and a
/// name that is also a first name (`chelsea`, `noah`). So is a person's name that is no first
/// name (not `anne`, which a first name's own rule reads) and no surname borne by
/// [`FAMOUS_SURNAME_MAX`] people in Denmark (`trump`, `putin`, `hitler`; not `nielsen`): the
/// frequency list has such a name from subtitles that name the person, and no Danish word
/// is written so.
fn counts_though_frequent(
    matcher: &Matcher,
    lexicon: &Lexicon,
    entry: crate::matcher::EntryId,
    form: &str,
) -> bool {
    match matcher.label(entry) {
        Label::Loc => true,
        Label::Org => {
            !matcher.entry(entry).id.starts_with(FOOTBALL_CLUB_IDS)
                && lexicon.lowercase_first_name(form).is_none()
        }
        Label::Per => {
            lexicon.lowercase_first_name(form).is_none()
                && lexicon
                    .lowercase_surname(form)
                    .is_none_or(|s| s.count < FAMOUS_SURNAME_MAX)
        }
        _ => false,
    }
}

/// The most bearers in Denmark of a famous person's surname that is a name in lowercase
/// informal text, though lowercase writing has it often (`trump`, `putin`): above it, the
/// surname is a Dane's (`nielsen`, `larsen`), whom no one name of the lists is.
const FAMOUS_SURNAME_MAX: u32 = 200;

/// Whether `word` spells a Danish letter in ASCII (`naestved`, `sjaelland`, `aarhus`).
fn is_ascii_spelling(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.is_ascii() && bytes.windows(2).any(|d| matches!(d, b"ae" | b"oe" | b"aa"))
}

/// The lowercase name that starts at token `i`, and how many tokens it takes.
fn lowercase_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    matcher: &Matcher,
    lexicon: &Lexicon,
) -> Option<(Mention, usize)> {
    let t = tokens[i];
    let word = t.text(text);
    if !word.starts_with(char::is_lowercase) {
        return None;
    }
    // Listed names of up to three words, the longest first: `new york`, `odense`; an ASCII
    // spelling of one word (`naestved`). Else a first name may begin a person's name. Most
    // words are neither, and are turned down by these two lookups (this runs for every word
    // of informal text); frequent words begin no name.
    let listed = matcher.may_start_lowercase(word) || is_ascii_spelling(word);
    let first = lexicon.lowercase_first_name(word);
    if !listed && first.is_none() || lexicon.is_common_word(word) {
        return None;
    }
    for n in (1..=3).rev().filter(|_| listed) {
        let Some(span) = lowercase_run(text, &tokens[i..], n) else {
            continue;
        };
        let form = &text[span.start..span.end];
        if lexicon.is_lowercase_word(form) || lexicon.is_common_word(form) {
            continue;
        }
        // An abbreviation of three letters that is also a first name is the name (`ida`, not
        // `IDA`).
        if n == 1 && form.len() == 3 && first.is_some() {
            continue;
        }
        // `naestved`, `sjaelland`: a Danish letter spelled in ASCII.
        let entry = matcher.lowercase(form).or_else(|| {
            (n == 1 && is_ascii_spelling(form))
                .then(|| matcher.folded(&fold::key(form)))
                .flatten()
                .filter(|f| !f.ambiguous)
                .map(|f| f.entry)
        });
        if let Some(entry) = entry {
            // `europa`, `lego`: frequent in lowercase writing.
            if lexicon.is_frequent_in_lowercase(form)
                && !counts_though_frequent(matcher, lexicon, entry, form)
            {
                continue;
            }
            let m = Mention {
                entry: Some(entry),
                ..proposal(
                    span.start,
                    span.end,
                    matcher.label(entry),
                    Method::Gazetteer,
                )
            };
            return Some((m, n));
        }
    }
    // `ida jensen`: a first name in use in Denmark and a surname, neither of them a word; or
    // a surname that is a word but no frequent one, borne by many (`ida holm`, `peter lund`),
    // where the word would need an article or a preposition (`en holm`, `i skoven`).
    let pair = lowercase_run(text, &tokens[i..], 2).filter(|_| {
        let b = tokens[i + 1].text(text);
        let (Some(first), Some(surname)) = (first, lexicon.lowercase_surname(b)) else {
            return false;
        };
        let surname_ok = if surname.word {
            surname.count >= WORD_SURNAME_MIN && b.chars().count() >= 3
        } else {
            surname.count >= SURNAME_MIN
        };
        first.is_danish()
            && !first.word
            && !first.common_word
            && surname_ok
            && !lexicon.is_common_word(b)
    });
    match pair {
        Some(span) => Some((
            proposal(span.start, span.end, Label::Per, Method::Pattern),
            2,
        )),
        // Not a unit after a number (`5 mia. kr.`).
        None if i > 0
            && tokens[i - 1]
                .text(text)
                .starts_with(|c: char| c.is_ascii_digit()) =>
        {
            None
        }
        None => lone_first_name(text, t, first, lexicon),
    }
}

/// The fewest bearers in Denmark of a first name that is a mention alone in lowercase.
const LONE_FIRST_NAME_MIN: u32 = 500;

/// `hej simone`: token `t`, the first name `first` if it is one, borne by
/// [`LONE_FIRST_NAME_MIN`] people or more in Denmark and no word, frequent or not, alone.
/// How often lowercase writing has it does not count ([`Lexicon::is_frequent_in_lowercase`]):
/// a list of lowercase writing (subtitles) holds every frequent name (`mette`, `lars`).
fn lone_first_name(
    text: &str,
    t: Token,
    first: Option<FirstName>,
    lexicon: &Lexicon,
) -> Option<(Mention, usize)> {
    let word = t.text(text);
    let first = first?;
    let name = first.dk_count >= LONE_FIRST_NAME_MIN
        && !first.word
        && !first.common_word
        && word.chars().count() >= 3
        && word.chars().all(char::is_lowercase)
        && !lexicon.is_lowercase_word(word)
        && !lexicon.is_common_word(word);
    name.then(|| (proposal(t.start, t.end, Label::Per, Method::Pattern), 1))
}

/// The span of the `n` tokens at the start of `tokens` when each is all lowercase letters and
/// one space stands between each two.
fn lowercase_run(text: &str, tokens: &[Token], n: usize) -> Option<Token> {
    let run = tokens.get(..n)?;
    // `tv2`, `dr1`: a digit may end a channel's name.
    let lower = |t: &Token| {
        t.text(text)
            .chars()
            .all(|c| c.is_lowercase() || c == '-' || c.is_ascii_digit())
    };
    let joined = run
        .windows(2)
        .all(|w| w[1].start == w[0].end + 1 && text.as_bytes()[w[0].end] == b' ');
    (run.iter().all(lower) && joined).then(|| Token {
        start: run[0].start,
        end: run[n - 1].end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::{mentions, tag};
    use crate::Tagger;

    #[test]
    fn a_famous_surname_in_lowercase_is_the_person() {
        // Frequent in subtitles, no first name and borne by few in Denmark (`trump`, `putin`);
        // not a Dane's surname (`nielsen`).
        let mut g = crate::Gazetteer::new();
        let people = "id\tname\taliases\nt\tDonald Trump\tTrump\np\tVladimir Putin\tPutin\n\
            n\tNielsen\t\n";
        g.add_tsv(people, "p.tsv".as_ref(), Label::Per).unwrap();
        let lex = crate::Lexicon::shipped().unwrap();
        let t = Tagger::with_rules(g, lex, crate::Layers::all()).unwrap();
        let text = "lol trump og putin er vilde, nielsen også";
        let found: Vec<&str> = t.tag_text(text, 0).iter().map(|m| m.text(text)).collect();
        assert_eq!(found, ["trump", "putin"]);
        assert!(t.tag_text("Han så trump og putin.", 0).is_empty());
    }

    #[test]
    fn lowercase_names_in_informal_text_only() {
        assert_eq!(
            tag("jeg bor i odense og ida jensen i new york"),
            [
                ("odense".into(), "LOC".into(), "gazetteer".into()),
                ("ida jensen".into(), "PER".into(), "pattern".into()),
                ("new york".into(), "LOC".into(), "gazetteer".into()),
            ]
        );
        // Edited text: a lowercase form is not a name.
        assert_eq!(
            mentions("Jeg bor i odense og kender ida jensen."),
            Vec::<String>::new()
        );
        assert_eq!(mentions("hej! bor i naestved"), ["naestved"]);
        // Frequent in lowercase writing, but a place (`i danmark`, `elsker københavn`) or an
        // organisation (`netflix`, `lego`), not a football club (`saturn`, `brown`) or a
        // first name (`chelsea`). A surname that is a word is part of the name only when many
        // bear it (`skov`, not `strand`); the first name alone is one.
        assert_eq!(
            mentions("hej! ser netflix, leger lego og mødte ida strand"),
            ["netflix", "lego", "ida"]
        );
        assert_eq!(
            mentions("hej! chelsea og saturn og brown"),
            Vec::<String>::new()
        );
        assert_eq!(mentions("hej! mødte ida skov"), ["ida skov"]);
        // Names that one dictionary has in lowercase too, as no word of the other
        // (`enhedslisten`, `bryssel`); not a word that is (`parken`).
        assert_eq!(
            mentions("hej! stemmer på enhedslisten, skal til bryssel og i parken"),
            ["enhedslisten", "bryssel"]
        );
        assert_eq!(
            mentions("hej! bor i danmark, elsker københavn"),
            ["danmark", "københavn"]
        );
        // A first name alone, borne by many and no word: `simone`, not `per` or `bo`.
        assert_eq!(mentions("hahaa okey simone dig og de heste"), ["simone"]);
        // The most frequent too, which a list of words in lowercase writing (subtitles)
        // holds as it holds every frequent name.
        assert_eq!(mentions("haha ja enig med mette"), ["mette"]);
        assert_eq!(mentions("hej! per og bo kom også"), Vec::<String>::new());
        assert_eq!(mentions("Jeg så simone i går."), Vec::<String>::new());
        // Three capitals in lowercase (`fck`), unless a word (`sid`) or a first name (`ida`).
        assert_eq!(mentions("hej! fck vandt, sid ned"), ["fck"]);
        // Two capitals and a digit, a channel's name, also in lowercase (`tv2`); a digit
        // alone is no name.
        assert_eq!(mentions("hej! så det på tv2 kl 2"), ["tv2"]);
        assert_eq!(
            tag("hej! ida kom"),
            [("ida".into(), "PER".into(), "pattern".into())]
        );
        // An abbreviation after a number: `5 mia. kr.`
        assert_eq!(mentions("hej! det koster 5 mia. kr."), Vec::<String>::new());
    }
}
