//! The word lists the rule layers read: first names, titles, organisational heads, context
//! words and common words. They live in `gazetteers/rules/`, one file each, so the rules can
//! be tuned without touching code.
//!
//! | file | format |
//! |---|---|
//! | `first_names.tsv` | header `name freq freq_denmark common_word dk_count word`; `common_word` = `yes` for names that are also frequent words (`Per`, `Hans`); `dk_count` the bearers in Denmark; `word` = `yes` for names that are Danish words at all (`Sol`) |
//! | `titles.txt` | one lowercase title or role per line (`statsminister`, `forfatteren`); an abbreviation with its full stop (`dr.`); after a hyphen, a title only as the end of a compound (`-spiller`) |
//! | `org_heads.txt` | `last WORD`, `first WORD`, `lead WORD`, `suffix TEXT`, `tail TEXT`, `lower WORD`, `branch WORD`, `firm WORD` or `compound WORD` per line |
//! | `place_heads.txt` | the same, for places (`Stadion`, `-gade`), and `point WORD`: a point of the compass that begins a place's name in one word (`Nord`: `Nordtyskland`) |
//! | `context.txt` | `place WORD`, `club WORD`, `unlisted WORD`, `owner WORD`, `sport STEM`, `politics STEM`, `media STEM`, `org-noun ENDING` or `place-noun ENDING` per line |
//! | `ballot_letters.tsv` | header `letter id name`: a Danish party's ballot letter or one-letter abbreviation, and the id and name of its entry |
//! | `common_words.txt` | one frequent lowercase Danish word per line |
//! | `surnames.tsv` | header `name count word`: a known surname, its bearers in Denmark, and `yes` when it is also a Danish word (`Skov`) |
//! | `lowercase_words.txt` | one lowercase word per line: names of the gazetteers that are words too in lowercase (`bergen`), which a name written in lowercase must not be; `WORD<TAB>name` for a frequent word the dictionaries write capitalised, a name that needs context in lowercase (`europa`) |
//! | `function_words.txt` | `clause WORD`, `article WORD`, `particle WORD`, `connector WORD`, `pronoun WORD` or `saint WORD` per line (words of at most eight bytes): words that open a clause and end a name, articles that may begin one, particles of people's names, connectors of organisations' names, pronouns that name a speaker, words of saints before names that are no person's |
//! | `speech_verbs.txt` | one verb per line that introduces a quote's speaker (`siger`); `VERB org` for one that organisations speak with as often (`oplyser`) |
//! | `legal_forms.txt` | one abbreviated company legal form per line (`A/S`, `GmbH`): the last word of an organisation's name, as `last` in `org_heads.txt` |
//! | `short_words.txt` | one lowercase word of three to five letters per line: a word in capitals that is one of them is a word, not an acronym (`DET`, `AIDS`) |
//! | `surname_endings.txt` | one lowercase ending per line of surnames of Eastern and Southern Europe, Finland, the Caucasus, Turkey and the Spanish-speaking world (`ov`, `vić`, `escu`, `ez`); `not ENDING` for a longer ending of Danish words and places (`skov`, `lev`) |
//! | `east_asian_names.txt` | `surname WORD` (a surname of China, Taiwan or Korea: `Wang`, `Tsai`, `Park`), `pinyin SYLLABLE` (`qiang`) or `mora MORA` (Hepburn: `shi`, `kyo`) per line |
//!
//! `#` starts a comment line in every file.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::error::{Error, ErrorKind, Result};
use crate::label::Label;
use crate::syllables::EastAsianNames;
use crate::text::{ascii_between, HI};
use crate::word_class::{kind_word_lines, WordClass, WordClasses};

/// What a first name is known for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstName {
    /// Highest frequency class in any country (1 rare – 13 very common).
    pub freq: u8,
    /// The name is also a frequent Danish word (`Per`, `Hans`, `Bo`).
    pub common_word: bool,
    /// People in Denmark who bear the name (Statistics Denmark, 2023); 0 when unknown.
    pub dk_count: u32,
    /// The name is a Danish word at all, frequent or not (`Sol`, `Storm`).
    pub word: bool,
}

impl FirstName {
    /// Whether the name is in use in Denmark: borne by [`DANISH_NAME_MIN`] people or more.
    pub fn is_danish(&self) -> bool {
        self.dk_count >= DANISH_NAME_MIN
    }
}

/// What a surname is known for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Surname {
    /// People in Denmark who bear the surname (Statistics Denmark, 2023); 0 when unknown.
    pub count: u32,
    /// The surname is also a Danish word (`Skov`, `Lund`, `Bach`).
    pub word: bool,
}

/// What the lists of lowercase words say of one word ([`Lexicon::lowercase_facts_keyed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LowercaseFacts {
    /// [`Lexicon::is_title`].
    pub title: bool,
    /// [`Lexicon::is_abbreviated_title`].
    pub abbreviated_title: bool,
    /// [`Lexicon::is_common_word`].
    pub common_word: bool,
}

/// What the lists of words as written (not lowercased) say of one text, found with one lookup
/// ([`Lexicon::written`]): the token-feature pass asks all of it of every new token text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Written {
    /// [`Lexicon::first_name`].
    pub first_name: Option<FirstName>,
    /// [`Lexicon::surname`].
    pub surname: Option<Surname>,
    /// [`Lexicon::is_speech_verb`].
    pub speech_verb: bool,
    /// [`Heads::is_last`] of the organisations' heads.
    pub org_last: bool,
    /// [`Heads::is_last`] of the places' heads.
    pub place_last: bool,
    /// [`Heads::is_first`] of the organisations' heads.
    pub org_first: bool,
    /// [`Heads::is_first`] of the places' heads.
    pub place_first: bool,
    /// [`Heads::is_lead`] of the organisations' heads.
    pub org_lead: bool,
    /// [`Lexicon::is_place_word`].
    pub place_word: bool,
    /// [`Lexicon::places_unlisted_names`].
    pub unlisted_place_word: bool,
    /// [`Lexicon::is_club_word`].
    pub club_word: bool,
    /// [`Lexicon::is_east_asian_surname`].
    pub east_asian_surname: bool,
}

/// [`Lexicon::lowercase_facts_keyed`]' bit of a word listed in `titles.txt` (in full).
const LOWER_TITLE: u8 = 1;
/// Its bit of a title listed with a full stop.
const LOWER_ABBREVIATED_TITLE: u8 = 2;
/// Its bit of a word of `common_words.txt`.
const LOWER_COMMON_WORD: u8 = 4;

/// The bearers in Denmark from which a first name counts as a Danish one: below it, a name is
/// as likely a word of another language or a misspelling (`Sa`, `Ik`) as someone's name.
pub const DANISH_NAME_MIN: u32 = 50;

/// A hash of words eight bytes at a time, each word folded in by a multiply whose high and low
/// halves are joined (so every bit of the hash depends on every byte): the lists are looked
/// up for many tokens per document, and the default SipHash, or a hash of a byte at a time
/// (FNV-1a), costs more than the lookups themselves. The keys come from the shipped lists,
/// not from the text, so there is no flooding to defend against.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            self.mix(crate::word_class::pack(chunk));
        }
    }
}

impl WordHasher {
    /// Folds in the next eight bytes of a word, packed ([`crate::word_class::pack`]).
    #[inline(always)]
    fn mix(&mut self, x: u64) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let product = u128::from(self.0 ^ x) * u128::from(K);
        self.0 = product as u64 ^ (product >> 64) as u64;
    }
}

/// A set of words, hashed with [`WordHasher`].
pub(crate) type Set = HashSet<String, BuildHasherDefault<WordHasher>>;
/// A map from words, hashed with [`WordHasher`].
pub(crate) type Map<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// `word` in lowercase, borrowed when it already is. Not only uppercase letters change:
/// titlecase ones do too (`ǅ` → `ǆ`, `ᾈ` → `ᾀ`).
fn lowercase(word: &str) -> Cow<'_, str> {
    let changes = |c: char| {
        c.is_uppercase() || !c.is_ascii() && !c.is_lowercase() && c.to_lowercase().ne([c])
    };
    if word.chars().any(changes) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Byte `j` of `word` lowercased, where lowercasing keeps every byte in place: ASCII, and the
/// Latin-1 letters `C3 xx` (`Ø` → `ø` is `C3 98` → `C3 B8`). `None` for any other byte, whose
/// character's lowercase form needs decoding.
#[inline]
fn latin1_lower(word: &[u8], j: usize) -> Option<u8> {
    let b = word[j];
    match b {
        0..=0x7F => Some(b.to_ascii_lowercase()),
        0xC3 => Some(b),
        0x80..=0xBF if j > 0 && word[j - 1] == 0xC3 => Some(match b {
            0x80..=0x9E if b != 0x97 => b + 0x20,
            _ => b,
        }),
        _ => None,
    }
}

/// Whether `set` holds `word` in lowercase, without allocating for short ASCII-and-Danish
/// words (the lookups run for every capitalised token).
#[cfg(test)]
fn contains_lowercase(set: &Set, word: &str) -> bool {
    with_lowercase(word, |w, _| set.contains(w))
}

/// The high bit of each byte of `x` that is zero (exact, byte by byte: no carries).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & !HI) + !HI) | x) & HI
}

/// Eight bytes of a word, packed ([`crate::word_class::pack`]: zero past the word's end),
/// each lowercased as [`latin1_lower`] lowercases it, the byte before them being `before`
/// (any byte but `C3` at the word's start); `None` where that has no answer for one.
#[inline(always)]
fn latin1_lower_word(x: u64, before: u8) -> Option<u64> {
    let upper = ascii_between(x, b'A' - 1, b'Z' + 1);
    let high = x & HI;
    if high == 0 {
        return Some(x | upper >> 2);
    }
    let c3 = crate::text::LO * 0xC3;
    let after_c3 = zero_bytes((x << 8 | u64::from(before)) ^ c3);
    // A byte from 0x80 up that neither is `C3` nor follows one: another character's.
    if high & !(after_c3 | zero_bytes(x ^ c3)) != 0 {
        return None;
    }
    // After `C3`, the capitals `À` to `Þ` but `×`: the bytes 0x80 to 0x9E but 0x97, whose low
    // seven bits are below 0x1F and not 0x17. `| 0x20` makes them lowercase, as it does the
    // ASCII capitals.
    let low = x & !HI;
    let below = !(low + crate::text::LO * (0x80 - 0x1F));
    let capital = high & after_c3 & below & !zero_bytes(low ^ (crate::text::LO * 0x17));
    Some(x | (upper | capital) >> 2)
}

/// What `f` says of `word` in lowercase and its [`word_hash`], without allocating for short
/// ASCII-and-Danish words ([`lowercase_into`], as [`Lexicon::lowercase_bits`] does).
fn with_lowercase<R>(word: &str, f: impl FnOnce(&str, u64) -> R) -> R {
    let mut buf = [0u8; 64];
    match lowercase_into(word, &mut buf) {
        Some((lower, hash)) => f(lower, hash),
        None => {
            let lower = lowercase(word);
            f(&lower, word_hash(&lower))
        }
    }
}

/// `word` in lowercase ([`latin1_lower_word`]), written to the start of `buf`, and its
/// [`word_hash`]; `None` where it does not fit or needs more than ASCII and Latin-1.
#[inline(always)]
fn lowercase_into<'b>(word: &str, buf: &'b mut [u8; 64]) -> Option<(&'b str, u64)> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return None;
    }
    let mut hash = WordHasher::default();
    let mut before = 0;
    for (at, chunk) in bytes.chunks(8).enumerate() {
        // The last chunk packed, zero above the word, which lowercasing keeps: the hash of
        // the lowercase bytes is folded in as `word_hash` folds them.
        let x = crate::word_class::pack(chunk);
        let lower = latin1_lower_word(x, before)?;
        hash.mix(lower);
        buf[8 * at..8 * at + 8].copy_from_slice(&lower.to_le_bytes());
        before = (x >> 56) as u8;
    }
    let lower = &buf[..bytes.len()];
    debug_assert!(std::str::from_utf8(lower).is_ok());
    // SAFETY: `word` is UTF-8, and `latin1_lower_word` changes only ASCII letters, to ASCII
    // letters, and the second byte of a two-byte sequence `C3 xx`, to another continuation
    // byte: every sequence stays whole and valid.
    Some((
        unsafe { std::str::from_utf8_unchecked(lower) },
        hash.finish(),
    ))
}

/// A table of `2^n` bits, one per key: what the word filters below keep, each of its own keys.
#[derive(Clone, Debug)]
struct Bits(Vec<u64>);

impl Bits {
    /// `2^n` clear bits, `n` at least 6.
    fn new(n: u32) -> Bits {
        Bits(vec![0; 1 << (n - 6)])
    }

    /// Sets bit `k`.
    fn set(&mut self, k: usize) {
        self.0[k >> 6] |= 1 << (k & 63);
    }

    /// Whether bit `k` is set.
    #[inline]
    fn has(&self, k: usize) -> bool {
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// A quick answer for most words to "can this word end like one of a set of lowercase words?":
/// one bit per hash of a word's last three bytes, lowercased. A clear bit is a sure no; a set
/// bit sends the word on to the exact lookups.
#[derive(Clone, Debug)]
struct EndFilter {
    bits: Bits,
    /// A word whose ending the filter cannot lowercase was added: every word may match.
    open: bool,
}

impl Default for EndFilter {
    fn default() -> EndFilter {
        EndFilter {
            bits: Bits::new(16),
            open: false,
        }
    }
}

impl EndFilter {
    fn insert(&mut self, word: &str) {
        match Self::key(word.as_bytes()) {
            Some(k) => self.bits.set(k),
            None => self.open = true,
        }
    }

    /// False only if no added word ends like `word` does, in lowercase.
    fn may_end(&self, word: &str) -> bool {
        self.may_end_keyed(EndKey::of(word))
    }

    /// [`EndFilter::may_end`] of the word whose key is `key`.
    #[inline]
    fn may_end_keyed(&self, key: EndKey) -> bool {
        self.open || key.0.is_none_or(|k| self.bits.has(k))
    }

    /// A 16-bit hash of the last three bytes of `word` in lowercase, or `None` where that
    /// needs more than ASCII and Latin-1 letters (`Ø` → `ø` is `C3 98` → `C3 B8`).
    fn key(word: &[u8]) -> Option<usize> {
        let from = word.len().saturating_sub(3);
        let mut h: usize = word.len().min(3);
        for j in from..word.len() {
            h = h.wrapping_mul(257) ^ usize::from(latin1_lower(word, j)?);
        }
        Some(h.wrapping_mul(0x9E37_79B9) >> 16 & 0xFFFF)
    }
}

/// A word's [`EndFilter`] key, worked out once for every filter asked about the word (the
/// feature pass asks three of each new token: the titles' and both suffix heads').
#[derive(Clone, Copy, Debug)]
pub(crate) struct EndKey(Option<usize>);

impl EndKey {
    /// The key of `word`.
    #[inline]
    pub(crate) fn of(word: &str) -> EndKey {
        EndKey(EndFilter::key(word.as_bytes()))
    }
}

/// A quick answer for most words to "is this word one of a set?": one bit per hash of a
/// whole word as written ([`WordHasher`]), in a table of 2^18 bits. A clear bit is a sure no;
/// a set bit sends the word on to the exact lookup, which costs several times the hash.
#[derive(Clone, Debug)]
struct WordFilter {
    bits: Bits,
}

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter {
            bits: Bits::new(18),
        }
    }
}

