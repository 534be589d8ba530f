//! Files and standard input as bytes: which files in a directory are corpus files, how a file
//! is opened (gunzipped or not, whole or by lines), a text file read whole within the limit on
//! a document's size, standard input told apart as JSON Lines or one text, and a path as a doc
//! id. Kept apart from [`Units`](super::Units), which decides what is read when: these are
//! the reads themselves, a text file's done later, on a tagging thread, by
//! [`Unit::load`](super::Unit::load).

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use super::BOM;
use crate::error::{Error, ErrorKind, Result};
use crate::gzip::Members;

fn is_gz(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "gz")
}

/// The name without a trailing `.gz`, lowercased, for telling `.txt` from `.jsonl`.
fn inner_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.strip_suffix(".gz").map(String::from).unwrap_or(name)
}

pub(super) fn is_jsonl(path: &Path) -> bool {
    let n = inner_name(path);
    n.ends_with(".jsonl") || n.ends_with(".ndjson")
}

/// Whether a file found inside a directory is part of the corpus.
pub(super) fn is_corpus_file(path: &Path) -> bool {
    let n = inner_name(path);
    n.ends_with(".txt") || n.ends_with(".jsonl") || n.ends_with(".ndjson")
}

/// All of the file at `path` (decompressed if it is gzipped), at most `max_bytes` of it: a
/// longer document is an error, found without holding more than `max_bytes` (a gzip bomb
/// inflates no further). `size` is the file's size, where the walk knows it.
///
/// A plain file is read into this thread's [`READ_BUFFER`] through `take`, whose
/// `read_to_end` does not ask the file for its size and position (system calls that count in
/// a directory of many small files): an article fits the buffer, so it takes two reads, the
/// second finding the end. The bytes are then copied into a vector of their own size. A file
/// known to be larger than the buffer is read straight into a vector of its size.
pub(super) fn read_file(path: &Path, size: Option<u64>, max_bytes: u64) -> Result<Vec<u8>> {
    let gz = is_gz(path);
    if !gz && size.is_some_and(|s| s > max_bytes) {
        return Err(Error::new(ErrorKind::TooLarge { limit: max_bytes }));
    }
    let file = File::open(path)?;
    if gz {
        let mut bytes = Vec::new();
        read_capped(Members::new(BufReader::new(file)), &mut bytes, max_bytes)?;
        return Ok(bytes);
    }
    if let Some(size) = size.filter(|&s| s > READ_BUFFER_ROOM as u64) {
        // Within `max_bytes`, checked above, which the caller can hold.
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        read_capped(file, &mut bytes, max_bytes)?;
        return Ok(bytes);
    }
    READ_BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        let read = read_capped(file, buffer, max_bytes);
        if buffer.capacity() > READ_BUFFER_ROOM {
            // A file too big for the buffer is handed over rather than copied, and the buffer
            // starts afresh: it never keeps more than its usual room between files.
            let mut whole = std::mem::replace(buffer, Vec::with_capacity(READ_BUFFER_ROOM));
            read?;
            whole.shrink_to_fit();
            return Ok(whole);
        }
        read?;
        Ok(buffer.as_slice().to_vec())
    })
}

/// Appends what `reader` gives to `buf`, up to its end, or fails as soon as it gives more than
/// `max_bytes`: no more than `max_bytes` are ever held.
fn read_capped(mut reader: impl Read, buf: &mut Vec<u8>, max_bytes: u64) -> Result<()> {
    let read = (&mut reader).take(max_bytes).read_to_end(buf)?;
    if (read as u64) < max_bytes {
        return Ok(());
    }
    // Exactly `max_bytes` so far: the document fits only if nothing follows.
    let mut probe = [0u8; 1];
    loop {
        match reader.read(&mut probe) {
            Ok(0) => return Ok(()),
            Ok(_) => return Err(Error::new(ErrorKind::TooLarge { limit: max_bytes })),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        }
    }
}

/// Bytes of room in [`READ_BUFFER`]: more than a long article.
const READ_BUFFER_ROOM: usize = 64 << 10;

thread_local! {
    /// What [`read_file`] reads a plain file into, kept from file to file.
    static READ_BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(READ_BUFFER_ROOM));
}

