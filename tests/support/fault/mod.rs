//! Helpers shared by the fault-injection tests (`tests/fault_*.rs`): a
//! seedable random source, reading and verifying a log, and the
//! exactly-once audit every fault test ends with.

#![allow(dead_code)]

#[path = "../simulated/mod.rs"]
pub mod simulated_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use loa::airlog::record::{AiringEnd, AiringOutcome, MissReason, Missed, RecordKind};
use loa::airlog::verify::{DirSource, StationVerdict, VerifyOptions, verify_source};
use loa::airlog::{Record, read_records};

/// A small, seedable generator (xorshift64): runs can be replayed with
/// the seed they print.
pub struct XorShift(pub u64);

impl XorShift {
    /// A number in `0..below` (`below` > 0).
    pub fn below(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

/// A number from the environment variable `name`, or `default`.
pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Every record that reads back whole, and the errors (a torn tail of a
/// log nobody has recovered yet shows as one error at the end).
pub fn read_log(dir: &Path) -> (Vec<Record>, Vec<String>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let Ok(reader) = read_records(dir) else {
        return (records, errors);
    };
    for item in reader {
        match item {
            Ok(record) => records.push(record),
            Err(error) => errors.push(format!("{error:?}")),
        }
    }
    (records, errors)
}

/// `loa verify`'s engine on `dir`, signatures included.
pub fn verify(dir: &Path) -> StationVerdict {
    let source = DirSource::open(dir).expect("log directory readable");
    verify_source(&source, &VerifyOptions::default())
}

/// A scheduled airing: slot and instant.
pub type AiringKey = (String, DateTime<Utc>);

/// What the exactly-once audit found in a whole log.
#[derive(Debug, Default)]
pub struct Audit {
    /// Scheduled (not manual) airings started.
    pub started: usize,
    /// Of those, ended as completed or cut at `max`.
    pub completed: usize,
    /// Ended as interrupted because the daemon died during them.
    pub interrupted_by_crash: usize,
    /// Ended otherwise (failed, stopped by shutdown).
    pub other_endings: usize,
    /// `missed` records, by reason.
    pub missed: BTreeMap<String, usize>,
    /// The missed records themselves.
    pub missed_records: Vec<Missed>,
    /// Each scheduled airing's ending.
    pub endings: BTreeMap<AiringKey, AiringEnd>,
    /// Every scheduled airing handled (started or missed).
    pub handled: BTreeMap<AiringKey, &'static str>,
}

/// The reason `records.rs` gives an airing a crash left open.
pub fn is_crash_ending(end: &AiringEnd) -> bool {
    matches!(&end.outcome, AiringOutcome::Interrupted { reason } if reason.contains("daemon stopped"))
}

/// Checks exactly-once over a complete log (the daemon stopped cleanly at
/// its end): no scheduled airing started twice, none both started and
/// missed, every start closed by exactly one end after it. Panics with the
/// offending airing otherwise.
pub fn audit(records: &[Record]) -> Audit {
    let mut audit = Audit::default();
    let mut open: BTreeMap<AiringKey, u64> = BTreeMap::new();
    for record in records {
        match &record.kind {
            RecordKind::AiringStart(start) if !start.manual => {
                let key = (start.slot.clone(), start.scheduled);
                if let Some(before) = audit.handled.insert(key.clone(), "started") {
                    panic!(
                        "seq {}: {key:?} started after it was already {before}",
                        record.seq
                    );
                }
                open.insert(key, record.seq);
                audit.started += 1;
            }
            RecordKind::AiringEnd(end) if !end.manual => {
                let key = (end.slot.clone(), end.scheduled);
                assert!(
                    open.remove(&key).is_some(),
                    "seq {}: {key:?} ended without an open start",
                    record.seq
                );
                if is_crash_ending(end) {
                    audit.interrupted_by_crash += 1;
                } else if matches!(
                    end.outcome,
                    AiringOutcome::Completed | AiringOutcome::CutAtMax
                ) {
                    audit.completed += 1;
                } else {
                    audit.other_endings += 1;
                }
                audit.endings.insert(key, end.clone());
            }
            RecordKind::Missed(missed) => {
                let key = (missed.slot.clone(), missed.scheduled);
                if let Some(before) = audit.handled.insert(key.clone(), "missed") {
                    panic!(
                        "seq {}: {key:?} missed after it was already {before}",
                        record.seq
                    );
                }
                *audit.missed.entry(reason_name(&missed.reason)).or_default() += 1;
                audit.missed_records.push(missed.clone());
            }
            _ => {}
        }
    }
    assert!(open.is_empty(), "airings never closed: {open:?}");
    audit
}

/// A reason's short name, for counting: the one reports group by.
pub fn reason_name(reason: &MissReason) -> String {
    reason.code().to_string()
}

/// Copies the repository's station (config, topics, playlists) into `to`,
/// so a test's log and key are written there; returns its config path.
pub fn copy_bundled_station(to: &Path) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["config", "playlists"] {
        let status = std::process::Command::new("cp")
            .arg("-r")
            .arg(repo.join(folder))
            .arg(to)
            .status()
            .expect("cp");
        assert!(status.success(), "copying {folder}");
    }
    to.join("config/station.toml")
}

/// Runs the daemon for `plan` on the simulated `clock` beside `observer`
/// (which steps the clock, samples, and triggers the shutdown it is given
/// when done); returns what the observer returns.
pub fn run_simulated<T, F: std::future::Future<Output = T>>(
    plan: &loa::plan::Plan,
    clock: &loa::clock::SimulatedClock,
    observer: impl FnOnce(loa::shutdown::Shutdown) -> F,
) -> T {
    let player = Box::new(loa::playout::simulated::SimulatedPlayer::new(clock.clone()));
    simulated_support::run_daemon_with(plan, clock, player, observer)
}

/// A station in UTC on the null output whose slot `often` airs playlist
/// `cchc` every 5 seconds (max 3 s) with a 1-second grace: a restart after
/// an instant's window records a miss.
pub fn often_station(id: &str) -> String {
    format!(
        "[station]\nid = \"{id}\"\nname = \"Đài thử nghiệm\"\ntimezone = \"UTC\"\n\
         output = \"null\"\nplaylists = \"../playlists\"\nlog_dir = \"../var/airlog\"\n\
         key = \"../var/station.key\"\ngrace = \"1s\"\n\n[[slot]]\nname = \"often\"\n\
         cron = \"*/5 * * * * *\"\nplaylist = \"cchc\"\norder = \"rotate\"\nmax = \"3s\"\n"
    )
}

/// Starts the real `loa run -c CONFIG` in `root`, its messages appended to
/// `root/loa.err`.
pub fn spawn_daemon(root: &Path, config: &Path) -> Child {
    spawn_daemon_with(root, config, &[])
}

/// [`spawn_daemon`] with extra environment variables.
pub fn spawn_daemon_with(root: &Path, config: &Path, env: &[(&str, &Path)]) -> Child {
    let errors = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(root.join("loa.err"))
        .expect("log file");
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["run", "-c"])
        .arg(config)
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(errors)
        .envs(env.iter().map(|(k, v)| (*k, *v)))
        .spawn()
        .expect("spawn loa run")
}

/// SIGTERM, then waits (at most 10 s) for a clean exit.
pub fn terminate(child: &mut Child) {
    // SAFETY: kill(2) on the pid of a child this test spawned.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "loa run exited with {status}");
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The log's month files, oldest first.
pub fn month_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
}
