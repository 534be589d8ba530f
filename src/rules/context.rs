//! Context that decides: which label a form listed under several labels takes, and when an
//! ambiguous form at a sentence start is a name after all.

use super::{View, Work};
use crate::label::Label;
use crate::matcher::Candidate;
use crate::tokens::space_between;

/// A held candidate (an ambiguous form alone at a sentence start) counts when a capitalised
/// name that is not a common word follows it (`Lund Hansen`, `Bo Jensen`), or a verb that
/// introduces a speaker (`Venstre mener`, `Forsvaret oplyser`, `Søren siger`): the word the
/// form also is (`venstre`, `forsvaret`) is no speaker. So does the form in the genitive
/// before a title (`Venstres formand`, `Forsvarets chef`, `Informations chefredaktør`): the
/// word has no leader.
pub(crate) fn revive_before_names(doc: &View, work: &mut Work) {
    for c in work.held.iter_mut() {
        let i = doc.token_at(c.mention.byte_start);
        let Some(next) = doc.tokens.get(i + 1) else {
            continue;
        };
        if space_between(doc.text, c.mention.byte_end, next.start)
            && (doc.is_capitalised(i + 1) && !doc.is_common_word(i + 1)
                || doc.is_speech_verb(i + 1)
                || doc.is_title(i + 1) && is_genitive(doc, i))
        {
            c.held = false;
        }
    }
}

/// Whether token `i` is a listed form in the genitive (`Venstres`, `Forsvarets`): it ends
/// as a genitive does, and the whole token is no listed form (`Mors` is one).
fn is_genitive(doc: &View, i: usize) -> bool {
    let token = doc.tok(i);
    crate::tokens::strip_genitive(token).len() < token.len() && doc.matcher.form(token).is_none()
}

/// A form whose entries carry different labels takes the label its context supports: the
/// label of a noun right before it that says what it names (`klubben Brøndby`, `byen
/// Brøndby`); else a club in a match fixture (`Brøndby-AGF`, `FCK mod Brøndby`) and in a
/// sentence with a score (`2-1`), unless `i` stands before it (`EM i Tyskland`, where the match
/// was played); else a place after `i`, `fra`, `til`; else a club after `mod` in a sports
/// sentence, and a club's town in a sports sentence. Without such evidence the gazetteer's
/// choice (the prior) stands.
pub(crate) fn label_by_context(doc: &View, work: &mut Work) {
    let (chosen, gazetteer) = (&mut work.chosen, &work.gazetteer);
    // The candidates come in text order, and most sentences hold several: each sentence is
    // found, and asked for a score and for sport, once.
    let mut sentence = Sentence::default();
    for (k, c) in gazetteer.iter().enumerate() {
        let entries = doc.matcher.surface_entries(c.surface);
        // A form whose winner is of a custom label keeps it: context here only tells PER, LOC
        // and ORG apart, and the user's prior chose the custom entry.
        if entries.len() < 2 || c.mention.label.is_custom() {
            continue;
        }
        // Context picks an organisation or a place: among entries of neither, or without an
        // organisation where no word that introduces a place stands before the form, there
        // is nothing it could pick, and the sentence is not looked at.
        let has = |label| entries.iter().any(|&e| doc.matcher.label(e) == label);
        let org = has(Label::Org);
        if !org && !has(Label::Loc) {
            continue;
        }
        let before = preceding_token(doc, c.mention.byte_start);
        let place = before.is_some_and(|b| doc.is_place_word(b));
        // A noun that says what the form names (`klubben Brøndby`, `byen Brøndby`).
        let noun = before.and_then(|b| doc.names_after(b));
        if !org && !place && noun.is_none() {
            continue;
        }
        sentence.move_to(doc, c.mention.byte_start);
        let sporty = || sentence.is_sporty(doc);
        let club = || before.is_some_and(|b| doc.is_club_word(b));
        // A fixture (`Brøndby-AGF`) is clubs wherever it stands. A score elsewhere in the
        // sentence makes clubs too, but not after a word that names even an unlisted place
        // (`i`: `EM i Tyskland`, where the match was played), as a word that introduces a place
        // of some other kind may introduce the other team (`tabte 1-2 til Brøndby`). Without
        // a score, any word that introduces a place outweighs a sports word.
        let where_played = before.is_some_and(|b| doc.places_unlisted_names(b));
        let want = if let Some(label) = noun {
            label
        } else if is_fixture(doc, c, sporty)
            || meets_club(doc, gazetteer, k)
            || sentence.has_score(doc) && !where_played
        {
            Label::Org
        } else if place {
            Label::Loc
        } else if (club() || doc.matcher.names_club_town(c.surface)) && sporty() {
            Label::Org
        } else {
            continue;
        };
        let Some(&entry) = entries.iter().find(|&&e| doc.matcher.label(e) == want) else {
            continue;
        };
        // `chosen` is sorted by start and does not overlap: at most one starts here.
        let k = chosen.partition_point(|m| m.byte_start < c.mention.byte_start);
        if let Some(m) = chosen.get_mut(k).filter(|m| {
            m.byte_start == c.mention.byte_start
                && m.byte_end == c.mention.byte_end
                && m.entry == c.mention.entry
        }) {
            m.entry = Some(entry);
            m.label = want;
        }
    }
}

