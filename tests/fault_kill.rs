//! kill -9 of the real daemon (`loa run` on the null output) at random
//! moments, then a restart, over and over: during start-up and recovery,
//! during an airing, right as a record is being appended, during a reload,
//! and anywhere. The station airs every 5 seconds with a 1-second grace, so
//! a restart after an instant's window records a miss.
//!
//! After every kill: every record acknowledged before it (read back from
//! the log, and the head `loa status` reported) is still there. After every
//! restart: its `daemon_start` says the previous run crashed and accounts
//! for any torn tail. At the end (a clean stop): the log verifies, no
//! scheduled airing started twice or was both started and missed, every
//! start has one end, each airing a kill cut short is closed as
//! interrupted, every instant while the daemon ran was handled, and every
//! miss while it was down has reason `daemon_down` (one while it ran can
//! only be `too_late`: a machine too loaded to prepare within the grace).
//!
//! `LOA_FAULT_KILL_RUNS` sets the number of kills (10 by default, under a
//! minute; `scripts/test-fault-kill` runs 200), `LOA_FAULT_SEED` the seed.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/fault/mod.rs"]
mod fault_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use common::StationDir;
use fault_support::*;
use loa::airlog::record::{PreviousRun, RecordKind};
use loa::airlog::{Record, Sha256Hash};

fn playlist(title: &str) -> String {
    format!(
        "title = \"{title}\"\n\n[[segment]]\nfile = \"cchc/01.wav\"\ntopic = 1\n\n\
         [[segment]]\nfile = \"cchc/02.wav\"\ntopic = 2\n"
    )
}

/// Where in the daemon's life a run's kill aims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Moment {
    /// 0–400 ms after spawning: loading, key, recovery, first records.
    StartUp,
    /// Anywhere, 0–5 s after it is up.
    Anywhere,
    /// 0–2.5 s after an `airing_start`.
    Airing,
    /// The instant the log file grows: a record being written and synced.
    Append,
    /// 0–1.2 s after a config edit or SIGHUP.
    Reload,
}

const MOMENTS: [Moment; 5] = [
    Moment::StartUp,
    Moment::Anywhere,
    Moment::Airing,
    Moment::Append,
    Moment::Reload,
];

struct Harness {
    station: StationDir,
    random: XorShift,
    /// Every record seen before a kill: it must survive.
    acknowledged: BTreeMap<u64, Sha256Hash>,
    /// Airings open (started, not ended) when a kill landed.
    cut_short: BTreeSet<AiringKey>,
    /// When each kill landed and when the next run wrote `daemon_start`.
    down: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    kills: BTreeMap<Moment, usize>,
    torn_tails: usize,
    edits: usize,
}

impl Harness {
    fn new(seed: u64) -> Self {
        let station = StationDir::with(
            &often_station("test/fault-kill"),
            &playlist("Cải cách hành chính"),
        );
        station.tone("playlists/cchc/01.wav", 1.5, 440.0);
        station.tone("playlists/cchc/02.wav", 1.0, 660.0);
        Self {
            station,
            random: XorShift(seed),
            acknowledged: BTreeMap::new(),
            cut_short: BTreeSet::new(),
            down: Vec::new(),
            kills: BTreeMap::new(),
            torn_tails: 0,
            edits: 0,
        }
    }

    fn log_dir(&self) -> PathBuf {
        self.station.root().join("var/airlog")
    }

    fn spawn(&self) -> Child {
        spawn_daemon(self.station.root(), &self.station.config())
    }

    fn records(&self) -> Vec<Record> {
        read_log(&self.log_dir()).0
    }

