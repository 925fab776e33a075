//! The running daemon, unattended: hot reload of the config and playlists
//! (rename-over saves, new audio, a deleted playlist, an invalid edit),
//! SIGHUP, and `loa status` over the local socket.

#[path = "support/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{PLAYLIST, STATION, StationDir};
use loa::airlog::{RecordKind, read_records};

fn spawn_daemon(station: &StationDir) -> Child {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["run", "--output", "null", "-c"])
        .arg(station.config())
        .current_dir(station.root())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(station.root().join("loa.err")).expect("log file"))
        .spawn()
        .expect("spawn")
}

fn status(station: &StationDir) -> Option<serde_json::Value> {
    let output = station.loa(&["status", "--json"]);
    output
        .status
        .success()
        .then(|| serde_json::from_slice(&output.stdout).expect("status JSON"))
}

/// Polls `loa status` until `check` holds, for up to `limit`.
fn wait_for_status(
    station: &StationDir,
    limit: Duration,
    check: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let start = Instant::now();
    loop {
        if let Some(status) = status(station) {
            if check(&status) {
                return status;
            }
            assert!(start.elapsed() < limit, "status never matched: {status:#}");
        }
        assert!(
            start.elapsed() < limit + Duration::from_secs(10),
            "daemon never answered"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Saves like an editor: write a temporary file, rename it over the old.
fn save_by_rename(path: &Path, contents: &str) {
    let temporary = path.with_extension("toml.swp");
    std::fs::write(&temporary, contents).expect("write");
    std::fs::rename(&temporary, path).expect("rename");
}

fn config_applied_count(station: &StationDir) -> usize {
    read_records(&station.root().join("var/airlog"))
        .expect("log")
        .flatten()
        .filter(|r| matches!(r.kind, RecordKind::ConfigApplied(_)))
        .count()
}

fn stop(mut child: Child) {
    unsafe_free_sigterm(child.id());
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        assert!(start.elapsed() < Duration::from_secs(5), "did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn unsafe_free_sigterm(pid: u32) {
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

fn next_time(status: &serde_json::Value) -> String {
    status["next"][0]["scheduled"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn status_reports_a_running_daemon_and_reloads_apply_without_restart() {
    let station = StationDir::new();
    let daemon = spawn_daemon(&station);
    let first = wait_for_status(&station, Duration::from_secs(10), |s| {
        !s["next"].as_array().is_none_or(|n| n.is_empty())
    });
    assert_eq!(first["station"], "soc-trang/my-xuyen/thanh-phu");
    assert!(
        next_time(&first).contains("22:30:00"),
        "05:30 local is 22:30 UTC: {first:#}"
    );

    // An editor saves a new time by renaming over the file.
    save_by_rename(
        &station.config(),
        &STATION.replace("\"05:30\"", "\"06:45\""),
    );
    let changed = wait_for_status(&station, Duration::from_secs(3), |s| {
        next_time(s).contains("23:45:00")
    });
    assert!(changed["config_error"].is_null());
    assert_eq!(config_applied_count(&station), 2);

    // An invalid edit: the old plan stays, the error shows with its line.
    save_by_rename(
        &station.config(),
        &STATION.replace("\"05:30\"", "\"25:00\""),
    );
    let invalid = wait_for_status(&station, Duration::from_secs(3), |s| {
        s["config_error"].is_string()
    });
    let error = invalid["config_error"].as_str().unwrap_or_default();
    assert!(
        error.contains("\"25:00\" is not a time of day") && error.contains("station.toml:10:7"),
        "{error}"
    );
    assert!(
        next_time(&invalid).contains("23:45:00"),
        "old plan still in force"
    );
    assert_eq!(config_applied_count(&station), 2);

    // New audio copied in and added to the playlist.
    station.tone("playlists/cchc/03.wav", 2.0, 550.0);
    let playlist = format!("{PLAYLIST}\n[[segment]]\nfile = \"cchc/03.wav\"\ntopic = 3\n");
    save_by_rename(&station.config(), STATION);
    save_by_rename(&station.root().join("playlists/cchc.toml"), &playlist);
    let fixed = wait_for_status(&station, Duration::from_secs(3), |s| {
        s["config_error"].is_null()
            && s["next"][0]["detail"]
                .as_str()
                .is_some_and(|d| d.starts_with("3 segments"))
    });
    assert!(next_time(&fixed).contains("22:30:00"));

    // The playlist deleted (file and folder): invalid, reported, old plan kept.
    std::fs::remove_file(station.root().join("playlists/cchc.toml")).expect("rm");
    std::fs::rename(
        station.root().join("playlists/cchc"),
        station.root().join("cchc-aside"),
    )
    .expect("mv");
    let gone = wait_for_status(&station, Duration::from_secs(3), |s| {
        s["config_error"].is_string()
    });
    let error = gone["config_error"].as_str().unwrap_or_default();
    assert!(error.contains("no playlist named \"cchc\""), "{error}");
    assert!(
        gone["next"][0]["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("3 segments"))
    );
    std::fs::rename(
        station.root().join("cchc-aside"),
        station.root().join("playlists/cchc"),
    )
    .expect("mv back");

    // SIGHUP reloads too (and the daemon lives on).
    std::fs::write(station.root().join("playlists/cchc.toml"), PLAYLIST).expect("restore");
    let status = Command::new("kill")
        .args(["-HUP", &daemon.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    wait_for_status(&station, Duration::from_secs(3), |s| {
        s["config_error"].is_null()
    });
    stop(daemon);
}

#[test]
fn status_without_a_daemon_says_so_and_shows_the_next_airings() {
    let station = StationDir::new();
    let output = station.loa(&["status"]);
    assert_eq!(output.status.code(), Some(3));
    let text = common::stdout(&output);
    assert!(text.contains("loa is not running"), "{text}");
    assert!(text.contains("05:30:00 sang"), "{text}");
}

/// Regression: reading the config and playlists made inotify "open" events
/// that triggered a reload, which read them again: a reload loop at 2 Hz
/// using half a core.
#[test]
fn reading_its_own_files_does_not_make_the_daemon_reload() {
    let station = StationDir::new();
    let daemon = spawn_daemon(&station);
    wait_for_status(&station, Duration::from_secs(10), |_| true);
    std::thread::sleep(Duration::from_secs(3));
    stop(daemon);
    let log = std::fs::read_to_string(station.root().join("loa.err")).unwrap_or_default();
    assert!(!log.contains("reloading"), "{log}");
    assert_eq!(config_applied_count(&station), 1);
}
