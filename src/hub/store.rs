//! The hub's store: one station log folder per station, in exactly the
//! format of `docs/airlog.md` (§1, §2, §6.1), so `loa verify store/` and
//! `loa report store/` read it unchanged and a backup is a copy of the
//! folder. The hub appends the stations' own line bytes, never a
//! re-serialised record.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::airlog::codec::{parse_header, split_line};
use crate::airlog::parts::{PartName, list_parts};
use crate::airlog::reader::LineScanner;

/// Where fork evidence is kept, beside the station folders. Its files are
/// not month files, so `loa verify` and `loa report` skip it.
pub const CONFLICTS_DIR: &str = "_conflicts";

/// One line to append: its bytes (ending in LF) and its record's `at`,
/// which chooses the month file.
#[derive(Debug, Clone, Copy)]
pub struct NewLine<'a> {
    /// The line, LF included.
    pub bytes: &'a [u8],
    /// The record's time.
    pub at: DateTime<Utc>,
}

/// One station's log folder in the store, appended durably.
#[derive(Debug)]
pub struct StationStore {
    dir: PathBuf,
    newest: Option<PartName>,
    open: Option<OpenPart>,
}

#[derive(Debug)]
struct OpenPart {
    name: PartName,
    file: File,
    durable_len: u64,
}

impl StationStore {
    /// The folder for `station` under `store` (created on first append).
    pub fn open(store: &Path, station: &str) -> std::io::Result<Self> {
        let dir = store.join(station);
        let newest = list_parts(&dir)?.last().map(|part| part.name);
        Ok(Self {
            dir,
            newest,
            open: None,
        })
    }

    /// The station's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Appends `lines` and makes them durable (`fdatasync`) before
    /// returning; a new month file and its folder are synced before the
    /// first line goes in. After a failure the file is cut back to its
    /// last durable length, so no partial line stays behind.
    pub fn append(&mut self, lines: &[NewLine<'_>]) -> std::io::Result<()> {
        let mut start = 0;
        while start < lines.len() {
            let target = self.part_for(lines[start].at);
            let mut end = start + 1;
            while end < lines.len() && self.part_for(lines[end].at) == target {
                end += 1;
            }
            let bytes: Vec<u8> = lines[start..end]
                .iter()
                .flat_map(|line| line.bytes.iter().copied())
                .collect();
            self.write_durably(target, &bytes)?;
            self.newest = Some(target);
            start = end;
        }
        Ok(())
    }

    /// The month file a record of time `at` goes to: its month's, except
    /// that the log never goes back to an earlier file (§1).
    fn part_for(&self, at: DateTime<Utc>) -> PartName {
        let month = PartName::month_of(at);
        match self.newest {
            Some(newest) if newest.same_month(month) || newest > month => newest,
            _ => month,
        }
    }

    fn write_durably(&mut self, name: PartName, bytes: &[u8]) -> std::io::Result<()> {
        let part = self.part_file(name)?;
        let result = write_and_sync(&mut part.file, bytes);
        match result {
            Ok(()) => {
                part.durable_len += bytes.len() as u64;
                Ok(())
            }
            Err(error) => {
                // Cut the file back; reopen before the next write, since a
                // descriptor that saw a failed sync may lie later.
                let _ = part.file.set_len(part.durable_len);
                let _ = part.file.sync_data();
                self.open = None;
                Err(error)
            }
        }
    }

    fn part_file(&mut self, name: PartName) -> std::io::Result<&mut OpenPart> {
        if self.open.as_ref().is_none_or(|open| open.name != name) {
            self.open = Some(self.open_part(name)?);
        }
        self.open
            .as_mut()
            .ok_or_else(|| std::io::Error::other("no open month file"))
    }

    fn open_part(&self, name: PartName) -> std::io::Result<OpenPart> {
        let path = self.dir.join(name.file_name());
        let existed = path.exists();
        if !existed {
            create_dir_durably(&self.dir)?;
        }
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o640)
            .open(&path)?;
        if !existed {
            file.sync_all()?;
            File::open(&self.dir)?.sync_all()?;
        }
        let durable_len = file.metadata()?.len();
        Ok(OpenPart {
            name,
            file,
            durable_len,
        })
    }

