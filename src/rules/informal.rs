//! Informal writing: `@handles` and `#hashtags` that spell a name (layer `handles`), and names
//! written in lowercase in text that is written in lowercase (layer `lowercase`).
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
use crate::text::is_word_char;
use crate::tokens::{words, Token};
use crate::word_class::WordClass;

use super::layer::Layer;
use super::{proposal, View, Work};

/// The most characters of a handle or hashtag looked at; longer ones are left alone.
const MAX_TAG_CHARS: usize = 40;

/// How the ids of the football clubs of openfootball begin (`openfootball:ar:Brown`): many of
/// their names are words or towns in lowercase (`brown`, `saturn`, `palace`).
const FOOTBALL_CLUB_IDS: &str = "openfootball:";

/// The fewest bearers in Denmark of a surname in a handle or a lowercase name.
const SURNAME_MIN: u32 = 20;

/// The fewest bearers in Denmark of a surname that is also a word (`skov`, `lund`, `holm`)
/// for it to end a lowercase name after a first name: a bare noun seldom follows a name.
const WORD_SURNAME_MIN: u32 = 1000;

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

/// Whether `text[body..]` is written informally: its first letter is lowercase, or a fifth or
/// more of its sentences ([`INFORMAL_SHARE`]) begin with a lowercase letter after `!`, `?` or
/// a line break (one broken line in an edited article is no informal writing). After `!` and
/// `?`, a speaker named in lowercase is edited dialogue, not informal writing (`- Hvem mig?
/// spurgte han`, `Janne! sagde Lis`): a speech verb, or a word followed by a pronoun or a
/// capitalised word. A full stop before a lowercase word is no sign: abbreviations end in one
/// (`bl.a. hos`).
pub(crate) fn is_informal(text: &str, body: usize, lexicon: &Lexicon) -> bool {
    scan(text, body, lexicon).0
}

/// [`is_informal`] of `text[body..]`, and whether an `@` or a `#` may stand in it: false only
/// where the pass read the whole text and met neither.
fn scan(text: &str, body: usize, lexicon: &Lexicon) -> (bool, bool) {
    let rest = &text[body..];
    if rest
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
    {
        return (true, true);
    }
    // One pass finds every byte asked about ([`lowercase_starts`]): an emoji or emoticon makes
    // the text informal wherever it stands, and the sentence ends are counted as they come.
    let bytes = rest.as_bytes();
    let mut tags = false;
    let Some(lowercase) = lowercase_starts(rest, lexicon, &mut tags) else {
        return (true, true);
    };
    if lowercase == 0 {
        return (false, tags);
    }
    // Sentences: counted only until they are too many for the text to be informal, as they
    // soon are in edited text.
    (
        !more_sentences_than(bytes, lowercase * INFORMAL_SHARE),
        tags,
    )
}

/// Whether `bytes` holds more than `most` sentences: one, and one more after each full stop,
/// `!`, `?` or line break that text follows (a run of them, spaces among them, counts once).
/// The sentence ends are found a chunk of bytes at a time ([`super::context::next_end`]),
/// where a loop over every byte took half a million instructions more (callgrind, 5 MB
/// corpus).
fn more_sentences_than(bytes: &[u8], most: usize) -> bool {
    let mut sentences = 1;
    let mut at = 0;
    while let (Some(end), _) = super::context::next_end(&bytes[at..]) {
        // Past the run of ends and spaces from this end on: the text after it, if any, begins
        // a sentence.
        let mut next = at + end + 1;
        while matches!(
            bytes.get(next),
            Some(b'.' | b'!' | b'?' | b'\n' | b' ' | b'\t' | b'\r')
        ) {
            next += 1;
        }
        if next == bytes.len() {
            return false;
        }
        sentences += 1;
        if sentences > most {
            return true;
        }
        at = next;
    }
    false
}

/// Whether an emoji (a pictograph or dingbat: `😂`, `❤`) starts at byte `i` of `bytes`: a
/// mark of chat, not of edited text. Pictographs are four bytes in UTF-8 (U+1F000 and up: a
/// lead byte F0 and then 9F); dingbats and miscellaneous symbols (U+2600 to U+27BF) three,
/// lead byte E2, then 98 to 9E.
fn is_emoji_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xF0 => bytes.get(i + 1) == Some(&0x9F),
        0xE2 => bytes.get(i + 1).is_some_and(|b| (0x98..=0x9E).contains(b)),
        _ => false,
    }
}

