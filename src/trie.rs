//! The trie the matcher walks: every surface form, for anchored longest-prefix lookups.
//!
//! The matcher only ever asks "which forms does the text starting here begin with", so it
//! needs no failure links, which an Aho-Corasick automaton computes for unanchored searches:
//! for a million names that computation took most of a minute and gigabytes. This trie is
//! built in one pass over the forms in byte order, in time and memory linear in their bytes.
//!
//! States lie in one `Vec<u32>` in depth-first order, so a walk from a token start reads
//! memory forwards, and a state's first child is the state right after it: a state with one
//! child (most of them, inside long names) is a single cell. The first child of a state with
//! several is the one most forms go on through, not the first by byte, so that a walk mostly
//! reads the next cell, already at hand, rather than a cell far off: on news text that made
//! the one-thread run 1.08 times as fast in paired runs (`benches/compare.sh`), for no more
//! instructions. A state is
//!
//! - a header cell: the byte of the first child (bits 0–7), the number of children (bits
//!   8–16), [`MATCH`], [`DENSE`], [`RANKED`], [`LEAF`] and, for a sparse state, its number of
//!   cells (bits 24–31), which is where its first child lies;
//! - with [`MATCH`], a cell with the index of the form that ends here;
//! - with [`DENSE`] (the root and the states one byte from it, which nearly every search
//!   passes, at most 257 of them; states of more than [`SPARSE_MAX`] children up to
//!   [`DENSE_DEPTH`]; and states of more than [`RANKED_MAX`] children), 256 cells of next
//!   states by byte, 0 for none;
//! - with [`RANKED`] (other states of more than [`SPARSE_MAX`] children), 256 bytes in 64
//!   cells, one a byte: 0 for no child, else the child's rank among the children + 1; then
//!   every child's state in that order (the one most forms go on through first, then the
//!   others by byte);
//! - otherwise (sparse), if there is more than one child, a cell with the bytes of the other
//!   children, one a byte, then their states, a cell each.
//!
//! Each kind answers "which child on byte `b`" in a few instructions with no loop: one compare
//! (sparse, the first child), one compare of four bytes at once (sparse, the others), a table
//! load (dense), or two (ranked). A walk over a list of children one at a time, as before, took
//! most of the matcher's time on news text: the states just after a capital have ten to fifty
//! children. The commonest step, to the first child of a sparse state where no form ends, is
//! one test of the header against the byte ([`FAST`]).

use crate::error::{Error, Result};

/// Where a header keeps its state's number of children.
const COUNT_SHIFT: u32 = 8;
/// The bit of [`MATCH`], which is also the cell it adds before a state's children.
const MATCH_SHIFT: u32 = 17;
/// The header bit of a state where a form ends.
const MATCH: u32 = 1 << MATCH_SHIFT;
/// The header bit of a state with a table of 256 next states.
const DENSE: u32 = 1 << 18;
/// The header bit of a state with a table of its children's ranks by byte.
const RANKED: u32 = 1 << 19;
/// The header bit of a state without children, whose first child's byte (0) is none.
const LEAF: u32 = 1 << 20;
/// The header bits that, with the byte `b` in bits 0–7, leave the first child of a sparse
/// state with no form ending there as the next state on `b`: the step a walk mostly takes,
/// one exclusive or and one test.
const FAST: u32 = 0xff | MATCH | DENSE | RANKED | LEAF;
/// The most children a sparse state has: all but the first fit in one cell of bytes.
const SPARSE_MAX: usize = 5;
/// The most children a ranked state has; a state with more gets a table. At 32, the tables
/// take at most 32 bytes per state of the trie, however the forms branch.
const RANKED_MAX: usize = 32;
/// The deepest states that get a table when they have more children than a sparse state:
/// most walks pass one of them, just after a name's first letters. On news text, tables down
/// to depth 3 save 1.2 M of the scan's 45 M instructions on 5 MB, for about 1 MB of tables.
const DENSE_DEPTH: usize = 3;
/// Cells of a ranked state before its children's states: a byte per byte value.
const RANKED_INDEX: usize = 64;
/// The root state.
const ROOT: u32 = 0;
/// One in every byte of a cell, for testing the four bytes of a sparse state at once.
const LO: u32 = 0x0101_0101;
/// The top bit of every byte of a cell.
const HI: u32 = 0x8080_8080;
/// The bit of an entry of [`Trie::pairs`] that leads to a table of next states rather than to
/// a state. In a trie of more than 2³¹ cells (8 GB), the entry of a table past that index
/// leads to its state, as for any other state.
const TABLE: u32 = 1 << 31;

