//! The device output through real ALSA: the paced device of
//! `shared/alsa/paced.asoundrc` (plug → file → `pv` at real-time rate →
//! capture file), played by the real `loa output-worker` child process.

#[path = "support/output/mod.rs"]
mod output_support;

use std::time::{Duration, Instant};

use loa::playout::output::{DeviceFailure, Output, OutputError};
use output_support::*;

/// Writes `samples` in chunks of `chunk_frames`, like the player does.
fn write_chunked(output: &mut dyn Output, samples: &[f32], chunk_frames: usize) {
    for chunk in samples.chunks(chunk_frames * 2) {
        output.write(chunk).expect("write");
    }
}

#[test]
fn device_plays_every_sample_gaplessly_with_silence_where_it_belongs() {
    let Some(mut rig) = PacedRig::new("studio_a") else {
        return;
    };
    let output = &mut rig.output;
    output.open().expect("open studio_a");

    let mut program = tone(0.5, 440.0, 0.5);
    program.extend(silence(0.25));
    program.extend(tone(0.5, 1000.0, 0.25));
    let started = Instant::now();
    // Odd-sized writes: the stream must not care where one write ends.
    write_chunked(output, &program, 1_237);
    output.drain().expect("drain");
    let played_in = started.elapsed();
    let played = output.played_samples();
    output.close();

    assert_eq!(played, program.len() as u64, "played_samples after drain");
    assert!(
        played_in >= Duration::from_millis(1_100) && played_in < Duration::from_secs(4),
        "1.25 s of audio took {played_in:?} to play"
    );
    let captured = rig.captured();
    let start = assert_aired(&captured, &program);
    let expected = program.len();
    assert!(
        captured[start + expected..].iter().all(|&s| s == 0),
        "silence after the airing"
    );
}

#[test]
fn default_device_airs_two_consecutive_writes_without_a_gap() {
    let Some(mut rig) = PacedRig::new("default") else {
        return;
    };
    let output = &mut rig.output;
    output.open().expect("open default");
    assert!(
        output.latency() > Duration::ZERO,
        "the device reports its latency"
    );
    let first = tone(0.2, 500.0, 0.5);
    let second = tone(0.2, 750.0, 0.5);
    output.write(&first).unwrap();
    output.write(&second).unwrap();
    output.drain().unwrap();
    let report = output.report().expect("open session");
    output.close();

    let joined: Vec<f32> = first.iter().chain(&second).copied().collect();
    assert_aired(&rig.captured(), &joined);
    assert_eq!(report.underruns, 0, "no underrun between the two writes");
    let start_at = report.start_at_monotonic_ns.unwrap();
    let first_data = report.first_data_monotonic_ns.unwrap();
    // The first frame is placed by the device's own clock (now + ALSA's
    // delay): never before its instant. The paced device asks for audio
    // in `pv`'s 100 ms bursts and reports no delay, so here it may land up
    // to a burst later; a sound card places it to the sample (the bench
    // prints the figures).
    let late_ms = (first_data as f64 - start_at as f64) / 1e6;
    assert!(
        (-0.1..150.0).contains(&late_ms),
        "first frame placed {late_ms:.2} ms after its start instant"
    );
}

/// Writes `program` in 100 ms chunks on another thread, calling `before`
/// with each chunk's index first; fails the test if that hangs. Returns
/// the rig and the first error.
fn write_guarded(
    mut rig: PacedRig,
    program: Vec<f32>,
    before: impl Fn(usize) + Send + 'static,
) -> (PacedRig, Result<(), OutputError>) {
    within(
        Duration::from_secs(15),
        "a write to a failing device",
        move || {
            let result = program
                .chunks(4_800)
                .enumerate()
                .try_for_each(|(n, chunk)| {
                    before(n);
                    rig.output.write(chunk)
                });
            (rig, result)
        },
    )
}

/// Regression: a killed consumer behind the ALSA file plugin (alsa-lib
/// aborts, or errors in a loop) must cost the airing, not the daemon.
#[test]
fn parent_survives_the_device_consumer_being_killed_mid_write_and_reopens() {
    let Some(mut rig) = PacedRig::new("studio_a") else {
        return;
    };
    rig.output.open().expect("open");
    let pv = consumer_of(rig.output.worker_pid().unwrap());
    let program = tone(4.0, 440.0, 0.5);
    let written = program.len() as u64;

    let (mut rig, result) = write_guarded(rig, program, move |n| {
        if n == 3 {
            signal(pv, libc::SIGKILL);
        }
    });
    let error = result.expect_err("writing after the consumer died must fail");
    eprintln!("reported: {error}");
    assert!(
        matches!(
            error,
            OutputError::WorkerDied { .. }
                | OutputError::Device { .. }
                | OutputError::Stalled { .. }
        ),
        "unexpected error: {error:?}"
    );
    assert!(rig.output.played_samples() < written);
    rig.output.close();

    // Reopening starts a fresh device process (after the backoff).
    rig.output.open().expect("reopen after the failure");
    let retry = tone(0.3, 880.0, 0.5);
    rig.output.write(&retry).expect("write after reopen");
    rig.output.drain().expect("drain after reopen");
    rig.output.close();
    assert_aired(&rig.captured(), &retry);
}