/// Whether an emoticon (`<3`, `:)`, `:-)`, `:(`, `:D`, `;)`, `:P`) starts at byte `i` of
/// `bytes`, after a space or at the start: a mark of chat, not of edited text.
fn is_emoticon_at(bytes: &[u8], i: usize) -> bool {
    let next = |k: usize| bytes.get(i + k).copied();
    // An emoticon stands apart: `3:)` is a reference in brackets.
    let apart = i == 0 || bytes[i - 1].is_ascii_whitespace();
    apart
        && match bytes[i] {
            b'<' => next(1) == Some(b'3') && next(2).is_none_or(|b| !b.is_ascii_digit()),
            b':' | b';' => {
                let eyes_end = if next(1) == Some(b'-') { 2 } else { 1 };
                let mouth = next(eyes_end);
                let after = next(eyes_end + 1);
                matches!(mouth, Some(b')' | b'(' | b'D' | b'P'))
                    && after.is_none_or(|b| !b.is_ascii_alphanumeric())
            }
            _ => false,
        }
}

/// How many sentences of `text` begin in lowercase after `!`, `?` or a line break, not
/// counting a speaker after `!` and `?` ([`introduces_speaker`]); `None` if `text` has an
/// emoji or an emoticon ([`is_emoji_at`], [`is_emoticon_at`]). Sets `tags` if an `@` or a
/// `#` stands in the text read.
///
/// The bytes asked about ([`is_mark`]: `!`, `?`, line breaks, the lead bytes `F0` and `E2` of
/// emoji, `:`, `;`, `<` of emoticons, with `=`, `>` beside them in one range, and `@`, `#`
/// for [`handles`]) are found a
/// block of 64 at a time, into one bit each, with AVX2 where the processor has it: one pass
/// over the text, where three `memchr` searches, one per kind, cost twice as much
/// (callgrind, 5 MB corpus).
fn lowercase_starts(text: &str, lexicon: &Lexicon, tags: &mut bool) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, which is all `lowercase_starts_avx2` needs.
        return unsafe { lowercase_starts_avx2(text, lexicon, tags) };
    }
    lowercase_starts_by(text, lexicon, tags, block_marks)
}

/// [`lowercase_starts`] with AVX2, 32 bytes per instruction.
///
/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn lowercase_starts_avx2(text: &str, lexicon: &Lexicon, tags: &mut bool) -> Option<usize> {
    // SAFETY: the caller vouches for AVX2.
    lowercase_starts_by(text, lexicon, tags, |block| unsafe {
        block_marks_avx2(block)
    })
}

/// [`lowercase_starts`] with `marks` for the marks of each block ([`block_marks`]).
#[inline(always)]
fn lowercase_starts_by(
    text: &str,
    lexicon: &Lexicon,
    tags: &mut bool,
    marks: impl Fn(&[u8; BLOCK]) -> u64,
) -> Option<usize> {
    let mut blocks = text.as_bytes().chunks_exact(BLOCK);
    let mut lowercase = 0;
    // Where the last sentence end's run of line breaks and spaces ended.
    let mut passed = 0;
    for (n, block) in (&mut blocks).enumerate() {
        let mask = marks(block.try_into().expect("a block"));
        let counts = (&mut lowercase, &mut passed);
        read_marks(text, n * BLOCK, mask, lexicon, counts, tags)?;
    }
    let at = text.len() / BLOCK * BLOCK;
    let mask = marks(&padded(blocks.remainder()));
    read_marks(text, at, mask, lexicon, (&mut lowercase, &mut passed), tags)?;
    Some(lowercase)
}

/// Reads the marks of `text` at `at + i` for each bit `i` of `mask` ([`lowercase_starts`]):
/// adds the sentences that begin in lowercase to `lowercase`, sets `tags` at an `@` or a `#`;
/// `None` at an emoji or emoticon. A sentence end's run of line breaks and spaces, which
/// `passed` marks the end of, ends one sentence: the breaks inside it are passed over
/// (`\n\n`, `!\n`).
#[inline(always)]
fn read_marks(
    text: &str,
    at: usize,
    mut mask: u64,
    lexicon: &Lexicon,
    (lowercase, passed): (&mut usize, &mut usize),
    tags: &mut bool,
) -> Option<()> {
    let bytes = text.as_bytes();
    while mask != 0 {
        let i = at + mask.trailing_zeros() as usize;
        mask &= mask - 1;
        match bytes[i] {
            b'\n' if i < *passed => {}
            b'!' | b'?' | b'\n' => {
                // `!!!` and `?!` end one sentence.
                let mut j = i + 1;
                while matches!(bytes.get(j), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                    j += 1;
                }
                *passed = j;
                // An ASCII byte is its character: lowercase only from `a` to `z`.
                let starts_lowercase = match bytes.get(j) {
                    None => false,
                    Some(b) if b.is_ascii() => b.is_ascii_lowercase(),
                    Some(_) => text[j..].chars().next().is_some_and(char::is_lowercase),
                };
                if starts_lowercase
                    && (bytes[i] == b'\n' || !introduces_speaker(&text[j..], lexicon))
                {
                    *lowercase += 1;
                }
            }
            0xF0 | 0xE2 if is_emoji_at(bytes, i) => return None,
            b':' | b';' | b'<' if is_emoticon_at(bytes, i) => return None,
            b'@' | b'#' => *tags = true,
            // `=`, `>`, which the mask lets through, and marks that are none of these.
            _ => {}
        }
    }
    Some(())
}