/// The forms, for anchored lookups; immutable once built.
#[derive(Clone, Debug)]
pub(crate) struct Trie {
    cells: Vec<u32>,
    /// The state two bytes from the root by those bytes (`b0 << 8 | b1`), 0 for none: every
    /// search takes the first two steps, from the root's table and then a table of the state
    /// after it, in one load (256 KB). Where that state has a table and no form ends there
    /// (four in five walks on news text), [`TABLE`] and the index of its table instead: the
    /// third step is one more load, with no header to decode.
    pairs: Box<[u32; 1 << 16]>,
    /// The index + 1 of the form of one byte by that byte, 0 for none: the match the first
    /// two steps in [`Trie::pairs`] skip over.
    singles: [u32; 256],
}

/// A state still to be laid out: the forms `lo..hi` share their first `depth` bytes, which
/// lead to it; `slot` is the cell that takes its index (none for the first child of a sparse
/// state, which comes right after its parent).
struct Pending {
    lo: usize,
    hi: usize,
    depth: usize,
    slot: Option<usize>,
}

/// How a state finds its children.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sparse,
    Ranked,
    Dense,
}

impl Trie {
    /// The trie of `forms`, which must be distinct, non-empty and sorted by bytes; a form is
    /// known by its index in `forms`.
    pub(crate) fn new<S: AsRef<[u8]>>(forms: &[S]) -> Result<Trie> {
        debug_assert!(forms.windows(2).all(|w| w[0].as_ref() < w[1].as_ref()));
        let form = |i: usize| forms[i].as_ref();
        let mut cells: Vec<u32> = Vec::new();
        let mut stack = vec![Pending {
            lo: 0,
            hi: forms.len(),
            depth: 0,
            slot: None,
        }];
        // The children of the state being laid out: byte and range of forms (reused).
        let mut children: Vec<(u8, usize, usize)> = Vec::new();
        let mut slots: Vec<Option<usize>> = Vec::new();
        while let Some(p) = stack.pop() {
            let state = cells.len();
            let state_id = u32::try_from(state)
                .map_err(|_| Error::gazetteer_file("too many surface forms for one matcher"))?;
            if let Some(slot) = p.slot {
                cells[slot] = state_id;
            }
            let mut lo = p.lo;
            let ends_here = lo < p.hi && form(lo).len() == p.depth;
            if ends_here {
                lo += 1;
            }
            children.clear();
            for i in lo..p.hi {
                let b = form(i)[p.depth];
                match children.last_mut() {
                    Some((last, _, hi)) if *last == b => *hi = i + 1,
                    _ => children.push((b, i, i + 1)),
                }
            }
            let n = children.len();
            let kind = if p.depth <= 1 || n > RANKED_MAX || p.depth <= DENSE_DEPTH && n > SPARSE_MAX
            {
                Kind::Dense
            } else if n > SPARSE_MAX {
                Kind::Ranked
            } else {
                Kind::Sparse
            };
            // The child most forms go on through comes first, right after its parent: a walk
            // mostly follows it, and reads the next cell rather than one far off.
            if let Some(heaviest) = (0..n).max_by_key(|&c| (children[c].2 - children[c].1, n - c)) {
                children[..=heaviest].rotate_right(1);
            }
            let first_byte = children.first().map_or(0, |c| u32::from(c.0));
            cells.push(
                (n as u32) << COUNT_SHIFT
                    | if ends_here { MATCH } else { 0 }
                    | if n == 0 { LEAF } else { 0 }
                    | match kind {
                        Kind::Dense => DENSE,
                        Kind::Ranked => RANKED,
                        Kind::Sparse => 0,
                    }
                    | first_byte,
            );
            if ends_here {
                cells.push(p.lo as u32);
            }
            // Where each child's index goes.
            slots.clear();
            match kind {
                Kind::Dense => {
                    // A table's 0 means no child, and no child is 0: that is the root.
                    let table = cells.len();
                    cells.resize(table + 256, 0);
                    slots.extend(children.iter().map(|c| Some(table + usize::from(c.0))));
                }
                Kind::Ranked => {
                    let ranks = cells.len();
                    cells.resize(ranks + RANKED_INDEX, 0);
                    for (rank, &(b, _, _)) in children.iter().enumerate() {
                        // At most RANKED_MAX, so a byte holds it.
                        cells[ranks + usize::from(b >> 2)] |= (rank as u32 + 1) << (8 * (b & 3));
                    }
                    let ids = cells.len();
                    cells.resize(ids + n, 0);
                    slots.extend((0..n).map(|k| Some(ids + k)));
                }
                Kind::Sparse => {
                    // The first child needs no slot: it comes right after this state.
                    let rest = &children[n.min(1)..];
                    if !rest.is_empty() {
                        let packed = rest
                            .iter()
                            .enumerate()
                            .fold(0u32, |w, (k, c)| w | u32::from(c.0) << (8 * k));
                        cells.push(packed);
                    }
                    let ids = cells.len();
                    cells.resize(ids + rest.len(), 0);
                    slots.extend(
                        std::iter::once(None)
                            .chain((0..rest.len()).map(|k| Some(ids + k)))
                            .take(n),
                    );
                    // At most 1 + 1 + 1 + 4 cells.
                    cells[state] |= ((cells.len() - state) as u32) << 24;
                }
            }
            // The first child is laid out next, right after this state.
            for (&(_, lo, hi), &slot) in children.iter().zip(&slots).rev() {
                stack.push(Pending {
                    lo,
                    hi,
                    depth: p.depth + 1,
                    slot,
                });
            }
        }
        cells.shrink_to_fit();
        let mut trie = Trie {
            cells,
            pairs: vec![0; 1 << 16]
                .into_boxed_slice()
                .try_into()
                .expect("2^16 cells"),
            singles: [0; 256],
        };
        for b0 in 0..=255u8 {
            let Some(one) = trie.next(ROOT, b0) else {
                continue;
            };
            if let Some(form) = trie.form_at(one) {
                trie.singles[usize::from(b0)] = form as u32 + 1;
            }
            for b1 in 0..=255u8 {
                // A state two bytes from the root is not the root: 0 is free for none.
                let Some(two) = trie.next(one, b1) else {
                    continue;
                };
                let header = trie.cells[two as usize];
                // Without a form ending there, the table comes right after the header.
                let table = two + 1;
                trie.pairs[usize::from(b0) << 8 | usize::from(b1)] =
                    if header & (DENSE | MATCH) == DENSE && table < TABLE {
                        TABLE | table
                    } else {
                        two
                    };
            }
        }
        Ok(trie)
    }

