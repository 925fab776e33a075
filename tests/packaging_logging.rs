//! The form of `loa`'s log lines, by where stderr goes: the journal (as
//! systemd sets it up, `JOURNAL_STREAM` naming stderr), a child of a
//! systemd service whose stderr is not the journal, or a plain file.
//!
//! The lines come from the real binary: `loa run` with a notify socket
//! that does not exist logs a warning (`systemd notification not sent`),
//! and on SIGTERM an info line (`stopping`).

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/packaging/mod.rs"]
mod packaging_support;

use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::StationDir;
use packaging_support::quiet_station;

/// Runs `loa run` with stderr to `log` and `env` added (the test's own
/// systemd variables removed), until it has warned; then stops it.
fn run_logging_to(station: &StationDir, log: &Path, env: &[(&str, String)]) -> String {
    let stderr = File::create(log).expect("log file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command
        .args(["run", "--output", "null", "-c"])
        .arg(station.config())
        .env("NOTIFY_SOCKET", station.root().join("no-such.sock"))
        .env_remove("JOURNAL_STREAM")
        .env_remove("INVOCATION_ID")
        .env_remove("NO_COLOR")
        .env_remove("LOA_LOG")
        .stdout(Stdio::null())
        .stderr(stderr);
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("spawn loa run");
    let started = Instant::now();
    while !read(log).contains("notification not sent") {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no warning: {}",
            read(log)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // SAFETY: kill(2) on the child this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    assert!(child.wait().expect("wait").success());
    read(log)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// `JOURNAL_STREAM` as systemd sets it: `device:inode` of stderr.
fn journal_stream_of(path: &Path) -> String {
    let meta = std::fs::metadata(path).expect("stat");
    format!("{}:{}", meta.dev(), meta.ino())
}

fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{text}"))
}

/// `2026-04-02T10:11:12.123456Z` at the start of a line.
fn starts_with_timestamp(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.len() > 20 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-'
}

#[test]
fn under_the_journal_each_line_has_its_priority_and_no_timestamp_or_colour() {
    let (station, _) = quiet_station();
    let log = station.root().join("journal.log");
    File::create(&log).expect("log file");
    let stream = journal_stream_of(&log);
    let text = run_logging_to(&station, &log, &[("JOURNAL_STREAM", stream)]);

    let warning = line_with(&text, "notification not sent");
    assert!(
        warning.starts_with("<4>loa::systemd::notify: systemd notification not sent error="),
        "{warning}"
    );
    assert_eq!(line_with(&text, "stopping"), "<6>loa::daemon: stopping");
    assert!(!text.contains('\u{1b}'), "colour codes: {text:?}");
    assert!(!text.lines().any(starts_with_timestamp), "{text}");
}

#[test]
fn a_journal_stream_that_is_not_stderr_gets_no_priority_prefix() {
    // The device process inherits JOURNAL_STREAM, but its stderr is a pipe
    // the daemon reads: `<4>` there would end up inside the daemon's line.
    let (station, _) = quiet_station();
    let log = station.root().join("service.log");
    let elsewhere = station.root().join("elsewhere");
    File::create(&elsewhere).expect("file");
    let stream = journal_stream_of(&elsewhere);
    let text = run_logging_to(&station, &log, &[("JOURNAL_STREAM", stream)]);

    let warning = line_with(&text, "notification not sent");
    assert!(
        warning.starts_with(" WARN loa::systemd::notify: systemd notification not sent"),
        "{warning}"
    );
    assert!(!text.contains("<4>") && !text.contains('\u{1b}'), "{text}");
    assert!(!text.lines().any(starts_with_timestamp), "{text}");
}

#[test]
fn outside_systemd_a_file_gets_timestamps_and_no_colour_codes() {
    let (station, _) = quiet_station();
    let log = station.root().join("plain.log");
    let text = run_logging_to(&station, &log, &[]);

    let warning = line_with(&text, "notification not sent");
    assert!(starts_with_timestamp(warning), "{warning}");
    assert!(
        warning.contains(" WARN loa::systemd::notify: "),
        "{warning}"
    );
    assert!(!text.contains('\u{1b}'), "colour codes: {text:?}");
}
