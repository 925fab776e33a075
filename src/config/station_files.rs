//! The few settings that the airing log and key commands need, read without
//! validating the whole station (so `loa key show` works on a station whose
//! playlists are being edited).

use std::path::{Path, PathBuf};

use chrono_tz::Tz;

/// Where a station keeps its key and its log, and who it is.
#[derive(Debug, Clone)]
pub struct StationFiles {
    /// The config file these were read from.
    pub config_path: PathBuf,
    /// `[station] id`, e.g. `soc-trang/my-xuyen/thanh-phu`.
    pub station_id: String,
    /// `[station] key`, resolved against the config file's directory.
    pub key_path: PathBuf,
    /// `[station] log_dir`, resolved against the config file's directory.
    pub log_dir: PathBuf,
    /// `[station] timezone` (default `Asia/Ho_Chi_Minh`).
    pub timezone: Tz,
}

/// Why [`StationFiles::load`] failed.
#[derive(Debug)]
pub enum StationFilesError {
    /// The file could not be read.
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not TOML, or a needed key is missing or of the wrong type.
    Invalid {
        path: PathBuf,
        problem: StationFileProblem,
    },
}

/// What keeps the commands that need only the station's files (`loa log`,
/// `key`, `export`, `status`, `play --now`) from reading `station.toml`;
/// typed so it is said in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StationFileProblem {
    /// Not TOML, first wrong at this line and column (1-based); `loa check`
    /// explains the mistake.
    Syntax {
        /// The line.
        line: usize,
        /// The column.
        column: usize,
    },
    /// No `[station]` table.
    NoStationTable,
    /// `[station] id` is missing.
    NoId,
    /// A `[station]` key that must be text is something else.
    NotText {
        /// The key.
        key: String,
    },
    /// `[station] timezone` names no IANA zone.
    UnknownZone {
        /// What it says.
        zone: String,
    },
}

impl std::error::Error for StationFilesError {}

use super::source::SourceFile;
use super::station::{DEFAULT_KEY, DEFAULT_LOG_DIR};

/// `[station] timezone` when absent.
const DEFAULT_ZONE: &str = "Asia/Ho_Chi_Minh";

/// `./config/station.toml` when it exists, else `/etc/loa/station.toml`.
pub fn default_config_path() -> PathBuf {
    let local = PathBuf::from("config/station.toml");
    if local.exists() {
        local
    } else {
        PathBuf::from("/etc/loa/station.toml")
    }
}

impl StationFiles {
    /// [`Self::load`], but a file the TOML parser rejects is still read for
    /// its plain `[station]` lines (defaults for the rest), with the parse
    /// error returned beside it. For the commands that reach the running
    /// daemon (`loa status`, `loa play --now`): a syntax error saved while
    /// the station is on air must not lock the technician out, least of all
    /// from an emergency announcement.
    pub fn load_lenient(
        path: &Path,
    ) -> Result<(Self, Option<StationFileProblem>), StationFilesError> {
        match Self::load(path) {
            Ok(files) => Ok((files, None)),
            Err(StationFilesError::Invalid { problem, .. }) => {
                let text = read_text(path)?;
                let named = super::salvage::station_strings(&text);
                let base = path.parent().unwrap_or(Path::new("."));
                let value = |key: &str, default: &str| {
                    named
                        .get(key)
                        .cloned()
                        .unwrap_or_else(|| default.to_string())
                };
                let files = Self {
                    config_path: path.to_path_buf(),
                    station_id: value("id", ""),
                    key_path: base.join(value("key", DEFAULT_KEY)),
                    log_dir: base.join(value("log_dir", DEFAULT_LOG_DIR)),
                    timezone: value("timezone", DEFAULT_ZONE)
                        .parse()
                        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh),
                };
                Ok((files, Some(problem)))
            }
            Err(error) => Err(error),
        }
    }

    /// Reads `[station] id, key, log_dir, timezone` from `path`.
    pub fn load(path: &Path) -> Result<Self, StationFilesError> {
        let text = read_text(path)?;
        let invalid = |problem: StationFileProblem| StationFilesError::Invalid {
            path: path.to_path_buf(),
            problem,
        };
        let doc: toml_edit::DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| invalid(syntax_problem(path, &text, &e)))?;
        let station = doc
            .get("station")
            .and_then(|s| s.as_table_like())
            .ok_or_else(|| invalid(StationFileProblem::NoStationTable))?;
        let string = |key: &str| -> Result<Option<String>, StationFilesError> {
            match station.get(key) {
                None => Ok(None),
                Some(item) => item
                    .as_str()
                    .map(|s| Some(s.to_string()))
                    .ok_or_else(|| invalid(StationFileProblem::NotText { key: key.into() })),
            }
        };
        let base = path.parent().unwrap_or(Path::new("."));
        let station_id = string("id")?.ok_or_else(|| invalid(StationFileProblem::NoId))?;
        let key_path = base.join(string("key")?.unwrap_or_else(|| DEFAULT_KEY.into()));
        let log_dir = base.join(string("log_dir")?.unwrap_or_else(|| DEFAULT_LOG_DIR.into()));
        let zone = string("timezone")?.unwrap_or_else(|| DEFAULT_ZONE.into());
        let timezone = zone
            .parse::<Tz>()
            .map_err(|_| invalid(StationFileProblem::UnknownZone { zone: zone.clone() }))?;
        Ok(Self {
            config_path: path.to_path_buf(),
            station_id,
            key_path,
            log_dir,
            timezone,
        })
    }
}

/// The text of the file at `path`, or why it cannot be read.
fn read_text(path: &Path) -> Result<String, StationFilesError> {
    std::fs::read_to_string(path).map_err(|source| StationFilesError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Where a TOML syntax error is, as the line and column a text editor shows
/// (counted as every config diagnostic counts them).
fn syntax_problem(path: &Path, text: &str, error: &toml_edit::TomlError) -> StationFileProblem {
    let location = SourceFile::new(path, text.to_string()).locate(error.span().unwrap_or(0..0));
    StationFileProblem::Syntax {
        line: location.line,
        column: location.column,
    }
}