    /// Waits until the run writes its `daemon_start` (a record newer than
    /// `after`), and checks what it says about the run before.
    fn wait_until_up(&mut self, child: &mut Child, after: Option<u64>) {
        let limit = Instant::now() + Duration::from_secs(20);
        loop {
            let records = self.records();
            let start = records.iter().rev().find_map(|r| match &r.kind {
                RecordKind::DaemonStart(start) if after.is_none_or(|seq| r.seq > seq) => {
                    Some((r.at, start.clone()))
                }
                _ => None,
            });
            if let Some((at, start)) = start {
                for (_, restarted) in self.down.iter_mut().filter(|d| d.1.is_none()) {
                    *restarted = Some(at);
                }
                if after.is_some() {
                    assert_eq!(
                        start.previous_run,
                        PreviousRun::Crashed,
                        "a restart after kill -9 says the run crashed"
                    );
                }
                if let Some(torn) = &start.torn_tail {
                    assert!(torn.length > 0 && torn.quarantine.is_some(), "{torn:?}");
                    self.torn_tails += 1;
                }
                assert!(start.broken_file.is_none(), "{:?}", start.broken_file);
                return;
            }
            assert!(
                child.try_wait().expect("wait").is_none(),
                "the daemon exited at start-up:\n{}",
                self.errors()
            );
            assert!(Instant::now() < limit, "no daemon_start within 20 s");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn errors(&self) -> String {
        std::fs::read_to_string(self.station.root().join("loa.err")).unwrap_or_default()
    }

    fn sleep_random(&mut self, up_to_ms: u64) {
        std::thread::sleep(Duration::from_millis(self.random.below(up_to_ms + 1)));
    }

    /// Waits for the kill's moment.
    fn aim(&mut self, moment: Moment) {
        match moment {
            Moment::StartUp => {}
            Moment::Anywhere => self.sleep_random(5_000),
            Moment::Airing => {
                let limit = Instant::now() + Duration::from_secs(8);
                while self.open_airing().is_none() && Instant::now() < limit {
                    std::thread::sleep(Duration::from_millis(10));
                }
                self.sleep_random(2_500);
            }
            Moment::Append => {
                self.sleep_random(4_000);
                self.wait_for_growth(Duration::from_secs(8));
            }
            Moment::Reload => {
                self.sleep_random(3_000);
                self.edits += 1;
                let title = format!("Cải cách hành chính, bản {}", self.edits);
                std::fs::write(
                    self.station.root().join("playlists/cchc.toml"),
                    playlist(&title),
                )
                .expect("edit playlist");
                self.sleep_random(1_200);
            }
        }
    }

    /// Returns as soon as the newest month file grows.
    fn wait_for_growth(&self, limit: Duration) {
        let newest = || {
            month_files(&self.log_dir())
                .last()
                .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        };
        let before = newest();
        let start = Instant::now();
        while newest() == before && start.elapsed() < limit {
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// The airing started and not yet ended, per the log.
    fn open_airing(&self) -> Option<AiringKey> {
        let mut open = None;
        for record in self.records() {
            match record.kind {
                RecordKind::AiringStart(s) => open = Some((s.slot, s.scheduled)),
                RecordKind::AiringEnd(_) => open = None,
                _ => {}
            }
        }
        open
    }

    /// What the running daemon acknowledges: the records in the log and
    /// the head `loa status` reports.
    fn acknowledge(&mut self) {
        let socket = self.station.root().join("var/loa.sock");
        let status_head = loa::daemon::socket::query_status(&socket).and_then(|s| s.log_head);
        for record in self.records() {
            self.acknowledged.insert(record.seq, record.hash);
        }
        if let Some((seq, hash)) = status_head {
            let hash = Sha256Hash::from_hex(hash.as_bytes()).expect("status head hash");
            let known = self.acknowledged.insert(seq, hash);
            assert!(known.is_none_or(|h| h == hash), "status head {seq} differs");
        }
    }

    /// Checks the log a kill left behind, before anyone repairs it.
    fn check_after_kill(&mut self, run: u64) {
        let (records, errors) = read_log(&self.log_dir());
        assert!(
            errors.len() <= 1,
            "run {run}: only a torn last line may be unreadable: {errors:?}"
        );
        let in_log: BTreeMap<u64, Sha256Hash> = records.iter().map(|r| (r.seq, r.hash)).collect();
        for (seq, hash) in &self.acknowledged {
            assert_eq!(
                in_log.get(seq),
                Some(hash),
                "run {run}: acknowledged record {seq} lost"
            );
        }
        if let Some(open) = self.open_airing() {
            self.cut_short.insert(open);
        }
    }

    fn one_run(&mut self, run: u64) {
        let moment = MOMENTS[self.random.below(MOMENTS.len() as u64) as usize];
        let head = self.records().last().map(|r| r.seq);
        let mut child = self.spawn();
        if moment == Moment::StartUp {
            self.sleep_random(400);
        } else {
            self.wait_until_up(&mut child, head);
            self.aim(moment);
            self.acknowledge();
        }
        child.kill().expect("kill -9");
        child.wait().expect("reap");
        self.down.push((Utc::now(), None));
        *self.kills.entry(moment).or_default() += 1;
        self.check_after_kill(run);
        // Every third run stays down a while: instants pass unaired.
        if run % 3 == 2 {
            self.sleep_random(6_000);
        }
    }

    /// A last run, stopped cleanly (SIGTERM) after it aired once more.
    fn final_run(&mut self) {
        let head = self.records().last().map(|r| r.seq);
        let mut child = self.spawn();
        self.wait_until_up(&mut child, head);
        let limit = Instant::now() + Duration::from_secs(15);
        while Instant::now() < limit
            && !self.records().iter().any(|r| {
                head.is_none_or(|seq| r.seq > seq)
                    && matches!(&r.kind, RecordKind::AiringEnd(end) if !is_crash_ending(end))
            })
        {
            std::thread::sleep(Duration::from_millis(50));
        }
        terminate(&mut child);
    }
}

/// Every instant of the slot while the daemon ran was handled, and every
/// miss has the reason its time calls for.
fn check_coverage(harness: &Harness, records: &[Record], audit: &Audit) {
    let first = records.first().expect("records").at;
    let last = records.last().expect("records").at;
    let was_down = |instant: DateTime<Utc>| {
        harness.down.iter().any(|(killed, restarted)| {
            let restarted = restarted.unwrap_or(last);
            // An instant before the kill was started at its pre-roll; one
            // inside the grace before the restart still airs, late.
            instant > *killed && instant < restarted
        })
    };
    // While it was down: `daemon_down`. While it ran, only a machine too
    // busy to prepare within the 1 s grace makes a miss: `too_late`.
    for missed in &audit.missed_records {
        let expected = if was_down(missed.scheduled) {
            "daemon_down"
        } else {
            "too_late"
        };
        assert_eq!(reason_name(&missed.reason), expected, "{missed:?}");
    }
    // The first whole multiple of 5 s (the cron rule) after the start.
    let ts = first.timestamp();
    let mut instant = DateTime::from_timestamp(ts - ts.rem_euclid(5) + 5, 0).expect("instant");
    let mut checked = 0;
    while instant < last - chrono::Duration::seconds(3) {
        if !was_down(instant) {
            assert!(
                audit.handled.contains_key(&("often".into(), instant)),
                "{instant} neither aired nor recorded as missed"
            );
            checked += 1;
        }
        instant += chrono::Duration::seconds(5);
    }
    assert!(checked > 0, "some instants fell while the daemon ran");
}

fn run_kills(runs: u64, seed: u64) {
    let started = Instant::now();
    let mut harness = Harness::new(seed);
    for run in 0..runs {
        harness.one_run(run);
    }
    harness.final_run();
    let dir = harness.log_dir();
    let verdict = verify(&dir);
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    let (records, errors) = read_log(&dir);
    assert!(errors.is_empty(), "{errors:?}");
    for (seq, hash) in &harness.acknowledged {
        let found = records.iter().find(|r| r.seq == *seq).map(|r| r.hash);
        assert_eq!(found, Some(*hash), "acknowledged record {seq} lost");
    }
    let audit = audit(&records);
    for key in &harness.cut_short {
        let end = audit.endings.get(key).expect("cut-short airing ended");
        assert!(is_crash_ending(end), "{key:?} closed as {:?}", end.outcome);
    }
    assert_eq!(
        audit.interrupted_by_crash,
        harness.cut_short.len(),
        "each airing a kill cut short is closed once, and no other"
    );
    check_coverage(&harness, &records, &audit);
    assert!(audit.completed > 0, "the daemon aired between kills");
    println!(
        "fault_kill: seed {seed:#x}, {runs} kills {:?} in {:.0?}: {} records verify, \
         {} acknowledged kept, {} airings started ({} completed, {} cut short by a kill \
         and closed as interrupted, {} stopped by SIGTERM or failed), missed {:?}, {} torn tails recovered, \
         {} config edits, nothing started twice",
        harness.kills,
        started.elapsed(),
        records.len(),
        harness.acknowledged.len(),
        audit.started,
        audit.completed,
        audit.interrupted_by_crash,
        audit.other_endings,
        audit.missed,
        harness.torn_tails,
        harness.edits,
    );
}

#[test]
fn kill_9_at_random_moments_loses_nothing_and_airs_nothing_twice() {
    let runs = env_number("LOA_FAULT_KILL_RUNS", 10);
    let seed = env_number("LOA_FAULT_SEED", 0x10a7_2026);
    run_kills(runs, seed);
}
