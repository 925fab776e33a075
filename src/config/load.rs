//! Loading a station: read every file, run every check, and build the
//! [`Plan`] only when there is no error.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::loudness::check_levels;
use super::playlists::read_playlists;
use super::prober::Prober;
use super::problem::{Diagnostics, Problem};
use super::source::SourceFile;
use super::station::{DEFAULT_PLAYLISTS, DEFAULT_TOPICS, read_station, where_station_names};
use super::topics::read_topics;
use super::validate;
use crate::plan::Plan;

/// The outcome of loading: the plan when there were no errors, and every
/// problem found (warnings come with a usable plan too).
#[derive(Debug)]
pub struct Loaded {
    /// `Some` when there was no error.
    pub plan: Option<Plan>,
    /// Every error and warning.
    pub diagnostics: Diagnostics,
}

/// Reads `config_path` and everything it names. `today` (station-local)
/// anchors the date checks; it is a parameter so loading stays pure.
pub fn load_plan(config_path: &Path, today: NaiveDate, prober: &mut dyn Prober) -> Loaded {
    let mut d = Diagnostics::default();
    let plan = build(config_path, today, prober, &mut d);
    Loaded {
        plan: plan.filter(|_| !d.has_errors()),
        diagnostics: d,
    }
}

fn build(
    config_path: &Path,
    today: NaiveDate,
    prober: &mut dyn Prober,
    d: &mut Diagnostics,
) -> Option<Plan> {
    let station_source = SourceFile::read(config_path, d)?;
    let Some(draft) = read_station(&station_source, d) else {
        check_files_beside(&station_source, prober, d);
        return None;
    };
    let mut sources = vec![station_source.clone()];
    let topics_named_at = || where_station_names(&station_source, "topics");
    let topics = match SourceFile::read_named(&draft.station.topics_path, topics_named_at, d) {
        Some(source) => {
            let topics = read_topics(&source, d);
            sources.push(source);
            topics
        }
        None => BTreeMap::new(),
    };
    if !draft.station.playlists_dir.is_dir() {
        d.error(
            where_station_names(&station_source, "playlists").location,
            Problem::PlaylistsDirMissing {
                path: draft.station.playlists_dir.clone(),
            },
        );
        return None;
    }
    let playlists = read_playlists(
        &draft.station.playlists_dir,
        &topics,
        prober,
        &mut sources,
        d,
    );
    validate::check_slots_against_playlists(&draft.slots, &playlists, &station_source, d);
    validate::check_unused_playlists(&draft.slots, &playlists, d);
    check_levels(&playlists, &draft.station.audio, d);
    let plan = Plan {
        hash: plan_hash(&sources, &playlists),
        station: draft.station,
        slots: draft.slots.iter().map(|s| s.slot.clone()).collect(),
        playlists: playlists
            .into_iter()
            .map(|(name, p)| (name, p.playlist))
            .collect(),
        topics,
    };
    if !d.has_errors() {
        let window = validate::check_window(&plan, today);
        validate::check_overlaps(&plan, &draft.slots, window, &station_source, d);
        validate::check_days_with_nothing_to_air(&plan, &draft.slots, window, &station_source, d);
    }
    Some(plan)
}

/// When `station.toml` itself cannot be read as a station, still checks the
/// topic catalogue and the playlists it names (or the default ones), so one
/// round of fixes covers every file.
fn check_files_beside(station_source: &SourceFile, prober: &mut dyn Prober, d: &mut Diagnostics) {
    let named = super::salvage::station_strings(&station_source.text);
    let base = station_source.path.parent().unwrap_or(Path::new("."));
    let path = |key: &str, default: &str| {
        super::relative_path::join_clean(base, named.get(key).map_or(default, String::as_str))
    };
    let topics_named_at = || where_station_names(station_source, "topics");
    let topics = match SourceFile::read_named(&path("topics", DEFAULT_TOPICS), topics_named_at, d) {
        Some(source) => read_topics(&source, d),
        None => BTreeMap::new(),
    };
    let playlists_dir = path("playlists", DEFAULT_PLAYLISTS);
    if playlists_dir.is_dir() {
        let mut sources = Vec::new();
        read_playlists(&playlists_dir, &topics, prober, &mut sources, d);
    }
}

fn plan_hash(
    sources: &[SourceFile],
    playlists: &BTreeMap<String, super::playlists::PlaylistDraft>,
) -> String {
    let mut hasher = Sha256::new();
    let mut sorted: Vec<&SourceFile> = sources.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for source in sorted {
        hasher.update(source.path.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(source.text.as_bytes());
        hasher.update([0]);
    }
    for draft in playlists.values() {
        for segment in &draft.playlist.segments {
            hasher.update(segment.file.as_bytes());
            hasher.update([0]);
            hasher.update(segment.sha256.as_bytes());
            hasher.update([0]);
        }
    }
    hex(&hasher.finalize())
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
