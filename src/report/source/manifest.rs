//! What an export bundle says about itself (`manifest.json`): whose log,
//! which records, which period, and where its checkpoint came from. The
//! verifier trusts none of it except as a claim to check: the records'
//! own hashes and signatures decide.

use serde::{Deserialize, Serialize};

use crate::airlog::Sha256Hash;
use crate::airlog::key::PublicKey;

/// The `format` every manifest carries.
pub const FORMAT: &str = "loa-export";
/// The newest bundle layout version this `loa` reads and writes. As for
/// records (`docs/airlog.md` §5.1), a manifest's version is the lowest that
/// has everything it uses: 1 without `station_name`, 2 with it; so a
/// bundle without a name still reads with a version-1 verifier.
pub const VERSION: u32 = 2;

/// Names of the bundle's members.
pub mod member {
    /// The manifest.
    pub const MANIFEST: &str = "manifest.json";
    /// The station's public key file (`loa key show --out`).
    pub const PUBLIC_KEY: &str = "station.pub";
    /// The fresh signed checkpoint: the Department keeps it for next time.
    pub const CHECKPOINT: &str = "checkpoint";
    /// The station's topic catalogue.
    pub const TOPICS: &str = "topics.toml";
    /// The period's report, as `loa report --format json` writes it.
    pub const REPORT: &str = "report.json";
    /// Where the month files are.
    pub const LOG_DIR: &str = "log/";
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The layout version ([`VERSION`]).
    pub version: u32,
    /// The station id.
    pub station: String,
    /// The station's name (`[station] name`), for reports (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station_name: Option<String>,
    /// The station's time zone (IANA name): local days are its days.
    pub timezone: String,
    /// The period the export was made for.
    pub period: ManifestPeriod,
    /// When it was made (UTC, RFC 3339).
    pub created: String,
    /// The `loa` that made it.
    pub software: String,
    /// The first record carried.
    pub first: FirstRecord,
    /// The last record carried: the checkpoint.
    pub last: LastRecord,
    /// How the checkpoint was obtained.
    pub checkpoint: CheckpointOrigin,
    /// The month files, in chain order (`log/air-YYYY-MM.jsonl`).
    pub files: Vec<String>,
}

impl Manifest {
    /// The version a manifest with these fields has (§8.3): the lowest
    /// that has everything it uses.
    pub fn required_version(&self) -> u32 {
        if self.station_name.is_some() { 2 } else { 1 }
    }
}

/// The period, as given and as dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestPeriod {
    /// As the technician wrote it (`2021-H1`).
    pub label: String,
    /// First day (YYYY-MM-DD), inclusive.
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
    /// `calendar` or `official`.
    pub cutoff: String,
}

/// The first record of the slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstRecord {
    /// Its sequence number (0: the whole log, from genesis).
    pub seq: u64,
    /// Its hash.
    pub hash: Sha256Hash,
    /// The key in force for it.
    pub key: PublicKey,
}

/// The last record of the slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LastRecord {
    /// Its sequence number.
    pub seq: u64,
    /// Its hash.
    pub hash: Sha256Hash,
}

/// Where the export's checkpoint came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckpointOrigin {
    /// The daemon was not running: export appended a fresh checkpoint.
    Written,
    /// The daemon was running (it owns the log): the newest of its hourly
    /// checkpoints.
    NewestInLog,
}
