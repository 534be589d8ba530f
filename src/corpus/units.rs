//! The stream of units: [`Units`] goes through the inputs in order, walks directories, reads
//! the lines of a JSON Lines file into buffers it recycles, and hands a live input to a thread
//! of its own ([`Live`]). What comes in which order, and how long a line may be, is decided
//! here; how a file is opened is in `files.rs`, and the live input's thread in `live.rs`.

use std::fs;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::files::{
    is_corpus_file, is_jsonl, open_lines, open_raw, path_id, read_stdin, StdinInput,
};
use super::live::{live_lines, Live};
use super::{Input, Unit, DEFAULT_MAX_DOC_BYTES, STDIN_NAME};
use crate::error::{Error, ErrorKind, Result};
use crate::walk::Walk;

/// The stream of units from a list of inputs, in input order.
pub struct Units {
    inputs: std::vec::IntoIter<Input>,
    /// Directory walk in progress.
    walk: Option<Walk>,
    /// JSON Lines file being read.
    lines: Option<LineReader>,
    /// Live input being read on its own thread.
    live: Option<Live>,
    /// The most bytes one document may have.
    max_doc_bytes: u64,
    /// Buffers of documents already tagged, for the next JSON lines to be read into
    /// ([`Units::recycle`]).
    spare: Vec<Vec<u8>>,
}

/// The most buffers [`Units::recycle`] keeps.
pub const SPARE_BUFFERS: usize = 512;

/// The largest buffer, in bytes of room, that [`Units::recycle`] keeps: more than most news
/// articles take.
pub const SPARE_ROOM: usize = 16 << 10;

struct LineReader {
    source: Arc<Path>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
}

/// What [`Units::next_until`] found.
#[derive(Debug)]
pub enum Next {
    /// The next unit.
    Unit(Unit),
    /// No unit came from a live input by the deadline; the input goes on.
    Pending,
    /// Every input is read.
    End,
}

/// What reading one line of JSON Lines gave.
pub(super) enum LineRead {
    /// A unit; more lines may follow.
    Unit(Unit),
    /// A unit after which nothing more can be read (a read error).
    Last(Unit),
    /// The input ended.
    End,
}

impl Units {
    /// Units of `inputs`, read lazily, each document at most [`DEFAULT_MAX_DOC_BYTES`].
    pub fn new(inputs: Vec<Input>) -> Units {
        Units {
            inputs: inputs.into_iter(),
            walk: None,
            lines: None,
            live: None,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
            spare: Vec::new(),
        }
    }

    /// Keeps `buffers`, the bytes of documents that are done with (a document's text, as
    /// [`String::into_bytes`] gives it), for the JSON lines read next: a line is read into one
    /// of them rather than into a new allocation. Their content does not matter.
    ///
    /// A pipeline that reads on one thread and tags on others frees each line's buffer on
    /// the thread that tagged it, where the allocator takes it back from the reading thread's
    /// heap; handed back to the reader, the buffers go round instead. At most
    /// [`SPARE_BUFFERS`] buffers of at most [`SPARE_ROOM`] bytes each are kept (8 MB); the
    /// others are dropped.
    pub fn recycle(&mut self, buffers: impl IntoIterator<Item = Vec<u8>>) {
        for buffer in buffers {
            if self.spare.len() == SPARE_BUFFERS {
                break;
            }
            if buffer.capacity() <= SPARE_ROOM && buffer.capacity() > 0 {
                self.spare.push(buffer);
            }
        }
    }

    /// Sets the most bytes one document may have (a text file's content after
    /// decompression, a JSON line, standard input's text). A longer document is a unit that
    /// fails to load, with [`ErrorKind::TooLarge`], and no more than `bytes` of it are ever
    /// held in memory.
    pub fn max_doc_bytes(mut self, bytes: u64) -> Units {
        self.max_doc_bytes = bytes;
        self
    }