    /// The state that `state` leads to on byte `b`, if any.
    pub(crate) fn next(&self, state: u32, b: u8) -> Option<u32> {
        let s = state as usize;
        self.child(s, self.cells[s], b)
    }

    /// The child on byte `b` of the state at cell `s`, whose header is `header`, if any.
    #[inline(always)]
    fn child(&self, s: usize, header: u32, b: u8) -> Option<u32> {
        if header & (DENSE | RANKED) == 0 {
            let n = (header >> COUNT_SHIFT) & 0x1ff;
            if header as u8 == b && n != 0 {
                return Some(s as u32 + (header >> 24));
            }
            if n < 2 {
                return None;
            }
            // The others' bytes: a zero byte of `x` where one is `b`. The lowest bit of
            // `found` is exact (a borrow only marks bytes above a zero byte); the bytes past
            // the `n - 1` others are padding, masked off.
            let body = s + 1 + ((header & MATCH) >> MATCH_SHIFT) as usize;
            let x = self.cells[body] ^ (u32::from(b) * LO);
            let found = x.wrapping_sub(LO) & !x & (HI >> (8 * (5 - n)));
            if found == 0 {
                return None;
            }
            return Some(self.cells[body + 1 + (found.trailing_zeros() / 8) as usize]);
        }
        let body = s + 1 + ((header & MATCH) >> MATCH_SHIFT) as usize;
        if header & DENSE != 0 {
            let next = self.cells[body + usize::from(b)];
            return (next != 0).then_some(next);
        }
        let rank = (self.cells[body + usize::from(b >> 2)] >> (8 * (b & 3))) & 0xff;
        if rank == 0 {
            return None;
        }
        Some(self.cells[body + RANKED_INDEX - 1 + rank as usize])
    }

    /// The index of the form that ends at `state`, if one does.
    pub(crate) fn form_at(&self, state: u32) -> Option<usize> {
        let s = state as usize;
        (self.cells[s] & MATCH != 0).then(|| self.cells[s + 1] as usize)
    }

    /// The longest form that `bytes` starts with: its length and index.
    #[inline]
    pub(crate) fn longest_prefix(&self, bytes: &[u8]) -> Option<(usize, usize)> {
        let (len, form) = self.longest(bytes);
        (len != 0).then_some((len, form))
    }

