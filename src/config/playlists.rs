//! Reading playlists: `NAME.toml` files and plain folders of audio files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::fields::{Fields, Spanned};
use super::level::parse_level;
use super::paths::{Unresolved, nfc, real_path_inside, resolve_segment_path};
use super::problem::{Diagnostics, Escape, Expected, Problem, did_you_mean};
use super::source::{Location, SourceFile};
use crate::plan::{AudioPolicy, Levels, Playlist, Segment, Topic};

/// File endings taken as audio in a folder playlist.
pub const AUDIO_EXTENSIONS: &[&str] = &["ogg", "oga", "opus", "mp3", "flac", "wav"];

const PLAYLIST_KEYS: &[&str] = &["title", "language", "segment", "topic"];
const SEGMENT_KEYS: &[&str] = &[
    "file",
    "title",
    "topic",
    "approved_by",
    "from",
    "until",
    "language",
    "gain",
];
/// The largest `gain` a segment may ask for, either way: more is a typo, or
/// a file that needs re-recording rather than a gain.
const GAIN_LIMIT: f64 = 24.0;
/// A segment this far (LU) below the loudness target gets a warning: the
/// gain that brings it up lifts its noise floor as much.
const QUIET_WARNING_LU: f64 = 10.0;
/// A segment more than this share silent gets a warning.
const MOSTLY_SILENT_SHARE: f64 = 0.5;

/// What the loader needs to know of an audio file.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioFacts {
    /// Playing time.
    pub duration: Duration,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// Loudness, true peak and silences, when measured.
    pub levels: Option<Levels>,
}

/// Measures audio files for the loader (the real one caches by path, size
/// and mtime; see `crate::audio`).
pub trait Prober {
    /// Duration, hash and levels, or why the file is not usable audio.
    fn probe(&mut self, path: &Path) -> Result<AudioFacts, String>;

    /// Told every audio file under the playlists folder before the loader
    /// asks for them one by one, so a prober that can measure many files
    /// at once (on several cores) may do so. Does nothing by default.
    fn prefetch(&mut self, _paths: &[PathBuf]) {}
}

/// How deep below the playlists folder audio files are looked for ahead.
const PREFETCH_DEPTH: usize = 4;

/// Audio files (by extension) under `dir`, not following links.
fn audio_files_under(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() && depth > 0 {
            audio_files_under(&path, depth - 1, out);
        } else if kind.is_file() && is_audio_name(&path) {
            out.push(path);
        }
    }
}

fn is_audio_name(path: &Path) -> bool {
    has_extension(path, AUDIO_EXTENSIONS)
}

/// Whether `path` ends in one of `extensions` (lower case), in any case;
/// also for a name that is not UTF-8 before its extension.
fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e.to_lowercase().as_str()))
}

/// A name that is not UTF-8 cannot be written in a playlist, the log or a
/// report, so the file is left out; the technician is told which one, as
/// near as it can be shown, and how to fix it.
fn warn_name_not_utf8(path: &Path, d: &mut Diagnostics) {
    let name = path
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    d.warning(Location::file_only(path), Problem::NameNotUtf8 { name });
}

/// Whether `path` (a playlist file or folder, or a folder's
/// `playlist.toml`) really is inside the playlists folder `root`. One
/// that is a link out of it is refused before it is read: its lines would
/// be shown in error messages. One that cannot be resolved is left to the
/// reader to report.
fn stays_inside(root: &Path, path: &Path, d: &mut Diagnostics) -> bool {
    if let Ok(None) = real_path_inside(root, path) {
        let shown = path.strip_prefix(root).unwrap_or(path);
        d.error(
            Location::file_only(path),
            Problem::PathEscapes {
                file: shown.to_string_lossy().into_owned(),
                why: Escape::Symlink,
            },
        );
        return false;
    }
    true
}

