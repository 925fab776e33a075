//! What verification found for one station: the verdict `loa verify`
//! prints, as typed values (wording in `src/text/airlog.rs`).

use chrono::{DateTime, Utc};

use crate::airlog::error::LineError;
use crate::airlog::hash::Sha256Hash;
use crate::airlog::key::PublicKey;

/// At most this many problems are kept per station; the rest are counted.
pub const MAX_PROBLEMS: usize = 1000;

/// The verdict on one station's log.
#[derive(Debug, Clone, Default)]
pub struct StationVerdict {
    /// The path verified.
    pub label: String,
    /// The station its records name (from the first good record).
    pub station: Option<String>,
    /// For a slice of the chain (an export), the sequence number it
    /// begins at; `None` for a whole log.
    pub first_seq: Option<u64>,
    /// Good records (layout, hash and fields valid).
    pub records: u64,
    /// Wall-clock time of the first and last good record.
    pub period: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The newest record: sequence number and hash.
    pub head: Option<(u64, Sha256Hash)>,
    /// The newest `checkpoint` record: its sequence number and time.
    pub last_checkpoint: Option<(u64, DateTime<Utc>)>,
    /// The keys that signed, each with the sequence number it took over at.
    pub keys: Vec<(u64, PublicKey)>,
    /// Whether signatures were checked (not in chain-only mode).
    pub signatures_checked: bool,
    /// Held checkpoints this log was checked against: (seq, found).
    pub held_checkpoints: Vec<(u64, bool)>,
    /// Whether the chain's first key is one filed for this station (`true`),
    /// or no key was filed for it, so the origin is not checked (`false`).
    pub origin_checked: bool,
    /// What is wrong, in log order (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<Problem>,
    /// Problems beyond [`MAX_PROBLEMS`], counted only.
    pub more_problems: u64,
}

impl StationVerdict {
    /// True when everything verified.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.more_problems == 0
    }

    /// Records a problem, keeping memory bounded.
    pub fn add(&mut self, problem: Problem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(problem);
        } else {
            self.more_problems += 1;
        }
    }
}

/// One thing wrong, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The month file (empty for problems of the whole log).
    pub file: String,
    /// 1-based line in that file, when it is about one line.
    pub line: Option<u64>,
    /// The record's sequence number, when known.
    pub seq: Option<u64>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What can be wrong with a log.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// A file could not be read.
    Unreadable(String),
    /// The line is not a valid record.
    BadLine(LineError),
    /// The last file ends in a partial line (a write cut short, not yet
    /// repaired by the daemon's startup).
    TornTail {
        /// Its length in bytes.
        length: u64,
    },
    /// A partial line at the end of a file that is not the last one.
    PartialLine {
        /// Its length in bytes.
        length: u64,
    },
    /// The signature does not verify with the key in force.
    BadSignature,
    /// The sequence number is not the previous one plus 1.
    OutOfSequence {
        /// What it should be.
        expected: u64,
        /// What it is.
        found: u64,
    },
    /// `prev` does not name the previous record's hash.
    ChainBroken,
    /// A record of another station.
    ForeignStation {
        /// The station of this log.
        expected: String,
        /// The station the record names.
        found: String,
    },
    /// The log does not begin with a genesis record at sequence 0.
    NoGenesis,
    /// A genesis record after the first.
    LateGenesis,
    /// A key in genesis or a rotation is not a usable Ed25519 key.
    UnusableKey,
    /// Filed keys were given, and this station's genesis key is not one.
    KeyNotFiled {
        /// The genesis key.
        key: PublicKey,
        /// The keys filed for this station.
        filed: Vec<PublicKey>,
    },
    /// Filed keys were given, none for this station.
    NoFiledKey {
        /// The stations the given keys are filed for.
        filed_for: Vec<String>,
    },
    /// A checkpoint record that does not name the record before it.
    CheckpointMismatch,
    /// A held checkpoint the log does not reach: records were removed.
    Truncated {
        /// The held checkpoint's sequence number.
        held_seq: u64,
        /// Where the log ends (None: no records).
        last_seq: Option<u64>,
    },
    /// The log has a record at the held checkpoint's sequence number, but a
    /// different one.
    CheckpointDiffers {
        /// The held checkpoint's sequence number.
        held_seq: u64,
    },
    /// The checkpoint carried with the log (a bundle's own) is another
    /// station's record: a bundle's checkpoint must be in its log.
    ForeignCheckpoint {
        /// The station the checkpoint names.
        station: String,
    },
    /// A held checkpoint whose signature no key of this station verifies.
    ForgedCheckpoint {
        /// The held checkpoint's sequence number.
        held_seq: u64,
    },
    /// A held checkpoint older than the slice of the chain given (an
    /// export that begins after it cannot show that it extends it).
    StartsAfterCheckpoint {
        /// The held checkpoint's sequence number.
        held_seq: u64,
        /// Where the slice begins.
        first_seq: u64,
    },
    /// No month file, or none with a record.
    Empty,
    /// A `daemon_start` whose `previous_run` contradicts the record before
    /// it (`clean_stop` exactly after a `daemon_stop`, `none` only after
    /// genesis).
    PreviousRunMismatch {
        /// What the record says.
        said: crate::airlog::record::PreviousRun,
    },
    /// A bundle's manifest says something its records contradict.
    ManifestMismatch {
        /// The manifest field: `station`, `first`, `last` or `files`.
        field: &'static str,
    },
    /// A bundle's `checkpoint` member is missing, or not one `checkpoint`
    /// record line.
    BadCheckpointMember {
        /// What is wrong with it (`None`: it is missing).
        error: Option<LineError>,
    },
}
