//! End to end: a real station daemon (`loa run`) uploads its signed log to a
//! real `loa hub` over loopback HTTPS. Both sides were built against the
//! protocol alone (`src/hub/protocol.rs`); here they meet. The hub's store
//! ends up byte for byte the station's log, `loa verify` accepts it under
//! the key the province registered, `loa status` says how far the hub
//! holds the log, and a hub killed and restarted gives the same head.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/hub/mod.rs"]
mod hub_support;
// Both supports load support/airlog (each stands alone in other binaries).
#[allow(clippy::duplicate_mod)]
#[path = "support/upload/mod.rs"]
mod upload_support;

use std::path::Path;
use std::time::{Duration, Instant};

use hub_support::{HubDir, RunningHub};
use loa::airlog::key::{generate_key, load_signing_key};
use upload_support::UploadingStation;
use upload_support::station::STATION_ID;

/// One slot at `at` (HH:MM:SS) airing the two 3-second tones.
fn slot_at(at: &str) -> String {
    format!("[[slot]]\nname = \"thu\"\nat = [\"{at}\"]\nplaylist = \"cchc\"\nmax = \"1m\"\n")
}

/// Waits until the hub's copy of the station's log equals the log itself.
fn wait_until_the_hub_holds_the_log(hub: &HubDir, station: &UploadingStation, limit: Duration) {
    let began = Instant::now();
    let stored = hub.store().join(STATION_ID);
    loop {
        let log = station.log_lines();
        let held = if stored.exists() {
            upload_support::station::log_lines(&stored)
        } else {
            Vec::new()
        };
        if !log.is_empty() && held == log {
            return;
        }
        assert!(
            began.elapsed() < limit,
            "the hub holds {} lines, the station's log {}\n{}",
            held.len(),
            log.len(),
            station.journal()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_station_daemon_uploads_to_the_real_hub_and_the_store_verifies() {
    // The station's key, made first: the province registers its public key.
    let keys = tempfile::tempdir().expect("temp dir");
    let key_file = keys.path().join("station.key");
    generate_key(&key_file).expect("station key");
    let key = load_signing_key(&key_file).expect("read it back");
    let hub_dir = HubDir::new(&[(STATION_ID, &key)], "15m");
    let hub = RunningHub::start(&hub_dir);

    let (_, at) = common::slot_time(Duration::from_secs(5));
    let mut station = UploadingStation::new(&hub.base, &hub_dir.cert_pem, &slot_at(&at));
    install_key(&key_file, &station.dir.root().join("var/station.key"));
    station.start();
    station.wait_for_airings(1, Duration::from_secs(40));
    wait_until_the_hub_holds_the_log(&hub_dir, &station, Duration::from_secs(30));

    let held = station.log_lines().len() as u64;
    station.wait_for_status(Duration::from_secs(10), "acknowledged by the hub", |s| {
        s["upload"]["acknowledged"].as_u64() == Some(held)
    });
    station.stop();
    // The stop record goes up too before the daemon exits, or on its next
    // start: either way the hub never holds what the log does not.
    let stored = upload_support::station::log_lines(&hub_dir.store().join(STATION_ID));
    let log = station.log_lines();
    assert!(stored.len() <= log.len() && log.starts_with(&stored));

    // The store verifies under the registered key, unchanged.
    let pubkey = hub_dir.root().join("stations/0.pub");
    let verified = hub_support::loa(&[
        "verify",
        &hub_dir.store().join(STATION_ID).display().to_string(),
        "--pubkey",
        &pubkey.display().to_string(),
    ]);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );

    // A hub killed and restarted rebuilds the same head from its store.
    let head_before = hub.get(&format!("/api/v1/head?station={STATION_ID}"), None);
    assert_eq!(head_before.status, 200, "{}", head_before.text());
    hub.kill();
    let hub = RunningHub::start(&hub_dir);
    let head_after = hub.get(&format!("/api/v1/head?station={STATION_ID}"), None);
    assert_eq!(head_after.json(), head_before.json());
    assert_eq!(
        head_after.json()["next_seq"].as_u64(),
        Some(stored.len() as u64)
    );
}

/// Regression guard for the two outages a province lives with: the network
/// of a station down for a long time, and the hub killed (power cut,
/// `kill -9`) while a station catches up. The station's log holds 5,000
/// airings (10,000 records, seven month files) the hub never saw, written
/// by the real writer as if the link had been cut all that time; the daemon
/// starts with the hub unreachable, the hub comes up, is killed as soon as
/// part of the backlog is stored, and comes back on the same address.
/// Nothing lost, nothing twice: the store ends byte for byte the log, and
/// it verifies under the registered key with no conflict kept.
#[test]
fn a_long_network_cut_and_a_hub_killed_mid_upload_lose_nothing_and_repeat_nothing() {
    let keys = tempfile::tempdir().expect("temp dir");
    let key_file = keys.path().join("station.key");
    generate_key(&key_file).expect("station key");
    let key = load_signing_key(&key_file).expect("read it back");
    let hub_dir = HubDir::new(&[(STATION_ID, &key)], "15m");
    let address = free_loopback_address();
    hub_dir.listen_on(address);

    // A slot far from now: only the backlog and the daemon's own records.
    let (_, at) = common::slot_time(Duration::from_secs(6 * 3600));
    let mut station = UploadingStation::new(
        &format!("https://{address}"),
        &hub_dir.cert_pem,
        &slot_at(&at),
    );
    install_key(&key_file, &station.dir.root().join("var/station.key"));
    let airings = 5_000;
    let from = chrono::Utc::now() - chrono::Duration::hours(airings + 3);
    hub_support::station_log(&station.log_dir(), STATION_ID, &key, from, airings);

    // The network is down: nothing answers at the hub's address.
    station.start();
    station.wait_for_status(Duration::from_secs(20), "the hub unreachable", |s| {
        s["upload"]["last_error"]["code"] == "unreachable"
    });

    // The hub comes up; killed as soon as it has stored part of the backlog.
    let hub = RunningHub::start(&hub_dir);
    let stored_dir = hub_dir.store().join(STATION_ID);
    let log_len = station.log_lines().len();
    let began = Instant::now();
    let stored_at_kill = loop {
        let stored = if stored_dir.exists() {
            upload_support::station::log_lines(&stored_dir).len()
        } else {
            0
        };
        if stored > 0 {
            hub.kill();
            break stored;
        }
        assert!(
            began.elapsed() < Duration::from_secs(60),
            "the hub stored nothing\n{}",
            station.journal()
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    assert!(
        stored_at_kill < log_len,
        "the hub was killed mid-upload ({stored_at_kill} of {log_len} records stored)"
    );

    // Back on the same address: the station resumes from what it holds.
    let hub = RunningHub::start(&hub_dir);
    wait_until_the_hub_holds_the_log(&hub_dir, &station, Duration::from_secs(90));
    station.stop();
    let stored = upload_support::station::log_lines(&stored_dir);
    let log = station.log_lines();
    assert!(
        log.starts_with(&stored),
        "the store is the log, in order, once"
    );
    assert!(stored.len() >= log_len);
    assert!(
        !hub_dir.store().join("_conflicts").exists()
            || std::fs::read_dir(hub_dir.store().join("_conflicts"))
                .expect("conflicts dir")
                .next()
                .is_none(),
        "no conflict was kept"
    );
    let pubkey = hub_dir.root().join("stations/0.pub");
    let verified = hub_support::loa(&[
        "verify",
        &stored_dir.display().to_string(),
        "--pubkey",
        &pubkey.display().to_string(),
    ]);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
    drop(hub);
}

/// A loopback address no one listens on now.
fn free_loopback_address() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address")
}

/// Puts the station's key where its config says, private as `loa` requires.
fn install_key(from: &Path, to: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(to.parent().expect("var")).expect("mkdir var");
    std::fs::copy(from, to).expect("copy the key");
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600)).expect("chmod 600");
}