/// The sentence [`label_by_context`] looks at, with what it has asked of it so far.
#[derive(Default)]
struct Sentence {
    /// Its byte range; empty before the first.
    span: std::ops::Range<usize>,
    /// Whether it has a hyphen: a sentence without one holds no score.
    hyphen: bool,
    score: std::cell::OnceCell<bool>,
    sport: std::cell::OnceCell<bool>,
}

impl Sentence {
    /// Makes this the sentence around byte `pos` (a token start, never a sentence end), found
    /// afresh only when `pos` lies beyond the current one.
    fn move_to(&mut self, doc: &View, pos: usize) {
        if !self.span.contains(&pos) {
            let (span, hyphen) = sentence_around(doc.text, pos, doc.body);
            *self = Sentence {
                span,
                hyphen,
                ..Sentence::default()
            };
        }
    }

    fn text<'t>(&self, doc: &View<'t>) -> &'t str {
        &doc.text[self.span.clone()]
    }

    /// Whether the sentence holds a match score ([`has_score`]).
    fn has_score(&self, doc: &View) -> bool {
        *self
            .score
            .get_or_init(|| self.hyphen && has_score(self.text(doc)))
    }

    /// Whether the sentence speaks of sport ([`crate::Lexicon::mentions_sport`]).
    fn is_sporty(&self, doc: &View) -> bool {
        *self
            .sport
            .get_or_init(|| doc.lexicon.mentions_sport(self.text(doc)))
    }
}

/// Held candidates whose form was tagged earlier in the document (mid-sentence, so not held
/// itself) are tagged again, the same way.
pub(crate) fn revive_repeated(_: &View, work: &mut Work) {
    let (chosen, held) = (&mut work.chosen, &work.held);
    // `chosen` is sorted by start and does not overlap, so by end too: the mentions that end
    // before a held candidate are a prefix of it, and the first of them with the candidate's
    // entry is the entry's first mention. The prefix is searched from the front: held
    // candidates are few, and a map of every entry's first mention, built for them, cost more
    // (hashing, allocating) than these short searches.
    let mut added = Vec::new();
    for c in held.iter().filter(|c| c.held) {
        let k = chosen.partition_point(|m| m.byte_end <= c.mention.byte_start);
        let overlaps = chosen
            .get(k)
            .is_some_and(|m| m.byte_start < c.mention.byte_end);
        if overlaps {
            continue;
        }
        let earlier = c
            .mention
            .entry
            .and_then(|e| chosen[..k].iter().find(|m| m.entry == Some(e)));
        if let Some(e) = earlier {
            let mut m = c.mention.clone();
            m.label = e.label;
            added.push(m);
        }
    }
    if !added.is_empty() {
        chosen.extend(added);
        chosen.sort_by_key(|m| m.byte_start);
    }
}

