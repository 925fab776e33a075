//! `loa run` in real time, as a station runs it: the real binary, real
//! decoding, the WAV air-check output and the real ALSA path (the paced test
//! sound card). Each test schedules a slot a few seconds ahead and checks
//! the audio and the airing log.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/output/mod.rs"]
mod output_support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use common::StationDir;
use loa::airlog::record::{AiringEnd, AiringOutcome, SegmentOutcome};
use loa::airlog::{RecordKind, read_records};

/// A station in UTC with one slot at `at` (HH:MM:SS) airing `cchc`.
fn station_at(at: &str, max: &str, playlist: &str) -> StationDir {
    let station = format!(
        r#"[station]
id = "test/realtime"
name = "Đài thử nghiệm"
timezone = "UTC"
playlists = "../playlists"
log_dir = "../var/airlog"
key = "../var/station.key"

[[slot]]
name = "thu"
at = ["{at}"]
playlist = "cchc"
max = "{max}"
"#
    );
    StationDir::with(&station, playlist)
}

/// Two tones of three seconds each (the harness's 01.wav and 02.wav), back to back.
const TWO_TONES: &str = r#"[[segment]]
file = "cchc/01.wav"
topic = 1

[[segment]]
file = "cchc/02.wav"
topic = 2
"#;

/// The next whole second at least `lead` from now, and its HH:MM:SS.
fn slot_time(lead: Duration) -> (DateTime<Utc>, String) {
    let at = Utc::now()
        + chrono::Duration::from_std(lead).unwrap_or_default()
        + chrono::Duration::seconds(1);
    let at = at.with_nanosecond_zero();
    (at, at.format("%H:%M:%S").to_string())
}

trait WholeSecond {
    fn with_nanosecond_zero(self) -> Self;
}

impl WholeSecond for DateTime<Utc> {
    fn with_nanosecond_zero(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

fn spawn_loa(station: &StationDir, output: &str, env: &[(&str, &Path)]) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command
        .args(["run", "-c"])
        .arg(station.config())
        .args(["--output", output])
        .current_dir(station.root())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(station.root().join("loa.err")).expect("log file"));
    for (key, value) in env {
        command.env(key, value);
    }
    command.spawn().expect("spawn loa run")
}

