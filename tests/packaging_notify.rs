//! `loa run` under systemd's notify protocol (`Type=notify`, `WatchdogSec=`
//! in packaging/loa.service): the real binary talks to a datagram socket
//! standing in for systemd's, as `NOTIFY_SOCKET` names it.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/packaging/mod.rs"]
mod packaging_support;

use std::os::unix::net::UnixDatagram;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::StationDir;
use packaging_support::{local_time_in, quiet_station, station_with_slot_at};

/// The socket systemd would listen on, in the station's folder.
fn notify_socket(station: &StationDir) -> (UnixDatagram, std::path::PathBuf) {
    let path = station.root().join("notify.sock");
    let socket = UnixDatagram::bind(&path).expect("bind the notify socket");
    (socket, path)
}

/// `loa run` as systemd starts it: notify socket and watchdog timeout set.
fn spawn_loa(station: &StationDir, socket: &std::path::Path, watchdog: Duration) -> Child {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["run", "--output", "null", "-c"])
        .arg(station.config())
        .env("NOTIFY_SOCKET", socket)
        .env("WATCHDOG_USEC", watchdog.as_micros().to_string())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(station.root().join("loa.err")).expect("log file"))
        .spawn()
        .expect("spawn loa run")
}

/// Every datagram received until `until` returns true or `limit` passes,
/// with when it came.
fn receive(
    socket: &UnixDatagram,
    limit: Duration,
    mut until: impl FnMut(&str) -> bool,
) -> Vec<(Instant, String)> {
    let started = Instant::now();
    let mut messages = Vec::new();
    let mut buffer = [0u8; 4096];
    while started.elapsed() < limit {
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        if let Ok(length) = socket.recv(&mut buffer) {
            let message = String::from_utf8_lossy(&buffer[..length]).into_owned();
            let done = until(&message);
            messages.push((Instant::now(), message));
            if done {
                break;
            }
        }
    }
    messages
}

fn stop(mut child: Child) {
    // SAFETY: kill(2) on the child this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().expect("wait for loa run");
    assert!(status.success(), "loa run exited with {status}");
}

fn is_watchdog(message: &str) -> bool {
    message.lines().any(|line| line == "WATCHDOG=1")
}

fn status_of(message: &str) -> Option<&str> {
    message
        .lines()
        .find_map(|line| line.strip_prefix("STATUS="))
}

#[test]
fn ready_comes_first_with_the_next_airing_then_watchdog_pings() {
    let (station, at) = quiet_station();
    let (socket, path) = notify_socket(&station);
    let child = spawn_loa(&station, &path, Duration::from_millis(400));

    let first = receive(&socket, Duration::from_secs(30), |_| true);
    let pings = receive(&socket, Duration::from_millis(1500), |_| false);
    stop(child);

    let (_, first) = first.first().expect("a message from loa run");
    assert!(first.lines().any(|l| l == "READY=1"), "first: {first:?}");
    let status = status_of(first).expect("STATUS with READY");
    assert!(
        status.starts_with("next airing: sang at ") && status.ends_with(&format!(" {at} +07")),
        "{status}"
    );
    // Every 200 ms (half the timeout) for 1.5 s.
    let pinged = pings.iter().filter(|(_, m)| is_watchdog(m)).count();
    assert!(pinged >= 4, "{pinged} pings: {pings:?}");
}

#[test]
fn watchdog_pings_go_on_while_an_airing_plays_and_status_follows_it() {
    let station = station_with_slot_at(&local_time_in(chrono::Duration::seconds(5)));
    let (socket, path) = notify_socket(&station);
    let child = spawn_loa(&station, &path, Duration::from_millis(400));

    // From READY until the status turns to the next day's airing.
    let mut aired = false;
    let messages = receive(&socket, Duration::from_secs(40), |message| {
        let status = status_of(message).unwrap_or_default();
        aired |= status.starts_with("airing: sang");
        aired && status.starts_with("next airing: sang")
    });
    stop(child);

    let statuses: Vec<&str> = messages.iter().filter_map(|(_, m)| status_of(m)).collect();
    assert_eq!(statuses.len(), 3, "{statuses:?}");
    assert!(statuses[0].starts_with("next airing: sang"), "{statuses:?}");
    assert!(statuses[1].starts_with("airing: sang, scheduled "));
    assert!(statuses[2].starts_with("next airing: sang"), "{statuses:?}");
    // The airing lasts about 6 s: pings every 200 ms all through it.
    let on_air = messages
        .iter()
        .skip_while(|(_, m)| !status_of(m).is_some_and(|s| s.starts_with("airing:")))
        .take_while(|(_, m)| !status_of(m).is_some_and(|s| s.starts_with("next airing:")))
        .filter(|(_, m)| is_watchdog(m))
        .map(|(at, _)| *at)
        .collect::<Vec<_>>();
    assert!(on_air.len() >= 20, "{} pings while on air", on_air.len());
    let longest_gap = on_air.windows(2).map(|w| w[1] - w[0]).max();
    assert!(
        longest_gap.is_some_and(|gap| gap < Duration::from_millis(400)),
        "a gap between pings reached the watchdog timeout: {longest_gap:?}"
    );
}

#[test]
fn a_child_process_that_is_not_the_watched_pid_sends_no_pings() {
    // systemd sets WATCHDOG_PID to the main process; the device process
    // inherits the variables but must not ping on the daemon's behalf.
    let (station, _) = quiet_station();
    let (socket, path) = notify_socket(&station);
    let child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["run", "--output", "null", "-c"])
        .arg(station.config())
        .env("NOTIFY_SOCKET", &path)
        .env("WATCHDOG_USEC", "400000")
        .env("WATCHDOG_PID", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn loa run");
    let first = receive(&socket, Duration::from_secs(30), |_| true);
    let rest = receive(&socket, Duration::from_millis(1000), |_| false);
    stop(child);
    assert!(first.first().is_some_and(|(_, m)| m.contains("READY=1")));
    assert!(
        !rest.iter().any(|(_, m)| is_watchdog(m)),
        "pings without being the watched process: {rest:?}"
    );
}
