//! Probe results kept across runs, so `loa check` on a station with a
//! thousand segments reads a thousand `stat`s, not a thousand files.
//!
//! An entry is used only while the file's path, size and modification time
//! are what they were when it was probed. The cache file is JSON, written
//! atomically; a missing, corrupt or older-version file is an empty cache.
//!
//! Each entry holds the segment's [`Levels`] too: measuring them decodes the
//! whole file, which is exactly the cost the cache exists to pay once.

use crate::parallel::{cpus, parallel_map};
use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::error::AudioError;
use super::{AudioInfo, Levels, probe_with_levels};

/// Bump when probe results for the same bytes would change (a fix in how
/// durations are counted), so old entries are not trusted. Version 2 added
/// the levels: a version-1 file is ignored and its files are probed again.
/// Version 3: cut-off Ogg and MP3 files are errors (`AudioError::Unfinished`),
/// so entries that accepted one must not be trusted.
/// Version 4: multichannel files are downmixed (ITU-R BS.775) before their
/// levels are measured, so their levels change.
const CACHE_VERSION: u32 = 4;

/// A cache file larger than this is not read (a thousand entries take about
/// 300 KB); it is rebuilt instead.
const MAX_CACHE_FILE_BYTES: u64 = 64 << 20;

/// A file modified less than this long before it was probed may still be
/// being written within the same timestamp tick, so its result is not kept.
const SETTLE_TIME: Duration = Duration::from_secs(2);

/// Probe results by path, valid while size and mtime match.
#[derive(Debug)]
pub struct ProbeCache {
    file: PathBuf,
    entries: HashMap<String, Entry>,
    changed: bool,
}

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    /// Nanoseconds since the Unix epoch (negative before it).
    mtime_ns: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    stamp: Stamp,
    /// False for a file modified just before it was probed: its result
    /// serves this run (the loader asks again for what was prefetched) but
    /// is not saved, as the mtime may not yet tell a later change apart.
    #[serde(skip, default = "durable")]
    durable: bool,
    duration_ns: u64,
    sha256: String,
    format: String,
    sample_rate: u32,
    channels: u16,
    levels: StoredLevels,
}

fn durable() -> bool {
    true
}

/// [`Levels`] as kept on disk (durations in nanoseconds).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct StoredLevels {
    loudness: Option<f64>,
    true_peak: Option<f64>,
    leading_ns: u64,
    trailing_ns: u64,
    silent_ns: u64,
    pause_at_ns: u64,
    pause_ns: u64,
    length_ns: u64,
}

#[derive(Serialize, Deserialize)]
struct Stored<E> {
    version: u32,
    entries: E,
}

impl ProbeCache {
    /// Reads the cache at `cache_file`. A missing, unreadable, corrupt or
    /// older-version file gives an empty cache: the cache only saves time,
    /// so it never stops a check.
    pub fn load(cache_file: &Path) -> Self {
        Self {
            file: cache_file.to_path_buf(),
            entries: read_entries(cache_file).unwrap_or_default(),
            changed: false,
        }
    }

    /// Probes `path`, or returns the result kept for it when its size and
    /// mtime are unchanged. Only successful results are kept: a broken file
    /// is probed again each time, so fixing it shows at once.
    pub fn probe(&mut self, path: &Path) -> Result<AudioInfo, AudioError> {
        if let Some(info) = self.lookup(path) {
            return Ok(info);
        }
        let (result, stamped) = probe_stamped(path);
        if let (Ok(info), Some(stamped)) = (&result, stamped) {
            self.keep(stamped, info);
        }
        result
    }

    /// The kept result for `path`, if its size and mtime still match.
    fn lookup(&self, path: &Path) -> Option<AudioInfo> {
        let (key, stamp) = key_and_stamp(path)?;
        let entry = self.entries.get(&key)?;
        (entry.stamp == stamp).then(|| entry.info())
    }

    fn keep(&mut self, stamped: Stamped, info: &AudioInfo) {
        if let Some(mut entry) = Entry::new(stamped.stamp, info) {
            entry.durable = stamped.settled;
            self.entries.insert(stamped.key, entry);
            self.changed |= stamped.settled;
        }
    }

