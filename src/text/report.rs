//! Messages of `loa report` and `loa export` (the Vietnamese of the report
//! documents themselves is content, in `report::labels` and the views).

use std::fmt;
use std::path::PathBuf;

use crate::airlog::error::KeyError;
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
use crate::tr;

use super::shown;

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Unrecognised(text) => tr!("period-unrecognised", period = format!("{text:?}")),
            Self::Backwards { from, to } => tr!(
                "period-backwards",
                from = from.to_string(),
                to = to.to_string()
            ),
            Self::CutoffNotApplicable(text) => {
                tr!("period-cutoff-not-applicable", period = format!("{text:?}"))
            }
        };
        f.write_str(&text)
    }
}

/// The file's problems, each as `loa check` shows one (file:line:column,
/// the line, a caret, a hint), under a line that names the file.
impl fmt::Display for crate::config::SideFileInvalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.diagnostics.error_count();
        writeln!(
            f,
            "{}",
            tr!(
                "report-side-file-invalid",
                path = shown(&self.path),
                count = count
            )
        )?;
        let rendered: Vec<String> = self
            .diagnostics
            .sorted()
            .into_iter()
            .map(crate::text::render_diagnostic)
            .collect();
        f.write_str(rendered.concat().trim_end())
    }
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Io { path, .. } => tr!("topics-unreadable", path = shown(path)),
            Self::Syntax { path, detail } => tr!(
                "topics-bad-toml",
                path = shown(path),
                detail = detail.as_str()
            ),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Io { path, .. } => tr!("bundle-unreadable", path = shown(path)),
            Self::NoManifest { path } => tr!("bundle-no-manifest", path = shown(path)),
            Self::BadManifest { path, detail } => tr!(
                "bundle-bad-manifest",
                path = shown(path),
                detail = detail.as_str()
            ),
            Self::UnknownVersion { path, version } => tr!(
                "bundle-unknown-version",
                path = shown(path),
                version = version.to_string()
            ),
            Self::BadMember { path, name } => tr!(
                "bundle-bad-member",
                path = shown(path),
                name = format!("{name:?}")
            ),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, .. } => f.write_str(&tr!("input-unreadable", path = shown(path))),
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
            tr!("tally-reread-failed", detail = e.to_string())
        }
        TallyError::Record(RecordError::Bad(e)) => {
            tr!("tally-changed-because", detail = e.to_string())
        }
        TallyError::Changed => tr!("tally-changed"),
        TallyError::Conflict { seq } => tr!("tally-conflict", seq = seq.to_string()),
        TallyError::Spool(e) => tr!("tally-spool-failed", detail = e.to_string()),
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
        let text = match self {
            Self::Io { path, .. } => tr!("slice-unreadable", path = shown(path)),
            Self::NoCheckpoint => tr!("slice-no-checkpoint"),
            Self::SinceNotInLog { seq } => tr!("slice-since-not-in-log", seq = seq.to_string()),
        };
        f.write_str(&text)
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Station(e) => write!(f, "{e}"),
            // A missing key says how to make one; the hint about the
            // station's account is for a key that is there but refused.
            Self::Key(e @ KeyError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                write!(f, "{e}")
            }
            Self::Key(e) => f.write_str(&tr!("export-key", error = e.to_string())),
            Self::Log(e) => write!(f, "{e}"),
            Self::Slice(e) => write!(f, "{e}"),
            Self::HeldWithoutCheckpoint { holder } => f.write_str(&tr!(
                "export-held-without-checkpoint",
                holder = holder.to_string()
            )),
            Self::Io { path, .. } => f.write_str(&tr!("export-unwritable", path = shown(path))),
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
        let text = match self {
            Self::NoFormat => tr!("report-no-format"),
            Self::XlsxNeedsOutput => tr!("report-xlsx-needs-output"),
            Self::NoLog { path } => tr!("report-no-log", path = shown(path)),
            Self::Io { path, .. } => tr!("report-unwritable", path = shown(path)),
            Self::Workbook { path, detail } => tr!(
                "report-workbook-unwritable",
                path = shown(path),
                detail = detail.as_str()
            ),
        };
        f.write_str(&text)
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
                let names: Vec<String> = files.iter().map(|p| shown(p)).collect();
                f.write_str(&tr!("report-wrote", files = names.join(", ")))
            }
            Self::Summary {
                stations,
                counted,
                left_out,
            } => {
                f.write_str(&tr!(
                    "report-counted",
                    counted = counted.to_string(),
                    stations = stations.to_string()
                ))?;
                if !left_out.is_empty() {
                    let line = tr!("report-not-counted", stations = left_out.join(", "));
                    write!(f, "\n{line}")?;
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
        let output = shown(&summary.output);
        let seq = seq.to_string();
        let wrote = tr!(
            "export-wrote",
            path = output.as_str(),
            station = summary.station.to_string()
        );
        writeln!(f, "{wrote}")?;
        let records = tr!(
            "export-records",
            first = summary.first_seq.to_string(),
            last = seq.as_str()
        );
        writeln!(f, "  {records}")?;
        let checkpoint = match summary.origin {
            CheckpointOrigin::Written => tr!(
                "export-checkpoint-signed",
                seq = seq.as_str(),
                at = format_instant(at)
            ),
            CheckpointOrigin::NewestInLog => tr!(
                "export-checkpoint-newest",
                seq = seq.as_str(),
                at = format_instant(at),
                holder = summary
                    .log_holder
                    .clone()
                    .unwrap_or_else(|| tr!("export-another-process"))
            ),
        };
        writeln!(f, "  {checkpoint}")?;
        let verified = if summary.verdict.is_ok() {
            tr!("export-verified-ok")
        } else {
            tr!("export-verified-failed", path = output.as_str())
        };
        writeln!(f, "  {verified}")?;
        if let Err(why) = &summary.remembered {
            let warning = tr!("export-not-remembered", detail = why.to_string());
            writeln!(f, "  {warning}")?;
        }
        f.write_str(&tr!("export-send", path = output.as_str()))
    }
}
