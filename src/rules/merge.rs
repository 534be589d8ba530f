//! Joining what the layers find: the proposals merged with the gazetteer's candidates into one
//! set of mentions, and later finds added where they fit.

use std::cmp::Reverse;

use crate::matcher::Candidate;
use crate::mention::Mention;

/// Whether a name of the `gazetteer` candidates (sorted by start) starts at byte `pos`.
pub(super) fn listed_at(gazetteer: &[Candidate], pos: usize) -> bool {
    gazetteer
        .binary_search_by_key(&pos, |c| c.mention.byte_start)
        .is_ok()
}

/// Adds the mentions `found` (sorted by start) to `chosen` (sorted by start, none overlapping)
/// where they overlap none of its mentions; with `replace`, a found mention instead takes the
/// place of the mentions inside it, unless one reaches beyond it or is of a custom label.
///
/// One walk over both: `chosen` is rebuilt in order from what lies before each found mention,
/// so the cost is linear in their lengths (an insertion into the middle of a vector, per found
/// mention, would be quadratic in a long document).
pub(super) fn add_free(chosen: &mut Vec<Mention>, found: Vec<Mention>, replace: bool) {
    if found.is_empty() {
        return;
    }
    // The mentions of `chosen` not yet passed, last first, so that the next one pops.
    let mut rest = std::mem::take(chosen);
    rest.reverse();
    for m in found {
        while rest.last().is_some_and(|c| c.byte_end <= m.byte_start) {
            chosen.extend(rest.pop());
        }
        // Of the mentions already placed, only the last can overlap `m`: the others end
        // before an earlier found mention's start, which is not after `m`'s.
        let back = chosen.last().filter(|c| c.byte_end > m.byte_start);
        let ahead = rest
            .iter()
            .rev()
            .take_while(|c| c.byte_start < m.byte_end)
            .count();
        // A custom label's mention is never replaced (see [`merge`]).
        let within = |c: &Mention| {
            c.byte_start >= m.byte_start && c.byte_end <= m.byte_end && !c.label.is_custom()
        };
        let inside = back.is_none_or(within) && rest[rest.len() - ahead..].iter().all(within);
        if back.is_none() && ahead == 0 {
            chosen.push(m);
        } else if replace && inside {
            if back.is_some() {
                chosen.pop();
            }
            rest.truncate(rest.len() - ahead);
            chosen.push(m);
        }
    }
    chosen.extend(rest.into_iter().rev());
}

/// [`merge_into`] a new vector.
#[cfg(test)]
pub(super) fn merge(
    gazetteer: &[Candidate],
    held: &[Candidate],
    proposals: &mut Vec<Mention>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    merge_into(gazetteer, held, proposals, &mut out);
    out
}

/// Picks non-overlapping mentions: leftmost first, then longest, then gazetteer before
/// pattern. Held candidates that a layer revived take part like gazetteer ones. The mentions
/// picked are pushed onto `out`, an empty vector whose room (an earlier document's) they take.
///
/// A gazetteer mention of a custom label is fixed: a proposal that overlaps one is left out,
/// whatever its length, so that no layer's PER, LOC or ORG grows over it or cuts it
/// (`Roskilde Festival` listed as an `EVENT` stays one, `Festival` a head or not).
///
/// The `proposals` are taken: those picked are moved into the result, the others dropped,
/// and the vector is left empty, its room kept for the next document.
pub(super) fn merge_into(
    gazetteer: &[Candidate],
    held: &[Candidate],
    proposals: &mut Vec<Mention>,
    out: &mut Vec<Mention>,
) {
    debug_assert!(out.is_empty());
    let revived = || held.iter().filter(|c| !c.held);
    let custom = |c: &Candidate| c.mention.label.is_custom();
    // Most documents have no custom label, and no fixed spans to collect.
    if gazetteer.iter().any(custom) || revived().any(custom) {
        // Spans of custom labels, sorted by start and not overlapping, as the candidates are.
        let mut fixed: Vec<(usize, usize)> = gazetteer
            .iter()
            .chain(revived())
            .filter(|c| custom(c))
            .map(|c| (c.mention.byte_start, c.mention.byte_end))
            .collect();
        fixed.sort_unstable();
        proposals.retain(|p| {
            // The last fixed span starting before the proposal ends is the only one that may
            // overlap it.
            let k = fixed.partition_point(|&(s, _)| s < p.byte_end);
            k == 0 || fixed[k - 1].1 <= p.byte_start
        });
    }
    // The proposals in the order the picks take them: by start, the longer first. The sort is
    // stable, so proposals of one span keep the order they were made in; each pattern step
    // makes its proposals in order, so often there is nothing to sort.
    if !proposals.is_sorted_by_key(key) {
        proposals.sort_by_key(key);
    }
    out.reserve(gazetteer.len() + proposals.len());
    // The listed names, the candidates and the held ones revived: each sorted by start and
    // none overlapping another, so one walk merges them by start. Most documents revive none.
    debug_assert!(gazetteer
        .windows(2)
        .all(|w| w[0].mention.byte_end <= w[1].mention.byte_start));
    let listed = gazetteer.iter().map(|c| &c.mention);
    if revived().next().is_none() {
        pick(listed, proposals.drain(..), out);
    } else {
        let listed = in_order(listed, revived().map(|c| &c.mention));
        pick(listed, proposals.drain(..), out);
    }
}

