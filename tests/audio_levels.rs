//! A segment's levels as the probe measures them from real files: the
//! integrated loudness and true peak a reference meter gives, the silent
//! edges and pauses where they are; kept by the probe cache, and a cache
//! written before levels existed is simply probed again.

#[path = "support/levels/mod.rs"]
mod levels_support;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use levels_support::{Part, write_wav};
use loa::audio::{AudioInfo, ProbeCache, measure};

fn close(a: Duration, b: Duration, within_ms: u64) -> bool {
    a.abs_diff(b) <= Duration::from_millis(within_ms)
}

fn speech(seconds: f64) -> Part {
    Part::Speech {
        seconds,
        longest_pause: 0.5,
    }
}

/// Makes the file's mtime old enough for the cache to keep its result.
fn settle(path: &Path) {
    let old = SystemTime::now() - Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(old))
        .expect("set mtime");
}

#[test]
fn loudness_and_true_peak_match_the_level_the_file_was_made_at() {
    let dir = tempfile::tempdir().unwrap();
    for target in [-30.0, -16.0, -6.0] {
        let path = dir.path().join(format!("{target}.wav"));
        let part = if target > -10.0 {
            Part::Hot { seconds: 6.0 }
        } else {
            speech(6.0)
        };
        write_wav(&path, &[part], Some(target));
        let levels = measure(&path).expect("measure");
        let loudness = levels.loudness.expect("not silent");
        // Resampling 44.1 → 48 kHz and 16-bit rounding move it a little.
        assert!((loudness - target).abs() < 0.2, "{target}: {loudness}");
        let peak = levels.true_peak.expect("not silent");
        assert!(peak > target && peak < 0.5, "{target}: peak {peak}");
        assert!(close(levels.length, Duration::from_secs(6), 5));
    }
}

#[test]
fn silent_edges_and_the_longest_pause_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edges.wav");
    let parts = [
        Part::Silence { seconds: 4.0 },
        Part::Tone { seconds: 2.0 },
        Part::Silence { seconds: 7.0 },
        Part::Tone { seconds: 1.0 },
        Part::Silence { seconds: 10.0 },
    ];
    write_wav(&path, &parts, Some(-16.0));
    let levels = measure(&path).expect("measure");
    assert!(
        close(levels.leading_silence, Duration::from_secs(4), 15),
        "{levels:?}"
    );
    assert!(
        close(levels.trailing_silence, Duration::from_secs(10), 15),
        "{levels:?}"
    );
    let (at, length) = levels.longest_pause;
    assert!(close(at, Duration::from_secs(6), 15), "{levels:?}");
    assert!(close(length, Duration::from_secs(7), 15), "{levels:?}");
    assert!(
        close(levels.silent, Duration::from_secs(21), 40),
        "{levels:?}"
    );
    assert!(levels.has_sound());
}

#[test]
fn a_silent_file_has_no_loudness_and_no_sound() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("silent.wav");
    write_wav(&path, &[Part::Silence { seconds: 3.0 }], None);
    let levels = measure(&path).expect("measure");
    assert_eq!(levels.loudness, None, "below the -70 LUFS gate");
    assert!(!levels.has_sound());
    assert_eq!(levels.silent_share(), 1.0);
}

/// A settled file probed once through a new cache file, saved: the file,
/// the cache file and what the probe said.
fn probed_once(dir: &Path) -> (PathBuf, PathBuf, AudioInfo) {
    let path = dir.join("a.wav");
    write_wav(&path, &[speech(3.0)], Some(-20.0));
    settle(&path);
    let cache_file = dir.join("probe-cache.json");
    let mut cache = ProbeCache::load(&cache_file);
    let info = cache.probe(&path).expect("probe");
    cache.save().expect("save");
    (path, cache_file, info)
}

#[test]
fn the_cache_keeps_levels_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (path, cache_file, cold) = probed_once(dir.path());
    assert!(cold.levels.is_some());
    let warm = ProbeCache::load(&cache_file).probe(&path).expect("probe");
    assert_eq!(warm, cold);
    let text = std::fs::read_to_string(&cache_file).unwrap();
    assert!(text.contains("\"loudness\":"), "{text}");
}

/// Regression for the cache format change: a version-1 cache (durations
/// only) must not be taken as having levels, nor break the check.
#[test]
fn a_cache_from_before_levels_is_probed_again() {
    let dir = tempfile::tempdir().unwrap();
    let (path, cache_file, fresh) = probed_once(dir.path());
    // The same entry as version 1 wrote it: no levels, a wrong duration
    // (so that using it would show).
    let meta = std::fs::metadata(&path).unwrap();
    let mtime_ns = meta
        .modified()
        .unwrap()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let key = std::path::absolute(&path).unwrap();
    let old = format!(
        r#"{{"version":1,"entries":{{"{}":{{"size":{},"mtime_ns":{mtime_ns},"duration_ns":1,"sha256":"{}","format":"wav/pcm_s16le","sample_rate":44100,"channels":2}}}}}}"#,
        key.display(),
        meta.len(),
        fresh.sha256,
    );
    std::fs::write(&cache_file, old).unwrap();
    let again = ProbeCache::load(&cache_file).probe(&path).expect("probe");
    assert_eq!(again, fresh);
}
