//! Crash injection: a writer process is killed with SIGKILL at random
//! moments, over and over. After every kill, recovery must leave a log that
//! verifies and that holds every record the writer acknowledged (printed
//! after its `fdatasync`) before it died.
//!
//! The writer is this test binary itself, re-run with `LOA_CRASH_DIR` set
//! (see `crash_child`). `LOA_CRASH_RUNS` sets the number of kills (100 by
//! default; `scripts/test-airlog-crash` runs more).

#[path = "support/airlog/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use loa::airlog::{AirLog, read_records};

/// The writer: appends airings until killed, printing `ACK seq hash` for
/// each record once it is durable. Does nothing in a normal test run.
#[test]
fn crash_child() {
    let Ok(dir) = std::env::var("LOA_CRASH_DIR") else {
        return;
    };
    let run: i64 = std::env::var("LOA_CRASH_RUN")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    // Each run's clock starts 12 hours after the previous one's, so the
    // log crosses month files along the way.
    let start = t0() + chrono::Duration::hours(12 * run);
    let Ok((mut log, report)) = AirLog::open(Path::new(&dir), STATION, key(1), start) else {
        return;
    };
    let mut stdout = std::io::stdout().lock();
    let mut ack = |seq: u64, hash: loa::airlog::Sha256Hash| {
        let _ = writeln!(stdout, "ACK {seq} {hash}");
    };
    ack(report.daemon_start.seq, report.daemon_start.hash);
    for n in 0.. {
        let at = start + chrono::Duration::seconds(n);
        let (begin, end) = airing("sang", at, 1);
        for kind in [begin, end] {
            if let Ok(appended) = log.append(at, kind)
                && appended.durable
            {
                ack(appended.seq, appended.hash);
            }
        }
    }
}

/// A small, seedable generator for kill delays.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

#[test]
fn killed_writers_lose_no_acknowledged_record() {
    let runs: i64 = std::env::var("LOA_CRASH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let mut random = XorShift(0x5eed_1a0a_2021_0301);
    let mut acknowledged: BTreeMap<u64, String> = BTreeMap::new();
    for run in 0..runs {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env("LOA_CRASH_DIR", dir.path())
            .env("LOA_CRASH_RUN", run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (acks, received) = std::sync::mpsc::channel::<(u64, String)>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("ACK ")
                    && let Some((seq, hash)) = rest.split_once(' ')
                    && hash.len() == 64
                {
                    let _ = acks.send((seq.parse::<u64>().unwrap(), hash.to_string()));
                }
            }
        });
        // Half the kills land anywhere from start-up (recovery included)
        // on; the other half while records are being appended.
        if run % 2 == 1
            && let Ok((seq, hash)) = received.recv_timeout(Duration::from_secs(10))
        {
            acknowledged.insert(seq, hash);
        }
        std::thread::sleep(Duration::from_micros(random.next(30_000)));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        acknowledged.extend(received.try_iter());
        check_after_recovery(dir.path(), run, &acknowledged);
    }
    println!(
        "{runs} kills, {} acknowledged records, {} month files",
        acknowledged.len(),
        parts(dir.path()).len()
    );
    assert!(
        acknowledged.len() as i64 > runs,
        "the writer acknowledged too few records ({}) for the test to mean much",
        acknowledged.len()
    );
}

/// Recovers as the daemon would on its next start, then checks the log.
fn check_after_recovery(dir: &Path, run: i64, acknowledged: &BTreeMap<u64, String>) {
    let at = t0() + chrono::Duration::hours(12 * run + 11);
    let (log, _) = AirLog::open(dir, STATION, key(1), at).unwrap();
    drop(log);
    let verdict = verify_dir(dir);
    assert!(verdict.is_ok(), "run {run}: {:?}", verdict.problems);
    let in_log: BTreeMap<u64, String> = read_records(dir)
        .unwrap()
        .map(|r| r.unwrap())
        .map(|r| (r.seq, r.hash.to_hex()))
        .collect();
    for (seq, hash) in acknowledged {
        assert_eq!(
            in_log.get(seq),
            Some(hash),
            "run {run}: acknowledged record {seq} lost"
        );
    }
}
