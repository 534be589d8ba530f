//! Person names by pattern: a known first name followed by capitalised names
//! (`Susan Mackensie`, `Poul M. Jensen`, `Helle Thorning-Schmidt`, `Rafael van der Vaart`), and
//! a title or role followed by a capitalised name (`statsminister Poul Schlüter`, where the
//! title is not part of the mention).

use super::{proposal, Layer, View, Work};
use crate::label::{Label, Method};
use crate::matcher::Candidate;
use crate::tokens::strip_genitive;
use crate::word_class::{pack, WordClass};

/// The longest name a pattern takes, in tokens.
const MAX_TOKENS: usize = 5;

/// Proposes the person names found by the first-name patterns (`person-patterns`) and the
/// title patterns (`title-patterns`), as they are switched on, in text order.
pub(crate) fn find(doc: &View, work: &mut Work) {
    let first_names = work.layers.has(Layer::PersonPatterns);
    let titles = work.layers.has(Layer::TitlePatterns);
    let (gazetteer, out) = (&work.gazetteer, &mut work.proposals);
    // Every pattern starts at a capitalised token; `next` is the first token not yet taken.
    let mut next = 0;
    // The gazetteer's candidates that start at a token.
    let mut listed = Listed::new(gazetteer);
    let mut patronymics = Patronymics::default();
    // Every token has its features, and every capitalised token is a token: told once here,
    // which spares the accesses below their bound checks.
    let tokens = doc.tokens.len();
    assert_eq!(doc.features.len(), tokens);
    for (at_capital, &i) in doc.capitalised.iter().enumerate() {
        if i < next {
            continue;
        }
        if i >= tokens {
            break;
        }
        // Most capitalised tokens start no name, which what the patterns ask first tells from
        // a few of their features: the patterns themselves are asked of the others only.
        let listed = listed.at(doc.tokens[i].start);
        // A name of several words the gazetteers list as no person's is looked into by no
        // pattern: one that starts in it and goes on past it (`Erhverv Brian Mikkelsen` of
        // `Dansk Erhverv Brian Mikkelsen`) would take its last words ([`is_listed_other`]).
        // A person's name that starts at its first word is the patterns' to find or not.
        // One that ends with the token is of one word: told without reading its text.
        let several = |c: &&Candidate| c.mention.byte_end > doc.tokens[i].end;
        if let Some(c) = listed.filter(several) {
            if is_listed_other(doc, Some(c), usize::MAX) {
                next = doc.token_at(c.mention.byte_end);
            }
        }
        if !may_start(doc, i, listed, (&mut patronymics, at_capital)) {
            continue;
        }
        let layers = (first_names, titles);
        let found = starting_at(doc, i, listed, layers, (&mut patronymics, at_capital));
        if let Some((start, end, after)) = found {
            // A name of one token may have a given name no list knows before it, also a name
            // the gazetteers list as another kind alone (`Aaja Chemnitz`), which wins the merge
            // alone.
            let one = end == doc.tokens[i].end && first_names;
            let start = match one.then(|| unknown_given_name(doc, i, gazetteer, out)) {
                Some(Some(p)) => doc.tokens[p].start,
                _ => start,
            };
            out.push(proposal(start, end, Label::Per, Method::Pattern));
            next = after;
        }
    }
}

/// A walk along the gazetteer's candidates with the tokens: the candidates are sorted by start
/// and do not overlap, so at most one starts at a token (and the person that starts there is
/// that one, if a person).
struct Listed<'g> {
    /// The candidates.
    candidates: &'g [Candidate],
    /// The first candidate that starts at or after the byte last asked.
    at: usize,
    /// Where candidate `at` starts (past the text when none is left): most tokens start no
    /// candidate, which one comparison with it tells.
    start: usize,
}

impl<'g> Listed<'g> {
    /// The walk along the `candidates`, from the start.
    fn new(candidates: &'g [Candidate]) -> Listed<'g> {
        let mut walk = Listed {
            candidates,
            at: 0,
            start: 0,
        };
        walk.go_to(0);
        walk
    }

    /// The candidate that starts at byte `start`, if any, for `start` no smaller than
    /// the byte last asked.
    #[inline]
    fn at(&mut self, start: usize) -> Option<&'g Candidate> {
        if self.start < start {
            self.go_to(start);
        }
        (self.start == start).then(|| &self.candidates[self.at])
    }

    /// Moves to the first candidate that starts at or after byte `start`.
    fn go_to(&mut self, start: usize) {
        while self
            .candidates
            .get(self.at)
            .is_some_and(|c| c.mention.byte_start < start)
        {
            self.at += 1;
        }
        self.start = self
            .candidates
            .get(self.at)
            .map_or(usize::MAX, |c| c.mention.byte_start);
    }
}

/// Whether a pattern may start at capitalised token `i`, by what each pattern asks first:
/// `listed` is the gazetteer's candidate that starts at the token (if any); `patronymics` and the index of `i`
/// in [`View::capitalised`] for [`by_surname`]'s. Inlined in the walk over the tokens, where it
/// turns most down.
#[inline(always)]
fn may_start(
    doc: &View,
    i: usize,
    listed: Option<&Candidate>,
    (patronymics, at_capital): (&mut Patronymics, usize),
) -> bool {
    // A first name ([`by_first_name`]) or a surname alone ([`by_lone_surname`]): bits of one
    // word, asked at once.
    doc.may_be_first_name(i)
        || doc.is_lone_surname(i)
        || listed.is_some_and(|c| c.mention.label == Label::Per)
        || after_title_word(doc, i)
        || may_start_surname(doc, i) && patronymics.within_reach(doc, at_capital)
        || may_be_genitive(doc, i) && listed.is_none()
        || is_letter_initial(doc, i)
}

/// The name that starts at capitalised token `i` by the first pattern that finds one, of
/// those switched on (`first_names`, `titles`): its start and end in bytes, and the first
/// token after it. `listed` and `patronymics` as for [`may_start`]. Out of line, as few
/// tokens get here.
#[inline(never)]
fn starting_at(
    doc: &View,
    i: usize,
    listed: Option<&Candidate>,
    (first_names, titles): (bool, bool),
    (patronymics, at_capital): (&mut Patronymics, usize),
) -> Option<(usize, usize, usize)> {
    let patronymic_within_reach = || patronymics.within_reach(doc, at_capital);
    (first_names.then(|| by_first_name(doc, i, listed)).flatten())
        .or_else(|| titles.then(|| by_title(doc, i, listed)).flatten())
        .or_else(|| {
            first_names
                .then(|| by_surname(doc, i, listed, patronymic_within_reach))
                .flatten()
        })
        .or_else(|| first_names.then(|| by_initials(doc, i, listed)).flatten())
        .or_else(|| first_names.then(|| by_lone_surname(doc, i)).flatten())
        .or_else(|| {
            first_names
                .then(|| by_first_name_genitive(doc, i, listed))
                .flatten()
        })
}

/// Where the capitalised patronymics are ([`View::is_patronymic`]), asked of capitalised tokens
/// in text order: each capitalised token's bit is read about once per document, rather than
/// every token's within reach once for each capitalised token before it. A name that
/// [`extend`] finds ends in a patronymic only at a capitalised token (a word in capitals has
/// no lowercase `sen`), so only those count.
#[derive(Default)]
struct Patronymics {
    /// An index into [`View::capitalised`]: those from the one last asked up to this one are
    /// no patronymic.
    next: usize,
}

impl Patronymics {
    /// Whether a capitalised token in `[i, i + MAX_TOKENS)` is a patronymic, where `i` is
    /// the capitalised token at index `at` of [`View::capitalised`], at or after the one last
    /// asked.
    fn within_reach(&mut self, doc: &View, at: usize) -> bool {
        let reach = doc.capitalised[at] + MAX_TOKENS;
        self.next = self.next.max(at);
        while let Some(&k) = doc.capitalised.get(self.next) {
            if k >= reach {
                return false;
            }
            if doc.is_patronymic(k) {
                return true;
            }
            self.next += 1;
        }
        false
    }
}

/// The run of name tokens that [`extend`] finds after a token: where it ends, and whether
/// one of its tokens is a head of an organisation or place name, which its walk tells as it
/// goes.
#[derive(Clone, Copy, Debug)]
struct Extent {
    /// The index of the run's last capitalised token.
    last: usize,
    /// Whether a token of the run, from the one after the first up to `last`, is a head
    /// ([`View::is_any_head`]).
    headed: bool,
}

impl Extent {
    /// Whether a token of the run after its first, or the one right after it, is a head of an
    /// organisation or place name (`Thor Bryggerierne`, `Nikolaj Plads`): then the name is not
    /// a person's.
    fn has_head(self, doc: &View) -> bool {
        self.headed || head_after(doc, self.last)
    }
}

