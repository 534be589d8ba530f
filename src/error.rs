//! Errors that carry the file and line they happened at.
//!
//! Every error navne reports names where it happened, so that a user with a corpus of a million
//! files can find the one bad line. The shape follows ripgrep's `ignore::Error::WithPath` /
//! `WithLineNumber`: a kind plus an optional path and line.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What went wrong, without saying where.
#[derive(Debug)]
pub enum ErrorKind {
    /// Reading or writing failed.
    Io(io::Error),
    /// The bytes are not valid UTF-8.
    InvalidUtf8,
    /// A JSON line does not parse, or lacks a required field.
    Json(String),
    /// A gazetteer file breaks the format (too few columns, empty name, duplicate id, …).
    Gazetteer(String),
    /// A gazetteer directory or file is unusable as a whole (missing, holds no entries).
    GazetteerFile(String),
    /// A gold-standard file breaks the IOB/CoNLL format.
    Gold(String),
    /// A document's date is not a real day or month in the accepted form.
    Date {
        /// The date as written (a JSON value in JSON's notation).
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A document is longer than the limit on one document's size.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A symbolic link leads back to a directory that is being walked; following it would
    /// walk the same files again and again.
    LinkLoop {
        /// The directory the link leads back to.
        ancestor: PathBuf,
    },
    /// A directory holds a FIFO, socket or device under a corpus file's name: reading it
    /// could block for ever.
    NotRegular {
        /// What it is (`a FIFO`, `a socket`, …).
        what: &'static str,
    },
}

/// An error with the path and (1-based) line it happened at, where known.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<u64>,
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error of `kind` with no location yet.
    pub fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            path: None,
            line: None,
        }
    }

    /// Attaches the file the error happened in.
    pub fn with_path(mut self, path: impl AsRef<Path>) -> Error {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Attaches the 1-based line the error happened on.
    pub fn with_line(mut self, line: u64) -> Error {
        self.line = Some(line);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file, if known.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line, if known.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// Shorthand for a gazetteer format error.
    pub(crate) fn gazetteer(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Gazetteer(msg.into()))
    }

    /// Shorthand for an unusable gazetteer directory or file.
    pub(crate) fn gazetteer_file(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::GazetteerFile(msg.into()))
    }

    /// Shorthand for a gold-standard format error.
    pub(crate) fn gold(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::Gold(msg.into()))
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::new(ErrorKind::Io(e))
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Io(e) => write!(f, "{e}"),
            ErrorKind::InvalidUtf8 => write!(f, "not valid UTF-8"),
            ErrorKind::Json(m) => write!(f, "bad JSON line: {m}"),
            ErrorKind::Gazetteer(m) => write!(f, "bad gazetteer row: {m}"),
            ErrorKind::GazetteerFile(m) => write!(f, "{m}"),
            ErrorKind::Gold(m) => write!(f, "bad gold annotation: {m}"),
            ErrorKind::Date { value, reason } => write!(f, "bad date {value}: {reason}"),
            ErrorKind::TooLarge { limit } => write!(
                f,
                "document larger than {}, the most one document may have (--max-doc-mb)",
                megabytes(*limit)
            ),
            ErrorKind::LinkLoop { ancestor } => write!(
                f,
                "link back to {}, which is being walked (a file system loop); not followed",
                ancestor.display()
            ),
            ErrorKind::NotRegular { what } => write!(f, "{what}, not a regular file; not read"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), Some(l)) => write!(f, "{}:{}: {}", p.display(), l, self.kind),
            (Some(p), None) => write!(f, "{}: {}", p.display(), self.kind),
            (None, Some(l)) => write!(f, "line {}: {}", l, self.kind),
            (None, None) => write!(f, "{}", self.kind),
        }
    }
}

/// `limit` bytes in MB (10^6 bytes) when it is a whole number of them, else in bytes.
fn megabytes(limit: u64) -> String {
    if limit % 1_000_000 == 0 {
        format!("{} MB", limit / 1_000_000)
    } else {
        format!("{limit} bytes")
    }
}

impl std::error::Error for Error {
    /// The I/O error's own cause, not the I/O error itself: its message is already part of
    /// this error's, and a chain that gave both would say it twice (`anyhow`'s `{:#}` prints
    /// every link).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => e.source(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let e = Error::gazetteer("empty name")
            .with_path("g/places.tsv")
            .with_line(7);
        assert_eq!(
            e.to_string(),
            "g/places.tsv:7: bad gazetteer row: empty name"
        );
    }

    /// An I/O error is said once, with its path, however the chain is printed.
    #[test]
    fn an_io_error_is_said_once() {
        let io = io::Error::from(io::ErrorKind::NotFound);
        let e = anyhow::Error::from(Error::from(io).with_path("nope.txt"));
        let said = format!("{e:#}");
        assert_eq!(said.matches("not found").count(), 1, "{said}");
        assert!(said.starts_with("nope.txt: "), "{said}");
    }

    #[test]
    fn limits_in_megabytes() {
        let e = Error::new(ErrorKind::TooLarge { limit: 1_000_000 });
        assert!(e.to_string().contains("larger than 1 MB"), "{e}");
        let e = Error::new(ErrorKind::TooLarge { limit: 1500 });
        assert!(e.to_string().contains("larger than 1500 bytes"), "{e}");
    }
}
