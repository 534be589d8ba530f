//! Rule layers after the gazetteer pass: names no list holds, references back to earlier
//! names, and context that decides between readings.
//!
//! Each layer can be switched off on its own ([`Layers`], `--without LAYER`), so each can be
//! measured with `navne eval`; [`Layer::markdown_table`] says what each finds, as the README's
//! table of layers shows it.
//!
//! # How a document goes through
//!
//! The modules named below are private; `cargo doc --document-private-items` documents them.
//!
//! 1. **Token features** (`neighbourhood`, `features`): the tokens the layers can reach are
//!    cut once, each with its shape and, from one probe, all that the word lists say of its
//!    text (word class, a title, a head, a first name, …), which each thread works out for a
//!    text once and keeps (`facts`).
//! 2. **Propose** (`layer::Phase::Propose`): steps read the gazetteer's candidates and push
//!    names of their own (`work::Work`).
//! 3. **Merge** (`merge`): one set of mentions, none overlapping.
//! 4. **Decide** (`layer::Phase::Decide`): steps relabel, extend and add mentions.
//! 5. **Offsets** (`offsets`): genitive apostrophes, then code points, in one pass.
//!
//! # Adding a layer
//!
//! Write the layer in a file of its own here, as a function `fn(&View, &mut Work)` that reads
//! the document through `view::View` (its token features, rather than looking a token's text
//! up in a word list again) and changes the `work::Work`; add its row to `layers!` (in
//! `layer`: name, `method`s, help, what it finds) and its step to `layer::STEPS`. The
//! `--without` flag, its help and the README's table (checked by a test) follow from the row.

mod acronym;
mod alias;
mod apposition;
mod ballot;
mod branch;
mod compass;
mod compound;
mod context;
mod coordination;
mod east_asia;
mod facts;
mod features;
mod forum;
mod handles;
mod heads;
mod informal;
mod institution;
mod joined;
mod layer;
mod lowercase;
mod merge;
mod neighbourhood;
mod offsets;
mod person;
mod surname;
mod view;
mod work;

use std::cell::RefCell;

pub use layer::{Layer, Layers};
pub(crate) use neighbourhood::plain_starts;
pub(crate) use offsets::finish;
pub(crate) use work::{candidates_room, recycle};

use crate::label::Label;
use crate::lexicon::Lexicon;
use crate::matcher::{Candidate, Matcher};
use crate::mention::Mention;
use facts::Facts;
use features::Cut;
use layer::{Phase, STEPS};
use neighbourhood::neighbourhood;
use view::View;
use work::Work;

/// A mention found by a rule, with byte offsets only (code points are filled in at the end).
pub(crate) fn proposal(start: usize, end: usize, label: Label, method: crate::Method) -> Mention {
    Mention {
        start: 0,
        end: 0,
        byte_start: start,
        byte_end: end,
        label,
        entry: None,
        method,
        canonical: None,
    }
}

/// Runs the enabled layers over the gazetteer candidates of `text[body..]` and returns the
/// final mentions, sorted by start, none overlapping, with their code-point offsets.
/// `capitals` are the byte offsets where capitalised tokens start, in order, as
/// [`Matcher::scan_with_capitals`] finds them.
pub fn apply(
    text: &str,
    body: usize,
    candidates: Vec<Candidate>,
    capitals: &[usize],
    matcher: &Matcher,
    lexicon: &Lexicon,
    layers: Layers,
) -> Vec<Mention> {
    let input = (text, body, candidates, capitals);
    apply_noting(input, matcher, lexicon, layers, None)
}

/// [`apply`], which also pushes onto `considered`, when given, every name put forward before
/// the merge: the gazetteer's candidates (those held back too) and the pattern layers'
/// proposals, with byte offsets only, overlapping.
pub(crate) fn apply_noting(
    (text, body, candidates, capitals): (&str, usize, Vec<Candidate>, &[usize]),
    matcher: &Matcher,
    lexicon: &Lexicon,
    layers: Layers,
    considered: Option<&mut Vec<Mention>>,
) -> Vec<Mention> {
    // Borrowed in place, not moved out and back: the buffers are a few hundred bytes, and
    // moving them cost copies of them all per document.
    BUFFERS.with_borrow_mut(|buffers| {
        let Buffers {
            anchors,
            cut,
            facts,
            proposals,
        } = buffers;
        // Empty already, unless a layer panicked in the thread's last document (a caller may
        // catch that and go on): what it left is not this document's.
        anchors.clear();
        proposals.clear();
        anchors.extend(candidates.iter().map(|c| c.mention.byte_start));
        facts.for_lexicon(lexicon.id());
        let articles = matcher.arabic_articles();
        neighbourhood(
            (text, body),
            (capitals, anchors),
            (lexicon, articles, facts),
            cut,
        );
        let doc = View::new((text, body), std::mem::take(cut), lexicon, matcher);
        let mentions = run(&doc, candidates, layers, (considered, proposals));
        *cut = doc.into_cut();
        mentions
    })
}

