//! Directory walks: the corpus files under a directory, depth first in path order.
//!
//! Symbolic links are followed, to files and to directories, as everywhere else in navne. A
//! link back to a directory the walk is inside of (`ln -s .. sub/up`) would walk the same files
//! again and again, so, as walkdir does, the walk keeps the identity (device and inode) of
//! every directory from the root down to the one it lists, and reports a directory that is
//! already among them instead of entering it. A link to a directory elsewhere, even one
//! walked before, is walked like any directory.
//!
//! Only regular files are read: a FIFO, socket or device under a corpus file's name is
//! reported, since opening a FIFO that no one writes to blocks for ever.

use std::fs::{self, DirEntry, FileType, Metadata};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};

/// A corpus file the walk found.
#[derive(Debug)]
pub(crate) struct Found {
    /// Where it is.
    pub path: PathBuf,
    /// Its size in bytes (of the file itself: compressed, for a `.gz`).
    pub size: u64,
}

/// The files under one directory, walked lazily: an iterator of the files `wanted` accepts,
/// and of the entries that could not be walked or read, each reported once.
pub(crate) struct Walk {
    root: PathBuf,
    /// The directories from the root down to the one being listed.
    stack: Vec<Dir>,
    wanted: fn(&Path) -> bool,
}

/// A directory on the walk's path.
struct Dir {
    path: PathBuf,
    id: DirId,
    /// Entries not yet visited, sorted and reversed, so that `pop` yields them in order.
    entries: Vec<Entry>,
}

/// An entry of a listed directory.
struct Entry {
    path: PathBuf,
    /// Kept for its metadata, which the system finds from the open directory, not by
    /// walking the whole path again.
    dir_entry: DirEntry,
    /// The type the listing gave; `None` where it gave none.
    file_type: Option<FileType>,
}

impl Walk {
    /// A walk of `root`, a directory whose metadata is `meta`, yielding the files `wanted`
    /// accepts; lists `root` at once.
    pub fn new(root: PathBuf, meta: &Metadata, wanted: fn(&Path) -> bool) -> Result<Walk> {
        let id = dir_id(&root, meta).map_err(|e| Error::from(e).with_path(&root))?;
        let entries = sorted_dir(&root).map_err(|e| e.with_path(&root))?;
        let dir = Dir {
            path: root.clone(),
            id,
            entries,
        };
        Ok(Walk {
            root,
            stack: vec![dir],
            wanted,
        })
    }

    /// The directory walked.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What `entry` gives: a file, an error, or nothing (a directory entered, or a file that
    /// is not wanted).
    fn visit(&mut self, entry: Entry) -> Option<Result<Found>> {
        let listed = entry.file_type.filter(|t| !t.is_symlink());
        if listed.is_some_and(|t| t.is_file()) {
            // Most entries: the listing says it is a regular file, so only a wanted one is
            // asked for its size.
            if !(self.wanted)(&entry.path) {
                return None;
            }
            return Some(match entry.dir_entry.metadata() {
                Ok(m) => Ok(Found {
                    size: m.len(),
                    path: entry.path,
                }),
                Err(e) => Err(Error::from(e).with_path(&entry.path)),
            });
        }
        let wanted = (self.wanted)(&entry.path);
        if listed.is_some_and(|t| !t.is_dir()) && !wanted {
            return None;
        }
        // A directory, a link or an entry of unknown type: what it leads to.
        let meta = match fs::metadata(&entry.path) {
            Ok(m) => m,
            Err(e) if wanted => return Some(Err(Error::from(e).with_path(&entry.path))),
            // A link that leads nowhere, under a name that is no corpus file's.
            Err(_) => return None,
        };
        if meta.is_dir() {
            return self.enter(entry.path, &meta).err().map(Err);
        }
        if !wanted {
            return None;
        }
        if !meta.is_file() {
            let what = special_kind(&meta.file_type());
            return Some(Err(
                Error::new(ErrorKind::NotRegular { what }).with_path(&entry.path)
            ));
        }
        Some(Ok(Found {
            size: meta.len(),
            path: entry.path,
        }))
    }

    /// Lists the directory at `path` and walks into it, unless it is one the walk is inside
    /// of already.
    fn enter(&mut self, path: PathBuf, meta: &Metadata) -> Result<()> {
        let id = dir_id(&path, meta).map_err(|e| Error::from(e).with_path(&path))?;
        if let Some(ancestor) = self.stack.iter().find(|d| d.id == id) {
            let ancestor = ancestor.path.clone();
            return Err(Error::new(ErrorKind::LinkLoop { ancestor }).with_path(&path));
        }
        let entries = sorted_dir(&path).map_err(|e| e.with_path(&path))?;
        self.stack.push(Dir { path, id, entries });
        Ok(())
    }
}

impl Iterator for Walk {
    type Item = Result<Found>;

    fn next(&mut self) -> Option<Result<Found>> {
        loop {
            let dir = self.stack.last_mut()?;
            let Some(entry) = dir.entries.pop() else {
                self.stack.pop();
                continue;
            };
            if let Some(found) = self.visit(entry) {
                return Some(found);
            }
        }
    }
}

/// What a directory is, for telling whether a walk is inside it already: its device and
/// inode, which every path to it shares.
#[cfg(unix)]
type DirId = (u64, u64);

