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
    let settings = folder.join("playlist.toml");
    let mut title = name.to_string();
    let mut language = "vi".to_string();
    let mut topic = None;
    let mut approved_by = None;
    if settings.exists() {
        if !stays_inside(reading.root, &settings, d) {
            return None;
        }
        let (source, doc) = reading.read_toml(&settings, d)?;
        let f = Fields::new(doc.as_table(), format!("playlist {name}"), 0..0, &source);
        f.reject_unknown(&["title", "language", "topic", "approved_by"], d);
        approved_by = f
            .string("approved_by", d)
            .map(|a| a.value)
            .filter(|a| !a.trim().is_empty());
        title = f.string("title", d).map_or(title, |t| t.value);
        language = read_language(&f, "language", d).unwrap_or(language);
        topic = read_topic(&f, reading.topics, d);
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
    let mut draft = PlaylistDraft::empty(name, title, language.clone());
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
