//! A full disk and a read-only state folder under the real daemon: the
//! station's `var/` (log, key, socket) is a small tmpfs, filled up or
//! remounted read-only. Airing must go on, records wait in memory and are
//! written, in order, once there is room again (with a `write_outage`
//! record), and nothing corrupt is ever left in the log.
//!
//! Needs root (to mount a tmpfs); skipped with a message otherwise. The
//! library-level test (a real EFBIG from a file-size limit) is
//! tests/airlog_disk_full.rs.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/fault/mod.rs"]
mod fault_support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::StationDir;
use fault_support::*;
use loa::airlog::RecordKind;

/// A tmpfs mounted on the station's `var/`, unmounted on drop.
struct SmallDisk {
    mount: PathBuf,
}

impl SmallDisk {
    /// `None` (with the reason printed) when this process may not mount.
    fn mount(station: &StationDir, size: &str) -> Option<Self> {
        let mount = station.root().join("var");
        std::fs::create_dir_all(&mount).expect("mkdir");
        let status = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(&mount)
            .stderr(Stdio::null())
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Self { mount })
    }

    /// Fills the disk to the last byte with a file; returns its path.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let path = self.mount.join("filler");
        let mut file = std::fs::File::create(&path).expect("filler");
        let block = vec![0u8; 4096];
        while file.write_all(&block).is_ok() {}
        while file.write_all(&[0]).is_ok() {}
        path
    }

    fn remount(&self, option: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{option}")])
            .arg(&self.mount)
            .status()
            .expect("mount");
        assert!(status.success(), "remount {option}");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.mount).status();
    }
}

fn station() -> StationDir {
    let s = StationDir::with(&often_station("test/fault-disk"), common::PLAYLIST);
    s.tone("playlists/cchc/01.wav", 1.0, 440.0);
    s.tone("playlists/cchc/02.wav", 0.5, 660.0);
    s
}

fn spawn(station: &StationDir) -> Child {
    spawn_daemon(station.root(), &station.config())
}

/// A first run that creates the key and the log and airs once.
fn first_run(station: &StationDir) {
    let mut child = spawn(station);
    let dir = log_dir(station);
    wait_until(Duration::from_secs(20), "the log", || {
        airing_ends(&dir) >= 1
    });
    terminate(&mut child);
}

fn log_dir(station: &StationDir) -> PathBuf {
    station.root().join("var/airlog")
}

fn airing_ends(dir: &Path) -> usize {
    read_log(dir)
        .0
        .iter()
        .filter(|r| matches!(r.kind, RecordKind::AiringEnd(_)))
        .count()
}

fn wait_until(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "{what} within {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn log_bytes(dir: &Path) -> Vec<u8> {
    month_files(dir)
        .iter()
        .flat_map(|p| std::fs::read(p).expect("read"))
        .collect()
}

/// Waits for the held records to reach the log (a `write_outage` record
/// closes them), then stops the daemon.
fn stop_once_written(child: &mut Child, dir: &Path) {
    wait_until(Duration::from_secs(20), "records written after", || {
        read_log(dir)
            .0
            .iter()
            .any(|r| matches!(r.kind, RecordKind::WriteOutage(_)))
    });
    terminate(child);
}

/// The whole log verifies, each airing once, and a `write_outage` names
/// the held records.
fn check_log_after_outage(dir: &Path) -> (usize, u64) {
    let verdict = verify(dir);
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    let (records, errors) = read_log(dir);
    assert!(errors.is_empty(), "{errors:?}");
    let audit = audit(&records);
    let outage = records
        .iter()
        .find_map(|r| match &r.kind {
            RecordKind::WriteOutage(o) => Some(o.clone()),
            _ => None,
        })
        .expect("a write_outage record");
    assert_eq!(outage.dropped, 0, "nothing dropped: {outage:?}");
    let held = outage.last_seq - outage.first_seq + 1;
    (audit.completed, held)
}