/// Whether the token right after token `to`, with only plain space between them, is a head of
/// an organisation or place name ([`Extent::has_head`]).
fn head_after(doc: &View, to: usize) -> bool {
    to + 1 < doc.tokens.len()
        && doc.is_any_head(to + 1)
        && doc.spaced(doc.tokens[to].end, doc.tokens[to + 1].start)
}

/// From token `i`, the run of name tokens that follows it (initials and particles inside):
/// where it ends, at the last capitalised token, if any. Its first turn-down is inlined where
/// it is asked, the walk kept out of line ([`extend_run`]).
#[inline(always)]
fn extend(doc: &View, i: usize) -> Option<Extent> {
    // Most runs end before they start, at a word in lowercase that is no particle (a name
    // token and an initial are capitalised), which its features tell without the walk; in
    // capitals, a name goes on in any word without lowercase letters ([`extend_run`]).
    let k = i + 1;
    if k < doc.tokens.len()
        && !doc.is_capitalised(k)
        && !doc.is_particle(k)
        && !doc.is_all_caps(i)
        && !article_surname_at(doc, k)
    {
        return None;
    }
    extend_run(doc, i)
}

/// [`extend`] past its first turn-down: the walk along the run.
#[inline(never)]
fn extend_run(doc: &View, i: usize) -> Option<Extent> {
    // Every token has its features: told once here, which spares the walk's accesses their
    // bound checks.
    assert_eq!(doc.features.len(), doc.tokens.len());
    let mut last = None;
    // Whether a token of the walk so far, after token `i`, is a head: what
    // [`Extent::has_head`] asks of the tokens of the run, told as they are walked.
    let mut headed = false;
    // A name in capitals (`LYKKE ELKJÆR OLSEN`) goes on in capitals.
    let capitals = doc.is_all_caps(i);
    // Where the gap before the next token starts: after the full stop of an initial.
    let mut gap = doc.tokens[i].end;
    let mut initial = doc.is_initial_in_name(i);
    // Each check below ends the name; the ones a token's features answer come first, as most
    // names end at the first token after them, which is no name.
    for k in i + 1..doc.tokens.len().min(i + MAX_TOKENS) {
        // `Af Egon Nielsen Vi har …`: a word that opens a clause ends the name; `Otto
        // Petersen Oberst`: a title after a name is not part of it, but for a title that is a
        // surname right after a first name (`Nicklas Rytter`).
        if doc.opens_clause(k)
            || doc.is_title(k) && !doc.is_surname_after_first_name(k)
            || is_preposition_i(doc, k)
            || opens_sentence_in_lowercase(doc, k)
        {
            break;
        }
        // In capitals, a frequent word ends the name: `METTE FREDERIKSEN MØDTE …`, `… I OSLO`;
        // so does a token that starts with no capital (`JENS HANSEN 2-1`).
        let caps_word =
            capitals && doc.is_capitalised(k) && !doc.tok(k).chars().any(char::is_lowercase);
        let name = (doc.is_name_token(k) || caps_word || article_surname_at(doc, k))
            && !(caps_word && doc.is_common_word(k));
        // [`View::is_initial_in_name`], its first question kept for the next.
        let shaped = doc.is_initial(k);
        let k_initial = shaped && !doc.ends_sentence_at(k);
        // An initial's shape whose full stop ends the sentence is the name's last word only as
        // a surname (`siger Lars Bak.`): a letter alone or an abbreviation there ends the name
        // before it (`Ru K. Der er`, `Selkirk Dvs. der`).
        if shaped && !k_initial && !doc.is_surname(k) {
            break;
        }
        // `van der`: a particle goes on before a name or another particle.
        let particle = !(name || k_initial) && doc.is_particle(k);
        if !(name || k_initial || particle) {
            break;
        }
        let t = doc.tokens[k];
        // `H.L. Hansen`: initials may follow each other without a space.
        let joined_initials = initial && k_initial && gap + 1 == t.start;
        if !joined_initials && !doc.spaced(gap + usize::from(initial), t.start) {
            break;
        }
        let particle_goes_on = || {
            k + 1 < doc.tokens.len()
                && doc.spaced(t.end, doc.tokens[k + 1].start)
                && (doc.is_name_token(k + 1) || doc.is_particle(k + 1))
        };
        if particle && !particle_goes_on() {
            break;
        }
        // `Mads Langer Hør det her`, `Helle Thorning-Schmidt Læs mere`: a headline run into
        // the line after it. A word that is no name ([`View::is_plain_word`]) where it would
        // end a name of two names or more begins the next sentence; after one name, only a
        // word in the definite form does (`Søren Livet`), as another may be a surname no
        // list holds (`Chris Rock`). After a first name and a surname, so does a word in the
        // definite form that no list has as a name, frequent or not (`Foto: Ole Clausen Kålen
        // skal`; but `Kevin De Bruyne`).
        let plain = |k: usize| doc.is_plain_word(k) && !doc.is_initial(k) && !doc.is_any_head(k);
        let after_surname =
            || last.is_some_and(|e: Extent| doc.is_surname(e.last) || doc.is_patronymic(e.last));
        let run_on = || {
            plain(k) && (last.is_some() || super::features::is_definite(doc.tok(k)))
                || after_surname() && doc.is_unnamed_definite(k)
        };
        if name && run_on() {
            // A name goes on after it only in a name (`Er De`: no name).
            let goes_on = k + 1 < doc.tokens.len()
                && doc.spaced(t.end, doc.tokens[k + 1].start)
                && (doc.is_name_token(k + 1) && !plain(k + 1)
                    || doc.is_initial(k + 1)
                    || doc.is_particle(k + 1));
            if !goes_on {
                break;
            }
        }
        // `Peter Skov`: a head that is a surname after a first name ends a person's name.
        headed |= doc.is_any_head(k) && !doc.is_surname_after_first_name(k);
        if name && !k_initial {
            last = Some(Extent { last: k, headed });
        }
        (gap, initial) = (t.end, k_initial);
    }
    last
}

/// Whether token `k` is an Arabic surname written with its article (`al-Sisi` of `Abdel
/// Fattah al-Sisi`, `el-Baradei`, `ash-Shaibani`: [`crate::articles::ArabicArticles`]). It
/// goes on in a name as a capitalised name does.
#[inline(always)]
fn article_surname_at(doc: &View, k: usize) -> bool {
    doc.matcher
        .arabic_articles()
        .is_surname_token(doc.text, doc.tokens[k])
}

/// Whether token `k` is a capitalised particle or pronoun of three letters at most that a
/// lowercase word follows across plain space (`Selkirk De er`, `Bush Man kan`, `Clintons Der
/// er`): the first word of a sentence run into a name. Before a name it is part of one
/// (`Robert De Niro`, `Lula Da Silva`), which is why `function_words.txt` leaves such words
/// out of the clause words. Those words are ASCII, so the token is lowercased in place when it
/// is ASCII and turned down when it is not.
fn opens_sentence_in_lowercase(doc: &View, k: usize) -> bool {
    let t = doc.tokens[k];
    let len = t.end - t.start;
    if len > 3 || !doc.is_capitalised(k) || k + 1 >= doc.tokens.len() {
        return false;
    }
    let next = doc.tokens[k + 1];
    if !(doc.spaced(t.end, next.start) && doc.text[next.start..].starts_with(char::is_lowercase)) {
        return false;
    }
    let mut lower = [0u8; 3];
    lower[..len].copy_from_slice(&doc.text.as_bytes()[t.start..t.end]);
    lower.make_ascii_lowercase();
    let classes = WordClass::PARTICLE.or(WordClass::PRONOUN);
    lower.is_ascii()
        && doc
            .lexicon
            .has_word_class_packed(pack(&lower[..len]), len, classes)
}

/// Whether token `k` is `I` before a word, with plain space between: the preposition that
/// begins a sentence run into a name (`Illustration: Ole Clausen I Sydamerika fandt han …`,
/// `Ole Clausen I dag`), not a numeral, which ends a name before punctuation (`Christian I,
/// der døde`). A numeral before a word (`Margrete I døde`) is taken for the preposition too:
/// captions and bylines run into a sentence are far more frequent in news. Told from the
/// text, whether or not the word after it was cut.
fn is_preposition_i(doc: &View, k: usize) -> bool {
    let t = doc.tokens[k];
    let bytes = doc.text.as_bytes();
    t.end - t.start == 1
        && bytes[t.start] == b'I'
        && matches!(bytes.get(t.end), Some(b' ' | b'\t'))
        && super::neighbourhood::plain_gap_end(doc.text, t.end).is_some()
}