/// Bytes per block of [`lowercase_starts`]: one bit each in a `u64`.
const BLOCK: usize = 64;

/// The (fewer than [`BLOCK`]) bytes `tail` padded with zero bytes, which are no mark.
fn padded(tail: &[u8]) -> [u8; BLOCK] {
    let mut block = [0; BLOCK];
    block[..tail.len()].copy_from_slice(tail);
    block
}

/// Whether [`lowercase_starts`] stops at byte `b`.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn is_mark(b: u8) -> bool {
    matches!(b, b'!' | b'#' | b'\n' | 0xE2 | 0xF0 | b':'..=b'@')
}

/// The [`is_mark`] bits of a block, sixteen bytes per SSE2 instruction: bit `i` for byte `i`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_marks(block: &[u8; BLOCK]) -> u64 {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    let mut mask = 0;
    for (i, chunk) in block.chunks_exact(16).enumerate() {
        // SAFETY: `chunk` is 16 readable bytes, which is all `_mm_loadu_si128` reads (it needs
        // no alignment); SSE2 is part of every x86_64 target. The other intrinsics only compute.
        let bits = unsafe {
            let x = _mm_loadu_si128(chunk.as_ptr().cast());
            let eq = |b: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8));
            // `:` to `?` moved to the bottom of the signed range, then one compare.
            let range = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x46)), _mm_set1_epi8(-122));
            let marks = _mm_or_si128(
                _mm_or_si128(range, _mm_or_si128(eq(b'!'), eq(b'\n'))),
                _mm_or_si128(
                    _mm_or_si128(eq(0xE2), eq(0xF0)),
                    _mm_or_si128(eq(b'#'), eq(b'@')),
                ),
            );
            _mm_movemask_epi8(marks)
        };
        mask |= u64::from(bits as u16) << (16 * i);
    }
    mask
}

/// [`block_marks`] with AVX2, thirty-two bytes per instruction, and fewer of them: a byte is
/// looked up by each half (its low and its high four bits) in a table of sixteen bytes, and
/// is a mark where the two answers share a bit. A bit stands for one value of the high half:
/// `0` (line break), `2` (`!`, `#`), `3` (`:` to `?`), `4` (`@`), `E` (`E2`) and `F` (`F0`).
///
/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn block_marks_avx2(block: &[u8; BLOCK]) -> u64 {
    use std::arch::x86_64::{
        _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_set1_epi8, _mm256_setr_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8,
        _mm256_srli_epi16,
    };
    // By the low half: `F0` and `@`; `!`; `E2`; `#`; line break and `:`; `;` to `?`. The byte shuffle
    // looks up within each 16-byte lane, so each table is written twice.
    #[rustfmt::skip]
    let lo = _mm256_setr_epi8(
        0x30, 0x02, 0x08, 0x02, 0, 0, 0, 0, 0, 0, 0x05, 0x04, 0x04, 0x04, 0x04, 0x04,
        0x30, 0x02, 0x08, 0x02, 0, 0, 0, 0, 0, 0, 0x05, 0x04, 0x04, 0x04, 0x04, 0x04,
    );
    #[rustfmt::skip]
    let hi = _mm256_setr_epi8(
        0x01, 0, 0x02, 0x04, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x10,
        0x01, 0, 0x02, 0x04, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x10,
    );
    let mut mask = 0;
    for (i, half) in block.chunks_exact(32).enumerate() {
        // SAFETY: `half` is 32 readable bytes, which is all `_mm256_loadu_si256` reads (it
        // needs no alignment); the caller vouches for AVX2. The other intrinsics only compute.
        let none = unsafe {
            let x = _mm256_loadu_si256(half.as_ptr().cast());
            let nibble = _mm256_set1_epi8(0x0F);
            let by_lo = _mm256_shuffle_epi8(lo, _mm256_and_si256(x, nibble));
            let by_hi = _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble));
            let shared = _mm256_and_si256(by_lo, by_hi);
            _mm256_movemask_epi8(_mm256_cmpeq_epi8(shared, _mm256_setzero_si256()))
        };
        mask |= u64::from(!none as u32) << (32 * i);
    }
    mask
}

