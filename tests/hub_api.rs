//! The stations' API of the real `loa hub` over loopback HTTPS: records
//! arrive and verify with `loa verify`; duplicates are acknowledged once;
//! forks, forgeries, another station's key, gaps, garbage and oversized
//! bodies are refused with nothing written; heartbeats cannot be replayed,
//! not even across a restart; a killed hub comes back with the same view.

#[path = "support/hub/mod.rs"]
mod hub_support;

use chrono::{Duration, Utc};
use hub_support::airlog::{key, rewrite, t0};
use hub_support::*;
use loa::hub::protocol::{Heartbeat, HeartbeatStatus, MAX_BATCH_BYTES, seal_heartbeat};

const A: &str = "soc-trang/my-xuyen/thanh-phu";
const B: &str = "soc-trang/my-xuyen/hoa-tu";

fn two_stations() -> (HubDir, tempfile::TempDir) {
    let hub = HubDir::new(&[(A, &key(1)), (B, &key(2))], "15m");
    let logs = tempfile::tempdir().expect("temp dir");
    station_log(&logs.path().join("a"), A, &key(1), t0(), 6);
    station_log(&logs.path().join("b"), B, &key(2), t0(), 3);
    (hub, logs)
}

fn verify_store(hub: &HubDir) -> std::process::Output {
    let store = hub.store();
    let pubs: Vec<String> = std::fs::read_dir(hub.root().join("stations"))
        .expect("stations")
        .flatten()
        .map(|e| e.path().display().to_string())
        .collect();
    let mut args = vec!["verify".to_string(), store.display().to_string()];
    for pubfile in pubs {
        args.push("--pubkey".into());
        args.push(pubfile);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    loa(&args)
}

#[test]
fn records_arrive_in_batches_and_the_store_verifies_with_loa_verify() {
    let (hub, logs) = two_stations();
    let running = RunningHub::start(&hub);
    let a = log_lines(&logs.path().join("a"));
    let b = log_lines(&logs.path().join("b"));
    for chunk in a.chunks(4) {
        let answer = running.post("/api/v1/records", batch(chunk));
        assert_eq!(answer.status, 200, "{}", answer.text());
    }
    let answer = running.post("/api/v1/records", batch(&b));
    assert_eq!(answer.json()["next_seq"], b.len() as u64);
    let head = running.get(
        &format!("/api/v1/head?station={}", A.replace('/', "%2F")),
        None,
    );
    assert_eq!(head.json()["next_seq"], a.len() as u64);
    let stored = log_lines(&hub.store().join(A));
    assert_eq!(stored, a, "the hub stores the station's exact bytes");
    let verified = verify_store(&hub);
    assert!(
        verified.status.success(),
        "{}{}",
        String::from_utf8_lossy(&verified.stdout),
        String::from_utf8_lossy(&verified.stderr)
    );
}

#[test]
fn a_resent_batch_is_acknowledged_and_stored_once() {
    let (hub, logs) = two_stations();
    let running = RunningHub::start(&hub);
    let a = log_lines(&logs.path().join("a"));
    assert_eq!(running.post("/api/v1/records", batch(&a[..6])).status, 200);
    let before = hub.store_snapshot();
    let again = running.post("/api/v1/records", batch(&a[..6]));
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json()["next_seq"], 6);
    assert_eq!(hub.store_snapshot(), before);
    // Overlapping: the old part acknowledged, the new part appended once.
    let overlap = running.post("/api/v1/records", batch(&a[3..]));
    assert_eq!(overlap.json()["next_seq"], a.len() as u64);
    assert_eq!(log_lines(&hub.store().join(A)), a);
}

#[test]
fn a_fork_is_refused_kept_as_evidence_and_the_store_still_verifies() {
    let (hub, logs) = two_stations();
    let running = RunningHub::start(&hub);
    let a = log_lines(&logs.path().join("a"));
    assert_eq!(running.post("/api/v1/records", batch(&a)).status, 200);
    // The same key writing another history (a restored backup, a clone).
    let other = logs.path().join("a-fork");
    station_log(&other, A, &key(1), t0() + Duration::minutes(1), 2);
    let forked = log_lines(&other);
    let before = hub.store_snapshot();
    let answer = running.post("/api/v1/records", batch(&forked[..3]));
    assert_eq!(answer.status, 409, "{}", answer.text());
    assert_eq!(answer.error(), "fork");
    assert_eq!(answer.json()["line"], 1);
    let stored = log_lines(&hub.store().join(A));
    assert_eq!(stored, a, "the station's log is unchanged");
    let evidence: Vec<_> =
        std::fs::read_dir(hub.store().join("_conflicts").join(A.replace('/', "+")))
            .expect("evidence folder")
            .flatten()
            .collect();
    assert_eq!(evidence.len(), 1);
    assert_eq!(
        std::fs::read(evidence[0].path()).expect("evidence"),
        batch(&forked[..3])
    );
    assert_eq!(hub.store_snapshot().len(), before.len() + 1);
    assert!(
        verify_store(&hub).status.success(),
        "loa verify skips _conflicts"
    );
}