    fn next_line(&mut self) -> Option<Unit> {
        let lr = self.lines.as_mut()?;
        match read_unit(
            &lr.source,
            &mut *lr.reader,
            (&mut lr.line, &mut self.spare),
            self.max_doc_bytes,
        ) {
            LineRead::Unit(unit) => Some(unit),
            LineRead::Last(unit) => {
                self.lines = None;
                Some(unit)
            }
            LineRead::End => {
                self.lines = None;
                None
            }
        }
    }

    fn next_walked(&mut self) -> Option<Unit> {
        let walk = self.walk.as_mut()?;
        let found = match walk.next() {
            Some(Ok(found)) => found,
            Some(Err(e)) => return Some(Unit::Failed(e)),
            None => {
                self.walk = None;
                return None;
            }
        };
        let doc_id = path_id(found.path.strip_prefix(walk.root()).unwrap_or(&found.path));
        if let Some(unit) = self.file_unit(found.path, doc_id, Some(found.size)) {
            return Some(unit);
        }
        self.next_line()
    }

    /// The unit of a text file, or `None` after opening a JSON Lines file, whose lines
    /// [`Units::next_line`] then yields (or, when it is no regular file, the live input's
    /// thread).
    fn file_unit(&mut self, path: PathBuf, doc_id: String, size: Option<u64>) -> Option<Unit> {
        if is_jsonl(&path) && size.is_none() {
            let max_doc_bytes = self.max_doc_bytes;
            self.live = Some(Live::start(&path.clone(), move |send| {
                let source = Arc::from(path.as_path());
                match open_raw(&path) {
                    Ok(raw) => live_lines(source, raw, max_doc_bytes, send),
                    Err(e) => {
                        let _ = send.send(vec![Unit::Failed(e.with_path(&path))]);
                    }
                }
            }));
            None
        } else if is_jsonl(&path) {
            match open_lines(&path) {
                Ok(reader) => {
                    self.lines = Some(LineReader {
                        source: Arc::from(path.as_path()),
                        reader,
                        line: 0,
                    });
                    None
                }
                Err(e) => Some(Unit::Failed(e.with_path(&path))),
            }
        } else {
            Some(Unit::TextFile {
                path,
                doc_id,
                size,
                max_bytes: self.max_doc_bytes,
            })
        }
    }

    fn start_input(&mut self, input: Input) -> Option<Unit> {
        match input {
            Input::Stdin => {
                // Even the first bytes are read on the live input's thread: until they come,
                // the batch before them may be written.
                let max_doc_bytes = self.max_doc_bytes;
                self.live = Some(Live::start(Path::new(STDIN_NAME), move |send| {
                    let unit = match read_stdin(max_doc_bytes) {
                        Ok(StdinInput::Text(bytes)) => Unit::Text {
                            doc_id: STDIN_NAME.into(),
                            bytes,
                        },
                        Ok(StdinInput::Lines(raw)) => {
                            let source = Arc::from(Path::new(STDIN_NAME));
                            return live_lines(source, raw, max_doc_bytes, send);
                        }
                        Err(e) => Unit::Failed(e.with_path(STDIN_NAME)),
                    };
                    let _ = send.send(vec![unit]);
                }));
                None
            }
            Input::Path(path) => {
                let meta = match fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => return Some(Unit::Failed(Error::from(e).with_path(&path))),
                };
                if meta.is_dir() {
                    match Walk::new(path, &meta, is_corpus_file) {
                        Ok(walk) => self.walk = Some(walk),
                        Err(e) => return Some(Unit::Failed(e)),
                    }
                    return None;
                }
                // A file named on the command line is read whatever it is: a FIFO or device
                // named there is meant to be read, as standard input is (and, for JSON Lines,
                // as live input).
                let doc_id = path_id(path.file_name().map_or(path.as_os_str(), |n| n).as_ref());
                let size = meta.is_file().then_some(meta.len());
                self.file_unit(path, doc_id, size)
            }
        }
    }
}

