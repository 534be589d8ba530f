//! Room kept from document to document: a thread hands the vectors one document filled (the
//! gazetteer's candidates, the capitals, the chosen mentions, the short forms of aliases) to
//! the next, emptied, so that an article costs no allocation for them; a vector a long text
//! made larger than its bound is let go, so that a thread keeps no more than that.

use std::cell::Cell;
use std::thread::LocalKey;

/// A thread's kept room for vectors of `T`: empty between documents.
pub(crate) type Room<T> = LocalKey<Cell<Vec<T>>>;

/// The thread's room in `room`: an empty vector, with the capacity an earlier document left.
#[inline]
pub(crate) fn take<T>(room: &'static Room<T>) -> Vec<T> {
    let mut kept = room.take();
    kept.clear();
    kept
}

/// Keeps `done`'s capacity in `room` for the thread's next document, emptied, unless it is
/// more than `most` elements.
#[inline]
pub(crate) fn keep<T>(room: &'static Room<T>, mut done: Vec<T>, most: usize) {
    if done.capacity() <= most {
        done.clear();
        room.set(done);
    }
}
