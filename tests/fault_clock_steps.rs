//! Clock steps (NTP, a technician setting the time) of ±1 minute, ±1 hour
//! and ±1 day around a slot's start, on the simulated clock with the
//! bundled station: 20 s before the 05:30 start, at its pre-roll (2 s
//! before, while the output is being prepared), and right after its airing.
//!
//! Whatever the step: no scheduled airing starts twice; every instant up to
//! the end of the run is handled once (aired or missed); the only misses
//! are the instants a forward step jumped past their grace, each with
//! reason `clock_step`; an instant a step landed inside the grace of airs
//! late, ending by its start + `max`.

#[path = "support/fault/mod.rs"]
mod fault_support;

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use fault_support::*;
use loa::airlog::Record;
use loa::clock::{Clock, SimulatedClock};
use loa::plan::Plan;
use loa::schedule::airings_between;

/// The repository's station, copied so its log and key go to a temp dir.
fn bundled_station() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = copy_bundled_station(dir.path());
    (dir, config)
}

/// Monday 30 November 2026, 05:30 in Ho Chi Minh City: "sang" starts.
fn monday_0530() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 22, 30, 0)
        .single()
        .expect("date")
}

/// What a run with one step did.
struct Stepped {
    plan: Plan,
    records: Vec<Record>,
    before: DateTime<Utc>,
    after: DateTime<Utc>,
    end: DateTime<Utc>,
    _dir: tempfile::TempDir,
}

/// Runs the bundled station from Monday 00:00 local to Wednesday 00:00,
/// stepping the clock by `delta` once it reads `step_at`.
fn run_with_step(step_at: DateTime<Utc>, delta: chrono::Duration) -> Stepped {
    let (dir, config) = bundled_station();
    let plan = loa::commands::station::load_station(&config)
        .plan
        .expect("the bundled station is valid");
    let start = monday_0530() - chrono::Duration::minutes(330);
    let end = start + chrono::Duration::days(2);
    let clock = SimulatedClock::new(start).with_max_sleep(Duration::from_secs(10));
    let (before, after) = run_simulated(&plan, &clock, |shutdown| {
        let clock = clock.clone();
        async move {
            while clock.now() < step_at {
                tokio::task::yield_now().await;
            }
            let before = clock.now();
            clock.step(delta);
            let after = clock.now();
            while clock.now() < end {
                tokio::task::yield_now().await;
            }
            shutdown.trigger();
            (before, after)
        }
    });
    let log_dir = dir.path().join("var/airlog");
    let verdict = verify(&log_dir);
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    let (records, errors) = read_log(&log_dir);
    assert!(errors.is_empty(), "{errors:?}");
    Stepped {
        plan,
        records,
        before,
        after,
        end,
        _dir: dir,
    }
}

/// Checks one stepped run; returns (aired, missed, aired late).
fn check(run: &Stepped, label: &str) -> (usize, usize, usize) {
    let audit = audit(&run.records);
    let start = monday_0530() - chrono::Duration::minutes(330);
    // Every instant from the start to an hour before the end.
    let expected = airings_between(&run.plan, start, run.end - chrono::Duration::hours(1));
    let mut late = 0;
    for due in &expected {
        let slot = &run.plan.slots[due.slot];
        let key = (slot.name.clone(), due.instant);
        let grace = chrono::Duration::from_std(slot.grace).expect("grace");
        let jumped_over = run.before < due.instant && due.instant + grace < run.after;
        match audit.handled.get(&key) {
            Some(&"missed") => {
                assert!(
                    jumped_over,
                    "{label}: {key:?} missed, but no step jumped it"
                );
            }
            Some(_) => {
                assert!(!jumped_over, "{label}: {key:?} aired, though jumped over");
                let end = &audit.endings[&key];
                let aired: u64 = end.segments.iter().map(|s| s.aired_ms).sum();
                let max = slot.max.as_millis() as i64;
                assert!(
                    end.late_ms + aired as i64 <= max + 1,
                    "{label}: {key:?} ran past start + max: late {} ms, aired {aired} ms",
                    end.late_ms
                );
                if end.late_ms > 0 {
                    late += 1;
                }
            }
            None => panic!("{label}: {key:?} neither aired nor missed"),
        }
    }
    for missed in &audit.missed_records {
        assert_eq!(
            reason_name(&missed.reason),
            "clock_step",
            "{label}: {missed:?}"
        );
    }
    (audit.started, audit.missed_records.len(), late)
}

