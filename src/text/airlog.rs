//! Messages about the airing log and verification: the errors' wording
//! and `loa verify`'s verdicts (`loa key` speaks in `key.rs`, `loa log`
//! in `log.rs`).

use std::fmt;

use crate::tr;

use crate::airlog::error::{AirlogError, CheckpointError, LineError, ReadError};
use crate::airlog::verify::ProblemKind;

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Layout => tr!("line-layout"),
            Self::NotUtf8 => tr!("line-not-utf8"),
            Self::HashSpelling => tr!("line-hash-spelling"),
            Self::SignatureSpelling => tr!("line-signature-spelling"),
            Self::HashMismatch => tr!("line-hash-mismatch"),
            Self::Field(name) => tr!("line-field", name = name.to_string()),
            Self::UnsupportedVersion(v) => tr!("line-unsupported-version", version = *v),
            Self::NotCompact => tr!("line-not-compact"),
            Self::UnknownKind(kind) => tr!("line-unknown-kind", kind = kind.to_string()),
            Self::WrongVersion { version, needs } if version < needs => {
                tr!("line-version-too-old", version = *version, needs = *needs)
            }
            Self::WrongVersion { version, needs } => {
                tr!("line-version-too-new", version = *version, needs = *needs)
            }
            Self::NotCanonical(what) => tr!("line-not-canonical", what = what.to_string()),
            Self::Rule { rule, detail } => tr!(
                "line-rule",
                rule = rule.to_string(),
                detail = detail.to_string()
            ),
            Self::Data(detail) => tr!("line-data", detail = detail.to_string()),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for AirlogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, .. } => {
                write!(f, "{}: airing log input/output failed", path.display())
            }
            Self::Locked { dir, holder } => write!(
                f,
                "{}: {} is writing this airing log; wait for it to end, or stop it first",
                dir.display(),
                holder.as_deref().unwrap_or("another loa process")
            ),
            Self::InvalidStation { station } => write!(
                f,
                "station id {station:?} cannot be used: it must be non-empty, without control \
                 characters"
            ),
            Self::StationMismatch { dir, in_log, given } => write!(
                f,
                "{}: this airing log belongs to station {in_log:?}, but the configuration says \
                 {given:?}; point log_dir at this station's own log",
                dir.display()
            ),
            Self::KeyMismatch { dir, in_log, given } => write!(
                f,
                "{}: the log is signed with key {} but the key file holds {}; use the \
                 station's own key file (or finish an interrupted `loa key rotate`)",
                dir.display(),
                in_log.fingerprint(),
                given.fingerprint()
            ),
            Self::Encode(e) => write!(f, "a record could not be encoded: {e}"),
            Self::QueueFull { capacity } => write!(
                f,
                "the airing log cannot be written and {capacity} records already wait in \
                 memory: this event is not recorded (it is counted in the outage record)"
            ),
            Self::NotDurable { pending, error } => write!(
                f,
                "{pending} records could not be written to the airing log and are lost: {error}"
            ),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, .. } => write!(f, "{}: cannot read the airing log", path.display()),
            Self::Bad { path, line, error } => write!(f, "{}:{line}: {error}", path.display()),
            Self::Torn {
                path,
                offset,
                length,
            } => write!(
                f,
                "{}: ends in a partial line of {length} bytes at byte {offset} (a write cut \
                 short; the daemon moves it aside when it next starts)",
                path.display()
            ),
            Self::Chain {
                path,
                line,
                expected_seq,
                found_seq,
            } => write!(
                f,
                "{}:{line}: record {found_seq} does not follow record {} (records missing, \
                 inserted or reordered)",
                path.display(),
                expected_seq.saturating_sub(1)
            ),
        }
    }
}

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, .. } => {
                write!(f, "{}: cannot read or write the checkpoint", path.display())
            }
            Self::Bad { path, error } => write!(
                f,
                "{}: not a checkpoint file (one record line as it stands in the log): {error}",
                path.display()
            ),
        }
    }
}

