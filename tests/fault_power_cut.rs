//! A power cut at every byte offset of the log's last record: the file is
//! cut there (the write never finished), or its tail from there is NULs
//! (the file's length reached the disk, its data did not: what ext4 shows
//! after a cut with delayed allocation). Recovery, as the daemon's next
//! start runs it, must leave a log that verifies, keep every record before
//! the cut one, and write a `daemon_start` whose `torn_tail` accounts for
//! exactly the bytes removed (offset, length, SHA-256, and a quarantine copy
//! holding them).
//!
//! `LOA_POWER_CUT_STRIDE` tests every Nth offset in the middle of the record
//! (default 10; the 16 offsets at each end are always tested);
//! `scripts/test-fault-power-cut` sets 1.

#[path = "support/airlog/mod.rs"]
mod common;
#[path = "support/fault/mod.rs"]
mod fault_support;

use std::path::Path;

use common::*;
use fault_support::env_number;
use loa::airlog::record::{PreviousRun, RecordKind, TornTail};
use loa::airlog::{AirLog, Sha256Hash, read_records};

/// A log as a daemon leaves it mid-run: no `daemon_stop`, and the last
/// record a long `airing_end` (three segments).
fn log_before_the_cut(dir: &Path) -> Vec<u8> {
    let (mut log, _) = AirLog::open(dir, STATION, key(1), t0()).unwrap();
    log.append(t0(), config_applied()).unwrap();
    let (start, end) = airing("sang", t0() + minutes(1), 3);
    log.append(t0() + minutes(1), start).unwrap();
    log.append(t0() + minutes(16), end).unwrap();
    drop(log);
    std::fs::read(&parts(dir)[0]).unwrap()
}

#[derive(Debug, Clone, Copy)]
enum Cut {
    /// The file ends `k` bytes into the last record.
    Truncated,
    /// From `k` bytes into the last record to its end, NULs.
    NulFilled,
}

/// What recovery must report for a cut leaving `kept` bytes of a record
/// that spans `record` in `bytes` (whose own `\n` ends it).
fn expected_removal(bytes: &[u8], record_start: usize, kept: usize, cut: Cut) -> Option<Vec<u8>> {
    let record_len = bytes.len() - record_start;
    let removed = match cut {
        Cut::Truncated => bytes[record_start..record_start + kept].to_vec(),
        Cut::NulFilled => {
            let mut tail = bytes[record_start..record_start + kept].to_vec();
            tail.resize(record_len, 0);
            tail
        }
    };
    // The whole record, newline included, is not a cut: nothing removed.
    (kept < record_len && !removed.is_empty()).then_some(removed)
}

fn check_one(bytes: &[u8], record_start: usize, kept: usize, cut: Cut, good: &[(u64, Sha256Hash)]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("air-2021-03.jsonl");
    let mut damaged = bytes[..record_start + kept].to_vec();
    if let Cut::NulFilled = cut {
        damaged.resize(bytes.len(), 0);
    }
    std::fs::write(&file, &damaged).unwrap();
    let context = format!("{cut:?} {kept} bytes into the last record");

    let (log, report) = AirLog::open(dir.path(), STATION, key(1), t0() + minutes(30))
        .unwrap_or_else(|e| panic!("{context}: recovery failed: {e}"));
    drop(log);
    assert_eq!(report.previous_run, PreviousRun::Crashed, "{context}");
    assert!(report.broken_file.is_none(), "{context}: {report:?}");
    match (
        expected_removal(bytes, record_start, kept, cut),
        &report.torn_tail,
    ) {
        (None, None) => {}
        (Some(removed), Some(torn)) => {
            check_torn(dir.path(), torn, record_start, &removed, &context)
        }
        (expected, found) => panic!("{context}: expected removal {expected:?}, found {found:?}"),
    }

    let verdict = verify_dir(dir.path());
    assert!(verdict.is_ok(), "{context}: {:?}", verdict.problems);
    let records: Vec<_> = read_records(dir.path())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (seq, hash) in good {
        assert_eq!(
            records[*seq as usize].hash, *hash,
            "{context}: record {seq} lost"
        );
    }
    let last = records.last().unwrap();
    let RecordKind::DaemonStart(start) = &last.kind else {
        panic!("{context}: recovery ends with {:?}", last.kind);
    };
    assert_eq!(
        start.torn_tail, report.torn_tail,
        "{context}: the record says it"
    );
}

fn check_torn(dir: &Path, torn: &TornTail, offset: usize, removed: &[u8], context: &str) {
    assert_eq!(torn.offset, offset as u64, "{context}");
    assert_eq!(torn.length, removed.len() as u64, "{context}");
    assert_eq!(torn.sha256, Sha256Hash::of_bytes(removed), "{context}");
    let copy = torn.quarantine.as_ref().expect("quarantine copy");
    assert_eq!(std::fs::read(dir.join(copy)).unwrap(), removed, "{context}");
}

/// Offsets to test: all near the ends, every `stride`-th in between.
fn offsets(record_len: usize, stride: usize) -> Vec<usize> {
    (0..=record_len)
        .filter(|k| *k < 16 || record_len - k < 16 || k % stride.max(1) == 0)
        .collect()
}

#[test]
fn a_power_cut_at_any_byte_of_the_last_record_is_recovered_and_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = log_before_the_cut(dir.path());
    let records: Vec<_> = read_records(dir.path())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let good: Vec<(u64, Sha256Hash)> = records[..records.len() - 1]
        .iter()
        .map(|r| (r.seq, r.hash))
        .collect();
    let record_start = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let record_len = bytes.len() - record_start;
    let stride = env_number("LOA_POWER_CUT_STRIDE", 10) as usize;
    let started = std::time::Instant::now();
    let mut cases = 0;
    for kept in offsets(record_len, stride) {
        for cut in [Cut::Truncated, Cut::NulFilled] {
            check_one(&bytes, record_start, kept, cut, &good);
            cases += 1;
        }
    }
    println!(
        "fault_power_cut: last record {record_len} bytes, {cases} cuts (truncated and \
         NUL-filled, stride {stride}) in {:.1?}: every one recovered, verified, accounted for",
        started.elapsed()
    );
}

/// A block of NULs after a complete last record (the file grew, its data
/// never came): removed and accounted for, the record before kept.
#[test]
fn nul_blocks_after_the_last_record_are_removed_and_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = log_before_the_cut(dir.path());
    let good_len = bytes.len();
    bytes.resize(good_len + 4096, 0);
    std::fs::write(&parts(dir.path())[0], &bytes).unwrap();
    let (log, report) = AirLog::open(dir.path(), STATION, key(1), t0() + minutes(30)).unwrap();
    drop(log);
    let torn = report.torn_tail.expect("NULs removed");
    check_torn(dir.path(), &torn, good_len, &[0; 4096], "4 KiB of NULs");
    assert!(verify_dir(dir.path()).is_ok());
    let ends = read_records(dir.path())
        .unwrap()
        .filter(|r| matches!(r.as_ref().unwrap().kind, RecordKind::AiringEnd(_)))
        .count();
    assert_eq!(ends, 1, "the complete record before the NULs is kept");
}