/// Checks that every path among `inputs` names something, before any is read: a mistyped
/// path is a mistake in the command, better said at once than after a long run.
pub fn check_inputs(inputs: &[Input]) -> Result<()> {
    for input in inputs {
        if let Input::Path(path) = input {
            fs::metadata(path).map_err(|e| Error::from(e).with_path(path))?;
        }
    }
    Ok(())
}

impl Units {
    /// The next unit, as [`Iterator::next`] gives it, except that a live input (standard
    /// input, a named pipe) is waited for only until `deadline` (`None`: as long as it takes):
    /// [`Next::Pending`] when no unit came by then. Files are read as they are asked for,
    /// whatever the deadline: they never pause.
    pub fn next_until(&mut self, deadline: Option<Instant>) -> Next {
        loop {
            if self.lines.is_some() {
                if let Some(u) = self.next_line() {
                    return Next::Unit(u);
                }
                continue;
            }
            if self.walk.is_some() {
                if let Some(u) = self.next_walked() {
                    return Next::Unit(u);
                }
                continue;
            }
            if let Some(live) = &mut self.live {
                match live.next(deadline) {
                    Next::End => self.live = None,
                    next => return next,
                }
                continue;
            }
            let Some(input) = self.inputs.next() else {
                return Next::End;
            };
            if let Some(u) = self.start_input(input) {
                return Next::Unit(u);
            }
        }
    }
}

impl Iterator for Units {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        match self.next_until(None) {
            Next::Unit(u) => Some(u),
            Next::End => None,
            Next::Pending => unreachable!("with no deadline, a live input is waited for"),
        }
    }
}

/// Reads the next line of `reader`, line number `line` + 1 of `source`, into a unit: the
/// line, or the failure of a line over `max_doc_bytes` or of the read. Blank lines are no
/// units: they are passed over.
pub(super) fn read_unit(
    source: &Arc<Path>,
    reader: &mut dyn BufRead,
    (line, spare): (&mut u64, &mut Vec<Vec<u8>>),
    max_doc_bytes: u64,
) -> LineRead {
    // Room for the longest line allowed and its line end; more is read but not kept.
    let room = usize::try_from(max_doc_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(2);
    // A spare buffer if there is one ([`Units::recycle`]), emptied; it goes on to the next
    // line when this one is blank.
    let mut buf = spare.pop().unwrap_or_default();
    loop {
        buf.clear();
        *line += 1;
        match read_line_into(reader, &mut buf, room) {
            Ok(0) => return LineRead::End,
            Ok(read) => {
                let dropped = read > buf.len();
                if buf.last() == Some(&b'\n') {
                    buf.pop();
                }
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
                if dropped || buf.len() as u64 > max_doc_bytes {
                    let err = Error::new(ErrorKind::TooLarge {
                        limit: max_doc_bytes,
                    });
                    return LineRead::Unit(Unit::Failed(err.with_path(&**source).with_line(*line)));
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return LineRead::Unit(Unit::JsonLine {
                    source: source.clone(),
                    line: *line,
                    bytes: buf,
                });
            }
            Err(e) => {
                // A truncated .gz or a read error: the rest of the file is lost. Report it
                // once, with the line where reading stopped, and go on with the next input.
                let err = Error::from(e).with_path(&**source).with_line(*line);
                return LineRead::Last(Unit::Failed(err));
            }
        }
    }
}

/// `reader.read_until(b'\n', buf)`, with the newline found by [`newline_in`] instead of the
/// standard library's word-at-a-time search, and with `buf` kept to `room` bytes: the bytes
/// up to and with the next newline (or to the end) appended to `buf` as far as they fit in
/// `room`, the rest consumed and dropped, and the number of bytes read (more than were kept
/// when some were dropped); an interrupted read is retried, any other error returned with
/// what was read so far left in `buf`.
fn read_line_into(reader: &mut dyn BufRead, buf: &mut Vec<u8>, room: usize) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (done, used) = match newline_in(available) {
            Some(at) => (true, at + 1),
            None => (false, available.len()),
        };
        let kept = used.min(room.saturating_sub(buf.len()));
        buf.extend_from_slice(&available[..kept]);
        reader.consume(used);
        read += used;
        if done || used == 0 {
            return Ok(read);
        }
    }
}

