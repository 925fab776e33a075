//! Reading an export bundle: one uncompressed tar file (any `tar` lists
//! it) holding the manifest, the station's public key, the fresh signed
//! checkpoint, the topic catalogue, the period's report and the month files
//! of a slice of the log. The month files are read in place, straight from
//! the tar, so verifying a bundle needs no unpacking and no memory beyond
//! the verifier's.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono_tz::Tz;

use crate::airlog::LineError;
use crate::airlog::checkpoint::HeldCheckpoint;
use crate::airlog::codec::check_line;
use crate::airlog::parts::PartName;
use crate::airlog::verify::{ChainStart, Claims, LogSource, ProblemKind};

use crate::report::catalogue::Catalogue;
use crate::report::manifest::{FORMAT, Manifest, VERSION, member};

/// Small members (manifest, key, checkpoint, catalogue) are at most this big.
const MAX_SMALL_MEMBER: u64 = 1 << 20;

/// An export bundle, opened.
#[derive(Debug, Clone)]
pub struct Bundle {
    path: PathBuf,
    /// What the bundle says about itself.
    pub manifest: Manifest,
    /// The month files: name, offset of the data in the tar, size.
    parts: Vec<(PartName, u64, u64)>,
    /// The checkpoint the export made, if it carries one that reads.
    pub checkpoint: Option<HeldCheckpoint>,
    /// What is wrong with the `checkpoint` member, when it is missing or
    /// not one `checkpoint` record line (every export carries one, §8.2).
    checkpoint_error: Option<Option<LineError>>,
    /// The station's topic catalogue, if carried.
    pub catalogue: Option<Catalogue>,
    /// The station's public key file, as carried (informational: the
    /// Department's filed key is what counts).
    pub public_key: Option<String>,
}

/// Why a file is not a readable bundle.
#[derive(Debug)]
pub enum BundleError {
    /// It could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A tar without a manifest: not made by `loa export`.
    NoManifest {
        /// The file.
        path: PathBuf,
    },
    /// The manifest does not read.
    BadManifest {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// A newer layout than this `loa` knows.
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// The version it names.
        version: u32,
    },
    /// A member is too big, not a plain file, or twice in the tar.
    BadMember {
        /// The file.
        path: PathBuf,
        /// The member's name.
        name: String,
    },
}

impl std::error::Error for BundleError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Whether `path` is a file (a bundle) rather than a log directory.
pub fn is_bundle_path(path: &Path) -> bool {
    path.is_file()
}

#[derive(Default)]
struct Members {
    manifest: Option<Vec<u8>>,
    checkpoint: Option<Vec<u8>>,
    topics: Option<Vec<u8>>,
    public_key: Option<Vec<u8>>,
    parts: Vec<(PartName, u64, u64)>,
}

impl Bundle {
    /// Opens the bundle at `path` and reads its small members.
    pub fn open(path: &Path) -> Result<Self, BundleError> {
        let io = |source| BundleError::Io {
            path: path.to_path_buf(),
            source,
        };
        let members = read_members(path).map_err(|e| match e {
            MemberError::Io(source) => io(source),
            MemberError::Bad(name) => BundleError::BadMember {
                path: path.to_path_buf(),
                name,
            },
        })?;
        let manifest_bytes = members.manifest.ok_or_else(|| BundleError::NoManifest {
            path: path.to_path_buf(),
        })?;
        let manifest: Manifest =
            serde_json::from_slice(&manifest_bytes).map_err(|e| BundleError::BadManifest {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })?;
        if manifest.format != FORMAT {
            return Err(BundleError::BadManifest {
                path: path.to_path_buf(),
                detail: format!("format {:?}, expected {FORMAT:?}", manifest.format),
            });
        }
        if !(1..=VERSION).contains(&manifest.version) {
            return Err(BundleError::UnknownVersion {
                path: path.to_path_buf(),
                version: manifest.version,
            });
        }
        if manifest.version != manifest.required_version() {
            return Err(BundleError::BadManifest {
                path: path.to_path_buf(),
                detail: format!(
                    "version {} with the fields of version {}",
                    manifest.version,
                    manifest.required_version()
                ),
            });
        }
        let mut parts = members.parts;
        parts.sort_by_key(|(name, _, _)| *name);
        let (checkpoint, checkpoint_error) =
            match members.checkpoint.as_deref().map(checkpoint_member) {
                None => (None, Some(None)),
                Some(Ok(checkpoint)) => (Some(checkpoint), None),
                Some(Err(error)) => (None, Some(Some(error))),
            };
        Ok(Self {
            path: path.to_path_buf(),
            manifest,
            parts,
            checkpoint,
            checkpoint_error,
            catalogue: members
                .topics
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .and_then(|text| Catalogue::parse(&text).ok()),
            public_key: members
                .public_key
                .and_then(|bytes| String::from_utf8(bytes).ok()),
        })
    }

