//! Live input (standard input, and JSON Lines that is no regular file), read on a thread of
//! its own that hands the units over in chunks as they come, so that
//! [`Units::next_until`](super::Units::next_until) can give up waiting at a deadline. Kept
//! apart as the one part of reading that crosses threads.

use std::cell::RefCell;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::time::Instant;

use super::units::{read_unit, LineRead, Next};
use super::Unit;
use crate::error::Error;

/// Units of a live input handed over at once, at most: what its thread has read by the time
/// it must wait for more input, or this many.
const LIVE_CHUNK_UNITS: usize = 64;

/// Bytes of units handed over at once, at most (a longer line goes alone).
const LIVE_CHUNK_BYTES: usize = 64 << 10;

/// Chunks of units a live input's thread may read ahead of the pipeline: with the chunk in
/// hand and the one being read, a bound on the memory it holds.
const LIVE_CHUNKS_AHEAD: usize = 2;

/// A live input, read on a thread of its own that hands over its units in chunks.
pub(super) struct Live {
    chunks: Receiver<Vec<Unit>>,
    chunk: std::vec::IntoIter<Unit>,
}

impl Live {
    /// Starts the thread `read`, which sends the units of `source`, in order, until it ends.
    pub(super) fn start(
        source: &Path,
        read: impl FnOnce(&SyncSender<Vec<Unit>>) + Send + 'static,
    ) -> Live {
        let (send, chunks) = mpsc::sync_channel(LIVE_CHUNKS_AHEAD);
        let spawned = std::thread::Builder::new()
            .name("navne-input".into())
            .spawn({
                let send = send.clone();
                move || read(&send)
            });
        if let Err(e) = spawned {
            // No thread to read on: the input is reported unread, as a failed open would be.
            let _ = send.send(vec![Unit::Failed(Error::from(e).with_path(source))]);
        }
        Live {
            chunks,
            chunk: Vec::new().into_iter(),
        }
    }

    /// The next unit, waiting for it until `deadline` (or as long as it takes).
    pub(super) fn next(&mut self, deadline: Option<Instant>) -> Next {
        loop {
            if let Some(unit) = self.chunk.next() {
                return Next::Unit(unit);
            }
            let chunk = match deadline {
                None => self
                    .chunks
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
                Some(at) => self
                    .chunks
                    .recv_timeout(at.saturating_duration_since(Instant::now())),
            };
            match chunk {
                Ok(chunk) => self.chunk = chunk.into_iter(),
                Err(RecvTimeoutError::Timeout) => return Next::Pending,
                // The thread is done: it sent every unit first.
                Err(RecvTimeoutError::Disconnected) => return Next::End,
            }
        }
    }
}

/// The units read and not yet handed over by a live input's thread.
#[derive(Default)]
struct Chunk {
    units: Vec<Unit>,
    bytes: usize,
}

/// Hands the units read so far to the pipeline before each read of the input, which may wait
/// for the producer: a line is never held back while its reader waits for the next.
struct HandOverFirst {
    inner: Box<dyn Read + Send>,
    pending: Rc<RefCell<Chunk>>,
    send: SyncSender<Vec<Unit>>,
    /// Nobody takes the units any more: read no more.
    closed: bool,
}

impl HandOverFirst {
    fn hand_over(&mut self) {
        let chunk = std::mem::take(&mut *self.pending.borrow_mut());
        if !chunk.units.is_empty() && self.send.send(chunk.units).is_err() {
            self.closed = true;
        }
    }
}

impl Read for HandOverFirst {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.hand_over();
        if self.closed {
            return Ok(0);
        }
        self.inner.read(buf)
    }
}

/// The thread of a live JSON Lines input: reads the lines of `raw` into units, as
/// [`Units::next_line`] does, and sends them in chunks, each before a read that may wait.
///
/// [`Units::next_line`]: super::Units::next_line
pub(super) fn live_lines(
    source: Arc<Path>,
    raw: Box<dyn Read + Send>,
    max_doc_bytes: u64,
    send: &SyncSender<Vec<Unit>>,
) {
    let pending = Rc::new(RefCell::new(Chunk::default()));
    let mut reader = BufReader::with_capacity(
        1 << 16,
        HandOverFirst {
            inner: raw,
            pending: pending.clone(),
            send: send.clone(),
            closed: false,
        },
    );
    let mut line = 0;
    loop {
        let lines = (&mut line, &mut Vec::new());
        let (unit, last) = match read_unit(&source, &mut reader, lines, max_doc_bytes) {
            LineRead::Unit(unit) => (unit, false),
            LineRead::Last(unit) => (unit, true),
            LineRead::End => break,
        };
        let full = {
            let mut chunk = pending.borrow_mut();
            chunk.bytes = chunk.bytes.saturating_add(unit.size_hint());
            chunk.units.push(unit);
            chunk.units.len() >= LIVE_CHUNK_UNITS || chunk.bytes >= LIVE_CHUNK_BYTES
        };
        if full {
            reader.get_mut().hand_over();
        }
        if last || reader.get_ref().closed {
            break;
        }
    }
    reader.get_mut().hand_over();
}
