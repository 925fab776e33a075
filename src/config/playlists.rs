//! Finding the playlists in the playlists folder: `NAME.toml` files
//! (`playlist_file.rs`) and plain folders of audio files
//! (`playlist_folder.rs`), none of them reached through a link out of it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml_edit::Document;

use super::paths::{nfc, real_path_inside};
use super::playlist_file::read_playlist_file;
use super::playlist_folder::read_folder_playlist;
use super::prober::Prober;
use super::problem::{Diagnostics, Escape, Problem, did_you_mean};
use super::source::{Location, SourceFile};
use super::syntax::parse_toml;
use crate::plan::{Playlist, Topic};

/// File endings taken as audio in a folder playlist.
pub const AUDIO_EXTENSIONS: &[&str] = &["ogg", "oga", "opus", "mp3", "flac", "wav"];

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

/// Whether `path` is named as an audio file.
pub(super) fn is_audio_name(path: &Path) -> bool {
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
pub(super) fn warn_name_not_utf8(path: &Path, d: &mut Diagnostics) {
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
pub(super) fn stays_inside(root: &Path, path: &Path, d: &mut Diagnostics) -> bool {
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

impl PlaylistDraft {
    /// The playlist `name` before its segments are read.
    pub(super) fn empty(name: &str, title: String, language: String) -> Self {
        Self {
            playlist: Playlist {
                name: name.to_string(),
                title,
                language,
                segments: Vec::new(),
            },
            segment_locations: Vec::new(),
        }
    }
}

/// What reading any playlist needs besides the playlist itself: where
/// playlists live, the topics a segment may name, who measures the audio,
/// and every file read so far (they make the plan's hash).
pub(super) struct PlaylistReading<'r> {
    /// The playlists folder: nothing is read from outside it.
    pub(super) root: &'r Path,
    /// The topic catalogue.
    pub(super) topics: &'r BTreeMap<u32, Topic>,
    /// Measures each segment's file.
    pub(super) prober: &'r mut dyn Prober,
    /// The files read, for the plan's hash.
    pub(super) sources: &'r mut Vec<SourceFile>,
}

impl PlaylistReading<'_> {
    /// Reads and parses the TOML file at `path`, keeping its text among the
    /// sources (even when it does not parse).
    pub(super) fn read_toml(
        &mut self,
        path: &Path,
        d: &mut Diagnostics,
    ) -> Option<(SourceFile, Document<String>)> {
        let source = SourceFile::read(path, d)?;
        self.sources.push(source.clone());
        let doc = parse_toml(&source, d)?;
        Some((source, doc))
    }
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
    let mut reading = PlaylistReading {
        root: dir,
        topics,
        prober,
        sources,
    };
    for (name, path, is_dir) in &names {
        let has_toml = names.iter().any(|(n, _, dir)| n == name && !dir);
        if (!is_dir || !has_toml) && !stays_inside(dir, path, d) {
            continue;
        }
        let draft = match (is_dir, has_toml) {
            (false, _) => read_playlist_file(name, path, &mut reading, d),
            (true, false) => read_folder_playlist(name, path, &mut reading, d),
            (true, true) => continue,
        };
        if let Some(draft) = draft {
            out.insert(name.clone(), draft);
        }
    }
    out
}

/// The playlist name nearest to `name`, for "did you mean".
pub fn nearest_playlist<'a>(
    name: &str,
    names: impl IntoIterator<Item = &'a String>,
) -> Option<String> {
    did_you_mean(name, names.into_iter().map(String::as_str))
}
