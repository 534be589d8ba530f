//! Stems looked for inside words (`context.txt`'s `sport`, `politics` and `media` words):
//! an automaton, and a filter of their first three bytes where the processor has AVX2.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::text::ascii_between;

/// Stems looked for inside words (`context.txt`'s `sport`, `politics` and `media` words): one
/// automaton finds any of them in a whole stretch of text, in lowercase, capitalised or in
/// capitals (ASCII letters in any case); where the processor has AVX2, a filter on their
/// first three bytes finds the same ([`Teddy`]) at a fraction of the automaton's cost.
#[derive(Clone, Debug, Default)]
pub(super) struct Stems {
    stems: Vec<String>,
    /// Built from `stems` once their list is read ([`Stems::build`]), so that no document
    /// pays for it; `None` while there are none.
    finder: Option<AhoCorasick>,
    /// The most bytes of a form of a stem the automaton finds: no match is longer.
    pub(super) longest: usize,
    /// The same forms, found 32 positions at a time by their first three bytes where the
    /// processor has AVX2 ([`Teddy`]); `None` where a form is shorter than three bytes.
    teddy: Option<Teddy>,
}

impl Stems {
    pub(super) fn push(&mut self, stem: String) {
        self.stems.push(stem);
        self.finder = None;
        self.teddy = None;
    }

    /// Builds the automaton of the stems pushed so far.
    pub(super) fn build(&mut self) {
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
    pub(super) fn found_in(&self, text: &str) -> bool {
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
    pub(super) fn find_in(&self, text: &str) -> Option<std::ops::Range<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::lexicon::load::{EMBEDDED, FILES};
    use crate::lexicon::Lexicon;

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
}
