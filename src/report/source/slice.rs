//! Choosing which records an export carries, and reading them in place.
//!
//! An export carries a slice of the chain: from a checkpoint (or genesis)
//! to the export's own checkpoint. It begins at the earliest of
//! - the newest checkpoint written before the period began,
//! - the checkpoint of the station's previous export (remembered in
//!   `<log_dir>/exports/last.checkpoint`), and
//! - a checkpoint the Department names (`--since`),
//!
//! so that the Department's copy of the previous export's checkpoint lies
//! inside it. A running daemon may be appending: only whole lines up to the
//! chosen end are read, by byte range, so a line being written is never
//! seen.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::airlog::Sha256Hash;
use crate::airlog::checkpoint::HeldCheckpoint;
use crate::airlog::codec::check_line;
use crate::airlog::key::PublicKey;
use crate::airlog::parts::{Part, PartName, list_parts};
use crate::airlog::reader::LineScanner;
use crate::airlog::record::RecordKind;
use crate::airlog::verify::{ChainStart, LogSource};

/// Where a record sits in the log's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Index into the log's parts.
    pub part: usize,
    /// Byte offset of the line in that part.
    pub offset: u64,
    /// Its sequence number.
    pub seq: u64,
    /// Its hash.
    pub hash: Sha256Hash,
    /// The key that signs it.
    pub key: Option<PublicKey>,
}

/// How far the slice reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SliceEnd {
    /// To the record with this sequence number (the checkpoint export just
    /// wrote).
    Seq(u64),
    /// To the newest checkpoint in the log (the daemon owns the log).
    NewestCheckpoint,
}

/// The slice an export carries.
#[derive(Debug, Clone)]
pub struct Slice {
    /// Its first record.
    pub first: Position,
    /// Its last record (a checkpoint).
    pub last: Position,
    /// The last record's line: the checkpoint the Department keeps.
    pub checkpoint: HeldCheckpoint,
    /// The byte ranges of the month files, in order.
    pub parts: Vec<PartRange>,
}

/// Part of a month file.
#[derive(Debug, Clone)]
pub struct PartRange {
    /// Which month file.
    pub name: PartName,
    /// Where it is.
    pub path: PathBuf,
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
}

/// Why a slice could not be chosen.
#[derive(Debug)]
pub enum SliceError {
    /// A month file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The log has no checkpoint to end an export at.
    NoCheckpoint,
    /// A checkpoint to start from is not in the log as given.
    SinceNotInLog {
        /// Its sequence number.
        seq: u64,
    },
}

/// What the scan is asked to find besides the end.
#[derive(Debug, Clone, Copy)]
pub struct SliceRequest {
    /// The period's first instant.
    pub period_start: DateTime<Utc>,
    /// Where the slice must end.
    pub end: SliceEnd,
    /// Checkpoints it must begin at or before (previous exports).
    pub since: [Option<(u64, Sha256Hash)>; 2],
}

struct Scan {
    parts: Vec<Part>,
    lengths: Vec<u64>,
    genesis: Option<Position>,
    before_period: Option<Position>,
    since: [Option<Position>; 2],
    last: Option<(Position, Vec<u8>, u64)>,
    key: Option<PublicKey>,
}