    /// Probes every path in `paths`, like [`probe`](Self::probe) for each,
    /// with the misses probed on several threads (a cold check of a whole
    /// station is bound by hashing and reading, which parallelise). Results
    /// are in the order of `paths`.
    pub fn probe_all(&mut self, paths: &[&Path]) -> Vec<Result<AudioInfo, AudioError>> {
        let mut results: Vec<Option<Result<AudioInfo, AudioError>>> = Vec::new();
        let mut misses = Vec::new();
        for (index, path) in paths.iter().enumerate() {
            match self.lookup(path) {
                Some(info) => results.push(Some(Ok(info))),
                None => {
                    results.push(None);
                    misses.push(index);
                }
            }
        }
        let probed = parallel_map(&misses, cpus(), |&index| probe_stamped(paths[index]));
        for (index, (result, stamped)) in misses.into_iter().zip(probed) {
            if let (Ok(info), Some(stamped)) = (&result, stamped) {
                self.keep(stamped, info);
            }
            results[index] = Some(result);
        }
        results.into_iter().flatten().collect()
    }

    /// Writes the cache: to a temporary file beside it, fsynced, renamed
    /// over it, and the folder fsynced, so a power cut leaves the old cache
    /// or the new one, never half of one. Entries for files that are gone or
    /// changed are dropped, so the cache never outgrows the station. Writes
    /// nothing if nothing changed.
    pub fn save(&self) -> std::io::Result<()> {
        let kept: BTreeMap<&String, &Entry> = self
            .entries
            .iter()
            .filter(|(path, entry)| {
                entry.durable
                    && key_and_stamp(Path::new(path)).map(|(_, stamp)| stamp) == Some(entry.stamp)
            })
            .collect();
        let durable = self.entries.values().filter(|e| e.durable).count();
        if !self.changed && kept.len() == durable && self.file.exists() {
            return Ok(());
        }
        let stored = Stored {
            version: CACHE_VERSION,
            entries: kept,
        };
        let json = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        write_atomically(&self.file, &json)
    }
}

impl Entry {
    /// The entry for a probe result; `None` without levels (only complete
    /// results are kept).
    fn new(stamp: Stamp, info: &AudioInfo) -> Option<Self> {
        Some(Self {
            stamp,
            durable: true,
            duration_ns: nanos(info.duration),
            sha256: info.sha256.clone(),
            format: info.format.clone(),
            sample_rate: info.sample_rate,
            channels: info.channels,
            levels: StoredLevels::new(&info.levels?),
        })
    }

    fn info(&self) -> AudioInfo {
        AudioInfo {
            duration: Duration::from_nanos(self.duration_ns),
            sha256: self.sha256.clone(),
            size: self.stamp.size,
            format: self.format.clone(),
            sample_rate: self.sample_rate,
            channels: self.channels,
            levels: Some(self.levels.levels()),
        }
    }

    /// An entry a corrupt-but-parseable file could hold is not trusted.
    fn is_plausible(&self) -> bool {
        self.sha256.len() == 64
            && self.sha256.bytes().all(|b| b.is_ascii_hexdigit())
            && self.sample_rate > 0
            && self.channels > 0
            && self.levels.is_plausible()
    }
}

impl StoredLevels {
    fn new(levels: &Levels) -> Self {
        Self {
            loudness: levels.loudness,
            true_peak: levels.true_peak,
            leading_ns: nanos(levels.leading_silence),
            trailing_ns: nanos(levels.trailing_silence),
            silent_ns: nanos(levels.silent),
            pause_at_ns: nanos(levels.longest_pause.0),
            pause_ns: nanos(levels.longest_pause.1),
            length_ns: nanos(levels.length),
        }
    }

    fn levels(&self) -> Levels {
        Levels {
            loudness: self.loudness,
            true_peak: self.true_peak,
            leading_silence: Duration::from_nanos(self.leading_ns),
            trailing_silence: Duration::from_nanos(self.trailing_ns),
            silent: Duration::from_nanos(self.silent_ns),
            longest_pause: (
                Duration::from_nanos(self.pause_at_ns),
                Duration::from_nanos(self.pause_ns),
            ),
            length: Duration::from_nanos(self.length_ns),
        }
    }