    /// [`Trie::longest_prefix`], with a length of 0 for none (a form is never empty): two
    /// registers to return, and out of line with few registers of its own, so that a caller
    /// that tries many positions saves and restores little around each call.
    ///
    /// Most of a walk's time is spent waiting for the first state after the tables, a cell far
    /// off: `perf annotate` puts a third of this function's samples on the load of its header.
    /// Two ways to hide that wait were measured and made the scan no faster. One fetched that
    /// cell four blocks of the scan ahead: 5 M more instructions on the 5 MB corpus, no faster
    /// with every layer and slower with none. The other took up to sixteen walks together, a
    /// step of each in turn, so that their waits overlap: `navne tag --threads 1 --without
    /// all` on 100 MB ran 9 % slower in alternating runs, as the turns cost more than the
    /// overlap saved.
    #[inline(never)]
    pub(crate) fn longest(&self, bytes: &[u8]) -> (usize, usize) {
        let &[b0, b1, ..] = bytes else {
            return self.walk(ROOT as usize, 0, bytes, (0, 0));
        };
        let one = self.singles[usize::from(b0)];
        let longest = (usize::from(one != 0), (one as usize).wrapping_sub(1));
        let (state, k) = match self.pairs[usize::from(b0) << 8 | usize::from(b1)] {
            0 => return longest,
            two if two & TABLE == 0 => (two, 2),
            table => {
                // No form ends two bytes in: the walk goes on from the third byte, if any.
                let Some(&b2) = bytes.get(2) else {
                    return longest;
                };
                match self.cells[(table & !TABLE) as usize + usize::from(b2)] {
                    0 => return longest,
                    three => (three, 3),
                }
            }
        };
        self.walk(state as usize, k, bytes, longest)
    }

    /// [`Trie::longest`] from `state`, reached by the first `k` bytes of `bytes`, with the
    /// `longest` form found on the way there (length 0 for none).
    #[inline(always)]
    fn walk(
        &self,
        mut state: usize,
        mut k: usize,
        bytes: &[u8],
        mut longest: (usize, usize),
    ) -> (usize, usize) {
        while let Some(&b) = bytes.get(k) {
            let header = self.cells[state];
            if (header ^ u32::from(b)) & FAST == 0 {
                // The first child of a sparse state, where no form ends.
                state += (header >> 24) as usize;
                k += 1;
                continue;
            }
            if header & MATCH != 0 {
                longest = (k, self.cells[state + 1] as usize);
            }
            match self.child(state, header, b) {
                Some(next) => state = next as usize,
                None => return longest,
            }
            k += 1;
        }
        if self.cells[state] & MATCH != 0 {
            longest = (k, self.cells[state + 1] as usize);
        }
        longest
    }

