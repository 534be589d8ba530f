//! The matcher: every surface form of every gazetteer entry in one trie (module `trie`),
//! with the Danish token rules on top.
//!
//! [`MatcherBuilder`] turns a [`Gazetteer`] into an immutable [`Matcher`] that is built once and
//! shared by all threads. Matching only tries positions where a name can start — a token start
//! whose first byte begins some surface form — and runs an anchored, leftmost-longest search
//! there, so most of the text is skipped rather than scanned. A name with an Arabic article is
//! also a form with the article in lowercase (`al-Qaeda` for `Al-Qaeda`), tried from the
//! capital after the article's hyphen, as no lowercase byte begins a search.

use crate::articles::ArabicArticles;
use crate::error::{Error, Result};
use crate::gazetteer::{Entry, Gazetteer};
use crate::label::{Label, LabelNames, Method};
use crate::lexicon::{Map, Set};
use crate::mention::{count_code_points, count_code_points_of, Mention};
use crate::person_forms::{person_pairs, PersonForms};
use crate::text::{is_sentence_start, is_token_start, may_begin_name, token_end, NameBytes};
use crate::tokens::{starts_capitalised, title_case};
use crate::trie::Trie;

/// Index of an entry in a [`Matcher`]; see [`Matcher::entry`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(pub u32);

/// Index of a distinct surface form in a [`Matcher`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SurfaceId(pub u32);

/// A gazetteer match before the rule layers have decided on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The mention, labelled with the form's winning entry.
    pub mention: Mention,
    /// The form that matched; [`Matcher::surface_entries`] gives all its entries.
    pub surface: SurfaceId,
    /// An ambiguous form alone at a sentence start: not a mention without further evidence.
    pub held: bool,
}

/// One pattern of the automaton: a distinct surface form and who it names by default.
///
/// What a scan reads of a form it found, and nothing else (16 bytes): the scan reads one
/// surface per name, at a scattered place in megabytes of them, and most such reads wait for
/// memory. Every entry of the form is kept apart ([`Matcher::surface_entries`]).
#[derive(Clone, Debug)]
struct Surface {
    /// The entry this form names when context does not decide otherwise.
    winner: EntryId,
    /// The winner's label, kept here so that a candidate is made without reading its entry.
    label: Label,
    /// The form is also an ordinary word: not a name alone at a sentence start.
    ambiguous: bool,
    /// The form has no whitespace: it is one token.
    single_token: bool,
    /// One of the form's entries is a club's town ([`CLUB_TOWN_SUFFIX`]).
    club_town: bool,
    /// The last character of the form, for the genitive and compound rules.
    last: char,
}

// Four surfaces to a cache line.
const _: () = assert!(std::mem::size_of::<Surface>() == 16);

/// Builds a [`Matcher`] from gazetteer entries.
#[derive(Clone, Debug, Default)]
pub struct MatcherBuilder {
    gazetteer: Gazetteer,
}

impl MatcherBuilder {
    /// A builder over `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> MatcherBuilder {
        MatcherBuilder { gazetteer }
    }

    /// Builds the matcher.
    ///
    /// Each entry contributes its name, its aliases and the all-capitals form of each (`NATO`
    /// for `Nato`). When one form belongs to several entries, the winner is chosen by this
    /// deterministic rule: highest `prior`; then an entry whose canonical name is the form over
    /// one that has it as an alias; then the written form over a derived all-capitals form;
    /// then the entry loaded first (files in the order people, places, organisations, then
    /// `--gazetteer` files; rows in file order). Custom labels (`EVENT`) take part in this
    /// rule like PER, LOC and ORG: a user's entry wins a shipped form only with a higher prior.
    ///
    /// The trie is built on a second thread, which is joined before this returns.
    pub fn build(self) -> Result<Matcher> {
        let mut gazetteer = self.gazetteer;
        let entries = gazetteer.take_entries();
        if entries.len() > u32::MAX as usize {
            return Err(Error::gazetteer("too many entries"));
        }
        let articles = gazetteer.arabic_articles().clone();
        let (order, grouped) = forms_in_byte_order(&entries, &articles);
        // The trie needs the forms alone: it is built on a thread of its own while the rest is
        // worked out (a tenth of a short run's start-up). In byte order, forms that share a
        // prefix lie one after another in the trie, so its states lie in the order a walk from a
        // token start meets them.
        let order = std::sync::Arc::new(order);
        let trie = {
            let order = std::sync::Arc::clone(&order);
            std::thread::spawn(move || Trie::new(&order))
        };
        let mut surfaces = Vec::with_capacity(order.len());
        // Every surface's entries, one surface after another, and where each surface's entries
        // end.
        let (mut candidates, mut candidate_ends) = (Vec::new(), Vec::with_capacity(order.len()));
        let mut first_byte = [false; 256];
        for (form, mut cands) in order.iter().zip(grouped) {
            cands.sort_by(|(a, ra), (b, rb)| {
                let (ea, eb) = (&entries[a.0 as usize], &entries[b.0 as usize]);
                eb.prior
                    .total_cmp(&ea.prior)
                    .then(ra.cmp(rb))
                    .then(a.0.cmp(&b.0))
            });
            let winner = cands[0].0;
            let ambiguous = gazetteer.is_listed_ambiguous(form)
                || entries[winner.0 as usize].ambiguous
                || cands.iter().all(|(_, r)| *r == 2)
                    && gazetteer.is_listed_ambiguous(&title_case(form));
            // A form with a lowercase Arabic article is tried from the capital after it
            // ([`Matcher::try_at`]), so its first byte begins no search.
            let after_article = form.find('-').is_some_and(|h| {
                articles.before(form, 0, h + 1) == Some(0)
                    && form[h + 1..].starts_with(char::is_uppercase)
            });
            if !after_article {
                first_byte[form.as_bytes()[0] as usize] = true;
            }
            let club_town = cands
                .iter()
                .any(|(e, _)| is_club_town(&entries[e.0 as usize]));
            candidates.extend(cands.into_iter().map(|(e, _)| e));
            candidate_ends.push(candidates.len() as u32);
            surfaces.push(Surface {
                winner,
                label: entries[winner.0 as usize].label,
                club_town,
                ambiguous,
                single_token: !form.chars().any(char::is_whitespace),
                last: form.chars().next_back().expect("forms are not empty"),
            });
        }
        let (folded, lowercase) = informal_indexes(&order, &surfaces, &entries);
        let lowercase_first = lowercase
            .keys()
            .map(|k| k.split(' ').next().unwrap_or(k).to_string())
            .collect();
        let clubs = clubs_with_towns(&entries);
        let person_forms: Vec<PersonForms> = entries
            .iter()
            .map(|e| match e.label {
                Label::Per => PersonForms::of(&e.name),
                _ => PersonForms::Unknown,
            })
            .collect();
        let person_pairs = person_pairs(&entries, &person_forms);
        let trie = trie
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        Ok(Matcher {
            trie,
            surfaces,
            candidates,
            candidate_ends,
            entries,
            first_byte,
            first_byte_may_begin_name: (0..=255u8)
                .all(|b| !first_byte[b as usize] || may_begin_name(b)),
            folded,
            lowercase,
            lowercase_first,
            clubs,
            person_forms,
            person_pairs,
            labels: gazetteer.labels().clone(),
            articles,
        })
    }
}