/// The index of the first newline in `bytes`, found by `memchr`, which tests 32 bytes per
/// instruction with AVX2 where the processor has it: about half the instructions of a loop of
/// SSE2 compares over blocks of 32 (callgrind, 5 MB corpus).
fn newline_in(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', bytes)
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Read};

    use proptest::prelude::*;

    use super::*;
    use crate::corpus::Fields;

    /// Lines are read into the buffers handed back by [`Units::recycle`], whatever those
    /// held before, and come out as they are in the file; at most [`SPARE_BUFFERS`] buffers
    /// of at most [`SPARE_ROOM`] bytes are kept.
    #[test]
    fn recycled_buffers_take_the_next_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let lines: Vec<String> = (0..40)
            .map(|i| format!(r#"{{"text": "{}"}}"#, "x".repeat(i * 7 % 50)))
            .collect();
        fs::write(&path, lines.join("\n\n") + "\n").unwrap();
        let mut units = Units::new(vec![Input::Path(path)]);
        // Buffers full of other bytes, with room for any of the lines (at most 62 bytes).
        let dirty: Vec<Vec<u8>> = (0..10).map(|i| vec![b'#'; 64 + 30 * i]).collect();
        let at: Vec<*const u8> = dirty.iter().map(|b| b.as_ptr()).collect();
        units.recycle(dirty);
        // Every unit is kept, so that no two buffers share an address.
        let read: Vec<Unit> = units.by_ref().collect();
        assert_eq!(read.len(), lines.len());
        let mut reused = 0;
        for (i, unit) in read.iter().enumerate() {
            let Unit::JsonLine { bytes, line, .. } = unit else {
                panic!("{unit:?}");
            };
            assert_eq!(bytes, lines[i].as_bytes(), "line {line}");
            assert_eq!(*line, 2 * i as u64 + 1);
            reused += usize::from(at.contains(&bytes.as_ptr()));
        }
        assert_eq!(reused, 10);
        units.recycle((0..2 * SPARE_BUFFERS).map(|_| Vec::with_capacity(100)));
        units.recycle([Vec::with_capacity(SPARE_ROOM + 1)]);
        assert_eq!(units.spare.len(), SPARE_BUFFERS);
        assert!(units.spare.iter().all(|b| b.capacity() <= SPARE_ROOM));
    }

    /// A directory is walked depth first in path order, into subdirectories and through
    /// links to files and directories, as `fs::metadata` sees them; files that are no corpus
    /// files are passed over, and a link that leads nowhere is reported.
    #[cfg(unix)]
    #[test]
    fn a_walk_follows_directories_and_links() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let (root, elsewhere) = (dir.path().join("root"), dir.path().join("elsewhere"));
        for d in [&root.join("2024/01"), &root.join("2024/02"), &elsewhere] {
            fs::create_dir_all(d).unwrap();
        }
        for (rel, text) in [
            ("root/2024/01/a.txt", "a"),
            ("root/2024/01/b.txt", "b"),
            ("root/2024/01/notes.md", "n"),
            ("root/2024/02/c.txt", "c"),
            ("root/z.txt", "z"),
            ("elsewhere/d.txt", "d"),
            ("elsewhere/e.txt", "e"),
        ] {
            fs::write(dir.path().join(rel), text).unwrap();
        }
        symlink(&elsewhere, root.join("2024/03")).unwrap();
        symlink(elsewhere.join("e.txt"), root.join("2024/e-link.txt")).unwrap();
        symlink(dir.path().join("gone.txt"), root.join("2024/gone.txt")).unwrap();
        let fields = Fields::default();
        let walked: Vec<String> = Units::new(vec![Input::Path(root)])
            .map(|u| match u.load(&fields) {
                Ok(doc) => format!("{} {}", doc.id, doc.text),
                Err(e) => match e.kind() {
                    ErrorKind::Io(io) => format!("error {:?}", io.kind()),
                    other => format!("error {other}"),
                },
            })
            .collect();
        let want = [
            "2024/01/a.txt a",
            "2024/01/b.txt b",
            "2024/02/c.txt c",
            "2024/03/d.txt d",
            "2024/03/e.txt e",
            "2024/e-link.txt e",
            "error NotFound",
            "z.txt z",
        ];
        assert_eq!(walked, want);
    }

    /// A reader that hands out `data` a few bytes at a time, so that lines span its buffer,
    /// and fails with `error` (once, then goes on) when it reaches `fail_at`.
    struct Trickle {
        data: Vec<u8>,
        pos: usize,
        step: usize,
        fail_at: Option<(usize, io::ErrorKind)>,
    }

    impl Read for Trickle {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if let Some((at, kind)) = self.fail_at {
                if self.pos >= at {
                    self.fail_at = None;
                    return Err(io::Error::new(kind, "planned"));
                }
            }
            let end = (self.pos + self.step)
                .min(self.data.len())
                .min(self.pos + out.len());
            let end = self
                .fail_at
                .map_or(end, |(at, _)| end.min(at.max(self.pos + 1)));
            let n = end.saturating_sub(self.pos);
            out[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }

    /// The lines `read_until` and [`read_line_into`] read from `data`, each call's result and
    /// buffer, until the input ends or fails.
    fn lines_read(
        data: &[u8],
        step: usize,
        capacity: usize,
        fail_at: Option<(usize, io::ErrorKind)>,
        ours: bool,
    ) -> Vec<(std::result::Result<usize, io::ErrorKind>, Vec<u8>)> {
        let trickle = Trickle {
            data: data.to_vec(),
            pos: 0,
            step,
            fail_at,
        };
        let mut reader = BufReader::with_capacity(capacity, trickle);
        let mut calls = Vec::new();
        loop {
            let mut buf = Vec::new();
            let got = if ours {
                read_line_into(&mut reader, &mut buf, usize::MAX)
            } else {
                reader.read_until(b'\n', &mut buf)
            };
            let got = got.map_err(|e| e.kind());
            let end =
                matches!(got, Ok(0) | Err(_)) && !matches!(got, Err(io::ErrorKind::Interrupted));
            calls.push((got, buf));
            if end || calls.len() > data.len() + 4 {
                return calls;
            }
        }
    }

    #[test]
    fn newline_in_finds_the_first_newline_anywhere() {
        for len in 0..100 {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b'\n';
                assert_eq!(newline_in(&bytes), Some(at));
                bytes[len - 1] = b'\n';
                assert_eq!(newline_in(&bytes), Some(at));
            }
            assert_eq!(newline_in(&vec![0x8a; len]), None);
        }
    }

    proptest! {
        #[test]
        fn reads_lines_as_read_until_does(
            pieces in prop::collection::vec(
                prop::sample::select(vec![&b"\n"[..], b"\r\n", b"a", b"abcdefghijklmnopqrstuvwxyz0123456789", b"\xc3\xa6", b"\x8a", b" "]),
                0..40,
            ),
            step in 1usize..50,
            capacity in 1usize..70,
            fail in proptest::option::of((any::<prop::sample::Index>(), prop::sample::select(vec![io::ErrorKind::Interrupted, io::ErrorKind::UnexpectedEof]))),
        ) {
            let data = pieces.concat();
            let fail_at = fail.map(|(at, kind)| (at.index(data.len() + 1), kind));
            prop_assert_eq!(
                lines_read(&data, step, capacity, fail_at, true),
                lines_read(&data, step, capacity, fail_at, false)
            );
        }

        #[test]
        fn newline_in_agrees_with_a_byte_search(
            bytes in prop::collection::vec(prop::sample::select(vec![b'a', b'\n', b'\r', 0x8a, 0x0b]), 0..120),
        ) {
            prop_assert_eq!(newline_in(&bytes), bytes.iter().position(|&b| b == b'\n'));
        }
    }
}
