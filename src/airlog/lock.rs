//! One writer per log directory: an advisory `flock` on `.lock`, so a
//! `loa key rotate` cannot interleave records with a running daemon.

use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::error::AirlogError;

/// Held for as long as the writer lives; the lock goes with the file.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

/// Takes the log directory's lock, or says who has it.
pub fn lock_dir(dir: &Path) -> Result<DirLock, AirlogError> {
    let path = dir.join(".lock");
    let opened = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o640)
        .open(&path);
    // On a file system mounted read-only the lock file cannot be opened for
    // writing, but `flock` works on a read-only descriptor just as well: the
    // daemon still starts, holding its records until writing works again.
    let file = match opened {
        Err(error) if error.raw_os_error() == Some(libc::EROFS) => File::open(&path),
        other => other,
    }
    .map_err(|source| AirlogError::Io {
        path: path.clone(),
        source,
    })?;
    // SAFETY: the descriptor is open for the duration of the call.
    let taken = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if taken == 0 {
        note_holder(&file);
        Ok(DirLock { _file: file })
    } else {
        let source = std::io::Error::last_os_error();
        if source.raw_os_error() == Some(libc::EWOULDBLOCK) {
            Err(AirlogError::Locked {
                dir: dir.to_path_buf(),
                holder: read_holder(&path),
            })
        } else {
            Err(AirlogError::Io { path, source })
        }
    }
}

/// Writes who holds the lock into the lock file (`PID loa COMMAND`), so a
/// process turned away can name it: the daemon, or a `loa play`.
fn note_holder(mut file: &File) {
    use std::io::Write;
    let command = std::env::args().nth(1).unwrap_or_default();
    let line = format!("{} loa {command}\n", std::process::id());
    // Best effort: on a read-only file system the lock works unnamed.
    let _ = file
        .set_len(0)
        .and_then(|()| file.write_all(line.as_bytes()));
}

/// Who holds the lock, as [`note_holder`] wrote it: `loa play (pid 1234)`.
fn read_holder(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let (pid, command) = text.trim().split_once(' ')?;
    let pid: u32 = pid.parse().ok()?;
    let command: String = command
        .chars()
        .filter(|c| !c.is_control())
        .take(40)
        .collect();
    Some(format!("`{command}` (pid {pid})"))
}