/// `Susan Mackensie`: a listed first name (also in capitals: `JENS`) and at least one
/// capitalised name after it; or a lone first name mid-sentence (`hej til Bente`), where its
/// capital marks it as a name. A single token the gazetteers list as a person (`listed`, the
/// candidate that starts at the token, if any) counts as a first name when names follow it
/// (`Paul-Loup Sulitzer`).
fn by_first_name(
    doc: &View,
    i: usize,
    listed: Option<&Candidate>,
) -> Option<(usize, usize, usize)> {
    if !doc.may_be_first_name(i) {
        let person = listed.is_some_and(|c| {
            c.mention.label == Label::Per && !c.mention.text(doc.text).contains(' ')
        });
        let run = person.then(|| extend(doc, i)).flatten()?;
        if run.has_head(doc) {
            return None;
        }
        return Some((doc.tokens[i].start, doc.tokens[run.last].end, run.last + 1));
    }
    if doc.follows_saint(i) {
        return None;
    }
    let common_word = doc.first_name_is_word(i);
    // `angrebet i Israel af Hamas`, `bygget i Kina af Geely`: a first name that the gazetteers
    // list as another kind of name (a country) goes on in a person's name through names
    // only, not through a particle, which is a preposition there (`af` of a passive's agent),
    // nor through a frequent word that is no name (`i Israel Søndag aften`).
    // Asked only of a name that goes on, the token after the first name's bits first.
    let other = || {
        (doc.is_particle(i + 1) || doc.is_plain_word(i + 1))
            && listed.is_some_and(|c| {
                c.mention.label != Label::Per && c.mention.byte_end == doc.tokens[i].end
            })
    };
    let last = extend(doc, i).filter(|_| !other());
    // A name in capitals that is also a frequent word, alone (`HANS musik`, `JO TAK`: in
    // capitals a frequent word ends a name), is the word: capitals mark emphasis there.
    // Before a name it is a name (`JENS STOLTENBERG`, `JENS Sandfeld Søndergaard`).
    if doc.is_all_caps(i) && common_word && last.is_none() {
        return None;
    }
    let Some(run) = last else {
        // A first name in capitals of two or three letters alone is an abbreviation (`UK`,
        // `IRA`, `AIA`): in UNER train, 14 of 15 such tokens are part of an organisation's
        // name or none, and none is a person's.
        if doc.is_short_caps(i) {
            return None;
        }
        // At a sentence start, a first name that is no ordinary word too (`Birte gik hen`,
        // not `Liv nikkede`) and is in use in Denmark (not `Sa`, `Ge`: words of informal
        // writing more often than someone's name) is still a name.
        let lone = !common_word && !doc.is_common_word(i) && doc.first_name_is_danish(i)
            || !doc.starts_sentence(i);
        return (lone && !ends_foreign_name(doc, i) && !placed_foreign_name(doc, i))
            .then(|| (doc.tokens[i].start, doc.tokens[i].end, i + 1));
    };
    // `Hans Majestæt`, `Per Se`: a first name that is also a common word, at a sentence start,
    // needs a following name that is not a common word itself, or one that is a frequent
    // surname too ([`WORD_SURNAME_MIN`]: `Sten Rask`, `David Lassen`; not `Jon Man`). An
    // initial is a name's, though a letter alone is a word of the lists too (`Jens E. Have`).
    let frequent_surname = || {
        doc.lexicon
            .surname(doc.tok(i + 1))
            .is_some_and(|s| s.count >= WORD_SURNAME_MIN)
    };
    // A particle (`van`) is a name's too when a name follows it, as the run says one does.
    let word_after = || {
        doc.is_common_word(i + 1)
            && !doc.is_initial(i + 1)
            && !doc.is_particle(i + 1)
            && !frequent_surname()
    };
    // The first name's own features first: the surname's lookup is asked only of the few
    // first names that are words, at a sentence start.
    if common_word && doc.starts_sentence(i) && word_after() {
        return None;
    }
    if run.has_head(doc) {
        return None;
    }
    let end = doc.tokens[run.last].end;
    if is_listed_other(doc, listed, end) {
        return None;
    }
    Some((doc.tokens[i].start, end, run.last + 1))
}

/// `Novo Nordisk Danmark`, `Dansk Erhverv Brian Mikkelsen`: whether `listed`, the gazetteers'
/// candidate that starts where a person's name of the patterns would, is a name of several
/// words of another label that ends before byte `end`, the person's end. The listed name is
/// the name, not the first words of a longer person's: a place or a country after it is a
/// mention of its own (or with it the name of its branch, [`super::branch`]), and a person
/// after it starts after it, where the patterns look next.
fn is_listed_other(doc: &View, listed: Option<&Candidate>, end: usize) -> bool {
    listed.is_some_and(|c| {
        c.mention.label != Label::Per
            && c.mention.byte_end < end
            && c.mention.text(doc.text).contains(' ')
    })
}

/// Whether the lone first name at token `i`, one seldom borne in Denmark, follows a word that
/// places names (`unlisted` in `context.txt`: `i`): `i Haifa`, `i Jenin`, `i Austin`, towns
/// that the gazetteers leave out for their names being persons' too. In UNER train, 13 of the
/// 14 such first names after `i` are places (`i Kina`, `i Paris`), the last a genitive.
fn placed_foreign_name(doc: &View, i: usize) -> bool {
    !doc.first_name_is_danish(i)
        && doc
            .token_before(i)
            .is_some_and(|p| doc.places_unlisted_names(p))
}

/// Whether the lone first name at token `i` ends a foreign name after a particle: a capitalised
/// word, a particle and the first name (`Tour de France`, `Île de France`), with plain space
/// between them. A first name there is a place's or an event's word, not someone's name. A
/// frequent word at a sentence start is no name's word, and the particle after it a Danish
/// word (`Kender du Mathias`, `Så du Emma`).
fn ends_foreign_name(doc: &View, i: usize) -> bool {
    let Some(p) = doc.token_before(i) else {
        return false;
    };
    doc.is_particle(p)
        && !doc.is_capitalised(p)
        && doc.token_before(p).is_some_and(|w| {
            doc.is_capitalised(w)
                && !doc.may_be_first_name(w)
                && !(doc.is_common_word(w) && doc.starts_sentence(w))
        })
}

/// Whether `token`, without a genitive ending, is a patronymic surname (`Nielsen`, `Larsson`,
/// `Madsens`): it ends in `sen` or `son` and has five characters or more.
pub(crate) fn is_patronymic(token: &str) -> bool {
    let surname = strip_genitive(token);
    ["sen", "son"].iter().any(|s| surname.ends_with(s)) && surname.chars().count() >= 5
}

/// `Lynge Nielsen`, `Madsen`: capitalised names ending in a patronymic surname (`-sen`,
/// `-son`), the commonest kind of Danish surname, which ordinary words rarely share.
/// `listed` is the gazetteers' candidate that starts at token `i`, if any;
/// `patronymic_within_reach` tells whether a capitalised token in `[i, i + MAX_TOKENS)` is a
/// patronymic ([`Patronymics`]).
fn by_surname(
    doc: &View,
    i: usize,
    listed: Option<&Candidate>,
    patronymic_within_reach: impl FnOnce() -> bool,
) -> Option<(usize, usize, usize)> {
    if !may_start_surname(doc, i) {
        return None;
    }
    // The name ends in a patronymic, at most `MAX_TOKENS` tokens on ([`extend`]): most
    // capitalised tokens have none within reach.
    if !patronymic_within_reach() {
        return None;
    }
    let lex = doc.lexicon;
    let last = extend(doc, i).map_or(i, |run| run.last);
    // A patronymic in a capitalised token: not one glued to an Arabic surname's article
    // (`al-AssadNielsen`), which ends a run uncapitalised, where [`Patronymics`] does not look.
    if !doc.is_patronymic(last) || !doc.is_capitalised(last) {
        return None;
    }
    // A head before the surname ends another name (`Aalborg Universitet Ole Hansen`): the
    // person's starts after it, where the patterns look next.
    if (i..last).any(|k| doc.is_any_head(k)) || is_listed_other(doc, listed, doc.tokens[last].end) {
        return None;
    }
    let surname = strip_genitive(doc.tok(last));
    // A sentence-initial word before the name is more likely a word (`Byretsdommer`, `Ifølge`)
    // than an unknown first name.
    if last > i && doc.starts_sentence(i) && lex.first_name(doc.tok(i)).is_none() {
        return None;
    }
    // A listed surname is a name whatever word it ends in, which is the dearer question.
    // (A name in capitals has no patronymic: the surname ends in lowercase `sen` or `son`.)
    let word_like = || lex.is_common_word(surname) || lex.ends_in_common_word(surname);
    if !lex.is_surname(surname) && word_like() {
        return None;
    }
    Some((doc.tokens[i].start, doc.tokens[last].end, last + 1))
}

