//! `loa key`, `loa log` and `loa verify` from the command line, on real
//! files in a temporary station directory.

#[path = "support/airlog/mod.rs"]
mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;
use loa::airlog::checkpoint::latest_checkpoint;
use loa::airlog::{AirLog, load_signing_key};

struct Station {
    _root: tempfile::TempDir,
    config: PathBuf,
    key: PathBuf,
    log_dir: PathBuf,
}

fn station() -> Station {
    let root = tempfile::tempdir().unwrap();
    let config_dir = root.path().join("config");
    std::fs::create_dir(&config_dir).unwrap();
    let config = config_dir.join("station.toml");
    std::fs::write(
        &config,
        format!(
            "[station]\nid = \"{STATION}\"\nkey = \"../var/keys/station.key\"\n\
             log_dir = \"../var/airlog\"\ntimezone = \"Asia/Ho_Chi_Minh\"\n"
        ),
    )
    .unwrap();
    Station {
        key: config_dir.join("../var/keys/station.key"),
        log_dir: config_dir.join("../var/airlog"),
        config,
        _root: root,
    }
}

fn loa() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
}

fn run(args: &[&str]) -> Output {
    loa().args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn key_generate_makes_a_private_key_and_never_overwrites_it() {
    let s = station();
    let out = run(&["key", "generate", "-c", path(&s.config)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("SHA256:"));
    let mode = std::fs::metadata(&s.key).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let dir_mode = std::fs::metadata(s.key.parent().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(dir_mode & 0o022, 0);
    let before = std::fs::read(&s.key).unwrap();
    let again = run(&["key", "generate", "-c", path(&s.config)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("never overwrites"));
    assert_eq!(std::fs::read(&s.key).unwrap(), before);
}

#[test]
fn a_key_others_can_read_or_replace_is_refused_with_the_fix() {
    let s = station();
    assert!(
        run(&["key", "generate", "-c", path(&s.config)])
            .status
            .success()
    );
    std::fs::set_permissions(&s.key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&["key", "show", "-c", path(&s.config)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("chmod 600"),
        "{}",
        text(&out.stderr)
    );
    assert!(load_signing_key(&s.key).is_err());

    std::fs::set_permissions(&s.key, std::fs::Permissions::from_mode(0o600)).unwrap();
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        std::os::unix::fs::chown(&s.key, Some(65534), None).unwrap();
        let out = run(&["key", "show", "-c", path(&s.config)]);
        assert!(text(&out.stderr).contains("chown"), "{}", text(&out.stderr));
        std::os::unix::fs::chown(&s.key, Some(0), None).unwrap();
    }
    let dir = s.key.parent().unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = run(&["key", "show", "-c", path(&s.config)]);
    assert!(
        text(&out.stderr).contains("chmod go-w"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn key_show_gives_the_department_a_public_key_file_verify_accepts() {
    let s = station();
    assert!(
        run(&["key", "generate", "-c", path(&s.config)])
            .status
            .success()
    );
    let pub_file = s.log_dir.parent().unwrap().join("station.pub");
    let out = run(&[
        "key",
        "show",
        "-c",
        path(&s.config),
        "--out",
        path(&pub_file),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains(STATION) && shown.contains("loa-ed25519 ") && shown.contains("SHA256:"));

    let key = load_signing_key(&s.key).unwrap();
    let (log, _) = AirLog::open(&s.log_dir, STATION, key, t0()).unwrap();
    log.stop(t0() + minutes(1)).unwrap();
    let out = run(&["verify", path(&s.log_dir), "--pubkey", path(&pub_file)]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("OK"));
}

#[test]
fn key_rotate_records_the_new_key_signed_by_the_old() {
    let s = station();
    assert!(
        run(&["key", "generate", "-c", path(&s.config)])
            .status
            .success()
    );
    let old = load_signing_key(&s.key).unwrap();
    let (log, _) = AirLog::open(&s.log_dir, STATION, old.clone(), t0()).unwrap();
    log.stop(t0() + minutes(1)).unwrap();

    let out = run(&["key", "rotate", "-c", path(&s.config)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let new = load_signing_key(&s.key).unwrap();
    assert_ne!(new.to_bytes(), old.to_bytes());
    // The log now wants the new key, and verifies with both in the chain.
    assert!(AirLog::open(&s.log_dir, STATION, old, t0() + minutes(9)).is_err());
    let (log, _) = AirLog::open(&s.log_dir, STATION, new, t0() + minutes(10)).unwrap();
    drop(log);
    let out = run(&["verify", path(&s.log_dir), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let verdict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdict["keys"].as_array().unwrap().len(), 2);
}

#[test]
fn loa_log_shows_airings_in_local_time_and_as_json() {
    let s = station();
    let (mut log, _) = AirLog::open(&s.log_dir, STATION, key(1), t0()).unwrap();
    let (start, end) = airing("sang", t0() + minutes(1), 2);
    log.append(t0() + minutes(1), start).unwrap();
    log.append(t0() + minutes(11), end).unwrap();
    log.append(t0() + minutes(20), missed("chieu", t0() + minutes(15)))
        .unwrap();
    drop(log);

    let out = run(&["log", "-c", path(&s.config)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    // 22:31 UTC on 1 March is 05:31 on 2 March in Vietnam.
    assert!(
        shown.contains("2021-03-02 Tue 05:31  sang  completed"),
        "{shown}"
    );
    assert!(shown.contains("MISSED"), "{shown}");

    let out = run(&["log", "--dir", path(&s.log_dir), "--json", "--slot", "sang"]);
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let airing = &lines[0];
    for key in [
        "slot",
        "scheduled",
        "started",
        "ended",
        "outcome",
        "late_ms",
        "segments",
    ] {
        assert!(airing.get(key).is_some(), "{key} missing");
    }
    assert_eq!(airing["scheduled"], "2021-03-02T05:31:00.000000+07:00");
    assert_eq!(airing["outcome"], "completed");
    assert_eq!(airing["late_ms"], 212);
    let segment = &airing["segments"][0];
    for key in [
        "file", "sha256", "title", "topic", "language", "aired_ms", "outcome",
    ] {
        assert!(segment.get(key).is_some(), "segment {key} missing");
    }
    let out = run(&["log", "--dir", path(&s.log_dir), "--from", "2021-03-03"]);
    assert!(text(&out.stdout).is_empty());
    assert!(
        text(&out.stderr).contains("no airing in the log in"),
        "{}",
        text(&out.stderr)
    );
}

/// Regression: `loa log` on a station that has not aired yet printed
/// nothing at all, so a technician could not tell an empty log from a
/// command that did nothing.
#[test]
fn loa_log_on_a_log_without_airings_says_so() {
    let s = station();
    let out = run(&["log", "-c", path(&s.config)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).is_empty());
    let said = text(&out.stderr);
    assert!(said.contains("records no airing yet"), "{said}");
    assert!(said.contains("airlog"), "{said}");
    let out = run(&["log", "-c", path(&s.config), "--json"]);
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "JSON stays quiet"
    );
}

#[test]
fn verify_exits_0_only_when_everything_verifies() {
    let s = station();
    small_log(&s.log_dir);
    let out = run(&["verify", "-c", path(&s.config)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    let file = parts(&s.log_dir)[0].clone();
    let mut lines = lines(&file);
    lines.remove(3);
    write_lines(&file, &lines);
    let out = run(&["verify", path(&s.log_dir)]);
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("FAILED") && shown.contains("air-2021-03.jsonl:4 (record 4)"),
        "{shown}"
    );
}

/// `loa verify TREE --checkpoint FILE --json`, expected to pass: one
/// verdict per station.
fn verify_tree_with_checkpoint(tree: &Path, held_file: &Path) -> Vec<serde_json::Value> {
    let out = run(&[
        "verify",
        path(tree),
        "--checkpoint",
        path(held_file),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn verify_checks_a_held_checkpoint_and_a_tree_of_stations() {
    let root = tempfile::tempdir().unwrap();
    let ours = root.path().join("soc-trang/my-xuyen/thanh-phu");
    let theirs = root.path().join("can-tho/vinh-hai");
    small_log(&ours);
    let (log, _) = AirLog::open(&theirs, "can-tho/vinh-hai", key(4), t0()).unwrap();
    log.stop(t0()).unwrap();
    let held = latest_checkpoint(&ours).unwrap().unwrap();
    let held_file = root.path().join("held.checkpoint");
    held.write(&held_file).unwrap();

    let verdicts = verify_tree_with_checkpoint(root.path(), &held_file);
    assert_eq!(verdicts.len(), 2);
    assert!(verdicts.iter().all(|v| v["ok"] == true));

    // Cut our log before the checkpoint: only the held copy shows it.
    let file = parts(&ours)[0].clone();
    let lines = lines(&file);
    write_lines(&file, &lines[..3]);
    assert_eq!(run(&["verify", path(&ours)]).status.code(), Some(0));
    let out = run(&["verify", path(&ours), "--checkpoint", path(&held_file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("records removed"),
        "{}",
        text(&out.stdout)
    );
}

/// Regression: verifying a folder of two stations with `--checkpoint`
/// holding station 2's checkpoint reported station 1's genuine log as
/// rewritten. A held checkpoint applies to its own station only (§7.8).
#[test]
fn a_held_checkpoint_is_matched_to_its_station() {
    let root = tempfile::tempdir().unwrap();
    let ours = root.path().join("soc-trang/my-xuyen/thanh-phu");
    let theirs = root.path().join("can-tho/vinh-hai");
    small_log(&ours);
    // The same records under another station and key: same sequence
    // numbers, other hashes.
    let (mut log, _) = AirLog::open(&theirs, "can-tho/vinh-hai", key(4), t0()).unwrap();
    log.append(t0(), config_applied()).unwrap();
    let (start, end) = airing("sang", t0() + minutes(1), 2);
    log.append(t0() + minutes(1), start).unwrap();
    log.append(t0() + minutes(11), end).unwrap();
    log.stop(t0() + minutes(12)).unwrap();
    let held = latest_checkpoint(&theirs).unwrap().unwrap();
    let held_file = root.path().join("theirs.checkpoint");
    held.write(&held_file).unwrap();

    let verdicts = verify_tree_with_checkpoint(root.path(), &held_file);
    assert_eq!(verdicts.len(), 2);
    assert!(verdicts.iter().all(|v| v["ok"] == true), "{verdicts:?}");
}

/// Regression: after `kill -9` during an airing and a restart, `loa log`
/// listed the airing twice: "no end recorded" and then "interrupted" (and
/// `--json` gave an `unfinished` and an `interrupted` object). The start and
/// the recovery's end are one airing.
#[test]
fn a_crash_cut_airing_is_one_entry() {
    use loa::airlog::record::AiringOutcome;
    let s = station();
    let (start, end) = airing("sang", t0() + minutes(1), 2);
    let (mut log, _) = AirLog::open(&s.log_dir, STATION, key(1), t0()).unwrap();
    log.append(t0() + minutes(1), start).unwrap();
    drop(log); // killed mid-airing: no end, no stop
    let (mut log, _) = AirLog::open(&s.log_dir, STATION, key(1), t0() + minutes(5)).unwrap();
    let loa::airlog::RecordKind::AiringEnd(mut end) = end else {
        unreachable!("airing() gives an end")
    };
    end.outcome = AiringOutcome::Interrupted {
        reason: "the daemon stopped during the airing (crash, kill or power cut)".into(),
    };
    end.ended = t0() + minutes(5);
    log.append(t0() + minutes(5), loa::airlog::RecordKind::AiringEnd(end))
        .unwrap();
    log.append(t0() + minutes(5), config_applied()).unwrap();
    log.stop(t0() + minutes(6)).unwrap();

    let out = run(&["log", "--dir", path(&s.log_dir), "--json", "--slot", "sang"]);
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["outcome"], "interrupted");
    let shown = text(&run(&["log", "--dir", path(&s.log_dir)]).stdout);
    assert!(!shown.contains("no end recorded"), "{shown}");
}

/// Regression: `loa verify` printed the same `verdict: OK` with and without
/// a filed key, and with another station's key said "no public key was
/// given". It says what it proved, and on a mismatch shows both keys.
#[test]
fn verify_says_what_it_proved() {
    use loa::airlog::key::{PublicKey, PublicKeyFile};
    let root = tempfile::tempdir().unwrap();
    let log_dir = root.path().join("log");
    small_log(&log_dir);
    let pub_file = |name: &str, station: &str, seed: u8| {
        let file = root.path().join(name);
        let line = PublicKeyFile {
            station: station.into(),
            key: PublicKey::of(&key(seed)),
        }
        .to_line();
        std::fs::write(&file, line).unwrap();
        file
    };
    let ours = pub_file("ours.pub", STATION, 1);
    let other_station = pub_file("theirs.pub", "can-tho/vinh-hai", 1);
    let wrong_key = pub_file("wrong.pub", STATION, 9);

    let plain = text(&run(&["verify", path(&log_dir)]).stdout);
    assert!(plain.contains("origin is not checked"), "{plain}");
    assert!(!plain.contains("kept checkpoint"), "{plain}");
    let filed = run(&["verify", path(&log_dir), "--pubkey", path(&ours)]);
    assert_eq!(filed.status.code(), Some(0));
    assert!(
        text(&filed.stdout).contains("signed by the key on file"),
        "{}",
        text(&filed.stdout)
    );
    let other = text(&run(&["verify", path(&log_dir), "--pubkey", path(&other_station)]).stdout);
    assert!(
        other.contains("filed for other stations (can-tho/vinh-hai)"),
        "{other}"
    );
    let wrong = text(&run(&["verify", path(&log_dir), "--pubkey", path(&wrong_key)]).stdout);
    let (signed_by, on_file) = (
        PublicKey::of(&key(1)).fingerprint(),
        PublicKey::of(&key(9)).fingerprint(),
    );
    assert!(
        wrong.contains(&signed_by) && wrong.contains(&on_file),
        "{wrong}"
    );
}

#[test]
fn verify_never_panics_on_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let garbage: [&[u8]; 6] = [
        b"",
        b"\n\n\n",
        b"{\"body\":}",
        &[0xff; 500],
        &[0u8; 4096],
        b"{\"body\":{\"v\":1,\"station\":\"\\ud800\",\"seq\":99999999999999999999}}\n",
    ];
    for bytes in garbage {
        std::fs::write(dir.path().join("air-2021-03.jsonl"), bytes).unwrap();
        let out = run(&["verify", path(dir.path())]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    }
    let out = run(&["verify", "/nonexistent/loa/log"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Regression: `loa key show` and `loa export` on a station that has never
/// run said only that the key could not be read (and export added advice
/// about the station's account), not that there is no key yet and how to
/// make one.
#[test]
fn a_missing_key_says_how_to_make_one() {
    let s = station();
    for args in [
        vec!["key", "show", "-c", path(&s.config)],
        vec![
            "export",
            "-c",
            path(&s.config),
            "--period",
            "2021-03",
            "-o",
            "x.tar",
        ],
    ] {
        let out = run(&args);
        let said = text(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(said.contains("no signing key yet"), "{args:?}: {said}");
        assert!(said.contains("loa key generate"), "{args:?}: {said}");
        assert!(!said.contains("station's user"), "{args:?}: {said}");
    }
}
