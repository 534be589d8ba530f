//! Output files that appear only when complete.
//!
//! [`AtomicFile`] writes to a temporary file in the destination's directory and renames it over
//! the destination on [`AtomicFile::commit`], so an interrupted run never leaves a truncated
//! file that looks finished. Dropped without a commit, it removes the temporary file.
//!
//! A destination that exists and is not a regular file — `/dev/null`, a named pipe, a
//! terminal — is written directly: renaming a file over it would replace the device or pipe
//! itself. A symbolic link is followed, so the file it points to is replaced, not the link.
//!
//! A file that replaces an existing one keeps its permissions, as an editor's save does: a
//! private `0600` file stays private. The temporary file is never readable by more people
//! than the old file was, not even while it is written.
//!
//! The temporary name is `.NAME.navne-tmp-PID`; it is created anew (never opened if it
//! exists), so a file of that name left by a run that was killed outright, or written by a run
//! in another PID namespace, is never overwritten or appended to: the next free
//! `.NAME.navne-tmp-PID-N` is taken instead.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// How many temporary names [`AtomicFile::create`] tries before it gives up: more stale files
/// of one name and process id than this are no accident.
const TEMP_NAME_TRIES: u32 = 100;

/// A file written under a temporary name and renamed into place when complete.
pub struct AtomicFile {
    /// Where the finished file goes, and the temporary file written until then; `None` when
    /// the destination is written directly.
    rename: Option<(PathBuf, PathBuf)>,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file next to `dest` (or opens `dest` itself when it is not a
    /// regular file).
    pub fn create(dest: &Path) -> io::Result<AtomicFile> {
        let dest = match fs::symlink_metadata(dest) {
            Ok(m) if m.file_type().is_symlink() => fs::canonicalize(dest)?,
            _ => dest.to_path_buf(),
        };
        if fs::metadata(&dest).is_ok_and(|m| !m.is_file()) {
            let file = OpenOptions::new().write(true).open(&dest)?;
            return Ok(AtomicFile {
                rename: None,
                file: Some(BufWriter::with_capacity(1 << 16, file)),
            });
        }
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dest.file_name().ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "output path has no file name")
        })?;
        let old = fs::metadata(&dest).ok().map(|m| m.permissions());
        let (temp, file) = create_temp(&dir, &name.to_string_lossy(), old.as_ref())?;
        Ok(AtomicFile {
            rename: Some((dest, temp)),
            file: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flushes, syncs and renames the temporary file over the destination. On failure the
    /// temporary file is removed and the destination is left as it was.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("file is present until commit");
        let finished = finish(file, self.rename.as_ref());
        if finished.is_err() {
            if let Some((_, temp)) = &self.rename {
                let _ = fs::remove_file(temp);
            }
        }
        finished
    }

    /// The temporary path being written, if the destination is a regular file.
    pub fn temp_path(&self) -> Option<&Path> {
        self.rename.as_ref().map(|(_, temp)| temp.as_path())
    }
}

/// Flushes `file`, and when it is a temporary file, syncs it and renames it to its destination.
fn finish(file: BufWriter<File>, rename: Option<&(PathBuf, PathBuf)>) -> io::Result<()> {
    let file = file.into_inner().map_err(|e| e.into_error())?;
    let Some((dest, temp)) = rename else {
        return Ok(());
    };
    file.sync_all()?;
    drop(file);
    fs::rename(temp, dest)
}

/// Creates a new temporary file for `name` in `dir` under the first free name; with the
/// permissions `old` of the file it will replace, if any.
fn create_temp(
    dir: &Path,
    name: &str,
    old: Option<&fs::Permissions>,
) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut tries = 0;
    loop {
        let temp = match tries {
            0 => dir.join(format!(".{name}.navne-tmp-{pid}")),
            n => dir.join(format!(".{name}.navne-tmp-{pid}-{n}")),
        };
        match create_new(&temp, old) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries + 1 < TEMP_NAME_TRIES => {
                tries += 1;
            }
            Err(e) => return Err(e),
            Ok(file) => return Ok((temp, file)),
        }
    }
}

/// Creates `path`, which must not exist, with the permissions `old` (or the default ones).
#[cfg(unix)]
fn create_new(path: &Path, old: Option<&fs::Permissions>) -> io::Result<File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    let Some(old) = old else {
        return options.open(path);
    };
    // Created with no more than the old permissions (the umask may take some away), so the
    // rows are never readable by others while they are written; then set exactly.
    let file = options.mode(old.mode() & 0o777).open(path)?;
    if let Err(e) = file.set_permissions(old.clone()) {
        let _ = fs::remove_file(path);
        return Err(e);
    }
    Ok(file)
}

/// Creates `path`, which must not exist, with the default permissions.
#[cfg(not(unix))]
fn create_new(path: &Path, _old: Option<&fs::Permissions>) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file
            .as_mut()
            .expect("file is present until commit")
            .write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file
            .as_mut()
            .expect("file is present until commit")
            .write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file
            .as_mut()
            .expect("file is present until commit")
            .flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let (Some(_), Some((_, temp))) = (self.file.take(), &self.rename) {
            let _ = fs::remove_file(temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"a,b\n").unwrap();
        assert!(!dest.exists());
        assert!(f.temp_path().unwrap().exists());
        f.commit().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"a,b\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn dropped_leaves_nothing_and_keeps_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        fs::write(&dest, "old").unwrap();
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"half a ro").unwrap();
        drop(f);
        assert_eq!(fs::read(&dest).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temporary_files_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        let stale = dir
            .path()
            .join(format!(".out.csv.navne-tmp-{}", std::process::id()));
        fs::create_dir(&stale).unwrap();
        let mut f = AtomicFile::create(&dest).unwrap();
        assert_ne!(f.temp_path().unwrap(), stale);
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"new");
        assert!(stale.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        fs::write(&dest, "old").unwrap();
        for mode in [0o600, 0o640, 0o664, 0o400] {
            fs::set_permissions(&dest, fs::Permissions::from_mode(mode)).unwrap();
            let mut f = AtomicFile::create(&dest).unwrap();
            let temp = f.temp_path().unwrap().to_path_buf();
            assert_eq!(
                fs::metadata(&temp).unwrap().permissions().mode() & 0o777,
                mode
            );
            f.write_all(b"new").unwrap();
            f.commit().unwrap();
            let got = fs::metadata(&dest).unwrap().permissions().mode() & 0o777;
            assert_eq!(got, mode, "{mode:o}");
            assert_eq!(fs::read(&dest).unwrap(), b"new");
        }
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let mut f = AtomicFile::create(Path::new("/dev/null")).unwrap();
        assert!(f.temp_path().is_none());
        f.write_all(b"x").unwrap();
        f.commit().unwrap();
        assert!(fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let mut f = AtomicFile::create(&link).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }
}