/// The [`is_mark`] bits of a block, a byte at a time.
#[cfg(not(target_arch = "x86_64"))]
fn block_marks(block: &[u8; BLOCK]) -> u64 {
    block
        .iter()
        .enumerate()
        .fold(0, |m, (i, &b)| m | u64::from(is_mark(b)) << i)
}

/// One in this many sentences beginning in lowercase makes a text informal ([`is_informal`]).
const INFORMAL_SHARE: usize = 5;

/// Whether `after`, the words after a question or exclamation, begin by naming its speaker: a
/// speech verb (`sagde`), or a word and then a pronoun or a capitalised word (`bad Lise`).
fn introduces_speaker(after: &str, lexicon: &Lexicon) -> bool {
    let mut words = after.split(' ');
    let verb = words.next().unwrap_or_default();
    let verb = verb.trim_end_matches([',', '.']);
    if lexicon.is_speech_verb(verb) {
        return true;
    }
    let next = words.next().unwrap_or_default();
    let next = next.trim_end_matches([',', '.', '!', '?']);
    lexicon.word_class(next).has(WordClass::PRONOUN) || next.starts_with(char::is_uppercase)
}

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
    use crate::rules::tagger_of;
    use crate::Tagger;

    fn lex() -> Lexicon {
        Lexicon::shipped().unwrap()
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
    fn tag(text: &str) -> Vec<(String, String, String)> {
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

    fn mentions(text: &str) -> Vec<String> {
        tag(text).into_iter().map(|(m, _, _)| m).collect()
    }

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

    #[test]
    fn informal_is_lowercase_writing() {
        assert!(is_informal("hej med dig", 0, &lex()));
        assert!(is_informal("Hej! hvordan går det", 0, &lex()));
        assert!(is_informal("Hej\nhvordan går det", 0, &lex()));
        assert!(!is_informal("Ca. 300 kom. Det var bl.a. Jens", 0, &lex()));
        assert!(!is_informal("Hvad? Det ved jeg ikke!", 0, &lex()));
        assert!(is_informal("Fedt! jeg glæder mig", 0, &lex()));
        // Emoji and emoticons.
        for text in [
            "Sejt 😂",
            "Vi ses <3",
            "Tak :)",
            "Åh nej :-(",
            "Haha :D.",
            "Fedt ❤",
        ] {
            assert!(is_informal(text, 0, &lex()), "{text}");
        }
        for text in [
            "Kl. 10:30 i Odense",
            "Note (se side 3:)",
            "Pris: 30 kr. <30 stk>",
            "Se: Dansk",
        ] {
            assert!(!is_informal(text, 0, &lex()), "{text}");
        }
        // Edited dialogue: the speaker after a question or exclamation.
        assert!(!is_informal(
            "- Hvem mig? spurgte Bucks undrende.",
            0,
            &lex()
        ));
        assert!(!is_informal("- Kan vi ikke gå lidt? bad Lise.", 0, &lex()));
        assert!(!is_informal("Daddy! mumlede han. Ellers", 0, &lex()));
        assert!(!is_informal("Skyd den! råbte hun.", 0, &lex()));
        // One broken line in a long edited text; several in a short one.
        let edited = "Det var en god dag. ".repeat(10) + "\nsc Jorden slibes. Så kom de.";
        assert!(!is_informal(&edited, 0, &lex()));
        assert!(is_informal(
            "Hej alle. Jeg har en bil.\nhvad gør jeg?",
            0,
            &lex()
        ));
    }

    /// The block tests find the bytes [`is_mark`] names, at every place in a block.
    #[test]
    fn marks_are_the_bytes_asked_about() {
        let bytes: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        for block in bytes.chunks_exact(BLOCK) {
            let block: &[u8; BLOCK] = block.try_into().unwrap();
            let want = (0..BLOCK).fold(0, |m, i| m | u64::from(is_mark(block[i])) << i);
            assert_eq!(block_marks(block), want);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2.
                assert_eq!(unsafe { block_marks_avx2(block) }, want);
            }
        }
    }

    /// Sentences that begin in lowercase are counted in every block and in the tail, as a
    /// search for each mark finds them.
    #[test]
    fn lowercase_starts_are_counted() {
        let lex = lex();
        // Each mark, but a line break in the run of breaks and spaces after another.
        let by_search = |text: &str| {
            let mut passed = 0;
            let lower = memchr::memchr3_iter(b'!', b'?', b'\n', text.as_bytes()).filter(|&i| {
                if text.as_bytes()[i] == b'\n' && i < passed {
                    return false;
                }
                let after = text[i + 1..].trim_start_matches([' ', '\t', '\r', '\n']);
                passed = text.len() - after.len();
                after.chars().next().is_some_and(char::is_lowercase)
                    && (text.as_bytes()[i] == b'\n' || !introduces_speaker(after, &lex))
            });
            lower.count()
        };
        let text = "Hej! hvad så? Intet.\nja\n\nnej! sagde han. Åh?\tæv ".repeat(9);
        let mut tags = false;
        assert_eq!(
            lowercase_starts(&text, &lex, &mut tags),
            Some(by_search(&text))
        );
        assert!(by_search(&text) >= 27);
        // `\n\n` and `?\n` before a lowercase word are one sentence's end.
        assert_eq!(
            lowercase_starts("Ja.\n\nnej?\nja", &lex, &mut tags),
            Some(2)
        );
        assert!(!tags);
        assert_eq!(lowercase_starts(&(text + "ok :)"), &lex, &mut tags), None);
        assert_eq!(lowercase_starts("", &lex, &mut tags), Some(0));
        // An `@` or a `#` anywhere, in any block, is noted.
        for at in [0, 63, 64, 200] {
            for tag in ["@", "#"] {
                let mut text = "Hej. Det var det.".repeat(16);
                text.insert_str(at, tag);
                let mut tags = false;
                lowercase_starts(&text, &lex, &mut tags);
                assert!(tags, "{tag} at {at}");
            }
        }
    }

    proptest::proptest! {
        /// The sentences are counted as a walk over every byte counts them.
        #[test]
        fn sentences_are_counted_as_byte_by_byte(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("."), proptest::strategy::Just("!"),
                    proptest::strategy::Just("?"), proptest::strategy::Just("\n"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("\t"),
                    proptest::strategy::Just("\r"), proptest::strategy::Just("a"),
                    proptest::strategy::Just("æ"), proptest::strategy::Just("Hej med dig"),
                    proptest::strategy::Just("-"),
                ],
                0..60,
            ),
            most in 0usize..12,
        ) {
            let text = parts.concat();
            let mut sentences = 1;
            let mut ended = false;
            let mut more = false;
            for &b in text.as_bytes() {
                match b {
                    b'.' | b'!' | b'?' | b'\n' => ended = true,
                    b' ' | b'\t' | b'\r' => {}
                    _ if ended => {
                        sentences += 1;
                        ended = false;
                        more |= sentences > most;
                    }
                    _ => {}
                }
            }
            proptest::prop_assert_eq!(more_sentences_than(text.as_bytes(), most), more, "{:?}", text);
        }
    }

    /// With the `lowercase` layer on, the `handles` step's pass tells it whether the text is
    /// informal: the same answer as its own.
    #[test]
    fn the_scan_agrees_with_is_informal() {
        let lex = lex();
        for text in [
            "hej med dig @mette",
            "Hej! hvordan går det #dkpol",
            "Ca. 300 kom. Det var bl.a. Jens",
            "Fedt! jeg glæder mig 😂",
            "Mail: ole@dr.dk. Det var det.",
            "",
        ] {
            let (informal, tags) = scan(text, 0, &lex);
            assert_eq!(informal, is_informal(text, 0, &lex), "{text}");
            assert!(tags || !text.contains(['@', '#']), "{text}");
        }
        assert!(!scan("Ca. 300 kom. Det var bl.a. Jens", 0, &lex).1);
    }

    #[test]
    fn camel_case_words() {
        assert_eq!(camel_words("TKHollmann"), ["TK", "Hollmann"]);
        assert_eq!(camel_words("realDonaldTrump"), ["real", "Donald", "Trump"]);
        assert_eq!(camel_words("PSkipperEL"), ["P", "Skipper", "EL"]);
        assert_eq!(camel_words("sophieloehde"), ["sophieloehde"]);
    }
}
