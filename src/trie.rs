//! The trie the matcher walks: every surface form, for anchored longest-prefix lookups.
//!
//! The matcher only ever asks "which forms does the text starting here begin with", so it
//! needs no failure links, which an Aho-Corasick automaton computes for unanchored searches:
//! for a million names that computation took most of a minute and gigabytes. This trie is
//! built in one pass over the forms in byte order, in time and memory linear in their bytes.
//!
//! States lie in one `Vec<u32>` in depth-first order, so a walk from a token start reads
//! memory forwards, and a state's first child is the state right after it: a state with one
//! child (most of them, inside long names) is a single cell. A state is
//!
//! - a header cell: the number of children (bits 0–8), [`MATCH`], [`DENSE`], and the byte of
//!   the first child (bits 16–23);
//! - with [`MATCH`], a cell with the index of the form that ends here;
//! - with [`DENSE`] (the root, and states of more than [`SPARSE_MAX`] children), 256 cells of
//!   next states by byte, 0 for none;
//! - otherwise the bytes of the other children, four to a cell, then their states, a cell each.

use crate::error::{Error, Result};

/// The header bit of a state where a form ends.
const MATCH: u32 = 1 << 9;
/// The header bit of a state with a table of 256 next states.
const DENSE: u32 = 1 << 10;
/// The most children a state lists one by one; a state with more gets a table. At 32, the
/// tables take at most 32 bytes per state of the trie, however the forms branch.
const SPARSE_MAX: usize = 32;
/// The root state.
const ROOT: u32 = 0;

/// The forms, for anchored lookups; immutable once built.
#[derive(Clone, Debug, Default)]
pub(crate) struct Trie {
    cells: Vec<u32>,
}

/// A state still to be laid out: the forms `lo..hi` share their first `depth` bytes, which
/// lead to it; `slot` is the cell that takes its index (none for a first child, which comes
/// right after its parent).
struct Pending {
    lo: usize,
    hi: usize,
    depth: usize,
    slot: Option<usize>,
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
        while let Some(p) = stack.pop() {
            let state = u32::try_from(cells.len())
                .map_err(|_| Error::gazetteer_file("too many surface forms for one matcher"))?;
            if let Some(slot) = p.slot {
                cells[slot] = state;
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
            let n = children.len() as u32;
            let dense = p.depth == 0 || children.len() > SPARSE_MAX;
            let first_byte = children.first().map_or(0, |c| u32::from(c.0));
            let header = n
                | if ends_here { MATCH } else { 0 }
                | if dense { DENSE } else { 0 }
                | first_byte << 16;
            cells.push(header);
            if ends_here {
                cells.push(p.lo as u32);
            }
            // Where each child's index goes; the first child of a sparse state needs none. A
            // table's 0 means no child, and no child is 0: that is the root.
            let slots: Vec<Option<usize>> = if dense {
                let table = cells.len();
                cells.resize(table + 256, 0);
                children
                    .iter()
                    .map(|c| Some(table + usize::from(c.0)))
                    .collect()
            } else {
                let rest = &children[children.len().min(1)..];
                for four in rest.chunks(4) {
                    let packed = four
                        .iter()
                        .enumerate()
                        .fold(0u32, |w, (k, c)| w | u32::from(c.0) << (8 * k));
                    cells.push(packed);
                }
                let ids = cells.len();
                cells.resize(ids + rest.len(), 0);
                std::iter::once(None)
                    .chain((0..rest.len()).map(|k| Some(ids + k)))
                    .take(children.len())
                    .collect()
            };
            // The first child is laid out next, right after this state.
            for (&(_, lo, hi), slot) in children.iter().zip(slots).rev() {
                stack.push(Pending {
                    lo,
                    hi,
                    depth: p.depth + 1,
                    slot,
                });
            }
        }
        cells.shrink_to_fit();
        Ok(Trie { cells })
    }

    /// The state that `state` leads to on byte `b`, if any.
    #[inline(always)]
    pub(crate) fn next(&self, state: u32, b: u8) -> Option<u32> {
        let s = state as usize;
        let header = self.cells[s];
        let body = s + 1 + ((header & MATCH) >> 9) as usize;
        if header & DENSE != 0 {
            let next = self.cells[body + usize::from(b)];
            return (next != 0).then_some(next);
        }
        let n = (header & 0x1ff) as usize;
        if n == 0 {
            return None;
        }
        let rest = n - 1;
        let ids = body + rest.div_ceil(4);
        if (header >> 16) as u8 == b {
            // The first child follows this state, which ends with the other children's ids.
            return Some((ids + rest) as u32);
        }
        (0..rest)
            .find(|&k| (self.cells[body + k / 4] >> (8 * (k % 4))) as u8 == b)
            .map(|k| self.cells[ids + k])
    }

    /// The index of the form that ends at `state`, if one does.
    #[inline(always)]
    pub(crate) fn form_at(&self, state: u32) -> Option<usize> {
        let s = state as usize;
        (self.cells[s] & MATCH != 0).then(|| self.cells[s + 1] as usize)
    }

    /// The longest form that `bytes` starts with: its length and index.
    pub(crate) fn longest_prefix(&self, bytes: &[u8]) -> Option<(usize, usize)> {
        let mut state = ROOT;
        let mut longest = None;
        for (k, &b) in bytes.iter().enumerate() {
            match self.next(state, b) {
                Some(next) => state = next,
                None => break,
            }
            if let Some(form) = self.form_at(state) {
                longest = Some((k + 1, form));
            }
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
    fn an_empty_trie_finds_nothing() {
        let trie = Trie::new::<String>(&[]).unwrap();
        assert_eq!(trie.longest_prefix(b"Odense"), None);
    }

    proptest! {
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
