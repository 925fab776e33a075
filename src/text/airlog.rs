//! Messages about the airing log and verification: the errors' wording
//! and `loa verify`'s verdicts (`loa key` speaks in `key.rs`, `loa log`
//! in `log.rs`).

use std::fmt;

use crate::airlog::error::{AirlogError, CheckpointError, LineError, ReadError};
use crate::airlog::verify::ProblemKind;

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Layout => f.write_str(
                "not a record line: expected {\"body\":…,\"hash\":\"…\",\"sig\":\"…\"} exactly, \
                 with nothing before or after (no BOM, no CR)",
            ),
            Self::NotUtf8 => f.write_str("the line is not valid UTF-8"),
            Self::HashSpelling => f.write_str("the hash is not 64 lowercase hex digits"),
            Self::SignatureSpelling => {
                f.write_str("the signature is not 64 bytes in canonical base64")
            }
            Self::HashMismatch => {
                f.write_str("the hash does not match the body: the body or the hash was changed")
            }
            Self::Field(name) => write!(
                f,
                "body field `{name}` is missing, out of order or malformed"
            ),
            Self::UnsupportedVersion(v) => {
                write!(
                    f,
                    "format version {v} is not known to this loa (newer loa needed?)"
                )
            }
            Self::NotCompact => f.write_str("whitespace outside strings in the record's data"),
            Self::UnknownKind(kind) => write!(f, "unknown record kind `{kind}`"),
            Self::WrongVersion { version, needs } if version < needs => write!(
                f,
                "the record says format version {version} but uses what version {needs} added"
            ),
            Self::WrongVersion { version, needs } => write!(
                f,
                "the record says format version {version}, but what it holds is version \
                 {needs}, the version it must carry"
            ),
            Self::NotCanonical(what) => write!(
                f,
                "a {what} in the record is not spelt the one way the format allows \
                 (an escape JSON does not need, -0, 1.0, 1e0, or a raw control character)"
            ),
            Self::Rule { rule, detail } => {
                write!(f, "the record breaks the rule on {rule}: {detail}")
            }
            Self::Data(detail) => write!(f, "the record's data does not match its kind: {detail}"),
        }
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
        match self {
            Self::Unreadable(detail) => write!(f, "cannot be read: {detail}"),
            Self::BadLine(error) => write!(f, "{error}"),
            Self::TornTail { length } => write!(
                f,
                "torn: the log ends in a partial line of {length} bytes (a write cut short by \
                 a crash or power cut; the daemon moves it aside when it next starts)"
            ),
            Self::PartialLine { length } => write!(
                f,
                "a partial line of {length} bytes ends this file, but later files follow"
            ),
            Self::BadSignature => f.write_str(
                "the signature does not verify with the station's key in force: the record was \
                 changed or forged",
            ),
            Self::OutOfSequence { expected, found } => write!(
                f,
                "record {found} where record {expected} should be: records deleted, inserted, \
                 duplicated or reordered"
            ),
            Self::ChainBroken => f.write_str(
                "`prev` does not name the record before it: a record was replaced or reordered",
            ),
            Self::ForeignStation { expected, found } => write!(
                f,
                "a record of station {found:?} in the log of station {expected:?}"
            ),
            Self::NoGenesis => f.write_str(
                "the log does not begin with the station's genesis record (record 0): its \
                 beginning was removed or replaced",
            ),
            Self::LateGenesis => f.write_str("a second genesis record inside the log"),
            Self::UnusableKey => f.write_str("the key it introduces is not a usable Ed25519 key"),
            Self::KeyNotFiled { key, filed } => write!(
                f,
                "the log is signed by key {}, but the key filed for this station is {}",
                key.fingerprint(),
                filed
                    .iter()
                    .map(crate::airlog::PublicKey::fingerprint)
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Self::NoFiledKey { filed_for } => write!(
                f,
                "the public keys given are filed for other stations ({}), none for this one",
                filed_for.join(", ")
            ),
            Self::CheckpointMismatch => {
                f.write_str("the checkpoint does not name the record before it")
            }
            Self::Truncated { held_seq, last_seq } => match last_seq {
                Some(last) => write!(
                    f,
                    "records removed: a checkpoint kept from an earlier export shows record \
                     {held_seq}, but the log ends at record {last}"
                ),
                None => write!(
                    f,
                    "records removed: a checkpoint kept from an earlier export shows record \
                     {held_seq}, but the log has no records"
                ),
            },
            Self::CheckpointDiffers { held_seq } => write!(
                f,
                "record {held_seq} is not the one the checkpoint kept from an earlier export \
                 shows: the log was rewritten"
            ),
            Self::ForeignCheckpoint { station } => write!(
                f,
                "the export's checkpoint is a record of station {station:?}, not of this log"
            ),
            Self::ForgedCheckpoint { held_seq } => write!(
                f,
                "the checkpoint given for record {held_seq} is not signed by this station's key"
            ),
            Self::StartsAfterCheckpoint {
                held_seq,
                first_seq,
            } => write!(
                f,
                "this export begins at record {first_seq}, after record {held_seq} of the \
                 checkpoint kept from the earlier export, so it cannot show that it extends it; \
                 ask the station for `loa export --since` that checkpoint"
            ),
            Self::Empty => f.write_str("the log has no records"),
            Self::PreviousRunMismatch { said } => write!(
                f,
                "daemon_start says the previous run {}, which the record before it contradicts",
                match said {
                    crate::airlog::record::PreviousRun::None => "was none (first start)",
                    crate::airlog::record::PreviousRun::CleanStop => "stopped cleanly",
                    crate::airlog::record::PreviousRun::Crashed => "crashed",
                }
            ),
            Self::StartsAfterPeriod {
                first_at,
                period_start,
            } => write!(
                f,
                "the bundle's records begin at {}, after its period began at {}: records of the \
                 period are missing (export the period again)",
                crate::airlog::time::format_instant(*first_at),
                crate::airlog::time::format_instant(*period_start)
            ),
            Self::ManifestMismatch { field } => write!(
                f,
                "the bundle's manifest.json gives a `{field}` its records contradict"
            ),
            Self::BadCheckpointMember { error: None } => f.write_str(
                "the bundle has no `checkpoint` member (every export carries its checkpoint)",
            ),
            Self::BadCheckpointMember { error: Some(error) } => write!(
                f,
                "the bundle's `checkpoint` member is not one checkpoint record line: {error}"
            ),
        }
    }
}
