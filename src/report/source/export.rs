//! `loa export`: the single file a station sends up for a period.
//!
//! 1. A fresh signed checkpoint. The log has one writer: when the daemon
//!    is not running, export opens the log (which records a
//!    `daemon_start`), writes a checkpoint and a `daemon_stop`, as
//!    `loa key rotate` does. When the daemon is running it owns the log, so
//!    export uses the newest of the daemon's hourly checkpoints (at most an
//!    hour old); the records after it go in the next export.
//! 2. The slice of the chain to carry ([`crate::report::slice`]).
//! 3. The slice verified and counted, exactly as the Department will.
//! 4. One tar: manifest, public key, checkpoint, topic catalogue, the
//!    report as JSON, and the month files' byte ranges. Written to a
//!    temporary name, synced, then renamed: never a half-written bundle.
//! 5. The checkpoint remembered in `<log_dir>/exports/last.checkpoint`, so
//!    the next export begins at or before it.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::airlog::checkpoint::HeldCheckpoint;
use crate::airlog::error::CheckpointError;
use crate::airlog::key::{PublicKey, PublicKeyFile, load_signing_key};
use crate::airlog::time::format_instant;
use crate::airlog::verify::{StationVerdict, VerifyOptions};
use crate::airlog::{AirLog, AirlogError, KeyError};
use crate::config::{StationFiles, StationFilesError, Units};

use crate::report::build::{ReportOptions, build_report};
use crate::report::bundle::{Bundle, is_bundle_path};
use crate::report::catalogue::Catalogue;
use crate::report::inputs::Input;
use crate::report::manifest::{
    CheckpointOrigin, FORMAT, FirstRecord, LastRecord, Manifest, ManifestPeriod, VERSION, member,
};
use crate::report::period::{Cutoff, Period};
use crate::report::slice::{
    Slice, SliceEnd, SliceError, SliceRequest, SliceSource, choose_slice, open_range,
};
use crate::report::station_config::{catalogue_path, station_name};

/// Where the previous export's checkpoint is remembered, in the log dir.
pub const LAST_EXPORT: &str = "exports/last.checkpoint";

/// What to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The station's configuration.
    pub config: PathBuf,
    /// The period.
    pub period: Period,
    /// The bundle to write.
    pub output: PathBuf,
    /// A checkpoint the export must begin at or before (the Department's).
    pub since: Option<HeldCheckpoint>,
    /// Now (the checkpoint's time).
    pub now: DateTime<Utc>,
}

/// What export did.
#[derive(Debug, Clone)]
pub struct ExportSummary {
    /// The bundle written.
    pub output: PathBuf,
    /// The station.
    pub station: String,
    /// Whether the checkpoint was written now or taken from the log.
    pub origin: CheckpointOrigin,
    /// The checkpoint: its sequence number and time.
    pub checkpoint: (u64, DateTime<Utc>),
    /// The first record carried.
    pub first_seq: u64,
    /// The slice as the Department will see it.
    pub verdict: StationVerdict,
    /// Where the checkpoint was remembered for the next export, or why not.
    pub remembered: Result<PathBuf, String>,
    /// Who held the log when the export could not write a checkpoint.
    pub log_holder: Option<String>,
}

/// Why export failed.
#[derive(Debug)]
pub enum ExportError {
    /// The configuration could not be read.
    Station(StationFilesError),
    /// The key could not be loaded.
    Key(KeyError),
    /// The log could not be opened for the checkpoint.
    Log(AirlogError),
    /// The slice could not be chosen.
    Slice(SliceError),
    /// Another process writes the log and it has no checkpoint yet to end
    /// the export at.
    HeldWithoutCheckpoint {
        /// Who holds the log: "`loa play` (pid 1234)".
        holder: String,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Station(e) => Some(e),
            Self::Key(e) => Some(e),
            Self::Log(e) => Some(e),
            Self::Io { source, .. } => Some(source),
            Self::Slice(_) | Self::HeldWithoutCheckpoint { .. } => None,
        }
    }
}

