//! A playlist written as a file, `NAME.toml`: a title, a language, a
//! default topic, and its `[[segment]]`s in order.

use std::path::Path;

use super::fields::{Fields, array_of_tables};
use super::playlists::{PlaylistDraft, PlaylistReading};
use super::problem::{Diagnostics, Problem};
use super::segment_fields::{SegmentDefaults, read_language, read_segment, read_topic};

/// The keys a playlist file may have at its top.
const PLAYLIST_KEYS: &[&str] = &["title", "language", "segment", "topic"];
/// The keys a `[[segment]]` may have.
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
/// Reads the playlist `name` from its file at `path`: its settings, then
/// each `[[segment]]`, keeping those that can air.
pub(super) fn read_playlist_file(
    name: &str,
    path: &Path,
    reading: &mut PlaylistReading<'_>,
    d: &mut Diagnostics,
) -> Option<PlaylistDraft> {
    let (source, doc) = reading.read_toml(path, d)?;
    let f = Fields::new(doc.as_table(), format!("playlist {name}"), 0..0, &source);
    f.reject_unknown(PLAYLIST_KEYS, d);
    let title = f
        .string("title", d)
        .map_or_else(|| name.to_string(), |t| t.value);
    let language = read_language(&f, "language", d).unwrap_or_else(|| "vi".to_string());
    let default_topic = read_topic(&f, reading.topics, d);
    let mut draft = PlaylistDraft::empty(name, title, language.clone());
    let defaults = SegmentDefaults {
        language: &language,
        topic: default_topic,
    };
    let Some(item) = doc.get("segment") else {
        return Some(draft);
    };
    let Some(tables) = array_of_tables(item, "segment", &source, d) else {
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
        let segment = read_segment(&f, &defaults, reading, d);
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
