//! Reading `station.toml`: the `[station]` table, checked field by field,
//! and its `[[slot]]`s (each read by `slot.rs`). Cross-file checks
//! (playlists, overlaps) are in `validate.rs`.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono_tz::Tz;
use toml_edit::Item;

use super::duration::parse_duration;
use super::fields::{Fields, Spanned, table_like};
use super::level::{is_off, parse_level};
use super::names::is_name;
use super::problem::{Diagnostics, Problem, did_you_mean};
use super::relative_path::join_clean;
use super::session_limits::{DEFAULT_GRACE, is_too_long, read_duration};
use super::slot::{SlotDraft, read_slots};
use super::source::{Location, NamedAt, SourceFile};
use crate::plan::{AudioPolicy, Station};

const STATION_KEYS: &[&str] = &[
    "id",
    "name",
    "timezone",
    "output",
    "playlists",
    "topics",
    "log_dir",
    "key",
    "grace",
    "require_approval",
    "loudness",
    "trim_silence",
    "dead_air",
];

/// Loudness targets that make sense on loudspeakers: from EBU R128's
/// broadcast -23 LUFS with room to spare, to as hot as a limiter can take.
const LOUDNESS_RANGE: (f64, f64) = (-36.0, -8.0);
/// A shorter `dead_air` would take a speaker's pause for a fault.
const SHORTEST_DEAD_AIR: Duration = Duration::from_secs(5);

/// `station.toml` as read: the station (when its table was usable) and the
/// slots that passed their own checks.
#[derive(Debug, Clone)]
pub struct StationDraft {
    /// The station settings.
    pub station: Station,
    /// Usable slots.
    pub slots: Vec<SlotDraft>,
}

/// Where `[station] key` is written (its value), else the `[station]`
/// header, else the file's start: where a problem with the file or folder
/// that key names is shown, since that line is where the technician fixes it.
pub fn where_station_names(source: &SourceFile, key: &str) -> NamedAt {
    let unwritten = |location: Location| NamedAt {
        location,
        unwritten_key: Some(key.to_string()),
    };
    let Ok(doc) = toml_edit::Document::parse(source.text.as_str()) else {
        return unwritten(source.whole());
    };
    let Some(station) = doc.get("station") else {
        return unwritten(source.whole());
    };
    let value = station
        .as_table_like()
        .and_then(|table| table.get(key))
        .and_then(Item::span);
    match (value, station.span()) {
        (Some(span), _) => NamedAt {
            location: source.locate(span),
            unwritten_key: None,
        },
        (None, Some(header)) => unwritten(source.locate(header)),
        (None, None) => unwritten(source.whole()),
    }
}

/// Reads and checks `station.toml`. Returns `None` when the file cannot be
/// used at all (unreadable, not TOML, no usable `[station]`).
pub fn read_station(source: &SourceFile, d: &mut Diagnostics) -> Option<StationDraft> {
    let doc = super::syntax::parse_toml(source, d)?;
    let root = Fields::new(doc.as_table(), String::new(), 0..0, source);
    root.reject_unknown(&["station", "slot", "upload"], d);
    let station = match doc.get("station") {
        Some(item) => table_like(item, "station", source, d)
            .and_then(|table| read_station_table(table, item.span().unwrap_or(0..0), source, d)),
        None => {
            root.missing("station", d);
            None
        }
    };
    let slots = read_slots(doc.get("slot"), station.as_ref(), source, d);
    let upload = super::upload::read_upload(doc.get("upload"), source, d);
    station.map(|station| StationDraft {
        station: Station { upload, ..station },
        slots,
    })
}