#[cfg(unix)]
fn dir_id(_path: &Path, meta: &Metadata) -> io::Result<DirId> {
    use std::os::unix::fs::MetadataExt;
    Ok((meta.dev(), meta.ino()))
}

/// What a directory is: its canonical path, where the system gives no inode numbers.
#[cfg(not(unix))]
type DirId = PathBuf;

#[cfg(not(unix))]
fn dir_id(path: &Path, _meta: &Metadata) -> io::Result<DirId> {
    fs::canonicalize(path)
}

/// What a file that is neither a directory nor a regular file is, for messages.
fn special_kind(t: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    let _ = t;
    "a special file"
}

/// The entries of `dir`, sorted by name and reversed (so `pop` yields them in order).
///
/// All entries share the parent `dir`, so their order as paths is the order of their names:
/// those are compared as plain bytes, not component by component (a directory of tens of
/// thousands of articles is sorted many times faster). Their types come with the listing on
/// most file systems, so telling files from directories asks nothing more of the system.
fn sorted_dir(dir: &Path) -> Result<Vec<Entry>> {
    let mut entries = fs::read_dir(dir)?
        .map(|e| {
            e.map(|e| {
                let entry = Entry {
                    path: e.path(),
                    file_type: e.file_type().ok(),
                    dir_entry: e,
                };
                (entry.dir_entry.file_name(), entry)
            })
        })
        .collect::<io::Result<Vec<_>>>()?;
    // Names in one directory are distinct: an unstable sort gives the one order.
    entries.sort_unstable_by(|(a, _), (b, _)| b.cmp(a));
    Ok(entries.into_iter().map(|(_, entry)| entry).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_file(_: &Path) -> bool {
        true
    }

    fn txt(path: &Path) -> bool {
        path.extension().is_some_and(|e| e == "txt")
    }

    /// The walk of `root` as `relative path size` lines, or `error …` lines.
    fn walked(root: &Path, wanted: fn(&Path) -> bool) -> Vec<String> {
        let meta = fs::metadata(root).unwrap();
        Walk::new(root.to_path_buf(), &meta, wanted)
            .unwrap()
            .map(|found| match found {
                Ok(f) => format!(
                    "{} {}",
                    f.path.strip_prefix(root).unwrap().display(),
                    f.size
                ),
                Err(e) => format!(
                    "error {}",
                    e.to_string().replace(&*root.to_string_lossy(), "")
                ),
            })
            .collect()
    }

    /// Names sorted as bytes give the order of the paths themselves.
    #[test]
    fn directory_entries_come_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b", "a.txt", "a", "B", "æ", "a-b", "a b", "10", "9", "Å.txt",
        ] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        let mut want: Vec<PathBuf> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        want.sort();
        want.reverse();
        let listed = sorted_dir(dir.path()).unwrap();
        assert!(listed.iter().all(|e| e.file_type.unwrap().is_file()));
        let got: Vec<PathBuf> = listed.into_iter().map(|e| e.path).collect();
        assert_eq!(got, want);
    }

    /// A link back up the tree is reported once, where it is met, and the rest of the tree
    /// is walked once; two such links do not multiply each other.
    #[cfg(unix)]
    #[test]
    fn links_back_up_the_tree_are_not_followed() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub/deeper")).unwrap();
        fs::write(root.join("a.txt"), "a").unwrap();
        fs::write(root.join("sub/b.txt"), "bb").unwrap();
        symlink("..", root.join("sub/up")).unwrap();
        symlink("../..", root.join("sub/deeper/top")).unwrap();
        symlink(".", root.join("sub/here")).unwrap();
        let want = [
            "a.txt 1",
            "sub/b.txt 2",
            "error /sub/deeper/top: link back to , which is being walked (a file system loop); not followed",
            "error /sub/here: link back to /sub, which is being walked (a file system loop); not followed",
            "error /sub/up: link back to , which is being walked (a file system loop); not followed",
        ];
        assert_eq!(walked(root, txt), want);
    }

    /// A link to a directory outside the walk, or to one walked before but not above the
    /// link, is walked like any directory.
    #[cfg(unix)]
    #[test]
    fn links_across_the_tree_are_followed() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        fs::create_dir_all(root.join("a")).unwrap();
        fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
        fs::write(root.join("a/x.txt"), "x").unwrap();
        fs::write(dir.path().join("elsewhere/y.txt"), "yy").unwrap();
        symlink(root.join("a"), root.join("b")).unwrap();
        symlink(dir.path().join("elsewhere"), root.join("c")).unwrap();
        assert_eq!(walked(&root, txt), ["a/x.txt 1", "b/x.txt 1", "c/y.txt 2"]);
    }

    /// A FIFO under a corpus file's name is reported, not opened; under another name it is
    /// passed over like any file that is no corpus file.
    #[cfg(unix)]
    #[test]
    fn special_files_are_reported_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("a.txt"), "a").unwrap();
        for name in ["fifo.txt", "fifo.md"] {
            let made = std::process::Command::new("mkfifo")
                .arg(root.join(name))
                .status()
                .unwrap();
            assert!(made.success());
        }
        let want = [
            "a.txt 1",
            "error /fifo.txt: a FIFO (named pipe), not a regular file; not read",
        ];
        assert_eq!(walked(root, txt), want);
        assert_eq!(walked(root, any_file).len(), 3);
    }
}