    /// Finite decibels in a range real audio can have, and silences that
    /// fit in the length.
    fn is_plausible(&self) -> bool {
        let decibels_ok = |value: Option<f64>| {
            value.is_none_or(|db| db.is_finite() && (-200.0..=30.0).contains(&db))
        };
        decibels_ok(self.loudness)
            && decibels_ok(self.true_peak)
            && [self.leading_ns, self.trailing_ns, self.silent_ns]
                .iter()
                .all(|&ns| ns <= self.length_ns)
            && self.pause_at_ns.saturating_add(self.pause_ns) <= self.length_ns
    }
}

fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

/// Where and how to keep a probe result.
struct Stamped {
    key: String,
    stamp: Stamp,
    /// Modified long enough ago to trust its mtime across runs.
    settled: bool,
}

/// Probes `path`, with the key and stamp to keep the result under: `None`
/// if the file changed while it was probed (being copied in, say).
fn probe_stamped(path: &Path) -> (Result<AudioInfo, AudioError>, Option<Stamped>) {
    let before = key_and_stamp(path);
    let result = probe_with_levels(path);
    let after = key_and_stamp(path).map(|(_, stamp)| stamp);
    let stamped = before
        .filter(|(_, stamp)| after == Some(*stamp))
        .map(|(key, stamp)| Stamped {
            key,
            stamp,
            settled: settled(stamp),
        });
    (result, stamped)
}

fn read_entries(cache_file: &Path) -> Option<HashMap<String, Entry>> {
    let size = fs::metadata(cache_file).ok()?.len();
    if size > MAX_CACHE_FILE_BYTES {
        tracing::warn!(path = %cache_file.display(), size, "{}", crate::tr!("journal-probe-cache-too-large"));
        return None;
    }
    let bytes = fs::read(cache_file).ok()?;
    // An older version's entries have another shape: recognised by its
    // version alone and dropped quietly (after an upgrade, not an error).
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    if let Ok(VersionOnly { version }) = serde_json::from_slice(&bytes)
        && version != CACHE_VERSION
    {
        return None;
    }
    let stored: Stored<HashMap<String, Entry>> = match serde_json::from_slice(&bytes) {
        Ok(stored) => stored,
        Err(error) => {
            tracing::warn!(path = %cache_file.display(), %error, "{}", crate::tr!("journal-probe-cache-unreadable"));
            return None;
        }
    };
    if stored.version != CACHE_VERSION {
        return None;
    }
    let mut entries = stored.entries;
    entries.retain(|_, entry| entry.is_plausible());
    Some(entries)
}

/// The cache key (the absolute path, so the working directory does not
/// matter) and the file's current stamp; `None` when either cannot be had,
/// and then the file is simply probed.
fn key_and_stamp(path: &Path) -> Option<(String, Stamp)> {
    let key = std::path::absolute(path).ok()?.to_str()?.to_string();
    let metadata = fs::metadata(path).ok()?;
    if !metadata.is_file() {
        return None;
    }
    let modified = metadata.modified().ok()?;
    let mtime_ns = match modified.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_nanos()).ok()?,
        Err(before) => -i64::try_from(before.duration().as_nanos()).ok()?,
    };
    Some((
        key,
        Stamp {
            size: metadata.len(),
            mtime_ns,
        },
    ))
}

/// Whether a file with `stamp` was last modified long enough ago.
fn settled(stamp: Stamp) -> bool {
    let now_ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|now| i64::try_from(now.as_nanos()).ok())
        .unwrap_or(i64::MAX);
    let settle_ns = i64::try_from(SETTLE_TIME.as_nanos()).unwrap_or(i64::MAX);
    stamp.mtime_ns <= now_ns.saturating_sub(settle_ns)
}

/// Replaces `path` with `bytes` so that a crash leaves one whole version.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(folder)?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)?;
        File::open(folder)?.sync_all()
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}