/// Reads a held checkpoint: a checkpoint file, or an earlier export
/// bundle (its checkpoint), so the Department can pass the last bundle
/// itself.
pub fn read_held_checkpoint(path: &Path) -> Result<HeldCheckpoint, CheckpointError> {
    if is_bundle_path(path)
        && let Ok(bundle) = Bundle::open(path)
        && let Some(checkpoint) = bundle.checkpoint
    {
        return Ok(checkpoint);
    }
    HeldCheckpoint::read(path)
}

/// Makes the export bundle.
pub fn export(options: &ExportOptions) -> Result<ExportSummary, ExportError> {
    let station = StationFiles::load(&options.config).map_err(ExportError::Station)?;
    let key = load_signing_key(&station.key_path).map_err(ExportError::Key)?;
    let public = PublicKey::of(&key);
    let mut log_holder = None;
    let (origin, end) = match AirLog::open(&station.log_dir, &station.station_id, key, options.now)
    {
        Ok((log, _)) => {
            let stopped = log.stop(options.now).map_err(ExportError::Log)?;
            (
                CheckpointOrigin::Written,
                SliceEnd::Seq(stopped.seq.saturating_sub(1)),
            )
        }
        Err(AirlogError::Locked { holder, .. }) => {
            log_holder = holder;
            (CheckpointOrigin::NewestInLog, SliceEnd::NewestCheckpoint)
        }
        Err(e) => return Err(ExportError::Log(e)),
    };
    let last_export = station.log_dir.join(LAST_EXPORT);
    let remembered = HeldCheckpoint::read(&last_export).ok();
    let request = SliceRequest {
        period_start: options.period.start_instant(station.timezone),
        end,
        since: [
            options.since.as_ref().map(|c| (c.seq, c.hash)),
            remembered.map(|c| (c.seq, c.hash)),
        ],
    };
    let slice = match choose_slice(&station.log_dir, &request) {
        // A remembered checkpoint that is not in the log (a restored
        // backup, another log) only loses its hint.
        Err(SliceError::SinceNotInLog { seq })
            if options.since.as_ref().is_none_or(|s| s.seq != seq) =>
        {
            choose_slice(
                &station.log_dir,
                &SliceRequest {
                    since: [request.since[0], None],
                    ..request
                },
            )
        }
        other => other,
    }
    .map_err(|error| match (error, &log_holder) {
        (SliceError::NoCheckpoint, Some(holder)) => ExportError::HeldWithoutCheckpoint {
            holder: holder.clone(),
        },
        (error, _) => ExportError::Slice(error),
    })?;
    let mut catalogue = Catalogue::built_in();
    let catalogue_file = catalogue_path(&options.config);
    if let Some(path) = &catalogue_file
        && let Ok(own) = Catalogue::read(path)
    {
        catalogue = own;
    }
    let source = SliceSource {
        slice: slice.clone(),
        label: station.log_dir.display().to_string(),
    };
    let report = build_report(
        vec![Input {
            source: Box::new(source),
            zone: station.timezone,
            catalogue: None,
            name: station_name(&station.config_path),
        }],
        ReportOptions {
            period: options.period.clone(),
            verify: VerifyOptions::default(),
            date: options.now.with_timezone(&station.timezone).date_naive(),
            catalogue,
            units: Units::default(),
        },
    )
    .map_err(|source| ExportError::Io {
        path: options.output.clone(),
        source,
    })?;
    let mut report_json = Vec::new();
    crate::report::json::write_json(&report, &mut report_json).map_err(|source| {
        ExportError::Io {
            path: options.output.clone(),
            source,
        }
    })?;
    let verdict = report
        .stations
        .first()
        .and_then(|s| s.inputs.first().cloned())
        .unwrap_or_default();
    let manifest = manifest(&station, options, &slice, origin);
    let contents = Contents {
        manifest,
        public_key: PublicKeyFile {
            station: station.station_id.clone(),
            key: public,
        },
        slice: &slice,
        catalogue: catalogue_file,
        report_json,
    };
    write_bundle(&options.output, &contents)?;
    let remembered = remember(&last_export, &slice.checkpoint);
    Ok(ExportSummary {
        log_holder,
        output: options.output.clone(),
        station: station.station_id,
        origin,
        checkpoint: (slice.checkpoint.seq, slice.checkpoint.at),
        first_seq: slice.first.seq,
        verdict,
        remembered,
    })
}