#[test]
fn clock_steps_around_a_slot_start_never_air_twice_and_record_misses_as_clock_steps() {
    let deltas = [
        ("+1m", chrono::Duration::minutes(1)),
        ("-1m", chrono::Duration::minutes(-1)),
        ("+1h", chrono::Duration::hours(1)),
        ("-1h", chrono::Duration::hours(-1)),
        ("+1d", chrono::Duration::days(1)),
        ("-1d", chrono::Duration::days(-1)),
    ];
    let positions = [
        ("20 s before", chrono::Duration::seconds(-20)),
        ("at pre-roll", chrono::Duration::seconds(-2)),
        ("right after the airing of", chrono::Duration::seconds(1)),
    ];
    for (name, delta) in deltas {
        for (position, offset) in positions {
            let label = format!("step {name} {position} sang's 05:30 start");
            let run = run_with_step(monday_0530() + offset, delta);
            let (aired, missed, late) = check(&run, &label);
            println!(
                "fault_clock_steps: {label} (clock {} -> {}): {aired} aired, {late} of them \
                 late, {missed} missed as clock_step, none twice",
                run.before.format("%H:%M:%S"),
                run.after.format("%d %H:%M:%S"),
            );
        }
    }
}

/// Regression: the clock stepped forward past the grace while the output
/// was being prepared (the 2 s pre-roll). The daemon wrote an
/// `airing_start` an hour late and an `airing_end` "failed: nothing
/// aired", instead of a miss with reason `clock_step`.
#[test]
fn regression_step_past_grace_during_pre_roll_is_a_clock_step_miss_not_an_empty_airing() {
    let run = run_with_step(
        monday_0530() - chrono::Duration::seconds(2),
        chrono::Duration::hours(1),
    );
    let audit = audit(&run.records);
    let key = ("sang".to_string(), monday_0530());
    assert_eq!(
        audit.handled.get(&key),
        Some(&"missed"),
        "{:?}",
        audit.endings.get(&key)
    );
    let missed = audit
        .missed_records
        .iter()
        .find(|m| m.scheduled == monday_0530());
    assert_eq!(
        missed.map(|m| reason_name(&m.reason)).as_deref(),
        Some("clock_step")
    );
}

/// Steps the clock forward by a day as the first airing ends, before its
/// end is read: what an NTP step during an airing's last moments does.
struct StepsAtTheEndOfTheFirstAiring {
    inner: loa::playout::simulated::SimulatedPlayer,
    clock: SimulatedClock,
    stepped: bool,
}

impl loa::playout::player::Player for StepsAtTheEndOfTheFirstAiring {
    fn prepare(&mut self, airing: &loa::selection::ReadyAiring) {
        self.inner.prepare(airing);
    }

    fn play(
        &mut self,
        airing: &loa::selection::ReadyAiring,
        start_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        stop: &loa::shutdown::Shutdown,
    ) -> loa::playout::report::AiringReport {
        let mut report = self.inner.play(airing, start_at, deadline, stop);
        if !self.stepped {
            self.stepped = true;
            self.clock.step(chrono::Duration::days(1));
            report.ended = self.clock.now();
        }
        report
    }
}

/// Regression (seen once in CI under load): the clock stepped +1 day just
/// as the 05:30 airing ended, and the airings of the skipped day were
/// recorded `too_late` (as if that airing had kept the daemon busy all
/// day) instead of `clock_step`.
#[test]
fn regression_a_step_as_an_airing_ends_is_a_clock_step_not_a_long_airing() {
    let (dir, config) = bundled_station();
    let plan = loa::commands::station::load_station(&config)
        .plan
        .expect("the bundled station is valid");
    let start = monday_0530() - chrono::Duration::minutes(1);
    let clock = SimulatedClock::new(start).with_max_sleep(Duration::from_secs(10));
    let player = Box::new(StepsAtTheEndOfTheFirstAiring {
        inner: loa::playout::simulated::SimulatedPlayer::new(clock.clone()),
        clock: clock.clone(),
        stepped: false,
    });
    let stop_after = start + chrono::Duration::days(1) + chrono::Duration::hours(1);
    simulated_support::run_player_until(&plan, &clock, player, stop_after);
    let (records, errors) = read_log(&dir.path().join("var/airlog"));
    assert!(errors.is_empty(), "{errors:?}");
    let audit = audit(&records);
    assert!(!audit.missed_records.is_empty(), "the step skipped airings");
    for missed in &audit.missed_records {
        assert_eq!(reason_name(&missed.reason), "clock_step", "{missed:?}");
    }
}
