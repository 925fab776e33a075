//! Messages about the airing log, keys and verification.

use std::fmt;

use crate::airlog::error::{AirlogError, CheckpointError, KeyError, LineError, ReadError};

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
            Self::Locked { dir } => write!(
                f,
                "{}: another loa process is writing this airing log (stop the daemon first)",
                dir.display()
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
