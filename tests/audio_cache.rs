//! `loa::audio::ProbeCache`: hits while path, size and mtime match; a
//! missing or corrupt cache file is an empty cache; saving is atomic and
//! drops entries for files that are gone.

#[path = "support/audio/mod.rs"]
mod audio_support;

use std::fs::{self, File};
use std::path::Path;
use std::time::{Duration, SystemTime};

use audio_support::{fixture, write_sine_wav};
use loa::audio::{AudioError, ProbeCache, probe, probe_with_levels};

/// Copies fixture `name` to `to` and dates it an hour back, as a segment
/// copied in before today's check would be (the cache does not keep files
/// modified in the last moments: they may still be being written).
fn settled_copy(name: &str, to: &Path) {
    fs::copy(fixture(name), to).expect("copy");
    set_mtime(to, SystemTime::now() - Duration::from_secs(3600));
}

fn set_mtime(path: &Path, time: SystemTime) {
    File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .expect("set mtime");
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

/// Replaces the bytes of `path` with those of fixture `name`, padded or cut
/// to the old size, keeping the old mtime: a change the cache cannot see.
fn swap_contents_behind_the_caches_back(path: &Path, name: &str) {
    let (size, time) = (fs::metadata(path).expect("stat").len(), mtime(path));
    let mut bytes = fs::read(fixture(name)).expect("read");
    bytes.resize(size as usize, 0);
    fs::write(path, bytes).expect("write");
    set_mtime(path, time);
}

#[test]
fn warm_probe_is_served_from_the_cache_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (segment, cache_file) = (dir.path().join("a.ogg"), dir.path().join("probe.json"));
    settled_copy("tone-44100-stereo.ogg", &segment);
    let mut cache = ProbeCache::load(&cache_file);
    let cold = cache.probe(&segment).expect("cold");
    cache.save().expect("save");

    swap_contents_behind_the_caches_back(&segment, "tone-48000-stereo.flac");
    let warm = ProbeCache::load(&cache_file).probe(&segment).expect("warm");
    assert_eq!(warm, cold, "the answer came from the cache, not the bytes");
    assert_ne!(probe(&segment).map(|i| i.sha256).ok(), Some(cold.sha256));
}

#[test]
fn a_new_mtime_or_size_is_probed_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let segment = dir.path().join("a.wav");
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    write_sine_wav(&segment, 22050, &[440.0], 1.0);
    set_mtime(&segment, an_hour_ago);
    let mut cache = ProbeCache::load(&dir.path().join("probe.json"));
    let first = cache.probe(&segment).expect("first");

    // Same size, other bytes, a new mtime: re-exported at the same length.
    write_sine_wav(&segment, 22050, &[660.0], 1.0);
    set_mtime(&segment, an_hour_ago + Duration::from_secs(1));
    let second = cache.probe(&segment).expect("re-probed");
    assert_eq!(second.size, first.size);
    assert_ne!(second.sha256, first.sha256);

    // Other size, same mtime.
    write_sine_wav(&segment, 22050, &[660.0], 2.0);
    set_mtime(&segment, an_hour_ago + Duration::from_secs(1));
    assert_eq!(
        cache.probe(&segment).expect("re-probed").duration,
        Duration::from_secs(2)
    );
}

#[test]
fn missing_or_corrupt_cache_file_is_an_empty_cache() {
    let dir = tempfile::tempdir().expect("temp dir");
    let segment = dir.path().join("a.mp3");
    settled_copy("tone-44100-stereo.mp3", &segment);
    let corrupt = dir.path().join("corrupt.json");
    for garbage in [
        &b"{\"version\": 1, \"entries\": {\"x\": [1,2"[..],
        b"\xff\xfe",
        b"",
    ] {
        fs::write(&corrupt, garbage).expect("write");
        let mut cache = ProbeCache::load(&corrupt);
        assert_eq!(cache.probe(&segment).expect("probe").format, "mp3");
        cache.save().expect("save over the corrupt file");
        let text = fs::read_to_string(&corrupt).expect("read");
        assert!(text.contains("a.mp3"), "{text}");
    }
    let nowhere = dir.path().join("not/yet/made/probe.json");
    let mut cache = ProbeCache::load(&nowhere);
    cache.probe(&segment).expect("probe");
    cache.save().expect("save creates the folder");
    assert!(nowhere.is_file());
}

