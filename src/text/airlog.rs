//! Messages about the airing log, keys and verification: the errors'
//! wording, what `loa key` says, `loa verify`'s verdicts and `loa log`'s
//! airing lines.

use std::fmt;

use crate::airlog::error::{AirlogError, CheckpointError, KeyError, LineError, ReadError};
use crate::airlog::key::PublicKeyFile;
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

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, .. } => write!(f, "{}: cannot read or write the key", path.display()),
            Self::Exists { path } => write!(
                f,
                "{}: a key already exists; loa never overwrites a key \
                 (use `loa key rotate` to change it)",
                path.display()
            ),
            Self::NotAFile { path } => write!(f, "{}: the key path is not a file", path.display()),
            Self::WrongOwner { path, owner, me } => write!(
                f,
                "{}: the key file belongs to user {owner}, not to this user ({me}); \
                 fix: chown {me} {}",
                path.display(),
                path.display()
            ),
            Self::TooOpen { path, mode } => write!(
                f,
                "{}: permissions {mode:04o} are too open: others could read the station's \
                 private key; fix: chmod 600 {}",
                path.display(),
                path.display()
            ),
            Self::DirectoryWritable { dir, mode } => write!(
                f,
                "{}: the key's directory has permissions {mode:04o}: others could replace \
                 the key; fix: chmod go-w {}",
                dir.display(),
                dir.display()
            ),
            Self::MalformedSecret { path } => write!(
                f,
                "{}: not a loa secret key file (expected `loa-ed25519-secret-key-v1` and a \
                 base64 line)",
                path.display()
            ),
            Self::MalformedPublic { path } => write!(
                f,
                "{}: not a loa public key file (expected one line \
                 `loa-ed25519 <key> <station id>`, as `loa key show --out` writes)",
                path.display()
            ),
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

/// What `loa key` tells the technician.
#[derive(Debug, Clone)]
pub enum KeyMessage {
    /// A key was created.
    Generated {
        /// Where.
        path: std::path::PathBuf,
        /// Its fingerprint.
        fingerprint: String,
    },
    /// The public key, for the Department.
    Show(PublicKeyFile),
    /// The `.pub` file was written.
    PublicFileWritten {
        /// Where.
        path: std::path::PathBuf,
    },
    /// The key was rotated.
    Rotated {
        /// The old key's fingerprint.
        old: String,
        /// The new key's fingerprint.
        new: String,
    },
}

impl fmt::Display for KeyMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Generated { path, fingerprint } => write!(
                f,
                "created the station key {}\nfingerprint: {fingerprint}\n\
                 give the Department the public key: loa key show --out station.pub",
                path.display()
            ),
            Self::Show(file) => write!(
                f,
                "station:     {}\npublic key:  {}\nfingerprint: {}",
                file.station,
                format_args!("loa-ed25519 {}", file.key.to_base64()),
                file.key.fingerprint()
            ),
            Self::PublicFileWritten { path } => {
                write!(f, "wrote the public key file {}", path.display())
            }
            Self::Rotated { old, new } => write!(
                f,
                "key rotated: {old} -> {new}\nthe airing log records the new key, signed by the \
                 old one; give the Department the new public key: loa key show --out station.pub"
            ),
        }
    }
}

/// Why `loa key rotate` stopped.
#[derive(Debug)]
pub enum RotateError {
    /// The rotation record could not be written to disk.
    NotRecorded,
}

impl std::error::Error for RotateError {}

impl fmt::Display for RotateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotRecorded => f.write_str(
                "the airing log could not be written, so the key was not changed; free disk \
                 space and run `loa key rotate` again (it resumes with the same new key)",
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

/// Notes `loa log` prints on standard error.
#[derive(Debug)]
pub enum LogNote {
    /// A record could not be read.
    Unreadable(ReadError),
    /// How many records could not be read.
    Problems {
        /// How many.
        count: u64,
        /// The log directory.
        dir: std::path::PathBuf,
    },
}

impl fmt::Display for LogNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreadable(error) => write!(f, "warning: {error}"),
            Self::Problems { count, dir } => write!(
                f,
                "warning: {count} records could not be read; run `loa verify {}` for details",
                dir.display()
            ),
        }
    }
}

