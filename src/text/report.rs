//! Messages of `loa report` and `loa export` (the Vietnamese of the report
//! documents themselves is content, in `report::labels` and the views).

use std::fmt;
use std::path::PathBuf;

use crate::airlog::time::format_instant;
use crate::airlog::verify::Problem;
use crate::report::aggregate::TallyError;
use crate::report::bundle::BundleError;
use crate::report::catalogue::CatalogueError;
use crate::report::export::{ExportError, ExportSummary};
use crate::report::inputs::InputError;
use crate::report::manifest::CheckpointOrigin;
use crate::report::period::PeriodError;
use crate::report::records::RecordError;
use crate::report::slice::SliceError;

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unrecognised(text) => write!(
                f,
                "period {text:?} not understood; use 2021-H1, 2021-H2, 2021, 2021-Q2, 2021-03 \
                 or 2021-03-01..2021-06-30"
            ),
            Self::Backwards { from, to } => {
                write!(f, "period {from}..{to} ends before it begins")
            }
            Self::CutoffNotApplicable(text) => write!(
                f,
                "--cutoff official applies to 6-month and yearly periods (2021-H1, 2021-H2, \
                 2021), not to {text:?}"
            ),
        }
    }
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, .. } => {
                write!(f, "{}: cannot read the topic catalogue", path.display())
            }
            Self::Syntax { path, detail } => write!(
                f,
                "{}: the topic catalogue is not valid TOML: {detail} (`loa check` shows where)",
                path.display()
            ),
        }
    }
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, .. } => write!(f, "{}: cannot read the export bundle", path.display()),
            Self::NoManifest { path } => write!(
                f,
                "{}: not a loa export bundle (a tar file made by `loa export`, with a \
                 manifest.json); give log directories as folders",
                path.display()
            ),
            Self::BadManifest { path, detail } => write!(
                f,
                "{}: the bundle's manifest.json is damaged: {detail}",
                path.display()
            ),
            Self::UnknownVersion { path, version } => write!(
                f,
                "{}: bundle layout version {version} is newer than this loa knows; update loa",
                path.display()
            ),
            Self::BadMember { path, name } => write!(
                f,
                "{}: the bundle's member {name:?} is not a plain file, is too large or appears \
                 twice: the bundle was altered",
                path.display()
            ),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, .. } => write!(f, "{}: cannot read this folder", path.display()),
            Self::Bundle(e) => write!(f, "{e}"),
        }
    }
}

impl fmt::Display for TallyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tally_failure(self))
    }
}

/// Why a verified station could not be counted, in a line.
pub fn tally_failure(error: &TallyError) -> String {
    match error {
        TallyError::Record(RecordError::Io(e)) => {
            format!("the log could not be read again after verification: {e}")
        }
        TallyError::Record(RecordError::Bad(e)) => {
            format!("the log changed after verification: {e}")
        }
        TallyError::Changed => "the log changed after verification".into(),
        TallyError::Conflict { seq } => format!(
            "two exports of this station hold different records at record {seq}: one of them \
             was rewritten"
        ),
        TallyError::Spool(e) => format!("the per-airing rows could not be stored: {e}"),
    }
}

/// One verification problem in a line (for the report's verification view).
pub fn problem_line(problem: &Problem) -> String {
    let place = match (problem.file.is_empty(), problem.line) {
        (true, _) => String::new(),
        (false, Some(line)) => format!("{}:{line}: ", problem.file),
        (false, None) => format!("{}: ", problem.file),
    };
    format!("{place}{}", problem.kind)
}

impl fmt::Display for SliceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, .. } => write!(f, "{}: cannot read the airing log", path.display()),
            Self::NoCheckpoint => f.write_str(
                "the airing log has no checkpoint yet to end the export at; the running daemon \
                 writes one every hour (or stop it and export again)",
            ),
            Self::SinceNotInLog { seq } => write!(
                f,
                "the checkpoint given with --since (record {seq}) is not in this station's log"
            ),
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Station(e) => write!(f, "{e}"),
            Self::Key(e) => write!(
                f,
                "{e} (export signs a fresh checkpoint with the station key: run it as the \
                 station's user)"
            ),
            Self::Log(e) => write!(f, "{e}"),
            Self::Slice(e) => write!(f, "{e}"),
            Self::HeldWithoutCheckpoint { holder } => write!(
                f,
                "{holder} is writing the airing log, and the log has no checkpoint yet to end the \
                 export at: export again when it has ended (`loa play` ends with its airing), or \
                 after the running daemon's next hourly checkpoint"
            ),
            Self::Io { path, .. } => write!(f, "{}: cannot write the export", path.display()),
        }
    }
}