/// The vectors one document's rule pass fills, all empty between documents. Each thread keeps
/// one set ([`BUFFERS`]) and reuses it for every document it tags: allocating them afresh per
/// document costs more than filling them.
#[derive(Default)]
struct Buffers {
    anchors: Vec<usize>,
    cut: Cut,
    /// Not a buffer: what the thread knows of token texts, kept from document to document.
    facts: Facts,
    /// Room for the pattern layers' proposals ([`Work::proposals`]).
    proposals: Vec<Mention>,
}

thread_local! {
    /// This thread's [`Buffers`], borrowed by [`apply`] for one document.
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// The steps of the layers switched on over the tokens of `doc`, phase by phase.
/// With `considered`, what goes into the merge is pushed onto it first ([`apply_noting`]).
/// `proposals` is an empty vector whose room the proposals take; it is left empty.
fn run(
    doc: &View,
    candidates: Vec<Candidate>,
    layers: Layers,
    (mut considered, proposals): (Option<&mut Vec<Mention>>, &mut Vec<Mention>),
) -> Vec<Mention> {
    let room = (std::mem::take(proposals), doc.capitalised.len() / 4);
    let mut work = Work::new(candidates, layers, room);
    for phase in [Phase::Propose, Phase::Decide] {
        if phase == Phase::Decide {
            if let Some(considered) = considered.as_deref_mut() {
                let listed = work.gazetteer.iter().chain(&work.held);
                considered.extend(listed.map(|c| c.mention.clone()));
                considered.extend(work.proposals.iter().cloned());
            }
            work.merge();
        }
        for step in STEPS
            .iter()
            .filter(|s| s.phase == phase && layers.any(s.layers))
        {
            (step.run)(doc, &mut work);
        }
    }
    finish(doc.text, &mut work.chosen);
    // Emptied by the merge.
    *proposals = std::mem::take(&mut work.proposals);
    // The candidates' room serves the thread's next scan.
    work::keep_candidates(std::mem::take(&mut work.gazetteer));
    work.chosen
}

/// A tagger whose gazetteer entries are the rows of `places` and of `orgs` (each a TSV text
/// with its header, as `Gazetteer::add_tsv` reads it; an empty text adds none), with every
/// rule layer, for the tests of single steps.
#[cfg(test)]
fn tagger_of(places: &str, orgs: &str) -> crate::Tagger {
    tagger_with(places, orgs, Layers::all())
}

/// [`tagger_of`] with the rule `layers` alone.
#[cfg(test)]
fn tagger_with(places: &str, orgs: &str, layers: Layers) -> crate::Tagger {
    let mut g = crate::Gazetteer::new();
    for (tsv, name, label) in [(places, "l.tsv", Label::Loc), (orgs, "o.tsv", Label::Org)] {
        if !tsv.is_empty() {
            g.add_tsv(tsv, name.as_ref(), label).unwrap();
        }
    }
    crate::Tagger::with_rules(g, crate::Lexicon::shipped().unwrap(), layers).unwrap()
}

/// What `tagger` finds in `text`: each mention's text, label and method, for the tests of
/// single steps.
#[cfg(test)]
fn found_by(tagger: &crate::Tagger, text: &str) -> Vec<(String, Label, String)> {
    tagger
        .tag_text(text, 0)
        .into_iter()
        .map(|m| (m.text(text).to_string(), m.label, m.method.to_string()))
        .collect()
}

/// What `tagger` finds in `text`: each mention's text and label ([`found_by`] without the
/// method).
#[cfg(test)]
fn labelled_by(tagger: &crate::Tagger, text: &str) -> Vec<(String, Label)> {
    found_by(tagger, text)
        .into_iter()
        .map(|(m, label, _)| (m, label))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::{words, Shape};
    use crate::Gazetteer;
    use crate::Tagger;
    use proptest::prelude::*;

    /// The layers over every token of the text, as they would run without
    /// [`neighbourhood`].
    fn apply_on_every_token(
        text: &str,
        candidates: Vec<Candidate>,
        matcher: &Matcher,
        lexicon: &Lexicon,
    ) -> Vec<Mention> {
        let mut cut = Cut::default();
        let mut facts = Facts::default();
        for t in words(text, 0) {
            let shape = Shape::of(t.text(text));
            let lexical = features::Lexical::lookup(&mut facts, lexicon, (text, t), shape);
            if lexical.names_something() {
                cut.nouns.push(cut.tokens.len());
            }
            if lexical.has_rare_form() {
                cut.forms.push(cut.tokens.len());
            }
            cut.push(t, features::Features { shape, lexical });
        }
        let doc = View::new((text, 0), cut, lexicon, matcher);
        run(&doc, candidates, Layers::all(), (None, &mut Vec::new()))
    }

    /// The view the layers get of `text` (cut by [`neighbourhood`]), with the gazetteers of
    /// `matcher`, for the properties of single steps.
    pub(super) fn view_of<'a>(
        text: &'a str,
        matcher: &'a Matcher,
        lexicon: &'a Lexicon,
    ) -> View<'a> {
        let (candidates, capitals) = matcher.scan_with_capitals(text, 0);
        let anchors: Vec<usize> = candidates.iter().map(|c| c.mention.byte_start).collect();
        let mut cut = Cut::default();
        let mut facts = Facts::default();
        neighbourhood(
            (text, 0),
            (&capitals, &anchors),
            (lexicon, matcher.arabic_articles(), &mut facts),
            &mut cut,
        );
        View::new((text, 0), cut, lexicon, matcher)
    }

    /// The shipped word lists, loaded once for every case of the properties below: loading
    /// them is most of a case's time.
    pub(super) fn shipped() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::shipped().unwrap())
    }

    fn tagger() -> Tagger {
        let orgs = "id\tname\taliases\tambiguous\n\
            fck\tFC København\tFCK\t\nv\tVenstre\t\tyes\neb\tEkstra Bladet\t\t\n\
            ft\tFolketinget\t\t\nap\tApple\t\t\nida\tIDA\t\t\nsid\tSID\t\t\n\
            nf\tNetflix\t\t\nlego\tLEGO\tLego\t\nc\tChelsea\t\t\ntv\tTV 2\tTV2\t\n\
            openfootball:ar:Brown\tBrown\t\t\nopenfootball:ru:Saturn\tFC Saturn\tSaturn\t\n\
            el\tEnhedslisten\t\t\n";
        let places = "id\tname\taliases\nd\tDanmark\t\t\no\tOdense\t\t\nny\tNew York\t\t\n\
            n\tNæstved\t\t\nk\tKøbenhavn\t\t\nb\tBryssel\t\t\np\tParken\t\t\n";
        tagger_of(places, orgs)
    }

    /// (mention, label, method) of each mention of `text`.
    pub(super) fn tag(text: &str) -> Vec<(String, String, String)> {
        tagger()
            .tag_text(text, 0)
            .into_iter()
            .map(|m| {
                let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                assert_eq!(chars, m.text(text));
                (chars, m.label.to_string(), m.method.to_string())
            })
            .collect()
    }

    pub(super) fn mentions(text: &str) -> Vec<String> {
        tag(text).into_iter().map(|(m, _, _)| m).collect()
    }

    fn matcher() -> Matcher {
        let mut g = Gazetteer::new();
        let people = "id\tname\taliases\tambiguous\np\tPer\t\tyes\nj\tJens Stoltenberg\t\t\n";
        g.add_tsv(people, "p.tsv".as_ref(), Label::Per).unwrap();
        let places = "id\tname\taliases\tprior\nl\tBrøndby\t\t0.6\nd\tDanmark\t\t\nm\tMen\t\t\n";
        g.add_tsv(places, "l.tsv".as_ref(), Label::Loc).unwrap();
        let orgs = "id\tname\taliases\no\tBrøndby\t\t\nf\t3F\t\t\nn\tDansk Industri\tDI\n";
        g.add_tsv(orgs, "o.tsv".as_ref(), Label::Org).unwrap();
        Matcher::new(g).unwrap()
    }

    /// Words and separators that exercise every layer: first names, surnames, titles,
    /// particles, connectors, heads, initials, joined tokens, capitals, digits.
    const PIECES: &[&str] = &[
        "Jens",
        "Stoltenberg",
        "Per",
        "Hans",
        "Susan",
        "Mackensie",
        "Nielsen",
        "Madsen",
        "M.",
        "H.L.",
        "van",
        "der",
        "de",
        "og",
        "i",
        "af",
        "for",
        "mod",
        "statsminister",
        "hr.",
        "Direktør",
        "Universitet",
        "Aarhus",
        "A/S",
        "Stadion",
        "Bådehavnsgade",
        "Brøndby",
        "Danmark",
        "Danmarks",
        "FN-soldater",
        "x-Men",
        "O'Brien",
        "Bech-Nielsen",
        "DR's",
        "DI",
        "Dansk",
        "Industri",
        "(DI)",
        "Århus",
        "ÆBLE",
        "JENS",
        "OLSEN",
        "3F",
        "2-1",
        "kom",
        "sagde",
        "vandt",
        "fodbold",
        "en",
        "Fremskridtspartiet",
        "Hos",
        "firmaet",
        "byen",
        "é",
        "Élan",
        // Words that open a clause, which start no walk before a word that ends it, one such
        // word (`er`), and `Men`, which the gazetteer here lists as a place.
        "Han",
        "Og",
        "For",
        "Efter",
        "Det",
        "Den",
        "Men",
        "er",
        // `I`, a numeral or the preposition, and words that end a walk after a name.
        "I",
        "dag",
        "siger",
        // Plain words, which end a name of two names when no name follows them, and, in the
        // definite form, of one; at a sentence start, frequent words start no walk before a
        // word that ends it.
        "Mere",
        "Livet",
        "Mange",
        "Sådan",
        // A point of the compass, alone (a truncated word before `-` and `og`) and before a
        // listed place; a conjunction; an Arabic surname with its article.
        "Nord",
        "Norddanmark",
        "Nord-Danmark",
        "eller",
        "al-Assad",
    ];
    const GAPS: &[&str] = &[
        " ", " ", " ", "  ", "\t", ". ", ", ", ".", "-", "'", "\n\n", "\n", " (", ") ", " - ", "",
    ];

    pub(super) fn text() -> impl Strategy<Value = String> {
        prop::collection::vec((0..PIECES.len(), 0..GAPS.len()), 0..40).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(p, g)| format!("{}{}", PIECES[p], GAPS[g]))
                .collect()
        })
    }

    /// Checks that every layer over the tokens [`neighbourhood`] cuts finds what it finds over
    /// every token of `text`; returns those mentions.
    fn assert_sparse_tokens_suffice(text: &str, m: &Matcher, lex: &Lexicon) -> Vec<Mention> {
        let (candidates, capitals) = m.scan_with_capitals(text, 0);
        let sparse = apply(text, 0, candidates, &capitals, m, lex, Layers::all());
        let full = apply_on_every_token(text, m.scan(text, 0), m, lex);
        assert_eq!(sparse, full, "{text:?}");
        full
    }

    #[test]
    fn neighbourhood_keeps_what_the_layers_walk_to() {
        let (m, lex) = (matcher(), Lexicon::shipped().unwrap());
        for text in [
            "spillede Rafael van de la Vaart i går",
            "Foreningen af Danske Biblioteker og Vejle Boldklub ved Lyngby Stadion",
            "mener hr. Jensen, og H.L. Hansen kom",
            "Per. Per Hansen kom; x-Men og Men kom",
            "sagde statsminister Poul Schlüter til Brøndby efter 2-1 i fodbold",
            "Dansk Industri (DI) mener, at DI's krav står",
            "JENS Stadion-Stadion 2-1 2-1 ",
            // A head leads a name only across plain space (`af` after a comma is not its).
            "FN-soldater og Universitet, af, Direktør ",
            // An Arabic surname with its article goes on in a name, as a capitalised one.
            "Jens al-Assad al-Assad ",
            "sagde Mohammed al-Hakim al-Tikriti i går",
        ] {
            let full = assert_sparse_tokens_suffice(text, &m, &lex);
            assert!(!full.is_empty(), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Cutting out only the tokens around capitalised words and candidates gives the
        /// layers exactly what the full token list gives them.
        #[test]
        fn neighbourhood_is_as_good_as_every_token(text in text()) {
            let (m, lex) = (matcher(), shipped());
            let (candidates, capitals) = m.scan_with_capitals(&text, 0);
            let sparse = apply(&text, 0, candidates, &capitals, &m, lex, Layers::all());
            let full = apply_on_every_token(&text, m.scan(&text, 0), &m, lex);
            prop_assert_eq!(sparse, full);
        }

        /// A name found by a pattern starts with a capital, never with the word before it
        /// (`Hos`, a title) or a connector (`i`, `og`). The layers of informal writing are
        /// off: they take names as they are written (`ivan` alone in lowercase text, an
        /// `@handle`, a forum's user name).
        #[test]
        fn pattern_names_start_with_a_capital(text in text()) {
            let (m, lex) = (matcher(), shipped());
            let (candidates, capitals) = m.scan_with_capitals(&text, 0);
            let layers = Layers::all()
                .with(Layer::Lowercase, false)
                .with(Layer::Handles, false);
            let found = apply(&text, 0, candidates, &capitals, &m, lex, layers);
            for x in found.iter().filter(|x| x.method == crate::Method::Pattern) {
                let first = x.text(&text).chars().next();
                prop_assert!(first.is_some_and(char::is_uppercase), "{:?} in {:?}", x, text);
            }
        }

        /// The tokens cut out are tokens of the full list, each once, in order, with their
        /// shapes and what the word lists say of them, and `capitalised` indexes exactly the capitalised ones.
        #[test]
        fn neighbourhood_cuts_true_tokens_once(text in text()) {
            let m = matcher();
            let (candidates, capitals) = m.scan_with_capitals(&text, 0);
            let anchors: Vec<usize> = candidates.iter().map(|c| c.mention.byte_start).collect();
            let lex = shipped();
            let mut cut = Cut::default();
            // What a thread knows from earlier documents: the same text, tagged before.
            let mut facts = Facts::default();
            for _ in 0..2 {
                cut.clear();
                let articles = m.arabic_articles();
                neighbourhood((&text, 0), (&capitals, &anchors), (lex, articles, &mut facts), &mut cut);
            }
            let all = words(&text, 0);
            let tokens = &cut.tokens;
            prop_assert!(tokens.windows(2).all(|w| w[0].end <= w[1].start), "{:?}", tokens);
            for (t, f) in tokens.iter().zip(&cut.features) {
                prop_assert!(all.contains(t), "{:?} is no token", t);
                prop_assert_eq!(f.shape, Shape::of(t.text(&text)));
                prop_assert_eq!(f.lexical.class(), lex.word_class(t.text(&text)));
                // What the thread kept is what the lists say of the text afresh.
                let fresh = features::Lexical::of(lex, t.text(&text), f.shape);
                prop_assert_eq!(f.lexical, fresh);
            }
            let want: Vec<usize> = (0..tokens.len()).filter(|&i| cut.features[i].shape.capitalised()).collect();
            prop_assert_eq!(&cut.capitalised, &want);
        }
    }

    /// A listed name that starts with punctuation, after a word and a gap: the name is in no
    /// token, and the neighbourhood once started from the word before it, which ends short of
    /// it, so it came back to the name without end (the tagger looped, filling memory).
    #[test]
    fn names_that_start_with_punctuation_are_passed() {
        let mut g = Gazetteer::new();
        let places = "id\tname\taliases\nh\t's-Hertogenbosch\t\nk\t(Kbh)\t\ni\t'ine\t\n";
        g.add_tsv(places, "l.tsv".as_ref(), Label::Loc).unwrap();
        let (m, lex) = (Matcher::new(g).unwrap(), Lexicon::shipped().unwrap());
        for text in [
            "Han rejste til 's-Hertogenbosch i går",
            "h\t's-Hertogenbosch\t\n",
            "Kontoret i (Kbh) lukker",
            "Hos (Kbh)",
            "l\t'ine",
            "'ine og 'ine",
            "x (Kbh",
        ] {
            assert_sparse_tokens_suffice(text, &m, &lex);
        }
    }

    /// What one thread learned of words under one lexicon is not taken for another's: the
    /// same text, tagged by turns with and without `statsminister` among the titles.
    #[test]
    fn lexicons_do_not_share_what_words_are() {
        let dir = std::env::temp_dir().join(format!("navne-facts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("titles.txt"), "borgmester\n").unwrap();
        let without = Lexicon::from_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let with = Lexicon::shipped().unwrap();
        let m = matcher();
        // A name no list holds, so only the title makes it one.
        let text = "Det mener statsminister Qwertzhoff.";
        let tag = |lex: &Lexicon| {
            let (candidates, capitals) = m.scan_with_capitals(text, 0);
            let found = apply(text, 0, candidates, &capitals, &m, lex, Layers::all());
            found
                .iter()
                .map(|x| x.text(text).to_string())
                .collect::<Vec<_>>()
        };
        for _ in 0..2 {
            assert_eq!(tag(&with), ["Qwertzhoff"]);
            assert!(tag(&without).is_empty());
        }
        assert_eq!(tag(&with.clone()), ["Qwertzhoff"]);
    }
}
