//! cargo fuzz target `key_file`: see tests/support/fuzz/cases.rs.
#![no_main]

#[path = "../../tests/support/fuzz/cases.rs"]
mod cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cases::key_file_case(data);
});
