//! What can go wrong in the airing log, as typed values. The wording lives
//! in `src/text/airlog.rs`.

use std::path::PathBuf;

use super::key::PublicKey;

/// Why a line is not a valid record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    /// Not `{"body":…,"hash":"…","sig":"…"}` byte for byte (this catches a
    /// BOM, CRLF, reordered or extra keys, spaces around the envelope).
    Layout,
    /// The line is not valid UTF-8.
    NotUtf8,
    /// The hash is not 64 lowercase hex digits.
    HashSpelling,
    /// The signature is not 64 bytes of canonical base64.
    SignatureSpelling,
    /// The hash does not match the body's bytes.
    HashMismatch,
    /// A fixed body field is missing, out of order or malformed.
    Field(&'static str),
    /// A format version this program does not know.
    UnsupportedVersion(u64),
    /// Whitespace outside strings in the kind's data.
    NotCompact,
    /// A kind this program does not know.
    UnknownKind(String),
    /// The kind's data does not match its schema.
    Data(String),
    /// A string or number in the body not in its one canonical spelling
    /// (an escape JSON does not require, `-0`, `1.0`, `1e0`, a raw control
    /// character): `"string"` or `"number"`.
    NotCanonical(&'static str),
    /// The record's `"v"` is not the lowest format version that has
    /// everything it uses (§5.1).
    WrongVersion {
        /// The record's `"v"`.
        version: u32,
        /// The version its content needs, which it must carry.
        needs: u32,
    },
    /// The record breaks a rule of §5 beyond its fields' types.
    Rule {
        /// Which rule: `late_ms`, `write_outage`, `relay_events`,
        /// `relay_event_kind`, `priority`, `interruptions`.
        rule: &'static str,
        /// What is wrong.
        detail: String,
    },
}

impl LineError {
    /// The machine code `loa verify --json` gives a bad line (`detail`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Layout => "layout",
            Self::NotUtf8 => "not_utf8",
            Self::HashSpelling => "hash_spelling",
            Self::SignatureSpelling => "signature_spelling",
            Self::HashMismatch => "hash_mismatch",
            Self::Field(_) => "field",
            Self::UnsupportedVersion(_) => "unsupported_version",
            Self::NotCompact => "not_compact",
            Self::UnknownKind(_) => "unknown_kind",
            Self::Data(_) => "data",
            Self::NotCanonical(_) => "not_canonical",
            Self::WrongVersion { .. } => "wrong_version",
            Self::Rule { rule, .. } => rule,
        }
    }
}

impl std::error::Error for LineError {}

/// Why a key file could not be created or used.
#[derive(Debug)]
pub enum KeyError {
    /// Reading or writing failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// `loa key generate` never replaces a key.
    Exists {
        /// The existing key file.
        path: PathBuf,
    },
    /// The key path is a directory or a device.
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// Another user owns the key file.
    WrongOwner {
        /// The key file.
        path: PathBuf,
        /// Its owner's uid.
        owner: u32,
        /// Our effective uid.
        me: u32,
    },
    /// Group or others may read or write the key file.
    TooOpen {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// Group or others may write the key's directory (and so replace it).
    DirectoryWritable {
        /// The directory.
        dir: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The secret key file is not in the expected form.
    MalformedSecret {
        /// The key file.
        path: PathBuf,
    },
    /// The public key file is not `loa-ed25519 <key> <station>`.
    MalformedPublic {
        /// The file.
        path: PathBuf,
    },
}

impl std::error::Error for KeyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Why the log writer could not open or append.
#[derive(Debug)]
pub enum AirlogError {
    /// A file operation failed where there is no way around it.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Another process holds the log's lock.
    Locked {
        /// The log directory.
        dir: PathBuf,
        /// Who holds it, as the lock file names it: "`loa play` (pid 1234)".
        holder: Option<String>,
    },
    /// The station id is empty or has control characters.
    InvalidStation {
        /// The id given.
        station: String,
    },
    /// The log belongs to another station.
    StationMismatch {
        /// The log directory.
        dir: PathBuf,
        /// The station its records name.
        in_log: String,
        /// The station the caller gave.
        given: String,
    },
    /// The key given is not the key the log is signed with now.
    KeyMismatch {
        /// The log directory.
        dir: PathBuf,
        /// The key in force in the log.
        in_log: PublicKey,
        /// The key the caller gave.
        given: PublicKey,
    },
    /// A record could not be encoded (a field serde refused).
    Encode(LineError),
    /// Writing has been failing and the memory queue is full: this event
    /// could not be recorded; the outage record will count it.
    QueueFull {
        /// How many records the queue holds.
        capacity: usize,
    },
    /// Records still held in memory when the log was stopped.
    NotDurable {
        /// How many.
        pending: usize,
        /// The last write error.
        error: String,
    },
}

impl std::error::Error for AirlogError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Encode(e) => Some(e),
            _ => None,
        }
    }
}

/// Why [`super::reader::read_records`] could not give a record.
#[derive(Debug)]
pub enum ReadError {
    /// A file could not be listed or read.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A line is not a valid record.
    Bad {
        /// The month file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// Why.
        error: LineError,
    },
    /// The file ends in a partial line (a write cut short).
    Torn {
        /// The month file.
        path: PathBuf,
        /// Where the partial line begins.
        offset: u64,
        /// Its length.
        length: u64,
    },
    /// A record does not follow the one before it.
    Chain {
        /// The month file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// The sequence number that should have come.
        expected_seq: u64,
        /// The one found.
        found_seq: u64,
    },
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Bad { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Why a held checkpoint file cannot be used.
#[derive(Debug)]
pub enum CheckpointError {
    /// The file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not one valid record line.
    Bad {
        /// The file.
        path: PathBuf,
        /// Why.
        error: LineError,
    },
}

impl std::error::Error for CheckpointError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Bad { error, .. } => Some(error),
        }
    }
}