fn manifest(
    station: &StationFiles,
    options: &ExportOptions,
    slice: &Slice,
    origin: CheckpointOrigin,
) -> Manifest {
    let period = &options.period;
    let mut manifest = Manifest {
        format: FORMAT.to_string(),
        version: VERSION,
        station: station.station_id.clone(),
        station_name: station_name(&station.config_path),
        timezone: station.timezone.name().to_string(),
        period: ManifestPeriod {
            label: period.label.clone(),
            from: period.from.to_string(),
            to: period.to.to_string(),
            cutoff: match period.cutoff {
                Cutoff::Calendar => "calendar".into(),
                Cutoff::Official => "official".into(),
            },
        },
        created: format_instant(options.now),
        software: format!("loa {}", env!("CARGO_PKG_VERSION")),
        first: FirstRecord {
            seq: slice.first.seq,
            hash: slice.first.hash,
            key: slice.first.key.unwrap_or(PublicKey([0; 32])),
        },
        last: LastRecord {
            seq: slice.last.seq,
            hash: slice.last.hash,
        },
        checkpoint: origin,
        files: slice
            .parts
            .iter()
            .map(|p| format!("{}{}", member::LOG_DIR, p.name.file_name()))
            .collect(),
    };
    manifest.version = manifest.required_version();
    manifest
}

struct Contents<'a> {
    manifest: Manifest,
    public_key: PublicKeyFile,
    slice: &'a Slice,
    catalogue: Option<PathBuf>,
    report_json: Vec<u8>,
}

fn write_bundle(output: &Path, contents: &Contents<'_>) -> Result<(), ExportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    let dir = match output.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = write_tar(&temporary, contents)
        .and_then(|()| std::fs::rename(&temporary, output))
        .and_then(|()| File::open(&dir)?.sync_all());
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(io(output))
}

fn write_tar(path: &Path, contents: &Contents<'_>) -> std::io::Result<()> {
    let mtime = contents.slice.checkpoint.at.timestamp().max(0) as u64;
    let mut builder = tar::Builder::new(BufWriter::new(File::create(path)?));
    let mut add = |name: &str, size: u64, data: &mut dyn Read| {
        let mut header = tar::Header::new_ustar();
        header.set_size(size);
        header.set_mode(0o644);
        header.set_mtime(mtime);
        header.set_entry_type(tar::EntryType::Regular);
        builder.append_data(&mut header, name, data)
    };
    let manifest = serde_json::to_vec_pretty(&contents.manifest).map_err(std::io::Error::other)?;
    add(
        member::MANIFEST,
        manifest.len() as u64,
        &mut manifest.as_slice(),
    )?;
    let key = contents.public_key.to_line();
    add(member::PUBLIC_KEY, key.len() as u64, &mut key.as_bytes())?;
    let mut checkpoint = contents.slice.checkpoint.line.clone();
    checkpoint.push(b'\n');
    add(
        member::CHECKPOINT,
        checkpoint.len() as u64,
        &mut checkpoint.as_slice(),
    )?;
    if let Some(catalogue) = &contents.catalogue {
        let bytes = std::fs::read(catalogue)?;
        add(member::TOPICS, bytes.len() as u64, &mut bytes.as_slice())?;
    }
    let report = &contents.report_json;
    add(member::REPORT, report.len() as u64, &mut report.as_slice())?;
    for range in &contents.slice.parts {
        let name = format!("{}{}", member::LOG_DIR, range.name.file_name());
        let size = range.end.saturating_sub(range.start);
        add(&name, size, &mut open_range(range)?)?;
    }
    let mut out = builder.into_inner()?;
    out.flush()?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()
}

fn remember(path: &Path, checkpoint: &HeldCheckpoint) -> Result<PathBuf, String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    checkpoint.write(path).map_err(|e| {
        let cause = std::error::Error::source(&e).map(ToString::to_string);
        cause.unwrap_or_else(|| path.display().to_string())
    })?;
    Ok(path.to_path_buf())
}