/// Whether capitalised token `i` may start a name of [`by_surname`]: a common word or a title
/// (`Det`, `Direktør`) starts none; asked first, as it settles most sentence starts from the
/// token's own features. An initial does (`A. B. Larsen`), though a letter alone is a word of
/// the lists too.
fn may_start_surname(doc: &View, i: usize) -> bool {
    doc.is_name_token(i) && !doc.is_title(i) && (!doc.is_common_word(i) || doc.is_initial(i))
}

/// `J. P. Fischer`, `P.G. Lindhardt`, `A. B. Krøyer`, `H.L. Hansen var`: initials of one
/// letter each and a surname after them, a person's name with its initials, at a sentence
/// start too (where [`by_surname`] takes a patronymic only after a first name). The surname is
/// listed, and no word unless many bear it (`A. B. Lund`), or it is a patronymic that is no
/// word (`K. J. Philipsen`); not a first name (`… skriver K. Peter kom`: initials that sign
/// a text before the next sentence). A name with a head (`A.P. Møller Holding`) or a listed
/// name of another label that ends short of it is none. `listed` is the gazetteers' candidate
/// that starts at token `i`, if any; one of the same extent wins the merge (`A.P. Møller`,
/// the firm).
fn by_initials(doc: &View, i: usize, listed: Option<&Candidate>) -> Option<(usize, usize, usize)> {
    if !is_letter_initial(doc, i) {
        return None;
    }
    let run = extend(doc, i)?;
    let last = run.last;
    if !(i + 1..last).all(|k| is_letter_initial(doc, k))
        || doc.is_all_caps(last)
        || doc.may_be_first_name(last)
        || run.has_head(doc)
    {
        return None;
    }
    let lex = doc.lexicon;
    let name = strip_genitive(doc.tok(last));
    let surname = match lex.surname(name) {
        Some(s) => !s.word || s.count >= WORD_SURNAME_MIN,
        None => {
            doc.is_patronymic(last) && !(lex.is_common_word(name) || lex.ends_in_common_word(name))
        }
    };
    let end = doc.tokens[last].end;
    (surname && !is_listed_other(doc, listed, end)).then(|| (doc.tokens[i].start, end, last + 1))
}

/// Whether token `i` is an initial of one letter with its full stop (`J.` of `J. Quade`, each
/// of `H.L.`), not an abbreviation of several (`Chr.`, `St.`).
///
/// Asked of most capitalised tokens ([`may_start`]): the token's shape first
/// ([`View::is_initial`]), then its length in bytes (a letter has one or two).
#[inline(always)]
fn is_letter_initial(doc: &View, i: usize) -> bool {
    let t = doc.tokens[i];
    doc.is_initial(i) && t.end - t.start <= 2 && doc.text[t.start..t.end].chars().nth(1).is_none()
}

/// `udgave af Krarup og Langballe`, `Kampmann var`: a surname alone, borne by
/// [`LONE_SURNAME_MIN`] people or more in Denmark and no word (not `Skov`, `Lund`), where no
/// list claims the token (a gazetteer match of it wins the merge), not after a word that
/// introduces a place (`fra Thorning`, a village) and not beside `&` (`Brüel & Kjær`, a firm). A surname that is also a
/// word needs a first name, an initial or a title beside it, which the other patterns see.
fn by_lone_surname(doc: &View, i: usize) -> Option<(usize, usize, usize)> {
    // The surname first: most tokens are none, and the thread remembers which are.
    if !doc.is_lone_surname(i)
        || !doc.is_name_token(i)
        || doc.is_all_caps(i)
        || doc.is_common_word(i)
        || doc.is_title(i)
        || doc.is_any_head(i)
        || doc.may_be_first_name(i)
    {
        return None;
    }
    // Before another capitalised name it is part of a longer name that no pattern knows.
    let next_is_name = doc.before_capitalised(i);
    // `fra Thorning`: after a word that introduces a place, a village of the same name.
    let after_place = doc.token_before(i).is_some_and(|p| doc.is_place_word(p));
    // `Brüel & Kjær`, `Birch & Krogboe`: surnames joined by `&` name a firm.
    let t = doc.tokens[i];
    let firm = doc.text[..t.start].trim_end().ends_with('&')
        || doc.text[t.end..].trim_start().starts_with('&');
    (!next_is_name && !after_place && !firm).then(|| (t.start, t.end, i + 1))
}

/// `mødte Pele Broberg`, `viser Abiy Ahmed`: the token before a person's name of one token,
/// capitalised token `i`, when the name is a surname that may name a person alone
/// ([`View::is_lone_surname`]: borne by [`LONE_SURNAME_MIN`] people or more in Denmark, no
/// word) and the token a given name that no list knows ([`given_name_before`]). Greenlandic,
/// African and Asian given names are in no list of names borne in Denmark, and the surname
/// after one was a person's name alone, without its given name. `gazetteer` holds the
/// candidates of the gazetteers and `out` the names the patterns found before this one,
/// neither of which may hold the token.
#[inline(never)]
fn unknown_given_name(
    doc: &View,
    i: usize,
    gazetteer: &[Candidate],
    out: &[crate::mention::Mention],
) -> Option<usize> {
    if !doc.is_lone_surname(i) {
        return None;
    }
    let p = given_name_before(doc, i)?;
    let t = doc.tokens[p];
    let k = gazetteer.partition_point(|c| c.mention.byte_end <= t.start);
    let listed = gazetteer
        .get(k)
        .is_some_and(|c| c.mention.byte_start < t.end);
    let found = out.last().is_some_and(|m| m.byte_end > t.start);
    (!listed && !found).then_some(p)
}

/// The token before capitalised token `i`, a surname, if it is a given name that no list
/// knows, as its own features and its neighbours tell: across plain space, a capitalised
/// name's word that
/// - the lists know nothing of: no first name, surname, frequent word, title or head, no
///   word of the dictionaries of up to five letters (`Villa`) and no compound that ends in a
///   frequent word (`Tandlæge`);
/// - is not in capitals, no initial, and of at most [`GIVEN_NAME_MAX`] characters, which
///   leaves out the compound nouns of a heading that no full stop ends;
/// - does not start a sentence, where a capitalised word is more often a word of the sentence
///   than a name (`Hadprædikant Paludan`);
/// - follows no capitalised word (three names no list knows), no number (a heading's or a
///   list's) and no word after which a capitalised word no list knows is a place (`i`).
///
/// Whether a gazetteer names the token is the caller's to ask.
pub(super) fn given_name_before(doc: &View, i: usize) -> Option<usize> {
    let p = doc.token_before(i)?;
    let unknown = doc.is_name_token(p)
        && !doc.is_all_caps(p)
        && !doc.is_initial(p)
        && !doc.is_common_word(p)
        && !doc.may_be_first_name(p)
        && !doc.is_surname(p)
        && !doc.is_title(p)
        && !doc.is_abbreviated_title(p)
        && !doc.is_any_head(p)
        && !doc.is_speech_verb(p);
    let word = doc.tok(p);
    if !unknown || word.chars().count() > GIVEN_NAME_MAX || doc.starts_sentence(p) {
        return None;
    }
    // A word of the dictionaries of up to five letters (`Villa`), or a compound that ends in
    // a frequent word (`Tandlæge`), is that word.
    let lex = doc.lexicon;
    if lex.is_short_word(&word.to_lowercase()) || lex.ends_in_common_word(word) {
        return None;
    }
    // A number before it most often numbers a heading or a list's item.
    let before = doc.token_before(p).is_some_and(|k| {
        doc.is_capitalised(k)
            || doc.places_unlisted_names(k)
            || doc.tok(k).starts_with(|c: char| c.is_ascii_digit())
    });
    (!before).then_some(p)
}

/// `i Camillas sofa`, `Sonjas øjne`: the genitive of a first name in use in Denmark that is
/// no word (not `Storms`), alone, where no name of the gazetteer candidates starts (`listed`,
/// the one that starts at the token, if any): a person. Before another capitalised name it is
/// part of a longer name that the other patterns see.
fn by_first_name_genitive(
    doc: &View,
    i: usize,
    listed: Option<&Candidate>,
) -> Option<(usize, usize, usize)> {
    let t = doc.tokens[i];
    if listed.is_some() || !may_be_genitive(doc, i) || doc.may_be_first_name(i) {
        return None;
    }
    // Before another capitalised name, which two tokens' features and a byte tell, it is no
    // genitive alone: asked before the lexicon's lookup of the name, the dearer question.
    if doc.before_capitalised(i) {
        return None;
    }
    let first = doc.lexicon.first_name(strip_genitive(doc.tok(i)))?;
    (first.is_danish() && !first.word && !first.common_word).then_some((t.start, t.end, i + 1))
}

/// Whether token `i` may be what [`by_first_name_genitive`] finds, by its features first: a
/// name that is no frequent word, not in capitals, ending in `s` as a genitive does.
fn may_be_genitive(doc: &View, i: usize) -> bool {
    doc.is_name_token(i)
        && !doc.is_all_caps(i)
        && !doc.is_common_word(i)
        && doc.text.as_bytes()[doc.tokens[i].end - 1] == b's'
}

