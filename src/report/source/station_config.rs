//! The two settings of a station's configuration a report needs beyond
//! `config::StationFiles`: the station's name (the report's issuer) and
//! its topic catalogue. Read leniently: a report of a station whose
//! playlists are being edited must still work.

use std::path::{Path, PathBuf};

fn station_table(config: &Path) -> Option<toml_edit::Table> {
    let text = std::fs::read_to_string(config).ok()?;
    let doc: toml_edit::DocumentMut = text.parse().ok()?;
    doc.get("station")?.as_table().cloned()
}

/// `[station] name`, e.g. "Đài truyền thanh xã Thạnh Phú".
pub fn station_name(config: &Path) -> Option<String> {
    station_table(config)?
        .get("name")?
        .as_str()
        .map(str::to_string)
}

/// The catalogue the configuration names (`[station] topics`, default
/// `topics.toml` beside it), when that file exists.
pub fn catalogue_path(config: &Path) -> Option<PathBuf> {
    let table = station_table(config)?;
    let relative = table
        .get("topics")
        .and_then(|t| t.as_str())
        .unwrap_or("topics.toml");
    let path = config.parent().unwrap_or(Path::new(".")).join(relative);
    path.is_file().then_some(path)
}
