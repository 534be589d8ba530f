//! The grammatical class of short words (`gazetteers/rules/function_words.txt`): the words
//! that open a clause, articles, particles and connectors inside names, speakers' pronouns.
//!
//! The rule layers ask this of nearly every token they cut, so a lookup must cost next to
//! nothing: a word of up to eight bytes is packed into one integer, and the table is an
//! open-addressed array of those integers, found by one multiplication. A lookup is a
//! multiplication and a compare or two, where comparing with each listed word cost some fifty
//! instructions a token.

use crate::error::{Error, Result};

/// The classes of one word, as bits: a word may have several (`af` is a particle and a
/// connector, `Det` a clause word and an article).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordClass(u8);

impl WordClass {
    /// No class: a word the list does not have.
    pub const NONE: WordClass = WordClass(0);
    /// Opens a sentence or clause, and is never part of a name (`Han`, `Men`, `Efter`).
    pub const CLAUSE: WordClass = WordClass(1);
    /// An article that opens a clause but may begin a name (`Det Røde Hav`).
    pub const ARTICLE: WordClass = WordClass(2);
    /// A particle inside a person's name (`van`, `de`).
    pub const PARTICLE: WordClass = WordClass(4);
    /// A lowercase word inside an organisation's name (`og`, `for`).
    pub const CONNECTOR: WordClass = WordClass(8);
    /// A pronoun that names a speaker after a speech verb (`han`, `jeg`).
    pub const PRONOUN: WordClass = WordClass(16);
    /// A word before the name of a saint, a saint's day or a place named for one (`Sankt`,
    /// `Skt.`): a first name right after it is no person's (`Sankt Hans`).
    pub const SAINT: WordClass = WordClass(64);
    /// A frequent word in title case that the word lists say nothing else of (`Mange`,
    /// `Sådan`): at a sentence start it names nothing. Only in
    /// [`crate::lexicon::Lexicon::is_plain_start_packed`]'s table, never in
    /// `function_words.txt`.
    pub const PLAIN_START: WordClass = WordClass(32);

    /// The classes as bits.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// The classes of bits made by [`WordClass::bits`].
    pub fn from_bits(bits: u8) -> WordClass {
        WordClass(bits)
    }

    /// The classes of `self` and of `other`.
    pub const fn or(self, other: WordClass) -> WordClass {
        WordClass(self.0 | other.0)
    }

    /// Whether the word has every class of `other`.
    pub fn has(self, other: WordClass) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    /// Whether the word has any class of `other`.
    pub fn has_any(self, other: WordClass) -> bool {
        self.0 & other.0 != 0
    }

    /// The class of the `KIND` of a line of `function_words.txt`.
    fn of_kind(kind: &str) -> Option<WordClass> {
        Some(match kind {
            "clause" => WordClass::CLAUSE,
            // An article opens a clause too.
            "article" => WordClass(WordClass::CLAUSE.0 | WordClass::ARTICLE.0),
            "particle" => WordClass::PARTICLE,
            "connector" => WordClass::CONNECTOR,
            "pronoun" => WordClass::PRONOUN,
            "saint" => WordClass::SAINT,
            _ => return None,
        })
    }
}

/// The most bytes of a word in the table: longer words are in no class.
pub const MAX_WORD_BYTES: usize = 8;

/// Short words and their classes, in an open-addressed table of packed words.
#[derive(Clone, Debug)]
pub struct WordClasses {
    /// Packed words ([`pack`]), 0 for an empty slot, which no word packs to; the length is a
    /// power of two with at least one empty slot, which ends every probe.
    words: Vec<u64>,
    /// The classes of the word in the same slot.
    classes: Vec<WordClass>,
    /// How many words the table holds.
    len: usize,
    /// Per bit of a class, the most bytes of a word that has it: a longer word is told to
    /// have none of a few classes without a probe ([`WordClasses::has_any_packed`]).
    longest: [u8; 8],
}

impl Default for WordClasses {
    fn default() -> WordClasses {
        WordClasses {
            words: vec![0; 64],
            classes: vec![WordClass::NONE; 64],
            len: 0,
            longest: [0; 8],
        }
    }
}

