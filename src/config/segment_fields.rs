//! The fields of a segment as a playlist declares them (file, topic,
//! language, gain, …), each checked where it is written, and the probe of
//! the file it names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::fields::{Fields, Spanned};
use super::level::parse_level;
use super::paths::{Unresolved, nfc, resolve_segment_path};
use super::playlists::PlaylistReading;
use super::prober::AudioFacts;
use super::problem::{Diagnostics, Problem};
use super::source::Location;
use crate::plan::{Segment, Topic};

/// The largest `gain` a segment may ask for, either way: more is a typo, or
/// a file that needs re-recording rather than a gain.
const GAIN_LIMIT: f64 = 24.0;

/// What a segment takes from its playlist when it does not say.
pub(super) struct SegmentDefaults<'p> {
    /// The playlist's language.
    pub(super) language: &'p str,
    /// The playlist's topic, if it names one.
    pub(super) topic: Option<u32>,
}

/// Reads one `[[segment]]` of a playlist file: its fields checked, its
/// file probed. `None` when it cannot air (the problems are recorded).
pub(super) fn read_segment(
    f: &Fields,
    defaults: &SegmentDefaults<'_>,
    reading: &mut PlaylistReading<'_>,
    d: &mut Diagnostics,
) -> Option<(Segment, Location)> {
    let file = f.required_string("file", d);
    let title = f.string("title", d);
    let topic = read_topic(f, reading.topics, d);
    if topic.is_none() && !f.has("topic") && defaults.topic.is_none() {
        f.missing("topic", d);
    }
    let approved_by = f
        .string("approved_by", d)
        .map(|a| a.value)
        .filter(|a| !a.trim().is_empty());
    let (from, until) = f.validity(d);
    let segment_language =
        read_language(f, "language", d).unwrap_or_else(|| defaults.language.to_string());
    let gain = read_gain(f, d);
    let file = file?;
    let location = f.at(file.span.clone());
    let (path, facts) = probe_segment(reading, &file, &location, d)?;
    let topic = topic.or(defaults.topic)?;
    Some((
        Segment {
            title: title.map_or_else(|| title_from_file(&file.value), |t| t.value),
            file: nfc(&file.value),
            path,
            topic,
            language: segment_language,
            approved_by,
            from: from.map(|f| f.value),
            until: until.map(|u| u.value),
            duration: facts.duration,
            sha256: facts.sha256,
            levels: facts.levels,
            gain,
        },
        location,
    ))
}

/// `gain = "+3 dB"`: within ±[`GAIN_LIMIT`].
fn read_gain(f: &Fields, d: &mut Diagnostics) -> Option<f64> {
    let text = f.string("gain", d)?;
    let Some(value) = parse_level(&text.value, "dB") else {
        d.error(f.at(text.span), Problem::BadGain { value: text.value });
        return None;
    };
    if value.abs() > GAIN_LIMIT {
        d.error(
            f.at(text.span),
            Problem::GainOutOfRange {
                value,
                limit: GAIN_LIMIT,
            },
        );
        return None;
    }
    Some(value)
}

/// The segment's file inside the playlists folder, and what probing it
/// found; `None` (with the problem at `location`) when it is outside,
/// missing, or not audio.
pub(super) fn probe_segment(
    reading: &mut PlaylistReading<'_>,
    file: &Spanned<String>,
    location: &Location,
    d: &mut Diagnostics,
) -> Option<(PathBuf, AudioFacts)> {
    let path = match resolve_segment_path(reading.root, &file.value) {
        Ok(path) => path,
        Err(Unresolved::Escapes(why)) => {
            d.error(
                location.clone(),
                Problem::PathEscapes {
                    file: file.value.clone(),
                    why,
                },
            );
            return None;
        }
        Err(Unresolved::Missing) => {
            d.error(
                location.clone(),
                Problem::SegmentMissing {
                    file: file.value.clone(),
                },
            );
            return None;
        }
    };
    match reading.prober.probe(&path) {
        Ok(facts) => Some((path, facts)),
        Err(detail) => {
            d.error(
                location.clone(),
                Problem::SegmentNotAudio {
                    file: file.value.clone(),
                    detail,
                },
            );
            None
        }
    }
}

/// The `topic` code, when the catalogue has it.
pub(super) fn read_topic(
    f: &Fields,
    topics: &BTreeMap<u32, Topic>,
    d: &mut Diagnostics,
) -> Option<u32> {
    let code = f.integer("topic", d)?;
    match u32::try_from(code.value)
        .ok()
        .filter(|c| topics.contains_key(c))
    {
        Some(topic) => Some(topic),
        None => {
            let suggestion = topics
                .keys()
                .copied()
                .find(|c| i64::from(*c) == code.value.abs());
            d.error(
                f.at(code.span),
                Problem::UnknownTopic {
                    code: code.value,
                    suggestion,
                },
            );
            None
        }
    }
}

/// A two- or three-letter language code in lower case.
pub(super) fn read_language(f: &Fields, key: &str, d: &mut Diagnostics) -> Option<String> {
    let text = f.string(key, d)?;
    let ok =
        (2..=3).contains(&text.value.len()) && text.value.bytes().all(|b| b.is_ascii_lowercase());
    if ok {
        Some(text.value)
    } else {
        d.error(f.at(text.span), Problem::BadLanguage { value: text.value });
        None
    }
}

/// "01-y-nghia_cchc.ogg" → "01 y nghia cchc".
pub(super) fn title_from_file(file: &str) -> String {
    let name = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file);
    nfc(&name.replace(['-', '_'], " "))
}