#[test]
fn forged_foreign_gapped_garbage_and_oversized_input_is_refused_with_nothing_written() {
    let (hub, logs) = two_stations();
    let running = RunningHub::start(&hub);
    let a = log_lines(&logs.path().join("a"));
    assert_eq!(running.post("/api/v1/records", batch(&a[..4])).status, 200);
    let before = hub.store_snapshot();

    // An edited record whose hash is recomputed but signature kept.
    let edited = rewrite(&a[4], |body| body.replace("sang", "toi"), None);
    let refused = running.post("/api/v1/records", edited);
    assert_eq!((refused.status, refused.error()), (422, "invalid".into()));

    // A record signed by another station's key.
    let resigned = rewrite(&a[4], |body| body.to_string(), Some(&key(2)));
    let refused = running.post("/api/v1/records", resigned);
    assert_eq!((refused.status, refused.error()), (422, "invalid".into()));

    // A whole log of station A made with station B's key.
    let stolen = logs.path().join("stolen");
    station_log(&stolen, A, &key(2), t0(), 1);
    let fresh = HubDir::new(&[(A, &key(1))], "15m");
    let fresh_hub = RunningHub::start(&fresh);
    let refused = fresh_hub.post("/api/v1/records", batch(&log_lines(&stolen)));
    assert_eq!((refused.status, refused.error()), (422, "invalid".into()));
    assert!(fresh.store_snapshot().is_empty());

    // Records after a hole.
    let gap = running.post("/api/v1/records", batch(&a[6..]));
    assert_eq!((gap.status, gap.error()), (409, "gap".into()));
    assert_eq!(gap.json()["next_seq"], 4);

    // Garbage, a line without its LF, an unregistered station, too much.
    let garbage = running.post("/api/v1/records", b"hello\n".to_vec());
    assert_eq!((garbage.status, garbage.error()), (422, "invalid".into()));
    let unfinished = running.post("/api/v1/records", a[4][..a[4].len() - 1].to_vec());
    assert_eq!(
        (unfinished.status, unfinished.error()),
        (400, "bad_request".into())
    );
    let unknown = logs.path().join("unknown");
    station_log(&unknown, "ca-mau/xa-la", &key(3), t0(), 1);
    let refused = running.post("/api/v1/records", batch(&log_lines(&unknown)));
    assert_eq!(
        (refused.status, refused.error()),
        (404, "unknown_station".into())
    );
    let huge = running.post("/api/v1/records", vec![b'x'; MAX_BATCH_BYTES + 1]);
    assert_eq!((huge.status, huge.error()), (413, "too_large".into()));

    assert_eq!(hub.store_snapshot(), before, "nothing was written");
    assert_eq!(
        running
            .get(
                &format!("/api/v1/head?station={}", A.replace('/', "%2F")),
                None
            )
            .json()["next_seq"],
        4
    );
}

fn heartbeat(station: &str, counter: u64, at: chrono::DateTime<Utc>) -> Heartbeat {
    Heartbeat {
        station: station.into(),
        counter,
        at: loa::airlog::time::format_instant(at),
        status: HeartbeatStatus {
            on_air: Some("sang".into()),
            output: "ok".into(),
            output_detail: None,
            config_errors: 0,
            next_airing: None,
            log_next_seq: 0,
            dead_air_count: 0,
            last_dead_air: None,
        },
    }
}

#[test]
fn heartbeats_are_refused_when_replayed_stale_or_forged_even_after_a_restart() {
    let (hub, _logs) = two_stations();
    let running = RunningHub::start(&hub);
    let now = Utc::now();
    let first = seal_heartbeat(&key(1), &heartbeat(A, 10, now));
    assert_eq!(running.post("/api/v1/heartbeat", first.clone()).status, 200);
    let replay = running.post("/api/v1/heartbeat", first.clone());
    assert_eq!((replay.status, replay.error()), (409, "replayed".into()));
    let older = seal_heartbeat(&key(1), &heartbeat(A, 9, now));
    assert_eq!(running.post("/api/v1/heartbeat", older).error(), "replayed");
    let stale = seal_heartbeat(&key(1), &heartbeat(A, 11, now - Duration::minutes(10)));
    assert_eq!(running.post("/api/v1/heartbeat", stale).status, 422);
    let forged = seal_heartbeat(&key(2), &heartbeat(A, 12, now));
    let refused = running.post("/api/v1/heartbeat", forged);
    assert_eq!((refused.status, refused.error()), (422, "invalid".into()));
    let garbage = running.post("/api/v1/heartbeat", b"{\"body\":1}".to_vec());
    assert_eq!(garbage.error(), "bad_request");
    let huge = running.post("/api/v1/heartbeat", vec![b'{'; 5000]);
    assert_eq!(huge.error(), "too_large");
    running.kill();

    let restarted = RunningHub::start(&hub);
    let replay = restarted.post("/api/v1/heartbeat", first);
    assert_eq!(
        replay.error(),
        "replayed",
        "the counter survived the restart"
    );
    let next = seal_heartbeat(&key(1), &heartbeat(A, 11, now));
    assert_eq!(restarted.post("/api/v1/heartbeat", next).status, 200);
}

