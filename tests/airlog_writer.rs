//! The writer: genesis, daemon start and stop, month files, recovery of
//! torn tails and damaged files, and identity checks.

#[path = "support/airlog/mod.rs"]
mod common;

use chrono::Duration;
use common::*;
use loa::airlog::record::{PreviousRun, RecordKind};
use loa::airlog::verify::ProblemKind;
use loa::airlog::{AirLog, AirlogError, read_records};

#[test]
fn a_new_log_starts_with_genesis_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    small_log(dir.path());
    let records: Vec<_> = read_records(dir.path())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let kinds: Vec<_> = records.iter().map(|r| r.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "genesis",
            "daemon_start",
            "config_applied",
            "airing_start",
            "airing_end",
            "checkpoint",
            "daemon_stop"
        ]
    );
    let verdict = verify_dir(dir.path());
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    assert_eq!(verdict.records, 7);
}

#[test]
fn a_restart_after_a_clean_stop_says_so() {
    let dir = tempfile::tempdir().unwrap();
    small_log(dir.path());
    let (log, report) = AirLog::open(dir.path(), STATION, key(1), t0() + minutes(60)).unwrap();
    assert_eq!(report.previous_run, PreviousRun::CleanStop);
    assert!(!report.created);
    drop(log);
    let (_, report) = AirLog::open(dir.path(), STATION, key(1), t0() + minutes(90)).unwrap();
    assert_eq!(report.previous_run, PreviousRun::Crashed);
    assert!(verify_dir(dir.path()).is_ok());
}

#[test]
fn records_are_chained_across_month_files() {
    let dir = tempfile::tempdir().unwrap();
    log_across_months(dir.path());
    let names: Vec<_> = parts(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["air-2021-03.jsonl", "air-2021-04.jsonl"]);
    let verdict = verify_dir(dir.path());
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
}

#[test]
fn a_clock_stepping_back_never_reopens_an_earlier_month_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut log, _) =
        AirLog::open(dir.path(), STATION, key(1), t0() + Duration::days(40)).unwrap();
    log.append(t0(), config_applied()).unwrap();
    drop(log);
    assert_eq!(parts(dir.path()).len(), 1);
    assert!(verify_dir(dir.path()).is_ok());
}

#[test]
fn the_log_refuses_another_station_or_another_key() {
    let dir = tempfile::tempdir().unwrap();
    small_log(dir.path());
    let other_station = AirLog::open(dir.path(), "can-tho/vinh-hai", key(1), t0());
    assert!(matches!(
        other_station,
        Err(AirlogError::StationMismatch { .. })
    ));
    let other_key = AirLog::open(dir.path(), STATION, key(2), t0());
    assert!(matches!(other_key, Err(AirlogError::KeyMismatch { .. })));
}

#[test]
fn a_second_writer_is_locked_out() {
    let dir = tempfile::tempdir().unwrap();
    let (_log, _) = AirLog::open(dir.path(), STATION, key(1), t0()).unwrap();
    let second = AirLog::open(dir.path(), STATION, key(1), t0());
    assert!(matches!(second, Err(AirlogError::Locked { .. })));
}

#[test]
fn a_torn_tail_is_moved_aside_and_recorded() {
    for torn in [&b"{\"body\":{\"v\":1,\"sta"[..], &[0u8; 300][..]] {
        let dir = tempfile::tempdir().unwrap();
        small_log(dir.path());
        let file = parts(dir.path()).pop().unwrap();
        let good_len = std::fs::metadata(&file).unwrap().len();
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.extend_from_slice(torn);
        std::fs::write(&file, &bytes).unwrap();
        let verdict = verify_dir(dir.path());
        assert!(matches!(
            verdict.problems.as_slice(),
            [p] if matches!(p.kind, ProblemKind::TornTail { .. })
        ));

        let (_, report) = AirLog::open(dir.path(), STATION, key(1), t0() + minutes(60)).unwrap();
        let tail = report.torn_tail.expect("torn tail reported");
        assert_eq!(tail.offset, good_len);
        assert_eq!(tail.length, torn.len() as u64);
        let quarantined = std::fs::read(dir.path().join(tail.quarantine.unwrap())).unwrap();
        assert_eq!(quarantined, torn);
        assert_eq!(report.previous_run, PreviousRun::CleanStop);
        let verdict = verify_dir(dir.path());
        assert!(verdict.is_ok(), "{:?}", verdict.problems);
    }
}

#[test]
fn a_bad_record_followed_by_good_ones_is_left_alone_and_writing_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    small_log(dir.path());
    let file = parts(dir.path()).pop().unwrap();
    let mut lines = lines(&file);
    lines[3] = lines[3].replace_ascii("sang", "SANG");
    write_lines(&file, &lines);
    let damaged = std::fs::read(&file).unwrap();

    let (mut log, report) = AirLog::open(dir.path(), STATION, key(1), t0() + minutes(60)).unwrap();
    let broken = report.broken_file.expect("broken file reported");
    assert_eq!(broken.line, 4);
    log.append(t0() + minutes(61), config_applied()).unwrap();
    drop(log);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        damaged,
        "damaged file untouched"
    );
    assert_eq!(parts(dir.path()).len(), 2);
    let records: Vec<_> = read_records(dir.path()).unwrap().collect();
    let first_new = records.iter().rev().nth(1).unwrap().as_ref().unwrap();
    assert!(matches!(&first_new.kind, RecordKind::DaemonStart(d) if d.broken_file.is_some()));
    // The damage is still reported, and nothing else is.
    let verdict = verify_dir(dir.path());
    assert_eq!(verdict.problems.len(), 1, "{:?}", verdict.problems);
    assert_eq!(verdict.problems[0].line, Some(4));
}

/// §6.3: the writer judges the newest month file only. Damage in an older
/// file (which it never writes to again) does not move it to a new file
/// and is not its `broken_file`; the verifier still reports it.
#[test]
fn damage_in_an_older_month_file_is_not_the_writers_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    log_across_months(dir.path());
    let all = parts(dir.path());
    assert!(all.len() >= 2, "{all:?}");
    let older = &all[0];
    let mut lines = lines(older);
    lines[3] = lines[3].replace_ascii("chieu", "CHIEU");
    write_lines(older, &lines);
    let newest_before = std::fs::read(all.last().unwrap()).unwrap();

    let later = t0() + Duration::days(41);
    let (log, report) = AirLog::open(dir.path(), STATION, key(1), later).unwrap();
    assert!(report.broken_file.is_none(), "{:?}", report.broken_file);
    assert_eq!(report.previous_run, PreviousRun::CleanStop);
    drop(log);
    let now = parts(dir.path());
    assert_eq!(now.len(), all.len(), "no new file: {now:?}");
    let newest_after = std::fs::read(now.last().unwrap()).unwrap();
    assert!(newest_after.starts_with(&newest_before) && newest_after.len() > newest_before.len());
    let verdict = verify_dir(dir.path());
    assert_eq!(verdict.problems.len(), 1, "{:?}", verdict.problems);
    assert!(matches!(verdict.problems[0].kind, ProblemKind::BadLine(_)));
    assert_eq!(verdict.problems[0].line, Some(4));
}

trait ReplaceAscii {
    fn replace_ascii(&self, from: &str, to: &str) -> Vec<u8>;
}

impl ReplaceAscii for Vec<u8> {
    fn replace_ascii(&self, from: &str, to: &str) -> Vec<u8> {
        String::from_utf8(self.clone())
            .unwrap()
            .replacen(from, to, 1)
            .into_bytes()
    }
}
