//! cargo fuzz target `bundle_file`: see tests/fuzz_support/cases.rs.
#![no_main]

#[path = "../../tests/fuzz_support/cases.rs"]
mod cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cases::bundle_case(data);
});
