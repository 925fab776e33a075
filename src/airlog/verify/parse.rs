//! The workers' first job: every line of a chunk checked on its own
//! (layout, UTF-8, hash, fields), reduced to what the chain check and the
//! signature check need. This is the part that runs on both cores.

use chrono::{DateTime, Utc};

use crate::airlog::codec::{CheckedLine, check_envelope, check_line};
use crate::airlog::error::LineError;
use crate::airlog::hash::Sha256Hash;
use crate::airlog::key::PublicKey;
use crate::airlog::record::{Checkpoint, PreviousRun, RecordKind};

use super::chunks::Chunk;

/// One line of a chunk, checked on its own.
pub type Entry = Result<Summary, LineError>;

/// A good line, reduced.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Index into [`ParsedChunk::stations`].
    pub station: u16,
    /// `seq`.
    pub seq: u64,
    /// `prev`.
    pub prev: Sha256Hash,
    /// The record's hash.
    pub hash: Sha256Hash,
    /// `at`.
    pub at: DateTime<Utc>,
    /// The signature bytes.
    pub signature: [u8; 64],
    /// What the chain check needs from the kind.
    pub role: Role,
}

/// The kinds the chain check treats specially.
#[derive(Debug, Clone, Copy)]
pub enum Role {
    /// `genesis` with its key.
    Genesis(PublicKey),
    /// `key_rotation` with the new key.
    Rotation(PublicKey),
    /// `checkpoint` with what it names.
    Checkpoint(Checkpoint),
    /// `daemon_start` with what it says of the previous run.
    DaemonStart(PreviousRun),
    /// `daemon_stop`.
    DaemonStop,
    /// Any other kind.
    Plain,
}

/// A chunk's lines, checked.
#[derive(Debug)]
pub struct ParsedChunk {
    /// The chunk, minus its bytes.
    pub index: usize,
    /// Which month file.
    pub part: usize,
    /// 1-based line number of the first entry.
    pub first_line: u64,
    /// What followed the whole lines.
    pub after: super::chunks::After,
    /// One entry per line.
    pub entries: Vec<Entry>,
    /// The distinct station ids the entries name.
    pub stations: Vec<String>,
    /// The chunk's emptied buffer, for the reader to fill again.
    pub spare: Vec<u8>,
}

/// Checks every line of `chunk`. With `full`, each kind's data is checked
/// (UTF-8, compact, schema) too; without, only the data of the kinds the
/// chain needs is parsed. The chunk's buffer comes back for reuse.
pub fn parse_chunk(chunk: Chunk, full: bool) -> ParsedChunk {
    let mut stations: Vec<String> = Vec::new();
    let mut start = 0;
    let entries = memchr::memchr_iter(b'\n', &chunk.data)
        .map(|end| {
            let line = &chunk.data[start..end];
            start = end + 1;
            summarize(line, full, &mut stations)
        })
        .collect();
    let mut spare = chunk.data;
    spare.clear();
    ParsedChunk {
        spare,
        index: chunk.index,
        part: chunk.part,
        first_line: chunk.first_line,
        after: chunk.after,
        entries,
        stations,
    }
}

fn summarize(line: &[u8], full: bool, stations: &mut Vec<String>) -> Entry {
    let checked = if full {
        check_line(line)?
    } else {
        check_envelope(line)?
    };
    let role = role_of(&checked, full)?;
    let name = checked.header.station.as_ref();
    let station = match stations.iter().position(|s| s == name) {
        Some(index) => index,
        None => {
            stations.push(name.to_string());
            stations.len() - 1
        }
    };
    Ok(Summary {
        station: u16::try_from(station).unwrap_or(u16::MAX),
        seq: checked.header.seq,
        prev: checked.header.prev,
        hash: checked.hash(),
        at: checked.header.at,
        signature: checked.raw.signature,
        role,
    })
}

fn role_of(checked: &CheckedLine<'_>, full: bool) -> Result<Role, LineError> {
    let needed = matches!(
        checked.header.kind,
        "genesis" | "key_rotation" | "checkpoint"
    );
    if !full && !needed {
        return Ok(Role::Plain);
    }
    Ok(match checked.kind()? {
        RecordKind::Genesis(genesis) => Role::Genesis(genesis.public_key),
        RecordKind::KeyRotation(rotation) => Role::Rotation(rotation.public_key),
        RecordKind::Checkpoint(checkpoint) => Role::Checkpoint(checkpoint),
        RecordKind::DaemonStart(start) => Role::DaemonStart(start.previous_run),
        RecordKind::DaemonStop(_) => Role::DaemonStop,
        _ => Role::Plain,
    })
}