/// The index of the token right before byte `pos`, separated from it by spaces only.
pub(super) fn preceding_token(doc: &View, pos: usize) -> Option<usize> {
    let i = doc.token_at(pos);
    let p = i.checked_sub(1)?;
    let prev = doc.tokens.get(p)?;
    doc.spaced(prev.end, pos).then_some(p)
}

/// `Brøndby-AGF`: a candidate that is a club's town joined by a hyphen to a club names a
/// match, and the town its club; so does a town joined to another club's town
/// (`Vejle-Fredericia`) in a sports sentence (`sporty`).
fn is_fixture(doc: &View, c: &Candidate, sporty: impl Fn() -> bool) -> bool {
    let m = doc.matcher;
    if !m.names_club_town(c.surface) {
        return false;
    }
    let compound = &doc.text[c.mention.byte_start..c.mention.byte_end];
    // A byte search: the compounds are short, and most have no hyphen.
    let mut hyphens = compound.bytes().enumerate().filter(|&(_, b)| b == b'-');
    hyphens.any(|(i, _)| {
        let Some(other) = m.form(&compound[i + 1..]) else {
            return false;
        };
        m.is_club(m.surface_entries(other)[0]) || m.names_club_town(other) && sporty()
    })
}

/// `FCK mod Brøndby`, `Brøndby mod AGF`: the candidate `k` of the `gazetteer` (sorted, none
/// overlapping) that is a club's town, with ` mod ` between it and a club, names a match, and
/// the town its club, in any sentence, as [`is_fixture`]'s hyphen does.
fn meets_club(doc: &View, gazetteer: &[Candidate], k: usize) -> bool {
    let (m, text) = (doc.matcher, doc.text);
    let c = &gazetteer[k];
    // The bytes first: most candidates have no ` mod ` beside them.
    let apart = |a: &Candidate, b: &Candidate| {
        text.as_bytes()
            .get(a.mention.byte_end..b.mention.byte_start)
            == Some(b" mod ")
    };
    let club = |o: &Candidate| o.mention.entry.is_some_and(|e| m.is_club(e));
    let before = k.checked_sub(1).map(|j| &gazetteer[j]);
    let faces = before.is_some_and(|o| apart(o, c) && club(o))
        || gazetteer.get(k + 1).is_some_and(|o| apart(c, o) && club(o));
    faces && m.names_club_town(c.surface)
}

/// The byte range of the sentence around byte `pos`: from after the previous `.`, `!`, `?` or
/// line break to the next one; and whether it has a hyphen, without which it holds no score
/// ([`has_score`]).
fn sentence_around(text: &str, pos: usize, body: usize) -> (std::ops::Range<usize>, bool) {
    // The ends are ASCII, so a byte equal to one is that character, never part of another.
    let (before, after) = (&text.as_bytes()[body..pos], &text.as_bytes()[pos..]);
    let (start, hyphen_before) = previous_end(before);
    let (end, hyphen_after) = next_end(after);
    let start = start.map_or(body, |i| body + i + 1);
    let end = end.map_or(text.len(), |i| pos + i);
    (start..end, hyphen_before || hyphen_after)
}

/// Bytes per step of [`next_end`] and [`previous_end`].
const CHUNK: usize = 16;

/// The offset of the first sentence end (`.`, `!`, `?`, line break) in `bytes`, if any, and
/// whether a hyphen comes before it. The bytes are tested a chunk at a time ([`marks_of`]), so
/// the search costs about the distance to the end, in one pass for every mark.
pub(super) fn next_end(bytes: &[u8]) -> (Option<usize>, bool) {
    let mut hyphen = false;
    let mut at = 0;
    loop {
        let (ends, hyphens) = match bytes.get(at..at + CHUNK) {
            Some(chunk) => marks_of(chunk.try_into().expect("a chunk")),
            None => padded_marks(&bytes[at..]),
        };
        if ends != 0 {
            let k = ends.trailing_zeros();
            hyphen |= hyphens & ((1 << k) - 1) != 0;
            return (Some(at + k as usize), hyphen);
        }
        hyphen |= hyphens != 0;
        at += CHUNK;
        if at >= bytes.len() {
            return (None, hyphen);
        }
    }
}