/// The first eight bytes of `chunk` (all of a shorter one) as a little-endian word, zero above
/// them: distinct texts of up to eight bytes give distinct words, and only the empty one 0.
///
/// A shorter chunk is read as two loads that overlap in the middle (four bytes from its start
/// and four up to its end, likewise two, or one byte): the bytes they share are the same, so
/// joining them with `|` gives each byte once, without a loop.
#[inline]
pub(crate) fn pack(chunk: &[u8]) -> u64 {
    let n = chunk.len();
    match n {
        8.. => u64::from_le_bytes(chunk[..8].try_into().expect("eight bytes")),
        4..=7 => {
            let lo = u64::from(u32::from_le_bytes(chunk[..4].try_into().expect("four")));
            let hi = u64::from(u32::from_le_bytes(chunk[n - 4..].try_into().expect("four")));
            lo | hi << (8 * (n - 4))
        }
        2..=3 => {
            let lo = u64::from(u16::from_le_bytes(chunk[..2].try_into().expect("two")));
            let hi = u64::from(u16::from_le_bytes(chunk[n - 2..].try_into().expect("two")));
            lo | hi << (8 * (n - 2))
        }
        1 => u64::from(chunk[0]),
        _ => 0,
    }
}

impl WordClasses {
    /// The classes of `word`.
    #[inline]
    pub fn of(&self, word: &str) -> WordClass {
        let bytes = word.as_bytes();
        self.of_packed(pack(bytes), bytes.len())
    }

