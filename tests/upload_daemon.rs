//! The station's uploader in the real daemon (`loa run`, null output),
//! pushing to a protocol-faithful receiver over real loopback HTTPS: every
//! record arrives once and in order as the exact bytes of its log line,
//! heartbeats arrive signed with growing counters, an outage or a hub
//! that lost its tail costs nothing, and airings stay on time whatever the
//! hub does.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/upload/mod.rs"]
mod upload_support;

use std::time::{Duration, Instant};

use upload_support::station::STATION_ID;
use upload_support::{Receiver, UploadingStation};

/// One slot at `at` (HH:MM:SS) airing the two 3-second tones.
fn slot_at(at: &str) -> String {
    format!("[[slot]]\nname = \"thu\"\nat = [\"{at}\"]\nplaylist = \"cchc\"\nmax = \"1m\"\n")
}

/// Waits until the receiver holds exactly the station's log.
fn wait_until_in_sync(receiver: &Receiver, station: &UploadingStation, limit: Duration) {
    let began = Instant::now();
    loop {
        let log = station.log_lines();
        let (held, refusals) = {
            let store = receiver.store();
            if store.lines == log {
                return;
            }
            (store.lines.len(), store.refusals.clone())
        };
        assert!(
            began.elapsed() < limit,
            "the receiver holds {held} lines, the log {}; refusals {refusals:?}\n{}",
            log.len(),
            station.journal()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The airing ended on time: it started within a second of its instant.
fn assert_on_time(station: &UploadingStation) {
    for end in station.airing_ends() {
        assert!(
            end.late_ms.abs() < 1000,
            "airing {} started {} ms late",
            end.slot,
            end.late_ms
        );
    }
}

#[test]
fn every_record_reaches_the_hub_once_in_order_and_heartbeats_are_signed_with_growing_counters() {
    let receiver = Receiver::start(STATION_ID);
    let (_, at) = common::slot_time(Duration::from_secs(5));
    let mut station = UploadingStation::new(&receiver.url(), &receiver.cert_pem, &slot_at(&at));
    receiver.register(station.generate_key());
    station.start();
    station.wait_for_airings(1, Duration::from_secs(40));
    wait_until_in_sync(&receiver, &station, Duration::from_secs(20));
    assert_on_time(&station);

    // loa status says how far the hub holds the log.
    let held = station.log_lines().len() as u64;
    let status = station.wait_for_status(Duration::from_secs(10), "acknowledged", |s| {
        s["upload"]["acknowledged"].as_u64() == Some(held)
    });
    assert_eq!(
        status["upload"]["hub"]
            .as_str()
            .map(|h| h.trim_end_matches('/')),
        Some(receiver.url().as_str())
    );
    assert!(status["upload"]["last_success"].is_string(), "{status:#}");
    let text = station.status_text();
    let last = held - 1;
    assert!(
        text.contains(&format!(
            "acknowledged: record {last} of the log's {last} (up to date)"
        )),
        "{text}"
    );
    // Vietnamese first: what a technician reads on an installed station.
    let vietnamese = station.status_text_in("vi");
    assert!(
        vietnamese.contains(&format!(
            "  đã nhận: đến bản ghi số {last} / bản ghi mới nhất số {last} (đã đủ)"
        )),
        "{vietnamese}"
    );
    assert!(
        vietnamese.contains("máy chủ tỉnh: https://"),
        "{vietnamese}"
    );

    // The last records of a clean stop go up as the daemon exits.
    station.stop();
    wait_until_in_sync(&receiver, &station, Duration::from_secs(5));

    // A restart: its records follow, and its heartbeat's counter is above
    // the previous run's (the receiver refuses one that is not).
    station.start();
    receiver.wait_for(Duration::from_secs(20), "a second heartbeat", |store| {
        store.heartbeats.len() >= 2
    });
    wait_until_in_sync(&receiver, &station, Duration::from_secs(20));
    station.stop();
    wait_until_in_sync(&receiver, &station, Duration::from_secs(5));

    let store = receiver.store();
    assert_eq!(store.duplicates, 0, "no record was sent twice");
    assert!(store.refusals.is_empty(), "refusals: {:?}", store.refusals);
    let counters: Vec<u64> = store.heartbeats.iter().map(|h| h.counter).collect();
    assert!(counters.windows(2).all(|w| w[0] < w[1]), "{counters:?}");
    let first = &store.heartbeats[0];
    assert_eq!(first.station, STATION_ID);
    assert_eq!(first.status.output, "ok");
    assert_eq!(first.status.config_errors, 0);
    assert!(first.status.log_next_seq >= 3, "{first:?}");
}

#[test]
fn a_hub_down_then_up_and_a_hub_that_lost_its_tail_get_every_record_and_airings_stay_on_time() {
    let mut receiver = Receiver::start(STATION_ID);
    let (_, at) = common::slot_time(Duration::from_secs(10));
    let mut station = UploadingStation::new(&receiver.url(), &receiver.cert_pem, &slot_at(&at));
    receiver.register(station.generate_key());
    station.start();
    receiver.wait_for(Duration::from_secs(20), "the first records", |store| {
        store.lines.len() >= 3
    });

    // The hub goes away while the station airs.
    receiver.stop();
    station.wait_for_airings(1, Duration::from_secs(40));
    assert_on_time(&station);
    let status = station.wait_for_status(Duration::from_secs(20), "the failure", |s| {
        s["upload"]["last_error"]["code"] == "unreachable"
    });
    let acknowledged = status["upload"]["acknowledged"]
        .as_u64()
        .expect("acknowledged");
    assert!(
        acknowledged < station.log_lines().len() as u64,
        "the airing's records are not acknowledged yet: {status:#}"
    );
    assert!(
        station.status_text().contains("FAILING"),
        "{}",
        station.status_text()
    );

    // It comes back: the backlog goes up, nothing twice.
    receiver.resume();
    wait_until_in_sync(&receiver, &station, Duration::from_secs(60));
    assert_eq!(receiver.store().duplicates, 0);

    // The hub is restored from an old backup: it holds only two records.
    // The next record meets a gap; the uploader asks where the hub stands
    // and sends the rest again.
    receiver.lose_tail(2);
    let config = station.dir.config();
    let edited = std::fs::read_to_string(&config).expect("config") + "# edited\n";
    std::fs::write(&config, edited).expect("edit");
    wait_until_in_sync(&receiver, &station, Duration::from_secs(30));
    let refusals = receiver.store().refusals.clone();
    assert!(refusals.iter().any(|code| code == "gap"), "{refusals:?}");
    assert_eq!(receiver.store().duplicates, 0);
    station.stop();
    assert_on_time(&station);
}

#[test]
fn a_hub_that_never_answers_delays_neither_an_airing_nor_the_daemons_exit() {
    // Accepts connections and says nothing: TLS handshakes hang.
    let black_hole = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = black_hole.local_addr().expect("addr");
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        for stream in black_hole.incoming().take(20).flatten() {
            open.push(stream);
        }
    });
    let receiver_cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()])
        .expect("certificate")
        .cert
        .pem();
    let (_, at) = common::slot_time(Duration::from_secs(5));
    let mut station =
        UploadingStation::new(&format!("https://{address}"), &receiver_cert, &slot_at(&at));
    station.start();
    station.wait_for_airings(1, Duration::from_secs(40));
    assert_on_time(&station);
    let stopped_in = station.stop();
    assert!(
        stopped_in < Duration::from_secs(8),
        "the daemon took {stopped_in:?} to stop"
    );
    drop(held);
}

