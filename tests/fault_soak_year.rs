//! A simulated year of the bundled station's schedule (the daemon on the
//! simulated clock, the real airing log on disk): it runs to completion,
//! every scheduled airing is handled exactly once, the log verifies, and
//! the process's memory stays flat (resident size sampled every simulated
//! month).
//!
//! Long: ignored by `cargo test`; `scripts/soak-year` runs it.
//! `LOA_SOAK_DAYS` shortens or lengthens it (default 365).

#[path = "support/fault/mod.rs"]
mod fault_support;

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use fault_support::*;
use loa::airlog::RecordKind;
use loa::clock::{Clock, SimulatedClock};
use loa::schedule::airings_between;

/// This process's resident memory, in kB.
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[test]
#[ignore = "long: a simulated year; run scripts/soak-year"]
fn a_simulated_year_of_the_bundled_station_in_constant_memory() {
    let days = env_number("LOA_SOAK_DAYS", 365) as i64;
    let dir = tempfile::tempdir().expect("temp dir");
    let config = copy_bundled_station(dir.path());
    let plan = loa::commands::station::load_station(&config)
        .plan
        .expect("the bundled station is valid");
    // Monday 30 November 2026, 00:00 in Ho Chi Minh City.
    let start: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 11, 29, 17, 0, 0).unwrap();
    let end = start + chrono::Duration::days(days);
    let clock = SimulatedClock::new(start).with_max_sleep(Duration::from_secs(60));
    let started = Instant::now();
    let samples = run_simulated(&plan, &clock, |shutdown| {
        let clock = clock.clone();
        async move {
            let mut samples = vec![rss_kb()];
            let mut next = start + chrono::Duration::days(30);
            while clock.now() < end {
                if clock.now() >= next {
                    samples.push(rss_kb());
                    next += chrono::Duration::days(30);
                }
                tokio::task::yield_now().await;
            }
            shutdown.trigger();
            samples.push(rss_kb());
            samples
        }
    });
    let ran = started.elapsed();

    let log_dir = dir.path().join("var/airlog");
    let verify_started = Instant::now();
    let verdict = verify(&log_dir);
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    let verify_took = verify_started.elapsed();
    let (records, errors) = read_log(&log_dir);
    assert!(errors.is_empty(), "{errors:?}");
    let audit = audit(&records);
    let expected = airings_between(&plan, start, end - chrono::Duration::hours(1));
    for due in &expected {
        let key = (plan.slots[due.slot].name.clone(), due.instant);
        assert!(audit.handled.contains_key(&key), "{key:?} not handled");
    }
    let checkpoints = records
        .iter()
        .filter(|r| matches!(r.kind, RecordKind::Checkpoint(_)))
        .count();
    let log_bytes: u64 = std::fs::read_dir(&log_dir)
        .expect("log dir")
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    // Memory after the first simulated month against the end: the log grew
    // by a year, the process must not have.
    let after_first_month = samples.get(1).copied().unwrap_or(samples[0]);
    let last = *samples.last().unwrap_or(&0);
    let growth = last as i64 - after_first_month as i64;
    println!(
        "fault_soak_year: {days} simulated days in {ran:.1?}: {} scheduled airings, {} started \
         ({} completed), missed {:?}, {checkpoints} checkpoints, {} records, {:.1} MiB of log, \
         verified in {verify_took:.1?}; RSS by month (kB) {samples:?}, growth after month 1: \
         {growth} kB",
        expected.len(),
        audit.started,
        audit.completed,
        audit.missed,
        records.len(),
        log_bytes as f64 / (1024.0 * 1024.0),
    );
    let all = airings_between(&plan, start, end).len();
    assert!(
        (expected.len()..=all).contains(&audit.started),
        "every airing started once: {} of {}",
        audit.started,
        expected.len()
    );
    assert!(
        audit.missed.is_empty(),
        "nothing missed: {:?}",
        audit.missed
    );
    assert!(
        growth < 2048,
        "memory grew {growth} kB over the year: {samples:?}"
    );
}