#[test]
fn watchdog_gives_up_on_a_device_that_stops_consuming() {
    let Some(mut rig) = PacedRig::new("studio_a") else {
        return;
    };
    rig.output.open().expect("open");
    let pv = consumer_of(rig.output.worker_pid().unwrap());
    signal(pv, libc::SIGSTOP);

    let started = Instant::now();
    let (mut rig, result) = write_guarded(rig, tone(10.0, 440.0, 0.5), |_| {});
    let waited = started.elapsed();
    signal(pv, libc::SIGKILL);
    signal(pv, libc::SIGCONT);
    assert!(
        matches!(result, Err(OutputError::Stalled { .. })),
        "expected the watchdog, got {result:?}"
    );
    assert!(waited < Duration::from_secs(8), "gave up after {waited:?}");
    rig.output.close();
}

#[test]
fn a_mistyped_device_name_fails_at_open_with_a_suggestion() {
    let Some(mut rig) = PacedRig::new("studio-a") else {
        return;
    };
    let output = &mut rig.output;
    let error = output.open().expect_err("no such device");
    match &error {
        OutputError::Device {
            failure: DeviceFailure::NoSuchDevice { suggestion },
            ..
        } => assert_eq!(suggestion.as_deref(), Some("studio_a")),
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.to_string().contains("\"studio_a\""), "{error}");
    assert!(matches!(
        output.write(&[0.0, 0.0]),
        Err(OutputError::NotOpen)
    ));
}

#[test]
fn a_missing_worker_binary_is_an_error_not_a_panic() {
    let mut output = loa::playout::output::DeviceOutput::new(
        "default",
        std::path::Path::new("/nonexistent/loa"),
    );
    assert!(matches!(
        output.open(),
        Err(OutputError::WorkerStart { .. })
    ));
}

#[test]
fn odd_sample_counts_are_refused() {
    let Some(mut rig) = PacedRig::new("default") else {
        return;
    };
    let output = &mut rig.output;
    output.open().unwrap();
    assert!(matches!(
        output.write(&[0.1, 0.2, 0.3]),
        Err(OutputError::PartialFrame { samples: 3 })
    ));
    output.close();
}

#[test]
fn a_device_process_that_dies_at_once_is_reported_and_retried_with_backoff() {
    let mut output =
        loa::playout::output::DeviceOutput::new("default", std::path::Path::new("/bin/false"));
    let error = output.open().expect_err("the process exits at once");
    match &error {
        OutputError::WorkerDied {
            status: Some(status),
            ..
        } => assert_eq!(status.code(), Some(1)),
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.to_string().contains("exit status: 1"), "{error}");
    // The next attempt waits out the backoff instead of spinning.
    let started = Instant::now();
    assert!(output.open().is_err());
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "retried after {:?}",
        started.elapsed()
    );
}

/// What an alsa-lib abort does to the daemon when the device runs in its
/// own process: the process vanishes mid-airing; the write says so.
#[test]
fn parent_survives_the_device_process_dying_mid_write() {
    use std::os::unix::process::ExitStatusExt;
    let Some(mut rig) = PacedRig::new("default") else {
        return;
    };
    rig.output.open().expect("open");
    let worker = rig.output.worker_pid().unwrap();
    let (mut rig, result) = write_guarded(rig, tone(3.0, 440.0, 0.5), move |n| {
        if n == 3 {
            signal(worker, libc::SIGKILL);
        }
    });
    match result {
        Err(OutputError::WorkerDied {
            status: Some(status),
            ..
        }) => assert_eq!(status.signal(), Some(libc::SIGKILL)),
        other => panic!("unexpected {other:?}"),
    }
    assert!(rig.output.worker_pid().is_none(), "the session is closed");
    rig.output.open().expect("reopen");
    rig.output
        .write(&tone(0.1, 440.0, 0.5))
        .expect("write after reopen");
    rig.output.drain().expect("drain after reopen");
    rig.output.close();
}