/// A playlist as read, with where each segment was declared.
#[derive(Debug, Clone)]
pub struct PlaylistDraft {
    /// The usable playlist (segments that failed their checks are left out).
    pub playlist: Playlist,
    /// Where each kept segment was declared (its `file` value, or the file
    /// itself for a folder playlist), same order as `playlist.segments`.
    pub segment_locations: Vec<Location>,
}

/// Every playlist in `dir`: `NAME.toml`, and folders `NAME/` without a
/// `NAME.toml` beside them.
pub fn read_playlists(
    dir: &Path,
    topics: &BTreeMap<u32, Topic>,
    prober: &mut dyn Prober,
    sources: &mut Vec<SourceFile>,
    d: &mut Diagnostics,
) -> BTreeMap<String, PlaylistDraft> {
    let mut out = BTreeMap::new();
    let mut audio = Vec::new();
    audio_files_under(dir, PREFETCH_DEPTH, &mut audio);
    prober.prefetch(&audio);
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(_) => return out,
    };
    let mut names: Vec<(String, PathBuf, bool)> = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let is_dir = path.is_dir();
        let Some(name) = entry.file_name().to_str().map(nfc) else {
            if is_dir || has_extension(&path, &["toml"]) {
                warn_name_not_utf8(&path, d);
            }
            continue;
        };
        if is_dir {
            names.push((name, path, true));
        } else if let Some(stem) = name.strip_suffix(".toml") {
            names.push((stem.to_string(), path, false));
        }
    }
    names.sort();
    for (name, path, is_dir) in &names {
        let has_toml = names.iter().any(|(n, _, dir)| n == name && !dir);
        if (!is_dir || !has_toml) && !stays_inside(dir, path, d) {
            continue;
        }
        let draft = match (is_dir, has_toml) {
            (false, _) => read_playlist_file(name, path, dir, topics, prober, sources, d),
            (true, false) => read_folder_playlist(name, path, dir, topics, prober, sources, d),
            (true, true) => continue,
        };
        if let Some(draft) = draft {
            out.insert(name.clone(), draft);
        }
    }
    out
}

fn read_source(
    path: &Path,
    sources: &mut Vec<SourceFile>,
    d: &mut Diagnostics,
) -> Option<SourceFile> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let source = SourceFile::new(path, text);
            sources.push(source.clone());
            Some(source)
        }
        Err(e) => {
            d.error(
                Location::file_only(path),
                Problem::CannotRead {
                    detail: e.to_string(),
                },
            );
            None
        }
    }
}

fn read_playlist_file(
    name: &str,
    path: &Path,
    root: &Path,
    topics: &BTreeMap<u32, Topic>,
    prober: &mut dyn Prober,
    sources: &mut Vec<SourceFile>,
    d: &mut Diagnostics,
) -> Option<PlaylistDraft> {
    let source = read_source(path, sources, d)?;
    let doc = super::syntax::parse_toml(&source, d)?;
    let f = Fields::new(doc.as_table(), format!("playlist {name}"), 0..0, &source);
    f.reject_unknown(PLAYLIST_KEYS, d);
    let title = f
        .string("title", d)
        .map_or_else(|| name.to_string(), |t| t.value);
    let language = read_language(&f, "language", d).unwrap_or_else(|| "vi".to_string());
    let default_topic = read_topic(&f, topics, d);
    let mut draft = PlaylistDraft {
        playlist: Playlist {
            name: name.to_string(),
            title,
            language: language.clone(),
            segments: Vec::new(),
        },
        segment_locations: Vec::new(),
    };
    let Some(item) = doc.get("segment") else {
        return Some(draft);
    };
    let Some(tables) = item.as_array_of_tables() else {
        d.error(
            source.locate(item.span().unwrap_or(0..0)),
            Problem::WrongType {
                key: "segment".into(),
                expected: Expected::TableArray,
            },
        );
        return Some(draft);
    };
    for (index, table) in tables.iter().enumerate() {
        let f = Fields::new(
            table,
            format!("[[segment]] #{}", index + 1),
            table.span().unwrap_or(0..0),
            &source,
        );
        f.reject_unknown(SEGMENT_KEYS, d);
        let segment = read_segment(&f, root, &language, default_topic, topics, prober, d);
        if let Some((segment, location)) = segment {
            if draft
                .playlist
                .segments
                .iter()
                .any(|s| s.file == segment.file)
            {
                d.warning(
                    location.clone(),
                    Problem::DuplicateSegment {
                        file: segment.file.clone(),
                    },
                );
            }
            draft.playlist.segments.push(segment);
            draft.segment_locations.push(location);
        }
    }
    Some(draft)
}

