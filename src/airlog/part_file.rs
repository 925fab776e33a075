//! The month file being appended to: one `write` per record on an O_APPEND
//! file, then `fdatasync`, and after any failure the file is cut back to its
//! last durable length before anything else is written, so a failed write
//! never leaves a partial record behind a later one.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::parts::PartName;

/// An open month file and the length known to be durable.
#[derive(Debug)]
pub struct PartFile {
    /// Which month file.
    pub name: PartName,
    path: PathBuf,
    file: Option<File>,
    /// Bytes known written and synced.
    durable_len: u64,
    /// A write failed: bytes past `durable_len` may be on disk.
    dirty: bool,
}

impl PartFile {
    /// Opens an existing month file whose first `durable_len` bytes are good.
    pub fn existing(dir: &Path, name: PartName, durable_len: u64) -> Self {
        Self {
            name,
            path: dir.join(name.file_name()),
            file: None,
            durable_len,
            dirty: false,
        }
    }

    /// Creates a new, empty month file and makes its directory entry
    /// durable (an existing empty file left by a crash is taken as is).
    pub fn create(dir: &Path, name: PartName) -> std::io::Result<Self> {
        let path = dir.join(name.file_name());
        let file = open_append(&path)?;
        let len = file.metadata()?.len();
        file.sync_all()?;
        File::open(dir)?.sync_all()?;
        Ok(Self {
            name,
            path,
            file: Some(file),
            durable_len: len,
            dirty: false,
        })
    }

    /// Appends one whole line with one `write`, then `fdatasync`. On any
    /// error the file is cut back (now, or before the next write).
    pub fn append(&mut self, line: &[u8]) -> std::io::Result<()> {
        let result = self.try_append(line);
        if result.is_err() {
            self.dirty = true;
            // A descriptor that saw a failed fsync may report success later
            // for data that never reached the disk: reopen before retrying.
            if let Some(file) = self.file.take()
                && file.set_len(self.durable_len).is_ok()
                && file.sync_data().is_ok()
            {
                self.dirty = false;
            }
        }
        result
    }

    fn try_append(&mut self, line: &[u8]) -> std::io::Result<()> {
        if self.file.is_none() {
            self.file = Some(open_append(&self.path)?);
        }
        let file = self
            .file
            .as_mut()
            .ok_or_else(|| std::io::Error::other("no file"))?;
        if self.dirty {
            file.set_len(self.durable_len)?;
            file.sync_data()?;
            self.dirty = false;
        }
        let written = file.write(line)?;
        if written != line.len() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::WriteZero,
                format!("short write: {written} of {} bytes", line.len()),
            ));
        }
        file.sync_data()?;
        self.durable_len += written as u64;
        Ok(())
    }
}

fn open_append(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o640)
        .open(path)
}