/// A note `loa verify` prints beside the verdicts.
#[derive(Debug, Clone)]
pub enum VerifyNote {
    /// A path with no month file in it or below it.
    NoLog {
        /// The path.
        path: std::path::PathBuf,
    },
    /// A held checkpoint whose station was not among the logs verified.
    CheckpointUnmatched {
        /// Its station.
        station: String,
        /// Its sequence number.
        seq: u64,
    },
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Unreadable(detail) => tr!("problem-unreadable", detail = detail.as_str()),
            Self::BadLine(error) => error.to_string(),
            Self::TornTail { length } => tr!("problem-torn-tail", length = *length),
            Self::PartialLine { length } => tr!("problem-partial-line", length = *length),
            Self::BadSignature => tr!("problem-bad-signature"),
            Self::OutOfSequence { expected, found } => tr!(
                "problem-out-of-sequence",
                expected = *expected,
                found = *found
            ),
            Self::ChainBroken => tr!("problem-chain-broken"),
            Self::ForeignStation { expected, found } => tr!(
                "problem-foreign-station",
                expected = format!("{expected:?}"),
                found = format!("{found:?}")
            ),
            Self::NoGenesis => tr!("problem-no-genesis"),
            Self::LateGenesis => tr!("problem-late-genesis"),
            Self::UnusableKey => tr!("problem-unusable-key"),
            Self::KeyNotFiled { key, filed } => tr!(
                "problem-key-not-filed",
                key = key.fingerprint(),
                filed = filed
                    .iter()
                    .map(crate::airlog::PublicKey::fingerprint)
                    .collect::<Vec<_>>()
                    .join(&tr!("problem-key-or"))
            ),
            Self::NoFiledKey { filed_for } => {
                tr!("problem-no-filed-key", filed_for = filed_for.join(", "))
            }
            Self::CheckpointMismatch => tr!("problem-checkpoint-mismatch"),
            Self::Truncated { held_seq, last_seq } => match last_seq {
                Some(last) => tr!("problem-truncated", held = *held_seq, last = *last),
                None => tr!("problem-truncated-empty", held = *held_seq),
            },
            Self::CheckpointDiffers { held_seq } => {
                tr!("problem-checkpoint-differs", held = *held_seq)
            }
            Self::ForeignCheckpoint { station } => tr!(
                "problem-foreign-checkpoint",
                station = format!("{station:?}")
            ),
            Self::ForgedCheckpoint { held_seq } => {
                tr!("problem-forged-checkpoint", held = *held_seq)
            }
            Self::StartsAfterCheckpoint {
                held_seq,
                first_seq,
            } => tr!(
                "problem-starts-after-checkpoint",
                held = *held_seq,
                first = *first_seq
            ),
            Self::Empty => tr!("problem-empty"),
            Self::PreviousRunMismatch { said } => {
                use crate::airlog::record::PreviousRun;
                let said = match said {
                    PreviousRun::None => tr!("problem-previous-none"),
                    PreviousRun::CleanStop => tr!("problem-previous-clean"),
                    PreviousRun::Crashed => tr!("problem-previous-crashed"),
                };
                tr!("problem-previous-run", said = said)
            }
            Self::StartsAfterPeriod {
                first_at,
                period_start,
            } => tr!(
                "problem-starts-after-period",
                first = crate::airlog::time::format_instant(*first_at),
                period = crate::airlog::time::format_instant(*period_start)
            ),
            Self::ManifestMismatch { field } => {
                tr!("problem-manifest-mismatch", field = *field)
            }
            Self::BadCheckpointMember { error: None } => tr!("problem-no-checkpoint-member"),
            Self::BadCheckpointMember { error: Some(error) } => {
                tr!("problem-bad-checkpoint-member", error = error.to_string())
            }
        };
        f.write_str(&text)
    }
}
