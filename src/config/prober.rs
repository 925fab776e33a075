//! What the loader needs to know of each audio file, and the trait of
//! whoever measures it (the real prober caches; tests use fakes), so that
//! loading a station stays free of decoding.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::plan::Levels;

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
