//! Where the verifier's records come from: a log directory now, an export
//! bundle later. A source is an ordered list of month files, plus whatever
//! keys and checkpoints travel with it.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::airlog::checkpoint::HeldCheckpoint;
use crate::airlog::hash::Sha256Hash;
use crate::airlog::key::{PublicKey, PublicKeyFile};
use crate::airlog::parts::{Part, list_parts};

use super::verdict::ProblemKind;

/// One station's log, as the verifier reads it.
pub trait LogSource {
    /// How to name it in the verdict (a path).
    fn label(&self) -> String;
    /// The month files' names, in chain order.
    fn part_names(&self) -> Vec<String>;
    /// Opens the month file at `index` of [`LogSource::part_names`].
    fn open_part(&self, index: usize) -> std::io::Result<Box<dyn Read + '_>>;
    /// Public keys carried with the log (a bundle's key file).
    fn carried_keys(&self) -> Vec<PublicKeyFile> {
        Vec::new()
    }
    /// Checkpoints carried with the log (a bundle's checkpoint).
    fn carried_checkpoints(&self) -> Vec<HeldCheckpoint> {
        Vec::new()
    }
    /// Where the records begin when they are a slice of the chain, not the
    /// whole of it (an export carries the records from a checkpoint on).
    fn chain_start(&self) -> Option<ChainStart> {
        None
    }
    /// What the source says of its records, which the verifier holds it to
    /// (a bundle's manifest, §8.3).
    fn claims(&self) -> Option<Claims> {
        None
    }
}

/// What a bundle's manifest says of its records, and what is wrong with
/// the bundle before any record is read.
#[derive(Debug, Clone)]
pub struct Claims {
    /// `station`: every record's station.
    pub station: String,
    /// `first`: the first record's seq and hash, and the key in force for it.
    pub first: (u64, Sha256Hash, PublicKey),
    /// `last`: the last record's seq and hash.
    pub last: (u64, Sha256Hash),
    /// Problems of the bundle itself (its `files`, its `checkpoint` member).
    pub problems: Vec<ProblemKind>,
}

/// The first record of a slice of a chain and the key in force for it. The
/// verifier checks the slice as it would the whole log from there on; only
/// a checkpoint kept from an earlier export (or a filed key) ties the slice
/// to the station's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainStart {
    /// The sequence number of the slice's first record (above 0).
    pub seq: u64,
    /// The key that signs that record.
    pub key: PublicKey,
}

/// A log directory (`log_dir`).
#[derive(Debug, Clone)]
pub struct DirSource {
    dir: PathBuf,
    parts: Vec<Part>,
}

impl DirSource {
    /// The month files in `dir` (none if it has none).
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        Ok(Self {
            dir: dir.to_path_buf(),
            parts: list_parts(dir)?,
        })
    }

    /// Whether the directory holds any month file.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

impl LogSource for DirSource {
    fn label(&self) -> String {
        self.dir.display().to_string()
    }

    fn part_names(&self) -> Vec<String> {
        self.parts.iter().map(|p| p.name.file_name()).collect()
    }

    fn open_part(&self, index: usize) -> std::io::Result<Box<dyn Read + '_>> {
        let part = self
            .parts
            .get(index)
            .ok_or_else(|| std::io::Error::other("no such month file"))?;
        Ok(Box::new(std::fs::File::open(&part.path)?))
    }
}

/// What a path given to `loa verify` holds: one log directory, or a tree
/// of station log directories (a district's or province's collection,
/// searched a few levels deep), each a source. Empty when neither.
pub fn sources_at(path: &Path) -> std::io::Result<Vec<DirSource>> {
    let mut sources = Vec::new();
    collect_sources(path, 0, &mut sources)?;
    Ok(sources)
}

const MAX_DEPTH: usize = 6;

fn collect_sources(path: &Path, depth: usize, out: &mut Vec<DirSource>) -> std::io::Result<()> {
    let here = DirSource::open(path)?;
    if !here.is_empty() {
        out.push(here);
        return Ok(());
    }
    if depth == MAX_DEPTH {
        return Ok(());
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        collect_sources(&dir, depth + 1, out)?;
    }
    Ok(())
}