/// The offset of the last sentence end in `bytes`, if any, and whether a hyphen comes after
/// it ([`next_end`], from the back).
fn previous_end(bytes: &[u8]) -> (Option<usize>, bool) {
    let mut hyphen = false;
    let mut end = bytes.len();
    while end > 0 {
        // The chunk that ends at `end`, or the bytes before the whole chunks, padded at the
        // back: bit `i` for byte `start + i` either way.
        let start = end.saturating_sub(CHUNK);
        let (ends, hyphens) = match start {
            0 => padded_marks(&bytes[..end]),
            _ => marks_of(bytes[start..end].try_into().expect("a chunk")),
        };
        if ends != 0 {
            let k = 15 - ends.leading_zeros();
            hyphen |= hyphens >> k != 0;
            return (Some(start + k as usize), hyphen);
        }
        hyphen |= hyphens != 0;
        end = start;
    }
    (None, hyphen)
}

/// [`marks_of`] of fewer than [`CHUNK`] bytes, padded with zero bytes, which are no mark.
fn padded_marks(bytes: &[u8]) -> (u16, u16) {
    let mut chunk = [0; CHUNK];
    chunk[..bytes.len()].copy_from_slice(bytes);
    marks_of(&chunk)
}

/// For a chunk of bytes, a bit per sentence end and a bit per hyphen: bit `i` for byte `i`.
/// One SSE2 instruction per test.
#[cfg(target_arch = "x86_64")]
#[inline]
fn marks_of(chunk: &[u8; CHUNK]) -> (u16, u16) {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: `chunk` is 16 readable bytes, which is all `_mm_loadu_si128` reads (it needs no
    // alignment); SSE2 is part of every x86_64 target. The other intrinsics only compute.
    let (ends, hyphens) = unsafe {
        let x = _mm_loadu_si128(chunk.as_ptr().cast());
        let eq = |b: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8));
        let ends = _mm_or_si128(
            _mm_or_si128(eq(b'.'), eq(b'!')),
            _mm_or_si128(eq(b'?'), eq(b'\n')),
        );
        (_mm_movemask_epi8(ends), _mm_movemask_epi8(eq(b'-')))
    };
    (ends as u16, hyphens as u16)
}

/// For a chunk of bytes, a bit per sentence end and a bit per hyphen: bit `i` for byte `i`; a
/// byte at a time.
#[cfg(not(target_arch = "x86_64"))]
fn marks_of(chunk: &[u8; CHUNK]) -> (u16, u16) {
    chunk.iter().enumerate().fold((0, 0), |(e, h), (i, &b)| {
        let end = matches!(b, b'.' | b'!' | b'?' | b'\n');
        (e | u16::from(end) << i, h | u16::from(b == b'-') << i)
    })
}

