//! Relay slots through the real daemon: the stream (from a local test
//! server on the loopback interface) on air from the slot's instant to its
//! `max`, the fallback playlist standing in while the stream is away, and
//! every minute relayed or missed in the signed log. Real time (about 15 s
//! each), WAV air-check output.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/relay/mod.rs"]
mod relay_support;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{StationDir, slot_time, spawn_daemon_to_wav, stdout};
use loa::airlog::record::{AiringEnd, AiringOutcome, RelayAired};
use loa::airlog::{RecordKind, read_records};
use relay_support::Server;
use relay_support::audio::{Encoding, encoded, with_icy};

/// A UTC station with one relay slot `tiep-song` at `at` (HH:MM:SS) of
/// `max`, relaying `url`, with `fallback` if given (playlist `cchc`, one
/// 440 Hz tone of 4 s).
fn station(at: &str, max: &str, url: &str, fallback: bool) -> StationDir {
    let fallback = if fallback {
        "fallback = \"cchc\"\n"
    } else {
        ""
    };
    let config = common::utc_station(
        "relay",
        &format!(
            r#"[[slot]]
name = "tiep-song"
at = ["{at}"]
relay = "{url}"
{fallback}max = "{max}"
"#
        ),
    );
    let station = StationDir::with(&config, "[[segment]]\nfile = \"cchc/01.wav\"\ntopic = 1\n");
    station.tone("playlists/cchc/01.wav", 4.0, 440.0);
    station
}