/// Errors of `loa report` itself.
#[derive(Debug)]
pub enum ReportError {
    /// No --format and no -o extension to go by.
    NoFormat,
    /// A workbook cannot go to standard output.
    XlsxNeedsOutput,
    /// A PATH with no log and no bundle.
    NoLog {
        /// The path.
        path: PathBuf,
    },
    /// The output could not be written.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The workbook could not be written.
    Workbook {
        /// The file.
        path: PathBuf,
        /// What the workbook writer said.
        detail: String,
    },
}

impl std::error::Error for ReportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoFormat => f.write_str(
                "say which format: --format xlsx|csv|json|html, or an -o file ending in \
                 .xlsx, .csv, .json or .html",
            ),
            Self::XlsxNeedsOutput => f.write_str("a workbook needs a file: add -o report.xlsx"),
            Self::NoLog { path } => write!(
                f,
                "{}: no airing log and no export bundle here (no air-YYYY-MM.jsonl file, no \
                 .tar bundle in it or below it)",
                path.display()
            ),
            Self::Io { path, .. } => write!(f, "{}: cannot write the report", path.display()),
            Self::Workbook { path, detail } => {
                write!(f, "{}: cannot write the workbook: {detail}", path.display())
            }
        }
    }
}

/// What `loa report` says on standard error.
#[derive(Debug)]
pub enum ReportNote {
    /// Files written.
    WroteFiles {
        /// Which.
        files: Vec<PathBuf>,
    },
    /// How many stations counted, and which were left out.
    Summary {
        /// Stations in the report.
        stations: usize,
        /// Of them, counted.
        counted: usize,
        /// The others.
        left_out: Vec<String>,
    },
}

impl fmt::Display for ReportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WroteFiles { files } => {
                let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
                write!(f, "wrote {}", names.join(", "))
            }
            Self::Summary {
                stations,
                counted,
                left_out,
            } => {
                write!(f, "{counted} of {stations} stations verified and counted")?;
                if !left_out.is_empty() {
                    write!(
                        f,
                        "\nNOT counted (their logs did not verify; see the verification view): {}",
                        left_out.join(", ")
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// What `loa export` prints when it has written the bundle.
pub struct ExportDone<'a>(pub &'a ExportSummary);

impl fmt::Display for ExportDone<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let summary = self.0;
        let (seq, at) = summary.checkpoint;
        writeln!(
            f,
            "wrote {} for station {}",
            summary.output.display(),
            summary.station
        )?;
        writeln!(f, "  records:    {} to {seq}", summary.first_seq)?;
        match summary.origin {
            CheckpointOrigin::Written => writeln!(
                f,
                "  checkpoint: record {seq}, signed now ({})",
                format_instant(at)
            )?,
            CheckpointOrigin::NewestInLog => writeln!(
                f,
                "  checkpoint: record {seq} of {} ({} is writing the log, so this is its newest \
                 checkpoint; later records go in the next export)",
                format_instant(at),
                summary
                    .log_holder
                    .as_deref()
                    .unwrap_or("another loa process")
            )?,
        }
        if summary.verdict.is_ok() {
            writeln!(f, "  verified:   OK")?;
        } else {
            writeln!(
                f,
                "  verified:   FAILED: the Department will not count this log; `loa verify {}` \
                 shows why",
                summary.output.display()
            )?;
        }
        if let Err(why) = &summary.remembered {
            writeln!(
                f,
                "  warning:    could not remember this export for the next one ({why}); keep \
                 this bundle and pass it to the next export with --since"
            )?;
        }
        write!(
            f,
            "send it to the district; they check it with: loa verify {} --checkpoint \
             <the previous export>",
            summary.output.display()
        )
    }
}