/// Every distinct surface form of `entries` in byte order, each with its entries and their
/// rank: 0 the canonical name, 1 an alias, 2 a derived form: in capitals (`NATO` for `Nato`)
/// or with a lowercase Arabic article (`al-Qaeda` for `Al-Qaeda`). Sorting pairs of form and
/// entry, rather than filling a map of forms, keeps one copy of each form and the time and
/// memory linear in the forms' bytes, besides the sort.
fn forms_in_byte_order(
    entries: &[Entry],
    articles: &ArabicArticles,
) -> (Vec<String>, Vec<Vec<(EntryId, u8)>>) {
    let mut pairs: Vec<(String, EntryId, u8)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let id = EntryId(i as u32);
        for (k, form) in e.surface_forms().enumerate() {
            let rank = if k == 0 { 0 } else { 1 };
            pairs.push((form.to_string(), id, rank));
            let upper = form.to_uppercase();
            if upper != form {
                pairs.push((upper, id, 2));
            }
            if let Some(lowered) = articles.lowercase_form(form) {
                pairs.push((lowered, id, 2));
            }
        }
    }
    // Stable: within a form, an entry's ranks stay in the order they were met, and the first
    // one counts (`NATO`, derived from the name `Nato`, stays derived though an alias too).
    pairs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut order: Vec<String> = Vec::new();
    let mut grouped: Vec<Vec<(EntryId, u8)>> = Vec::new();
    for (form, id, rank) in pairs {
        if order.last() != Some(&form) {
            order.push(form);
            grouped.push(Vec::new());
        }
        let cands = grouped.last_mut().expect("pushed with its form");
        if cands.last().is_none_or(|(last, _)| *last != id) {
            cands.push((id, rank));
        }
    }
    (order, grouped)
}

/// The entries named by a town as well: clubs (`manual:AGF`) whose town is an entry of its
/// own with the club's id and `:city` (`manual:AGF:city`, the form `Aarhus`), sorted.
fn clubs_with_towns(entries: &[Entry]) -> Vec<EntryId> {
    let towns: std::collections::HashSet<&str> = entries
        .iter()
        .filter(|e| e.label == Label::Org)
        .filter_map(|e| e.id.strip_suffix(CLUB_TOWN_SUFFIX))
        .collect();
    (0..entries.len())
        .filter(|&i| towns.contains(entries[i].id.as_str()))
        .map(|i| EntryId(i as u32))
        .collect()
}

/// Whether `e` is a club's town: the organisation entry of a town that names a football
/// club in a sports context (`Brøndby` for Brøndby IF), whose id ends in [`CLUB_TOWN_SUFFIX`].
fn is_club_town(e: &Entry) -> bool {
    e.label == Label::Org && e.id.ends_with(CLUB_TOWN_SUFFIX)
}

/// How the id of a club's town ends: the town names the club in a sports context
/// ([`Matcher::names_club_town`]).
pub const CLUB_TOWN_SUFFIX: &str = ":city";

/// The two lookups of informal writing ([`Matcher::folded`], [`Matcher::lowercase`]) over the
/// forms `order` and their `surfaces`. Where two forms share a key, the one whose winning
/// entry has the higher prior keeps it (the first in byte order on a tie).
fn informal_indexes(
    order: &[String],
    surfaces: &[Surface],
    entries: &[Entry],
) -> (Map<Folded>, Map<SurfaceId>) {
    let prior = |s: &Surface| entries[s.winner.0 as usize].prior;
    let mut folded: Map<Folded> = Map::default();
    let mut lowercase: Map<SurfaceId> = Map::default();
    for (i, (form, surface)) in order.iter().zip(surfaces).enumerate() {
        let id = SurfaceId(i as u32);
        // The handles and lowercase layers weigh evidence for PER, LOC and ORG: a form of a
        // custom label is found as written or in capitals only.
        if entries[surface.winner.0 as usize].label.is_custom() {
            continue;
        }
        for key in crate::fold::keys(form) {
            if key.chars().count() < MIN_FOLDED_CHARS {
                continue;
            }
            let f = Folded {
                entry: surface.winner,
                ambiguous: surface.ambiguous,
            };
            folded
                .entry(key)
                .and_modify(|old| {
                    if prior(surface) > entries[old.entry.0 as usize].prior {
                        *old = f;
                    }
                })
                .or_insert(f);
        }
        let lower = form.to_lowercase();
        if lower != *form && !surface.ambiguous && long_enough_in_lowercase(form, &lower) {
            lowercase
                .entry(lower)
                .and_modify(|old| {
                    if prior(surface) > prior(&surfaces[old.0 as usize]) {
                        *old = id;
                    }
                })
                .or_insert(id);
        }
    }
    (folded, lowercase)
}

/// The fewest characters of a folded key ([`Matcher::folded`]): shorter handles and hashtags
/// spell too many names by chance.
const MIN_FOLDED_CHARS: usize = 3;

/// The fewest characters of a form matched in lowercase ([`Matcher::lowercase`]).
const MIN_LOWERCASE_CHARS: usize = 4;

/// Whether `form`, `lower` in lowercase, is long enough to be matched in lowercase: `lower`
/// has [`MIN_LOWERCASE_CHARS`], or `form` is three capitals, an abbreviation that informal
/// writing lowers (`fck`, `dsb`, `usa`), or two capitals and a digit, a channel's name (`tv2`,
/// `dr1`). `scripts/build_rule_lists.py` lists the forms of these kinds that are words too
/// (`lowercase_words.txt`).
fn long_enough_in_lowercase(form: &str, lower: &str) -> bool {
    let bytes = form.as_bytes();
    lower.chars().count() >= MIN_LOWERCASE_CHARS
        || matches!(bytes, [a, b, c] if a.is_ascii_uppercase() && b.is_ascii_uppercase()
            && (c.is_ascii_uppercase() || c.is_ascii_digit()))
}

