//! cargo fuzz target `topics_load`: see tests/fuzz_support/cases.rs.
#![no_main]

#[path = "../../tests/fuzz_support/cases.rs"]
mod cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cases::config_case(cases::StationFile::Topics, data);
});