#[test]
fn save_drops_entries_for_files_that_are_gone_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (kept, deleted) = (dir.path().join("kept.ogg"), dir.path().join("deleted.ogg"));
    settled_copy("tone-44100-stereo.ogg", &kept);
    settled_copy("tone-44100-stereo.ogg", &deleted);
    let cache_dir = dir.path().join("cache");
    let cache_file = cache_dir.join("probe.json");
    let mut cache = ProbeCache::load(&cache_file);
    cache.probe(&kept).expect("probe");
    cache.probe(&deleted).expect("probe");
    cache.save().expect("save");
    assert!(
        fs::read_to_string(&cache_file)
            .expect("read")
            .contains("deleted.ogg")
    );

    fs::remove_file(&deleted).expect("delete");
    ProbeCache::load(&cache_file).save().expect("save");
    let text = fs::read_to_string(&cache_file).expect("read");
    assert!(
        text.contains("kept.ogg") && !text.contains("deleted.ogg"),
        "{text}"
    );
    let names: Vec<_> = fs::read_dir(&cache_dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["probe.json"]);
}

/// Only good results are kept: a broken file that is then fixed is seen as
/// fixed at once.
#[test]
fn errors_are_not_cached() {
    let dir = tempfile::tempdir().expect("temp dir");
    let segment = dir.path().join("a.flac");
    fs::write(&segment, b"").expect("write");
    set_mtime(&segment, SystemTime::now() - Duration::from_secs(3600));
    let mut cache = ProbeCache::load(&dir.path().join("probe.json"));
    assert!(matches!(
        cache.probe(&segment),
        Err(AudioError::Empty { .. })
    ));
    settled_copy("tone-48000-stereo.flac", &segment);
    assert!(cache.probe(&segment).is_ok());
}

/// A file modified a moment ago may be rewritten within the same timestamp
/// tick at the same size; its result is not trusted to the cache.
#[test]
fn regression_a_file_still_being_written_is_not_cached() {
    let dir = tempfile::tempdir().expect("temp dir");
    let segment = dir.path().join("fresh.ogg");
    fs::copy(fixture("tone-44100-stereo.ogg"), &segment).expect("copy");
    let cache_file = dir.path().join("probe.json");
    let mut cache = ProbeCache::load(&cache_file);
    cache.probe(&segment).expect("probe");
    cache.save().expect("save");
    let text = fs::read_to_string(&cache_file).unwrap_or_default();
    assert!(!text.contains("fresh.ogg"), "{text}");
}

#[test]
fn dot_components_do_not_make_a_second_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let segment = dir.path().join("a.ogg");
    settled_copy("tone-44100-stereo.ogg", &segment);
    let cache_file = dir.path().join("probe.json");
    let mut cache = ProbeCache::load(&cache_file);
    cache.probe(&segment).expect("probe");
    cache
        .probe(&dir.path().join(".").join("a.ogg"))
        .expect("probe");
    cache.save().expect("save");
    let text = fs::read_to_string(&cache_file).expect("read");
    assert_eq!(text.matches("a.ogg").count(), 1, "{text}");
}

#[test]
fn probe_all_answers_in_order_and_fills_the_cache() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut paths = Vec::new();
    for (i, (name, ..)) in audio_support::FIXTURES.iter().cycle().take(9).enumerate() {
        let path = dir.path().join(format!("{i}-{name}"));
        settled_copy(name, &path);
        paths.push(path);
    }
    let broken = dir.path().join("broken.mp3");
    fs::write(&broken, b"not audio").expect("write");
    paths.insert(4, broken);
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();

    let cache_file = dir.path().join("probe.json");
    let mut cache = ProbeCache::load(&cache_file);
    let cold = cache.probe_all(&refs);
    assert_eq!(cold.len(), paths.len());
    for (path, result) in paths.iter().zip(&cold) {
        match result {
            Ok(info) => assert_eq!(info, &probe_with_levels(path).expect("probe")),
            Err(error) => assert_eq!(error.path(), path),
        }
    }
    assert!(matches!(cold[4], Err(AudioError::NotAudio { .. })));
    cache.save().expect("save");

    let warm = ProbeCache::load(&cache_file).probe_all(&refs);
    let as_text = |results: &[Result<_, AudioError>]| format!("{results:?}");
    assert_eq!(as_text(&warm), as_text(&cold));
}
