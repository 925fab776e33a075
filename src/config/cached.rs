//! Loading a station as the commands and the daemon do: probing audio
//! through the station's persistent probe cache.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::{AudioFacts, Loaded, Prober, StationFiles, load_plan};
use crate::audio::ProbeCache;

/// Where probe results are cached: beside the log folder (the station's
/// state directory), so it is writable wherever the log is.
pub fn probe_cache_path(log_dir: &Path) -> PathBuf {
    log_dir
        .parent()
        .map_or_else(|| log_dir.to_path_buf(), Path::to_path_buf)
        .join("probe-cache.json")
}

impl Prober for ProbeCache {
    /// Measures the files not in the cache on every core: a cold check
    /// decodes every file in full to measure its loudness.
    fn prefetch(&mut self, paths: &[PathBuf]) {
        let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        self.probe_all(&paths);
    }

    fn probe(&mut self, path: &Path) -> Result<AudioFacts, String> {
        ProbeCache::probe(self, path)
            .map(|info| AudioFacts {
                duration: info.duration,
                sha256: info.sha256,
                levels: info.levels,
            })
            .map_err(|e| e.to_string())
    }
}

/// Loads the station at `config`, probing audio through the station's
/// cache (saved afterwards, best effort: a read-only state folder must not
/// stop `loa check`).
pub fn load_station(config: &Path) -> Loaded {
    // The cache location and the station's "today" depend on settings in
    // the config itself: read those few first.
    let files = StationFiles::load(config).ok();
    let cache_file = files.as_ref().map(|f| probe_cache_path(&f.log_dir));
    let mut cache = ProbeCache::load(cache_file.as_deref().unwrap_or(Path::new("")));
    let tz = files
        .as_ref()
        .map_or(chrono_tz::Asia::Ho_Chi_Minh, |f| f.timezone);
    let today = Utc::now().with_timezone(&tz).date_naive();
    let loaded = load_plan(config, today, &mut cache);
    if cache_file.is_some()
        && let Err(error) = cache.save()
    {
        tracing::debug!(%error, "probe cache not saved");
    }
    loaded
}
