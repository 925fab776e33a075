//! cargo fuzz target `topics_load`: see tests/support/fuzz/cases.rs.
#![no_main]

#[path = "../../tests/support/fuzz/cases.rs"]
mod cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cases::config_case(cases::StationFile::Topics, data);
});
