//! Announcements outside the schedule (`loa play --now`) sent to the real
//! running daemon over its socket: an emergency cuts into an airing with a
//! short fade and the airing resumes with the cut segment; a priority
//! announcement waits for the segment's end; a normal one airs when
//! nothing else does. Every step is in the signed log. Real time (about
//! 20 s each), WAV air-check output.

#[path = "support/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use common::{StationDir, slot_time, spawn_daemon_to_wav, stderr, stdout};
use loa::airlog::record::{AiringEnd, AiringOutcome, Announcement, SegmentOutcome};
use loa::airlog::{RecordKind, read_records};

/// Three 4-second tones.
const THREE_TONES: &str = r#"[[segment]]
file = "cchc/01.wav"
topic = 1

[[segment]]
file = "cchc/02.wav"
topic = 2

[[segment]]
file = "cchc/03.wav"
topic = 3
"#;

/// A UTC station whose slot `thu` airs the three tones at `at` (HH:MM:SS),
/// and an announcement file `thong-bao.wav` outside the playlists.
fn station_at(at: &str) -> StationDir {
    let config = common::utc_station(
        "announce",
        &format!(
            r#"[[slot]]
name = "thu"
at = ["{at}"]
playlist = "cchc"
max = "1m"
"#
        ),
    );
    let station = StationDir::with(&config, THREE_TONES);
    for (n, hertz) in [(1, 440.0), (2, 550.0), (3, 660.0)] {
        station.tone(&format!("playlists/cchc/0{n}.wav"), 4.0, hertz);
    }
    station.tone("thong-bao.wav", 2.0, 880.0);
    station
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let asked = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        assert!(asked.elapsed() < Duration::from_secs(10), "did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn records(station: &StationDir) -> Vec<RecordKind> {
    let dir = station.root().join("var/airlog");
    if !dir.exists() {
        return Vec::new();
    }
    read_records(&dir)
        .map(|records| records.flatten().map(|r| r.kind).collect())
        .unwrap_or_default()
}

/// Waits until `found` picks something from the log, for up to `limit`.
fn wait_for<T>(
    station: &StationDir,
    limit: Duration,
    found: impl Fn(&[RecordKind]) -> Option<T>,
) -> T {
    let start = Instant::now();
    loop {
        if let Some(value) = found(&records(station)) {
            return value;
        }
        assert!(
            start.elapsed() < limit,
            "not in the log within {limit:?}: {:#?}\n{}",
            records(station),
            std::fs::read_to_string(station.root().join("loa.err")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn airing_end(records: &[RecordKind]) -> Option<AiringEnd> {
    records.iter().find_map(|k| match k {
        RecordKind::AiringEnd(end) => Some(end.clone()),
        _ => None,
    })
}

fn airing_started(records: &[RecordKind]) -> Option<DateTime<Utc>> {
    records.iter().find_map(|k| match k {
        RecordKind::AiringStart(start) => Some(start.started),
        _ => None,
    })
}

fn announcement(records: &[RecordKind]) -> Option<Announcement> {
    records.iter().find_map(|k| match k {
        RecordKind::Announcement(a) => Some(a.clone()),
        _ => None,
    })
}

/// `loa play --now WHAT --priority P --by ...`: must be accepted.
fn announce(station: &StationDir, what: &Path, priority: &str) {
    let what = what.to_str().expect("utf-8 path");
    let output = station.loa(&[
        "play",
        "--now",
        what,
        "--priority",
        priority,
        "--by",
        "Chủ tịch UBND xã",
    ]);
    assert!(
        output.status.success(),
        "loa play --now: {}",
        stderr(&output)
    );
    assert!(
        stdout(&output).contains(&format!("{priority} announcement queued")),
        "{}",
        stdout(&output)
    );
}

fn the_log_verifies(station: &StationDir) {
    let output = station.loa(&["verify"]);
    assert!(output.status.success(), "loa verify: {}", stdout(&output));
}

/// Airs the slot of a new station and sends an announcement of
/// `thong-bao.wav` with `priority` `after_ms` into the airing; returns the
/// station, when the airing started, its `airing_end` and the whole log.
fn announce_during_airing(
    priority: &str,
    after_ms: i64,
) -> (StationDir, DateTime<Utc>, AiringEnd, Vec<RecordKind>) {
    let (_, at) = slot_time(Duration::from_secs(3));
    let station = station_at(&at);
    let daemon = spawn_daemon_to_wav(&station);
    let started = wait_for(&station, Duration::from_secs(15), airing_started);
    let ask_at = started + chrono::Duration::milliseconds(after_ms);
    std::thread::sleep((ask_at - Utc::now()).to_std().unwrap_or_default());
    announce(&station, &station.root().join("thong-bao.wav"), priority);
    let end = wait_for(&station, Duration::from_secs(30), airing_end);
    let records = records(&station);
    stop(daemon);
    (station, started, end, records)
}

#[test]
fn an_emergency_cuts_in_at_once_and_the_airing_resumes_with_the_cut_segment() {
    // 1.5 s into the first tone.
    let (station, _, end, records) = announce_during_airing("emergency", 1500);

    let cut_in = announcement(&records).expect("an announcement record");
    assert_eq!(cut_in.priority, "emergency");
    assert!(
        cut_in.requested_by.contains("Chủ tịch UBND xã") && cut_in.requested_by.contains("user"),
        "{}",
        cut_in.requested_by
    );
    assert_eq!(cut_in.outcome, AiringOutcome::Completed);
    assert_eq!(cut_in.segments.len(), 1);
    assert_eq!(cut_in.segments[0].outcome, SegmentOutcome::Aired);
    let interrupted = cut_in.interrupted.expect("says what it interrupted");
    assert_eq!(interrupted.slot, "thu");
    assert_eq!(interrupted.file.as_deref(), Some("cchc/01.wav"));
    assert!(interrupted.resumed);
    // Cut within the fade of when it was asked (the request is probed and
    // queued first).
    assert!(
        (1_400..3_000).contains(&interrupted.at_ms),
        "cut {} ms into the segment",
        interrupted.at_ms
    );
    let asked_to_air = (cut_in.started - cut_in.requested_at).num_milliseconds();
    assert!(
        (0..1_000).contains(&asked_to_air),
        "aired {asked_to_air} ms after it was accepted"
    );

    // The airing resumed: the cut segment again from its start, then the
    // rest, all within the slot; its record says it was interrupted.
    assert_eq!(end.outcome, AiringOutcome::Completed);
    assert!(
        end.segments
            .iter()
            .all(|s| s.outcome == SegmentOutcome::Aired)
    );
    assert_eq!(end.segments[0].aired_ms / 100, 40, "01.wav aired whole");
    assert_eq!(end.interruptions.len(), 1);
    let pause = &end.interruptions[0];
    assert_eq!(pause.priority, "emergency");
    assert!(pause.resumed);
    let paused_ms = (pause.paused_until - pause.paused_from).num_milliseconds();
    assert!((1_900..3_000).contains(&paused_ms), "paused {paused_ms} ms");
    let order: Vec<&str> = records.iter().map(RecordKind::name).collect();
    let position = |kind| order.iter().position(|k| *k == kind);
    assert!(
        position("announcement") < position("airing_end"),
        "{order:?}"
    );
    the_log_verifies(&station);
}

#[test]
fn a_priority_announcement_waits_for_the_segment_airing_now_to_end() {
    let (station, started, end, records) = announce_during_airing("priority", 1000);

    let cut_in = announcement(&records).expect("an announcement record");
    let interrupted = cut_in.interrupted.expect("says what it interrupted");
    assert_eq!(interrupted.file, None, "between segments");
    // It began when the first 4-second tone ended.
    let after_start = (cut_in.started - started).num_milliseconds();
    assert!(
        (3_900..4_400).contains(&after_start),
        "began {after_start} ms into the airing"
    );
    assert_eq!(end.outcome, AiringOutcome::Completed);
    assert!(
        end.segments
            .iter()
            .all(|s| s.outcome == SegmentOutcome::Aired)
    );
    assert_eq!(end.interruptions.len(), 1);
    assert_eq!(end.interruptions[0].file, None);
    the_log_verifies(&station);
}

#[test]
fn a_normal_announcement_of_a_playlist_airs_when_nothing_else_does() {
    // The slot is hours away.
    let at = (Utc::now() + chrono::Duration::hours(6)).format("%H:%M:%S");
    let station = station_at(&at.to_string());
    let daemon = spawn_daemon_to_wav(&station);
    // The daemon is up once its socket answers.
    let start = Instant::now();
    while !station.loa(&["status"]).status.success() {
        assert!(start.elapsed() < Duration::from_secs(15), "never answered");
        std::thread::sleep(Duration::from_millis(100));
    }
    announce(&station, Path::new("cchc"), "normal");
    let aired = wait_for(&station, Duration::from_secs(30), announcement);
    stop(daemon);
    assert_eq!(aired.source, "cchc");
    assert_eq!(aired.priority, "normal");
    assert_eq!(aired.interrupted, None);
    assert_eq!(aired.outcome, AiringOutcome::Completed);
    let files: Vec<&str> = aired.segments.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(files, ["cchc/01.wav", "cchc/02.wav", "cchc/03.wav"]);
    the_log_verifies(&station);
    // `loa log` lists it as a manual airing named after its priority.
    let log = stdout(&station.loa(&["log", "--json"]));
    let listed: Vec<serde_json::Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).expect("json line"))
        .collect();
    assert!(
        listed
            .iter()
            .any(|a| a["slot"] == "normal" && a["manual"] == true),
        "{log}"
    );
}

#[test]
fn play_now_without_a_running_daemon_says_so() {
    let station = station_at("05:30:00");
    let output = station.loa(&["play", "--now", "cchc", "--priority", "emergency"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no loa daemon answers"),
        "{}",
        stderr(&output)
    );
}

/// The daemon speaks Vietnamese (as a station's service does) and the
/// technician's terminal English: the refusal is in the caller's language
/// (regression: it came in the daemon's).
#[test]
fn an_announcement_the_daemon_cannot_find_is_refused_with_the_reason() {
    let at = (Utc::now() + chrono::Duration::hours(6)).format("%H:%M:%S");
    let station = station_at(&at.to_string());
    let wav = station.root().join("air.wav");
    let daemon = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["run", "-c"])
        .arg(station.config())
        .args(["--output", &format!("wav:{}", wav.display())])
        .current_dir(station.root())
        .env("LOA_LANG", "vi")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn loa run");
    let start = Instant::now();
    while !station.loa(&["status"]).status.success() {
        assert!(start.elapsed() < Duration::from_secs(15), "never answered");
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = station.loa(&["play", "--now", "khong-co", "--priority", "emergency"]);
    stop(daemon);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("neither a playlist of the station nor an audio file"),
        "{}",
        stderr(&output)
    );
}

/// Regression: a file stored in NFD and typed in NFC was "neither a
/// playlist of the station nor an audio file the daemon can read". Names
/// match as playlists match their files; a file that is not there is said
/// to be not found.
#[test]
fn now_matches_a_file_name_in_either_normalisation_form() {
    use unicode_normalization::UnicodeNormalization;
    // A slot twelve hours away: nothing else airs meanwhile.
    let (_, at) = slot_time(Duration::from_secs(12 * 3600));
    let station = station_at(&at);
    let name = "thông báo khẩn.wav";
    let stored: String = name.nfd().collect();
    let typed: String = name.nfc().collect();
    assert_ne!(stored, typed, "test bug: the two forms differ");
    station.tone(&stored, 1.0, 880.0);
    let daemon = spawn_daemon_to_wav(&station);
    let socket_ready = Instant::now();
    let missing = loop {
        let output = station.loa(&[
            "play",
            "--now",
            station.root().join("không có.wav").to_str().expect("utf-8"),
            "--priority",
            "normal",
        ]);
        let said = stderr(&output);
        if !said.contains("no loa daemon answers")
            || socket_ready.elapsed() > Duration::from_secs(10)
        {
            break (output, said);
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(!missing.0.status.success());
    assert!(missing.1.contains("not found"), "{}", missing.1);
    announce(&station, &station.root().join(&typed), "normal");
    let aired = wait_for(&station, Duration::from_secs(15), announcement);
    stop(daemon);
    assert_eq!(aired.outcome, AiringOutcome::Completed);
    assert_eq!(aired.segments.len(), 1);
}

/// Regression: with a syntax error saved in `station.toml`, `loa status`
/// and `loa play --now … --priority emergency` stopped at `TOML parse
/// error`: an emergency announcement refused while the station was on air.
/// They reach the running daemon and say that the config on disk has errors.
#[test]
fn a_broken_config_does_not_lock_the_technician_out_of_the_daemon() {
    let (_, at) = slot_time(Duration::from_secs(12 * 3600));
    let station = station_at(&at);
    let daemon = spawn_daemon_to_wav(&station);
    let started = Instant::now();
    while !station.loa(&["status"]).status.success() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "daemon did not answer"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let config = station.config();
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        text.replacen("name = \"Đài thử nghiệm\"", "name = \"Đài", 1),
    )
    .expect("break the config");

    let status = station.loa(&["status"]);
    assert!(status.status.success(), "{}", stderr(&status));
    assert!(
        stderr(&status).contains("has errors"),
        "{}",
        stderr(&status)
    );
    let broken_line = text
        .lines()
        .position(|line| line.starts_with("name = \"Đài thử nghiệm\""))
        .expect("the name line")
        + 1;
    assert!(
        stderr(&status).contains(&format!("not valid TOML at line {broken_line},")),
        "the place of the mistake, in words: {}",
        stderr(&status)
    );
    announce(&station, &station.root().join("thong-bao.wav"), "emergency");
    let aired = wait_for(&station, Duration::from_secs(15), announcement);
    stop(daemon);
    assert_eq!(aired.priority, "emergency");
    assert_eq!(aired.outcome, AiringOutcome::Completed);
}

/// Regression: `loa play --now … --priority normal` replied that the
/// announcement was recorded; the daemon was stopped before it aired and
/// the log held no announcement at all. Every accepted announcement ends in
/// the log: here as not aired, because of the shutdown.
#[test]
fn an_accepted_announcement_that_never_airs_is_in_the_log() {
    let (_, at) = slot_time(Duration::from_secs(3));
    let station = station_at(&at);
    let daemon = spawn_daemon_to_wav(&station);
    wait_for(&station, Duration::from_secs(15), airing_started);
    // A normal announcement waits for the airing (12 s of tones) to end.
    let output = station.loa(&[
        "play",
        "--now",
        station
            .root()
            .join("thong-bao.wav")
            .to_str()
            .expect("utf-8"),
        "--priority",
        "normal",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("first in the queue"),
        "{}",
        stdout(&output)
    );
    stop(daemon);
    let not_aired = records(&station)
        .into_iter()
        .find_map(|k| match k {
            RecordKind::AnnouncementNotAired(n) => Some(n),
            _ => None,
        })
        .expect("the announcement is in the log as not aired");
    assert_eq!(not_aired.priority, "normal");
    assert_eq!(not_aired.reason, "shutdown");
    assert!(announcement(&records(&station)).is_none(), "it did not air");
    the_log_verifies(&station);
    let listed = stdout(&station.loa(&["log", "--json"]));
    assert!(listed.contains("\"slot\":\"normal\""), "{listed}");
}

/// Regression: an airing stopped before its instant (the daemon stopped
/// 1.7 s before) was logged `interrupted` with `started` before
/// `scheduled` (`late_ms` −1770) though nothing aired. It did not start:
/// the log has neither a start nor an end for it.
#[test]
fn stopped_before_its_instant_an_airing_is_not_recorded_as_started() {
    let (instant, at) = slot_time(Duration::from_secs(4));
    let station = station_at(&at);
    let daemon = spawn_daemon_to_wav(&station);
    // Into the 2 s preroll: the output is opened, nothing has aired.
    let stop_at = instant - chrono::Duration::milliseconds(1_500);
    std::thread::sleep((stop_at - Utc::now()).to_std().unwrap_or_default());
    stop(daemon);
    assert!(Utc::now() < instant, "test bug: stopped too late");
    let records = records(&station);
    assert!(airing_started(&records).is_none(), "{records:#?}");
    assert!(airing_end(&records).is_none(), "{records:#?}");
    the_log_verifies(&station);
}

/// Regression: while an airing ran, `loa status` listed it as on air and
/// also first under `next`.
#[test]
fn the_airing_on_air_is_not_also_listed_as_next() {
    let (instant, at) = slot_time(Duration::from_secs(3));
    let station = station_at(&at);
    let daemon = spawn_daemon_to_wav(&station);
    wait_for(&station, Duration::from_secs(15), airing_started);
    let status = station.loa(&["status", "--json"]);
    stop(daemon);
    let status: serde_json::Value = serde_json::from_str(&stdout(&status)).expect("status --json");
    assert_eq!(status["now_playing"]["slot"], "thu", "{status}");
    let next = status["next"].as_array().cloned().unwrap_or_default();
    let listed = |line: &serde_json::Value| {
        line["scheduled"]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .is_some_and(|t| t == instant)
    };
    assert!(!next.is_empty(), "the later airings are listed: {status}");
    assert!(!next.iter().any(listed), "{status}");
}

/// Regression: while an airing ran, a valid edit showed in `loa status`
/// only after the airing ended, with no sign a change was waiting, and an
/// invalid edit's errors likewise. Both show within a second or two.
#[test]
fn status_shows_an_edit_while_an_airing_runs() {
    let (_, at) = slot_time(Duration::from_secs(3));
    let station = station_at(&at);
    let daemon = spawn_daemon_to_wav(&station);
    wait_for(&station, Duration::from_secs(15), airing_started);
    let config = station.config();
    let text = std::fs::read_to_string(&config).expect("config");
    let status_says = |what: &str| {
        let asked = Instant::now();
        loop {
            let said = stdout(&station.loa(&["status"]));
            if said.contains(what) {
                assert!(
                    !said.contains("now playing: nothing"),
                    "still airing: {said}"
                );
                return;
            }
            assert!(
                asked.elapsed() < Duration::from_secs(4),
                "{what:?} not in:\n{said}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    std::fs::write(
        &config,
        text.replace("Đài thử nghiệm", "Đài thử nghiệm mới"),
    )
    .expect("edit");
    status_says("config change: valid, waiting");
    std::fs::write(&config, text.replace("max = \"1m\"", "max = \"1 phút\"")).expect("edit");
    status_says("config error");
    stop(daemon);
}

/// Regression: the output failed at the first sample, yet `loa status` said
/// `now playing … (25s in)` with no failure until the airing ended. The
/// failure shows while the airing goes on.
#[test]
fn status_shows_a_failing_output_while_the_airing_runs() {
    let (_, at) = slot_time(Duration::from_secs(3));
    let station = station_at(&at);
    let daemon = common::spawn_daemon(&station, "no-such-card");
    let asked = Instant::now();
    let said = loop {
        let said = stdout(&station.loa(&["status"]));
        if said.contains("no such output") {
            break said;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(15),
            "no failure shown:\n{said}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    stop(daemon);
    assert!(
        !said.contains("now playing: nothing"),
        "shown while airing:\n{said}"
    );
}

/// Regression (issue 13, item 7d): 8 s into an emergency announcement,
/// `loa status` still named the segment it had interrupted. It names the
/// announcement on air, and the airing it cut into; once the announcement
/// has ended, the airing again.
#[test]
fn status_names_the_emergency_announcement_on_air() {
    let (_, at) = slot_time(Duration::from_secs(3));
    let station = station_at(&at);
    station.tone("khan-cap.wav", 10.0, 880.0);
    let daemon = spawn_daemon_to_wav(&station);
    wait_for(&station, Duration::from_secs(15), airing_started);
    announce(&station, &station.root().join("khan-cap.wav"), "emergency");
    // Well into the announcement: the interrupted 4-second segment would
    // have ended by now had it gone on.
    std::thread::sleep(Duration::from_secs(6));
    let said = stdout(&station.loa(&["status"]));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&station.loa(&["status", "--json"]))).expect("status --json");
    let on_air = &json["announcement_on_air"];
    assert_eq!(on_air["priority"], "emergency", "{json}");
    assert!(
        on_air["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("khan-cap.wav")),
        "{json}"
    );
    let now_playing = said
        .lines()
        .find(|line| line.starts_with("now playing:"))
        .unwrap_or_else(|| panic!("a now playing line:\n{said}"));
    assert!(
        now_playing.contains("emergency announcement")
            && now_playing.contains("khan-cap.wav")
            && now_playing.contains("cutting into thu"),
        "{said}"
    );
    assert!(!now_playing.contains("segment"), "{said}");
    wait_for(&station, Duration::from_secs(30), airing_end);
    let after: serde_json::Value =
        serde_json::from_str(&stdout(&station.loa(&["status", "--json"]))).expect("status --json");
    assert!(after["announcement_on_air"].is_null(), "{after}");
    stop(daemon);
}
