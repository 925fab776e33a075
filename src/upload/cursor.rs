//! Where the uploader stands in the station's log, and reading the next
//! batch from the month files themselves (`docs/airlog.md` §1): the log is
//! the queue, so the uploader holds nothing but a position, and an outage
//! of any length costs no memory.

use std::path::{Path, PathBuf};

use crate::airlog::Sha256Hash;
use crate::airlog::codec::check_envelope;
use crate::airlog::parts::{Part, PartName, list_parts};
use crate::airlog::reader::{LineScanner, ScannedLine};
use crate::hub::protocol::{MAX_BATCH_BYTES, MAX_BATCH_RECORDS};

use super::error::UploadError;

/// A place in the log: before the line of record `next_seq`, at `offset`
/// of month file `part` (`None`: before the first file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The month file.
    pub part: Option<PartName>,
    /// The byte in it where the next line starts.
    pub offset: u64,
    /// The `seq` of the next record.
    pub next_seq: u64,
}

impl Position {
    /// The start of the log.
    pub const START: Position = Position {
        part: None,
        offset: 0,
        next_seq: 0,
    };
}

/// Consecutive records read from the log, as the exact bytes of their
/// lines, each with its LF: the body of one `POST /api/v1/records`.
#[derive(Debug, Default)]
pub struct Batch {
    /// The lines.
    pub body: Vec<u8>,
    /// How many.
    pub count: usize,
    /// Where the log stands after the last of them.
    pub end: Option<Position>,
}

/// The uploader's place in one station's log.
#[derive(Debug)]
pub struct LogCursor {
    dir: PathBuf,
    position: Position,
}

impl LogCursor {
    /// A cursor at the start of the log in `dir`.
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            position: Position::START,
        }
    }

    /// Where it stands.
    pub fn position(&self) -> Position {
        self.position
    }

    /// Moves past a batch the hub acknowledged.
    pub fn advance(&mut self, to: Position) {
        self.position = to;
    }

    /// Places the cursor just after record `next_seq - 1`, whose hash the
    /// hub says is `head`: the hub holds everything before it. A different
    /// hash means the hub holds another history than this log.
    pub fn seek(&mut self, next_seq: u64, head: &Sha256Hash) -> Result<(), UploadError> {
        let Some(last) = next_seq.checked_sub(1) else {
            self.position = Position::START;
            return Ok(());
        };
        let parts = self.parts()?;
        let first = start_part(&parts, last)?;
        for part in &parts[first..] {
            let mut lines = lines_from(&part.path, 0)?;
            while let Some(line) = lines.next_line()? {
                let Ok(checked) = check_envelope(line.bytes) else {
                    continue;
                };
                if checked.header.seq != last {
                    continue;
                }
                if checked.hash() != *head {
                    return Err(UploadError::Diverged { seq: last });
                }
                self.position = Position {
                    part: Some(part.name),
                    offset: line.end(),
                    next_seq,
                };
                return Ok(());
            }
        }
        Err(UploadError::HubAhead {
            hub_next: next_seq,
            log_next: self.scan_next_seq(&parts)?,
        })
    }

    /// The records from the cursor on that are complete lines with `seq`
    /// below `durable_next` (what the writer has made durable), within the
    /// protocol's batch limits, read into `batch` (its buffer reused).
    pub fn read_batch(&self, durable_next: u64, batch: &mut Batch) -> Result<(), UploadError> {
        batch.body.clear();
        batch.count = 0;
        batch.end = None;
        let parts = self.parts()?;
        let from = match self.position.part {
            None => 0,
            Some(name) => match parts.iter().position(|p| p.name == name) {
                Some(index) => index,
                None => return Err(UploadError::LogUnreadable(format!("{name:?} is gone"))),
            },
        };
        let mut expected = self.position.next_seq;
        for (index, part) in parts.iter().enumerate().skip(from) {
            let offset = if index == from && self.position.part.is_some() {
                self.position.offset
            } else {
                0
            };
            let mut lines = lines_from(&part.path, offset)?;
            while let Some(line) = lines.next_line()? {
                if !line.complete || expected >= durable_next {
                    return Ok(());
                }
                let Ok(checked) = check_envelope(line.bytes) else {
                    // A damaged line (docs/airlog.md §6.3): the chain goes
                    // on after it, or the seq check below stops.
                    continue;
                };
                let seq = checked.header.seq;
                if seq < expected {
                    continue;
                }
                if seq > expected {
                    return Err(UploadError::LogDamaged { missing: expected });
                }
                let full = batch.body.len() + line.bytes.len() + 1 > MAX_BATCH_BYTES;
                if full || batch.count == MAX_BATCH_RECORDS {
                    return Ok(());
                }
                batch.body.extend_from_slice(line.bytes);
                batch.body.push(b'\n');
                batch.count += 1;
                expected += 1;
                batch.end = Some(Position {
                    part: Some(part.name),
                    offset: line.end(),
                    next_seq: expected,
                });
            }
        }
        Ok(())
    }

    fn parts(&self) -> Result<Vec<Part>, UploadError> {
        list_parts(&self.dir).map_err(|e| UploadError::LogUnreadable(e.to_string()))
    }

    /// The `seq` after the newest record in the log (for a message).
    fn scan_next_seq(&self, parts: &[Part]) -> Result<u64, UploadError> {
        let mut next = 0;
        for part in parts.iter().rev() {
            let mut lines = lines_from(&part.path, 0)?;
            while let Some(line) = lines.next_line()? {
                if let Ok(checked) = check_envelope(line.bytes) {
                    next = next.max(checked.header.seq + 1);
                }
            }
            if next > 0 {
                break;
            }
        }
        Ok(next)
    }
}