/// The order in which [`merge_into`] picks: by start, the longer first.
fn key(m: &Mention) -> (usize, Reverse<usize>) {
    (m.byte_start, Reverse(m.byte_end))
}

/// Pushes onto `out` the mentions [`merge_into`] picks of the `listed` names and the `proposed`
/// ones, each in the order of [`key`]: leftmost first, then longest; of one span, the listed
/// name before the proposals. Only the listed names picked are copied.
fn pick<'m>(
    mut listed: impl Iterator<Item = &'m Mention>,
    proposed: impl Iterator<Item = Mention>,
    out: &mut Vec<Mention>,
) {
    let mut last_end = 0;
    let mut free = |m: &Mention| {
        let free = m.byte_start >= last_end;
        if free {
            last_end = m.byte_end;
        }
        free
    };
    let mut next = listed.next();
    for p in proposed {
        while let Some(l) = next.filter(|l| key(l) <= key(&p)) {
            if free(l) {
                out.push(l.clone());
            }
            next = listed.next();
        }
        if free(&p) {
            out.push(p);
        }
    }
    while let Some(l) = next {
        if free(l) {
            out.push(l.clone());
        }
        next = listed.next();
    }
}

/// The mentions of `a` and `b`, each sorted by start, merged by start; of one start, `a`'s
/// first.
fn in_order<'m>(
    a: impl Iterator<Item = &'m Mention>,
    b: impl Iterator<Item = &'m Mention>,
) -> impl Iterator<Item = &'m Mention> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y.byte_start < x.byte_start => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::{Label, Method};
    use crate::rules::proposal;
    use proptest::prelude::*;

    /// A gazetteer candidate over bytes `s..e` with `label`.
    fn candidate(s: usize, e: usize, label: Label) -> Candidate {
        Candidate {
            mention: proposal(s, e, label, Method::Gazetteer),
            surface: crate::matcher::SurfaceId(0),
            held: false,
        }
    }

    /// A custom label's span is fixed: a longer proposal over it, or one that cuts into it,
    /// is left out, where a built-in label's candidate gives way to a longer proposal.
    #[test]
    fn proposals_never_grow_over_a_custom_label() {
        let spans = |v: &[Mention]| -> Vec<(usize, usize, Label)> {
            v.iter()
                .map(|m| (m.byte_start, m.byte_end, m.label))
                .collect()
        };
        let event = Label::Custom(0);
        let gazetteer = [candidate(10, 27, event), candidate(40, 46, Label::Loc)];
        let proposals = [
            // `Roskilde Festival Orchestra` over the event, `Festival` inside it, a name ending
            // in it, one wholly apart, and one over the place.
            proposal(10, 37, Label::Org, Method::Pattern),
            proposal(19, 27, Label::Org, Method::Pattern),
            proposal(5, 12, Label::Per, Method::Pattern),
            proposal(30, 35, Label::Per, Method::Pattern),
            proposal(40, 55, Label::Org, Method::Pattern),
        ];
        let chosen = merge(&gazetteer, &[], &mut proposals.to_vec());
        assert_eq!(
            spans(&chosen),
            [(10, 27, event), (30, 35, Label::Per), (40, 55, Label::Org)]
        );
        // Nor does a found mention replace it.
        let mut chosen = chosen;
        add_free(
            &mut chosen,
            vec![proposal(8, 29, Label::Org, Method::Gazetteer)],
            true,
        );
        assert_eq!(spans(&chosen)[0], (10, 27, event));
    }

    #[test]
    fn add_free_keeps_order_and_replaces_what_lies_inside() {
        let m = |s, e| proposal(s, e, Label::Org, Method::Gazetteer);
        let mut chosen = vec![m(0, 3), m(10, 14), m(20, 25)];
        add_free(&mut chosen, vec![m(4, 8), m(12, 16), m(18, 30)], false);
        let spans: Vec<(usize, usize)> =
            chosen.iter().map(|c| (c.byte_start, c.byte_end)).collect();
        assert_eq!(spans, [(0, 3), (4, 8), (10, 14), (20, 25)]);
        add_free(&mut chosen, vec![m(9, 15), m(18, 30)], true);
        let spans: Vec<(usize, usize)> =
            chosen.iter().map(|c| (c.byte_start, c.byte_end)).collect();
        assert_eq!(spans, [(0, 3), (4, 8), (9, 15), (18, 30)]);
    }

    /// [`add_free`] as it was first written: one search and one insertion per found mention.
    fn add_free_by_insertion(chosen: &mut Vec<Mention>, found: Vec<Mention>, replace: bool) {
        for m in found {
            let from = chosen.partition_point(|c| c.byte_end <= m.byte_start);
            let to = chosen.partition_point(|c| c.byte_start < m.byte_end);
            let inside = chosen[from..to]
                .iter()
                .all(|c| c.byte_start >= m.byte_start && c.byte_end <= m.byte_end);
            if from == to || replace && inside {
                chosen.splice(from..to, [m]);
            }
        }
    }

    /// [`merge`]'s picks as it was first written: every name in one vector, sorted.
    fn merge_by_sorting(
        gazetteer: &[Candidate],
        held: &[Candidate],
        proposals: &[Mention],
    ) -> Vec<Mention> {
        let mut all: Vec<(u8, &Mention)> = gazetteer
            .iter()
            .chain(held.iter().filter(|c| !c.held))
            .map(|c| (0, &c.mention))
            .chain(proposals.iter().map(|p| (1, p)))
            .collect();
        all.sort_by(|(pa, a), (pb, b)| {
            a.byte_start
                .cmp(&b.byte_start)
                .then(b.byte_end.cmp(&a.byte_end))
                .then(pa.cmp(pb))
        });
        let mut out = Vec::new();
        let mut last_end = 0;
        for (_, m) in all {
            if m.byte_start >= last_end {
                last_end = m.byte_end;
                out.push(m.clone());
            }
        }
        out
    }

    proptest! {
        /// The walk of [`merge`] picks what sorting every name first picks: the same spans,
        /// labels and methods, in the same order, with held candidates revived or not.
        #[test]
        fn merge_picks_as_one_sort_does(
            listed in proptest::collection::vec((0usize..4, 1usize..6, 0u8..4), 0..12),
            proposed in proptest::collection::vec((0usize..60, 1usize..12, 0u8..3), 0..12),
        ) {
            // Sorted, disjoint listed names from gaps and lengths; a quarter of them held,
            // half of those revived.
            let (mut gazetteer, mut held) = (Vec::new(), Vec::new());
            let mut at = 0;
            for &(gap, len, kind) in &listed {
                at += gap;
                let mut c = candidate(at, at + len, Label::Loc);
                at += len;
                match kind {
                    0 => held.push(Candidate { held: true, ..c }),
                    1 => {
                        c.mention.label = Label::Per;
                        held.push(c)
                    }
                    _ => gazetteer.push(c),
                }
            }
            let labels = [Label::Org, Label::Per, Label::Loc];
            let proposals: Vec<Mention> = proposed
                .iter()
                .map(|&(s, len, l)| proposal(s, s + len, labels[usize::from(l)], Method::Pattern))
                .collect();
            prop_assert_eq!(
                merge(&gazetteer, &held, &mut proposals.clone()),
                merge_by_sorting(&gazetteer, &held, &proposals)
            );
        }

        /// The one walk of [`add_free`] decides as one insertion per found mention does.
        #[test]
        fn add_free_walks_as_insertions_decide(
            gaps in proptest::collection::vec((0usize..4, 1usize..6), 0..12),
            found in proptest::collection::vec((0usize..60, 1usize..12), 0..12),
            replace: bool,
        ) {
            let m = |s, e| proposal(s, e, Label::Org, Method::Gazetteer);
            // Sorted, disjoint mentions from gaps and lengths.
            let mut at = 0;
            let chosen: Vec<Mention> = gaps
                .iter()
                .map(|&(gap, len)| {
                    at += gap;
                    let c = m(at, at + len);
                    at += len;
                    c
                })
                .collect();
            let mut found: Vec<Mention> = found.iter().map(|&(s, len)| m(s, s + len)).collect();
            found.sort_by_key(|f| f.byte_start);
            let spans = |v: &[Mention]| -> Vec<(usize, usize)> {
                v.iter().map(|c| (c.byte_start, c.byte_end)).collect()
            };
            let (mut walked, mut inserted) = (chosen.clone(), chosen);
            add_free(&mut walked, found.clone(), replace);
            add_free_by_insertion(&mut inserted, found, replace);
            prop_assert_eq!(spans(&walked), spans(&inserted));
        }
    }
}
