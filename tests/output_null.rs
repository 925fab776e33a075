//! The null output and `OutputSpec`: paced in real time, built from the
//! `output =` text.

#[path = "support/output/mod.rs"]
mod output_support;

use std::path::Path;
use std::time::{Duration, Instant};

use loa::playout::output::{NullOutput, Output, OutputSpec, make_output};
use output_support::*;

#[test]
fn null_output_takes_as_long_as_the_audio_lasts() {
    let mut output = NullOutput::new();
    output.open().unwrap();
    let program = tone(1.0, 440.0, 0.5);
    let started = Instant::now();
    for chunk in program.chunks(2 * 480) {
        output.write(chunk).unwrap();
    }
    let written_in = started.elapsed();
    output.drain().unwrap();
    let played_in = started.elapsed();
    assert!(
        written_in >= Duration::from_millis(900),
        "writes returned after {written_in:?}: not paced"
    );
    assert!(
        played_in >= Duration::from_millis(1_000) && played_in < Duration::from_millis(1_500),
        "1 s of audio took {played_in:?}"
    );
    assert_eq!(output.played_samples(), program.len() as u64);
    output.close();
}

#[test]
fn reopening_starts_a_new_count() {
    let mut output = NullOutput::new();
    output.open().unwrap();
    output.write(&tone(0.05, 440.0, 0.5)).unwrap();
    output.drain().unwrap();
    output.close();
    assert_eq!(output.played_samples(), 4_800);
    output.open().unwrap();
    output.open().unwrap();
    assert_eq!(output.played_samples(), 0);
}

#[test]
fn make_output_builds_the_kind_the_setting_names() {
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("check.wav");
    let spec: OutputSpec = format!("wav:{}", wav.display()).parse().unwrap();
    let mut output = make_output(&spec, Path::new(env!("CARGO_BIN_EXE_loa")));
    output.open().unwrap();
    output.write(&tone(0.05, 440.0, 0.5)).unwrap();
    output.drain().unwrap();
    output.close();
    assert!(wav.is_file(), "the wav: setting records to its file");

    let mut null = make_output(&"null".parse().unwrap(), Path::new("unused"));
    null.open().unwrap();
    null.write(&[0.0, 0.0]).unwrap();
    null.close();
}