/// The index of the last month file whose first record is at or before
/// `seq` (the file that holds it, if any does).
fn start_part(parts: &[Part], seq: u64) -> Result<usize, UploadError> {
    let mut start = 0;
    for (index, part) in parts.iter().enumerate() {
        match first_seq(&part.path)? {
            Some(first) if first <= seq => start = index,
            Some(_) => break,
            None => {}
        }
    }
    Ok(start)
}

/// The `seq` of a month file's first readable record.
fn first_seq(path: &Path) -> Result<Option<u64>, UploadError> {
    let mut lines = lines_from(path, 0)?;
    while let Some(line) = lines.next_line()? {
        if let Ok(checked) = check_envelope(line.bytes) {
            return Ok(Some(checked.header.seq));
        }
    }
    Ok(None)
}

/// A month file's lines from `offset`, one buffer reused; a failure to read
/// it says which file.
fn lines_from(path: &Path, offset: u64) -> Result<Lines, UploadError> {
    let scanner = LineScanner::open_at(path, offset)
        .map_err(|e| UploadError::LogUnreadable(format!("{}: {e}", path.display())))?;
    Ok(Lines { scanner })
}

/// [`LineScanner`] with the uploader's error.
struct Lines {
    scanner: LineScanner,
}

impl Lines {
    fn next_line(&mut self) -> Result<Option<ScannedLine<'_>>, UploadError> {
        self.scanner
            .next_line()
            .map_err(|e| UploadError::LogUnreadable(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::airlog::RecordKind;
    use crate::airlog::codec::{NewRecord, encode_record};
    use crate::airlog::record::Checkpoint;
    use ed25519_dalek::SigningKey;

    /// `count` chained checkpoint lines from `seq` 0, and their hashes.
    fn lines(count: u64) -> (Vec<Vec<u8>>, Vec<Sha256Hash>) {
        let key = SigningKey::from_bytes(&[7; 32]);
        let at = "2026-12-01T00:00:00Z".parse().expect("instant");
        let mut prev = Sha256Hash::ZERO;
        let (mut out, mut hashes) = (Vec::new(), Vec::new());
        for seq in 0..count {
            let kind = RecordKind::Checkpoint(Checkpoint { seq, head: prev });
            let record = NewRecord {
                station: "test/cursor",
                seq,
                prev,
                at,
                kind: &kind,
            };
            let encoded = encode_record(record, &key).expect("encode");
            prev = encoded.hash;
            out.push(encoded.line);
            hashes.push(encoded.hash);
        }
        (out, hashes)
    }

    fn write(dir: &Path, name: &str, lines: &[Vec<u8>]) {
        std::fs::write(dir.join(name), lines.concat()).expect("write");
    }

    fn seqs(body: &[u8]) -> Vec<u64> {
        body.split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| check_envelope(l).expect("valid").header.seq)
            .collect()
    }

    #[test]
    fn reads_across_month_files_and_never_past_the_durable_head_or_a_torn_line() {
        let dir = tempfile::tempdir().expect("dir");
        let (all, _) = lines(6);
        write(dir.path(), "air-2026-11.jsonl", &all[..3]);
        let mut december = all[3..5].concat();
        december.extend_from_slice(&all[5][..40]);
        std::fs::write(dir.path().join("air-2026-12.jsonl"), &december).expect("write");
        let mut cursor = LogCursor::new(dir.path());
        let mut batch = Batch::default();
        cursor.read_batch(4, &mut batch).expect("read");
        assert_eq!(seqs(&batch.body), [0, 1, 2, 3], "only what is durable");
        cursor.read_batch(u64::MAX, &mut batch).expect("read");
        assert_eq!(
            seqs(&batch.body),
            [0, 1, 2, 3, 4],
            "not the line being written"
        );
        let end = batch.end.expect("an end");
        cursor.advance(end);
        cursor.read_batch(u64::MAX, &mut batch).expect("read");
        assert_eq!(batch.count, 0);
        december.extend_from_slice(&all[5][40..]);
        std::fs::write(dir.path().join("air-2026-12.jsonl"), &december).expect("write");
        cursor.read_batch(u64::MAX, &mut batch).expect("read");
        assert_eq!(seqs(&batch.body), [5]);
        assert_eq!(batch.body, all[5], "the exact bytes of the line");
    }

    #[test]
    fn seeks_after_the_hubs_head_and_refuses_another_history() {
        let dir = tempfile::tempdir().expect("dir");
        let (all, hashes) = lines(5);
        write(dir.path(), "air-2026-11.jsonl", &all[..2]);
        write(dir.path(), "air-2026-12.jsonl", &all[2..]);
        let mut cursor = LogCursor::new(dir.path());
        cursor.seek(3, &hashes[2]).expect("seek");
        let mut batch = Batch::default();
        cursor.read_batch(u64::MAX, &mut batch).expect("read");
        assert_eq!(seqs(&batch.body), [3, 4]);
        assert_eq!(
            cursor.seek(3, &hashes[1]),
            Err(UploadError::Diverged { seq: 2 })
        );
        assert_eq!(
            cursor.seek(9, &hashes[1]),
            Err(UploadError::HubAhead {
                hub_next: 9,
                log_next: 5
            })
        );
        cursor
            .seek(0, &Sha256Hash::ZERO)
            .expect("seek to the start");
        cursor.read_batch(u64::MAX, &mut batch).expect("read");
        assert_eq!(seqs(&batch.body), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_missing_record_stops_the_upload_at_the_damage() {
        let dir = tempfile::tempdir().expect("dir");
        let (all, _) = lines(4);
        let damaged = [all[0].clone(), b"{garbage}\n".to_vec(), all[2].clone()];
        write(dir.path(), "air-2026-12.jsonl", &damaged);
        let cursor = LogCursor::new(dir.path());
        let mut batch = Batch::default();
        assert_eq!(
            cursor.read_batch(u64::MAX, &mut batch),
            Err(UploadError::LogDamaged { missing: 1 })
        );
    }

    #[test]
    fn a_batch_holds_at_most_the_protocols_count_of_records() {
        let dir = tempfile::tempdir().expect("dir");
        let (all, _) = lines(MAX_BATCH_RECORDS as u64 + 5);
        write(dir.path(), "air-2026-12.jsonl", &all);
        let mut cursor = LogCursor::new(dir.path());
        let mut batch = Batch::default();
        cursor.read_batch(u64::MAX, &mut batch).expect("read");
        assert_eq!(batch.count, MAX_BATCH_RECORDS);
        assert!(batch.body.len() <= MAX_BATCH_BYTES);
        cursor.advance(batch.end.expect("end"));
        cursor.read_batch(u64::MAX, &mut batch).expect("read");
        assert_eq!(seqs(&batch.body), (2000..2005).collect::<Vec<u64>>());
    }
}
