//! cargo fuzz target `airlog_line`: see tests/support/fuzz/cases.rs.
#![no_main]

#[path = "../../tests/support/fuzz/cases.rs"]
mod cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    cases::airlog_line_case(data);
});
