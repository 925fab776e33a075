//! Appending to the log: the daemon's one way to record what happened.
//!
//! A record counts as written once its line went out in one `write` on an
//! O_APPEND file and `fdatasync` returned. When the disk is full or failing,
//! the broadcast goes on: records (already signed and chained) wait in a
//! bounded memory queue, every append and [`AirLog::retry`] tries again, and
//! once writing works the queue is written in order, followed by a
//! `write_outage` record that says what happened.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;

use super::codec::{EncodedRecord, NewRecord, encode_record};
use super::error::AirlogError;
use super::hash::Sha256Hash;
use super::key::PublicKey;
use super::lock::{DirLock, lock_dir};
use super::part_file::PartFile;
use super::parts::PartName;
use super::record::{
    BrokenFile, Checkpoint, DaemonStart, DaemonStop, Genesis, KeyRotation, PreviousRun, RecordKind,
    TornTail, WriteOutage,
};
use super::recovery::{self, Found, Tail};
use super::time::truncate_to_micros;

/// How many records wait in memory while writing fails (about a week of a
/// busy station's airings and hourly checkpoints).
pub const DEFAULT_PENDING_CAPACITY: usize = 10_000;

/// The open, locked log of one station.
#[derive(Debug)]
pub struct AirLog {
    dir: PathBuf,
    station: String,
    key: SigningKey,
    next_seq: u64,
    head: Sha256Hash,
    /// The month file being appended to.
    part: Option<PartFile>,
    /// No record may go to a file before this one.
    floor: Option<PartName>,
    pending: VecDeque<EncodedPending>,
    pending_capacity: usize,
    outage: Option<Outage>,
    _lock: DirLock,
}

#[derive(Debug)]
struct EncodedPending {
    at: DateTime<Utc>,
    line: Vec<u8>,
}

#[derive(Debug)]
struct Outage {
    since: DateTime<Utc>,
    first_seq: u64,
    dropped: u64,
    error: String,
}

/// What appending did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    /// The record's sequence number.
    pub seq: u64,
    /// The record's hash.
    pub hash: Sha256Hash,
    /// True once the record is on disk (written and synced); false while it
    /// waits in memory for the disk to work again.
    pub durable: bool,
}

/// What [`AirLog::open`] found and repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct StartReport {
    /// True when the log was new and a genesis record was written.
    pub created: bool,
    /// How the previous run ended.
    pub previous_run: PreviousRun,
    /// The torn tail that was moved aside, if any.
    pub torn_tail: Option<TornTail>,
    /// The damaged file that was left behind, if any.
    pub broken_file: Option<BrokenFile>,
    /// The `daemon_start` record.
    pub daemon_start: Appended,
}