impl WordFilter {
    fn insert(&mut self, word: &str) {
        self.bits.set(Self::key(word_hash(word)));
    }

    /// False only if `word` was not added.
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        self.may_hold_hashed(word_hash(word))
    }

    /// [`WordFilter::may_hold`] of the word whose [`word_hash`] is `hash`.
    #[inline]
    fn may_hold_hashed(&self, hash: u64) -> bool {
        self.bits.has(Self::key(hash))
    }

    /// An 18-bit hash of a word whose [`word_hash`] is `hash`: its top bits.
    #[inline]
    fn key(hash: u64) -> usize {
        (hash >> 46) as usize
    }
}

/// The [`WordHasher`] hash of `word`'s bytes.
#[inline]
fn word_hash(word: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// Words and a value for each, found by their [`word_hash`]: the hash a [`WordFilter`] in
/// front of the table works out serves the lookup too, where a `HashMap` would hash the word
/// again (and once more for the end of a `str`), and a lookup is a load or two and one compare
/// of the word.
#[derive(Clone, Debug)]
struct WordTable<V> {
    /// Open addressing: per slot, the low half of a word's hash and one more than its index in
    /// `words`, or `(0, 0)` for an empty slot. A power of two, at most half full, so that a
    /// probe ends at an empty slot soon.
    slots: Vec<(u32, u32)>,
    /// The words, their hashes and values, in the order added.
    words: Vec<(Box<str>, u64, V)>,
}

impl<V> Default for WordTable<V> {
    fn default() -> WordTable<V> {
        WordTable {
            slots: vec![(0, 0); 16],
            words: Vec::new(),
        }
    }
}

impl<V: Default> WordTable<V> {
    /// The value of `word`, whose [`word_hash`] is `hash`.
    #[inline]
    fn get_hashed(&self, word: &str, hash: u64) -> Option<&V> {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(hash);
        loop {
            let (tag, index) = self.slots[slot];
            if index == 0 {
                return None;
            }
            if tag == hash as u32 {
                let (w, _, v) = &self.words[index as usize - 1];
                if **w == *word {
                    return Some(v);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Every word and its value, in the order added.
    fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.words.iter().map(|(w, _, v)| (&**w, v))
    }

    /// The value of `word`.
    #[cfg(test)]
    fn get(&self, word: &str) -> Option<&V> {
        self.get_hashed(word, word_hash(word))
    }

    /// The value of `word`, added as the default if missing.
    fn entry(&mut self, word: &str) -> &mut V {
        let hash = word_hash(word);
        let index = match self.index_of(word, hash) {
            Some(index) => index,
            None => {
                if 2 * (self.words.len() + 1) > self.slots.len() {
                    self.grow();
                }
                self.words.push((word.into(), hash, V::default()));
                self.place(hash, self.words.len());
                self.words.len() - 1
            }
        };
        &mut self.words[index].2
    }

    /// The index in `words` of `word`, whose hash is `hash`.
    fn index_of(&self, word: &str, hash: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(hash);
        loop {
            match self.slots[slot] {
                (_, 0) => return None,
                (_, index) if *self.words[index as usize - 1].0 == *word => {
                    return Some(index as usize - 1)
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Puts the word of hash `hash`, number `number` (its index plus one), in the first empty
    /// slot of its probe.
    fn place(&mut self, hash: u64, number: usize) {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(hash);
        while self.slots[slot].1 != 0 {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = (hash as u32, number as u32);
    }

    /// Twice the slots, every word placed again.
    fn grow(&mut self) {
        self.slots = vec![(0, 0); 2 * self.slots.len()];
        for k in 0..self.words.len() {
            self.place(self.words[k].1, k + 1);
        }
    }

    /// Where the probe for a word of hash `hash` starts: its top bits.
    #[inline]
    fn slot(&self, hash: u64) -> usize {
        (hash >> (64 - self.slots.len().trailing_zeros())) as usize
    }

    /// The words, in the order added.
    #[cfg(test)]
    fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|(w, _, _)| &**w)
    }
}

/// A quick answer for most words to "may one of a set of words of four bytes or more end this
/// word, as written?": one bit per hash of a word's last four bytes. A clear bit is a sure no
/// (so is a word shorter than four bytes); a set bit sends the word on to the exact walk.
#[derive(Clone, Debug)]
struct TailFilter {
    bits: Bits,
}

impl Default for TailFilter {
    fn default() -> TailFilter {
        TailFilter {
            bits: Bits::new(12),
        }
    }
}

impl TailFilter {
    /// Adds `word`, of four bytes or more.
    fn insert(&mut self, word: &str) {
        self.bits
            .set(Self::key(word.as_bytes()).expect("four bytes or more"));
    }

    /// False only if no word added ends `word`.
    #[inline]
    fn may_end(&self, word: &str) -> bool {
        Self::key(word.as_bytes()).is_some_and(|k| self.bits.has(k))
    }

    /// A 12-bit hash of the last four bytes of `word`, if it has four.
    #[inline]
    fn key(word: &[u8]) -> Option<usize> {
        let last = word.len().checked_sub(4).map(|at| &word[at..])?;
        let w = u32::from_le_bytes(last.try_into().expect("four bytes"));
        Some((w.wrapping_mul(0x9E37_79B9) >> 20) as usize)
    }
}

/// Words stored back to front, to find which of them ends a longer word in one backward walk.
#[derive(Clone, Debug, Default)]
struct SuffixTrie {
    /// Per node: its children by byte, and whether a word ends (begins, reading forwards) here.
    nodes: Vec<(Vec<(u8, u32)>, bool)>,
}

impl SuffixTrie {
    fn insert(&mut self, word: &str) {
        if self.nodes.is_empty() {
            self.nodes.push((Vec::new(), false));
        }
        let mut node = 0;
        for &b in word.as_bytes().iter().rev() {
            node = match self.nodes[node].0.iter().find(|(c, _)| *c == b) {
                Some(&(_, next)) => next as usize,
                None => {
                    let next = self.nodes.len();
                    self.nodes.push((Vec::new(), false));
                    self.nodes[node].0.push((b, next as u32));
                    next
                }
            };
        }
        self.nodes[node].1 = true;
    }

    /// The one walk of the trie: along `word` from its last byte back, each byte as
    /// `byte(bytes, k)` gives it; whether a stored word ends there at some `k` where `done(k)`
    /// holds. `None` where `byte` has no byte for a position.
    #[inline(always)]
    fn walk(
        &self,
        word: &str,
        byte: impl Fn(&[u8], usize) -> Option<u8>,
        done: impl Fn(usize) -> bool,
    ) -> Option<bool> {
        if self.nodes.is_empty() {
            return Some(false);
        }
        let bytes = word.as_bytes();
        let mut node = 0;
        for k in (0..bytes.len()).rev() {
            let b = byte(bytes, k)?;
            match self.nodes[node].0.iter().find(|(c, _)| *c == b) {
                Some(&(_, next)) => node = next as usize,
                None => return Some(false),
            }
            if self.nodes[node].1 && done(k) {
                return Some(true);
            }
        }
        Some(false)
    }

    /// [`SuffixTrie::walk`] of `word` in lowercase: lowercasing as the walk goes where that
    /// keeps bytes in place ([`latin1_lower`]), and allocating the lowercase word only when it
    /// meets another character.
    fn walk_in_lowercase(&self, word: &str, done: impl Fn(usize) -> bool) -> bool {
        self.walk(word, latin1_lower, &done).unwrap_or_else(|| {
            self.walk(&word.to_lowercase(), |bytes, k| Some(bytes[k]), done) == Some(true)
        })
    }

    /// Whether a stored word ends `word` in lowercase or is `word` in lowercase
    /// (`analysefirmaet`, `Firmaet` and `firmaet` end in `firmaet`).
    fn ends_in_lowercase(&self, word: &str) -> bool {
        self.walk_in_lowercase(word, |_| true)
    }

    /// Whether a stored word ends `word` and is shorter than it (`Fremskridtspartiet` ends in
    /// `partiet`; `partiet` itself does not count).
    fn ends_longer(&self, word: &str) -> bool {
        self.walk(word, |bytes, k| Some(bytes[k]), |k| k > 0) == Some(true)
    }

    /// Whether a stored word ends `word` in lowercase and is shorter than it.
    fn ends_longer_in_lowercase(&self, word: &str) -> bool {
        self.walk_in_lowercase(word, |k| k > 0)
    }

    /// [`SuffixTrie::ends_longer`] and [`SuffixTrie::ends_longer_in_lowercase`] of `word` at
    /// once: one walk where the bytes walked are already lowercase, as they are up to the
    /// capital of most words, and the two walks only where lowercasing changes one. Out of
    /// line, so that the filter in front of it ([`Heads::suffixes_keyed`]) inlines.
    #[inline(never)]
    fn ends_longer_both(&self, word: &str) -> (bool, bool) {
        if self.nodes.is_empty() {
            return (false, false);
        }
        let bytes = word.as_bytes();
        let mut node = 0;
        for k in (0..bytes.len()).rev() {
            let b = bytes[k];
            if latin1_lower(bytes, k) != Some(b) {
                return (self.ends_longer(word), self.ends_longer_in_lowercase(word));
            }
            match self.nodes[node].0.iter().find(|(c, _)| *c == b) {
                Some(&(_, next)) => node = next as usize,
                None => return (false, false),
            }
            if self.nodes[node].1 && k > 0 {
                return (true, true);
            }
        }
        (false, false)
    }

    /// Whether a stored word ends `word` after at least three characters of it
    /// (`politidirektør` ends in `direktør`).
    fn ends_compound(&self, word: &str) -> bool {
        // A prefix up to a character boundary has three characters when the third starts in
        // it.
        let third = word.char_indices().nth(2).map_or(word.len(), |(at, _)| at);
        let prefix_long_enough = |k: usize| k > third && word.is_char_boundary(k);
        self.walk(word, |bytes, k| Some(bytes[k]), prefix_long_enough) == Some(true)
    }
}

/// Endings of words (a [`Heads`]' suffixes or tails): read backwards in a trie, to find one at
/// the end of a word in one walk, behind a filter of how they end, which turns most words down
/// at once.
#[derive(Clone, Debug, Default)]
struct Endings {
    trie: SuffixTrie,
    filter: EndFilter,
}

impl Endings {
    /// Adds `ending`. The filter keys on three bytes: a shorter ending leaves it open.
    fn insert(&mut self, ending: &str) {
        if ending.len() < 3 {
            self.filter.open = true;
        }
        self.filter.insert(ending);
        self.trie.insert(ending);
    }

    /// Whether an ending ends `word` in lowercase and is shorter than it; `key` is `word`'s
    /// ([`EndKey::of`]).
    #[inline]
    fn end_longer_in_lowercase(&self, word: &str, key: EndKey) -> bool {
        self.filter.may_end_keyed(key) && self.trie.ends_longer_in_lowercase(word)
    }
}

/// Words that make a capitalised sequence a name of one kind (`org_heads.txt`,
/// `place_heads.txt`).
#[derive(Clone, Debug)]
pub struct Heads {
    last: Set,
    first: Set,
    lead: Set,
    /// The `suffix` heads.
    suffix: Endings,
    /// The `tail` heads.
    tail: Endings,
    /// How the `last` heads end, to turn most words down at once.
    last_ends: EndFilter,
    /// The `last` heads that are not plain words (`A/S`, `Inc.`), which the tokens split, by
    /// their first two bytes: with the legal forms of every country there are hundreds.
    punctuated: HashMap<[u8; 2], Vec<String>, BuildHasherDefault<WordHasher>>,
    /// One bit for each pair of first two bytes of a punctuated head, to turn most places
    /// down without a lookup.
    punctuated_pairs: Box<[u64; 1024]>,
    /// Lowercase words that make a place before them an organisation (`Odense kommune`).
    lower: Set,
    /// Names of countries that make an organisation before them its branch there, one
    /// organisation (`Microsoft Danmark`).
    branch: Set,
    /// Words after ` & ` that make the names before them a firm's, a person's name too
    /// (`Carl Hansen & Søn`, `Jensen & Co.`).
    firm: Set,
    /// Lowercase words that make a name in title case joined to them by a hyphen a compound
    /// of such a name, the name's label for the whole word (`Teknova-direktør`).
    compound: Set,
    /// The points of the compass a place's name may begin with in one word with a listed
    /// place (`Nordtyskland`), the longer first (`Nordvest` before `Nord`), each with its
    /// first eight bytes packed ([`crate::word_class::pack`]): a word's first bytes are
    /// compared with a point of up to eight in a register, where a comparison of texts cost
    /// a call each.
    points: Vec<(u64, String)>,
    /// One bit for each first byte of a point: most words begin with none.
    point_starts: [u64; 4],
}

impl Default for Heads {
    fn default() -> Heads {
        Heads {
            last: Set::default(),
            first: Set::default(),
            lead: Set::default(),
            suffix: Endings::default(),
            tail: Endings::default(),
            last_ends: EndFilter::default(),
            punctuated: HashMap::default(),
            punctuated_pairs: Box::new([0; 1024]),
            lower: Set::default(),
            branch: Set::default(),
            firm: Set::default(),
            compound: Set::default(),
            points: Vec::new(),
            point_starts: [0; 4],
        }
    }
}

impl Heads {
    /// Whether `word`, lowercase after a place, makes the place and it one name
    /// (`Odense kommune`, `Frederikshavn politi`); also in the genitive (`kommunes`).
    pub fn is_lower(&self, word: &str) -> bool {
        self.lower.contains(word)
            || word
                .strip_suffix('s')
                .is_some_and(|w| self.lower.contains(w))
    }

    /// Whether `word`, after an organisation's name and one space, makes the two one
    /// organisation, its branch in that country (`Microsoft Danmark`, `Greenpeace Norge`).
    /// Not in the genitive: `Novo Nordisk Danmarks` is as often the subject of a clause and
    /// the owner of its object (`nu er Novo Nordisk Danmarks største selskab`).
    pub fn is_branch(&self, word: &str) -> bool {
        self.branch.contains(word)
    }

    /// Whether `word`, after a name and ` & `, makes the two a firm's name, whatever the name
    /// before it (`Carl Hansen & Søn`, `H. Nielsen & Sønner`, `Jensen & Co.`).
    pub fn is_firm_word(&self, word: &str) -> bool {
        self.firm.contains(word)
    }

    /// Whether `word`, the last part of a hyphenated compound in lowercase, is a `compound`
    /// word ([`Lexicon::compound_label`]).
    fn is_compound_word(&self, word: &str) -> bool {
        self.compound.contains(word)
    }

    /// What follows the `point` head that `word` begins with, the longest of those it begins
    /// with (`tyskland` of `Nordtyskland`, `asien` of `Sydøstasien`), if one: a point of the
    /// compass in one word with a place ([`crate::rules`]' `compass` step).
    #[inline]
    pub fn after_point<'w>(&self, word: &'w str) -> Option<&'w str> {
        let bytes = word.as_bytes();
        let &first = bytes.first()?;
        if self.point_starts[usize::from(first >> 6)] & 1 << (first & 63) == 0 {
            return None;
        }
        // `pack` reads only the first eight bytes of a longer word; the slice says so to the
        // compiler, and without it the build inlined other code worse (0.7 M instructions
        // more on 5 MB of news, in code this function is no part of).
        let head = crate::word_class::pack(&bytes[..bytes.len().min(8)]);
        self.points
            .iter()
            .find_map(|(packed, point)| match point.len() {
                len @ 1..=8 => (len <= bytes.len()
                    && head & (u64::MAX >> (64 - 8 * len)) == *packed)
                    // A point is whole characters: its end is a character boundary of `word`.
                    .then(|| &word[len..]),
                _ => word.strip_prefix(point.as_str()),
            })
    }

    /// Whether `token` ends such a name (`A/S`, `Universitet`, `Stadion`).
    pub fn is_last(&self, token: &str) -> bool {
        self.last_ends.may_end(token) && self.last.contains(token)
    }

    /// Whether `token` starts such a name (`FC`).
    pub fn is_first(&self, token: &str) -> bool {
        self.first.contains(token)
    }

    /// Whether `token` starts such a name before `for`, `af` or `of` and a capitalised word
    /// (`Center for Cybersikkerhed`, `University of Copenhagen`), as a `last` head does too
    /// (`Styrelsen for Arbejdsmarked og Rekruttering`).
    pub fn is_lead(&self, token: &str) -> bool {
        self.lead.contains(token)
    }

    /// Whether the single token `token` is such a name by its ending (`Fremskridtspartiet`,
    /// `Bådehavnsgade`).
    pub fn has_suffix(&self, token: &str) -> bool {
        self.suffix.filter.may_end(token) && self.suffix.trie.ends_longer(token)
    }

    /// Whether `token` in lowercase ends in a suffix head ([`Heads::has_suffix`]).
    pub fn has_suffix_in_lowercase(&self, token: &str) -> bool {
        self.suffix
            .end_longer_in_lowercase(token, EndKey::of(token))
    }

    /// Whether `token`, whose key is `key` ([`EndKey::of`]), in lowercase is a compound that
    /// ends in a tail head, which makes it the head of a name of two words or more (`Golfklub`
    /// of `Herning Golfklub`, `Handelsskole` of `Næstved Handelsskole`), though no name alone,
    /// as a suffix head makes it.
    #[inline]
    pub(crate) fn has_tail(&self, token: &str, key: EndKey) -> bool {
        self.tail.end_longer_in_lowercase(token, key)
    }

    /// [`Heads::suffixes_keyed`] of `token`, its key worked out here.
    #[cfg(test)]
    pub(crate) fn suffixes(&self, token: &str) -> (bool, bool) {
        self.suffixes_keyed(token, EndKey::of(token))
    }

    /// [`Heads::has_suffix`] and [`Heads::has_suffix_in_lowercase`] of `token`, whose key is
    /// `key` ([`EndKey::of`]), at once: the filter in front of both is asked once. Inlined:
    /// the filter turns most tokens down, which costs less than the call.
    #[inline]
    pub(crate) fn suffixes_keyed(&self, token: &str, key: EndKey) -> (bool, bool) {
        if !self.suffix.filter.may_end_keyed(key) {
            return (false, false);
        }
        self.suffix.trie.ends_longer_both(token)
    }

    /// The `last` heads with punctuation in them (`A/S`, `Inc.`) that `rest` may start with:
    /// those that share its first two bytes (a head of one byte is none).
    pub fn punctuated_for(&self, rest: &str) -> &[String] {
        rest.as_bytes()
            .get(..2)
            .and_then(|k| self.punctuated.get(&[k[0], k[1]]))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether some punctuated head may start `rest` ([`Heads::punctuated_for`] may find
    /// one): one shares its first two bytes.
    pub fn may_start_punctuated(&self, rest: &[u8]) -> bool {
        rest.get(..2).is_some_and(|k| {
            let pair = usize::from(k[0]) << 8 | usize::from(k[1]);
            self.punctuated_pairs[pair / 64] & 1 << (pair % 64) != 0
        })
    }

    /// Adds `word` as a head of `kind`; false if there is no such kind.
    fn add(&mut self, kind: &str, word: String) -> bool {
        match kind {
            "last" => {
                if word.chars().any(|c| !c.is_alphanumeric()) {
                    if let [a, b, ..] = *word.as_bytes() {
                        let pair = usize::from(a) << 8 | usize::from(b);
                        self.punctuated_pairs[pair / 64] |= 1 << (pair % 64);
                        let bucket = self.punctuated.entry([a, b]).or_default();
                        if !bucket.contains(&word) {
                            bucket.push(word.clone());
                        }
                    }
                }
                self.last_ends.insert(&word);
                self.last.insert(word)
            }
            "first" => self.first.insert(word),
            "lead" => self.lead.insert(word),
            "lower" => self.lower.insert(word),
            "branch" => self.branch.insert(word),
            "firm" => self.firm.insert(word),
            "compound" => self.compound.insert(word),
            "suffix" => {
                self.suffix.insert(&word);
                true
            }
            "tail" => {
                self.tail.insert(&word);
                true
            }
            "point" => {
                if let Some(&first) = word.as_bytes().first() {
                    self.point_starts[usize::from(first >> 6)] |= 1 << (first & 63);
                }
                // After the points as long or longer: the first that a word begins with is
                // the longest.
                if !self.points.iter().any(|(_, p)| *p == word) {
                    let at = self.points.partition_point(|(_, p)| p.len() >= word.len());
                    let packed = crate::word_class::pack(&word.as_bytes()[..word.len().min(8)]);
                    self.points.insert(at, (packed, word));
                }
                true
            }
            _ => return false,
        };
        true
    }
}

/// All rule word lists.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// The titles of four letters or more, for finding them at the end of compounds.
    title_tails: SuffixTrie,
    /// How the title tails end, to turn most words down before the walk of `title_tails`.
    title_tail_ends: TailFilter,
    /// How titles and title tails end, to turn most words down at once.
    title_ends: EndFilter,
    org_heads: Heads,
    place_heads: Heads,
    sport_stems: Stems,
    politics_stems: Stems,
    /// `context.txt`'s `media` stems: words of news outlets and broadcasters.
    media_stems: Stems,
    /// `context.txt`'s `org-noun` endings: a word that ends in one (`selskabet`,
    /// `analysefirmaet`) says that the name right after it is an organisation's
    /// ([`Lexicon::names_after`]).
    org_nouns: SuffixTrie,
    /// `context.txt`'s `place-noun` endings (`byen`, `hovedstaden`): likewise a place's.
    place_nouns: SuffixTrie,
    /// `context.txt`'s `owner` words (`aktierne`, `ansat`): a word that `i` places alone after
    /// one of them and `i` is an organisation ([`Lexicon::owns_placed_name`]).
    owner_words: Set,
    /// How the noun endings of four bytes or more end, to turn most longer words down before
    /// the walks of `org_nouns` and `place_nouns`.
    noun_tails: TailFilter,
    /// Whether an ending is shorter than four bytes, which `noun_tails` cannot hold.
    short_noun: bool,
    /// Ballot letters and the (id, name) of the party each stands for.
    ballot_letters: Map<(String, String)>,
    /// The entries of `ballot_letters` whose letter is one ASCII byte, by that byte, so that
    /// most letters asked about are one load, not a hashed lookup.
    ascii_ballot_letters: Vec<Option<(String, String)>>,
    /// First names and surnames by their lowercase, for names written in lowercase.
    lower_first_names: Map<FirstName>,
    /// The lowercase first names, to turn most words down before the lookup: the informal
    /// layer asks it of every lowercase word of informal text.
    first_name_filter: WordFilter,
    lower_surnames: Map<Surname>,
    /// First names by their spelling-insensitive key ([`crate::fold`]), for handles.
    folded_first_names: Map<FirstName>,
    /// Surnames by their spelling-insensitive keys.
    folded_surnames: Map<Surname>,
    /// Lowercase names that are words too; `true` for those that are names more than words.
    lowercase_words: Map<bool>,
    /// The words of three to five letters ([`Lexicon::is_short_word`]).
    short_words: Set,
    /// `surname_endings.txt`'s endings ([`Lexicon::has_surname_ending`]).
    surname_endings: SuffixTrie,
    /// `surname_endings.txt`'s `not` endings, which Danish words and places end in.
    not_surname_endings: SuffixTrie,
    /// How the surname endings end, with a genitive `s` too, to turn most words down before
    /// the walk of `surname_endings` ([`Lexicon::add_surname_tails`]).
    surname_tails: EndFilter,
    /// `east_asian_names.txt` ([`Lexicon::east_asian_names`]).
    east_asian_names: EastAsianNames,
    /// The speech verbs that organisations speak with as often as people do
    /// ([`Lexicon::is_org_speech_verb`]).
    org_speech_verbs: Set,
    /// Clause words, articles, particles, connectors and pronouns.
    word_classes: WordClasses,
    /// The words of `common_words.txt` in title case that the lists say nothing else of
    /// ([`crate::rules::plain_starts`]): worked out once every list is read, by
    /// [`Lexicon::shipped`] and [`Lexicon::from_dir`], or when first asked.
    plain_starts: std::sync::OnceLock<WordClasses>,
    /// First names, surnames and the verbs that introduce a quote's speaker, and the `last`
    /// and `first` heads of the lists above again: every word asked about as written, with all
    /// the lists say of it, so that the feature pass asks once where it would ask each list
    /// ([`Lexicon::written`]).
    written: WordTable<Written>,
    /// The words of [`Lexicon::written`], to turn most other tokens down before the lookup.
    written_filter: WordFilter,
    /// Every word of the lowercase lists of titles and common words, with its
    /// [`LOWER_TITLE`], [`LOWER_ABBREVIATED_TITLE`] (a title listed with a full stop, `dr.`,
    /// kept without it: a title only with its full stop after it) and [`LOWER_COMMON_WORD`]
    /// bits.
    lowercase_lists: WordTable<u8>,
    /// The words of [`Lexicon::lowercase_lists`], likewise.
    lowercase_filter: WordFilter,
    /// The abbreviated titles (`hr`, `dr`, kept without their full stop) of up to eight ASCII
    /// bytes, packed ([`crate::word_class::pack`]) with ASCII case folded ([`fold_packed`]),
    /// for [`Lexicon::is_abbreviated_title_packed`].
    packed_abbreviated_titles: Vec<u64>,
    /// Whether an abbreviated title is longer than eight bytes or not ASCII, which
    /// [`Lexicon::packed_abbreviated_titles`] cannot hold.
    unpacked_abbreviated_title: bool,
    /// Which lists these are: a new number whenever a list changes, so that answers
    /// remembered for one lexicon are never taken for another's ([`Lexicon::id`]).
    id: u64,
    /// The organisations' and the places' bits of punctuated heads' first two bytes side by
    /// side, to ask both with one load ([`Lexicon::may_start_punctuated`]).
    punctuated_pairs: PunctuatedPairs,
}

/// The ASCII word of `len` bytes (at most eight) packed to `head`, with the `0x20` bit of
/// every byte set: an ASCII letter's lowercase, so two words equal but for the case of their
/// letters fold alike (others may too: the fold tells words apart only one way).
fn fold_packed(head: u64, len: usize) -> u64 {
    let bits = 0x2020_2020_2020_2020u64;
    head | if len >= 8 {
        bits
    } else {
        bits & ((1 << (8 * len)) - 1)
    }
}

/// For each of the 1024 words of [`Heads`]'s bits of punctuated heads' first two bytes, the
/// organisations' word and the places'.
#[derive(Clone, Debug)]
struct PunctuatedPairs(Box<[[u64; 2]; 1024]>);

impl Default for PunctuatedPairs {
    fn default() -> PunctuatedPairs {
        PunctuatedPairs(Box::new([[0; 2]; 1024]))
    }
}

/// The last [`Lexicon::id`] handed out.
static LAST_ID: AtomicU64 = AtomicU64::new(0);

const FILES: [&str; 15] = [
    "first_names.tsv",
    "titles.txt",
    "org_heads.txt",
    "place_heads.txt",
    "context.txt",
    "common_words.txt",
    "surnames.tsv",
    "legal_forms.txt",
    "lowercase_words.txt",
    "ballot_letters.tsv",
    "function_words.txt",
    "speech_verbs.txt",
    "short_words.txt",
    "surname_endings.txt",
    "east_asian_names.txt",
];

const EMBEDDED: [&str; 15] = [
    include_str!("../gazetteers/rules/first_names.tsv"),
    include_str!("../gazetteers/rules/titles.txt"),
    include_str!("../gazetteers/rules/org_heads.txt"),
    include_str!("../gazetteers/rules/place_heads.txt"),
    include_str!("../gazetteers/rules/context.txt"),
    include_str!("../gazetteers/rules/common_words.txt"),
    include_str!("../gazetteers/rules/surnames.tsv"),
    include_str!("../gazetteers/rules/legal_forms.txt"),
    include_str!("../gazetteers/rules/lowercase_words.txt"),
    include_str!("../gazetteers/rules/ballot_letters.tsv"),
    include_str!("../gazetteers/rules/function_words.txt"),
    include_str!("../gazetteers/rules/speech_verbs.txt"),
    include_str!("../gazetteers/rules/short_words.txt"),
    include_str!("../gazetteers/rules/surname_endings.txt"),
    include_str!("../gazetteers/rules/east_asian_names.txt"),
];

/// Stems looked for inside words (`context.txt`'s `sport` and `politics` words): one
/// automaton finds any of them in a whole stretch of text, in lowercase, capitalised or in
/// capitals (ASCII letters in any case); where the processor has AVX2, a filter on their
/// first three bytes finds the same ([`Teddy`]) at a fraction of the automaton's cost.
#[derive(Clone, Debug, Default)]
struct Stems {
    stems: Vec<String>,
    /// Built from `stems` once their list is read ([`Stems::build`]), so that no document
    /// pays for it; `None` while there are none.
    finder: Option<AhoCorasick>,
    /// The most bytes of a form of a stem the automaton finds: no match is longer.
    longest: usize,
    /// The same forms, found 32 positions at a time by their first three bytes where the
    /// processor has AVX2 ([`Teddy`]); `None` where a form is shorter than three bytes.
    teddy: Option<Teddy>,
}

impl Stems {
    fn push(&mut self, stem: String) {
        self.stems.push(stem);
        self.finder = None;
        self.teddy = None;
    }

    /// Builds the automaton of the stems pushed so far.
    fn build(&mut self) {
        if self.stems.is_empty() {
            self.finder = None;
            self.teddy = None;
            return;
        }
        let forms: Vec<String> = self
            .stems
            .iter()
            .flat_map(|s| {
                [
                    s.to_lowercase(),
                    crate::tokens::title_case(s),
                    s.to_uppercase(),
                ]
            })
            .collect();
        self.longest = forms.iter().map(String::len).max().unwrap_or(0);
        self.teddy = Teddy::new(&forms);
        let finder = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(forms)
            .expect("a few short stems always build");
        self.finder = Some(finder);
    }

    /// Whether a stem occurs in `text`.
    fn found_in(&self, text: &str) -> bool {
        #[cfg(target_arch = "x86_64")]
        if let Some(teddy) = &self.teddy {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2.
                return unsafe { teddy.find_avx2(text.as_bytes(), true) }.is_some();
            }
        }
        self.finder.as_ref().is_some_and(|f| f.is_match(text))
    }

    /// Where a stem occurs in `text` (the one that ends first), if one does: `Some` exactly
    /// when [`Stems::found_in`] is true.
    fn find_in(&self, text: &str) -> Option<std::ops::Range<usize>> {
        #[cfg(target_arch = "x86_64")]
        if let Some(teddy) = &self.teddy {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2.
                return unsafe { teddy.find_avx2(text.as_bytes(), false) };
            }
        }
        self.finder.as_ref()?.find(text).map(|m| m.range())
    }
}

/// The forms of [`Stems`] found by their first three bytes, the way the Teddy algorithm of
/// the `aho-corasick` crate's packed searcher does (which that crate does not use for
/// ASCII-case-insensitive searches: without a prefilter its automaton costs more than a
/// dozen instructions a byte). Each distinct start of a form (its first three bytes `| 0x20`,
/// which makes ASCII capitals lowercase and keeps every byte a form may match apart from the
/// others) is put in one of eight buckets; for each of the three bytes, two tables give the
/// buckets with a start whose byte has a given low and high nibble, and a vector shuffle
/// looks up 32 positions at once. A position whose three bytes leave a bucket in all six
/// lookups is a candidate, and only the forms of its buckets are compared there; most
/// positions leave none.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
#[derive(Clone, Debug)]
struct Teddy {
    /// Per byte of the three: the buckets by low nibble, then by high nibble, each table
    /// twice (once per 128-bit lane of the shuffle).
    masks: [[[u8; 32]; 2]; 3],
    /// The forms of each bucket, ASCII lowercase, each once.
    buckets: [Vec<Form>; 8],
    /// The fewest bytes of a form (three or more).
    shortest: usize,
}

/// A form of [`Teddy`]'s, in ASCII lowercase, packed for the comparison with a text.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
#[derive(Clone, Debug)]
struct Form {
    /// Its bytes.
    len: usize,
    /// Its bytes eight at a time ([`crate::word_class::pack`]).
    words: Box<[u64]>,
    /// The bytes of its first word that are the form's.
    first: u64,
}

/// `x` with its ASCII capitals lowercase.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
#[inline]
fn ascii_lower(x: u64) -> u64 {
    x | ascii_between(x, b'A' - 1, b'Z' + 1) >> 2
}

#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
impl Teddy {
    /// The filter of `forms`; `None` if one is shorter than three bytes.
    fn new(forms: &[String]) -> Option<Teddy> {
        let mut lower: Vec<Box<[u8]>> = forms
            .iter()
            .map(|f| f.as_bytes().to_ascii_lowercase().into_boxed_slice())
            .collect();
        lower.sort();
        lower.dedup();
        let shortest = lower.iter().map(|f| f.len()).min()?;
        if shortest < 3 {
            return None;
        }
        let start = |f: &[u8]| [f[0] | 0x20, f[1] | 0x20, f[2] | 0x20];
        let mut starts: Vec<[u8; 3]> = lower.iter().map(|f| start(f)).collect();
        starts.dedup();
        // How many starts the nibble tables of a bucket of `group` let through: per byte,
        // every low nibble of the group with every high one.
        let passed = |group: &[[u8; 3]]| -> u64 {
            (0..3)
                .map(|j| {
                    let (lo, hi) = group.iter().fold((0u16, 0u16), |(lo, hi), s| {
                        (lo | 1 << (s[j] & 0xF), hi | 1 << (s[j] >> 4))
                    });
                    u64::from(lo.count_ones() * hi.count_ones())
                })
                .product()
        };
        // Each start a bucket of its own, then the two buckets whose union lets the fewest
        // starts through that neither did merged, until there are eight.
        let mut groups: Vec<Vec<[u8; 3]>> = starts.iter().map(|s| vec![*s]).collect();
        while groups.len() > 8 {
            let mut merge = (u64::MAX, 0, 0);
            for a in 0..groups.len() {
                for b in a + 1..groups.len() {
                    let union = [&groups[a][..], &groups[b][..]].concat();
                    let more = passed(&union) - passed(&groups[a]) - passed(&groups[b]);
                    if more < merge.0 {
                        merge = (more, a, b);
                    }
                }
            }
            let b = groups.remove(merge.2);
            groups[merge.1].extend(b);
        }
        let bucket_of = |s: [u8; 3]| {
            groups
                .iter()
                .position(|g| g.contains(&s))
                .expect("every start")
        };
        let mut teddy = Teddy {
            masks: [[[0; 32]; 2]; 3],
            buckets: Default::default(),
            shortest,
        };
        for s in &starts {
            let bit = 1 << bucket_of(*s);
            for (j, &b) in s.iter().enumerate() {
                for lane in [0, 16] {
                    teddy.masks[j][0][lane + usize::from(b & 0xF)] |= bit;
                    teddy.masks[j][1][lane + usize::from(b >> 4)] |= bit;
                }
            }
        }
        for f in lower {
            teddy.buckets[bucket_of(start(&f))].push(Form {
                len: f.len(),
                words: f.chunks(8).map(crate::word_class::pack).collect(),
                first: u64::MAX >> (64 - 8 * f.len().min(8)),
            });
        }
        Some(teddy)
    }

    /// The bytes of the shortest form of `buckets` at `at` in `text`, if one is there.
    #[inline]
    fn shortest_at(&self, text: &[u8], at: usize, mut buckets: u8) -> Option<usize> {
        let rest = &text[at..];
        // The text's bytes in ASCII lowercase, eight at a time, against the form's: the
        // first eight once for every form, which most forms differ from.
        let head = ascii_lower(crate::word_class::pack(rest));
        let mut shortest = None;
        while buckets != 0 {
            let k = buckets.trailing_zeros() as usize;
            buckets &= buckets - 1;
            for form in &self.buckets[k] {
                let here = form.len <= rest.len()
                    && (head ^ form.words[0]) & form.first == 0
                    && rest[8.min(form.len)..form.len]
                        .chunks(8)
                        .zip(&form.words[1..])
                        .all(|(t, &f)| ascii_lower(crate::word_class::pack(t)) == f);
                if here && shortest.is_none_or(|s| form.len < s) {
                    shortest = Some(form.len);
                }
            }
        }
        shortest
    }

    /// Where a form occurs in `text`: the one that ends first, and of those the longest, as
    /// the automaton of standard match semantics finds it; with `any`, whichever is found
    /// first.
    ///
    /// # Safety
    ///
    /// The processor must have AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn find_avx2(&self, text: &[u8], any: bool) -> Option<std::ops::Range<usize>> {
        use std::arch::x86_64::{
            __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
            _mm256_or_si256, _mm256_set1_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8,
            _mm256_srli_epi16, _mm256_storeu_si256,
        };
        const BLOCK: usize = 32;
        let n = text.len();
        if n < self.shortest {
            return None;
        }
        // SAFETY (all loads here): each table is 32 bytes; each load of the text reads the
        // 32 bytes at a position of a block and the two after it, within `text` or `pad`.
        let table = |t: &[u8; 32]| unsafe { _mm256_loadu_si256(t.as_ptr().cast::<__m256i>()) };
        let tables = self.masks.map(|[lo, hi]| [table(&lo), table(&hi)]);
        let nibble = _mm256_set1_epi8(0x0F);
        let fold = _mm256_set1_epi8(0x20);
        // The buckets each of the 32 positions from `at` may start a form of.
        let buckets = |at: *const u8| {
            let mut m = _mm256_set1_epi8(-1);
            for (j, [lo, hi]) in tables.iter().enumerate() {
                // SAFETY: as above.
                let x = unsafe { _mm256_loadu_si256(at.add(j).cast::<__m256i>()) };
                let x = _mm256_or_si256(x, fold);
                let low = _mm256_shuffle_epi8(*lo, _mm256_and_si256(x, nibble));
                let high =
                    _mm256_shuffle_epi8(*hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble));
                m = _mm256_and_si256(m, _mm256_and_si256(low, high));
            }
            m
        };
        let mut best: Option<std::ops::Range<usize>> = None;
        // A form starts no later than `n - 3`; positions before `at` are done.
        let mut at = 0;
        while at + 2 < n {
            // A form from here on ends no sooner than the one found.
            if best.as_ref().is_some_and(|b| at + self.shortest >= b.end) {
                return best;
            }
            // The block's first position, and its positions to look at: a last block that
            // would run past the end is moved back to end there, its positions before `at`
            // left out; a text shorter than a block is copied to `pad` first.
            let (base, keep, m) = if at + BLOCK + 2 <= n {
                (at, u32::MAX, buckets(text.as_ptr().add(at)))
            } else if n >= BLOCK + 2 {
                let base = n - BLOCK - 2;
                (
                    base,
                    u32::MAX << (at - base),
                    buckets(text.as_ptr().add(base)),
                )
            } else {
                // Eight bytes at a time, zero past the end ([`crate::word_class::pack`], in
                // memory in the text's order on this little-endian processor): no calls to
                // copy, which would cost more than the block.
                let mut pad = [0u64; (BLOCK + 2).div_ceil(8)];
                for (word, chunk) in pad.iter_mut().zip(text.chunks(8)) {
                    *word = crate::word_class::pack(chunk);
                }
                (0, (1 << (n - 2)) - 1, buckets(pad.as_ptr().cast::<u8>()))
            };
            let empty = _mm256_movemask_epi8(_mm256_cmpeq_epi8(m, _mm256_setzero_si256()));
            let mut found = !(empty as u32) & keep;
            if found != 0 {
                let mut lanes = [0u8; BLOCK];
                _mm256_storeu_si256(lanes.as_mut_ptr().cast::<__m256i>(), m);
                while found != 0 {
                    let i = found.trailing_zeros() as usize;
                    found &= found - 1;
                    let q = base + i;
                    // A form from here on ends no sooner than the one found.
                    if best.as_ref().is_some_and(|b| q + self.shortest >= b.end) {
                        return best;
                    }
                    if let Some(len) = self.shortest_at(text, q, lanes[i]) {
                        if any {
                            return Some(q..q + len);
                        }
                        if best.as_ref().is_none_or(|b| q + len < b.end) {
                            best = Some(q..q + len);
                        }
                    }
                }
            }
            at = base + BLOCK;
        }
        best
    }
}

/// A count column: a whole number, or 0 when the column is missing or empty (lists of other
/// origin may not have it).
fn count(field: Option<&&str>) -> Result<u32> {
    match field.map(|f| f.trim()) {
        None | Some("") => Ok(0),
        Some(f) => f
            .parse()
            .map_err(|_| Error::gazetteer(format!("expected a count, got {f:?}"))),
    }
}

impl Lexicon {
    /// The word lists that go with the gazetteers in `gazetteers`: its `rules/` directory
    /// where it has one ([`Lexicon::from_dir`]), else the shipped lists; the shipped lists for
    /// the shipped gazetteers (`None`).
    pub fn for_gazetteers(gazetteers: Option<&Path>) -> Result<Lexicon> {
        match gazetteers.map(|dir| dir.join("rules")) {
            Some(rules) if rules.is_dir() => Lexicon::from_dir(&rules),
            _ => Lexicon::shipped(),
        }
    }

    /// The lists shipped with navne.
    pub fn shipped() -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        for (file, text) in FILES.iter().zip(EMBEDDED) {
            let name = format!("gazetteers/rules/{file}");
            lex.add(file, text).map_err(|e| e.with_path(name))?;
        }
        lex.plain_starts();
        Ok(lex)
    }

    /// The lists in `dir` (a `rules/` directory); a file missing there is taken from the
    /// shipped lists.
    pub fn from_dir(dir: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        for (file, embedded) in FILES.iter().zip(EMBEDDED) {
            let path = dir.join(file);
            if path.exists() {
                let bytes = fs::read(&path).map_err(|e| Error::from(e).with_path(&path))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| Error::new(ErrorKind::InvalidUtf8).with_path(&path))?;
                lex.add(file, &text).map_err(|e| e.with_path(&path))?;
            } else {
                lex.add(file, embedded)
                    .map_err(|e| e.with_path(format!("gazetteers/rules/{file}")))?;
            }
        }
        lex.plain_starts();
        Ok(lex)
    }

    /// A number that differs between two lexicons unless one is a clone of the other: equal
    /// numbers mean equal lists, so what a word is in one is what it is in the other.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// The entry of `word` in [`Lexicon::written`]'s map, added empty if missing.
    fn written_mut(&mut self, word: &str) -> &mut Written {
        self.written_filter.insert(word);
        self.written.entry(word)
    }

    /// The entry of `word` in [`Lexicon::lowercase_lists`], added empty if missing.
    fn lowercase_mut(&mut self, word: String) -> &mut u8 {
        self.lowercase_filter.insert(&word);
        self.lowercase_lists.entry(&word)
    }

    /// The bits of `lower`, a word in lowercase, in [`Lexicon::lowercase_lists`]; 0 if it is
    /// not listed. Most words asked about are not: the filter turns them down.
    #[inline(always)]
    fn lowercase_listed(&self, lower: &str) -> u8 {
        self.lowercase_listed_hashed(lower, word_hash(lower))
    }

    /// [`Lexicon::lowercase_listed`] of `lower`, whose [`word_hash`] is `hash`.
    #[inline(always)]
    fn lowercase_listed_hashed(&self, lower: &str, hash: u64) -> u8 {
        if !self.lowercase_filter.may_hold_hashed(hash) {
            return 0;
        }
        self.lowercase_lists
            .get_hashed(lower, hash)
            .copied()
            .unwrap_or(0)
    }

    /// What the lists of words as written say of `token`, at once: its first name, its
    /// surname, whether it is a speech verb or an organisation's or place's `last` or `first`
    /// head. The same answers as asking [`Lexicon::first_name`], [`Lexicon::surname`],
    /// [`Lexicon::is_speech_verb`], [`Heads::is_last`] and [`Heads::is_first`], for one
    /// lookup.
    pub(crate) fn written(&self, token: &str) -> Written {
        self.written_inlined(token)
    }

    /// [`Lexicon::written`], inlined into the feature pass, which asks it of every new token:
    /// most are turned down by the filter, which costs less than the call.
    #[inline(always)]
    pub(crate) fn written_inlined(&self, token: &str) -> Written {
        // Most new tokens are in no list: the filter turns them down without the lookup.
        let hash = word_hash(token);
        if !self.written_filter.may_hold_hashed(hash) {
            return Written::default();
        }
        self.written
            .get_hashed(token, hash)
            .copied()
            .unwrap_or_default()
    }

    fn add(&mut self, file: &str, text: &str) -> Result<()> {
        self.id = LAST_ID.fetch_add(1, Ordering::Relaxed) + 1;
        let lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i as u64 + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
        match file {
            "first_names.tsv" => {
                for (n, line) in lines.skip(1) {
                    let f: Vec<&str> = line.split('\t').collect();
                    let freq = f.get(1).and_then(|x| x.trim().parse::<u8>().ok());
                    let (Some(name), Some(freq)) = (f.first(), freq) else {
                        return Err(Error::gazetteer("expected name, freq, …").with_line(n));
                    };
                    let yes = |k: usize| f.get(k).is_some_and(|c| c.trim() == "yes");
                    let dk_count = count(f.get(4)).map_err(|e| e.with_line(n))?;
                    let first = FirstName {
                        freq,
                        common_word: yes(3),
                        dk_count,
                        word: yes(5),
                    };
                    // Where spellings meet (`Soeren`, `Søren`), the name more people bear.
                    for key in crate::fold::keys(name.trim()) {
                        let better = |old: &FirstName| {
                            (first.dk_count, first.freq) > (old.dk_count, old.freq)
                        };
                        let slot = self.folded_first_names.entry(key).or_insert(first);
                        if better(slot) {
                            *slot = first;
                        }
                    }
                    let lower = name.trim().to_lowercase();
                    self.first_name_filter.insert(&lower);
                    self.lower_first_names.entry(lower).or_insert(first);
                    self.written_mut(name.trim()).first_name = Some(first);
                }
            }
            "titles.txt" => {
                for (_, l) in lines {
                    let lower = l.to_lowercase();
                    // `-spiller`: a title only as the end of a compound, not alone.
                    let (title, alone) = match lower.strip_prefix('-') {
                        Some(tail) => (tail.to_string(), false),
                        None => (lower, true),
                    };
                    if let Some(short) = title.strip_suffix('.').filter(|_| alone) {
                        if short.len() <= crate::word_class::MAX_WORD_BYTES && short.is_ascii() {
                            let packed = crate::word_class::pack(short.as_bytes());
                            let folded = fold_packed(packed, short.len());
                            self.packed_abbreviated_titles.push(folded);
                        } else {
                            self.unpacked_abbreviated_title = true;
                        }
                        *self.lowercase_mut(short.to_string()) |= LOWER_ABBREVIATED_TITLE;
                        continue;
                    }
                    if title.chars().count() >= 4 && title.chars().all(char::is_alphabetic) {
                        self.title_tails.insert(&title);
                        self.title_tail_ends.insert(&title);
                    }
                    self.title_ends.insert(&title);
                    if alone {
                        *self.lowercase_mut(title) |= LOWER_TITLE;
                    }
                }
            }
            "common_words.txt" => {
                for (_, l) in lines {
                    *self.lowercase_mut(l.to_lowercase()) |= LOWER_COMMON_WORD;
                }
            }
            "surnames.tsv" => {
                for (n, line) in lines.skip(1) {
                    let f: Vec<&str> = line.split('\t').collect();
                    let count = count(f.get(1)).map_err(|e| e.with_line(n))?;
                    let word = f.get(2).is_some_and(|c| c.trim() == "yes");
                    let surname = Surname { count, word };
                    for key in crate::fold::keys(f[0].trim()) {
                        let slot = self.folded_surnames.entry(key).or_insert(surname);
                        if surname.count > slot.count {
                            *slot = surname;
                        }
                    }
                    self.lower_surnames
                        .entry(f[0].trim().to_lowercase())
                        .or_insert(surname);
                    self.written_mut(f[0].trim()).surname = Some(surname);
                }
            }
            "ballot_letters.tsv" => {
                for (n, line) in lines.skip(1) {
                    let f: Vec<&str> = line.split('\t').map(str::trim).collect();
                    let [letter, id, name] = f[..] else {
                        return Err(Error::gazetteer("expected letter, id, name").with_line(n));
                    };
                    let party = (id.to_string(), name.to_string());
                    if let &[b] = letter.as_bytes() {
                        if b.is_ascii() {
                            self.ascii_ballot_letters.resize(128, None);
                            self.ascii_ballot_letters[b as usize] = Some(party.clone());
                        }
                    }
                    self.ballot_letters.insert(letter.to_string(), party);
                }
            }
            "lowercase_words.txt" => {
                for (_, line) in lines {
                    let (word, kind) = line.split_once('\t').unwrap_or((line, ""));
                    let name = kind.trim() == "name";
                    self.lowercase_words
                        .insert(word.trim().to_lowercase(), name);
                }
            }
            "function_words.txt" => self.word_classes.add_lines(text)?,
            "short_words.txt" => {
                for (_, word) in lines {
                    self.short_words.insert(word.to_lowercase());
                }
            }
            "surname_endings.txt" => {
                for (_, line) in lines {
                    match line.strip_prefix("not ") {
                        Some(ending) => self.not_surname_endings.insert(ending.trim()),
                        None => {
                            self.surname_endings.insert(line);
                            self.add_surname_tails(line);
                        }
                    }
                }
            }
            "east_asian_names.txt" => {
                for surname in self.east_asian_names.add_lines(text)? {
                    self.written_mut(surname).east_asian_surname = true;
                }
            }
            "speech_verbs.txt" => {
                for (_, line) in lines {
                    let (verb, kind) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
                    self.written_mut(verb).speech_verb = true;
                    if kind.trim() == "org" {
                        self.org_speech_verbs.insert(verb.to_string());
                    }
                }
            }
            "legal_forms.txt" => {
                for (_, form) in lines {
                    self.written_mut(form).org_last = true;
                    self.org_heads.add("last", form.to_string());
                }
            }
            "org_heads.txt" | "place_heads.txt" | "context.txt" => {
                for line in kind_word_lines(text) {
                    let (n, kind, word) = line?;
                    let word = word.to_string();
                    let written = match (file, kind) {
                        ("org_heads.txt", "last") => Some(&mut self.written_mut(&word).org_last),
                        ("org_heads.txt", "first") => Some(&mut self.written_mut(&word).org_first),
                        ("org_heads.txt", "lead") => Some(&mut self.written_mut(&word).org_lead),
                        ("place_heads.txt", "last") => {
                            Some(&mut self.written_mut(&word).place_last)
                        }
                        ("place_heads.txt", "first") => {
                            Some(&mut self.written_mut(&word).place_first)
                        }
                        // The words before a form that tell what it names are kept with the
                        // words as written, so that the feature pass learns them in the one
                        // lookup it makes of every new token.
                        ("context.txt", "place") => Some(&mut self.written_mut(&word).place_word),
                        ("context.txt", "unlisted") => {
                            Some(&mut self.written_mut(&word).unlisted_place_word)
                        }
                        ("context.txt", "club") => Some(&mut self.written_mut(&word).club_word),
                        _ => None,
                    };
                    if let Some(bit) = written {
                        *bit = true;
                    }
                    let known = match (file, kind) {
                        // Only places' names begin with a point of the compass in one word
                        // (`Nordtyskland`).
                        ("org_heads.txt", "point") => false,
                        ("org_heads.txt", _) => self.org_heads.add(kind, word),
                        // Only organisations' names are led by a head (`Center for …`).
                        ("place_heads.txt", "lead") => false,
                        ("place_heads.txt", _) => self.place_heads.add(kind, word),
                        ("context.txt", "place" | "unlisted" | "club") => true,
                        (_, "sport") => {
                            self.sport_stems.push(word);
                            true
                        }
                        (_, "politics") => {
                            self.politics_stems.push(word);
                            true
                        }
                        (_, "media") => {
                            self.media_stems.push(word);
                            true
                        }
                        ("context.txt", "org-noun") => {
                            self.add_noun_tail(&word);
                            self.org_nouns.insert(&word);
                            true
                        }
                        ("context.txt", "owner") => {
                            self.owner_words.insert(word);
                            true
                        }
                        ("context.txt", "place-noun") => {
                            self.add_noun_tail(&word);
                            self.place_nouns.insert(&word);
                            true
                        }
                        _ => false,
                    };
                    if !known {
                        return Err(Error::gazetteer(format!("unknown kind {kind:?}")).with_line(n));
                    }
                }
            }
            _ => unreachable!("FILES lists every file"),
        }
        if file == "context.txt" {
            // The stems' automata are built with the lexicon, not inside the first document.
            self.sport_stems.build();
            self.politics_stems.build();
            self.media_stems.build();
        }
        // Refreshed after every list: any may add punctuated heads.
        for (k, pair) in self.punctuated_pairs.0.iter_mut().enumerate() {
            *pair = [
                self.org_heads.punctuated_pairs[k],
                self.place_heads.punctuated_pairs[k],
            ];
        }
        Ok(())
    }

    /// The grammatical classes of `word` as written (`function_words.txt`): whether it opens
    /// a clause, is an article, a particle, a connector or a speaker's pronoun.
    #[inline]
    pub(crate) fn word_class(&self, word: &str) -> WordClass {
        self.word_classes.of(word)
    }

    /// Whether a word of `len` bytes whose first eight bytes pack to `head` is a frequent word
    /// in title case that the lists say nothing else of (`Mange`, `Sådan`; not `Skov`, a
    /// surname, nor `Formand`, a title): at a sentence start, the first word of a sentence
    /// and no name ([`WordClass::PLAIN_START`]).
    #[inline]
    pub(crate) fn is_plain_start_packed(&self, head: u64, len: usize) -> bool {
        self.plain_starts()
            .of_packed(head, len)
            .has(WordClass::PLAIN_START)
    }

    /// The table of [`Lexicon::is_plain_start_packed`], worked out when first asked.
    fn plain_starts(&self) -> &WordClasses {
        self.plain_starts
            .get_or_init(|| crate::rules::plain_starts(self))
    }

    /// The words of `common_words.txt`, in lowercase ([`Lexicon::is_common_word`]).
    pub(crate) fn common_words(&self) -> impl Iterator<Item = &str> {
        self.lowercase_lists
            .iter()
            .filter(|&(_, &bits)| bits & LOWER_COMMON_WORD != 0)
            .map(|(word, _)| word)
    }

    /// The classes of a word of `len` bytes whose first eight bytes pack to `head`.
    #[inline]
    pub(crate) fn word_class_packed(&self, head: u64, len: usize) -> WordClass {
        self.word_classes.of_packed(head, len)
    }

    /// Whether a word of `len` bytes whose first eight bytes pack ([`crate::word_class::pack`])
    /// to `head` has any of `classes` ([`Lexicon::word_class`]).
    #[inline]
    pub(crate) fn has_word_class_packed(&self, head: u64, len: usize, classes: WordClass) -> bool {
        self.word_classes.has_any_packed(head, len, classes)
    }

    /// Whether `word`, as written, is a verb that introduces a quote's speaker (`siger`).
    pub fn is_speech_verb(&self, word: &str) -> bool {
        self.written(word).speech_verb
    }

    /// The first name `token`, if listed.
    pub fn first_name(&self, token: &str) -> Option<FirstName> {
        self.written(token).first_name
    }

    /// The first name `token` is as a hyphenated pair or more of listed first names, each
    /// capitalised (`Pierre-Emile`, `Hans-Jørgen`, `Anne-Sofie`), which the lists hold only
    /// in part: as rare as its rarest part (`freq`, `dk_count`) and no word.
    #[inline(never)]
    pub(crate) fn hyphenated_first_name(&self, token: &str) -> Option<FirstName> {
        let mut name = FirstName {
            freq: u8::MAX,
            common_word: false,
            dk_count: u32::MAX,
            word: false,
        };
        let mut n = 0;
        for part in token.split('-') {
            // Capitalised (`FN-soldater` is not), and listed.
            if !part.starts_with(|c: char| c.is_uppercase()) {
                return None;
            }
            let f = self.first_name(part)?;
            name.freq = name.freq.min(f.freq);
            name.dk_count = name.dk_count.min(f.dk_count);
            n += 1;
        }
        (n >= 2).then_some(name)
    }

    /// The first name `token` is in title case (`JENS` → `Jens`, [`crate::tokens::title_case`]),
    /// if listed. A token of ASCII and Latin-1 letters (all but the first of which have their
    /// lowercase in place) is title-cased on the stack.
    pub(crate) fn first_name_in_title_case(&self, token: &str) -> Option<FirstName> {
        let first = token.chars().next()?;
        // A capital (or caseless) first character is its own uppercase in ASCII and Latin-1.
        let keeps_case = first.is_ascii() && !first.is_ascii_lowercase()
            || matches!(u32::from(first), 0xC0..=0xDE);
        let bytes = token.as_bytes();
        let mut buf = [0u8; 64];
        if !keeps_case || bytes.len() > buf.len() {
            return self.first_name(&crate::tokens::title_case(token));
        }
        let n = first.len_utf8();
        buf[..n].copy_from_slice(&bytes[..n]);
        for (j, slot) in buf[..bytes.len()].iter_mut().enumerate().skip(n) {
            match latin1_lower(bytes, j) {
                Some(l) => *slot = l,
                None => return self.first_name(&crate::tokens::title_case(token)),
            }
        }
        // `latin1_lower` keeps every sequence whole, as in `with_lowercase`.
        std::str::from_utf8(&buf[..bytes.len()])
            .ok()
            .and_then(|title| self.first_name(title))
    }

    /// Whether `word` (any case) is a title or role that precedes a name, also as the end of
    /// a compound (`politidirektør`, `byretsdommer`).
    pub fn is_title(&self, word: &str) -> bool {
        self.title_ends.may_end(word)
            && (self.lowercase_bits(word) & LOWER_TITLE != 0 || self.ends_in_title(word))
    }

    /// [`Lexicon::lowercase_facts_keyed`] of `word`, its key worked out here.
    #[cfg(test)]
    pub(crate) fn lowercase_facts(&self, word: &str) -> LowercaseFacts {
        self.lowercase_facts_keyed(word, EndKey::of(word))
    }

    /// [`Lexicon::is_title`], [`Lexicon::is_abbreviated_title`] and
    /// [`Lexicon::is_common_word`] of `word`, whose key is `key` ([`EndKey::of`]), at once,
    /// lowercasing it once and looking it up once for the three. Inlined into the feature
    /// pass, its one caller, which asks it of every new token.
    #[inline(always)]
    pub(crate) fn lowercase_facts_keyed(&self, word: &str, key: EndKey) -> LowercaseFacts {
        let may_be_title = self.title_ends.may_end_keyed(key);
        let bits = self.lowercase_bits(word);
        let has = |bit: u8| bits & bit != 0;
        LowercaseFacts {
            title: may_be_title && (has(LOWER_TITLE) || self.ends_in_title(word)),
            abbreviated_title: has(LOWER_ABBREVIATED_TITLE),
            common_word: has(LOWER_COMMON_WORD),
        }
    }

    /// Whether `word` ends in a title tail after at least three characters of it
    /// ([`SuffixTrie::ends_compound`] of `title_tails`): most words do not end like any.
    #[inline]
    fn ends_in_title(&self, word: &str) -> bool {
        self.title_tail_ends.may_end(word) && self.title_tails.ends_compound(word)
    }

    /// The lowercase lists' bits of `word` in lowercase ([`Lexicon::lowercase_lists`]).
    /// Inlined, with the lookup: the feature pass asks it of every new token, and the calls
    /// cost a third of the rest.
    #[inline(always)]
    fn lowercase_bits(&self, word: &str) -> u8 {
        let mut buf = [0u8; 64];
        match lowercase_into(word, &mut buf) {
            Some((lower, hash)) => self.lowercase_listed_hashed(lower, hash),
            None => self.other_lowercase_bits(word),
        }
    }

    /// [`Lexicon::lowercase_bits`] of a word that is long or has other letters than ASCII and
    /// Latin-1 ones: lowercased as a whole.
    #[inline(never)]
    fn other_lowercase_bits(&self, word: &str) -> u8 {
        self.lowercase_listed(&lowercase(word))
    }

    /// [`Lexicon::is_abbreviated_title`] of a token, `word`, whose first eight bytes pack
    /// ([`crate::word_class::pack`]) to `head`, told without a lookup for most tokens. Each
    /// abbreviation is most often ASCII of up to eight bytes: then a token of up to eight
    /// ASCII bytes is one if its packed bytes, case folded, are one's; and any other token's
    /// lowercase is ASCII only if a Kelvin sign (`K`, whose lowercase is `k`) is all it has
    /// beyond ASCII, which is the one character besides `A`–`Z` whose lowercase is ASCII.
    #[inline(never)]
    pub(crate) fn is_abbreviated_title_packed(&self, word: &str, head: u64) -> bool {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let len = word.len();
        if self.unpacked_abbreviated_title {
            return self.is_abbreviated_title(word);
        }
        if len <= crate::word_class::MAX_WORD_BYTES && head & HIGH == 0 {
            // A token's bytes are letters, digits, hyphens and apostrophes, which the fold
            // turns to their lowercase or leaves as they are.
            return self
                .packed_abbreviated_titles
                .contains(&fold_packed(head, len));
        }
        // The Kelvin sign is E2 84 AA in UTF-8.
        word.bytes().any(|b| b == 0xE2) && self.is_abbreviated_title(word)
    }

    /// Whether `word`, followed by a full stop, is an abbreviated title (`dr.`, `hr.`; listed
    /// with its full stop). A title written out in full before a full stop ends a sentence.
    pub fn is_abbreviated_title(&self, word: &str) -> bool {
        self.lowercase_bits(word) & LOWER_ABBREVIATED_TITLE != 0
    }

    /// Whether `name` is a known surname.
    pub fn is_surname(&self, name: &str) -> bool {
        self.surname(name).is_some()
    }

    /// The id and name of the party whose ballot letter or one-letter abbreviation is
    /// `letter` (`V` → Venstre).
    pub fn ballot_letter(&self, letter: &str) -> Option<(&str, &str)> {
        let party = match letter.as_bytes() {
            // The table holds every letter of one ASCII byte (it is empty while there are
            // none): what the map would say.
            &[b] if b.is_ascii() => self.ascii_ballot_letters.get(b as usize)?.as_ref(),
            _ => self.ballot_letters.get(letter),
        };
        party.map(|(id, name)| (id.as_str(), name.as_str()))
    }

    /// Whether a word of `text` marks political text: it contains a `politics` stem
    /// (`partiet`, `statsministeren`, `#dkpol`).
    pub fn mentions_politics(&self, text: &str) -> bool {
        self.politics_stems.found_in(text)
    }

    /// Where in `text` a word marking political text has its `politics` stem, if one does:
    /// `Some` exactly when [`Lexicon::mentions_politics`] is true. A stem found in a stretch
    /// of text is found in every stretch that holds it, so that a caller can reuse it.
    pub(crate) fn politics_at(&self, text: &str) -> Option<std::ops::Range<usize>> {
        self.politics_stems.find_in(text)
    }

    /// The most bytes a match of [`Lexicon::politics_at`] can span.
    pub(crate) fn longest_politics_stem(&self) -> usize {
        self.politics_stems.longest
    }

    /// The first name written `lower` in lowercase (`ida`, `anne-sofie`).
    pub fn lowercase_first_name(&self, lower: &str) -> Option<FirstName> {
        if !self.first_name_filter.may_hold(lower) {
            return None;
        }
        self.lower_first_names.get(lower).copied()
    }

    /// The surname written `lower` in lowercase (`jensen`).
    pub fn lowercase_surname(&self, lower: &str) -> Option<Surname> {
        self.lower_surnames.get(lower).copied()
    }

    /// The first name whose spelling-insensitive key (module `fold`) is `key`
    /// (`soeren` for `Søren`).
    pub fn folded_first_name(&self, key: &str) -> Option<FirstName> {
        self.folded_first_names.get(key).copied()
    }

    /// The surname whose spelling-insensitive key is `key` (`loekke` for `Løkke`).
    pub fn folded_surname(&self, key: &str) -> Option<Surname> {
        self.folded_surnames.get(key).copied()
    }

    /// Whether `lower`, a name of the gazetteers in lowercase, is a word too (`bergen`): then
    /// it is no name in lowercase.
    pub fn is_lowercase_word(&self, lower: &str) -> bool {
        self.lowercase_words.get(lower) == Some(&false)
    }

    /// Whether `verb`, a speech verb as written (`oplyser`, `vurderer`), introduces an
    /// organisation's statement as often as a person's: `VERB org` in `speech_verbs.txt`.
    pub fn is_org_speech_verb(&self, verb: &str) -> bool {
        self.org_speech_verbs.contains(verb)
    }

    /// Whether `word`, a capitalised word of five characters or more, ends in lowercase in an
    /// ending of `surname_endings.txt` and in none of its `not` endings, as written or before a
    /// genitive `s` (`Budanov`, `Plenkovićs`, `Rodríguez`; not `Nakskov`): the ending of a
    /// surname of Eastern or Southern Europe, Finland, the Caucasus, Turkey or the Spanish-speaking
    /// world.
    pub fn has_surname_ending(&self, word: &str) -> bool {
        // Most words end in no ending's last three bytes: one filter turns them down.
        if !self.surname_tails.may_end(word) {
            return false;
        }
        let ends = |w: &str| {
            w.chars().nth(4).is_some()
                && self.surname_endings.ends_longer_in_lowercase(w)
                && !self.not_surname_endings.ends_in_lowercase(w)
        };
        ends(word) || word.strip_suffix('s').is_some_and(ends)
    }

    /// The syllables and morae of the names of East Asia (`east_asian_names.txt`): `Qiang`,
    /// `Suk-yeol`, `Shinzo`.
    pub(crate) fn east_asian_names(&self) -> &EastAsianNames {
        &self.east_asian_names
    }

    /// Whether `word`, as written, is a surname of China, Taiwan or Korea
    /// (`east_asian_names.txt`: `Wang`, `Tsai`, `Park`).
    pub(crate) fn is_east_asian_surname(&self, word: &str) -> bool {
        self.written(word).east_asian_surname
    }

    /// Notes how the surname `ending` ends in the filter in front of its walk, alone and with a
    /// genitive `s`: its last three bytes, or those of every letter and an ending of two bytes
    /// (`ov`: `jov`, `kov`, …). An ending of other letters than ASCII and Latin-1 ones
    /// (`vić`) needs no note: a word that ends in such letters passes the filter anyway.
    fn add_surname_tails(&mut self, ending: &str) {
        let mut note = |tail: &str| {
            if let Some(k) = EndFilter::key(tail.as_bytes()) {
                self.surname_tails.bits.set(k);
            }
        };
        note(&format!("{ending}s"));
        if ending.len() >= 3 {
            note(ending);
        } else {
            for c in ('a'..='z').chain('à'..='ÿ') {
                note(&format!("{c}{ending}"));
            }
        }
    }

    /// Whether `lower`, in lowercase, is a word of three to five letters of the dictionaries or
    /// the frequency list (`det`, `aids`, `gps`; not a name that only the frequency list has,
    /// `fia`): written in capitals, it is that word, not an acronym that no list holds.
    pub fn is_short_word(&self, lower: &str) -> bool {
        self.short_words.contains(lower)
    }

    /// Whether `lower`, a name of the gazetteers in lowercase, is frequent in lowercase writing
    /// though the dictionaries write it capitalised (`europa`, `apple`): a name in lowercase
    /// only where context says so.
    pub fn is_frequent_in_lowercase(&self, lower: &str) -> bool {
        self.lowercase_words.get(lower) == Some(&true)
    }

    /// The surname `name`, if listed.
    pub fn surname(&self, name: &str) -> Option<Surname> {
        self.written(name).surname
    }

    /// Whether `word` ends in a frequent ordinary word after a prefix of two letters or more
    /// (`Tilholderlåsen`, `Søterrassen`): a compound noun rather than a name.
    pub fn ends_in_common_word(&self, word: &str) -> bool {
        // Lowercased on the stack where it can be, as for the lowercase lists' lookup.
        let mut buf = [0u8; 64];
        match lowercase_into(word, &mut buf) {
            Some((lower, _)) => self.has_common_tail(lower),
            None => self.has_common_tail(&lowercase(word)),
        }
    }

    /// Whether `lower`, a word in lowercase, ends in a frequent ordinary word of four
    /// characters or more after two characters or more: the characters are counted once, not
    /// for every ending, and the endings the lists' filter turns down are not looked up.
    fn has_common_tail(&self, lower: &str) -> bool {
        let chars = lower.chars().count();
        lower
            .char_indices()
            .take(chars.saturating_sub(3))
            .skip(2)
            .any(|(i, _)| self.lowercase_listed(&lower[i..]) & LOWER_COMMON_WORD != 0)
    }

    /// [`Heads::may_start_punctuated`] of the organisations' and the places' heads, for a
    /// text that goes on in bytes `a` and `b`: one load for both.
    #[inline]
    pub fn may_start_punctuated(&self, a: u8, b: u8) -> [bool; 2] {
        let pair = usize::from(a) << 8 | usize::from(b);
        let [org, place] = self.punctuated_pairs.0[pair / 64];
        let bit = 1 << (pair % 64);
        [org & bit != 0, place & bit != 0]
    }

    /// The label a compound makes of `token` if it is a name in title case (a capital, then
    /// lowercase letters) joined by a hyphen to a `compound` word of the organisations' or the
    /// places' heads, also in the genitive: `Teknova-direktør` and `Danisco-koncernens` an
    /// organisation, `Tronneallé-kvarteret` a place. None after capitals (`TV-direktør`,
    /// `IT-chefen`: common nouns as often as names; a listed name's compounds are the
    /// gazetteers') or a prefix of one letter.
    pub fn compound_label(&self, token: &str) -> Option<Label> {
        let (name, rest) = token.split_once('-')?;
        if !crate::tokens::is_title_case(name) {
            return None;
        }
        let word = rest.rsplit('-').next().unwrap_or(rest);
        let base = word.strip_suffix('s');
        [
            (&self.org_heads, Label::Org),
            (&self.place_heads, Label::Loc),
        ]
        .into_iter()
        .find(|(h, _)| h.is_compound_word(word) || base.is_some_and(|b| h.is_compound_word(b)))
        .map(|(_, label)| label)
    }

    /// The heads of organisation names.
    pub fn org_heads(&self) -> &Heads {
        &self.org_heads
    }

    /// The heads of place names.
    pub fn place_heads(&self) -> &Heads {
        &self.place_heads
    }

    /// Whether a form right after `word` is a place (`i`, `fra`).
    pub fn is_place_word(&self, word: &str) -> bool {
        self.written(word).place_word
    }

    /// Whether a capitalised word that no list knows is a place right after `word` (`i`).
    pub fn places_unlisted_names(&self, word: &str) -> bool {
        self.written(word).unlisted_place_word
    }

    /// Whether a capitalised word that no list knows, after `word` (in lowercase or title
    /// case) and `i`, is an organisation rather than a place: `word` is something a firm has
    /// or someone holds in one, `owner` in `context.txt` (`aktierne i Bodum`, `ansat i
    /// Trifork`).
    pub fn owns_placed_name(&self, word: &str) -> bool {
        with_lowercase(word, |w, _| self.owner_words.contains(w))
    }

    /// Whether `text` (in any case) contains a stem of the name of a news outlet or
    /// broadcaster, a `media` stem (`nyheder`, `tv2`): an account named so is the outlet's.
    pub fn mentions_media(&self, text: &str) -> bool {
        self.media_stems.found_in(text)
    }

    /// What a capitalised name right after `word` names, if `word` is a noun that says so
    /// (`context.txt`'s `org-noun` and `place-noun` endings, which compounds end in too): an
    /// organisation after `selskabet` or `analysefirmaet` (`selskabet Danop`), a place after
    /// `byen` or `hovedstaden` (`hovedstaden Monrovia`). The noun is written in lowercase, or
    /// with a capital first letter and lowercase after it (`Bandet`), which the rule layers
    /// count only at a sentence start.
    pub fn names_after(&self, word: &str) -> Option<Label> {
        // A word longer than four bytes ends in an ending only if its last four bytes, which
        // no capital first letter is among, end one: one filter turns most words down.
        if word.len() > 4 && !self.short_noun && !self.noun_tails.may_end(word) {
            return None;
        }
        // The endings then, in one walk back from the end without allocating.
        let label = if self.org_nouns.ends_in_lowercase(word) {
            Label::Org
        } else if self.place_nouns.ends_in_lowercase(word) {
            Label::Loc
        } else {
            return None;
        };
        let mut chars = word.chars();
        let first = chars.next()?;
        let written = first.is_lowercase()
            || first.is_uppercase() && !chars.as_str().contains(char::is_uppercase);
        written.then_some(label)
    }

    /// Notes a noun ending ([`Lexicon::names_after`]) in the filter in front of the walks.
    fn add_noun_tail(&mut self, ending: &str) {
        if ending.len() >= 4 {
            self.noun_tails.insert(ending);
        } else {
            self.short_noun = true;
        }
    }

    /// Whether a form right after `word` is a club (`mod`).
    pub fn is_club_word(&self, word: &str) -> bool {
        self.written(word).club_word
    }

    /// Whether a word of `text` (in any case) contains a stem that marks a sports sentence
    /// (`semifinalen`).
    pub fn mentions_sport(&self, text: &str) -> bool {
        self.sport_stems.found_in(text)
    }

    /// Whether `word`, lowercased, is a frequent ordinary Danish word.
    pub fn is_common_word(&self, word: &str) -> bool {
        // Most words asked about are in lowercase ASCII already: looked up as they are, not
        // copied and lowercased first.
        let bits = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            self.lowercase_listed(word)
        } else {
            self.lowercase_bits(word)
        };
        bits & LOWER_COMMON_WORD != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A word's longest `point` counts, whatever the order of the lines, and a point may be
    /// longer than the eight bytes compared in a register.
    #[test]
    fn the_longest_point_a_word_begins_with_counts() {
        let mut heads = Heads::default();
        for point in ["Nord", "Øst", "Nordøst", "Sydøst", "Syd", "Nordnordvest"] {
            assert!(heads.add("point", point.to_string()));
        }
        for (word, rest) in [
            ("Nordtyskland", Some("tyskland")),
            ("Nordøstasien", Some("asien")),
            ("Sydøst", Some("")),
            ("Østfyn", Some("fyn")),
            ("Nordnordvestjylland", Some("jylland")),
            ("Nor", None),
            ("Vestfyn", None),
            ("nordtyskland", None),
            ("", None),
        ] {
            assert_eq!(heads.after_point(word), rest, "{word}");
        }
        // The shipped points, as `place_heads.txt` lists them.
        let lex = Lexicon::shipped().unwrap();
        assert_eq!(
            lex.place_heads().after_point("Midtjylland"),
            Some("jylland")
        );
        assert_eq!(lex.place_heads().after_point("Sydvestasien"), Some("asien"));
        assert_eq!(lex.org_heads().after_point("Nordtyskland"), None);
    }

    /// The lexicon's table of punctuated heads' first bytes answers as both heads' do.
    #[test]
    fn punctuated_pairs_answer_as_the_heads() {
        let lex = Lexicon::shipped().unwrap();
        let mut some = 0;
        for a in 0..=255 {
            for b in 0..=255 {
                let both = [
                    lex.org_heads().may_start_punctuated(&[a, b]),
                    lex.place_heads().may_start_punctuated(&[a, b]),
                ];
                assert_eq!(lex.may_start_punctuated(a, b), both, "{a} {b}");
                some += usize::from(both[0] || both[1]);
            }
        }
        assert!(some > 0);
    }

    /// The end filter never turns down a title, in any case and at the end of a compound; a
    /// title listed after a hyphen is one only at the end of a compound.
    #[test]
    fn end_filter_keeps_every_title() {
        let lex = Lexicon::shipped().unwrap();
        for title in EMBEDDED[1].lines().map(str::trim) {
            if title.is_empty() || title.starts_with('#') {
                continue;
            }
            // A compound's end only: a title at the end of a compound, not alone.
            if let Some(tail) = title.strip_prefix('-') {
                assert!(!lex.is_title(tail), "{tail}");
                assert!(lex.is_title(&format!("Over{tail}")), "Over{tail}");
                continue;
            }
            let upper = title.to_uppercase();
            let capital = crate::tokens::title_case(title);
            for form in [title, &upper, &capital] {
                match form.strip_suffix('.') {
                    Some(short) => assert!(lex.is_abbreviated_title(short), "{form}"),
                    None => assert!(lex.is_title(form), "{form}"),
                }
            }
            if title.chars().count() >= 4 && title.chars().all(char::is_alphabetic) {
                assert!(lex.is_title(&format!("Over{title}")), "Over{title}");
            }
        }
    }

    /// The filter in front of the lowercase first names never turns one of them down, and
    /// turns most other words down.
    #[test]
    fn word_filter_keeps_every_first_name() {
        let lex = Lexicon::shipped().unwrap();
        for (lower, first) in &lex.lower_first_names {
            assert!(lex.first_name_filter.may_hold(lower), "{lower}");
            assert_eq!(lex.lowercase_first_name(lower), Some(*first), "{lower}");
        }
        let words = ["og", "hvad", "måske", "selvfølgelig", "kommunen", "hurtigt"];
        let passed = words
            .iter()
            .filter(|w| lex.first_name_filter.may_hold(w))
            .count();
        assert!(passed < words.len(), "{passed}");
    }

    /// The end filter in front of the `last` heads never turns one of them down.
    #[test]
    fn every_last_head_is_found() {
        let lex = Lexicon::shipped().unwrap();
        for (heads, file) in [
            (lex.org_heads(), EMBEDDED[2]),
            (lex.place_heads(), EMBEDDED[3]),
        ] {
            for head in file.lines().filter_map(|l| l.trim().strip_prefix("last ")) {
                assert!(heads.is_last(head.trim()), "{head}");
            }
        }
    }

    proptest! {
        /// A word has a suffix head exactly when it is longer than one and ends in it.
        #[test]
        fn suffix_heads_are_found_by_their_ending(
            stem in "[a-zæøåA-Z]{0,6}",
            k in 0usize..40,
            any in "[a-zæøå]{1,12}",
        ) {
            let lex = Lexicon::shipped().unwrap();
            for (heads, file) in [(lex.org_heads(), EMBEDDED[2]), (lex.place_heads(), EMBEDDED[3])] {
                let suffixes: Vec<&str> = file
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("suffix "))
                    .map(str::trim)
                    .collect();
                let want = |w: &str| suffixes.iter().any(|s| w.len() > s.len() && w.ends_with(s));
                let with_suffix = format!("{stem}{}", suffixes[k % suffixes.len()]);
                let upper = with_suffix.to_uppercase();
                for w in [with_suffix.as_str(), any.as_str(), upper.as_str()] {
                    prop_assert_eq!(heads.has_suffix(w), want(w), "{}", w);
                    let lower = want(&w.to_lowercase());
                    prop_assert_eq!(heads.has_suffix_in_lowercase(w), lower, "{}", w);
                    prop_assert_eq!(heads.suffixes(w), (want(w), lower), "{}", w);
                }
            }
        }

        /// A word added to the end filter passes it, and so does any word ending like it,
        /// whatever the case of its last letters.
        #[test]
        fn end_filter_has_no_false_no(word in "[a-zæøåé]{1,6}", prefix in "[A-Za-zÆØÅæøå]{0,4}") {
            let mut f = EndFilter::default();
            f.insert(&word);
            let whole = format!("{prefix}{word}");
            prop_assert!(f.may_end(&word));
            prop_assert!(f.may_end(&whole.to_uppercase()) || whole.len() < 3 || word.len() < 3);
            if word.len() >= 3 {
                prop_assert!(f.may_end(&whole));
            }
        }
    }

    proptest! {
        /// Lowercasing in place, as the walk and the set lookup do it, answers as lowercasing
        /// the whole word first: for Danish words, other scripts (`İ`, `Σ`, `ẞ`), titlecase
        /// letters (`ǅ`, `ᾈ`), `×`, `ß`, and words longer than the lookup's buffer.
        #[test]
        fn in_place_lowercase_agrees_with_to_lowercase(
            word in "([a-zæøåA-ZÆØÅÉé×÷ßİΣẞǅᾈ-]|\\PC){0,8}",
            long in proptest::bool::ANY,
        ) {
            let lex = Lexicon::shipped().unwrap();
            let word = if long { format!("{}{word}", "Ø".repeat(40)) } else { word };
            let lower = word.to_lowercase();
            for (heads, file) in [(lex.org_heads(), EMBEDDED[2]), (lex.place_heads(), EMBEDDED[3])] {
                let suffix = file.lines().find_map(|l| l.trim().strip_prefix("suffix ")).unwrap();
                for w in [word.clone(), format!("{word}{}", suffix.to_uppercase())] {
                    let lower = w.to_lowercase();
                    prop_assert_eq!(
                        heads.suffix.trie.ends_longer_in_lowercase(&w),
                        heads.suffix.trie.ends_longer(&lower),
                        "{}", w
                    );
                }
            }
            // The lowercase lists asked at once answer as each asked alone.
            for w in [word.clone(), lower.clone(), format!("{word}minister"), format!("Hr{word}")] {
                let facts = lex.lowercase_facts(&w);
                let alone = (lex.is_title(&w), lex.is_abbreviated_title(&w), lex.is_common_word(&w));
                prop_assert_eq!((facts.title, facts.abbreviated_title, facts.common_word), alone, "{}", w);
                let packed = lex.is_abbreviated_title_packed(&w, crate::word_class::pack(w.as_bytes()));
                prop_assert_eq!(packed, alone.1, "{}", w);
            }
            let mut set = Set::default();
            set.insert(lower.clone());
            set.insert("minister".to_string());
            prop_assert!(contains_lowercase(&set, &word));
            prop_assert_eq!(contains_lowercase(&set, &format!("{word}x")), set.contains(&format!("{word}x").to_lowercase()));
            prop_assert_eq!(contains_lowercase(&set, &format!("MINI{word}")), set.contains(&format!("MINI{word}").to_lowercase()));
        }
    }

    proptest! {
        /// Lowercasing eight bytes at a time lowercases each byte as [`latin1_lower`] does,
        /// and gives up exactly where it does; the lookup's lowercase word and hash are the
        /// word's in lowercase and that word's hash, for words of every Latin-1 letter, other
        /// scripts and words longer than the lookup's buffer.
        #[test]
        fn words_lowercase_as_their_bytes(
            word in "([a-zA-Z0-9À-ÿ§¤-]|\\PC){0,24}",
            long in proptest::bool::ANY,
        ) {
            let word = if long { format!("{}{word}", "Å".repeat(33)) } else { word };
            let bytes = word.as_bytes();
            let by_byte: Option<Vec<u8>> =
                (0..bytes.len()).map(|j| latin1_lower(bytes, j)).collect();
            let mut by_word = Some(Vec::new());
            let mut before = 0;
            for chunk in bytes.chunks(8) {
                let x = crate::word_class::pack(chunk);
                match (latin1_lower_word(x, before), &mut by_word) {
                    (Some(l), Some(v)) => v.extend_from_slice(&l.to_le_bytes()[..chunk.len()]),
                    _ => by_word = None,
                }
                before = chunk[chunk.len() - 1];
            }
            prop_assert_eq!(&by_word, &by_byte, "{:?}", word);
            let lower = word.to_lowercase();
            let (w, hash) = with_lowercase(&word, |w, hash| (w.to_string(), hash));
            prop_assert_eq!(&w, &lower);
            prop_assert_eq!(hash, word_hash(&lower), "{:?}", word);
        }
    }

    proptest! {
        /// A word ends in a common word as the lists say of each of its endings: compounds
        /// of common words in any case, after Danish letters and other scripts.
        #[test]
        fn common_word_endings_are_found(
            prefix in "([a-zæøåA-ZÆØÅ]|\\PC){0,4}",
            k in 0usize..6000,
            upper in proptest::bool::ANY,
        ) {
            let lex = Lexicon::shipped().unwrap();
            let common: Vec<&str> = EMBEDDED[5]
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect();
            let tail = common[k % common.len()];
            let word = format!("{prefix}{tail}");
            let word = if upper { word.to_uppercase() } else { word };
            let short = &word[..word.char_indices().last().map_or(0, |(i, _)| i)];
            for w in [word.as_str(), prefix.as_str(), short] {
                let lower = w.to_lowercase();
                let want = lower.char_indices().skip(2).any(|(i, _)| {
                    let tail = &lower[i..];
                    tail.chars().count() >= 4
                        && lex
                            .lowercase_lists
                            .get(tail)
                            .is_some_and(|b| b & LOWER_COMMON_WORD != 0)
                });
                prop_assert_eq!(lex.ends_in_common_word(w), want, "{:?}", w);
            }
        }
    }

    #[test]
    fn shipped_lists_load() {
        let lex = Lexicon::shipped().unwrap();
        assert!(lex.first_name("Jens").is_some());
        assert!(lex.first_name("Per").unwrap().common_word);
        assert!(lex.is_title("statsminister") && lex.is_title("Udenrigsminister"));
        assert!(
            lex.is_title("Politidirektør")
                && lex.is_title("byretsdommer")
                && !lex.is_title("Møller")
        );
        assert!(lex.is_surname("Sørensen") && !lex.is_surname("Krisen"));
        let skov = lex.surname("Skov").unwrap();
        assert!(skov.word && skov.count > 1000);
        assert!(!lex.surname("Krarup").unwrap().word);
        assert!(lex.first_name("Linette").unwrap().is_danish());
        assert!(!lex.first_name("Sa").is_some_and(|f| f.is_danish()));
        assert!(lex.org_heads().is_last("GmbH") && lex.org_heads().is_last("AB"));
        assert!(lex.ends_in_common_word("Tilholderlåsen") && !lex.ends_in_common_word("Larsen"));
        assert!(lex.org_heads().is_last("A/S") && lex.org_heads().is_first("FC"));
        assert!(
            lex.org_heads().has_suffix("Fremskridtspartiet")
                && !lex.org_heads().has_suffix("partiet")
        );
        assert!(
            lex.place_heads().has_suffix("Speditørvej") && lex.place_heads().is_last("Stadion")
        );
        assert!(lex.is_place_word("i") && lex.is_club_word("mod"));
        assert!(lex.places_unlisted_names("i") && !lex.places_unlisted_names("til"));
        // Nouns that say what the name after them is, as compounds' ends too, in lowercase or
        // with a capital first letter; not in capitals, not in the genitive.
        for (word, label) in [
            ("selskabet", Some(Label::Org)),
            ("analysefirmaet", Some(Label::Org)),
            ("Bandet", Some(Label::Org)),
            ("byen", Some(Label::Loc)),
            ("Byen", Some(Label::Loc)),
            ("landsbyen", Some(Label::Loc)),
            ("Halvøen", Some(Label::Loc)),
            ("BANDET", None),
            ("selskabets", None),
            ("Jensen", None),
            ("by", None),
        ] {
            assert_eq!(lex.names_after(word), label, "{word}");
        }
        assert!(lex.mentions_sport("EM-SEMIFINALEN") && !lex.mentions_sport("sanktioner"));
        assert!(lex.mentions_sport("Mål") && lex.mentions_sport("MÅL"));
        assert!(lex.is_common_word("Efter"));
    }

    /// One lookup in [`Lexicon::written`] answers what each list of speech verbs and heads
    /// answers of a word as written, for every word of those lists and of the names, their
    /// genitives and words of none.
    #[test]
    fn written_agrees_with_each_list() {
        let lex = Lexicon::shipped().unwrap();
        let (org, place) = (lex.org_heads(), lex.place_heads());
        let mut words: Vec<String> = lex.written.words().map(String::from).collect();
        // A verb's line may mark it `org` after it.
        let verbs: Set = listed("speech_verbs.txt")
            .iter()
            .filter_map(|l| l.split_whitespace().next().map(String::from))
            .collect();
        words.extend(verbs.iter().cloned());
        for h in [org, place] {
            words.extend(h.last.iter().chain(&h.first).chain(&h.lead).cloned());
        }
        words.extend(words.clone().iter().map(|w| format!("{w}s")));
        words.extend(["", "Xyzzy", "universitet", "SIGER"].map(String::from));
        for w in &words {
            let written = lex.written(w);
            assert_eq!(written.speech_verb, verbs.contains(w), "{w}");
            assert_eq!(lex.is_speech_verb(w), verbs.contains(w), "{w}");
            assert_eq!(written.org_last, org.is_last(w), "{w}");
            assert_eq!(written.place_last, place.is_last(w), "{w}");
            assert_eq!(written.org_first, org.is_first(w), "{w}");
            assert_eq!(written.place_first, place.is_first(w), "{w}");
            assert_eq!(written.org_lead, org.is_lead(w), "{w}");
        }
        assert!(lex.written("Jensen").surname.is_some());
        assert!(lex.written("Mette").first_name.is_some());
        assert!(lex.written("siger").speech_verb);
        assert!(lex.written("Universitet").org_last);
    }

    /// The stems of the shipped lists' `context.txt` of kind `kind` (`sport`, `politics`).
    fn shipped_stems(kind: &str) -> Vec<String> {
        let k = FILES.iter().position(|f| *f == "context.txt").unwrap();
        EMBEDDED[k]
            .lines()
            .filter_map(|l| l.trim().strip_prefix(kind)?.strip_prefix(' '))
            .map(|s| s.trim().to_string())
            .collect()
    }

    /// Texts of up to 80 pieces, each a stem of `stems` in lowercase, capitalised, in
    /// capitals or in random ASCII case, the first bytes of one, a Danish letter, or noise.
    fn stem_texts(stems: Vec<String>) -> impl Strategy<Value = String> {
        let pieces = (0usize..1000, 0u8..8, proptest::num::u64::ANY);
        proptest::collection::vec(pieces, 0..80).prop_map(move |pieces| {
            let mut text = String::new();
            for (k, kind, seed) in pieces {
                let stem = &stems[k % stems.len()];
                let pick = |from: &str| from.chars().nth(seed as usize % from.chars().count());
                match kind {
                    0 => text.push_str(&stem.to_lowercase()),
                    1 => text.push_str(&crate::tokens::title_case(stem)),
                    2 => text.push_str(&stem.to_uppercase()),
                    3 => text.extend(stem.chars().enumerate().map(|(i, c)| {
                        if seed >> (i % 64) & 1 == 1 {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        }
                    })),
                    4 => {
                        let cut = stem.chars().count().saturating_sub(1 + seed as usize % 3);
                        text.extend(stem.chars().take(cut));
                    }
                    5 => text.extend(pick("æøåÆØÅéü")),
                    6 => text.extend(pick(" ,.-#@\n\t0")),
                    _ => text.extend(pick("abcdefghijklmnopqrstuvwxyzKLMST ßİΣ€😀\u{c3}")),
                }
            }
            text
        })
    }

    /// The stems' answers for `text`, and the automaton's on its own.
    fn stems_agree(stems: &Stems, text: &str) -> std::result::Result<(), TestCaseError> {
        let finder = stems.finder.as_ref().unwrap();
        let want = finder.find(text).map(|m| m.range());
        prop_assert_eq!(stems.find_in(text), want.clone(), "{:?}", text);
        prop_assert_eq!(stems.found_in(text), want.is_some(), "{:?}", text);
        Ok(())
    }

    proptest! {
        /// The sport and politics stems are found where the plain automaton finds them, the
        /// match that ends first: in texts of the shipped stems in any case, parts of them,
        /// Danish letters and noise, and in every stretch of them.
        #[test]
        fn shipped_stems_are_found_as_the_automaton_finds_them(
            sport in stem_texts(shipped_stems("sport")),
            politics in stem_texts(shipped_stems("politics")),
            cut in 0usize..200,
        ) {
            let lex = Lexicon::shipped().unwrap();
            for stems in [&lex.sport_stems, &lex.politics_stems] {
                prop_assert!(stems.teddy.is_some());
                for text in [&sport, &politics] {
                    stems_agree(stems, text)?;
                    let mut from = cut.min(text.len());
                    while !text.is_char_boundary(from) {
                        from -= 1;
                    }
                    stems_agree(stems, &text[from..])?;
                    stems_agree(stems, &text[..from])?;
                }
            }
        }

        /// Stems of a few letters that overlap in every way (one inside, before or after
        /// another, ending together) are found as the automaton finds them.
        #[test]
        fn overlapping_stems_are_found_as_the_automaton_finds_them(
            (list, text) in proptest::collection::vec("[abcæ]{3,6}", 1..10)
                .prop_flat_map(|list| (Just(list.clone()), stem_texts(list))),
        ) {
            let mut stems = Stems::default();
            for s in list {
                stems.push(s);
            }
            stems.build();
            prop_assert!(stems.teddy.is_some());
            stems_agree(&stems, &text)?;
        }
    }

    /// The words of the shipped list `file`, one a line, as written.
    fn listed(file: &str) -> Set {
        let k = FILES.iter().position(|f| *f == file).unwrap();
        EMBEDDED[k]
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect()
    }

    /// The lowercase lists answer through one map what each list says: a title (in full, or
    /// listed with its full stop) or a common word, in any case.
    #[test]
    fn lowercase_facts_agree_with_each_list() {
        let lex = Lexicon::shipped().unwrap();
        let lower = |file| -> Set { listed(file).iter().map(|w| w.to_lowercase()).collect() };
        let (titles, common) = (lower("titles.txt"), lower("common_words.txt"));
        let full: Set = titles
            .iter()
            .filter(|t| !t.ends_with('.') && !t.starts_with('-'))
            .cloned()
            .collect();
        let abbreviated: Set = titles
            .iter()
            .filter_map(|t| t.strip_suffix('.'))
            .map(String::from)
            .collect();
        let mut words: Vec<String> = lex.lowercase_lists.words().map(String::from).collect();
        words.extend(words.clone().iter().map(|w| crate::tokens::title_case(w)));
        // `K`, the Kelvin sign, is `k` in lowercase.
        let odd = [
            "",
            "Xyzzy",
            "politidirektør",
            "DR",
            "Hr",
            "Søterrassen",
            "FR\u{212A}",
            "Frk",
        ];
        words.extend(odd.map(String::from));
        for w in &words {
            let facts = lex.lowercase_facts(w);
            let title = lex.title_ends.may_end(w)
                && (contains_lowercase(&full, w) || lex.title_tails.ends_compound(w));
            assert_eq!(facts.title, title, "{w}");
            assert_eq!(lex.is_title(w), title, "{w}");
            let abbreviated_title = contains_lowercase(&abbreviated, w);
            assert_eq!(facts.abbreviated_title, abbreviated_title, "{w}");
            assert_eq!(lex.is_abbreviated_title(w), abbreviated_title, "{w}");
            let packed = lex.is_abbreviated_title_packed(w, crate::word_class::pack(w.as_bytes()));
            assert_eq!(packed, abbreviated_title, "{w}");
            assert_eq!(facts.common_word, contains_lowercase(&common, w), "{w}");
            assert_eq!(lex.is_common_word(w), contains_lowercase(&common, w), "{w}");
        }
        assert!(lex.is_title("Statsminister") && lex.is_abbreviated_title("Dr"));
        assert!(lex.is_abbreviated_title_packed(
            "FR\u{212A}",
            crate::word_class::pack("FR\u{212A}".as_bytes())
        ));
        assert!(lex.is_common_word("Efter") && !lex.is_common_word("Xyzzy"));
    }

    /// A table finds each word added, with its value, as it grows, and no word not added.
    #[test]
    fn word_tables_find_their_words() {
        let mut table = WordTable::<u32>::default();
        for n in 0..1000 {
            *table.entry(&format!("w{n}")) += n;
        }
        *table.entry("w7") += 1;
        for n in 0..1000 {
            let want = n + u32::from(n == 7);
            assert_eq!(table.get(&format!("w{n}")), Some(&want), "w{n}");
        }
        for never in ["w1000", "", "w", "w01"] {
            assert_eq!(table.get(never), None, "{never}");
        }
        assert_eq!(table.words().count(), 1000);
    }

    #[test]
    fn hyphenated_first_names_are_first_names() {
        let lex = Lexicon::shipped().unwrap();
        let f = lex.hyphenated_first_name("Pierre-Emile").unwrap();
        let (pierre, emile) = (
            lex.first_name("Pierre").unwrap(),
            lex.first_name("Emile").unwrap(),
        );
        assert_eq!(f.dk_count, pierre.dk_count.min(emile.dk_count));
        assert!(!f.word && !f.common_word);
        assert!(lex.hyphenated_first_name("Hans-Jørgen").is_some());
        assert_eq!(lex.hyphenated_first_name("Nord-Jylland"), None);
        assert_eq!(lex.hyphenated_first_name("Anne-sofie"), None);
        assert_eq!(lex.hyphenated_first_name("Anne"), None);
    }

    #[test]
    fn bad_lines_name_the_line() {
        let mut lex = Lexicon::default();
        let e = lex
            .add("org_heads.txt", "# c\nlast A/S\nmiddle X\n")
            .unwrap_err();
        assert_eq!(e.line(), Some(3));
        // A head that leads a name is an organisation's only.
        lex.add("org_heads.txt", "lead Center\n").unwrap();
        assert!(lex.org_heads().is_lead("Center") && lex.written("Center").org_lead);
        let e = lex
            .add("place_heads.txt", "last Vej\nlead Center\n")
            .unwrap_err();
        assert_eq!(e.line(), Some(2));
        // A point of the compass begins a place's name only.
        lex.add("place_heads.txt", "point Nord\n").unwrap();
        let e = lex
            .add("org_heads.txt", "last Bank\npoint Nord\n")
            .unwrap_err();
        assert_eq!(e.line(), Some(2));
        let e = lex
            .add("first_names.tsv", "name\tfreq\nJens\tmany\n")
            .unwrap_err();
        assert_eq!(e.line(), Some(2));
    }
}
