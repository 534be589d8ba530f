//! Output files that appear only when complete.
//!
//! [`AtomicFile`] writes to a temporary file in the destination's directory and renames it over
//! the destination on [`AtomicFile::commit`], so an interrupted run never leaves a truncated
//! file that looks finished. Dropped without a commit, it removes the temporary file.
//!
//! A destination that exists and is not a regular file — `/dev/null`, a named pipe, a
//! terminal — is written directly: renaming a file over it would replace the device or pipe
//! itself. A symbolic link is followed, so the file it points to is replaced, not the link.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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
        let temp = dir.join(format!(
            ".{}.navne-tmp-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        let file = File::create(&temp)?;
        Ok(AtomicFile {
            rename: Some((dest, temp)),
            file: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flushes, syncs and renames the temporary file over the destination.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("file is present until commit");
        let file = file.into_inner().map_err(|e| e.into_error())?;
        let Some((dest, temp)) = &self.rename else {
            return Ok(());
        };
        file.sync_all()?;
        drop(file);
        fs::rename(temp, dest)
    }

    /// The temporary path being written, if the destination is a regular file.
    pub fn temp_path(&self) -> Option<&Path> {
        self.rename.as_ref().map(|(_, temp)| temp.as_path())
    }
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