#[test]
fn a_hub_that_refuses_the_records_is_shown_in_status_and_airings_go_on() {
    let receiver = Receiver::start(STATION_ID);
    let (_, at) = common::slot_time(Duration::from_secs(6));
    let mut station = UploadingStation::new(&receiver.url(), &receiver.cert_pem, &slot_at(&at));
    station.generate_key();
    // The province registered another key for this station.
    receiver.register(ed25519_dalek::SigningKey::from_bytes(&[9; 32]).verifying_key());
    station.start();
    let status = station.wait_for_status(Duration::from_secs(20), "the refusal", |s| {
        s["upload"]["last_error"]["code"] == "invalid"
    });
    assert_eq!(status["upload"]["acknowledged"], 0, "{status:#}");
    let text = station.status_text();
    assert!(text.contains("FAILING"), "{text}");
    assert!(
        text.contains("does not verify under the key the hub has"),
        "{text}"
    );
    station.wait_for_airings(1, Duration::from_secs(40));
    assert_on_time(&station);
    assert!(receiver.store().lines.is_empty(), "nothing is stored");
    station.stop();
}

/// Context switches so far of the thread named `name` in process `pid`.
fn thread_switches(pid: u32, name: &str) -> Option<u64> {
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .ok()?
        .flatten()
    {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() != name {
            continue;
        }
        let status = std::fs::read_to_string(task.path().join("status")).ok()?;
        return Some(
            status
                .lines()
                .filter(|line| line.contains("ctxt_switches"))
                .filter_map(|line| line.split_whitespace().last()?.parse::<u64>().ok())
                .sum(),
        );
    }
    None
}

#[test]
fn without_upload_the_upload_thread_sleeps_while_the_station_is_idle() {
    // Regression: a 30-second fallback timer woke the thread of every
    // station, uploading or not.
    let (_, at) = common::slot_time(Duration::from_secs(6 * 3600));
    let mut station = UploadingStation::without_upload(&slot_at(&at));
    station.start();
    station.wait_for_status(Duration::from_secs(20), "the daemon", |s| {
        s["station"] == STATION_ID
    });
    std::thread::sleep(Duration::from_secs(2));
    let before = thread_switches(station.pid(), "loa-upload").expect("the upload thread");
    std::thread::sleep(Duration::from_secs(35));
    let after = thread_switches(station.pid(), "loa-upload").expect("the upload thread");
    assert_eq!(after, before, "the idle upload thread woke up");
    station.stop();
}