/// One airing as `loa log` prints it for a technician: a line, then one
/// line per segment.
pub struct AiringLine<'a> {
    /// The airing.
    pub airing: &'a crate::airlog::airings::Airing,
    /// The station's time zone.
    pub zone: chrono_tz::Tz,
}

impl fmt::Display for AiringLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::airlog::airings::AiringStatus;
        use crate::airlog::record::{AiringOutcome, SegmentOutcome};
        let airing = self.airing;
        let local = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&self.zone);
        let scheduled = local(airing.scheduled).format("%Y-%m-%d %a %H:%M");
        let status = match &airing.status {
            AiringStatus::Ended(AiringOutcome::Completed) => "completed".to_string(),
            AiringStatus::Ended(AiringOutcome::CutAtMax) => "cut at the session maximum".into(),
            AiringStatus::Ended(AiringOutcome::Interrupted { reason }) => {
                format!("interrupted: {reason}")
            }
            AiringStatus::Ended(AiringOutcome::Failed { reason }) => format!("FAILED: {reason}"),
            AiringStatus::Missed(reason) => format!("MISSED: {reason}"),
            AiringStatus::Unfinished => "no end recorded (stopped or crashed while airing)".into(),
        };
        let manual = if airing.manual { " (manual)" } else { "" };
        write!(f, "{scheduled}  {}{manual}  {status}", airing.slot)?;
        if let Some(started) = airing.started {
            write!(f, "; started {}", local(started).format("%H:%M:%S%.3f"))?;
            if let Some(late) = airing.late_ms {
                write!(f, " ({late:+} ms)")?;
            }
        }
        if let Some(ended) = airing.ended {
            write!(f, ", ended {}", local(ended).format("%H:%M:%S%.3f"))?;
        }
        writeln!(f)?;
        for (n, segment) in airing.segments.iter().enumerate() {
            let outcome = match &segment.outcome {
                SegmentOutcome::Aired => "aired".to_string(),
                SegmentOutcome::Cut => "cut short".into(),
                SegmentOutcome::Skipped { reason } => format!("skipped: {reason}"),
                SegmentOutcome::Failed { reason } => format!("failed: {reason}"),
                SegmentOutcome::DeadAir { at_ms, silent_ms } => format!(
                    "dead air: silent {:.1} s from {}:{:02}, skipped",
                    *silent_ms as f64 / 1000.0,
                    at_ms / 60_000,
                    (at_ms / 1000) % 60
                ),
            };
            let seconds = segment.aired_ms / 1000;
            writeln!(
                f,
                "    {}. {} [topic {}, {}] {}:{:02} {outcome}  ({})",
                n + 1,
                segment.title,
                segment.topic,
                segment.language,
                seconds / 60,
                seconds % 60,
                segment.file
            )?;
        }
        for (n, segment) in airing.planned.iter().enumerate() {
            writeln!(
                f,
                "    {}. {} [topic {}, {}] planned  ({})",
                n + 1,
                segment.title,
                segment.topic,
                segment.language,
                segment.file
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for crate::airlog::record::MissReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::airlog::record::MissReason;
        match self {
            MissReason::DaemonDown => write!(f, "loa was not running"),
            MissReason::DeviceFailure { detail } => write!(f, "audio device failed: {detail}"),
            MissReason::NothingToAir => write!(f, "nothing valid to air"),
            MissReason::TooLate => write!(f, "too late to start"),
            MissReason::ClockStep => write!(f, "the clock jumped over it"),
            MissReason::Other { detail } => write!(f, "{detail}"),
        }
    }
}