/// A name found by its folded key ([`Matcher::folded`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Folded {
    /// The entry the name's form names when context does not decide otherwise.
    pub entry: EntryId,
    /// The form is also an ordinary word ([`Candidate::held`] at a sentence start).
    pub ambiguous: bool,
}

/// What the byte before a position tells about a token starting there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Before {
    /// An ASCII letter or digit: no token starts here, capitalised or not.
    Word,
    /// ASCII space, punctuation or control other than `-` and `'`, inside the taggable text: a
    /// token starts here ([`is_token_start`]) and it is capitalised exactly when its first
    /// character is uppercase ([`starts_capitalised`] has nothing further to check).
    Gap,
    /// Anything else (a non-ASCII character, an apostrophe that may join two words, the start
    /// of the taggable text): ask [`is_token_start`] and [`starts_capitalised`].
    Unsure,
    /// A hyphen, which may join two words: as [`Before::Unsure`], and an Arabic article in
    /// lowercase may end with it (`al-Qaeda`, [`Matcher::try_article`]).
    Hyphen,
}

/// [`Before`] for each byte; bytes from 0x80 up are [`Before::Unsure`].
const BEFORE: [Before; 256] = {
    let mut t = [Before::Unsure; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = Before::Gap;
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = Before::Word;
        } else if c == b'-' {
            t[b] = Before::Hyphen;
        } else if c == b'\'' {
            t[b] = Before::Unsure;
        }
        b += 1;
    }
    t
};

/// What the byte before `pos` says about a token starting at `pos` in `text[body..]`.
#[inline]
fn byte_before(bytes: &[u8], body: usize, pos: usize) -> Before {
    if pos <= body {
        return Before::Unsure;
    }
    match bytes.get(pos - 1) {
        Some(&b) => BEFORE[usize::from(b)],
        None => Before::Unsure,
    }
}

/// Bytes per block of [`starts_mask`].
#[cfg(target_arch = "x86_64")]
const STARTS_BLOCK: usize = 64;

/// One bit for each of the last 64 bytes of `window` that may begin a name and follows no
/// ASCII letter or digit (the byte before it in `window`, the first byte only ever being
/// such a byte before): the bytes [`NameBytes`] gives, `:;<=>?@` among them, where
/// [`BEFORE`] is not [`Before::Word`]. Bit `i` for byte `i + 1` of the window.
///
/// # Safety
///
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn starts_mask(window: &[u8; STARTS_BLOCK + 1]) -> u64 {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_loadu_si256, _mm256_max_epu8, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8,
    };
    let half = |k: usize| {
        // SAFETY: the caller vouches for AVX2; the loads read bytes `32 * k` to `32 * k + 32`
        // of the window and the 32 after them (at most byte 64), with no alignment required.
        // Nothing else touches memory.
        let bits = unsafe {
            let before = _mm256_loadu_si256(window.as_ptr().add(32 * k).cast::<__m256i>());
            let x = _mm256_loadu_si256(window.as_ptr().add(32 * k + 1).cast::<__m256i>());
            // `0..=Z` moved to the bottom of the signed range, then one compare; and from 0xC0
            // up, the first byte of a character of two or more bytes (as `NameBytes`).
            let ascii = _mm256_cmpgt_epi8(
                _mm256_set1_epi8(-85),
                _mm256_add_epi8(x, _mm256_set1_epi8(0x50)),
            );
            let top = _mm256_set1_epi8(0xC0_u8 as i8);
            let lead = _mm256_cmpeq_epi8(_mm256_max_epu8(x, top), x);
            // A range `lo..=hi` of bytes moved to the bottom of the signed range: the letters
            // in lowercase (`| 0x20` makes capitals lowercase, and no other byte a letter),
            // and the digits.
            let letter = _mm256_cmpgt_epi8(
                _mm256_set1_epi8(-128 + 26),
                _mm256_add_epi8(
                    _mm256_or_si256(before, _mm256_set1_epi8(0x20)),
                    _mm256_set1_epi8((0x80 - 0x61) as i8),
                ),
            );
            let digit = _mm256_cmpgt_epi8(
                _mm256_set1_epi8(-128 + 10),
                _mm256_add_epi8(before, _mm256_set1_epi8((0x80 - 0x30) as i8)),
            );
            _mm256_movemask_epi8(_mm256_andnot_si256(
                _mm256_or_si256(letter, digit),
                _mm256_or_si256(ascii, lead),
            ))
        };
        u64::from(bits as u32)
    };
    // Through `black_box`, which costs a store and a load: seen through, the two masks are
    // joined as one vector of 64 bits, which AVX2 has no instruction for, bit by bit.
    half(0) | std::hint::black_box(half(1)) << 32
}

/// What [`Matcher::scan_noting`] has found so far.
struct Scan<'c> {
    /// The candidates, in order.
    found: &'c mut Vec<Candidate>,
    /// The first byte not inside an earlier match.
    next: usize,
    /// Where capitalised tokens start, if asked for.
    capitals: Option<&'c mut Vec<usize>>,
}

/// An immutable matcher over all gazetteer forms; cheap to share between threads.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// Every surface form, walked byte by byte from each position tried: an anchored search
    /// is a handful of transitions.
    trie: Trie,
    /// Every surface form, by its index in the trie.
    surfaces: Vec<Surface>,
    /// Every entry of every surface, best first by the resolution rule, one surface after
    /// another: a surface's end where `candidate_ends` says, its start where the surface
    /// before it ends.
    candidates: Vec<EntryId>,
    /// Per surface, where its entries end in `candidates`.
    candidate_ends: Vec<u32>,
    entries: Vec<Entry>,
    /// Bytes that begin some surface form; a search is only tried where one of these starts a
    /// token.
    first_byte: [bool; 256],
    /// Every form begins with a byte that [`may_begin_name`], so the scan can skip to those.
    first_byte_may_begin_name: bool,
    /// Every form by its spelling-insensitive keys ([`crate::fold::keys`]).
    folded: Map<Folded>,
    /// The capitalised forms long enough to match in lowercase ([`long_enough_in_lowercase`])
    /// that are no ambiguous word, by their lowercase.
    lowercase: Map<SurfaceId>,
    /// The first words of the keys of `lowercase`: a word that is none starts no name there.
    lowercase_first: Set,
    /// The clubs that a town names too ([`Matcher::is_club`]), sorted.
    clubs: Vec<EntryId>,
    /// The short forms of each entry's name, worked out for people's entries only: alias
    /// resolution would cut the names again in every document that names them.
    person_forms: Vec<PersonForms>,
    /// The first name + surname short form of each person's entry that has one (a name of
    /// three words or more), by entry: built once rather than in every document.
    person_pairs: Vec<(EntryId, Box<str>)>,
    /// The names of custom labels, for the formats that write mentions.
    labels: LabelNames,
    /// The Arabic articles before names, from the gazetteer: the scan looks for a name from
    /// the capital after one in lowercase, and the person patterns read them.
    articles: ArabicArticles,
}