fn read_station_table(
    table: &dyn toml_edit::TableLike,
    header: Range<usize>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<Station> {
    let f = Fields::new(table, "[station]".into(), header, source);
    f.reject_unknown(STATION_KEYS, d);
    let id = f
        .required_string("id", d)
        .filter(|id| check_station_id(&f, id, d));
    let name = f
        .required_string("name", d)
        .filter(|n| check_not_empty(&f, "name", n, d));
    let timezone = read_timezone(&f, d);
    let output = f.string("output", d).filter(|o| check_output(&f, o, d));
    let base = source.path.parent().unwrap_or(Path::new("."));
    let path = |key: &str, default: &str, d: &mut Diagnostics| -> PathBuf {
        let value = f.string(key, d).map_or(default.to_string(), |s| s.value);
        join_clean(base, &value)
    };
    let playlists_dir = path("playlists", DEFAULT_PLAYLISTS, d);
    let topics_path = path("topics", DEFAULT_TOPICS, d);
    let log_dir = path("log_dir", DEFAULT_LOG_DIR, d);
    let key_path = path("key", DEFAULT_KEY, d);
    let grace = read_duration(&f, "grace", d, true);
    let require_approval = f.bool("require_approval", d).is_some_and(|b| b.value);
    let audio = read_audio_policy(&f, d);
    Some(Station {
        id: id?.value,
        name: name?.value,
        timezone: timezone?,
        output: output.map_or_else(|| "default".to_string(), |o| o.value),
        config_path: source.path.clone(),
        playlists_dir,
        topics_path,
        log_dir,
        key_path,
        grace: match grace {
            Some(g) => g?.value,
            None => DEFAULT_GRACE,
        },
        require_approval,
        audio,
        upload: None,
    })
}

/// `loudness`, `trim_silence` and `dead_air`, each defaulting when absent
/// (and when wrong: the error is reported, and no plan is built anyway).
fn read_audio_policy(f: &Fields, d: &mut Diagnostics) -> AudioPolicy {
    let defaults = AudioPolicy::default();
    let trim_silence = read_off_or_duration(f, "trim_silence", d);
    let dead_air = read_off_or_duration(f, "dead_air", d);
    if let Some(Some(short)) = &dead_air
        && short.value < SHORTEST_DEAD_AIR
    {
        d.error(
            f.at(short.span.clone()),
            Problem::DeadAirTooShort {
                value: short.value,
                min: SHORTEST_DEAD_AIR,
            },
        );
    }
    let value = |setting: Option<Spanned<Duration>>| setting.map(|s| s.value);
    AudioPolicy {
        loudness: read_loudness(f, d).unwrap_or(defaults.loudness),
        trim_silence: trim_silence.map_or(defaults.trim_silence, value),
        dead_air: dead_air.map_or(defaults.dead_air, value),
    }
}

/// `None`: absent or wrong (reported). `Some(None)`: `"off"`.
fn read_loudness(f: &Fields, d: &mut Diagnostics) -> Option<Option<f64>> {
    let text = f.string("loudness", d)?;
    if is_off(&text.value) {
        return Some(None);
    }
    let Some(value) = parse_level(&text.value, "LUFS") else {
        d.error(f.at(text.span), Problem::BadLoudness { value: text.value });
        return None;
    };
    let (low, high) = LOUDNESS_RANGE;
    if !(low..=high).contains(&value) {
        d.error(
            f.at(text.span),
            Problem::LoudnessOutOfRange {
                value,
                range: LOUDNESS_RANGE,
            },
        );
        return None;
    }
    Some(Some(value))
}

/// A duration or `"off"`. `None`: absent or wrong (reported).
/// `Some(None)`: `"off"`.
fn read_off_or_duration(
    f: &Fields,
    key: &str,
    d: &mut Diagnostics,
) -> Option<Option<Spanned<Duration>>> {
    let text = f.string(key, d)?;
    if is_off(&text.value) {
        return Some(None);
    }
    let Some(value) = parse_duration(&text.value) else {
        d.error(
            f.at(text.span),
            Problem::BadSilenceSetting {
                key: key.into(),
                value: text.value,
            },
        );
        return None;
    };
    if is_too_long(f, key, value, &text.span, d) {
        return None;
    }
    Some(Some(Spanned {
        value,
        span: text.span,
    }))
}

fn read_timezone(f: &Fields, d: &mut Diagnostics) -> Option<Tz> {
    let Some(text) = f.string("timezone", d) else {
        return Some(chrono_tz::Asia::Ho_Chi_Minh);
    };
    match text.value.parse::<Tz>() {
        Ok(tz) => Some(tz),
        Err(_) => {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
            d.error(
                f.at(text.span),
                Problem::UnknownTimezone {
                    suggestion: did_you_mean(&text.value, names),
                    value: text.value,
                },
            );
            None
        }
    }
}

fn check_station_id(f: &Fields, id: &Spanned<String>, d: &mut Diagnostics) -> bool {
    let ok = id.value.split('/').all(is_name);
    if !ok {
        d.error(
            f.at(id.span.clone()),
            Problem::BadStationId {
                value: id.value.clone(),
            },
        );
    }
    ok
}

fn check_not_empty(f: &Fields, key: &str, text: &Spanned<String>, d: &mut Diagnostics) -> bool {
    let ok = !text.value.trim().is_empty();
    if !ok {
        d.error(
            f.at(text.span.clone()),
            Problem::EmptyText { key: key.into() },
        );
    }
    ok
}

fn check_output(f: &Fields, output: &Spanned<String>, d: &mut Diagnostics) -> bool {
    let value = output.value.trim();
    let ok = !value.is_empty()
        && value != "wav:"
        && !(value.starts_with("wav:") && value[4..].trim().is_empty());
    if !ok {
        d.error(
            f.at(output.span.clone()),
            Problem::BadOutput {
                value: output.value.clone(),
            },
        );
    }
    ok
}

/// `[station] playlists` when absent, relative to the config file.
pub const DEFAULT_PLAYLISTS: &str = "../playlists";

/// `[station] topics` when absent, relative to the config file.
pub const DEFAULT_TOPICS: &str = "topics.toml";

/// `[station] log_dir` when absent, relative to the config file.
pub const DEFAULT_LOG_DIR: &str = "../var/airlog";

/// `[station] key` when absent, relative to the config file.
pub const DEFAULT_KEY: &str = "../var/station.key";