/// Runs the daemon until the relay airing ends; its `airing_end`.
fn air(station: &StationDir, limit: Duration) -> AiringEnd {
    let mut daemon = spawn_daemon_to_wav(station);
    let start = Instant::now();
    let end = loop {
        let dir = station.root().join("var/airlog");
        let end = dir.exists().then(|| {
            read_records(&dir).ok().and_then(|records| {
                records.flatten().find_map(|r| match r.kind {
                    RecordKind::AiringEnd(end) => Some(end),
                    _ => None,
                })
            })
        });
        if let Some(Some(end)) = end {
            break end;
        }
        assert!(
            start.elapsed() < limit,
            "no airing ended: {}",
            std::fs::read_to_string(station.root().join("loa.err")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = Command::new("kill")
        .args(["-TERM", &daemon.id().to_string()])
        .status();
    let _ = daemon.wait();
    let verified = station.loa(&["verify"]);
    assert!(verified.status.success(), "{}", stdout(&verified));
    end
}

fn relay_of(end: &AiringEnd) -> &RelayAired {
    end.relay
        .as_ref()
        .expect("the airing_end says what the relay did")
}

fn kinds(relay: &RelayAired) -> Vec<&str> {
    relay.events.iter().map(|e| e.kind.as_str()).collect()
}

/// The WAV air check: interleaved samples and the longest run of silence
/// (below -50 dBFS) between the first and the last sound, in seconds.
fn longest_inner_silence(station: &StationDir) -> f64 {
    let mut reader = hound::WavReader::open(station.root().join("air.wav")).expect("air.wav");
    let spec = reader.spec();
    let frames: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => reader
            .samples::<f32>()
            .map(|s| s.expect("sample"))
            .collect(),
        hound::SampleFormat::Int => reader
            .samples::<i16>()
            .map(|s| f32::from(s.expect("sample")) / 32768.0)
            .collect(),
    };
    let channels = usize::from(spec.channels);
    let loud: Vec<bool> = frames
        .chunks(channels)
        .map(|f| f.iter().any(|s| s.abs() > 0.003))
        .collect();
    let (Some(first), Some(last)) = (loud.iter().position(|l| *l), loud.iter().rposition(|l| *l))
    else {
        return f64::INFINITY;
    };
    let mut longest = 0;
    let mut run = 0;
    for l in &loud[first..=last] {
        run = if *l { 0 } else { run + 1 };
        longest = longest.max(run);
    }
    longest as f64 / f64::from(spec.sample_rate)
}

/// Serves the MP3 tone over and over, a little faster than real time, with
/// ICY titles. With `outage`, the first connection closes after that many
/// seconds of audio and the next three are answered 404 (about 3.5 s of
/// reconnecting), longer than the jitter buffer rides out.
fn mp3_server(outage: Option<f64>) -> Server {
    Server::start(move |request, conn| {
        const METAINT: usize = 8192;
        if outage.is_some() && (1..=3).contains(&request.index) {
            conn.head("HTTP/1.0 404 Not Found", &[]);
            return;
        }
        let mp3 = encoded(Encoding::Mp3);
        let mut body = Vec::new();
        for _ in 0..4 {
            body.extend_from_slice(&mp3);
        }
        if let (0, Some(seconds)) = (request.index, outage) {
            body.truncate((Encoding::Mp3.byte_rate() * seconds) as usize);
        }
        let body = with_icy(&body, METAINT, &["Thời sự VOV1"]);
        if conn.ok("audio/mpeg", Some(METAINT)) {
            conn.send_paced(&body, Encoding::Mp3.byte_rate() * 1.1);
        }
    })
}

#[test]
fn a_relay_slot_carries_the_stream_on_time_to_its_max() {
    let server = mp3_server(None);
    let (at, hhmmss) = slot_time(Duration::from_secs(6));
    let station = station(&hhmmss, "8s", &server.url("/vov1.mp3"), true);
    let end = air(&station, Duration::from_secs(30));
    assert_eq!(end.scheduled, at);
    assert_eq!(end.outcome, AiringOutcome::Completed);
    let late_ms = (end.started - end.scheduled).num_milliseconds();
    assert!((0..5).contains(&late_ms), "started {late_ms} ms late");
    let length = (end.ended - end.started).num_milliseconds();
    assert!((7_900..8_600).contains(&length), "aired {length} ms");
    let relay = relay_of(&end);
    assert!(relay.relayed_ms >= 7_900, "{relay:?}");
    assert_eq!(relay.fallback_ms + relay.silent_ms, 0, "{relay:?}");
    assert_eq!(relay.failed, None);
    assert!(kinds(relay).contains(&"connected"), "{relay:?}");
    let title = relay.events.iter().find(|e| e.kind == "title");
    assert_eq!(
        title.and_then(|t| t.detail.as_deref()),
        Some("Thời sự VOV1"),
        "{relay:?}"
    );
    assert!(longest_inner_silence(&station) < 0.05);
    // Reports count the relay apart, per stream.
    let json = station.root().join("report.json");
    let period = end.scheduled.format("%Y-%m").to_string();
    let output = station.loa(&[
        "report",
        "--period",
        &period,
        "-o",
        json.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("report")).expect("json");
    let totals = &report["report"]["totals"];
    assert_eq!(totals["airings"], 0, "not the station's own content");
    assert_eq!(totals["relays"][0]["url"], server.url("/vov1.mp3"));
    assert_eq!(totals["relays"][0]["airings"], 1);
    assert_eq!(totals["relays"][0]["relayed_ms"], relay.relayed_ms);
}

#[test]
fn a_stream_that_drops_is_covered_by_the_fallback_until_it_returns() {
    let server = mp3_server(Some(4.0));
    let (_, hhmmss) = slot_time(Duration::from_secs(6));
    let station = station(&hhmmss, "14s", &server.url("/vov1.mp3"), true);
    let end = air(&station, Duration::from_secs(40));
    assert_eq!(end.outcome, AiringOutcome::Completed);
    let relay = relay_of(&end);
    let kinds = kinds(relay);
    let position = |kind: &str| kinds.iter().position(|k| *k == kind);
    assert!(position("dropped").is_some(), "{relay:?}");
    assert!(
        position("to_fallback") < position("to_stream") && position("to_fallback").is_some(),
        "the fallback stood in, then the stream came back: {relay:?}"
    );
    assert!(relay.fallback_ms > 500, "{relay:?}");
    assert!(relay.relayed_ms > 5_000, "{relay:?}");
    assert_eq!(relay.silent_ms, 0, "{relay:?}");
    assert!(
        end.segments[0].aired_ms > 0,
        "the fallback segment is in the record"
    );
    // No gap on air at the switches.
    let gap = longest_inner_silence(&station);
    assert!(gap < 0.05, "silent for {gap} s");
}

#[test]
fn a_stream_that_never_comes_is_recorded_as_failed_and_the_fallback_airs() {
    let server = Server::start(|_, conn| {
        conn.head("HTTP/1.0 404 Not Found", &[]);
    });
    let (_, hhmmss) = slot_time(Duration::from_secs(6));
    let station = station(&hhmmss, "6s", &server.url("/gone.mp3"), true);
    let end = air(&station, Duration::from_secs(30));
    assert_eq!(end.outcome, AiringOutcome::Completed, "the fallback aired");
    let relay = relay_of(&end);
    assert_eq!(relay.relayed_ms, 0);
    assert!(relay.fallback_ms >= 5_900, "{relay:?}");
    let failed = relay.failed.as_deref().unwrap_or_default();
    assert!(failed.contains("404"), "{failed}");
}

#[test]
fn without_a_fallback_a_stream_that_never_comes_fails_the_airing() {
    let server = Server::start(|_, conn| {
        conn.head("HTTP/1.0 404 Not Found", &[]);
    });
    let (_, hhmmss) = slot_time(Duration::from_secs(6));
    let station = station(&hhmmss, "4s", &server.url("/gone.mp3"), false);
    let end = air(&station, Duration::from_secs(30));
    assert!(
        matches!(&end.outcome, AiringOutcome::Failed { reason } if reason.contains("404")),
        "{:?}",
        end.outcome
    );
    let relay = relay_of(&end);
    assert!(relay.silent_ms >= 3_900, "{relay:?}");
}

#[test]
fn check_accepts_a_relay_slot_and_rejects_a_bad_address() {
    let good = station("05:00", "30m", "https://radio.example.vn/vov1.m3u", true);
    let output = good.loa(&["check"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let schedule = stdout(&good.loa(&["schedule", "--days", "1"]));
    assert!(
        schedule.contains("relay of https://radio.example.vn/vov1.m3u for 30m")
            && schedule.contains("fallback while the stream is away: 1 segment(s)"),
        "{schedule}"
    );
    let bad = station("05:00", "30m", "rtsp://radio.example.vn/vov1", true);
    let output = bad.loa(&["check"]);
    assert!(!output.status.success());
    let said = common::stderr(&output) + &stdout(&output);
    assert!(
        said.contains("is not a stream address loa can relay") && said.contains("station.toml:"),
        "{said}"
    );
}

#[test]
fn an_emergency_announcement_cuts_into_a_relay_which_then_goes_on() {
    let server = mp3_server(None);
    let (at, hhmmss) = slot_time(Duration::from_secs(6));
    let station = station(&hhmmss, "10s", &server.url("/vov1.mp3"), true);
    station.tone("thong-bao.wav", 2.0, 880.0);
    // Two seconds into the relay, from another terminal.
    let announcer = {
        let config = station.config();
        let file = station.root().join("thong-bao.wav");
        std::thread::spawn(move || {
            let wait = (at + chrono::Duration::seconds(2) - chrono::Utc::now())
                .to_std()
                .unwrap_or_default();
            std::thread::sleep(wait);
            Command::new(env!("CARGO_BIN_EXE_loa"))
                .args(["play", "--now"])
                .arg(&file)
                .args(["--priority", "emergency", "-c"])
                .arg(&config)
                .output()
                .expect("loa play --now")
        })
    };
    let end = air(&station, Duration::from_secs(40));
    let said = announcer.join().expect("announcer");
    assert!(said.status.success(), "{}", common::stderr(&said));
    assert_eq!(end.outcome, AiringOutcome::Completed);
    assert_eq!(end.interruptions.len(), 1, "{:?}", end.interruptions);
    let pause = &end.interruptions[0];
    assert!(pause.resumed);
    assert_eq!(pause.file, None, "a stream has no segment to cut");
    let paused_ms = (pause.paused_until - pause.paused_from).num_milliseconds();
    assert!((1_900..3_000).contains(&paused_ms), "paused {paused_ms} ms");
    let relay = relay_of(&end);
    // The relay aired before and after the announcement.
    assert!(
        (6_000..8_600).contains(&relay.relayed_ms),
        "{} ms relayed",
        relay.relayed_ms
    );
    let length = (end.ended - end.started).num_milliseconds();
    assert!(
        (9_900..10_600).contains(&length),
        "ended at max: {length} ms"
    );
}
