//! What the layers work on for one document: the gazetteer's candidates, the names the
//! pattern layers propose, and, after the merge, the mentions chosen.

use super::layer::Layers;
use super::merge::{add_free, merge_into};
use crate::matcher::Candidate;
use crate::mention::Mention;
use crate::room;
use std::cell::Cell;

/// The state of one document's rule pass, which each step reads and changes.
pub(crate) struct Work {
    /// The layers switched on: a step that does the work of two layers reads which are.
    pub layers: Layers,
    /// The gazetteer's candidates that count (not held back), sorted by start, none
    /// overlapping.
    pub gazetteer: Vec<Candidate>,
    /// The candidates held back (an ambiguous form alone at a sentence start); a step may
    /// revive one (`held = false`), which then counts as the others do.
    pub held: Vec<Candidate>,
    /// Names proposed by the pattern layers before the merge, which takes them and leaves the
    /// vector empty; their code-point offsets are set at the end ([`super::offsets`]).
    pub proposals: Vec<Mention>,
    /// After the merge: the mentions chosen, sorted by start, none overlapping.
    pub chosen: Vec<Mention>,
    /// Whether the text is written informally, when the `handles` step found out: with the
    /// `lowercase` layer on too, its one pass over the text answers this for that layer as it
    /// looks for `@` and `#` ([`super::handles::handles`]). `None` until then.
    pub informal: Option<bool>,
}

impl Work {
    /// The work on `candidates` with `layers` on. `proposals` is an empty vector to push the
    /// proposals onto (the room an earlier document left in it is reused), with room made for
    /// `room` of them.
    pub fn new(
        candidates: Vec<Candidate>,
        layers: Layers,
        (mut proposals, room): (Vec<Mention>, usize),
    ) -> Work {
        debug_assert!(proposals.is_empty());
        proposals.reserve(room);
        // The candidates held back are copied out and taken from the vector, which keeps the
        // others; most documents have none, and then nothing is copied.
        let mut gazetteer = candidates;
        let mut held = Vec::new();
        if gazetteer.iter().any(|c| c.held) {
            held = gazetteer.iter().filter(|c| c.held).cloned().collect();
            gazetteer.retain(|c| !c.held);
        }
        Work {
            layers,
            gazetteer,
            held,
            proposals,
            chosen: Vec::new(),
            informal: None,
        }
    }

    /// Picks the mentions from the candidates, the revived held ones and the proposals
    /// ([`merge_into`]), which it takes: `proposals` is left empty.
    pub fn merge(&mut self) {
        // The room for the mentions is the thread's, when a caller gave back the mentions of
        // an earlier document ([`recycle`]).
        let mut chosen = room::take(&CHOSEN);
        merge_into(
            &self.gazetteer,
            &self.held,
            &mut self.proposals,
            &mut chosen,
        );
        self.chosen = chosen;
    }

    /// Adds the mentions `found` (sorted by start) where they overlap no chosen one; with
    /// `replace`, a found mention takes the place of the mentions inside it ([`add_free`]).
    #[inline]
    pub fn add(&mut self, found: Vec<Mention>, replace: bool) {
        // Most steps find nothing in most documents: told here, where the call inlines.
        if !found.is_empty() {
            add_free(&mut self.chosen, found, replace);
        }
    }

    /// The index of the chosen mention that overlaps bytes `start..end`, if one does. The
    /// chosen mentions are sorted by start and do not overlap, so they are sorted by end too,
    /// and the first that ends after `start` is the one to ask.
    pub fn overlapping(&self, start: usize, end: usize) -> Option<usize> {
        let k = self.chosen.partition_point(|m| m.byte_end <= start);
        self.chosen
            .get(k)
            .is_some_and(|m| m.byte_start < end)
            .then_some(k)
    }

    /// Whether a chosen mention covers bytes `start..end` whole (`Region Nordjylland` over
    /// `Nordjylland`).
    pub fn covers(&self, start: usize, end: usize) -> bool {
        self.overlapping(start, end).is_some_and(|k| {
            let m = &self.chosen[k];
            m.byte_start <= start && m.byte_end >= end
        })
    }
}

/// The most mentions a thread keeps room for between documents ([`recycle`]), 4096 of them:
/// far more than an article has, so that only a long text's room is let go.
const CHOSEN_KEPT: usize = 4096;

thread_local! {
    /// This thread's room for the mentions of the next document's merge ([`Work::merge`]).
    static CHOSEN: Cell<Vec<Mention>> = const { Cell::new(Vec::new()) };
}

/// Keeps the room of `mentions`, which the caller is done with, for the thread's next
/// document's mentions, unless it is larger than [`CHOSEN_KEPT`].
pub(crate) fn recycle(mentions: Vec<Mention>) {
    room::keep(&CHOSEN, mentions, CHOSEN_KEPT);
}

/// The most gazetteer candidates a thread keeps room for between documents
/// ([`keep_candidates`]): far more than an article has, so that only a long text's room is
/// let go.
const CANDIDATES_KEPT: usize = 4096;

thread_local! {
    /// This thread's room for the gazetteer candidates of the next document it scans
    /// ([`candidates_room`]).
    static CANDIDATES: Cell<Vec<Candidate>> = const { Cell::new(Vec::new()) };
}

/// The thread's room for a document's gazetteer candidates: an empty vector, with the room
/// an earlier document's left in it ([`keep_candidates`]).
pub(crate) fn candidates_room() -> Vec<Candidate> {
    room::take(&CANDIDATES)
}

/// Keeps the room of `candidates`, which the rule pass is done with, for the thread's next
/// document ([`candidates_room`]), unless it is larger than [`CANDIDATES_KEPT`].
pub(crate) fn keep_candidates(candidates: Vec<Candidate>) {
    room::keep(&CANDIDATES, candidates, CANDIDATES_KEPT);
}