/// The fewest bearers in Denmark of a surname that is also a frequent word (`Rask`, `Høj`,
/// `Lassen`) for it to make a name after a first name that is a word too, at a sentence start
/// (`Sten Rask`): `Strøm` (1,078) does, `Kold` (781) and `Man` (38) do not.
const WORD_SURNAME_MIN: u32 = 1_000;

/// The most characters of a given name that no list knows ([`unknown_given_name`]): most
/// given names are shorter (`Aqqaluk`, `Kuupik`, `Abiy`), most compound nouns longer.
const GIVEN_NAME_MAX: usize = 8;

/// The fewest bearers in Denmark of a surname that is a name alone mid-sentence.
pub(crate) const LONE_SURNAME_MIN: u32 = 200;

/// Whether a title, abbreviated or not, or a speech verb stands right before token `n`, as
/// [`by_title`] needs: most words before a name are none, which their features tell.
fn after_title_word(doc: &View, n: usize) -> bool {
    n.checked_sub(1)
        .is_some_and(|i| doc.is_title(i) || doc.is_speech_verb(i) || doc.is_abbreviated_title(i))
}

/// `siger Abduzahim Pulatov`, `siger Nile Rodgers`: a name of two or three words that no list
/// knows, tokens `[n, last]`, after a verb that introduces a person speaking, token `i`: no
/// verb that an organisation speaks with as often (`oplyser`, `vurderer`: `speech_verbs.txt`
/// marks them `org`), and words that are names' words, not in capitals, no frequent word and
/// no head (`siger Better Energy`), nor a country last that makes an organisation's branch
/// (`mener Finans Danmark`, [`super::branch`]) or an adjective of origin or kind first, which
/// begins an organisation's name (`mener Dansk Byggeri`, [`super::heads`]). In UNER train,
/// each of the 89 runs of two capitalised words or more after a speech verb is a person's
/// name.
fn unknown_speaker(doc: &View, i: usize, (n, last): (usize, usize)) -> bool {
    last - n <= 2
        && !doc.lexicon.is_org_speech_verb(doc.tok(i))
        && !doc.lexicon.org_heads().is_branch(doc.tok(last))
        && !super::heads::ends_like_name_adjective(doc.tok(n).as_bytes())
        && (n..=last).all(|k| {
            doc.is_name_token(k)
                && !doc.is_all_caps(k)
                && !doc.is_common_word(k)
                && !doc.is_any_head(k)
        })
}

/// `statsminister Poul Schlüter`: a capitalised name at token `n` right after a title, and not
/// a place or organisation of the gazetteers (`listed`, the candidate that starts at token `n`,
/// if any).
fn by_title(doc: &View, n: usize, listed: Option<&Candidate>) -> Option<(usize, usize, usize)> {
    if !after_title_word(doc, n) {
        return None;
    }
    let i = n - 1;
    // `spiller EM`: capitals after a title are an abbreviation, not a name; nor does a name
    // start at a word that opens a clause (`sagde Han.`).
    if !doc.is_name_token(n) || doc.is_all_caps(n) || doc.begins_no_name(n) {
        return None;
    }
    // `dr. Jensen`: an abbreviated title keeps its full stop; after any other title, a full
    // stop ends the sentence (`sagde departementschefen. Stenene`).
    let abbreviated = doc.text.as_bytes().get(doc.tokens[i].end) == Some(&b'.');
    if !(abbreviated || doc.is_title(i) || doc.is_speech_verb(i)) {
        return None;
    }
    let gap = doc.tokens[i].end + usize::from(abbreviated);
    if !doc.spaced(gap, doc.tokens[n].start) || abbreviated && !doc.is_abbreviated_title(i) {
        return None;
    }
    // Titles are lowercase mid-sentence; capitalised only at a sentence start.
    if doc.is_capitalised(i) && !doc.starts_sentence(i) {
        return None;
    }
    if doc.is_common_word(n) && !doc.is_initial(n) && doc.lexicon.first_name(doc.tok(n)).is_none() {
        return None;
    }
    let run = extend(doc, n);
    let last = run.map_or(n, |run| run.last);
    // After a verb that introduces a speaker, a name of several words is a person's only where
    // it reads as one: a first name or an initial first, or a surname last (`oplyser Maersk
    // Tankers`, `meddeler Universal Robots` are firms), or two or three words no list knows
    // after a verb that firms seldom speak with ([`unknown_speaker`]: `siger Nile Rodgers`).
    // One word alone is a speaker's surname no list holds as often as not (`siger
    // Trangeled`). A country that makes an organisation's branch is no surname here, though
    // some bear it (`oplyser Finans Danmark`, [`super::branch`]).
    let speaker = !abbreviated && !doc.is_title(i);
    if speaker
        && last > n
        && !(doc.may_be_first_name(n)
            || doc.is_initial(n)
            || doc.is_surname(last) && !doc.lexicon.org_heads().is_branch(doc.tok(last))
            || doc.is_patronymic(last)
            || unknown_speaker(doc, i, (n, last)))
    {
        return None;
    }
    // An article begins a name only before more of it (`sagde Den Blå Avis`, not `sagde Det.`).
    if last == n && doc.is_name_article(n) {
        return None;
    }
    // One word in the definite form that no list has as a name is an institution that speaks,
    // not a speaker (`siger Ombudsmanden`, `oplyser Anklagemyndigheden`): so are both of
    // UNER train's such words after a speech verb.
    if speaker && last == n && doc.is_unnamed_definite(n) {
        return None;
    }
    // `understreger Udenrigsministeriets eksperter`: an organisation, also in the genitive.
    // After a title, a first name makes it a person's name all the same, whatever its
    // surname (`siger informationschef Margrethe Skov`, `understreger Jesper Bank`), but not
    // when its last word is a head that is no surname (`oplyser Novo Nordisk Foundation`,
    // `Alka Forsikring`). A head may be the name's first token too, also one that begins an
    // organisation's name (`oplyser Deutsche Telekom`, `siger Region Hovedstaden`).
    let head = doc.is_any_head(n)
        || doc.is_first(n, Label::Org)
        || run.is_some_and(|run| run.headed)
        || head_after(doc, last)
        || doc.is_head(last, Label::Org);
    let ends_in_head = doc.is_any_head(last) && !doc.is_surname(last);
    if head && !(last > n && doc.may_be_first_name(n) && !ends_in_head) {
        return None;
    }
    let (start, end) = (doc.tokens[n].start, doc.tokens[last].end);
    let other = listed.is_some_and(|c| c.mention.label != Label::Per && c.mention.byte_end >= end);
    if other || is_listed_other(doc, listed, end) {
        return None;
    }
    Some((start, end, last + 1))
}

#[cfg(test)]
mod tests {
    use super::{article_surname_at, extend, is_patronymic, MAX_TOKENS};
    use crate::rules::tests::{shipped, view_of};
    use crate::rules::{Layer, Layers};
    use crate::{Gazetteer, Lexicon, Matcher, Tagger};
    use proptest::prelude::*;

    fn tag(text: &str, layers: Layers) -> Vec<(String, String)> {
        let mut g = Gazetteer::new();
        g.add_tsv(
            "id\tname\taliases\nl\tDanmark\t\nk\tDanske Bank\t\ni\tIsrael\t\n",
            "t.tsv".as_ref(),
            crate::Label::Loc,
        )
        .unwrap();
        let t = Tagger::with_rules(g, Lexicon::shipped().unwrap(), layers).unwrap();
        t.tag_text(text, 0)
            .into_iter()
            .map(|m| {
                (
                    m.text(text).to_string(),
                    format!("{}/{}", m.label, m.method),
                )
            })
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        let only = Layers::none()
            .with(Layer::PersonPatterns, true)
            .with(Layer::TitlePatterns, true);
        tag(text, only)
            .into_iter()
            .filter(|(_, k)| k == "PER/pattern")
            .map(|(m, _)| m)
            .collect()
    }

