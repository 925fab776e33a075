//! Reading `station.toml`: the `[station]` table and every `[[slot]]`,
//! checked field by field. Cross-file checks (playlists, overlaps) are in
//! `validate.rs`.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;
use toml_edit::Item;

use super::duration::parse_duration;
use super::fields::{Fields, Spanned, array_of_tables, table_like};
use super::level::{is_off, parse_level};
use super::problem::{Diagnostics, Problem, did_you_mean};
use super::relative_path::join_clean;
use super::source::{Location, SourceFile};
use crate::plan::{AudioPolicy, Order, Rule, Slot, Station};
use crate::relay::RelayUrl;

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
const SLOT_KEYS: &[&str] = &[
    "name", "title", "at", "cron", "days", "from", "until", "playlist", "order", "count", "max",
    "grace", "relay", "fallback",
];
const DEFAULT_GRACE: Duration = Duration::from_secs(600);
/// No real session runs longer; a larger `max` is a typo (`15h` for `15m`).
const LONGEST_SESSION: Duration = Duration::from_secs(12 * 3600);
/// Loudness targets that make sense on loudspeakers: from EBU R128's
/// broadcast -23 LUFS with room to spare, to as hot as a limiter can take.
const LOUDNESS_RANGE: (f64, f64) = (-36.0, -8.0);
/// A shorter `dead_air` would take a speaker's pause for a fault.
const SHORTEST_DEAD_AIR: Duration = Duration::from_secs(5);

