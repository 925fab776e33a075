//! The WAV air-check output: what it records, how it paces, and that it
//! never overwrites a recording.

#[path = "support/output/mod.rs"]
mod output_support;

use std::path::Path;
use std::time::{Duration, Instant};

use loa::playout::output::{Output, OutputError, WavOutput};
use output_support::*;

fn recorded(path: &Path) -> (hound::WavSpec, Vec<i16>) {
    let mut reader = hound::WavReader::open(path).expect("a readable WAV file");
    let samples = reader.samples::<i16>().map(|s| s.unwrap()).collect();
    (reader.spec(), samples)
}

fn as_i16s(samples: &[f32]) -> Vec<i16> {
    samples.iter().map(|&s| as_i16(s)).collect()
}

#[test]
fn records_tone_silence_tone_exactly_in_real_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aircheck.wav");
    let mut output = WavOutput::new(path.clone());
    let mut program = tone(1.0, 440.0, 0.5);
    program.extend(silence(0.5));
    program.extend(tone(1.0, 880.0, 0.5));

    output.open().unwrap();
    let started = Instant::now();
    for chunk in program.chunks(2 * 1_000) {
        output.write(chunk).unwrap();
    }
    output.drain().unwrap();
    let took = started.elapsed();
    assert_eq!(output.played_samples(), program.len() as u64);
    output.close();

    assert!(
        took >= Duration::from_millis(2_500) && took < Duration::from_millis(3_500),
        "2.5 s of audio took {took:?} to write"
    );
    let (spec, samples) = recorded(&path);
    assert_eq!(
        (spec.sample_rate, spec.channels, spec.bits_per_sample),
        (48_000, 2, 16)
    );
    assert_eq!(samples.len(), 2 * 120_000, "2.5 s of stereo frames");
    assert_eq!(samples, as_i16s(&program));
    let middle = &samples[2 * 48_000..2 * 72_000];
    assert!(middle.iter().all(|&s| s == 0), "the half second of silence");
}

#[test]
fn airings_append_to_one_recording_across_sessions_and_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aircheck.wav");
    let first = tone(0.1, 440.0, 0.5);
    let second = tone(0.1, 660.0, 0.5);
    let third = tone(0.1, 990.0, 0.5);

    let mut output = WavOutput::new(path.clone());
    for airing in [&first, &second] {
        output.open().unwrap();
        output.write(airing).unwrap();
        output.drain().unwrap();
        output.close();
    }
    // A new process: a new output on the same file.
    let mut restarted = WavOutput::new(path.clone());
    restarted.open().unwrap();
    restarted.write(&third).unwrap();
    restarted.drain().unwrap();
    restarted.close();

    let all: Vec<f32> = [first, second, third].concat();
    assert_eq!(recorded(&path).1, as_i16s(&all));
}

#[test]
fn a_recording_in_another_format_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aircheck.wav");
    let other = hound::WavSpec {
        channels: 1,
        sample_rate: 44_100,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(&path, other).unwrap();
    for n in 0..441 {
        writer.write_sample(n as i16).unwrap();
    }
    writer.finalize().unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut output = WavOutput::new(path.clone());
    let error = output.open().expect_err("another format");
    assert!(matches!(error, OutputError::WavFormat { .. }), "{error:?}");
    assert!(error.to_string().contains("44100 Hz"), "{error}");
    output.close();
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_wav_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.wav");
    std::fs::write(&path, "not audio").unwrap();
    let mut output = WavOutput::new(path.clone());
    let error = output.open().expect_err("not a WAV file");
    assert!(matches!(error, OutputError::Wav { .. }), "{error:?}");
    assert!(error.to_string().contains("notes.wav"), "{error}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "not audio");
}

#[test]
fn a_missing_directory_is_an_error_that_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/aircheck.wav");
    let error = WavOutput::new(path).open().expect_err("no directory");
    assert!(error.to_string().contains("aircheck.wav"), "{error}");
}

#[test]
fn silence_that_aired_while_the_writer_was_late_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aircheck.wav");
    let mut output = WavOutput::new(path.clone());
    let burst = tone(0.1, 440.0, 0.5);
    output.open().unwrap();
    output.write(&burst).unwrap();
    std::thread::sleep(Duration::from_millis(400));
    output.write(&burst).unwrap();
    output.drain().unwrap();
    output.close();

    let samples = recorded(&path).1;
    let gap_frames = (samples.len() - 2 * burst.len()) / 2;
    // The writer came back 400 ms after it had queued to 50 ms before the
    // end of the first burst: about 350 ms of silence aired.
    assert!(
        (14_400..19_200).contains(&gap_frames),
        "{gap_frames} frames of silence recorded"
    );
    assert_eq!(&samples[..burst.len()], &as_i16s(&burst)[..]);
    assert_eq!(
        &samples[samples.len() - burst.len()..],
        &as_i16s(&burst)[..]
    );
}

#[test]
fn played_samples_stop_where_the_airing_was_cut() {
    let dir = tempfile::tempdir().unwrap();
    let mut output = WavOutput::new(dir.path().join("aircheck.wav"));
    output.open().unwrap();
    let program = tone(2.0, 440.0, 0.5);
    for chunk in program.chunks(2 * 4_800).take(5) {
        output.write(chunk).unwrap();
    }
    output.close();
    let played = output.played_samples();
    // Five 100 ms chunks were written, the last returned with 50 ms still
    // to play: about 450 ms aired.
    assert!(
        (2 * 19_200..=2 * 24_000).contains(&played),
        "{played} samples played"
    );
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(output.played_samples(), played, "nothing plays after close");
}

#[test]
fn writes_before_open_and_split_frames_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut output = WavOutput::new(dir.path().join("aircheck.wav"));
    assert!(matches!(
        output.write(&[0.0, 0.0]),
        Err(OutputError::NotOpen)
    ));
    output.open().unwrap();
    assert!(matches!(
        output.write(&[0.0]),
        Err(OutputError::PartialFrame { samples: 1 })
    ));
    output.close();
}