#[test]
fn a_full_disk_never_stops_airing_and_loses_no_record() {
    let s = station();
    let Some(disk) = SmallDisk::mount(&s, "2m") else {
        return;
    };
    let mut child = spawn(&s);
    let dir = log_dir(&s);
    wait_until(Duration::from_secs(20), "an airing", || {
        airing_ends(&dir) >= 1
    });
    let filler = disk.fill();
    let before = log_bytes(&dir);
    let filled_at = Instant::now();
    let full_from = chrono::Utc::now();
    // Two airings or more while nothing can be written.
    std::thread::sleep(Duration::from_secs(11));
    assert!(child.try_wait().expect("wait").is_none(), "the daemon died");
    // Records may still fit in the slack of the file's last page; whatever
    // is in the file is whole (a partial record would not verify).
    let during = verify(&dir);
    assert!(during.is_ok(), "during the outage: {:?}", during.problems);
    let grew = log_bytes(&dir).len() - before.len();
    let status = s.loa(&["status", "--json"]);
    std::fs::remove_file(&filler).expect("free space");
    let freed = Instant::now();
    let full_until = chrono::Utc::now();
    stop_once_written(&mut child, &dir);
    let (aired, held) = check_log_after_outage(&dir);
    assert!(held >= 2, "records were held: {held}");
    let during: Vec<_> = read_log(&dir)
        .0
        .into_iter()
        .filter_map(|r| match r.kind {
            RecordKind::AiringEnd(end)
                if end.scheduled > full_from && end.scheduled < full_until =>
            {
                Some(end.outcome)
            }
            _ => None,
        })
        .collect();
    assert!(
        during.len() >= 2,
        "airings went on while the disk was full: {during:?}"
    );
    println!(
        "fault_disk: disk full for {:.0?}: the daemon aired on ({} airings while full, {aired} in all), \
         {grew} bytes still fitted, {held} records held in memory and written {:.1?} after \
         space returned, log verifies; status while full answered: {}",
        freed - filled_at,
        during.len(),
        freed.elapsed(),
        status.status.success(),
    );
}

/// Started on a disk already full: the daemon must still air, and write
/// what it held once there is room.
#[test]
fn the_daemon_starts_and_airs_on_a_full_disk() {
    let s = station();
    let Some(disk) = SmallDisk::mount(&s, "2m") else {
        return;
    };
    first_run(&s);
    let dir = log_dir(&s);
    let filler = disk.fill();
    let mut child = spawn(&s);
    std::thread::sleep(Duration::from_secs(11));
    let running = child.try_wait().expect("wait").is_none();
    let errors = std::fs::read_to_string(s.root().join("loa.err")).unwrap_or_default();
    assert!(
        running,
        "the daemon refused to start on a full disk:\n{errors}"
    );
    std::fs::remove_file(&filler).expect("free space");
    stop_once_written(&mut child, &dir);
    let (_, held) = check_log_after_outage(&dir);
    assert!(held >= 3, "start-up and airings held: {held}");
}

/// Started with the state folder read-only (a file system remounted
/// read-only after errors): the daemon must still air, and write what it
/// held once the folder is writable again.
///
/// Regression: `loa run` exited ("the airing log cannot be used … .lock:
/// Read-only file system"), so nothing aired.
#[test]
fn regression_the_daemon_starts_and_airs_with_a_read_only_log_folder() {
    let s = station();
    let Some(disk) = SmallDisk::mount(&s, "2m") else {
        return;
    };
    first_run(&s);
    let dir = log_dir(&s);
    let before = airing_ends(&dir);
    disk.remount("ro");
    let mut child = spawn(&s);
    std::thread::sleep(Duration::from_secs(11));
    let running = child.try_wait().expect("wait").is_none();
    let errors = std::fs::read_to_string(s.root().join("loa.err")).unwrap_or_default();
    disk.remount("rw");
    assert!(running, "the daemon refused to start:\n{errors}");
    stop_once_written(&mut child, &dir);
    let (_, held) = check_log_after_outage(&dir);
    assert!(held >= 3, "start-up and airings held: {held}");
    assert!(
        airing_ends(&dir) >= before + 2,
        "airings went on while read-only"
    );
}