/// A slot as read, with the spans the cross-file checks point at.
#[derive(Debug, Clone)]
pub struct SlotDraft {
    /// The checked slot.
    pub slot: Slot,
    /// Span of the `playlist = ...` value.
    pub playlist_span: Range<usize>,
    /// Span of the `max = ...` value.
    pub max_span: Range<usize>,
    /// Span of the slot's `name` value.
    pub name_span: Range<usize>,
}

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
pub fn where_station_names(source: &SourceFile, key: &str) -> Location {
    let Ok(doc) = toml_edit::Document::parse(source.text.as_str()) else {
        return source.whole();
    };
    let Some(station) = doc.get("station") else {
        return source.whole();
    };
    let value = station
        .as_table_like()
        .and_then(|table| table.get(key))
        .and_then(Item::span);
    match value.or_else(|| station.span()) {
        Some(span) => source.locate(span),
        None => source.whole(),
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

fn read_slots(
    item: Option<&Item>,
    station: Option<&Station>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Vec<SlotDraft> {
    let Some(item) = item else { return Vec::new() };
    let Some(tables) = array_of_tables(item, "slot", source, d) else {
        return Vec::new();
    };
    let default_grace = station.map_or(DEFAULT_GRACE, |s| s.grace);
    let mut drafts: Vec<SlotDraft> = Vec::new();
    for table in tables.iter() {
        let header = table.span().unwrap_or(0..0);
        let Some(draft) = read_slot(table, header, default_grace, source, d) else {
            continue;
        };
        if let Some(first) = drafts.iter().find(|s| s.slot.name == draft.slot.name) {
            d.error(
                source.locate(draft.name_span.clone()),
                Problem::DuplicateSlot {
                    name: draft.slot.name.clone(),
                    first_line: source.locate(first.name_span.clone()).line,
                },
            );
            continue;
        }
        drafts.push(draft);
    }
    drafts
}

fn read_slot(
    table: &toml_edit::Table,
    header: Range<usize>,
    default_grace: Duration,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<SlotDraft> {
    let label = table
        .get("name")
        .and_then(|n| n.as_str())
        .map_or("[[slot]]".to_string(), |n| format!("[[slot]] \"{n}\""));
    let f = Fields::new(table, label, header, source);
    f.reject_unknown(SLOT_KEYS, d);
    let name = f
        .required_string("name", d)
        .filter(|n| check_name(&f, n, d));
    let title = f.string("title", d);
    let rule = read_rule(&f, d);
    let (from, until) = f.validity(d);
    let source = read_source(&f, d);
    let order = read_order(&f, d);
    let count = read_count(&f, d);
    let max = read_duration(&f, "max", d, false);
    let grace = read_duration(&f, "grace", d, true);
    let name = name?;
    let (playlist, relay) = source?;
    let max = max??;
    Some(SlotDraft {
        slot: Slot {
            title: title.map_or_else(|| name.value.clone(), |t| t.value),
            name: name.value,
            rule: rule?,
            from: from.map(|f| f.value),
            until: until.map(|u| u.value),
            playlist: playlist.value,
            relay,
            order: order?,
            count: count?,
            max: max.value,
            grace: match grace {
                Some(g) => g?.value,
                None => default_grace,
            },
        },
        playlist_span: playlist.span,
        max_span: max.span,
        name_span: name.span,
    })
}

/// What a slot airs: its `playlist`, or the stream it `relay`s with the
/// `fallback` playlist (empty: none) aired when the stream cannot be had.
/// The span is the one playlist checks point at.
fn read_source(f: &Fields<'_>, d: &mut Diagnostics) -> Option<(Spanned<String>, Option<RelayUrl>)> {
    let playlist = f.string("playlist", d);
    let relay = f.string("relay", d);
    let fallback = f.string("fallback", d);
    match (playlist, relay) {
        (Some(playlist), None) => {
            if let Some(fallback) = fallback {
                d.error(f.at(fallback.span), Problem::FallbackWithoutRelay);
                return None;
            }
            Some((playlist, None))
        }
        (Some(_), Some(relay)) => {
            d.error(f.at(relay.span), Problem::PlaylistAndRelay);
            None
        }
        (None, Some(relay)) => {
            let url = RelayUrl::parse(&relay.value)
                .map_err(|error| {
                    d.error(
                        f.at(relay.span.clone()),
                        Problem::BadRelayUrl {
                            value: relay.value.clone(),
                            detail: error.to_string(),
                        },
                    )
                })
                .ok()?;
            let fallback = fallback.unwrap_or(Spanned {
                value: String::new(),
                span: relay.span,
            });
            Some((fallback, Some(url)))
        }
        (None, None) => {
            if f.has("playlist") || f.has("relay") {
                return None;
            }
            d.error(f.at(f.header()), Problem::NeitherPlaylistNorRelay);
            None
        }
    }
}

/// `None`: the key is absent. `Some(None)`: present but wrong (reported).
/// A missing required key is reported here too, as `Some(None)`.
fn read_duration(
    f: &Fields,
    key: &str,
    d: &mut Diagnostics,
    optional: bool,
) -> Option<Option<Spanned<Duration>>> {
    let Some(text) = f.string(key, d) else {
        if !optional {
            f.missing(key, d);
            return Some(None);
        }
        return None;
    };
    let Some(value) = parse_duration(&text.value) else {
        d.error(f.at(text.span), Problem::BadDuration { value: text.value });
        return Some(None);
    };
    if !optional && value.is_zero() {
        d.error(f.at(text.span), Problem::ZeroDuration { key: key.into() });
        return Some(None);
    }
    if is_too_long(f, key, value, &text.span, d) {
        return Some(None);
    }
    Some(Some(Spanned {
        value,
        span: text.span,
    }))
}

/// Reports a duration longer than any session as the typo it must be.
fn is_too_long(
    f: &Fields,
    key: &str,
    value: Duration,
    span: &Range<usize>,
    d: &mut Diagnostics,
) -> bool {
    let too_long = value > LONGEST_SESSION;
    if too_long {
        d.error(
            f.at(span.clone()),
            Problem::DurationTooLong {
                key: key.into(),
                value,
                limit: LONGEST_SESSION,
            },
        );
    }
    too_long
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

fn read_rule(f: &Fields, d: &mut Diagnostics) -> Option<Rule> {
    let at = f.string_list("at", d);
    let cron = f.string("cron", d);
    let days = f.string_list("days", d);
    match (at, cron) {
        (Some(at), None) => {
            let times = read_times(f, at, d);
            let days = match days {
                Some(days) => read_days(f, days, d),
                None => Some(super::weekday::EVERY_DAY.to_vec()),
            };
            Some(Rule::At {
                times: times?,
                days: days?,
            })
        }
        (None, Some(cron)) => {
            if let Some(first) = days.as_ref().and_then(|d| d.first()) {
                d.error(f.at(first.span.clone()), Problem::DaysWithCron);
                return None;
            }
            read_cron(f, cron, d)
        }
        (Some(_), Some(cron)) => {
            d.error(f.at(cron.span), Problem::AtAndCron);
            None
        }
        (None, None) => {
            // A wrongly typed `at`/`cron` was already reported.
            if !f.has("at") && !f.has("cron") {
                d.error(f.at(f.header()), Problem::NeitherAtNorCron);
            }
            None
        }
    }
}

fn read_times(f: &Fields, at: Vec<Spanned<String>>, d: &mut Diagnostics) -> Option<Vec<NaiveTime>> {
    if at.is_empty() {
        d.error(f.at(f.header()), Problem::EmptyAt);
        return None;
    }
    let mut times = Vec::with_capacity(at.len());
    let mut ok = true;
    for text in at {
        let parsed = NaiveTime::parse_from_str(&text.value, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(&text.value, "%H:%M"))
            .ok()
            .filter(|_| is_clock_time_form(&text.value));
        match parsed {
            Some(time) if times.contains(&time) => {
                d.error(
                    f.at(text.span),
                    Problem::DuplicateTime { value: text.value },
                );
                ok = false;
            }
            Some(time) => times.push(time),
            None => {
                d.error(f.at(text.span), Problem::BadTime { value: text.value });
                ok = false;
            }
        }
    }
    times.sort();
    ok.then_some(times)
}

/// `HH:MM` or `HH:MM:SS` with two digits each (chrono alone accepts `5:3`).
fn is_clock_time_form(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    (parts.len() == 2 || parts.len() == 3)
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn read_days(f: &Fields, days: Vec<Spanned<String>>, d: &mut Diagnostics) -> Option<Vec<Weekday>> {
    let mut out = Vec::new();
    let mut ok = true;
    for text in days {
        match super::weekday::parse_weekday(&text.value) {
            Some(day) if out.contains(&day) => {
                d.error(f.at(text.span), Problem::DuplicateDay { value: text.value });
                ok = false;
            }
            Some(day) => out.push(day),
            None => {
                let folded = super::weekday::folded(&text.value);
                let suggestion = did_you_mean(&folded, super::weekday::spellings()).or_else(|| {
                    folded
                        .get(..3)
                        .filter(|p| super::weekday::parse_weekday(p).is_some())
                        .map(str::to_string)
                });
                d.error(
                    f.at(text.span),
                    Problem::BadDay {
                        value: text.value,
                        suggestion,
                    },
                );
                ok = false;
            }
        }
    }
    if ok && out.is_empty() {
        d.error(f.at(f.header()), Problem::EmptyAt);
        return None;
    }
    out.sort_by_key(|d| d.num_days_from_monday());
    ok.then_some(out)
}

fn read_cron(f: &Fields, cron: Spanned<String>, d: &mut Diagnostics) -> Option<Rule> {
    match crate::schedule::parse_cron(&cron.value) {
        Ok(parsed) => Some(Rule::Cron {
            expression: cron.value,
            cron: Box::new(parsed),
        }),
        Err(detail) => {
            d.error(
                f.at(cron.span),
                Problem::BadCron {
                    value: cron.value,
                    detail,
                },
            );
            None
        }
    }
}

const ORDERS: [(&str, Order); 3] = [
    ("sequential", Order::Sequential),
    ("shuffle", Order::Shuffle),
    ("rotate", Order::Rotate),
];

fn read_order(f: &Fields, d: &mut Diagnostics) -> Option<Order> {
    let Some(text) = f.string("order", d) else {
        return Some(Order::Sequential);
    };
    match ORDERS.iter().find(|(name, _)| *name == text.value) {
        Some((_, order)) => Some(*order),
        None => {
            d.error(
                f.at(text.span),
                Problem::BadOrder {
                    suggestion: did_you_mean(&text.value, ORDERS.iter().map(|(n, _)| *n)),
                    value: text.value,
                },
            );
            None
        }
    }
}

fn read_count(f: &Fields, d: &mut Diagnostics) -> Option<Option<u32>> {
    let Some(count) = f.integer("count", d) else {
        return Some(None);
    };
    match u32::try_from(count.value) {
        Ok(n) if (1..=1000).contains(&n) => Some(Some(n)),
        _ => {
            d.error(f.at(count.span), Problem::BadCount { value: count.value });
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

fn check_name(f: &Fields, name: &Spanned<String>, d: &mut Diagnostics) -> bool {
    let ok = is_name(&name.value);
    if !ok {
        d.error(
            f.at(name.span.clone()),
            Problem::BadSlotName {
                value: name.value.clone(),
            },
        );
    }
    ok
}

/// Lowercase a-z, 0-9 and inner '-': safe in file names, URLs and reports.
pub fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
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
