//! Disk full: writes fail (for real: the file size limit makes `write`
//! fail with EFBIG, after a short write), the broadcast goes on, records
//! wait in memory, and once writing works again they are written in order
//! with a `write_outage` record. No partial record is ever left in a file.
//!
//! The limit is per process, so the writer runs in a child process: this
//! test binary re-run with `LOA_DISK_FULL_DIR` set.

#[path = "support/airlog/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use loa::airlog::record::RecordKind;
use loa::airlog::{AirLog, AirlogError, read_records};

fn set_file_size_limit(limit: libc::rlim_t) {
    let mut current = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain system calls on valid, owned structs.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_FSIZE, &mut current), 0);
        current.rlim_cur = limit.min(current.rlim_max);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &current), 0);
    }
}

/// The writer under a disk that fills up and frees again.
#[test]
fn disk_full_child() {
    let Ok(dir) = std::env::var("LOA_DISK_FULL_DIR") else {
        return;
    };
    let dir = Path::new(&dir);
    // SAFETY: ignoring a signal has no preconditions.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
    let (mut log, _) = AirLog::open(dir, STATION, key(1), t0()).unwrap();
    log.set_pending_capacity(4);
    let file = parts(dir)[0].clone();
    let good_len = std::fs::metadata(&file).unwrap().len();

    // The disk "fills up" 100 bytes from now: the next write is cut short.
    set_file_size_limit(good_len + 100);
    let mut held = Vec::new();
    for minute in 1..=6 {
        let at = t0() + minutes(minute);
        match log.append(at, missed("sang", at)) {
            Ok(appended) => {
                assert!(!appended.durable);
                held.push(appended.seq);
            }
            Err(AirlogError::QueueFull { capacity }) => assert_eq!(capacity, 4),
            Err(e) => panic!("{e:?}"),
        }
        assert_eq!(
            std::fs::metadata(&file).unwrap().len(),
            good_len,
            "no partial record"
        );
    }
    assert_eq!(held.len(), 4);
    assert_eq!(log.pending(), 4);
    assert!(
        verify_dir(dir).is_ok(),
        "the file stays valid during the outage"
    );

    // Space again: the next append writes the held records first.
    set_file_size_limit(libc::RLIM_INFINITY);
    let after = log.append(t0() + minutes(10), config_applied()).unwrap();
    assert!(after.durable);
    assert_eq!(log.pending(), 0);
    log.stop(t0() + minutes(11)).unwrap();
    println!("HELD {:?}", held);
}

#[test]
fn records_held_during_a_full_disk_are_written_later_with_an_outage_record() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "disk_full_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("LOA_DISK_FULL_DIR", dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("HELD [2, 3, 4, 5]"), "{stdout}");

    let verdict = verify_dir(dir.path());
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    let records: Vec<_> = read_records(dir.path())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let kinds: Vec<&str> = records.iter().map(|r| r.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "genesis",
            "daemon_start",
            "missed",
            "missed",
            "missed",
            "missed",
            "write_outage",
            "config_applied",
            "checkpoint",
            "daemon_stop"
        ]
    );
    let RecordKind::WriteOutage(outage) = &records[6].kind else {
        panic!("no outage record");
    };
    assert_eq!(
        (outage.first_seq, outage.last_seq, outage.dropped),
        (2, 5, 2)
    );
    assert_eq!(outage.since, t0() + minutes(1));
    assert_eq!(outage.until, t0() + minutes(10));
    assert!(
        outage.error.contains("large") || outage.error.contains("short"),
        "{}",
        outage.error
    );
}