fn read_segment(
    f: &Fields,
    root: &Path,
    language: &str,
    default_topic: Option<u32>,
    topics: &BTreeMap<u32, Topic>,
    prober: &mut dyn Prober,
    d: &mut Diagnostics,
) -> Option<(Segment, Location)> {
    let file = f.required_string("file", d);
    let title = f.string("title", d);
    let topic = read_topic(f, topics, d);
    if topic.is_none() && !f.has("topic") && default_topic.is_none() {
        f.missing("topic", d);
    }
    let approved_by = f
        .string("approved_by", d)
        .map(|a| a.value)
        .filter(|a| !a.trim().is_empty());
    let (from, until) = f.validity(d);
    let segment_language = read_language(f, "language", d).unwrap_or_else(|| language.to_string());
    let gain = read_gain(f, d);
    let file = file?;
    let location = f.at(file.span.clone());
    let (path, facts) = probe_segment(root, &file, &location, prober, d)?;
    let topic = topic.or(default_topic)?;
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

fn probe_segment(
    root: &Path,
    file: &Spanned<String>,
    location: &Location,
    prober: &mut dyn Prober,
    d: &mut Diagnostics,
) -> Option<(PathBuf, AudioFacts)> {
    let path = match resolve_segment_path(root, &file.value) {
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
    match prober.probe(&path) {
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

fn read_topic(f: &Fields, topics: &BTreeMap<u32, Topic>, d: &mut Diagnostics) -> Option<u32> {
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

fn read_language(f: &Fields, key: &str, d: &mut Diagnostics) -> Option<String> {
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
fn title_from_file(file: &str) -> String {
    let name = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file);
    nfc(&name.replace(['-', '_'], " "))
}

fn read_folder_playlist(
    name: &str,
    folder: &Path,
    root: &Path,
    topics: &BTreeMap<u32, Topic>,
    prober: &mut dyn Prober,
    sources: &mut Vec<SourceFile>,
    d: &mut Diagnostics,
) -> Option<PlaylistDraft> {
    let settings = folder.join("playlist.toml");
    let mut title = name.to_string();
    let mut language = "vi".to_string();
    let mut topic = None;
    let mut approved_by = None;
    if settings.exists() {
        if !stays_inside(root, &settings, d) {
            return None;
        }
        let source = read_source(&settings, sources, d)?;
        let doc = super::syntax::parse_toml(&source, d)?;
        let f = Fields::new(doc.as_table(), format!("playlist {name}"), 0..0, &source);
        f.reject_unknown(&["title", "language", "topic", "approved_by"], d);
        approved_by = f
            .string("approved_by", d)
            .map(|a| a.value)
            .filter(|a| !a.trim().is_empty());
        title = f.string("title", d).map_or(title, |t| t.value);
        language = read_language(&f, "language", d).unwrap_or(language);
        topic = read_topic(&f, topics, d);
        if topic.is_none() && !f.has("topic") {
            f.missing("topic", d);
        }
    } else {
        d.error(
            Location::file_only(folder),
            Problem::MissingKey {
                key: "topic".into(),
                table: format!("{}/playlist.toml", name),
            },
        );
    }
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(folder).ok()?.flatten() {
        let path = entry.path();
        if !is_audio_name(&path) {
            continue;
        }
        match entry.file_name().to_str() {
            Some(file_name) => files.push((nfc(file_name), path)),
            None => warn_name_not_utf8(&path, d),
        }
    }
    files.sort();
    let mut draft = PlaylistDraft {
        playlist: Playlist {
            name: name.to_string(),
            title,
            language: language.clone(),
            segments: Vec::new(),
        },
        segment_locations: Vec::new(),
    };
    for (file_name, path) in files {
        let relative = format!("{name}/{file_name}");
        let location = Location::file_only(&path);
        let spanned = Spanned {
            value: relative.clone(),
            span: 0..0,
        };
        let Some((path, facts)) = probe_segment(root, &spanned, &location, prober, d) else {
            continue;
        };
        let Some(topic) = topic else { continue };
        draft.playlist.segments.push(Segment {
            title: title_from_file(&file_name),
            file: relative,
            path,
            topic,
            language: language.clone(),
            approved_by: approved_by.clone(),
            from: None,
            until: None,
            duration: facts.duration,
            sha256: facts.sha256,
            levels: facts.levels,
            gain: None,
        });
        draft.segment_locations.push(location);
    }
    Some(draft)
}

/// Warns about segments that will not sound right on air: far below the
/// loudness target (the gain lifts their noise too), silent or mostly
/// silent, or with a pause inside that playout would take for dead air.
pub fn check_levels(
    playlists: &BTreeMap<String, PlaylistDraft>,
    policy: &AudioPolicy,
    d: &mut Diagnostics,
) {
    for draft in playlists.values() {
        let segments = draft.playlist.segments.iter();
        for (segment, location) in segments.zip(&draft.segment_locations) {
            if let Some(levels) = &segment.levels {
                for problem in level_problems(segment, levels, policy) {
                    d.warning(location.clone(), problem);
                }
            }
        }
    }
}

fn level_problems(segment: &Segment, levels: &Levels, policy: &AudioPolicy) -> Vec<Problem> {
    let file = || segment.file.clone();
    if !levels.has_sound() {
        return vec![Problem::SilentSegment { file: file() }];
    }
    let mut problems = Vec::new();
    if let (Some(target), Some(loudness), None) = (policy.loudness, levels.loudness, segment.gain)
        && loudness < target - QUIET_WARNING_LU
    {
        problems.push(Problem::QuietSegment {
            file: file(),
            loudness,
            target,
        });
    }
    if levels.silent_share() > MOSTLY_SILENT_SHARE {
        problems.push(Problem::MostlySilent {
            file: file(),
            silent_percent: (levels.silent_share() * 100.0).round() as u32,
        });
    }
    let (at, length) = longest_silence_on_air(levels, policy);
    if let Some(dead_air) = policy.dead_air
        && length > dead_air
    {
        problems.push(Problem::LongPauseInside {
            file: file(),
            at,
            length,
            dead_air,
        });
    }
    problems
}

/// The longest silence that will go on air from a segment: its longest
/// pause, or an edge silence as `trim_silence` leaves it. Where it starts,
/// and how long it is.
fn longest_silence_on_air(levels: &Levels, policy: &AudioPolicy) -> (Duration, Duration) {
    let kept = |edge: Duration| policy.trim_silence.map_or(edge, |keep| edge.min(keep));
    let leading = kept(levels.leading_silence);
    let trailing = kept(levels.trailing_silence);
    let trailing_at = levels.length.saturating_sub(levels.trailing_silence);
    [
        (Duration::ZERO, leading),
        levels.longest_pause,
        (trailing_at, trailing),
    ]
    .into_iter()
    .max_by_key(|(_, length)| *length)
    .unwrap_or_default()
}

/// The playlist name nearest to `name`, for "did you mean".
pub fn nearest_playlist<'a>(
    name: &str,
    names: impl IntoIterator<Item = &'a String>,
) -> Option<String> {
    did_you_mean(name, names.into_iter().map(String::as_str))
}