const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Matcher>();
};

impl Matcher {
    /// Builds a matcher over `gazetteer`; shorthand for [`MatcherBuilder`].
    pub fn new(gazetteer: Gazetteer) -> Result<Matcher> {
        MatcherBuilder::new(gazetteer).build()
    }

    /// The entry behind `id`.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.0 as usize]
    }

    /// The short forms of the name of entry `id` (the `aliases` layer).
    pub(crate) fn person_forms(&self, id: EntryId) -> PersonForms {
        self.person_forms[id.0 as usize]
    }

    /// The first name + surname short form of the name of entry `id`, when
    /// [`Matcher::person_forms`] has one.
    pub(crate) fn person_pair(&self, id: EntryId) -> Option<&str> {
        let k = self.person_pairs.binary_search_by_key(&id, |p| p.0).ok()?;
        Some(&self.person_pairs[k].1)
    }

    /// Number of entries.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Number of distinct surface forms in the automaton (derived all-capitals forms included).
    pub fn surface_count(&self) -> usize {
        self.surfaces.len()
    }

    /// Finds the mentions in `text`, sorted by start, none overlapping.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_from(text, 0)
    }

    /// Finds the mentions in `text[body..]` (byte offset `body`, e.g. after a date header);
    /// offsets in the result are still relative to the whole `text`, and `body` counts as the
    /// start of a sentence. Ambiguous forms alone at a sentence start are left out.
    pub fn find_from(&self, text: &str, body: usize) -> Vec<Mention> {
        let mut found = self.find_bytes(text, body);
        count_code_points(text, &mut found);
        found
    }

    /// [`Matcher::find_from`] with byte offsets only: the code-point offsets are 0, for a
    /// caller that counts them once for all its mentions ([`count_code_points`]).
    pub(crate) fn find_bytes(&self, text: &str, body: usize) -> Vec<Mention> {
        self.scan_bytes(text, body)
            .into_iter()
            .filter(|c| !c.held)
            .map(|c| c.mention)
            .collect()
    }

    /// Every gazetteer match in `text[body..]`, sorted by start, none overlapping, including
    /// the ones held back because an ambiguous form stands alone at a sentence start
    /// ([`Candidate::held`]); rule layers may let those through on further evidence.
    pub fn scan(&self, text: &str, body: usize) -> Vec<Candidate> {
        let mut found = self.scan_bytes(text, body);
        count_code_points_of(text, &mut found, |c| &mut c.mention);
        found
    }

    /// [`Matcher::scan`], and the byte offsets where capitalised tokens start (in order), which
    /// the rule layers start from: the scan looks at those bytes anyway.
    pub fn scan_with_capitals(&self, text: &str, body: usize) -> (Vec<Candidate>, Vec<usize>) {
        let (mut found, capitals) = self.scan_bytes_with_capitals(text, body);
        count_code_points_of(text, &mut found, |c| &mut c.mention);
        (found, capitals)
    }

    /// [`Matcher::scan_with_capitals`] with byte offsets only: the candidates' code-point
    /// offsets are 0, for the rule layers, which count them once for the mentions they keep.
    pub(crate) fn scan_bytes_with_capitals(
        &self,
        text: &str,
        body: usize,
    ) -> (Vec<Candidate>, Vec<usize>) {
        let (mut found, mut capitals) = (Vec::new(), Vec::new());
        self.scan_bytes_with_capitals_into(text, body, &mut found, &mut capitals);
        (found, capitals)
    }

    /// [`Matcher::scan_bytes_with_capitals`] into the caller's vectors, which are emptied
    /// first and keep their room: a caller that scans document after document allocates
    /// them once rather than per document.
    pub(crate) fn scan_bytes_with_capitals_into(
        &self,
        text: &str,
        body: usize,
        found: &mut Vec<Candidate>,
        capitals: &mut Vec<usize>,
    ) {
        capitals.clear();
        // Danish news has a capitalised token every 50 bytes or so.
        capitals.reserve(text.len().saturating_sub(body) / 32);
        self.scan_noting(text, body, found, Some(capitals));
    }

    /// The candidates of `text[body..]`, with byte offsets only.
    fn scan_bytes(&self, text: &str, body: usize) -> Vec<Candidate> {
        let mut found = Vec::new();
        self.scan_noting(text, body, &mut found, None);
        found
    }

    /// The candidates of `text[body..]`, with byte offsets only, into `found` (emptied first),
    /// noting where capitalised tokens start in `capitals` if given.
    fn scan_noting(
        &self,
        text: &str,
        body: usize,
        found: &mut Vec<Candidate>,
        capitals: Option<&mut Vec<usize>>,
    ) {
        let bytes = text.as_bytes();
        found.clear();
        // About one name every 150 bytes of news text.
        found.reserve(text.len().saturating_sub(body) / 128);
        let mut scan = Scan {
            found,
            next: body,
            capitals,
        };
        // Half the bytes a name may begin with follow a letter or digit (the rest of `NATO`, of
        // `2024`, `ø` inside a word): the test in the loops passes them over at once.
        if self.first_byte_may_begin_name {
            // Every capital is among these bytes too. The others it gives (`:;<=>?@`, rare)
            // begin no form here and are no capital. `body` is tried first whatever its byte,
            // which begins no form and is no capital if no name may begin with it, so that the
            // loop need not ask whether a byte before `pos` lies inside the text.
            if body < bytes.len() {
                self.try_at(text, body, body, Before::Unsure, &mut scan);
            }
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2, which is all `scan_starts_avx2` needs.
                unsafe { self.scan_starts_avx2(text, body, &mut scan) };
                return;
            }
            for pos in NameBytes::new(text, body + 1) {
                match BEFORE[usize::from(bytes[pos - 1])] {
                    Before::Word => {}
                    before => self.try_at(text, body, pos, before, &mut scan),
                }
            }
        } else {
            for pos in (body..bytes.len()).filter(|&pos| text.is_char_boundary(pos)) {
                match byte_before(bytes, body, pos) {
                    Before::Word => {}
                    before => self.try_at(text, body, pos, before, &mut scan),
                }
            }
        }
    }

    /// The loop of [`Matcher::scan_noting`] over the bytes after `body` with AVX2: the bytes
    /// a name may begin with that follow no ASCII letter or digit, found 64 at a time by
    /// [`starts_mask`], which tests the byte before each byte in the same vector steps. Half
    /// the bytes [`NameBytes`] gives follow a letter or digit (the rest of `NATO`, of `2024`),
    /// and each cost a few steps of the loop to pass over; here none comes up.
    ///
    /// # Safety
    ///
    /// The processor must have AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn scan_starts_avx2(&self, text: &str, body: usize, scan: &mut Scan) {
        let bytes = text.as_bytes();
        let mut block = body + 1;
        while block < bytes.len() {
            // The block's 64 bytes and the one before it (`block - 1 >= body`), padded with
            // zero bytes, which begin no name, past the end.
            let mut mask = match bytes.get(block - 1..block + STARTS_BLOCK) {
                Some(window) => starts_mask(window.try_into().expect("a window")),
                None => {
                    let tail = &bytes[block - 1..];
                    let mut window = [0; STARTS_BLOCK + 1];
                    window[..tail.len()].copy_from_slice(tail);
                    starts_mask(&window)
                }
            };
            while mask != 0 {
                let pos = block + mask.trailing_zeros() as usize;
                mask &= mask - 1;
                match BEFORE[usize::from(bytes[pos - 1])] {
                    Before::Word => {}
                    before => self.try_at(text, body, pos, before, scan),
                }
            }
            block += STARTS_BLOCK;
        }
    }

    /// One position of [`Matcher::scan_noting`]: byte `pos` of `text[body..]`, where the byte
    /// before says `before`, which is not [`Before::Word`]. The tests here are a few
    /// instructions and inlined into the loop.
    #[inline(always)]
    fn try_at(&self, text: &str, body: usize, pos: usize, before: Before, scan: &mut Scan) {
        let b = text.as_bytes()[pos];
        if let Some(capitals) = scan.capitals.as_deref_mut() {
            // After a gap, an ASCII byte needs no further look.
            let capital = match before {
                Before::Gap if b < 0x80 => b.is_ascii_uppercase(),
                _ => starts_capitalised(text, body, pos),
            };
            if capital {
                capitals.push(pos);
            }
        }
        if pos < scan.next {
            return;
        }
        // A token after a hyphen may follow an Arabic article in lowercase (`al-Qaeda`), where
        // a name of the gazetteers may start: it is looked for there first.
        if before == Before::Hyphen && self.try_article(text, body, pos, scan) {
            return;
        }
        if !self.first_byte[b as usize] {
            return;
        }
        if before == Before::Gap || is_token_start(text, pos) {
            // Two in three positions find no form: the walk of the trie is all they need, out
            // of line with its own few registers ([`Trie::longest`]), and so is what a found
            // form needs ([`Matcher::found_at`]).
            let (len, surface) = self.trie.longest(&text.as_bytes()[pos..]);
            if len != 0 {
                self.found_at(text, body, pos..pos + len, surface, scan);
            }
        }
    }

    /// The name that starts with the Arabic article in lowercase before byte `pos`, if one
    /// does (`al-Qaeda`, `pos` at the `Q`; [`ArabicArticles::lowercase_form`]): the scan tries no
    /// lowercase byte, so such a name is looked for from the capital after its article.
    /// Whether it found one, which then covers `pos`.
    #[cold]
    #[inline(never)]
    fn try_article(&self, text: &str, body: usize, pos: usize, scan: &mut Scan) -> bool {
        // Most words after a hyphen follow no article (`FN-soldater`, `Nord-Korea`): the two
        // letters before the hyphen turn them down.
        if !self.articles.may_end_before(text.as_bytes(), body, pos) {
            return false;
        }
        let Some(start) = self
            .articles
            .before(text, body, pos)
            .filter(|&s| s >= scan.next)
        else {
            return false;
        };
        let (len, surface) = self.trie.longest(&text.as_bytes()[start..]);
        if len != 0 {
            self.found_at(text, body, start..start + len, surface, scan);
        }
        scan.next > pos
    }

    /// The candidate at the start of `span`, where the form `surface` spans its bytes, the
    /// longest form at that position: it, or a shorter form that ends a token there, joins
    /// `scan`.
    #[inline(never)]
    fn found_at(
        &self,
        text: &str,
        body: usize,
        span: std::ops::Range<usize>,
        surface: usize,
        scan: &mut Scan,
    ) {
        let pos = span.start;
        let found = match token_end(text, span.end, self.surfaces[surface].last) {
            Some(end) => Some((end, surface)),
            // The longest form ends inside a word; a shorter one may still end a token.
            None => self.longest_before(text, pos, span.end - 1),
        };
        if let Some((end, surface)) = found {
            let c = self.candidate(text, body, pos..end, surface);
            scan.next = end;
            scan.found.push(c);
        }
    }

    /// The candidate for the form `surface` over the bytes `span` of `text[body..]`, with byte
    /// offsets only (its code-point offsets are 0).
    fn candidate(
        &self,
        text: &str,
        body: usize,
        span: std::ops::Range<usize>,
        surface: usize,
    ) -> Candidate {
        let (pos, end) = (span.start, span.end);
        let s = &self.surfaces[surface];
        let held = s.ambiguous && s.single_token && is_sentence_start(text, pos, body);
        Candidate {
            mention: Mention {
                start: 0,
                end: 0,
                byte_start: pos,
                byte_end: end,
                label: s.label,
                entry: Some(s.winner),
                method: Method::Gazetteer,
                canonical: None,
            },
            surface: SurfaceId(surface as u32),
            held,
        }
    }

    /// The longest mention that ends a token, starts at byte `pos` and whose form ends by byte
    /// `limit`: its end and the surface index.
    fn longest_before(&self, text: &str, pos: usize, mut limit: usize) -> Option<(usize, usize)> {
        while limit > pos {
            let (end, surface) = self.longest_form(&text.as_bytes()[..limit], pos)?;
            if let Some(end) = token_end(text, end, self.surfaces[surface].last) {
                return Some((end, surface));
            }
            // The longest form ends inside a word; a shorter one may still end a token.
            limit = end - 1;
        }
        None
    }

    /// The longest form that `bytes[pos..]` starts with: its end and its surface index.
    #[inline(always)]
    fn longest_form(&self, bytes: &[u8], pos: usize) -> Option<(usize, usize)> {
        let (len, surface) = self.trie.longest_prefix(&bytes[pos..])?;
        Some((pos + len, surface))
    }

    /// Every entry with the form `surface`, best first by the resolution rule.
    pub fn surface_entries(&self, surface: SurfaceId) -> &[EntryId] {
        let i = surface.0 as usize;
        let start = i
            .checked_sub(1)
            .map_or(0, |p| self.candidate_ends[p] as usize);
        &self.candidates[start..self.candidate_ends[i] as usize]
    }

    /// Label of the entry behind `id`.
    pub fn label(&self, id: EntryId) -> Label {
        self.entry(id).label
    }

    /// The Arabic articles before names that the matcher was built with
    /// ([`crate::gazetteer::Gazetteer::from_dir`]).
    pub(crate) fn arabic_articles(&self) -> &ArabicArticles {
        &self.articles
    }

    /// The names of the custom labels of the entries, for writing mentions.
    pub fn labels(&self) -> &LabelNames {
        &self.labels
    }

    /// The name whose form has the spelling-insensitive key `key` (module `fold`): `@FCKobenhavn`
    /// names the entry of `FC København`. Keys of fewer than three characters name nothing.
    pub fn folded(&self, key: &str) -> Option<Folded> {
        self.folded.get(key).copied()
    }

    /// The form written exactly `text`, if listed.
    pub fn form(&self, text: &str) -> Option<SurfaceId> {
        let (end, surface) = self.longest_form(text.as_bytes(), 0)?;
        (end == text.len()).then_some(SurfaceId(surface as u32))
    }

    /// Whether one of the entries of the form `surface` is a club's town: the organisation
    /// entry of a town that names a football club in a sports context (`Brøndby` for Brøndby
    /// IF), whose id ends in [`CLUB_TOWN_SUFFIX`].
    pub fn names_club_town(&self, surface: SurfaceId) -> bool {
        self.surfaces[surface.0 as usize].club_town
    }

    /// Whether the entry `id` is a club that its town names too (`AGF`, `Brøndby IF`).
    pub fn is_club(&self, id: EntryId) -> bool {
        self.clubs.binary_search(&id).is_ok()
    }

    /// Whether some form of [`Matcher::lowercase`] begins with the word `word` (`new` of `new
    /// york`, `odense`).
    pub fn may_start_lowercase(&self, word: &str) -> bool {
        self.lowercase_first.contains(word)
    }

    /// The entry that the capitalised form written `lower` in lowercase names (`odense` for
    /// `Odense`, `fck` for `FCK`), if the form has four characters or more, or is three
    /// capitals, and is not an ambiguous word.
    pub fn lowercase(&self, lower: &str) -> Option<EntryId> {
        let id = *self.lowercase.get(lower)?;
        Some(self.surfaces[id.0 as usize].winner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str, aliases: &[&str], label: Label) -> Entry {
        Entry {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            label,
            ambiguous: false,
            prior: 0.0,
        }
    }

    fn matcher(entries: Vec<Entry>, ambiguous: &str) -> Matcher {
        let mut g = Gazetteer::new();
        for e in entries {
            g.push(e);
        }
        g.add_ambiguous_list(ambiguous);
        Matcher::new(g).unwrap()
    }

    fn standard() -> Matcher {
        use Label::*;
        matcher(
            vec![
                entry("l1", "Danmark", &[], Loc),
                entry("l2", "København", &["Kbh"], Loc),
                entry("o1", "FC København", &["FCK"], Org),
                entry("o2", "Nato", &[], Org),
                entry("o3", "FN", &["De Forenede Nationer"], Org),
                entry("l3", "Rusland", &[], Loc),
                entry("l4", "Århus", &["Aarhus"], Loc),
                entry("l5", "Næstved", &[], Loc),
                entry("p1", "Per Stig Møller", &[], Per),
                entry("p2", "Per", &[], Per),
                entry("l6", "Lund", &[], Loc),
                entry("o5", "DR", &[], Org),
                entry("l7", "Horsens", &[], Loc),
                entry("o6", "Ukraine", &[], Loc),
                entry("o7", "Al-Qaeda", &[], Org),
                entry("o8", "Al Jazeera", &[], Org),
            ],
            "Per\nLund\n# comment\n",
        )
    }

    /// Runs `text` through the standard matcher and returns (mention, label, entity id).
    fn tag(text: &str) -> Vec<(String, &'static str, String)> {
        let m = standard();
        m.find(text)
            .iter()
            .map(|x| {
                let chars: String = text.chars().skip(x.start).take(x.end - x.start).collect();
                assert_eq!(
                    &text[x.byte_start..x.byte_end],
                    chars,
                    "offsets of {chars:?}"
                );
                (
                    chars,
                    x.label.as_str(),
                    m.entry(x.entry.unwrap()).id.clone(),
                )
            })
            .collect()
    }

    macro_rules! cases {
        ($($name:ident: $text:expr => [$($mention:expr),*];)*) => {$(
            #[test]
            fn $name() {
                let got: Vec<String> = tag($text).into_iter().map(|(m, l, _)| format!("{m}/{l}")).collect();
                let want: Vec<String> = vec![$($mention.to_string()),*];
                assert_eq!(got, want, "in {:?}", $text);
            }
        )*};
    }

    cases! {
        // A name with an Arabic article is found with the article in lowercase too, as a
        // sentence writes it, but not inside a word or with a lowercase name after it.
        lowercase_arabic_article:
            "ifølge al-Jazeera står al-Qaeda og Al-Qaeda bag, ikke hal-Qaeda eller al-qaeda"
            => ["al-Jazeera/ORG", "al-Qaeda/ORG", "Al-Qaeda/ORG"];
        hyphen_without_article:
            "FN-soldater i Nord-Korea og al-Danmark" => ["FN-soldater/ORG", "Danmark/LOC"];
        plain: "Han bor i Danmark." => ["Danmark/LOC"];
        boundaries_with_danish_letters: "æDanmark øFN Næstved åRusland" => ["Næstved/LOC"];
        inside_a_word_is_no_match: "Ruslandspolitik og Danmarksmester" => [];
        genitives: "Danmarks, FNs og DR's mål i Horsens' havn" => ["Danmarks/LOC", "FNs/ORG", "DR's/ORG", "Horsens'/LOC"];
        hyphen_compounds: "FN-soldater og Nato-generalsekretæren" => ["FN-soldater/ORG", "Nato-generalsekretæren/ORG"];
        all_capitals: "NATO og DANMARK" => ["NATO/ORG", "DANMARK/LOC"];
        lowercase_never: "ukraine og danmark og nato" => [];
        longest_wins: "Kampen mellem FC København og Brøndby i København" => ["FC København/ORG", "København/LOC"];
        multi_word_alias: "De Forenede Nationer mødes" => ["De Forenede Nationer/ORG"];
        ambiguous_not_at_sentence_start: "Per kom. Lund er en by. I går kom Per fra Lund." => ["Per/PER", "Lund/LOC"];
        ambiguous_inside_a_longer_name: "Per Stig Møller talte" => ["Per Stig Møller/PER"];
        ambiguous_after_quote: "\"Per kom,\" sagde hun" => [];
        alias_form: "Aarhus og Kbh" => ["Aarhus/LOC", "Kbh/LOC"];
        closing_quote_is_not_genitive: "'Danmark' og 'Horsens'" => ["Danmark/LOC", "Horsens'/LOC"];
        emoji_offsets: "🎉 Danmark 🎉 Næstved" => ["Danmark/LOC", "Næstved/LOC"];
    }

    #[test]
    fn lowercase_article_forms() {
        let articles = ArabicArticles::default();
        let lowered = |f: &str| articles.lowercase_form(f);
        assert_eq!(lowered("Al-Qaeda").as_deref(), Some("al-Qaeda"));
        assert_eq!(lowered("Al Jazeera").as_deref(), Some("al-Jazeera"));
        assert_eq!(lowered("Ash-Shabaab").as_deref(), Some("ash-Shabaab"));
        assert_eq!(lowered("El-Sisi").as_deref(), Some("el-Sisi"));
        for form in [
            "Alberta", "Al-qaeda", "AL-QAEDA", "Als", "al-Qaeda", "Ol-Qaeda", "A",
        ] {
            assert_eq!(lowered(form), None, "{form}");
        }
    }

    #[test]
    fn prior_decides_between_labels() {
        let mut club = entry("o", "Aarhus", &[], Label::Org);
        club.prior = 0.9;
        let m = matcher(vec![entry("l", "Aarhus", &[], Label::Loc), club], "");
        let found = m.find("I Aarhus");
        assert_eq!(found[0].label, Label::Org);
        let scanned = m.scan("I Aarhus", 0);
        assert_eq!(m.surface_entries(scanned[0].surface).len(), 2);
    }

    /// Forms that begin with a lowercase letter or punctuation make the scan try every token
    /// start, not only the bytes a name usually begins with; both scans agree on the rest.
    #[test]
    fn forms_with_unusual_first_bytes() {
        let entries = || {
            vec![
                entry("a", "Danmark", &[], Label::Loc),
                entry("b", "3F", &[], Label::Org),
                entry("c", "Østerbro", &[], Label::Loc),
            ]
        };
        let text = "købte en iPhone hos (Bilka) i Danmark, 3F og Østerbro";
        let usual = matcher(entries(), "");
        assert!(usual.first_byte_may_begin_name);
        let mut more = entries();
        more.push(entry("d", "iPhone", &[], Label::Org));
        more.push(entry("e", "(Bilka)", &[], Label::Org));
        let unusual = matcher(more, "");
        assert!(!unusual.first_byte_may_begin_name);
        let names = |m: &Matcher| -> Vec<String> {
            m.find(text)
                .iter()
                .map(|x| x.text(text).to_string())
                .collect()
        };
        assert_eq!(names(&usual), ["Danmark", "3F", "Østerbro"]);
        assert_eq!(
            names(&unusual),
            ["iPhone", "(Bilka)", "Danmark", "3F", "Østerbro"]
        );
    }

    /// `OB` ends where `JOB` does, but starts later: an anchored match is only a form that
    /// spans the whole path.
    #[test]
    fn a_form_inside_a_longer_path_is_not_a_match_at_its_start() {
        let m = matcher(
            vec![
                entry("a", "OB", &[], Label::Org),
                entry("b", "JOBINDEX", &[], Label::Org),
                entry("c", "Jo", &[], Label::Per),
            ],
            "",
        );
        let text = "JOB og OB, JOBINDEX og Jo";
        let found: Vec<&str> = m.find(text).iter().map(|x| x.text(text)).collect();
        assert_eq!(found, ["OB", "JOBINDEX", "Jo"]);
    }

    /// The scan the way it is defined: every character boundary of `text[body..]` is asked
    /// [`starts_capitalised`], and every token start not inside an earlier match is searched
    /// for the longest form it begins with, by trying every form, shortening the haystack while
    /// the longest form ends inside a word. The fast paths of [`Matcher::scan_with_capitals`]
    /// must agree with it.
    fn scan_plain(m: &Matcher, text: &str, body: usize) -> (Vec<Candidate>, Vec<usize>) {
        let forms = m.trie.forms();
        let mut capitals = Vec::new();
        let mut found = Vec::new();
        let mut next = body;
        let chars = |b: usize| text[..b].chars().count();
        for pos in (body..text.len()).filter(|&p| text.is_char_boundary(p)) {
            if starts_capitalised(text, body, pos) {
                capitals.push(pos);
            }
            if pos < next || !is_token_start(text, pos) {
                continue;
            }
            if let Some((end, surface)) = longest_at_plain(m, &forms, text, pos) {
                next = end;
                let mut c = m.candidate(text, body, pos..end, surface);
                (c.mention.start, c.mention.end) = (chars(pos), chars(end));
                found.push(c);
            }
        }
        (found, capitals)
    }

    /// [`Matcher::longest_before`] to the end of `text`, by trying each of the matcher's `forms` (form, surface index).
    fn longest_at_plain(
        m: &Matcher,
        forms: &[(Vec<u8>, usize)],
        text: &str,
        pos: usize,
    ) -> Option<(usize, usize)> {
        let mut limit = text.len();
        while limit > pos {
            let (form, surface) = forms
                .iter()
                .filter(|(f, _)| text.as_bytes()[pos..limit].starts_with(f))
                .max_by_key(|(f, _)| f.len())?;
            let end = pos + form.len();
            if let Some(end) = token_end(text, end, m.surfaces[*surface].last) {
                return Some((end, *surface));
            }
            limit = end - 1;
        }
        None
    }

    /// A matcher over `forms`, each an entry of its own.
    fn matcher_of(forms: &[String]) -> Matcher {
        let entries = forms
            .iter()
            .enumerate()
            .map(|(i, f)| entry(&i.to_string(), f, &[], Label::Org))
            .collect();
        matcher(entries, "")
    }

    /// The matcher of `forms` finds in `text` (its body from the char boundary at or before
    /// byte `body`) the candidates and capitals the plain scan finds, with and without noting
    /// capitals.
    fn agrees_with_the_plain_scan(
        forms: &[String],
        text: &str,
        body: usize,
    ) -> std::result::Result<(), proptest::test_runner::TestCaseError> {
        let m = matcher_of(forms);
        let body = (0..=body.min(text.len()))
            .rev()
            .find(|&b| text.is_char_boundary(b))
            .unwrap();
        let (found, capitals) = m.scan_with_capitals(text, body);
        let (want_found, want_capitals) = scan_plain(&m, text, body);
        proptest::prop_assert_eq!(&capitals, &want_capitals);
        proptest::prop_assert_eq!(&found, &want_found);
        proptest::prop_assert_eq!(m.scan(text, body), want_found);
        Ok(())
    }

    /// Characters for generated forms and texts: letters, digits and punctuation that decide
    /// token starts, non-ASCII letters of one, two and three bytes.
    macro_rules! alphabet {
        () => {
            "[aAbBsS1æÆøØéÉžŽ \n.'’-]"
        };
    }

    proptest::proptest! {
        /// The scan with its fast paths finds what the plain scan finds, for forms that are
        /// prefixes of each other, start with digits, lowercase or non-ASCII letters or
        /// punctuation, and for text that ends inside a name.
        #[test]
        fn scan_agrees_with_the_plain_scan(
            forms in proptest::collection::vec(concat!(alphabet!(), "{1,5}"), 1..8),
            text in concat!("(", alphabet!(), r"|\PC){0,40}"),
            body in 0usize..8,
        ) {
            agrees_with_the_plain_scan(&forms, &text, body)?;
        }

        /// The same on texts of several blocks of the scan's 64 bytes.
        #[test]
        fn scan_agrees_with_the_plain_scan_on_long_texts(
            forms in proptest::collection::vec(concat!(alphabet!(), "{1,5}"), 1..8),
            text in concat!("(", alphabet!(), r"|\PC){60,200}"),
            body in 0usize..80,
        ) {
            agrees_with_the_plain_scan(&forms, &text, body)?;
        }

        /// [`starts_mask`] marks the bytes that may begin a name and follow no ASCII letter or
        /// digit, for any bytes.
        #[cfg(target_arch = "x86_64")]
        #[test]
        fn starts_mask_agrees_with_the_byte_tests(
            window in proptest::collection::vec(proptest::prelude::any::<u8>(), STARTS_BLOCK + 1),
        ) {
            if std::arch::is_x86_feature_detected!("avx2") {
                let window: &[u8; STARTS_BLOCK + 1] = window[..].try_into().unwrap();
                let want = (0..STARTS_BLOCK)
                    .filter(|&i| {
                        let b = window[i + 1];
                        ((b'0'..=b'Z').contains(&b) || b >= 0xC0)
                            && !window[i].is_ascii_alphanumeric()
                    })
                    .fold(0u64, |mask, i| mask | 1 << i);
                // SAFETY: the processor has AVX2.
                proptest::prop_assert_eq!(unsafe { starts_mask(window) }, want);
            }
        }

        /// The same, with texts made of the forms themselves, so most positions begin a form.
        #[test]
        fn scan_agrees_with_the_plain_scan_on_texts_of_forms(
            forms in proptest::collection::vec(concat!(alphabet!(), "{1,5}"), 1..8),
            picks in proptest::collection::vec((0usize..8, concat!(alphabet!(), "{0,2}")), 0..12),
        ) {
            let m = matcher_of(&forms[..]);
            let text: String = picks
                .iter()
                .map(|(i, sep)| format!("{}{sep}", forms[i % forms.len()]))
                .collect();
            let (found, capitals) = m.scan_with_capitals(&text, 0);
            let (want_found, want_capitals) = scan_plain(&m, &text, 0);
            proptest::prop_assert_eq!(&capitals, &want_capitals);
            proptest::prop_assert_eq!(found, want_found);
        }
    }

    proptest::proptest! {
        /// The capitals the scan notes are every capitalised token start, with forms of usual
        /// and of unusual first bytes alike.
        #[test]
        fn scan_notes_every_capital(t in "([a-zA-Z0-9æøåÆØÅÉé×ß'’.,( -]|\\PC){0,60}") {
            let mut want = Vec::new();
            let mut pos = 0;
            while let Some(p) = crate::tokens::next_capitalised(&t, 0, pos) {
                want.push(p);
                pos = p + 1;
            }
            let usual = matcher(vec![entry("a", "Danmark", &[], Label::Loc)], "");
            let unusual = matcher(vec![entry("b", "iPhone", &[], Label::Org)], "");
            for m in [usual, unusual] {
                let (found, capitals) = m.scan_with_capitals(&t, 0);
                proptest::prop_assert_eq!(&capitals, &want);
                proptest::prop_assert_eq!(found, m.scan(&t, 0));
            }
        }
    }

    #[test]
    fn first_loaded_wins_a_tie() {
        let m = matcher(
            vec![
                entry("l", "Aarhus", &[], Label::Loc),
                entry("o", "Aarhus", &[], Label::Org),
            ],
            "",
        );
        assert_eq!(m.find("I Aarhus")[0].label, Label::Loc);
    }

    #[test]
    fn canonical_name_beats_alias() {
        let m = matcher(
            vec![
                entry("a", "Georgia", &["Georgien"], Label::Loc),
                entry("b", "Georgien", &[], Label::Loc),
            ],
            "",
        );
        let found = m.find("Georgien");
        assert_eq!(m.entry(found[0].entry.unwrap()).id, "b");
    }

    #[test]
    fn ambiguous_column_flags_entry() {
        let mut e = entry("x", "Venstre", &[], Label::Org);
        e.ambiguous = true;
        let m = matcher(vec![e], "");
        assert!(m.find("Venstre vandt.").is_empty());
        assert_eq!(m.find("Partiet Venstre vandt.").len(), 1);
    }

    #[test]
    fn held_candidates_are_reported_by_scan() {
        let m = standard();
        let c = m.scan("Lund er en by. Lund", 0);
        assert_eq!(c.len(), 2);
        assert!(c[0].held && c[1].held);
        assert!(m.find("Lund er en by. Lund").is_empty());
    }

    #[test]
    fn body_start_counts_as_sentence_start() {
        let m = standard();
        let text = "date 2020-01 Per kom til Lund";
        let found = m.find_from(text, 13);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start, 25);
    }

    #[test]
    fn scanning_into_used_vectors_finds_what_a_fresh_scan_does() {
        let m = standard();
        let (mut found, mut capitals) = (Vec::new(), Vec::new());
        for (text, body) in [
            ("Per Stig Møller besøgte FC København og Nato i Århus.", 0),
            ("Danmark", 0),
            ("", 0),
            ("2024-01-01 Ukraine og Rusland", 11),
        ] {
            m.scan_bytes_with_capitals_into(text, body, &mut found, &mut capitals);
            let (want_found, want_capitals) = m.scan_bytes_with_capitals(text, body);
            assert_eq!(found, want_found, "{text:?}");
            assert_eq!(capitals, want_capitals, "{text:?}");
        }
    }
}