    /// The station's time zone (Ho Chi Minh City if the manifest names
    /// none this `loa` knows).
    pub fn timezone(&self) -> Tz {
        self.manifest
            .timezone
            .parse()
            .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The bytes of the member `name` (for `report.json`), if present.
    pub fn read_member(&self, name: &str) -> std::io::Result<Option<Vec<u8>>> {
        let mut archive = tar::Archive::new(File::open(&self.path)?);
        for entry in archive.entries()? {
            let mut entry = entry?;
            if entry.path()?.to_str() == Some(name) {
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes)?;
                return Ok(Some(bytes));
            }
        }
        Ok(None)
    }
}

/// The `checkpoint` member: one `checkpoint` record line and its LF.
fn checkpoint_member(bytes: &[u8]) -> Result<HeldCheckpoint, LineError> {
    let line = bytes.strip_suffix(b"\n").ok_or(LineError::Layout)?;
    if line.contains(&b'\n') {
        return Err(LineError::Layout);
    }
    let held = HeldCheckpoint::from_line(line)?;
    match check_line(line)?.header.kind {
        "checkpoint" => Ok(held),
        _ => Err(LineError::Field("kind")),
    }
}

enum MemberError {
    Io(std::io::Error),
    Bad(String),
}

impl From<std::io::Error> for MemberError {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

fn read_members(path: &Path) -> Result<Members, MemberError> {
    let mut archive = tar::Archive::new(File::open(path)?);
    let mut members = Members::default();
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.to_string_lossy().into_owned();
        let kind = entry.header().entry_type();
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            return Err(MemberError::Bad(name));
        }
        let size = entry.size();
        if let Some(file) = name.strip_prefix(member::LOG_DIR) {
            let Some(part) = PartName::parse(file) else {
                continue;
            };
            if members.parts.iter().any(|(p, _, _)| *p == part) {
                return Err(MemberError::Bad(name));
            }
            members.parts.push((part, entry.raw_file_position(), size));
            continue;
        }
        let slot = match name.as_str() {
            member::MANIFEST => &mut members.manifest,
            member::CHECKPOINT => &mut members.checkpoint,
            member::TOPICS => &mut members.topics,
            member::PUBLIC_KEY => &mut members.public_key,
            _ => continue,
        };
        if slot.is_some() || size > MAX_SMALL_MEMBER {
            return Err(MemberError::Bad(name));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        entry.read_to_end(&mut bytes)?;
        *slot = Some(bytes);
    }
    Ok(members)
}

impl LogSource for Bundle {
    fn label(&self) -> String {
        self.path.display().to_string()
    }

    fn part_names(&self) -> Vec<String> {
        self.parts
            .iter()
            .map(|(name, _, _)| name.file_name())
            .collect()
    }

    fn open_part(&self, index: usize) -> std::io::Result<Box<dyn Read + '_>> {
        let (_, offset, size) = self
            .parts
            .get(index)
            .ok_or_else(|| std::io::Error::other("no such month file"))?;
        let mut file = File::open(&self.path)?;
        file.seek(SeekFrom::Start(*offset))?;
        Ok(Box::new(file.take(*size)))
    }

    /// The bundle's own checkpoint: its log must contain it (the export
    /// ends there), and its signature must be the station's.
    fn carried_checkpoints(&self) -> Vec<HeldCheckpoint> {
        self.checkpoint.iter().cloned().collect()
    }

    // The carried public key is deliberately not offered as a filed key:
    // the verifier would accept a bundle's key as if the Department had
    // filed it. The slice's starting key is checked against the filed keys
    // and held checkpoints instead.

    /// The manifest's `station`, `first` and `last`, which the records must
    /// show, and what is wrong with `files` and the `checkpoint` member.
    fn claims(&self) -> Option<Claims> {
        let mut problems = Vec::new();
        let files: Vec<String> = self
            .parts
            .iter()
            .map(|(name, _, _)| format!("{}{}", member::LOG_DIR, name.file_name()))
            .collect();
        if files != self.manifest.files {
            problems.push(ProblemKind::ManifestMismatch { field: "files" });
        }
        if let Some(error) = &self.checkpoint_error {
            problems.push(ProblemKind::BadCheckpointMember {
                error: error.clone(),
            });
        }
        if let Some(checkpoint) = &self.checkpoint
            && (checkpoint.seq, checkpoint.hash)
                != (self.manifest.last.seq, self.manifest.last.hash)
        {
            problems.push(ProblemKind::ManifestMismatch { field: "last" });
        }
        let first = &self.manifest.first;
        Some(Claims {
            station: self.manifest.station.clone(),
            first: (first.seq, first.hash, first.key),
            last: (self.manifest.last.seq, self.manifest.last.hash),
            problems,
            period_start: chrono::NaiveDate::parse_from_str(&self.manifest.period.from, "%Y-%m-%d")
                .ok()
                .map(|day| crate::report::period::local_midnight(day, self.timezone())),
        })
    }

    fn chain_start(&self) -> Option<ChainStart> {
        (self.manifest.first.seq > 0).then_some(ChainStart {
            seq: self.manifest.first.seq,
            key: self.manifest.first.key,
        })
    }
}
