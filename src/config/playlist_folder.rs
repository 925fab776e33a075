//! A playlist as a plain folder of audio files, `NAME/`: its settings in
//! `NAME/playlist.toml`, its segments the audio files in name order, each
//! titled after its file name.

use std::path::{Path, PathBuf};

use super::fields::{Fields, Spanned};
use super::paths::nfc;
use super::playlists::{
    PlaylistDraft, PlaylistReading, is_audio_name, stays_inside, warn_name_not_utf8,
};
use super::problem::{Diagnostics, Problem};
use super::segment_fields::{probe_segment, read_language, read_topic, title_from_file};
use super::source::Location;
use crate::plan::Segment;

/// Reads the playlist `name` from its `folder`: its `playlist.toml`, then
/// its audio files in name order.
pub(super) fn read_folder_playlist(
    name: &str,
    folder: &Path,
    reading: &mut PlaylistReading<'_>,
    d: &mut Diagnostics,
) -> Option<PlaylistDraft> {
    let settings = read_settings(name, folder, reading, d)?;
    let files = audio_files(folder, d)?;
    let mut draft = PlaylistDraft::empty(name, settings.title.clone(), settings.language.clone());
    for (file_name, path) in files {
        let relative = format!("{name}/{file_name}");
        let location = Location::file_only(&path);
        let spanned = Spanned {
            value: relative.clone(),
            span: 0..0,
        };
        let Some((path, facts)) = probe_segment(reading, &spanned, &location, d) else {
            continue;
        };
        let Some(topic) = settings.topic else {
            continue;
        };
        draft.playlist.segments.push(Segment {
            title: title_from_file(&file_name),
            file: relative,
            path,
            topic,
            language: settings.language.clone(),
            approved_by: settings.approved_by.clone(),
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

/// What a folder playlist's `playlist.toml` says of all its segments.
struct FolderSettings {
    title: String,
    language: String,
    /// Required: without it no segment can air.
    topic: Option<u32>,
    approved_by: Option<String>,
}

/// The settings in `folder`'s `playlist.toml` (defaults, and a missing
/// topic reported, when there is none). `None` when the file is refused
/// or cannot be read or parsed: the playlist is left out.
fn read_settings(
    name: &str,
    folder: &Path,
    reading: &mut PlaylistReading<'_>,
    d: &mut Diagnostics,
) -> Option<FolderSettings> {
    let settings = folder.join("playlist.toml");
    let mut found = FolderSettings {
        title: name.to_string(),
        language: "vi".to_string(),
        topic: None,
        approved_by: None,
    };
    if !settings.exists() {
        d.error(
            Location::file_only(folder),
            Problem::MissingKey {
                key: "topic".into(),
                table: format!("{}/playlist.toml", name),
            },
        );
        return Some(found);
    }
    if !stays_inside(reading.root, &settings, d) {
        return None;
    }
    let (source, doc) = reading.read_toml(&settings, d)?;
    let f = Fields::new(doc.as_table(), format!("playlist {name}"), 0..0, &source);
    f.reject_unknown(&["title", "language", "topic", "approved_by"], d);
    found.approved_by = f
        .string("approved_by", d)
        .map(|a| a.value)
        .filter(|a| !a.trim().is_empty());
    found.title = f.string("title", d).map_or(found.title, |t| t.value);
    found.language = read_language(&f, "language", d).unwrap_or(found.language);
    found.topic = read_topic(&f, reading.topics, d);
    if found.topic.is_none() && !f.has("topic") {
        f.missing("topic", d);
    }
    Some(found)
}

/// The audio files in `folder`, by name (NFC) in order; a name that is not
/// UTF-8 is warned about and left out. `None` when the folder cannot be
/// listed.
fn audio_files(folder: &Path, d: &mut Diagnostics) -> Option<Vec<(String, PathBuf)>> {
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
    Some(files)
}