/// Scans the log in `dir` once and chooses the slice.
pub fn choose_slice(dir: &Path, request: &SliceRequest) -> Result<Slice, SliceError> {
    let parts = list_parts(dir).map_err(|source| SliceError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut scan = Scan {
        lengths: vec![0; parts.len()],
        parts,
        genesis: None,
        before_period: None,
        since: [None; 2],
        last: None,
        key: None,
    };
    scan_parts(&mut scan, request)?;
    for (wanted, found) in request.since.iter().zip(&scan.since) {
        if let (Some((seq, _)), None) = (wanted, found) {
            return Err(SliceError::SinceNotInLog { seq: *seq });
        }
    }
    let (last, line, length) = scan.last.take().ok_or(SliceError::NoCheckpoint)?;
    let checkpoint = HeldCheckpoint::from_line(&line).map_err(|_| SliceError::NoCheckpoint)?;
    // The period's own start: the newest checkpoint before it, or the
    // genesis when the log began after it. A checkpoint (the previous
    // export's, or the Department's `--since`) may only move the start
    // earlier: it proves continuity, it never drops records of the period.
    let period_start = scan.before_period.or(scan.genesis);
    let first = [period_start, scan.since[0], scan.since[1]]
        .into_iter()
        .flatten()
        .filter(|p| p.seq <= last.seq)
        .min_by_key(|p| p.seq)
        .unwrap_or(last);
    let ranges = (first.part..=last.part)
        .filter_map(|index| {
            let part = scan.parts.get(index)?;
            Some(PartRange {
                name: part.name,
                path: part.path.clone(),
                start: if index == first.part { first.offset } else { 0 },
                end: if index == last.part {
                    last.offset + length + 1
                } else {
                    scan.lengths[index]
                },
            })
        })
        .collect();
    Ok(Slice {
        first,
        last,
        checkpoint,
        parts: ranges,
    })
}

fn scan_parts(scan: &mut Scan, request: &SliceRequest) -> Result<(), SliceError> {
    for index in 0..scan.parts.len() {
        let path = scan.parts[index].path.clone();
        let io = |source| SliceError::Io {
            path: path.clone(),
            source,
        };
        let mut scanner = LineScanner::open(&path).map_err(io)?;
        while let Some(line) = scanner.next_line().map_err(io)? {
            if !line.complete {
                break;
            }
            scan.lengths[index] = line.offset + line.bytes.len() as u64 + 1;
            let Ok(checked) = check_line(line.bytes) else {
                continue;
            };
            let header = &checked.header;
            let is_checkpoint = header.kind == "checkpoint";
            let rotation = match header.kind {
                "genesis" | "key_rotation" => match checked.kind() {
                    Ok(RecordKind::Genesis(g)) => Some(g.public_key),
                    Ok(RecordKind::KeyRotation(r)) => Some(r.public_key),
                    _ => None,
                },
                _ => None,
            };
            if header.kind == "genesis" {
                scan.key = rotation;
            }
            let here = Position {
                part: index,
                offset: line.offset,
                seq: header.seq,
                hash: checked.hash(),
                key: scan.key,
            };
            if header.seq == 0 && scan.genesis.is_none() {
                scan.genesis = Some(here);
            }
            if is_checkpoint && header.at < request.period_start {
                scan.before_period = Some(here);
            }
            for (wanted, found) in request.since.iter().zip(scan.since.iter_mut()) {
                if *wanted == Some((header.seq, here.hash)) {
                    *found = Some(here);
                }
            }
            if header.kind == "key_rotation" {
                scan.key = rotation;
            }
            if is_checkpoint {
                let wanted = match request.end {
                    SliceEnd::Seq(seq) => header.seq == seq,
                    SliceEnd::NewestCheckpoint => true,
                };
                if wanted {
                    scan.last = Some((here, line.bytes.to_vec(), line.bytes.len() as u64));
                }
            }
            if matches!(request.end, SliceEnd::Seq(seq) if header.seq == seq) {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// The slice, read in place from the log's files: what export verifies
/// and counts before it writes the bundle.
#[derive(Debug, Clone)]
pub struct SliceSource {
    /// The slice.
    pub slice: Slice,
    /// How to name it.
    pub label: String,
}

impl LogSource for SliceSource {
    fn label(&self) -> String {
        self.label.clone()
    }

    fn part_names(&self) -> Vec<String> {
        self.slice
            .parts
            .iter()
            .map(|p| p.name.file_name())
            .collect()
    }

    fn open_part(&self, index: usize) -> std::io::Result<Box<dyn Read + '_>> {
        let range = self
            .slice
            .parts
            .get(index)
            .ok_or_else(|| std::io::Error::other("no such month file"))?;
        open_range(range)
    }

    fn carried_checkpoints(&self) -> Vec<HeldCheckpoint> {
        vec![self.slice.checkpoint.clone()]
    }

    fn chain_start(&self) -> Option<ChainStart> {
        let first = &self.slice.first;
        match (first.seq, first.key) {
            (0, _) | (_, None) => None,
            (seq, Some(key)) => Some(ChainStart { seq, key }),
        }
    }
}

/// The bytes of a part range.
pub fn open_range(range: &PartRange) -> std::io::Result<Box<dyn Read + 'static>> {
    let mut file = File::open(&range.path)?;
    file.seek(SeekFrom::Start(range.start))?;
    Ok(Box::new(file.take(range.end.saturating_sub(range.start))))
}