    /// [`WordClasses::of`] of a word of `len` bytes whose first eight bytes pack ([`pack`]) to
    /// `head`: the tokeniser has them at hand.
    #[inline]
    pub fn of_packed(&self, head: u64, len: usize) -> WordClass {
        if len == 0 || len > MAX_WORD_BYTES {
            return WordClass::NONE;
        }
        let mask = self.words.len() - 1;
        let mut slot = self.slot(head);
        loop {
            match self.words[slot] {
                0 => return WordClass::NONE,
                x if x == head => return self.classes[slot],
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Whether a word of `len` bytes whose first eight bytes pack ([`pack`]) to `head` has
    /// any of `classes` (`PARTICLE | CONNECTOR`: what may go on in a name). Most words are
    /// longer than any word of a few classes, and are told so by their length alone.
    #[inline]
    pub fn has_any_packed(&self, head: u64, len: usize, classes: WordClass) -> bool {
        // The longest word of any of the classes: the classes are most often a constant, and
        // this is a load or two.
        let mut longest = 0;
        for (bit, &n) in self.longest.iter().enumerate() {
            if classes.0 & (1 << bit) != 0 {
                longest = longest.max(usize::from(n));
            }
        }
        len <= longest && self.of_packed(head, len).0 & classes.0 != 0
    }

    /// The slot where the probe for packed word `w` starts: the top bits of a multiplication.
    #[inline]
    fn slot(&self, w: u64) -> usize {
        let bits = self.words.len().trailing_zeros();
        (w.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// Adds the lines of `function_words.txt`: `KIND WORD`, `#` comments and blank lines
    /// skipped. A line's error names its number.
    pub fn add_lines(&mut self, text: &str) -> Result<()> {
        for line in kind_word_lines(text) {
            let (n, kind, word) = line?;
            let class = WordClass::of_kind(kind)
                .ok_or_else(|| Error::gazetteer(format!("unknown kind {kind:?}")).with_line(n))?;
            if word.len() > MAX_WORD_BYTES {
                return Err(Error::gazetteer(format!(
                    "{word:?} is longer than {MAX_WORD_BYTES} bytes"
                ))
                .with_line(n));
            }
            self.insert(word, class);
        }
        Ok(())
    }

    /// The table of `words` (of 1 to [`MAX_WORD_BYTES`] bytes each), each of `class`.
    pub(crate) fn of_words<'w>(words: impl IntoIterator<Item = &'w str>, class: WordClass) -> Self {
        let mut table = WordClasses::default();
        for word in words {
            table.insert(word, class);
        }
        table
    }

    /// Adds `class` to the classes of `word` (of 1 to [`MAX_WORD_BYTES`] bytes).
    fn insert(&mut self, word: &str, class: WordClass) {
        debug_assert!(!word.is_empty() && word.len() <= MAX_WORD_BYTES);
        // Kept at most half full, so that probes stay short.
        if 2 * (self.len + 1) > self.words.len() {
            self.grow();
        }
        let w = pack(word.as_bytes());
        let mask = self.words.len() - 1;
        let mut slot = self.slot(w);
        while self.words[slot] != 0 && self.words[slot] != w {
            slot = (slot + 1) & mask;
        }
        if self.words[slot] == 0 {
            self.words[slot] = w;
            self.len += 1;
        }
        self.classes[slot] = WordClass(self.classes[slot].0 | class.0);
        for (bit, longest) in self.longest.iter_mut().enumerate() {
            if class.0 & (1 << bit) != 0 {
                *longest = (*longest).max(word.len() as u8);
            }
        }
    }

    /// Doubles the table and puts every word in its new slot.
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.words);
        let classes = std::mem::take(&mut self.classes);
        self.words = vec![0; old.len() * 2];
        self.classes = vec![WordClass::NONE; old.len() * 2];
        let mask = self.words.len() - 1;
        for (w, c) in old.into_iter().zip(classes).filter(|&(w, _)| w != 0) {
            let mut slot = self.slot(w);
            while self.words[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.words[slot] = w;
            self.classes[slot] = c;
        }
    }
}

/// The `KIND WORD` lines of a word list, with their numbers (from 1): blank lines and `#`
/// comments skipped, a line without a word after its kind an error that names its number.
pub(crate) fn kind_word_lines(text: &str) -> impl Iterator<Item = Result<(u64, &str, &str)>> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(n, line)| {
            line.split_once(char::is_whitespace)
                .map(|(kind, word)| (n, kind, word.trim()))
                .ok_or_else(|| {
                    Error::gazetteer(format!("expected KIND WORD, got {line:?}")).with_line(n)
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn table(lines: &str) -> WordClasses {
        let mut t = WordClasses::default();
        t.add_lines(lines).unwrap();
        t
    }

    /// A chunk of any length up to eight is its bytes, little-endian, zero above them.
    #[test]
    fn words_of_every_length() {
        let bytes = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];
        for n in 0..=8 {
            let want = (0..n).fold(0u64, |w, i| w | u64::from(bytes[i]) << (8 * i));
            assert_eq!(pack(&bytes[..n]), want, "{n} bytes");
        }
    }

    #[test]
    fn words_have_the_classes_of_their_lines() {
        let t = table("# c\nclause Men\narticle Det\nparticle af\nconnector af\npronoun han\n");
        assert!(t.of("Men").has(WordClass::CLAUSE) && !t.of("Men").has(WordClass::ARTICLE));
        assert!(t.of("Det").has(WordClass::CLAUSE) && t.of("Det").has(WordClass::ARTICLE));
        assert!(t.of("af").has(WordClass::PARTICLE) && t.of("af").has(WordClass::CONNECTOR));
        assert!(t.of("han").has(WordClass::PRONOUN));
        for w in ["", "men", "MEN", "Mens", "Detteerlangt", "h"] {
            assert_eq!(t.of(w), WordClass::NONE, "{w}");
        }
    }

    #[test]
    fn bad_lines_name_the_line() {
        let mut t = WordClasses::default();
        let e = t.add_lines("clause Men\nverb siger\n").unwrap_err();
        assert_eq!(e.line(), Some(2));
        let e = t.add_lines("\n\nclause Samtidigt\n").unwrap_err();
        assert_eq!(e.line(), Some(3));
        assert!(t.add_lines("clause\n").is_err());
    }

    proptest! {
        /// The table answers as a list of the words it was given, through any number of
        /// growths, for any text.
        #[test]
        fn agrees_with_the_list(
            words in proptest::collection::vec("[A-Za-zæøå&]{1,4}", 0..200),
            probe in "[A-Za-zæøå&]{0,9}",
        ) {
            let lines: String = words.iter().map(|w| format!("connector {w}\n")).collect();
            let t = table(&lines);
            for w in words.iter().chain([&probe]) {
                let listed = words.contains(w);
                prop_assert_eq!(t.of(w).has(WordClass::CONNECTOR), listed, "{}", w);
            }
        }

        /// Asked by its packed head, whether a word has any of a few classes is what its
        /// classes say, whether or not it is longer than the words of those classes.
        #[test]
        fn any_of_a_few_classes_agrees_with_the_classes(
            words in proptest::collection::vec(
                ("(clause|particle|connector|pronoun)", "[a-zæø&]{1,8}"),
                0..60,
            ),
            probe in "[a-zæø&]{0,10}",
        ) {
            // Words of more than eight bytes (`æ` and `ø` are two) are in no class.
            let lines: String = words
                .iter()
                .filter(|(_, w)| w.len() <= MAX_WORD_BYTES)
                .map(|(k, w)| format!("{k} {w}\n"))
                .collect();
            let t = table(&lines);
            let few = [
                WordClass::PARTICLE.or(WordClass::CONNECTOR),
                WordClass::CLAUSE,
                WordClass::PRONOUN.or(WordClass::CLAUSE),
            ];
            for w in words.iter().map(|(_, w)| w).chain([&probe]) {
                for classes in few {
                    let want = t.of(w).0 & classes.0 != 0;
                    let got = t.has_any_packed(pack(w.as_bytes()), w.len(), classes);
                    prop_assert_eq!(got, want, "{} {:?}", w, classes);
                }
            }
        }
    }
}