    #[test]
    fn a_given_name_no_list_knows_goes_with_the_surname_after_it() {
        // Greenlandic and African given names are in no list; the surname after one is borne
        // by many in Denmark (`Broberg`, `Lynge`), or a first name too (`Ahmed`).
        assert_eq!(
            names("I går mødte Pele Broberg og Quvik Lynge statsministeren."),
            ["Pele Broberg", "Quvik Lynge"]
        );
        assert_eq!(names("Billedet viser Abiy Ahmed."), ["Abiy Ahmed"]);
        // Not at a sentence start, nor a word of the dictionaries (`Villa`), a compound ending
        // in a frequent word (`Tandlæge`), a word of more than eight letters (a compound), one
        // after a number (a heading), a third name no list knows, or a place after `i`.
        assert_eq!(
            names("Pele Broberg kom. Den ligger på Villa Broberg hos Tandlæge Lynge."),
            ["Broberg", "Broberg", "Lynge"]
        );
        assert_eq!(names("mødte Qaqortormiut Lynge der."), ["Lynge"]);
        assert_eq!(names("11 Qorlak Lynge stod der."), ["Lynge"]);
        assert_eq!(names("mødte Zorlak Quvik Lynge"), ["Lynge"]);
        assert_eq!(names("et hus i Qaqortoq Lynge"), ["Lynge"]);
        // A name of the gazetteers is no given name (`Danmark`).
        assert_eq!(names("for Danmark Broberg"), ["Broberg"]);
        // A surname that the gazetteers list as a town, alone, is the town; with a given name
        // before it, a person's.
        let t = crate::rules::tagger_of("id\tname\taliases\nl\tLynge\t\n", "");
        assert_eq!(
            crate::rules::labelled_by(&t, "Bussen kører til Lynge, hvor vi mødte Pele Lynge."),
            [
                ("Lynge".to_string(), crate::Label::Loc),
                ("Pele Lynge".to_string(), crate::Label::Per)
            ]
        );
    }

    #[test]
    fn an_initial_after_a_first_name_that_is_a_word_is_a_name() {
        // `Hans`, `Jens` and `Per` are words too, and so are `b`, `e` and `a`: at a sentence
        // start, an initial after such a first name is a name's all the same.
        assert_eq!(
            names("Hans B. Kjærsgaard mener det. Jens E. Kjærsgaard mener det."),
            ["Hans B. Kjærsgaard", "Jens E. Kjærsgaard"]
        );
        // A word after it still is a word (`Hans Majestæt`), but for a frequent surname.
        assert_eq!(names("Hans Majestæt kom."), Vec::<String>::new());
        assert_eq!(
            names("Sten Rask kom. David Lassen kom. Jon Man kom."),
            ["Sten Rask", "David Lassen"]
        );
        assert_eq!(
            names("Svend van der Lynggaard kom. Hans de bedste år."),
            ["Svend van der Lynggaard"]
        );
    }

    #[test]
    fn a_listed_name_of_several_words_is_no_first_name_of_a_longer_one() {
        // `Novo` is a first name, and `Novo Nordisk` an organisation the gazetteers list: a
        // capitalised word after it does not make the three a person's name. A listed name of
        // one word still starts one (`Maria`, here an organisation's name).
        let t = crate::rules::tagger_of("", "id\tname\taliases\nn\tNovo Nordisk\t\nm\tMaria\t\n");
        let found = |text: &str| -> Vec<(String, crate::Label)> {
            t.tag_text(text, 0)
                .into_iter()
                .map(|m| (m.text(text).to_string(), m.label))
                .collect()
        };
        assert_eq!(
            found("Nu er Novo Nordisk Danmarks største selskab."),
            [("Novo Nordisk".to_string(), crate::Label::Org)]
        );
        assert_eq!(
            found("Nu kom Maria Hansen."),
            [("Maria Hansen".to_string(), crate::Label::Per)]
        );
        // Nor after a verb that introduces a speaker.
        let after_verb = found("Det siger Novo Nordisk Hansen.");
        assert_eq!(
            after_verb[0],
            ("Novo Nordisk".to_string(), crate::Label::Org),
            "{after_verb:?}"
        );
    }

    #[test]
    fn a_listed_name_of_several_words_does_not_start_a_patronymic_name() {
        // `Dansk Erhverv` is listed: the person after it is `Brian Mikkelsen`, not all four.
        let t = crate::rules::tagger_of("", "id\tname\taliases\nd\tDansk Erhverv\t\n");
        let text = "Direktør for Dansk Erhverv Brian Mikkelsen siger nej.";
        let found: Vec<(&str, crate::Label)> = t
            .tag_text(text, 0)
            .into_iter()
            .map(|m| (&text[m.byte_start..m.byte_end], m.label))
            .collect();
        assert_eq!(
            found,
            [
                ("Dansk Erhverv", crate::Label::Org),
                ("Brian Mikkelsen", crate::Label::Per)
            ]
        );
    }

    #[test]
    fn a_definite_noun_after_a_speech_verb_is_no_speaker() {
        // An institution in the definite form speaks (`Anklagemyndigheden`); a surname that
        // ends as one does is a speaker still (`Jensen`).
        assert!(names("Det oplyser Anklagemyndigheden. Det siger Kriminalforsorgen.").is_empty());
        assert_eq!(names("Det siger Jensen."), ["Jensen"]);
    }

    #[test]
    fn a_short_first_name_in_capitals_alone_is_an_abbreviation() {
        // `Ib` and `Uk` are first names; `IB` and `UK` alone are abbreviations. Before a
        // surname, or written as a name, they are names still.
        assert!(names("Han mødte IB i går. De bor i UK nu.").is_empty());
        assert_eq!(
            names("IB HANSEN kom. Så kom Ib Hansen. Han mødte Ib."),
            ["IB HANSEN", "Ib Hansen", "Ib"]
        );
    }

    #[test]
    fn a_short_surname_before_a_sentence_end_is_no_initial() {
        // `Dam`, `Bak` and `Li` are surnames of three letters or two: their full stop ends a
        // sentence when no name goes on after it, where `Chr.` and `M.` are initials.
        assert_eq!(
            names("Det mener Anne Dam. Derefter siger Lars Bak. Og Anne M. Li."),
            ["Anne Dam", "Lars Bak", "Anne M. Li"]
        );
        assert_eq!(
            names("ifølge Jens Chr. Hansen og Jens Bak. Hansen"),
            ["Jens Chr. Hansen", "Jens Bak. Hansen"]
        );
    }

    #[test]
    fn initials_before_a_surname_are_the_name_s_at_a_sentence_start_too() {
        assert_eq!(
            names("H.L. Hansen var her. K. J. Philipsen, Hasselvej 6. Det sagde J. P. Fischer."),
            ["H.L. Hansen", "K. J. Philipsen", "J. P. Fischer"]
        );
        // A listed surname that is no patronymic, also in the genitive, and one that is a
        // word when many bear it.
        assert_eq!(
            names("Maleriet af P.S. Krøyer. A. B. Krøyers datter og B. Lund kom."),
            ["P.S. Krøyer", "A. B. Krøyers", "B. Lund"]
        );
        // No word that follows a writer's initials at a paragraph's end, no first name (a
        // name of its own), no name with a head, no abbreviation of several letters, no
        // letter alone.
        assert_eq!(
            names("Det skriver L. P. Derimod kom han. K. Peter kom. Så kom A. Skov Allé."),
            ["Peter"]
        );
        assert_eq!(names("R.I.P. Hvil i fred."), Vec::<String>::new());
        assert_eq!(names("Det var Chr. Krøyer."), ["Krøyer"]);
    }

    #[test]
    fn an_abbreviation_in_capitals_ends_a_sentence_before_a_name() {
        // `USA.`, `EF.`: two capitals or three and a full stop are no initials.
        assert_eq!(
            names("Aftalen med USA. Erik Karlsson mener det. I EF. Preben Madsen kom."),
            ["Erik Karlsson", "Preben Madsen"]
        );
        // A letter is one, in capitals too.
        assert_eq!(names("MED JENS H. HANSEN I DAG"), ["JENS H. HANSEN"]);
    }

    #[test]
    fn a_short_word_s_full_stop_goes_on_in_a_name_only_before_a_surname() {
        // Two letters or three: a surname after the full stop keeps the name going, anything
        // else begins a sentence, the short word a surname or a place at its end.
        assert_eq!(
            names(
                "Det siger Benny Dam. Ellen Hansen vinkede. Han bor på Møn. Ulrik Sørensen mener."
            ),
            ["Benny Dam", "Ellen Hansen", "Ulrik Sørensen"]
        );
        assert_eq!(
            names("ifølge Jens Chr. Hansen og Carl Th. Dreyer"),
            ["Jens Chr. Hansen", "Carl Th. Dreyer"]
        );
        // A letter alone before a frequent word, or an abbreviation that is no surname, ends
        // the name before it.
        assert_eq!(
            names("Udspil: Hans K. Der er ingen. Af Peter Selkirk Dvs. der kom."),
            ["Hans", "Peter Selkirk"]
        );
    }

    #[test]
    fn a_word_in_the_definite_form_after_a_surname_begins_a_sentence() {
        // A caption run into the text: the definite noun is the next sentence's first word,
        // frequent or not; a surname in the definite form's shape is no such word.
        assert_eq!(
            names("Foto: Ole Clausen Kålen skal koges. Foto: Iver Høj Gulvbelægningen er ny."),
            ["Ole Clausen", "Iver Høj"]
        );
        assert_eq!(
            names("Det sagde Anne Marie Holmen i går."),
            ["Anne Marie Holmen"]
        );
        // Only after a surname: a particle is none.
        assert_eq!(
            names("Det sagde Kevin De Bruyne i går."),
            ["Kevin De Bruyne"]
        );
    }

