//! Messages about the airing log and verification: the errors' wording
//! and `loa verify`'s verdicts (`loa key` speaks in `key.rs`, `loa log`
//! in `log.rs`).

use std::fmt;

use crate::tr;

use super::shown;

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
        f.write_str(&match self {
            Self::Io { path, .. } => tr!("airlog-io", path = shown(path)),
            Self::Locked { dir, holder } => tr!(
                "airlog-locked",
                dir = shown(dir),
                holder = holder
                    .clone()
                    .unwrap_or_else(|| tr!("airlog-another-process"))
            ),
            Self::InvalidStation { station } => {
                tr!("airlog-bad-station", station = format!("{station:?}"))
            }
            Self::StationMismatch { dir, in_log, given } => tr!(
                "airlog-station-mismatch",
                dir = shown(dir),
                in_log = format!("{in_log:?}"),
                given = format!("{given:?}")
            ),
            Self::KeyMismatch { dir, in_log, given } => tr!(
                "airlog-key-mismatch",
                dir = shown(dir),
                in_log = in_log.fingerprint(),
                given = given.fingerprint()
            ),
            Self::Encode(e) => tr!("airlog-encode", error = e.to_string()),
            Self::QueueFull { capacity } => {
                tr!("airlog-queue-full", capacity = capacity.to_string())
            }
            Self::NotDurable { pending, error } => tr!(
                "airlog-not-durable",
                pending = pending.to_string(),
                error = error.to_string()
            ),
        })
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Io { path, .. } => tr!("airlog-unreadable", path = shown(path)),
            Self::Bad { path, line, error } => format!("{}:{line}: {error}", path.display()),
            Self::Torn {
                path,
                offset,
                length,
            } => tr!(
                "airlog-torn",
                path = shown(path),
                length = length.to_string(),
                offset = offset.to_string()
            ),
            Self::Chain {
                path,
                line,
                expected_seq,
                found_seq,
            } => tr!(
                "airlog-chain",
                path = shown(path),
                line = line.to_string(),
                found = found_seq.to_string(),
                previous = expected_seq.saturating_sub(1).to_string()
            ),
        })
    }
}

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Io { path, .. } => tr!("checkpoint-io", path = shown(path)),
            Self::Bad { path, error } => tr!(
                "checkpoint-bad",
                path = shown(path),
                error = error.to_string()
            ),
        })
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
