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
    Invalid { path: PathBuf, detail: String },
}

impl std::error::Error for StationFilesError {}

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
    /// Reads `[station] id, key, log_dir, timezone` from `path`.
    pub fn load(path: &Path) -> Result<Self, StationFilesError> {
        let text = std::fs::read_to_string(path).map_err(|source| StationFilesError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let invalid = |detail: String| StationFilesError::Invalid {
            path: path.to_path_buf(),
            detail,
        };
        let doc: toml_edit::DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| invalid(e.to_string()))?;
        let station = doc
            .get("station")
            .and_then(|s| s.as_table_like())
            .ok_or_else(|| invalid("missing [station] table".into()))?;
        let string = |key: &str| -> Result<Option<String>, StationFilesError> {
            match station.get(key) {
                None => Ok(None),
                Some(item) => item
                    .as_str()
                    .map(|s| Some(s.to_string()))
                    .ok_or_else(|| invalid(format!("[station] {key} must be a string"))),
            }
        };
        let base = path.parent().unwrap_or(Path::new("."));
        let station_id = string("id")?.ok_or_else(|| invalid("missing [station] id".into()))?;
        let key_path = base.join(string("key")?.unwrap_or_else(|| "../var/station.key".into()));
        let log_dir = base.join(string("log_dir")?.unwrap_or_else(|| "../var/airlog".into()));
        let zone = string("timezone")?.unwrap_or_else(|| "Asia/Ho_Chi_Minh".into());
        let timezone = zone
            .parse::<Tz>()
            .map_err(|_| invalid(format!("unknown time zone {zone:?}")))?;
        Ok(Self {
            config_path: path.to_path_buf(),
            station_id,
            key_path,
            log_dir,
            timezone,
        })
    }
}
