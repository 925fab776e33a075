//! Fuzzing the config loader and validator, the topic catalogue and the
//! playlist loader (TOML playlists and a folder playlist's
//! `playlist.toml`): mutated real files, loaded as `loa check` and the
//! daemon load them. None may panic or hang. See `tests/support/fuzz`.

#[path = "support/fuzz/mod.rs"]
mod fuzz_support;

use fuzz_support::cases::{StationFile, config_case, fuzz_station_is_valid};
use fuzz_support::{corpus, fuzz};

#[test]
fn the_station_the_cases_mutate_is_valid() {
    assert!(fuzz_station_is_valid());
}

#[test]
fn fuzz_station_config() {
    let seeds = corpus("config_load");
    fuzz("config_load", file!(), 40, &seeds, |input| {
        config_case(StationFile::Station, input)
    });
}

#[test]
fn fuzz_topic_catalogue() {
    let seeds = corpus("topics_load");
    fuzz("topics_load", file!(), 100, &seeds, |input| {
        config_case(StationFile::Topics, input)
    });
}

#[test]
fn fuzz_playlist() {
    let seeds = corpus("playlist_load");
    fuzz("playlist_load", file!(), 150, &seeds, |input| {
        config_case(StationFile::Playlist, input)
    });
}

#[test]
fn fuzz_folder_playlist_toml() {
    let seeds = corpus("playlist_load");
    fuzz("folder_playlist_load", file!(), 150, &seeds, |input| {
        config_case(StationFile::FolderPlaylist, input)
    });
}
