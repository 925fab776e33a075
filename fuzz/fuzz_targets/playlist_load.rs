//! cargo fuzz target `playlist_load`: see tests/fuzz_support/cases.rs.
#![no_main]

#[path = "../../tests/fuzz_support/cases.rs"]
mod cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cases::config_case(cases::StationFile::Playlist, data);
    cases::config_case(cases::StationFile::FolderPlaylist, data);
});
