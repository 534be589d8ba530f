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
//!
//! The code is one file per concern: `load` reads the lists into a [`Lexicon`], `case`
//! lowercases words without allocating, `word_table` hashes whole words and finds them,
//! `ends` finds how words end, `heads` holds the heads of names (`org_heads.txt`,
//! `place_heads.txt`) and `stems` finds stems inside words; this file holds the `Lexicon`
//! itself and what the layers ask of it.

mod case;
mod ends;
mod heads;
mod load;
mod stems;
mod word_table;

pub(crate) use ends::EndKey;
pub use heads::Heads;
pub(crate) use word_table::{Map, Set};

use crate::label::Label;
use crate::syllables::EastAsianNames;
use crate::word_class::{WordClass, WordClasses};
use case::{latin1_lower, lowercase, lowercase_into, with_lowercase};
use ends::{EndFilter, SuffixTrie, TailFilter};
use stems::Stems;
use word_table::{word_hash, WordFilter, WordTable};

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

impl Lexicon {
    /// A number that differs between two lexicons unless one is a clone of the other: equal
    /// numbers mean equal lists, so what a word is in one is what it is in the other.
    pub(crate) fn id(&self) -> u64 {
        self.id
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

    use super::case::contains_lowercase;
    use super::load::{EMBEDDED, FILES};

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
}
