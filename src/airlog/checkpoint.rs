//! Checkpoints held outside the log. Deleting the tail of a hash chain
//! leaves a valid shorter chain; only a signed record kept elsewhere (the
//! Department keeps the checkpoint of each export) shows that the log once
//! reached further. A held checkpoint file is one record line, exactly as
//! it stands in the log, so it carries its own hash and signature.

use std::path::Path;

use chrono::{DateTime, Utc};
use ed25519_dalek::VerifyingKey;

use super::codec::check_line;
use super::error::{CheckpointError, LineError, ReadError};
use super::hash::Sha256Hash;
use super::parts::list_parts;
use super::reader::LineScanner;

/// A record line kept outside the log, usually a `checkpoint` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldCheckpoint {
    /// The station that wrote it.
    pub station: String,
    /// Its sequence number.
    pub seq: u64,
    /// Its hash: the log must hold a record with this sequence number and
    /// this hash.
    pub hash: Sha256Hash,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// Its signature.
    pub signature: [u8; 64],
    /// The line, without its newline.
    pub line: Vec<u8>,
}

impl HeldCheckpoint {
    /// Reads a record line (without newline): layout, hash and fields.
    pub fn from_line(line: &[u8]) -> Result<Self, LineError> {
        let checked = check_line(line)?;
        checked.kind()?;
        Ok(Self {
            station: checked.header.station.to_string(),
            seq: checked.header.seq,
            hash: checked.hash(),
            at: checked.header.at,
            signature: checked.raw.signature,
            line: line.to_vec(),
        })
    }

    /// Reads a held checkpoint file: one record line and its newline.
    pub fn read(path: &Path) -> Result<Self, CheckpointError> {
        let bytes = std::fs::read(path).map_err(|source| CheckpointError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let bad = |error| CheckpointError::Bad {
            path: path.to_path_buf(),
            error,
        };
        let line = bytes.strip_suffix(b"\n").ok_or(bad(LineError::Layout))?;
        if line.contains(&b'\n') {
            return Err(bad(LineError::Layout));
        }
        Self::from_line(line).map_err(bad)
    }

    /// Writes the held checkpoint file.
    pub fn write(&self, path: &Path) -> Result<(), CheckpointError> {
        let mut bytes = self.line.clone();
        bytes.push(b'\n');
        std::fs::write(path, bytes).map_err(|source| CheckpointError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Whether `key` signed it (under the log's one signature rule).
    pub fn signed_by(&self, key: &VerifyingKey) -> bool {
        crate::airlog::verify::signatures::zip215_valid(key, &self.hash.0, &self.signature)
    }
}

/// The newest `checkpoint` record of the log in `dir`, to hand over with an
/// export and keep.
pub fn latest_checkpoint(dir: &Path) -> Result<Option<HeldCheckpoint>, ReadError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ReadError::Io { path, source }
    };
    let mut latest = None;
    for part in list_parts(dir).map_err(io(dir))? {
        let mut scanner = LineScanner::open(&part.path).map_err(io(&part.path))?;
        while let Some(line) = scanner.next_line().map_err(io(&part.path))? {
            if line.complete
                && let Ok(checked) = check_line(line.bytes)
                && checked.header.kind == "checkpoint"
            {
                latest = Some(line.bytes.to_vec());
            }
        }
    }
    latest
        .map(|line| {
            HeldCheckpoint::from_line(&line).map_err(|error| ReadError::Bad {
                path: dir.to_path_buf(),
                line: 0,
                error,
            })
        })
        .transpose()
}
