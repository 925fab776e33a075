//! The per-airing view ("all airings") of a report over a hundred stations
//! and a year is a hundred thousand rows: too many to hold while the
//! summary is counted. Rows go to a temporary file per station as they are
//! counted and are read back, in order, by the renderers.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::airlog::airings::{Airing, AiringStatus};

use crate::report::figures::{Contribution, aired_segments};

/// One airing as the per-airing view shows it (station-local times).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AiringRow {
    /// The station id.
    pub station: String,
    /// The slot's name.
    pub slot: String,
    /// Scheduled start.
    pub scheduled: NaiveDateTime,
    /// When audio began.
    pub started: Option<NaiveDateTime>,
    /// When audio ended.
    pub ended: Option<NaiveDateTime>,
    /// `completed`, `cut_at_max`, `interrupted`, `failed`, `missed`,
    /// `unfinished`, or `dead_air` (ended with dead air, counted apart).
    pub outcome: String,
    /// Why it did not air (or not to the end).
    pub reason: Option<String>,
    /// Started by a technician.
    pub manual: bool,
    /// Counted in the figures.
    pub counted: bool,
    /// Segments aired.
    pub segments: u64,
    /// Milliseconds aired.
    pub aired_ms: u64,
    /// Topic codes aired, in order of first appearance.
    pub topics: Vec<u32>,
    /// Languages aired.
    pub languages: Vec<String>,
    /// `started - scheduled` in milliseconds.
    pub late_ms: Option<i64>,
}

impl AiringRow {
    /// The row for `airing` at `station` in `zone`.
    pub fn new(station: &str, zone: Tz, airing: &Airing, contribution: Contribution) -> Self {
        let local = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&zone).naive_local();
        let (outcome, reason) = match contribution {
            Contribution::DeadAir => ("dead_air", None),
            Contribution::Relay => ("relay", airing.relay.as_ref().map(|r| r.url.clone())),
            _ => outcome_code(&airing.status),
        };
        let mut topics = Vec::new();
        let mut languages: Vec<String> = Vec::new();
        let mut segments = 0;
        let mut aired_ms = 0;
        for segment in aired_segments(airing) {
            segments += 1;
            aired_ms += segment.aired_ms;
            if !topics.contains(&segment.topic) {
                topics.push(segment.topic);
            }
            if !languages.contains(&segment.language) {
                languages.push(segment.language.clone());
            }
        }
        Self {
            station: station.to_string(),
            slot: airing.slot.clone(),
            scheduled: local(airing.scheduled),
            started: airing.started.map(local),
            ended: airing.ended.map(local),
            outcome: outcome.to_string(),
            reason,
            manual: airing.manual,
            counted: contribution == Contribution::Counted,
            segments,
            aired_ms,
            topics,
            languages,
            late_ms: airing.late_ms,
        }
    }
}

/// An outcome's machine name and its reason (a miss's without its detail).
pub fn outcome_code(status: &AiringStatus) -> (&'static str, Option<String>) {
    let reason = match status {
        AiringStatus::Missed(reason) => Some(reason.code().to_string()),
        _ => status.end_reason().map(str::to_string),
    };
    (status.code(), reason)
}

/// Where the rows wait: one file per station, in a temporary directory
/// removed with the spool.
#[derive(Debug)]
pub struct Spool {
    dir: tempfile::TempDir,
    files: Vec<PathBuf>,
}

/// Writes one station's rows.
pub struct SpoolWriter {
    path: PathBuf,
    out: BufWriter<File>,
    /// Rows written.
    pub rows: u64,
}

impl Spool {
    /// A new, empty spool in the system's temporary directory.
    pub fn new() -> std::io::Result<Self> {
        Ok(Self {
            dir: tempfile::Builder::new().prefix("loa-report-").tempdir()?,
            files: Vec::new(),
        })
    }

    /// A writer for the station at `index` (rows are read back in index
    /// order).
    pub fn writer(&self, index: usize) -> std::io::Result<SpoolWriter> {
        let path = self.dir.path().join(format!("{index:06}.jsonl"));
        Ok(SpoolWriter {
            out: BufWriter::with_capacity(1 << 16, File::create(&path)?),
            path,
            rows: 0,
        })
    }

    /// Keeps a finished writer's rows at its place in the order.
    pub fn keep(&mut self, writer: SpoolWriter) -> std::io::Result<()> {
        let SpoolWriter { path, out, .. } = writer;
        out.into_inner().map_err(|e| e.into_error())?;
        self.files.push(path);
        self.files.sort();
        Ok(())
    }

    /// Every row, station by station.
    pub fn rows(&self) -> impl Iterator<Item = std::io::Result<AiringRow>> + '_ {
        self.files.iter().flat_map(|path| {
            let lines: Box<dyn Iterator<Item = std::io::Result<String>>> = match File::open(path) {
                Ok(file) => Box::new(BufReader::new(file).lines()),
                Err(e) => Box::new(std::iter::once(Err(e))),
            };
            lines.map(|line| {
                line.and_then(|line| serde_json::from_str(&line).map_err(std::io::Error::other))
            })
        })
    }
}

impl SpoolWriter {
    /// Adds a row.
    pub fn push(&mut self, row: &AiringRow) -> std::io::Result<()> {
        serde_json::to_writer(&mut self.out, row).map_err(std::io::Error::other)?;
        self.out.write_all(b"\n")?;
        self.rows += 1;
        Ok(())
    }
}
