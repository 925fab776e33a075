//! The `dead_air` record kind (format version 2): written, read back and
//! verified; written only at version 2, every other record still at version
//! 1, so old logs and old verifiers keep working; and a record cannot claim
//! a version that does not have what it uses.

#[path = "support/airlog/mod.rs"]
mod common;

use std::path::Path;

use common::*;
use loa::airlog::record::{AiringEnd, DeadAir, RecordKind, SegmentOutcome};
use loa::airlog::verify::ProblemKind;
use loa::airlog::{AirLog, LineError, read_records};

/// An airing whose second segment was skipped for dead air: start,
/// `dead_air`, end.
fn dead_air_log(dir: &Path) {
    let (mut log, _) = AirLog::open(dir, STATION, key(1), t0()).unwrap();
    let scheduled = t0() + minutes(1);
    let (start, end) = airing("sang", scheduled, 3);
    let RecordKind::AiringEnd(mut end) = end else {
        unreachable!("airing() gives start and end")
    };
    end.segments[1].aired_ms = 17_020;
    end.segments[1].outcome = SegmentOutcome::DeadAir {
        at_ms: 2_000,
        silent_ms: 15_020,
    };
    log.append(scheduled, start).unwrap();
    log.append(scheduled + minutes(8), dead_air_of(&end))
        .unwrap();
    log.append(scheduled + minutes(8), RecordKind::AiringEnd(end))
        .unwrap();
    log.stop(scheduled + minutes(9)).unwrap();
}

fn dead_air_of(end: &AiringEnd) -> RecordKind {
    RecordKind::DeadAir(DeadAir {
        slot: end.slot.clone(),
        scheduled: end.scheduled,
        started: end.started + minutes(5) + chrono::Duration::seconds(2),
        silent_ms: 15_020,
        file: end.segments[1].file.clone(),
        sha256: end.segments[1].sha256,
        at_ms: 2_000,
    })
}

fn version_of(line: &[u8]) -> &[u8] {
    &line[b"{\"body\":{\"v\":".len()..][..1]
}

fn kind_of(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let start = text.find("\"kind\":\"").unwrap() + 8;
    text[start..].split('"').next().unwrap().to_string()
}

#[test]
fn a_dead_air_log_verifies_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    dead_air_log(dir.path());
    let verdict = verify_dir(dir.path());
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    let kinds: Vec<RecordKind> = read_records(dir.path())
        .unwrap()
        .map(|r| r.unwrap().kind)
        .collect();
    let dead_air = kinds.iter().find_map(|k| match k {
        RecordKind::DeadAir(d) => Some(d),
        _ => None,
    });
    assert_eq!(dead_air.map(|d| d.silent_ms), Some(15_020));
    let outcomes: Vec<&SegmentOutcome> = kinds
        .iter()
        .filter_map(|k| match k {
            RecordKind::AiringEnd(end) => Some(&end.segments[1].outcome),
            _ => None,
        })
        .collect();
    assert_eq!(
        outcomes,
        [&SegmentOutcome::DeadAir {
            at_ms: 2_000,
            silent_ms: 15_020
        }]
    );
}

#[test]
fn only_what_uses_dead_air_is_written_at_version_2() {
    let dir = tempfile::tempdir().unwrap();
    dead_air_log(dir.path());
    for part in parts(dir.path()) {
        for line in lines(&part) {
            let expected: &[u8] = match kind_of(&line).as_str() {
                "dead_air" | "airing_end" => b"2",
                _ => b"1",
            };
            assert_eq!(
                version_of(&line),
                expected,
                "{}",
                String::from_utf8_lossy(&line)
            );
        }
    }
}

#[test]
fn a_log_without_dead_air_is_all_version_1_as_before() {
    let dir = tempfile::tempdir().unwrap();
    small_log(dir.path());
    for part in parts(dir.path()) {
        assert!(lines(&part).iter().all(|line| version_of(line) == b"1"));
    }
}

/// The log with `"v":2` changed to `to` in every record of `kind`, each
/// re-signed by the station's own key and the chain re-linked: only the
/// version rule can catch it.
fn relabelled(kind: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    dead_air_log(dir.path());
    let mut all: Vec<Vec<u8>> = parts(dir.path()).iter().flat_map(|p| lines(p)).collect();
    let signer = key(1);
    for line in all.iter_mut().filter(|l| kind_of(l) == kind) {
        *line = rewrite(
            line,
            |body| body.replacen("{\"v\":2,", to, 1),
            Some(&signer),
        );
    }
    rechain(&mut all, 1, Some(&signer));
    single_file_log(dir.path(), &all);
    dir
}

fn bad_line_errors(dir: &Path) -> Vec<LineError> {
    verify_dir(dir)
        .problems
        .into_iter()
        .filter_map(|p| match p.kind {
            ProblemKind::BadLine(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn a_record_claiming_version_1_for_what_version_2_added_is_rejected() {
    // The `dead_air` kind, and an `airing_end` with a `dead_air` outcome.
    for kind in ["dead_air", "airing_end"] {
        let dir = relabelled(kind, "{\"v\":1,");
        assert_eq!(
            bad_line_errors(dir.path()),
            [LineError::WrongVersion {
                version: 1,
                needs: 2
            }],
            "{kind}"
        );
    }
}

#[test]
fn a_version_this_program_does_not_know_is_rejected() {
    let dir = relabelled("dead_air", "{\"v\":6,");
    assert_eq!(
        bad_line_errors(dir.path()),
        [LineError::UnsupportedVersion(6)]
    );
}

#[test]
fn loa_verify_accepts_a_log_with_dead_air() {
    let dir = tempfile::tempdir().unwrap();
    dead_air_log(dir.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("verify")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