impl AirLog {
    /// Opens (creating if needed) the log in `log_dir` for `station`,
    /// signing with `key`; repairs a torn tail, steps past a damaged file,
    /// writes genesis on first use, then a `daemon_start` record.
    pub fn open(
        log_dir: &Path,
        station: &str,
        key: SigningKey,
        now: DateTime<Utc>,
    ) -> Result<(AirLog, StartReport), AirlogError> {
        if station.is_empty() || station.chars().any(char::is_control) {
            return Err(AirlogError::InvalidStation {
                station: station.to_string(),
            });
        }
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| AirlogError::Io { path, source }
        };
        std::fs::create_dir_all(log_dir).map_err(io(log_dir))?;
        let lock = lock_dir(log_dir)?;
        let found = recovery::scan(log_dir).map_err(io(log_dir))?;
        check_identity(log_dir, station, &key, &found)?;
        let mut log = AirLog {
            dir: log_dir.to_path_buf(),
            station: station.to_string(),
            key,
            next_seq: found.head.map_or(0, |(seq, _)| seq + 1),
            head: found.head.map_or(Sha256Hash::ZERO, |(_, hash)| hash),
            part: None,
            floor: None,
            pending: VecDeque::new(),
            pending_capacity: DEFAULT_PENDING_CAPACITY,
            outage: None,
            _lock: lock,
        };
        let (torn_tail, broken_file) = log.repair_tail(&found, now)?;
        let created = found.head.is_none();
        if created {
            let genesis = RecordKind::Genesis(Genesis {
                public_key: PublicKey::of(&log.key),
            });
            log.append(now, genesis)?;
        }
        let previous_run = match (created, found.stopped_cleanly) {
            (true, _) => PreviousRun::None,
            (false, true) => PreviousRun::CleanStop,
            (false, false) => PreviousRun::Crashed,
        };
        let start = RecordKind::DaemonStart(DaemonStart {
            software: format!("loa {}", env!("CARGO_PKG_VERSION")),
            previous_run,
            torn_tail: torn_tail.clone(),
            broken_file: broken_file.clone(),
        });
        let daemon_start = log.append(now, start)?;
        let report = StartReport {
            created,
            previous_run,
            torn_tail,
            broken_file,
            daemon_start,
        };
        Ok((log, report))
    }

    /// Leaves the newest file ready to append to, or chooses a new one.
    fn repair_tail(
        &mut self,
        found: &Found,
        now: DateTime<Utc>,
    ) -> Result<(Option<TornTail>, Option<BrokenFile>), AirlogError> {
        let Some((part, tail)) = &found.last_part else {
            return Ok((None, None));
        };
        match tail {
            Tail::Clean { len } => {
                self.use_existing(part.name, *len);
                Ok((None, None))
            }
            Tail::Torn { good_len, .. } => {
                match recovery::remove_torn_tail(&self.dir, part, *good_len) {
                    Ok(torn) => {
                        self.use_existing(part.name, *good_len);
                        Ok((Some(torn), None))
                    }
                    Err(error) => {
                        // The file cannot be cut back: leave it and go on in a
                        // new one, saying why.
                        let broken = BrokenFile {
                            file: part.name.file_name(),
                            line: 0,
                            reason: format!("the torn last line could not be removed: {error}"),
                        };
                        self.continue_after(part.name, now);
                        Ok((None, Some(broken)))
                    }
                }
            }
            Tail::Broken { line, error } => {
                self.continue_after(part.name, now);
                Ok((None, Some(recovery::broken_file(part, *line, error))))
            }
        }
    }

    /// Makes the next record go to a file after `left_behind`.
    fn continue_after(&mut self, left_behind: PartName, now: DateTime<Utc>) {
        self.part = None;
        self.floor = Some(left_behind.next_part().max(PartName::month_of(now)));
    }

    fn use_existing(&mut self, name: PartName, len: u64) {
        self.part = Some(PartFile::existing(&self.dir, name, len));
        self.floor = Some(name);
    }

    /// Appends a record of `kind` at wall-clock time `at` (the caller's
    /// clock). `durable` in the answer says whether it is on disk yet.
    pub fn append(&mut self, at: DateTime<Utc>, kind: RecordKind) -> Result<Appended, AirlogError> {
        let at = truncate_to_micros(at);
        self.retry(at);
        if !self.pending.is_empty() && self.pending.len() >= self.pending_capacity {
            if let Some(outage) = self.outage.as_mut() {
                outage.dropped += 1;
            }
            return Err(AirlogError::QueueFull {
                capacity: self.pending_capacity,
            });
        }
        let encoded = self.encode(at, &kind)?;
        let appended = Appended {
            seq: self.next_seq,
            hash: encoded.hash,
            durable: false,
        };
        self.next_seq += 1;
        self.head = encoded.hash;
        if !self.pending.is_empty() {
            self.pending.push_back(EncodedPending {
                at,
                line: encoded.line,
            });
            return Ok(appended);
        }
        match self.write_line(at, &encoded.line) {
            Ok(()) => Ok(Appended {
                durable: true,
                ..appended
            }),
            Err(error) => {
                self.outage = Some(Outage {
                    since: at,
                    first_seq: appended.seq,
                    dropped: 0,
                    error: error.to_string(),
                });
                self.pending.push_back(EncodedPending {
                    at,
                    line: encoded.line,
                });
                Ok(appended)
            }
        }
    }

    /// Writes the records held in memory, if the disk lets it, and then the
    /// `write_outage` record. True when nothing is left waiting. The
    /// daemon calls this on a timer while [`AirLog::pending`] is not zero.
    pub fn retry(&mut self, now: DateTime<Utc>) -> bool {
        let now = truncate_to_micros(now);
        while let Some(front) = self.pending.pop_front() {
            if self.write_line(front.at, &front.line).is_err() {
                self.pending.push_front(front);
                return false;
            }
        }
        let Some(outage) = self.outage.take() else {
            return true;
        };
        let record = RecordKind::WriteOutage(WriteOutage {
            since: outage.since,
            until: now,
            first_seq: outage.first_seq,
            last_seq: self.next_seq.saturating_sub(1),
            dropped: outage.dropped,
            error: outage.error,
        });
        matches!(self.append(now, record), Ok(Appended { durable: true, .. }))
    }

    /// Writes a `checkpoint` naming the newest record: the daemon's hourly
    /// timer, and exports.
    pub fn checkpoint(&mut self, at: DateTime<Utc>) -> Result<Appended, AirlogError> {
        let checkpoint = RecordKind::Checkpoint(Checkpoint {
            seq: self.next_seq.saturating_sub(1),
            head: self.head,
        });
        self.append(at, checkpoint)
    }

    /// Introduces `new_key` in a record signed by the current key; every
    /// later record is signed by `new_key`. Only once the answer is durable
    /// may the key file be replaced.
    pub fn rotate_key(
        &mut self,
        at: DateTime<Utc>,
        new_key: SigningKey,
    ) -> Result<Appended, AirlogError> {
        let rotation = RecordKind::KeyRotation(KeyRotation {
            public_key: PublicKey::of(&new_key),
        });
        let appended = self.append(at, rotation)?;
        self.key = new_key;
        Ok(appended)
    }

    /// Writes a checkpoint and `daemon_stop`, and closes the log. Fails if
    /// records are still waiting in memory (they are lost with the process).
    pub fn stop(mut self, at: DateTime<Utc>) -> Result<Appended, AirlogError> {
        self.checkpoint(at)?;
        let stopped = self.append(at, RecordKind::DaemonStop(DaemonStop {}))?;
        if self.pending.is_empty() {
            Ok(stopped)
        } else {
            Err(AirlogError::NotDurable {
                pending: self.pending.len(),
                error: self
                    .outage
                    .as_ref()
                    .map(|o| o.error.clone())
                    .unwrap_or_default(),
            })
        }
    }

    /// How many records wait in memory for the disk.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Sets how many records may wait in memory (default
    /// [`DEFAULT_PENDING_CAPACITY`]).
    pub fn set_pending_capacity(&mut self, capacity: usize) {
        self.pending_capacity = capacity.max(1);
    }

    /// The sequence number and hash of the newest record (written or held).
    pub fn head(&self) -> (Option<u64>, Sha256Hash) {
        (self.next_seq.checked_sub(1), self.head)
    }

    /// The key that signs the next record.
    pub fn public_key(&self) -> PublicKey {
        PublicKey::of(&self.key)
    }

    /// The station this log belongs to.
    pub fn station(&self) -> &str {
        &self.station
    }

    /// The log directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn encode(&self, at: DateTime<Utc>, kind: &RecordKind) -> Result<EncodedRecord, AirlogError> {
        let record = NewRecord {
            station: &self.station,
            seq: self.next_seq,
            prev: self.head,
            at,
            kind,
        };
        encode_record(record, &self.key).map_err(AirlogError::Encode)
    }

    /// Writes one line into the month file `at` belongs to (never going
    /// back to an earlier file when the clock steps back).
    fn write_line(&mut self, at: DateTime<Utc>, line: &[u8]) -> std::io::Result<()> {
        let month = PartName::month_of(at);
        let target = self.floor.map_or(month, |floor| floor.max(month));
        let current = self.part.as_ref().map(|part| part.name);
        if current != Some(target) {
            self.part = Some(PartFile::create(&self.dir, target)?);
            self.floor = Some(target);
        }
        match self.part.as_mut() {
            Some(part) => part.append(line),
            None => Err(std::io::Error::other("no month file open")),
        }
    }
}

/// Refuses a log that belongs to another station or is signed by another key.
fn check_identity(
    dir: &Path,
    station: &str,
    key: &SigningKey,
    found: &Found,
) -> Result<(), AirlogError> {
    if let Some(in_log) = &found.station
        && in_log != station
    {
        return Err(AirlogError::StationMismatch {
            dir: dir.to_path_buf(),
            in_log: in_log.clone(),
            given: station.to_string(),
        });
    }
    let given = PublicKey::of(key);
    match found.key {
        Some(in_log) if in_log != given => Err(AirlogError::KeyMismatch {
            dir: dir.to_path_buf(),
            in_log,
            given,
        }),
        _ => Ok(()),
    }
}