    /// The stored lines (without LF) of records `from..from + count`, as
    /// far as the store holds them. Used to compare a re-sent batch with
    /// what is stored; it reads from the newest month file back only as
    /// far as needed.
    pub fn lines_from(&self, from: u64, count: usize) -> std::io::Result<Vec<Vec<u8>>> {
        let parts = list_parts(&self.dir)?;
        let mut first_part = 0;
        for (index, part) in parts.iter().enumerate().rev() {
            if first_seq(&part.path)?.is_some_and(|seq| seq <= from) {
                first_part = index;
                break;
            }
        }
        let mut found = Vec::with_capacity(count);
        for part in &parts[first_part..] {
            let mut scanner = LineScanner::open(&part.path)?;
            while let Some(line) = scanner.next_line()? {
                let Some(seq) = seq_of(line.bytes) else {
                    continue;
                };
                if seq >= from && line.complete {
                    found.push(line.bytes.to_vec());
                    if found.len() == count {
                        return Ok(found);
                    }
                }
            }
        }
        Ok(found)
    }
}

fn write_and_sync(file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    let written = file.write(bytes)?;
    if written != bytes.len() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::WriteZero,
            format!("short write: {written} of {} bytes", bytes.len()),
        ));
    }
    file.sync_data()
}

fn first_seq(path: &Path) -> std::io::Result<Option<u64>> {
    let mut scanner = LineScanner::open(path)?;
    Ok(scanner.next_line()?.and_then(|line| seq_of(line.bytes)))
}

fn seq_of(line: &[u8]) -> Option<u64> {
    let raw = split_line(line).ok()?;
    parse_header(raw.body).ok().map(|header| header.seq)
}

/// Creates `dir` and its missing parents, syncing each new entry's parent
/// so the folders survive a power cut.
pub fn create_dir_durably(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        create_dir_durably(parent)?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(()),
        Err(e) => return Err(e),
    }
    if let Some(parent) = dir.parent() {
        File::open(parent)?.sync_all()?;
    }
    Ok(())
}

/// Writes `bytes` to a new file `path` and syncs it and its folder.
pub fn write_new_file_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_durably(parent)?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o640)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    if let Some(parent) = path.parent() {
        File::open(parent)?.sync_all()?;
    }
    Ok(())
}

/// Replaces `path` with `bytes` atomically (a temporary file, synced,
/// renamed over it, the folder synced): a small state file that must never
/// be seen half written.
pub fn replace_file_durably(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    let parent = path.parent().unwrap_or_else(|| Path::new("."));
    create_dir_durably(parent)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".tmp-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(mode))
        .tempfile_in(parent)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    File::open(parent)?.sync_all()
}

/// Bytes after the last LF of the newest month file, left by a crash in
/// the middle of a write the hub never acknowledged: moved to
/// `quarantine/<file>.<offset>.torn` (as the station's writer does, §6.2)
/// and cut off, so the log ends in a whole line again. Returns how many
/// bytes were moved.
pub fn repair_torn_tail(dir: &Path) -> std::io::Result<u64> {
    let Some(newest) = list_parts(dir)?.pop() else {
        return Ok(0);
    };
    let bytes = std::fs::read(&newest.path)?;
    if bytes.is_empty() || bytes.ends_with(b"\n") {
        return Ok(0);
    }
    let keep = bytes
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |index| index + 1);
    let torn = &bytes[keep..];
    let copy = dir
        .join("quarantine")
        .join(format!("{}.{keep}.torn", newest.name.file_name()));
    if !copy.exists() {
        write_new_file_durably(&copy, torn)?;
    }
    let file = OpenOptions::new().write(true).open(&newest.path)?;
    file.set_len(keep as u64)?;
    file.sync_all()?;
    Ok(torn.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn records_go_to_their_month_but_never_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = StationStore::open(dir.path(), "tinh/xa").expect("open");
        let march = Utc.with_ymd_and_hms(2021, 3, 31, 23, 0, 0).unwrap();
        let april = Utc.with_ymd_and_hms(2021, 4, 1, 1, 0, 0).unwrap();
        store
            .append(&[
                NewLine {
                    bytes: b"a\n",
                    at: march,
                },
                NewLine {
                    bytes: b"b\n",
                    at: april,
                },
                NewLine {
                    bytes: b"c\n",
                    at: march,
                },
            ])
            .expect("append");
        let station = dir.path().join("tinh/xa");
        let read = |name: &str| std::fs::read(station.join(name)).expect("read");
        assert_eq!(read("air-2021-03.jsonl"), b"a\n");
        assert_eq!(read("air-2021-04.jsonl"), b"b\nc\n");
    }

    #[test]
    fn a_torn_tail_is_moved_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("air-2021-03.jsonl"), b"one\ntwo-half").expect("write");
        assert_eq!(repair_torn_tail(dir.path()).expect("repair"), 8);
        let kept = std::fs::read(dir.path().join("air-2021-03.jsonl")).expect("read");
        assert_eq!(kept, b"one\n");
        let moved = std::fs::read(dir.path().join("quarantine/air-2021-03.jsonl.4.torn"))
            .expect("quarantined");
        assert_eq!(moved, b"two-half");
    }
}