    /// Every form with its index, in byte order: what the trie was built from.
    #[cfg(test)]
    pub(crate) fn forms(&self) -> Vec<(Vec<u8>, usize)> {
        let mut found = Vec::new();
        let mut stack = vec![(ROOT, Vec::new())];
        while let Some((state, prefix)) = stack.pop() {
            if let Some(form) = self.form_at(state) {
                found.push((prefix.clone(), form));
            }
            for b in (0..=255u8).rev() {
                if let Some(next) = self.next(state, b) {
                    let mut longer = prefix.clone();
                    longer.push(b);
                    stack.push((next, longer));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The longest form of `forms` that `text` starts with, by trying every one.
    fn longest_plain(forms: &[String], text: &[u8]) -> Option<(usize, usize)> {
        (0..forms.len())
            .filter(|&i| text.starts_with(forms[i].as_bytes()))
            .max_by_key(|&i| forms[i].len())
            .map(|i| (forms[i].len(), i))
    }

    fn sorted(forms: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = forms.iter().map(|s| s.to_string()).collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn finds_the_longest_form_a_text_starts_with() {
        let forms = sorted(&["Jo", "JOB", "JOBINDEX", "OB", "København", "Køge", "K"]);
        let trie = Trie::new(&forms).unwrap();
        let listed: Vec<(Vec<u8>, usize)> = forms
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_bytes().to_vec(), i))
            .collect();
        assert_eq!(trie.forms(), listed);
        for text in [
            "JOBINDEX A/S",
            "JOBIN",
            "Jo",
            "J",
            "Københavns",
            "Kø",
            "OBS",
            "x",
            "",
        ] {
            assert_eq!(
                trie.longest_prefix(text.as_bytes()),
                longest_plain(&forms, text.as_bytes()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn states_with_many_children_get_a_table() {
        // 200 children under `A`, and 40 under `B`: both tables, and the sparse ones between.
        let mut forms: Vec<String> = (0..200u8).map(|b| format!("A{}", b as char)).collect();
        forms.extend((0..40u8).map(|b| format!("B{}x", (b'0' + b) as char)));
        forms.push("C".into());
        forms.sort();
        forms.dedup();
        let trie = Trie::new(&forms).unwrap();
        for (i, f) in forms.iter().enumerate() {
            assert_eq!(
                trie.longest_prefix(f.as_bytes()),
                Some((f.len(), i)),
                "{f:?}"
            );
        }
        assert_eq!(trie.longest_prefix(b"B0"), None);
    }

    #[test]
    fn the_child_most_forms_go_on_through_comes_right_after_its_state() {
        // Past the tables' depth, `ABCDE` has a child on `a` (one form) and one on `b`
        // (three): `b` is laid out first, though `a` comes first by byte.
        let forms = sorted(&["ABCDEa", "ABCDEb1", "ABCDEb2", "ABCDEb3"]);
        let trie = Trie::new(&forms).unwrap();
        let state = b"ABCDE"
            .iter()
            .try_fold(ROOT, |s, &b| trie.next(s, b))
            .unwrap();
        let header = trie.cells[state as usize];
        assert_eq!(header & (DENSE | RANKED), 0, "a sparse state");
        assert_eq!(header as u8, b'b');
        let first = state + (header >> 24);
        assert_eq!(trie.next(state, b'b'), Some(first));
        for (i, f) in forms.iter().enumerate() {
            assert_eq!(trie.longest_prefix(f.as_bytes()), Some((f.len(), i)));
        }
    }

    #[test]
    fn an_empty_trie_finds_nothing() {
        let trie = Trie::new::<String>(&[]).unwrap();
        assert_eq!(trie.longest_prefix(b"Odense"), None);
    }

    /// Bytes for forms of every kind of state: zero (the padding of a sparse state's bytes),
    /// the first and last byte of each word of a ranked state's bitmap, and UTF-8 bytes.
    const BYTES: [u8; 40] = [
        0, 1, 2, 31, 32, 33, b'-', b'.', b'0', b'9', 63, 64, b'A', b'B', b'C', b'D', b'E', b'F',
        b'Z', 95, 96, b'a', b'b', b'c', b'e', b's', b'z', 127, 128, 159, 160, 0xA5, 0xB8, 191, 192,
        0xC3, 223, 224, 0xE2, 255,
    ];

    /// Byte strings of up to `max` bytes of [`BYTES`].
    fn byte_strings(max: usize) -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(proptest::sample::select(&BYTES[..]), 0..=max)
    }

    proptest! {
        /// Forms of few bytes over a wide alphabet: states of every kind, at every depth, and
        /// forms of one and two bytes, which the table of the first two steps skips over.
        #[test]
        fn agrees_with_trying_every_form_of_any_bytes(
            forms in proptest::collection::vec(byte_strings(5), 0..300),
            alphabet in 1usize..=BYTES.len(),
            texts in proptest::collection::vec(byte_strings(6), 1..20),
            depth in 0usize..=DENSE_DEPTH + 2,
        ) {
            // A smaller alphabet makes states of fewer children, down to sparse ones; a prefix
            // shared by every form moves the states of many children deeper, to ranked ones.
            let keep = |b: &u8| BYTES[..alphabet].contains(b);
            let prefix = &b"ABCDEFGH"[..depth];
            let mut forms: Vec<Vec<u8>> = forms
                .into_iter()
                .map(|f| [prefix, &f.into_iter().filter(keep).collect::<Vec<u8>>()].concat())
                .filter(|f| !f.is_empty())
                .collect();
            forms.sort();
            forms.dedup();
            let trie = Trie::new(&forms).unwrap();
            prop_assert_eq!(
                trie.forms(),
                forms.iter().cloned().zip(0..).collect::<Vec<_>>()
            );
            // The texts, and each after a form, so that walks go deep.
            let n = texts.len();
            let after_forms: Vec<Vec<u8>> = (0..n)
                .filter_map(|i| Some([&forms.get(i * forms.len() / n)?[..], &texts[i]].concat()))
                .collect();
            for text in texts.into_iter().chain(after_forms) {
                let want = (0..forms.len())
                    .filter(|&i| text.starts_with(&forms[i]))
                    .max_by_key(|&i| forms[i].len())
                    .map(|i| (forms[i].len(), i));
                prop_assert_eq!(trie.longest_prefix(&text), want, "{:?}", text);
            }
        }

        #[test]
        fn agrees_with_trying_every_form(
            forms in proptest::collection::vec("[ABab æø]{1,6}", 0..40),
            text in "[ABab æø]{0,8}",
        ) {
            let forms = sorted(&forms.iter().map(String::as_str).collect::<Vec<_>>());
            let trie = Trie::new(&forms).unwrap();
            prop_assert_eq!(
                trie.longest_prefix(text.as_bytes()),
                longest_plain(&forms, text.as_bytes())
            );
        }
    }
}