/// Sends SIGTERM and returns how long the daemon took to exit.
fn terminate(child: &mut Child) -> Duration {
    output_support::signal(child.id(), libc::SIGTERM);
    let asked = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            assert!(status.success(), "loa run exited with {status}");
            return asked.elapsed();
        }
        assert!(
            asked.elapsed() < Duration::from_secs(10),
            "loa run did not stop"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn log_records(station: &StationDir) -> Vec<RecordKind> {
    read_records(&station.root().join("var/airlog"))
        .expect("log")
        .map(|r| r.expect("record reads back").kind)
        .collect()
}

fn the_airing_end(station: &StationDir) -> AiringEnd {
    let ends: Vec<AiringEnd> = log_records(station)
        .into_iter()
        .filter_map(|k| match k {
            RecordKind::AiringEnd(end) => Some(end),
            _ => None,
        })
        .collect();
    assert_eq!(ends.len(), 1, "one airing: {ends:?}");
    ends.into_iter().next().expect("one")
}

/// Waits until the log holds an `airing_end`, or `limit` passes.
fn wait_for_airing_end(station: &StationDir, limit: Duration) {
    let start = Instant::now();
    while start.elapsed() < limit {
        let dir = station.root().join("var/airlog");
        if dir.exists()
            && read_records(&dir)
                .map(|records| {
                    records
                        .flatten()
                        .any(|r| matches!(r.kind, RecordKind::AiringEnd(_)))
                })
                .unwrap_or(false)
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no airing ended within {limit:?}");
}

/// Longest run of near-silent frames strictly inside the sound.
fn longest_inner_gap(frames: &[i16], channels: usize) -> usize {
    let loud: Vec<bool> = frames
        .chunks(channels)
        .map(|f| f.iter().any(|s| s.unsigned_abs() > 300))
        .collect();
    let (Some(first), Some(last)) = (loud.iter().position(|&l| l), loud.iter().rposition(|&l| l))
    else {
        return usize::MAX;
    };
    let mut longest = 0;
    let mut run = 0;
    for &l in &loud[first..=last] {
        run = if l { 0 } else { run + 1 };
        longest = longest.max(run);
    }
    longest
}

fn sounding_seconds(frames: &[i16], channels: usize, rate: f64) -> f64 {
    let loud: Vec<bool> = frames
        .chunks(channels)
        .map(|f| f.iter().any(|s| s.unsigned_abs() > 300))
        .collect();
    match (loud.iter().position(|&l| l), loud.iter().rposition(|&l| l)) {
        (Some(first), Some(last)) => (last - first + 1) as f64 / rate,
        _ => 0.0,
    }
}

#[test]
fn airs_on_time_gapless_to_the_wav_air_check() {
    let (at, hhmmss) = slot_time(Duration::from_secs(3));
    let station = station_at(&hhmmss, "1m", TWO_TONES);
    let wav = station.root().join("air.wav");
    let mut child = spawn_loa(&station, &format!("wav:{}", wav.display()), &[]);
    wait_for_airing_end(&station, Duration::from_secs(20));
    assert!(
        terminate(&mut child) < Duration::from_secs(2),
        "stops within 2 s"
    );
    let end = the_airing_end(&station);
    assert_eq!(end.scheduled, at);
    assert_eq!(end.outcome, AiringOutcome::Completed);
    let late = (end.started - end.scheduled)
        .num_microseconds()
        .unwrap_or(i64::MAX);
    assert!(
        (0..5_000).contains(&late),
        "first sample {late} µs after the instant"
    );
    let mut reader = hound::WavReader::open(&wav).expect("air-check wav");
    let spec = reader.spec();
    let samples: Vec<i16> = reader
        .samples::<i16>()
        .map(|s| s.expect("sample"))
        .collect();
    let channels = spec.channels as usize;
    let seconds = sounding_seconds(&samples, channels, f64::from(spec.sample_rate));
    assert!(
        (5.95..6.05).contains(&seconds),
        "six seconds of tone, got {seconds}"
    );
    // Gapless: no silence between the two segments longer than one 20 ms buffer.
    let gap = longest_inner_gap(&samples, channels);
    assert!(gap < 960, "gap of {gap} frames between segments");
    assert!(
        end.segments
            .iter()
            .all(|s| s.outcome == SegmentOutcome::Aired)
    );
}

#[test]
fn sigterm_mid_airing_stops_within_two_seconds_and_records_the_interruption() {
    let (_, hhmmss) = slot_time(Duration::from_secs(3));
    let station = station_at(
        &hhmmss,
        "1m",
        "[[segment]]\nfile = \"cchc/long.wav\"\ntopic = 1\n",
    );
    station.tone("playlists/cchc/long.wav", 20.0, 440.0);
    let mut child = spawn_loa(&station, "null", &[]);
    // Wait until the airing is recorded as starting (two seconds of
    // pre-roll before its instant), then four seconds more.
    let start = Instant::now();
    loop {
        let started = log_records(&station)
            .iter()
            .any(|k| matches!(k, RecordKind::AiringStart(_)));
        if started {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "airing never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(4));
    let took = terminate(&mut child);
    assert!(took < Duration::from_secs(2), "stopped in {took:?}");
    let end = the_airing_end(&station);
    assert!(
        matches!(end.outcome, AiringOutcome::Interrupted { .. }),
        "{:?}",
        end.outcome
    );
    let aired = end.segments[0].aired_ms;
    assert!(
        (1_000..6_000).contains(&aired),
        "aired {aired} ms before the stop"
    );
    assert_eq!(end.segments[0].outcome, SegmentOutcome::Cut);
    assert!(matches!(
        log_records(&station).last(),
        Some(RecordKind::DaemonStop(_))
    ));
}

#[test]
fn a_single_segment_longer_than_the_time_left_fades_out_at_max() {
    // The daemon starts two seconds into a 6-second slot whose only segment
    // lasts 5 s: it airs late (within grace) and must end at start + max,
    // fading out over the last two seconds.
    let now = Utc::now().with_nanosecond_zero();
    let station = station_at(
        &now.format("%H:%M:%S").to_string(),
        "6s",
        "[[segment]]\nfile = \"cchc/long.wav\"\ntopic = 1\n",
    );
    station.tone("playlists/cchc/long.wav", 5.0, 440.0);
    let wait = (now + chrono::Duration::seconds(2) - Utc::now())
        .to_std()
        .unwrap_or_default();
    std::thread::sleep(wait);
    let wav = station.root().join("air.wav");
    let mut child = spawn_loa(&station, &format!("wav:{}", wav.display()), &[]);
    wait_for_airing_end(&station, Duration::from_secs(20));
    terminate(&mut child);
    let end = the_airing_end(&station);
    assert_eq!(end.outcome, AiringOutcome::CutAtMax);
    assert_eq!(end.segments[0].outcome, SegmentOutcome::Cut);
    let left = (end.scheduled + chrono::Duration::seconds(6) - end.started).num_milliseconds()
        as f64
        / 1000.0;
    let mut reader = hound::WavReader::open(&wav).expect("wav");
    let samples: Vec<i16> = reader
        .samples::<i16>()
        .map(|s| s.expect("sample"))
        .collect();
    let seconds = sounding_seconds(&samples, 2, 48_000.0);
    // The sound must not outlast start + max. Its audible end comes a little
    // earlier: the last ~0.1 s of the 2-second fade is below the detection
    // threshold (more so now that loudness normalisation lowers the tone).
    assert!(
        seconds < 5.0 && seconds <= left + 0.05 && seconds >= left - 0.25,
        "ends at start + max: {seconds} s aired, {left} s were left"
    );
    // Fading: the last 0.2 s is much quieter than the first.
    let peak = |frames: &[i16]| frames.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
    let first = peak(&samples[..19_200]);
    let sound_end = samples
        .iter()
        .rposition(|s| s.unsigned_abs() > 300)
        .unwrap_or(0);
    let last = peak(&samples[sound_end.saturating_sub(19_200)..sound_end]);
    assert!(last * 4 < first, "fade: first {first}, last {last}");
}

fn paced_env(capture: &Path) -> Option<Vec<(&'static str, PathBuf)>> {
    let asoundrc = output_support::paced_asoundrc()?;
    Some(vec![
        ("ALSA_CONFIG_PATH", asoundrc),
        ("LOA_ALSA_CAPTURE", capture.to_path_buf()),
    ])
}

#[test]
fn airs_through_the_alsa_device_on_time_and_gapless() {
    let (_, hhmmss) = slot_time(Duration::from_secs(4));
    let station = station_at(&hhmmss, "1m", TWO_TONES);
    let capture = station.root().join("capture.raw");
    let Some(env) = paced_env(&capture) else {
        eprintln!("skipped: ../shared/alsa/paced.asoundrc not found");
        return;
    };
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let mut child = spawn_loa(&station, "default", &env);
    wait_for_airing_end(&station, Duration::from_secs(25));
    terminate(&mut child);
    let end = the_airing_end(&station);
    assert_eq!(end.outcome, AiringOutcome::Completed, "{end:?}");
    // The start on record is where the device placed the first frame by
    // its own clock. This test card reports no delay and takes audio in
    // bursts of up to 4096 frames (85 ms) through `pv`, so the first frame
    // can land up to a burst late, and the log says so (it said 0 before).
    // The precise figures are scripts/bench-device-timing's.
    let late = (end.started - end.scheduled).num_milliseconds();
    assert!(
        (0..150).contains(&late),
        "first sample {late} ms from the instant (device clock)"
    );
    let captured = output_support::read_capture(&capture);
    let seconds = sounding_seconds(&captured, 2, 48_000.0);
    assert!(
        (5.95..6.05).contains(&seconds),
        "six seconds captured, got {seconds}"
    );
    let gap = longest_inner_gap(&captured, 2);
    assert!(gap < 960, "gap of {gap} frames between segments");
}

/// Regression (DESIGN.md, rodio hazards): a killed consumer behind the ALSA
/// file plugin aborted the whole process. Now the device runs in a child
/// process: the daemon survives, records the failure on the airing, reopens
/// the device and airs the next airing.
#[test]
fn daemon_survives_the_device_consumer_killed_mid_airing() {
    let (first, _) = slot_time(Duration::from_secs(4));
    let second = first + chrono::Duration::seconds(14);
    let times = format!(
        "{}\", \"{}",
        first.format("%H:%M:%S"),
        second.format("%H:%M:%S")
    );
    let station = station_at(&times, "10s", TWO_TONES);
    let capture = station.root().join("capture.raw");
    let Some(env) = paced_env(&capture) else {
        eprintln!("skipped: ../shared/alsa/paced.asoundrc not found");
        return;
    };
    let env: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let mut child = spawn_loa(&station, "default", &env);
    // 1.5 s into the first airing, kill the process that consumes the sound.
    let kill_at = first + chrono::Duration::milliseconds(1500);
    while Utc::now() < kill_at {
        std::thread::sleep(Duration::from_millis(20));
    }
    let workers = output_support::children_of(child.id());
    assert_eq!(workers.len(), 1, "one device process: {workers:?}");
    output_support::signal(output_support::consumer_of(workers[0]), libc::SIGKILL);
    // The second airing must still happen.
    let deadline = Instant::now() + Duration::from_secs(40);
    let ends = loop {
        let ends: Vec<AiringEnd> = log_records(&station)
            .into_iter()
            .filter_map(|k| match k {
                RecordKind::AiringEnd(end) => Some(end),
                _ => None,
            })
            .collect();
        if ends.len() == 2 || Instant::now() > deadline {
            break ends;
        }
        assert!(child.try_wait().expect("wait").is_none(), "the daemon died");
        std::thread::sleep(Duration::from_millis(100));
    };
    terminate(&mut child);
    assert_eq!(ends.len(), 2, "both airings recorded: {ends:?}");
    let failed = ends[0]
        .segments
        .iter()
        .any(|s| matches!(s.outcome, SegmentOutcome::Failed { .. }));
    let log = std::fs::read_to_string(station.root().join("loa.err")).unwrap_or_default();
    assert!(
        failed,
        "the failure is recorded on the first airing: {:?}\n{log}",
        ends[0]
    );
    assert_eq!(
        ends[1].outcome,
        AiringOutcome::Completed,
        "the device came back: {:?}",
        ends[1]
    );
}

#[test]
fn a_corrupt_segment_is_skipped_with_its_reason_and_the_next_airs() {
    let (_, hhmmss) = slot_time(Duration::from_secs(3));
    let station = station_at(&hhmmss, "1m", TWO_TONES);
    let wav = station.root().join("air.wav");
    let mut child = spawn_loa(&station, &format!("wav:{}", wav.display()), &[]);
    // The plan is loaded; now the first file is damaged on disk.
    std::thread::sleep(Duration::from_millis(800));
    station.write("playlists/cchc/01.wav", "RIFF garbage, not audio any more");
    wait_for_airing_end(&station, Duration::from_secs(20));
    terminate(&mut child);
    let end = the_airing_end(&station);
    assert!(
        matches!(&end.segments[0].outcome, SegmentOutcome::Skipped { reason } if !reason.is_empty()),
        "{:?}",
        end.segments[0]
    );
    assert_eq!(end.segments[0].aired_ms, 0);
    assert_eq!(end.segments[1].outcome, SegmentOutcome::Aired);
    assert_eq!(end.outcome, AiringOutcome::Completed);
}

/// Regression: after `kill -9` during an airing, the restart closed it with
/// its segment at `0:00 failed: unknown`, though seconds of it had gone out.
/// The record now says how much aired (from the progress the daemon keeps
/// about once a second: a lower bound), checked against the air-check WAV
/// the output wrote before the kill.
#[test]
fn a_crash_cut_airing_records_how_much_went_out() {
    let long = "[[segment]]\nfile = \"cchc/long.wav\"\ntopic = 1\n";
    let (at, hhmmss) = slot_time(Duration::from_secs(3));
    let station = station_at(&hhmmss, "1m", long);
    station.tone("playlists/cchc/long.wav", 30.0, 440.0);
    let wav = station.root().join("air.wav");
    let mut child = spawn_loa(&station, &format!("wav:{}", wav.display()), &[]);
    let kill_at = at + chrono::Duration::milliseconds(4_300);
    while Utc::now() < kill_at {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill -9");
    child.wait().expect("reaped");

    let mut reader = hound::WavReader::open(&wav).expect("air-check wav after the kill");
    let spec = reader.spec();
    let samples: Vec<i16> = reader.samples::<i16>().map_while(Result::ok).collect();
    let in_wav = sounding_seconds(
        &samples,
        spec.channels as usize,
        f64::from(spec.sample_rate),
    );

    let mut again = spawn_loa(&station, "null", &[]);
    wait_for_airing_end(&station, Duration::from_secs(20));
    terminate(&mut again);
    let end = the_airing_end(&station);
    assert!(
        matches!(end.outcome, AiringOutcome::Interrupted { .. }),
        "{end:?}"
    );
    let segment = &end.segments[0];
    assert_eq!(segment.outcome, SegmentOutcome::Cut, "{end:?}");
    let aired = segment.aired_ms as f64 / 1000.0;
    // Both the WAV (header checkpointed each second) and the record (progress
    // kept each second) may trail what really aired by up to a second.
    assert!(
        (2.5..=4.4).contains(&aired) && (aired - in_wav).abs() <= 1.2,
        "recorded {aired} s aired, the air check holds {in_wav} s of tone"
    );
    let span = (end.ended - end.started).num_milliseconds() as f64 / 1000.0;
    assert!(
        (span - aired).abs() < 0.5,
        "ended {span} s after the start, {aired} s aired"
    );
}
