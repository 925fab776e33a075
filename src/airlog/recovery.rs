//! What the writer finds when it opens a log: where the chain ends, which
//! key signs now, and whether the newest file ends cleanly, in a torn line
//! (a power cut mid-write: moved aside), or in damage followed by good
//! records (not a torn write: left alone, and writing goes on elsewhere).

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::codec::check_line;
use super::error::LineError;
use super::hash::Sha256Hash;
use super::key::PublicKey;
use super::parts::{Part, list_parts};
use super::reader::LineScanner;
use super::record::{BrokenFile, RecordKind, TornTail};

/// The directory, under the log directory, that holds torn tails.
pub const QUARANTINE_DIR: &str = "quarantine";

/// The state of a log as found on disk.
#[derive(Debug, Default)]
pub struct Found {
    /// The station named by the newest good record.
    pub station: Option<String>,
    /// The key in force after genesis and every rotation.
    pub key: Option<PublicKey>,
    /// The newest good record: its sequence number and hash.
    pub head: Option<(u64, Sha256Hash)>,
    /// Whether that record is a `daemon_stop`.
    pub stopped_cleanly: bool,
    /// The newest month file and what its end looks like.
    pub last_part: Option<(Part, Tail)>,
}

/// How the newest month file ends.
#[derive(Debug)]
pub enum Tail {
    /// Every line is a good record; appending may go on at `len`.
    Clean {
        /// The file's length.
        len: u64,
    },
    /// Bytes after the last good record that no good record follows.
    Torn {
        /// Where the good records end.
        good_len: u64,
        /// How many bytes follow.
        torn_len: u64,
    },
    /// A bad line with good records after it.
    Broken {
        /// 1-based line number of the first bad line.
        line: u64,
        /// Why it is bad.
        error: LineError,
    },
}

/// Scans every month file of `dir`.
pub fn scan(dir: &Path) -> std::io::Result<Found> {
    let parts = list_parts(dir)?;
    let mut found = Found::default();
    let count = parts.len();
    for (index, part) in parts.into_iter().enumerate() {
        let tail = scan_part(&part.path, &mut found)?;
        if index + 1 == count {
            found.last_part = Some((part, tail));
        }
    }
    Ok(found)
}

fn scan_part(path: &Path, found: &mut Found) -> std::io::Result<Tail> {
    let mut scanner = LineScanner::open(path)?;
    let mut good_len = 0;
    let mut end = 0;
    let mut first_bad: Option<(u64, LineError)> = None;
    let mut broken = false;
    while let Some(line) = scanner.next_line()? {
        let line_end = line.offset + line.bytes.len() as u64 + u64::from(line.complete);
        end = line_end;
        let checked = if line.complete {
            check_line(line.bytes).and_then(|c| c.kind().map(|kind| (c, kind)))
        } else {
            Err(LineError::Layout)
        };
        match checked {
            Ok((checked, kind)) => {
                if first_bad.is_some() {
                    broken = true;
                }
                good_len = line_end;
                note_good_record(found, checked.header.station.as_ref(), &checked, &kind);
            }
            Err(error) => {
                if first_bad.is_none() {
                    first_bad = Some((line.number, error));
                }
            }
        }
    }
    Ok(match first_bad {
        Some((line, error)) if broken => Tail::Broken { line, error },
        Some(_) => Tail::Torn {
            good_len,
            torn_len: end - good_len,
        },
        None => Tail::Clean { len: end },
    })
}

fn note_good_record(
    found: &mut Found,
    station: &str,
    checked: &super::codec::CheckedLine<'_>,
    kind: &RecordKind,
) {
    found.station = Some(station.to_string());
    found.head = Some((checked.header.seq, checked.hash()));
    found.stopped_cleanly = matches!(kind, RecordKind::DaemonStop(_));
    match kind {
        RecordKind::Genesis(genesis) => found.key = Some(genesis.public_key),
        RecordKind::KeyRotation(rotation) => found.key = Some(rotation.public_key),
        _ => {}
    }
}

/// Copies a torn tail to the quarantine directory (when the disk lets it),
/// then cuts the month file back to its good records. The returned record
/// says what was removed, and where the copy is (if it could be made).
pub fn remove_torn_tail(dir: &Path, part: &Part, good_len: u64) -> std::io::Result<TornTail> {
    let mut file = OpenOptions::new().read(true).write(true).open(&part.path)?;
    file.seek(SeekFrom::Start(good_len))?;
    let mut torn = Vec::new();
    file.read_to_end(&mut torn)?;
    let file_name = part.name.file_name();
    let quarantine = save_quarantine(dir, &file_name, good_len, &torn).ok();
    file.set_len(good_len)?;
    file.sync_all()?;
    Ok(TornTail {
        file: file_name,
        offset: good_len,
        length: torn.len() as u64,
        sha256: Sha256Hash::of_bytes(&torn),
        quarantine,
    })
}

fn save_quarantine(
    dir: &Path,
    file_name: &str,
    offset: u64,
    bytes: &[u8],
) -> std::io::Result<String> {
    let quarantine_dir = dir.join(QUARANTINE_DIR);
    fs::create_dir_all(&quarantine_dir)?;
    File::open(dir)?.sync_all()?;
    for attempt in 1..100u32 {
        let name = match attempt {
            1 => format!("{file_name}.{offset}.torn"),
            n => format!("{file_name}.{offset}.{n}.torn"),
        };
        let created = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o640)
            .open(quarantine_dir.join(&name));
        let mut copy = match created {
            Ok(copy) => copy,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        copy.write_all(bytes)?;
        copy.sync_all()?;
        File::open(&quarantine_dir)?.sync_all()?;
        return Ok(format!("{QUARANTINE_DIR}/{name}"));
    }
    Err(std::io::Error::other(
        "too many quarantine files for one offset",
    ))
}

/// The `broken_file` record for a damaged newest file.
pub fn broken_file(part: &Part, line: u64, error: &LineError) -> BrokenFile {
    BrokenFile {
        file: part.name.file_name(),
        line,
        reason: error.to_string(),
    }
}