/// A path as a doc id, losslessly: the path's text where it is UTF-8, each byte that is not
/// part of UTF-8 as `\xHH` (two uppercase hex digits), and a backslash doubled, so that the
/// id can be turned back into the exact path. File names that are not UTF-8 are rare
/// (archives from old systems in Latin-1), but two of them must not become the same id.
#[cfg(unix)]
pub fn path_id(path: &Path) -> String {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt;
    let mut id = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                id.push('\\');
            }
            id.push(c);
        }
        for b in chunk.invalid() {
            let _ = write!(id, "\\x{b:02X}");
        }
    }
    id
}

/// A path as a doc id: its text, with characters it cannot hold replaced (names that are not
/// Unicode are not kept losslessly on this system).
#[cfg(not(unix))]
pub fn path_id(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The bytes of `path`, gunzipped if it is a `.gz`, unbuffered: for a live input's thread,
/// which buffers them itself.
pub(super) fn open_raw(path: &Path) -> Result<Box<dyn Read + Send>> {
    let file = File::open(path)?;
    Ok(if is_gz(path) {
        Box::new(Members::new(BufReader::with_capacity(1 << 16, file)))
    } else {
        Box::new(file)
    })
}

pub(super) fn open_lines(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)?;
    Ok(if is_gz(path) {
        let members = Members::new(BufReader::with_capacity(1 << 16, file));
        Box::new(BufReader::with_capacity(1 << 16, members))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    })
}

pub(super) enum StdinInput {
    Text(Vec<u8>),
    /// JSON Lines: the bytes of standard input from the start, unbuffered.
    Lines(Box<dyn Read + Send>),
}

/// Looks at standard input's first non-blank byte after an optional byte-order mark: `{`
/// means JSON Lines, read lazily; anything else is one text document of at most `max_bytes`.
pub(super) fn read_stdin(max_bytes: u64) -> Result<StdinInput> {
    let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
    let mut head = Vec::new();
    let json = loop {
        if let Some(json) = starts_json(&head) {
            break json;
        }
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break false;
        }
        head.extend_from_slice(buf);
        let used = buf.len();
        reader.consume(used);
        if head.len() as u64 > max_bytes {
            // Blanks all the way: no document, but no end to them either.
            return Err(Error::new(ErrorKind::TooLarge { limit: max_bytes }));
        }
    };
    if json {
        let chained = io::Cursor::new(head).chain(reader);
        return Ok(StdinInput::Lines(Box::new(chained)));
    }
    let rest = max_bytes.saturating_sub(head.len() as u64);
    read_capped(reader, &mut head, rest).map_err(|e| match e.kind() {
        // Too large for what was left: say so for the whole.
        ErrorKind::TooLarge { .. } => Error::new(ErrorKind::TooLarge { limit: max_bytes }),
        _ => e,
    })?;
    Ok(StdinInput::Text(head))
}

/// Whether input beginning with `head` is JSON Lines (its first non-blank byte after an
/// optional byte-order mark is `{`), or `None` while `head` holds only blanks or part of a
/// byte-order mark.
fn starts_json(head: &[u8]) -> Option<bool> {
    if head.len() < BOM.len() && BOM.starts_with(head) {
        return None;
    }
    let rest = head.strip_prefix(BOM).unwrap_or(head);
    let first = rest.iter().find(|b| !b.is_ascii_whitespace())?;
    Some(*first == b'{')
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// Files of any size are read whole, one after another on one thread: nothing of a file
    /// read before shows in the next, and after a file bigger than the read buffer the buffer
    /// is back to its usual room.
    #[test]
    fn text_files_are_read_whole_whatever_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let room = READ_BUFFER_ROOM;
        let sizes = [
            10_000,
            0,
            1,
            room - 1,
            room,
            room + 1,
            3 * room,
            17,
            2 * room,
            5,
        ];
        for (n, size) in sizes.into_iter().enumerate() {
            let path = dir.path().join(format!("{n}.txt"));
            let body: Vec<u8> = (0..size).map(|i| b'a' + ((i + n) % 26) as u8).collect();
            fs::write(&path, &body).unwrap();
            let read = read_file(&path, None, u64::MAX).unwrap();
            assert!(read == body, "size {size}: {} bytes read", read.len());
            let kept = READ_BUFFER.with_borrow(Vec::capacity);
            assert!(
                kept <= room,
                "size {size}: the buffer keeps {kept} bytes of room"
            );
        }
        let missing = read_file(&dir.path().join("missing.txt"), None, u64::MAX).unwrap_err();
        assert!(
            matches!(missing.kind(), ErrorKind::Io(e) if e.kind() == io::ErrorKind::NotFound),
            "{missing}"
        );
    }
}