    #[test]
    fn a_capitalised_particle_before_a_lowercase_word_begins_a_sentence() {
        // A sentence run into a name: `De`, `Man`, `Der` open it before a lowercase word, and
        // go on in a name before a capitalised one.
        assert_eq!(
            names("Brev til Søren De er ikke enige. Til Søren Man kan ikke. Til Søren Der er."),
            ["Søren", "Søren", "Søren"]
        );
        assert_eq!(
            names("Det sagde Kevin De Bruyne og Mario Da Silva i går."),
            ["Kevin De Bruyne", "Mario Da Silva"]
        );
    }

    #[test]
    fn a_name_in_capitals_ends_before_a_number() {
        assert_eq!(
            names("Top 3: 1. KRISTOFFER ADAMSEN 2. METTE SKOV 3. JENS HANSEN 2-1"),
            ["KRISTOFFER ADAMSEN", "METTE SKOV", "JENS HANSEN"]
        );
        assert_eq!(names("KONG CHRISTIAN IV BYGGEDE"), ["CHRISTIAN IV"]);
    }

    /// An Arabic surname written with its article ends a name: `al-Sisi`, `ash-Shaibani`; a
    /// lowercase word after the hyphen (`al-tid`), a lone article or another lowercase prefix
    /// (`ex-Hansen`) does not.
    #[test]
    fn an_article_and_a_surname_end_a_name() {
        assert_eq!(
            names("mødte Abdel Fattah al-Sisi og Hassan ash-Shaibani i går"),
            ["Abdel Fattah al-Sisi", "Hassan ash-Shaibani"]
        );
        for text in [
            "mødte Hassan al-tid i går",
            "mødte Hassan al- i går",
            "mødte Hassan ex-Hansen i går",
        ] {
            assert_eq!(names(text), ["Hassan"], "{text}");
        }
    }

    #[test]
    fn first_name_patterns() {
        assert_eq!(names("pointerer Susan Mackensie."), ["Susan Mackensie"]);
        assert_eq!(names("mødte Dmytro Kuleba i går"), ["Dmytro Kuleba"]);
        assert_eq!(names("ifølge Poul M. Jensen"), ["Poul M. Jensen"]);
        assert_eq!(names("ifølge cheflæge A. B. Larsen"), ["A. B. Larsen"]);
        assert_eq!(names("fra punkt a til b og c"), Vec::<String>::new());
        // A head that is a surname ends a person's name after a first name.
        assert_eq!(
            names("mødte Tobias Rahim og Benjamin Hav"),
            ["Tobias Rahim", "Benjamin Hav"]
        );
        assert_eq!(names("ifølge Per Gade i går"), ["Per Gade"]);
        // Also after middle initials, at a sentence start too, where a name needs more than a
        // capital.
        assert_eq!(
            names("tribunen. Christian E. Skov: Derfor har"),
            ["Christian E. Skov"]
        );
        assert_eq!(
            names("ifølge Per H.L. Gade og Jesper K. Bank"),
            ["Per H.L. Gade", "Jesper K. Bank"]
        );
        // A hyphenated pair of first names is a first name (`Pierre-Emile`), though
        // `Højbjerg` is a place too.
        assert_eq!(
            names("udtog Pierre-Emile Højbjerg og Hans-Jørgen Nielsen"),
            ["Pierre-Emile Højbjerg", "Hans-Jørgen Nielsen"]
        );
        assert_eq!(names("sejlede på Det Indiske Hav"), Vec::<String>::new());
        // A name ending in a patronymic starts after a head (`Universitet`).
        assert_eq!(
            names("mener Aalborg Universitet Ole Hansen"),
            ["Ole Hansen"]
        );
        // A lone first name that ends a foreign name after a particle is none (`France` is
        // a first name); after a first name, or with a name after it, it still is.
        assert_eq!(names("vandt Tour de France igen"), Vec::<String>::new());
        assert_eq!(names("Kender du Mathias fra 9.b?"), ["Mathias"]);
        assert_eq!(names("hilsen fra Maria de Anna"), ["Maria de Anna"]);
        assert_eq!(
            names("med Helle Thorning-Schmidt og Jens Bech-Nielsens kone"),
            ["Helle Thorning-Schmidt", "Jens Bech-Nielsens"]
        );
        assert_eq!(
            names("spillede Rafael van der Vaart"),
            ["Rafael van der Vaart"]
        );
        assert_eq!(names("sagde Jens. Peter kom"), ["Jens", "Peter"]);
        // A first name in use in Denmark is no initial: its full stop ends the sentence, and
        // the name with it. Initials and abbreviated names go on past theirs (`Poul M.
        // Jensen` above).
        assert_eq!(names("Det sagde Ole. Derefter gik han"), ["Ole"]);
        assert_eq!(names("mødte Jens Bo. Senere kom hun"), ["Jens Bo"]);
        assert_eq!(names("sagde Th. Sørensen"), ["Th. Sørensen"]);
        assert_eq!(names("Hans Majestæt kom"), Vec::<String>::new());
        assert_eq!(names("Per Løkkegaard kom"), ["Per Løkkegaard"]);
        assert_eq!(
            names("JENS Sandfeld Søndergaard hævder"),
            ["JENS Sandfeld Søndergaard"]
        );
        // In capitals, a name ends before a frequent word; a name in capitals that is a
        // frequent word is the word (`HANS musik`).
        assert_eq!(
            names("METTE FREDERIKSEN MØDTE JENS STOLTENBERG I OSLO"),
            ["METTE FREDERIKSEN", "JENS STOLTENBERG"]
        );
        assert_eq!(
            names("vil høre HANS musik og KUN den"),
            Vec::<String>::new()
        );
        // A country that is a first name goes on in a name through no particle (`af`).
        assert_eq!(
            names("angrebet i Israel af Hamas, sammen med Anne af Rosenborg"),
            ["Anne af Rosenborg"]
        );
        assert_eq!(
            names("skete i Israel Søndag aften, sagde Israel Katz"),
            ["Israel Katz"]
        );
        // After `i`, a lone first name seldom borne in Denmark is a place's (`Jenin`, a town
        // the gazetteers leave out as a first name); one in use here is still a person's.
        assert_eq!(
            names("rykkede ind i Jenin og var forelsket i Camilla"),
            ["Camilla"]
        );
        // A lone first name at a sentence start is a Danish one (not `Sa`, a word of informal
        // writing for `så`).
        assert_eq!(names("Birte gik hen. Sa gik vi."), ["Birte"]);
        // The genitive of a first name, alone; not of one that is a word.
        assert_eq!(
            names("Han sad i Camillas sofa. Sonjas øjne lyser. Storms kraft."),
            ["Camillas", "Sonjas"]
        );
        // A frequent surname alone mid-sentence; not one that is a word.
        assert_eq!(
            names("en udgave af Krarup og Langballe, ikke af Skov"),
            ["Krarup", "Langballe"]
        );
        // One that ends in `s` too, which is no genitive of its base (`Friis`, `Behrens`).
        assert_eq!(names("en udgave af Friis og Behrens"), ["Friis", "Behrens"]);
        assert_eq!(
            names("sagde Lynge Nielsen. Madsen gav mig opskriften"),
            ["Lynge Nielsen", "Madsen"]
        );
        assert_eq!(
            names("Krisen er over os, siger Erlings Olsens kone"),
            ["Erlings Olsens"]
        );
        assert_eq!(names("No Fuel Left For The Pilgrims"), Vec::<String>::new());
        assert_eq!(names("Tilholderlåsen sad fast. Sørensen kom"), ["Sørensen"]);
        assert_eq!(names("ifølge Kosan-direktørerne"), Vec::<String>::new());
        assert_eq!(
            names("Byretsdommer Nils Erik Jensen fandt"),
            ["Nils Erik Jensen"]
        );
        assert_eq!(names("sagde Jens i går"), ["Jens"]);
        // `Jens`, `Per`: also frequent as words in the word lists, so not alone at a start.
        assert_eq!(names("Jens kom i går"), Vec::<String>::new());
        assert_eq!(names("Birte gik hen til døren."), ["Birte"]);
        // A first name that is also an ordinary word stays the word at a sentence start.
        assert_eq!(names("Liv nikkede og smilede."), Vec::<String>::new());
        assert_eq!(names("Per kom i går"), Vec::<String>::new());
        // A byline run into its article: the name ends before the word that opens a clause.
        assert_eq!(
            names("Af Egon Nielsen Vi har en tradition"),
            ["Egon Nielsen"]
        );
    }