#[test]
fn a_killed_hub_restarts_with_the_same_heads_and_takes_the_rest() {
    let (hub, logs) = two_stations();
    let a = log_lines(&logs.path().join("a"));
    let b = log_lines(&logs.path().join("b"));
    let running = RunningHub::start(&hub);
    assert_eq!(running.post("/api/v1/records", batch(&a[..7])).status, 200);
    assert_eq!(running.post("/api/v1/records", batch(&b)).status, 200);
    for (station, signer) in [(A, key(1)), (B, key(2))] {
        let beat = seal_heartbeat(&signer, &heartbeat(station, 1, Utc::now()));
        assert_eq!(running.post("/api/v1/heartbeat", beat).status, 200);
    }
    let cookie = running.officer_cookie();
    let fleet_before = running.get("/", Some(&cookie)).text();
    running.kill();
    // A write cut short by the kill: bytes the hub never acknowledged.
    let newest = hub_support::airlog::parts(&hub.store().join(A))
        .pop()
        .expect("a month file");
    let mut torn = std::fs::read(&newest).expect("read");
    torn.extend_from_slice(&a[7][..40]);
    std::fs::write(&newest, torn).expect("tear");

    let restarted = RunningHub::start(&hub);
    let head_a = restarted.get(
        &format!("/api/v1/head?station={}", A.replace('/', "%2F")),
        None,
    );
    assert_eq!(head_a.json()["next_seq"], 7);
    let head_b = restarted.get(
        &format!("/api/v1/head?station={}", B.replace('/', "%2F")),
        None,
    );
    assert_eq!(head_b.json()["next_seq"], b.len() as u64);
    let cookie = restarted.officer_cookie();
    let fleet_after = restarted.get("/", Some(&cookie)).text();
    assert!(fleet_before.contains("đang phát"), "{fleet_before}");
    assert_eq!(station_cells(&fleet_after), station_cells(&fleet_before));
    assert_eq!(
        restarted.post("/api/v1/records", batch(&a[7..])).status,
        200
    );
    assert_eq!(
        log_lines(&hub.store().join(A)),
        a,
        "nothing lost, nothing twice"
    );
    assert!(hub.store().join(A).join("quarantine").is_dir());
    assert!(verify_store(&hub).status.success());
}

/// The fleet table's rows, without the page's clock line.
fn station_cells(page: &str) -> String {
    let start = page.find("<tbody>").unwrap_or(0);
    let end = page.find("</tbody>").unwrap_or(page.len());
    page[start..end].to_string()
}

#[test]
fn a_station_that_floods_the_hub_is_rate_limited() {
    let (hub, logs) = two_stations();
    let running = RunningHub::start(&hub);
    let a = log_lines(&logs.path().join("a"));
    assert_eq!(running.post("/api/v1/records", batch(&a[..2])).status, 200);
    let statuses: Vec<u16> = (0..200)
        .map(|_| running.post("/api/v1/records", batch(&a[..2])).status)
        .collect();
    assert!(statuses.contains(&429), "{statuses:?}");
    let limited = running.post("/api/v1/records", batch(&a[..2]));
    if limited.status == 429 {
        assert_eq!(limited.error(), "rate_limited");
    }
    // Another station is not slowed by it.
    let b = log_lines(&logs.path().join("b"));
    assert_eq!(running.post("/api/v1/records", batch(&b)).status, 200);
}

#[test]
fn a_store_edited_behind_the_hubs_back_is_shown_and_takes_nothing_more() {
    let (hub, logs) = two_stations();
    let a = log_lines(&logs.path().join("a"));
    let running = RunningHub::start(&hub);
    assert_eq!(running.post("/api/v1/records", batch(&a[..6])).status, 200);
    running.kill();
    let part = hub_support::airlog::parts(&hub.store().join(A))
        .pop()
        .expect("month file");
    let text = std::fs::read_to_string(&part).expect("read");
    std::fs::write(&part, text.replacen("sang", "toi!", 1)).expect("tamper");

    let restarted = RunningHub::start(&hub);
    let refused = restarted.post("/api/v1/records", batch(&a[6..]));
    assert_eq!((refused.status, refused.error()), (422, "invalid".into()));
    let cookie = restarted.officer_cookie();
    let fleet = restarted.get("/", Some(&cookie)).text();
    assert!(fleet.contains("KHÔNG HỢP LỆ"), "{fleet}");
    // The other station is not held up by it.
    let b = log_lines(&logs.path().join("b"));
    assert_eq!(restarted.post("/api/v1/records", batch(&b)).status, 200);
}
