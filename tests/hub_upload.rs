//! End to end: a real station daemon (`loa run`) uploads its signed log to a
//! real `loa hub` over loopback HTTPS. Both sides were built against the
//! protocol alone (`src/hub/protocol.rs`); here they meet. The hub's store
//! ends up byte for byte the station's log, `loa verify` accepts it under
//! the key the province registered, `loa status` says how far the hub
//! holds the log, and a hub killed and restarted gives the same head.

mod common;
mod hub_support;
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

/// Puts the station's key where its config says, private as `loa` requires.
fn install_key(from: &Path, to: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(to.parent().expect("var")).expect("mkdir var");
    std::fs::copy(from, to).expect("copy the key");
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600)).expect("chmod 600");
}