/// Whether `s` holds a score like `2-1` or `3 - 0` (not a year span like `1990-91`): a
/// hyphen with a number of one or two digits on each side, a space allowed between, and no
/// letter or digit joined to the numbers.
fn has_score(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'-', b).any(|i| {
        let left = &s[..i];
        let right = &s[i + 1..];
        let left = left.strip_suffix(' ').unwrap_or(left);
        let right = right.strip_prefix(' ').unwrap_or(right);
        let digits = left.bytes().rev().take_while(u8::is_ascii_digit).count();
        let before = left[..left.len() - digits].chars().next_back();
        let after_digits = right.bytes().take_while(u8::is_ascii_digit).count();
        let after = right[after_digits..].chars().next();
        let free = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        (1..=2).contains(&digits) && (1..=2).contains(&after_digits) && free(before) && free(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Layer, Layers};
    use crate::{Gazetteer, Lexicon, Tagger};

    fn tagger(layers: Layers) -> Tagger {
        let mut g = Gazetteer::new();
        g.add_tsv(
            "id\tname\taliases\tprior\nl\tBrøndby\t\t0.6\nv\tVejle\t\t\n",
            "p.tsv".as_ref(),
            Label::Loc,
        )
        .unwrap();
        g.add_tsv(
            "id\tname\taliases\tprior\no\tBrøndby\t\t0.4\n",
            "o.tsv".as_ref(),
            Label::Org,
        )
        .unwrap();
        g.add_tsv(
            "id\tname\taliases\tambiguous\np\tBo\t\tyes\n",
            "n.tsv".as_ref(),
            Label::Per,
        )
        .unwrap();
        Tagger::with_rules(g, Lexicon::shipped().unwrap(), layers).unwrap()
    }

    fn labels(t: &Tagger, text: &str) -> Vec<String> {
        t.tag_text(text, 0)
            .iter()
            .map(|m| format!("{}/{}", m.text(text), m.label))
            .collect()
    }

    proptest::proptest! {
        /// The sentence found byte by byte is the one found character by character.
        #[test]
        fn sentences_are_found_by_their_ends(
            t in "([a-zæø .!?\n-]|\\PC){0,40}|(([a-zæ ]{0,200}|x{500,1200})[.!?\n]?){0,5}",
            a: usize,
            b: usize,
        ) {
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            let (x, y) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let (body, pos) = (x.min(y), x.max(y));
            let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
            let start = t[body..pos].rfind(is_end).map_or(body, |i| body + i + 1);
            let end = t[pos..].find(is_end).map_or(t.len(), |i| pos + i);
            let (span, hyphen) = sentence_around(&t, pos, body);
            proptest::prop_assert_eq!(&t[span], &t[start..end]);
            proptest::prop_assert_eq!(hyphen, t[start..end].contains('-'));
        }
    }

    #[test]
    fn context_picks_the_label() {
        let t = tagger(Layers::none().with(Layer::Context, true));
        assert_eq!(labels(&t, "Han bor i Brøndby."), ["Brøndby/LOC"]);
        assert_eq!(
            labels(&t, "Vejle tabte mod Brøndby."),
            ["Vejle/LOC", "Brøndby/ORG"]
        );
        assert_eq!(
            labels(&t, "Vejle protesterer mod Brøndby."),
            ["Vejle/LOC", "Brøndby/LOC"]
        );
        assert_eq!(
            labels(&t, "Vejle og Brøndby spillede 2-1."),
            ["Vejle/LOC", "Brøndby/ORG"]
        );
        assert_eq!(labels(&t, "Det var Brøndby."), ["Brøndby/LOC"]);
        // A noun that says what the form names outweighs a place word and a score.
        assert_eq!(
            labels(&t, "Han skrev et brev til klubben Brøndby."),
            ["Brøndby/ORG"]
        );
        assert_eq!(
            labels(&t, "Vi kørte til byen Brøndby efter 2-1."),
            ["Brøndby/LOC"]
        );
        let off = tagger(Layers::none());
        assert_eq!(
            labels(&off, "Vejle tabte mod Brøndby."),
            ["Vejle/LOC", "Brøndby/LOC"]
        );
    }

    #[test]
    fn a_fixture_of_clubs_is_a_match() {
        let mut g = Gazetteer::new();
        let places = "id\tname\taliases\tprior\nb\tBrøndby\t\t0.6\nv\tVejle\t\t0.6\n\
            h\tHorsens\t\t0.6\nk\tKolding\t\t\n";
        g.add_tsv(places, "p.tsv".as_ref(), Label::Loc).unwrap();
        let clubs = "id\tname\taliases\tprior\nbif\tBrøndby IF\t\t\nbif:city\tBrøndby\t\t0.4\n\
            agf\tAGF\t\t\nagf:city\tAarhus\t\t0.4\nvb:city\tVejle\t\t0.4\n\
            ach:city\tHorsens\t\t0.4\n";
        g.add_tsv(clubs, "o.tsv".as_ref(), Label::Org).unwrap();
        let t = Tagger::with_rules(g, Lexicon::shipped().unwrap(), Layers::all()).unwrap();
        // A club's town before a club: a match, in any sentence.
        assert_eq!(
            labels(&t, "Vi så Brøndby-AGF i aftes."),
            ["Brøndby-AGF/ORG"]
        );
        // Two clubs' towns: a match in a sports sentence only.
        assert_eq!(
            labels(&t, "Kampen Vejle-Horsens blev en fest."),
            ["Vejle-Horsens/ORG"]
        );
        assert_eq!(
            labels(&t, "Bussen Vejle-Horsens kører hver time."),
            ["Vejle-Horsens/LOC"]
        );
        // A club's town alone: the club in a sports sentence, unless a word that introduces
        // a place stands before it; else the place.
        assert_eq!(
            labels(&t, "Kampen blev vundet af Vejle i går, i Kolding."),
            ["Vejle/ORG", "Kolding/LOC"]
        );
        assert_eq!(
            labels(&t, "Kampen spilles i Vejle. Vejle er en by."),
            ["Vejle/LOC", "Vejle/LOC"]
        );
        // A score makes the clubs of a sentence, but not the town after `i`: where the match
        // was played. After `til`, the other team.
        assert_eq!(
            labels(&t, "Vejle vandt 2-1 i Horsens."),
            ["Vejle/ORG", "Horsens/LOC"]
        );
        assert_eq!(
            labels(&t, "Vejle tabte 1-2 til Horsens."),
            ["Vejle/ORG", "Horsens/ORG"]
        );
        // `mod` between a club's town and a club: a match, in any sentence, on either side;
        // between two towns, only in a sports sentence, and not across other words.
        assert_eq!(
            labels(&t, "I aften spiller AGF mod Brøndby i Parken."),
            ["AGF/ORG", "Brøndby/ORG"]
        );
        assert_eq!(
            labels(&t, "Så er det Brøndby mod AGF."),
            ["Brøndby/ORG", "AGF/ORG"]
        );
        assert_eq!(
            labels(&t, "Det er Brøndby mod Vejle."),
            ["Brøndby/LOC", "Vejle/LOC"]
        );
        assert_eq!(
            labels(&t, "AGF gik mod Brøndby."),
            ["AGF/ORG", "Brøndby/LOC"]
        );
    }

    #[test]
    fn ambiguous_sentence_start_needs_evidence() {
        let t = tagger(Layers::none().with(Layer::Context, true));
        assert_eq!(labels(&t, "Bo kom."), Vec::<String>::new());
        // The genitive before a title is evidence; the form itself before one, or the
        // genitive before any other word, is not.
        assert_eq!(labels(&t, "Bos formand kom."), ["Bos/PER"]);
        assert_eq!(labels(&t, "Bo formand kom."), Vec::<String>::new());
        assert_eq!(labels(&t, "Bos hus brændte."), Vec::<String>::new());
        assert_eq!(labels(&t, "Bo Vejlegaard kom."), ["Bo/PER"]);
        // A verb that introduces a speaker is evidence too; any other verb is not.
        assert_eq!(labels(&t, "Bo siger, at han kommer."), ["Bo/PER"]);
        assert_eq!(labels(&t, "Bo gerne i byen."), Vec::<String>::new());
        let c = tagger(Layers::none().with(Layer::Consistency, true));
        assert_eq!(
            labels(&c, "Bo kom. Så sagde Bo noget. Bo gik."),
            ["Bo/PER", "Bo/PER"]
        );
        assert_eq!(
            labels(
                &tagger(Layers::none()),
                "Bo kom. Så sagde Bo noget. Bo gik."
            ),
            ["Bo/PER"]
        );
    }

    #[test]
    fn scores() {
        for (s, want) in [
            ("vandt 2-1 over", true),
            ("3 - 0", true),
            ("1990-91", false),
            ("A-1", false),
            ("x-y", false),
            ("12-101", false),
            ("slut: 12- 3.", true),
            ("2  - 1", false),
            ("2-1a", false),
            ("_2-1", false),
            ("på 1-2-3", true),
        ] {
            assert_eq!(has_score(s), want, "{s}");
        }
    }
}