    #[test]
    fn title_patterns() {
        assert_eq!(names("mener statsminister Schlüter."), ["Schlüter"]);
        assert_eq!(
            names("siger udenrigsminister Uffe Ellemann-Jensen"),
            ["Uffe Ellemann-Jensen"]
        );
        assert_eq!(names("forfatteren Karen Blixen skrev"), ["Karen Blixen"]);
        // Roles of present-day culture, also at the end of a compound.
        assert_eq!(names("koncert med rapperen Gilli i aften"), ["Gilli"]);
        assert_eq!(names("ifølge stand-up-komikeren Cilius"), ["Cilius"]);
        assert_eq!(names("Direktør Mogens Hansen siger"), ["Mogens Hansen"]);
        assert_eq!(names("formand for Danske Bank"), Vec::<String>::new());
        assert_eq!(names("direktør Danske Bank"), Vec::<String>::new());
        assert_eq!(names("hvis han spiller EM i år"), Vec::<String>::new());
        // A speech verb introduces its speaker like a title.
        assert_eq!(
            names("\"Det er svært,\" siger Trangeled og spørger Weimann."),
            ["Trangeled", "Weimann"]
        );
        assert_eq!(names("siger Danske Bank"), Vec::<String>::new());
        assert_eq!(
            names("siger informationschef Margrethe Skov. Det understreger Jesper Bank."),
            ["Margrethe Skov", "Jesper Bank"]
        );
        // But not before a head that is no surname (`Foundation`), and after a verb that
        // introduces a speaker, a name of several words needs a first name, an initial or a
        // surname to be a person's (`Universal Robots` is a firm).
        assert_eq!(
            names("oplyser Novo Nordisk Foundation og meddeler Universal Robots"),
            Vec::<String>::new()
        );
        // Nor a name that a head begins (`Deutsche`, `Region`).
        assert_eq!(
            names("siger Deutsche Telekom og oplyser Region Nordjylland"),
            Vec::<String>::new()
        );
        // A head as written is no genitive of a surname (`Holdings`; `Holding` is a surname).
        assert_eq!(names("mener Novo Holdings"), Vec::<String>::new());
        assert_eq!(
            names("oplyser Lise Kromann og meddeler P. Andersen og skriver Reumert Jensen"),
            ["Lise Kromann", "P. Andersen", "Reumert Jensen"]
        );
        assert_eq!(
            names("så understreger Udenrigsministeriets eksperter"),
            Vec::<String>::new()
        );
        // Two words no list knows are a person's name after a verb that firms seldom speak
        // with, not after one they do, nor with a head or a frequent word among them.
        assert_eq!(
            names("siger Abduzahim Pulatov. Det oplyser Abduzahim Pulatov."),
            ["Abduzahim Pulatov"]
        );
        assert_eq!(
            names("siger Better Energy og fortæller Grøn Zyxelborg"),
            Vec::<String>::new()
        );
        // A first name right after a saint's word names a saint, a saint's day or a place,
        // not a person; inside a name it is a person's (`Yves Saint Laurent`).
        assert_eq!(
            names("Vi fejrede Sankt Hans. Skt. Knud Lavard kom. Yves Saint Laurent kom"),
            ["Yves Saint Laurent"]
        );
        // Nor where a country that makes an organisation's branch ends them, or an adjective
        // of origin starts them.
        assert_eq!(
            names("mener Finans Danmark og siger Dansk Byggeri"),
            Vec::<String>::new()
        );
        // A word that opens a clause is no name after a title either, though `Han` is also
        // a listed first name.
        assert_eq!(names("sagde Han. Derefter"), Vec::<String>::new());
        // `I` before a word is the preposition of a sentence run into the name, not a
        // numeral.
        assert_eq!(
            names("Illustration: Ole Clausen I Sydamerika fandt han"),
            ["Ole Clausen"]
        );
        assert_eq!(names("Foto: Linda Henriksen I dag"), ["Linda Henriksen"]);
        assert_eq!(names("efter kong Christian I, der døde"), ["Christian I"]);
        // Nor is an article alone, nor with its full stop taken for an initial's.
        assert_eq!(names("sagde Det. Derefter"), Vec::<String>::new());
        assert_eq!(names("sagde Det. kom"), Vec::<String>::new());
    }

    #[test]
    fn a_plain_word_run_into_a_name_is_left_out() {
        // A headline run into its teaser: the word that begins the next line is no name.
        assert_eq!(
            names("Nyt album fra Mads Langer Hør det her"),
            ["Mads Langer"]
        );
        assert_eq!(
            names("Interview med Helle Thorning-Schmidt Læs hele artiklen"),
            ["Helle Thorning-Schmidt"]
        );
        assert_eq!(names("Foto: Ole Clausen Der var engang"), ["Ole Clausen"]);
        // Two plain words in a row: neither goes on in the name.
        assert_eq!(names("Foto: Ole Clausen Mere Nyt om"), ["Ole Clausen"]);
        // A surname that is also a word, a first name, an initial and a head stay in it.
        assert_eq!(names("sagde Peter Skov i går"), ["Peter Skov"]);
        // So does a title that is a surname, after a first name (`Rytter`, `Prins`); a title
        // after a full name does not (`Otto Petersen Oberst`).
        assert_eq!(
            names("mødte Nicklas Rytter og Karina Prins i går"),
            ["Nicklas Rytter", "Karina Prins"]
        );
        assert_eq!(names("kom Otto Petersen Oberst i går"), ["Otto Petersen"]);
        assert_eq!(names("sagde Anna Maria Rose til os"), ["Anna Maria Rose"]);
        assert_eq!(names("sagde Per Stig Møller i går"), ["Per Stig Møller"]);
        assert_eq!(names("ifølge Poul M. Jensen i går"), ["Poul M. Jensen"]);
        // A plain word with a name after it is part of the name.
        assert_eq!(names("sagde Jens Mere Nielsen"), ["Jens Mere Nielsen"]);
        // After a first name alone, a plain word is taken for a surname no list holds
        // (`Chris Rock`, `Courtney Love`), unless it is in the definite form, as no surname is.
        assert_eq!(names("med Chris Rock i aften"), ["Chris Rock"]);
        assert_eq!(names("Foto: Søren Livet er kort"), ["Søren"]);
        assert_eq!(names("sagde Bush Situationen er alvorlig"), ["Bush"]);
        // A surname in the definite form is listed, so no plain word.
        assert_eq!(names("ifølge Søren Skoven i går"), ["Søren Skoven"]);
    }

    #[test]
    fn only_abbreviated_titles_keep_a_full_stop() {
        assert_eq!(names("mener hr. Schlüter nu"), ["Schlüter"]);
        assert_eq!(
            names("ifølge dr. Schlüter og prof. Blixen"),
            ["Schlüter", "Blixen"]
        );
        // A title written out in full before a full stop ends its sentence.
        assert_eq!(
            names("sagde departementschefen. Stenene er ømfindtlige"),
            Vec::<String>::new()
        );
        assert_eq!(
            names("er blevet præst. Danskerne var blandt de første"),
            Vec::<String>::new()
        );
    }

    proptest! {
        /// What the surname pattern's quick turn-down relies on: a name that [`extend`]
        /// finds ends within [`MAX_TOKENS`] tokens, in a capitalised token if in a
        /// patronymic, and a token's patronymic bit is [`is_patronymic`] of its text; and
        /// the heads its walk tells ([`super::Extent`]) are those of the name's tokens.
        #[test]
        fn surnames_end_within_reach(text in crate::rules::tests::text()) {
            let matcher = Matcher::new(Gazetteer::new()).unwrap();
            let doc = view_of(&text, &matcher, shipped());
            for &i in &doc.capitalised {
                let run = extend(&doc, i);
                let last = run.map_or(i, |run| run.last);
                // The walk's heads are those of the tokens after the first, up to the last,
                // but for a surname after a first name (`Peter Skov`).
                let headed = (i + 1..=last)
                    .any(|k| doc.is_any_head(k) && !doc.is_surname_after_first_name(k));
                prop_assert_eq!(run.is_some_and(|run| run.headed), headed, "{:?}", text);
                prop_assert!(last < i + MAX_TOKENS, "{:?}", text);
                // A run ends in a patronymic only in a capitalised token, but for an Arabic
                // surname with its article glued to one (`al-AssadNielsen`), which
                // [`by_surname`] turns down.
                prop_assert!(
                    doc.is_capitalised(last)
                        || !doc.is_patronymic(last)
                        || article_surname_at(&doc, last),
                    "{:?}",
                    text
                );
            }
            for k in 0..doc.tokens.len() {
                prop_assert_eq!(doc.is_patronymic(k), is_patronymic(doc.tok(k)));
            }
        }
    }
}
