//! Fuzzing the airing log's parser and verifier: single lines through
//! every reading of a record, whole month files through the reader, the
//! verifier and the writer's recovery, and key, public key and checkpoint
//! files. None may panic or hang. See `tests/support/fuzz`.

#[path = "support/fuzz/mod.rs"]
mod fuzz_support;

use fuzz_support::cases::{airlog_file_case, airlog_line_case, key_file_case};
use fuzz_support::{corpus, fuzz};

#[test]
fn fuzz_airlog_line() {
    let seeds = corpus("airlog_line");
    fuzz("airlog_line", file!(), 300, &seeds, airlog_line_case);
}

#[test]
fn fuzz_airlog_file() {
    let seeds = corpus("airlog_file");
    fuzz("airlog_file", file!(), 100, &seeds, |input| {
        airlog_file_case(input, 7)
    });
}

#[test]
fn fuzz_key_files() {
    let seeds = corpus("key_file");
    fuzz("key_file", file!(), 200, &seeds, key_file_case);
}

/// Writes the seed corpus (a real log with every kind of record, its
/// lines, key files) into `fuzz/corpus/`: run once with
/// `LOA_FUZZ_WRITE_SEEDS=1`; the files are committed.
#[test]
fn write_seed_corpus() {
    if std::env::var_os("LOA_FUZZ_WRITE_SEEDS").is_none() {
        return;
    }
    use chrono::TimeZone;
    use loa::airlog::record::*;
    use loa::airlog::{AirLog, PublicKey, PublicKeyFile, Sha256Hash};
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let dir = tempfile::tempdir().unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let t0 = chrono::Utc.with_ymd_and_hms(2021, 3, 1, 22, 30, 0).unwrap();
    let at = |minutes: i64| t0 + chrono::Duration::minutes(minutes);
    let segment = |n: u32| PlannedSegment {
        file: format!("cchc/{n:02}-đường-dây-nóng.ogg"),
        sha256: Sha256Hash::of_bytes(&[n as u8]),
        title: format!("Bản tin số {n}"),
        topic: n,
        language: "vi".into(),
        duration_ms: 90_000,
    };
    let aired = |p: &PlannedSegment, outcome: SegmentOutcome| SegmentAired {
        file: p.file.clone(),
        sha256: p.sha256,
        title: p.title.clone(),
        topic: p.topic,
        language: p.language.clone(),
        aired_ms: 90_000,
        outcome,
    };
    {
        let (mut log, _) = AirLog::open(dir.path(), "fuzz/station", key.clone(), t0).unwrap();
        log.append(
            t0,
            RecordKind::ConfigApplied(ConfigApplied {
                plan_hash: Sha256Hash::of_bytes(b"plan"),
            }),
        )
        .unwrap();
        let planned = vec![segment(1), segment(2)];
        log.append(
            at(1),
            RecordKind::AiringStart(AiringStart {
                slot: "sang".into(),
                scheduled: at(1),
                started: at(1),
                manual: false,
                segments: planned.clone(),
            }),
        )
        .unwrap();
        log.append(
            at(4),
            RecordKind::AiringEnd(AiringEnd {
                slot: "sang".into(),
                scheduled: at(1),
                started: at(1),
                ended: at(4),
                outcome: AiringOutcome::CutAtMax,
                late_ms: 12,
                manual: false,
                segments: vec![
                    aired(&planned[0], SegmentOutcome::Aired),
                    aired(
                        &planned[1],
                        SegmentOutcome::Skipped {
                            reason: "not audio".into(),
                        },
                    ),
                ],
                interruptions: Vec::new(),
                relay: None,
            }),
        )
        .unwrap();
        log.append(
            at(5),
            RecordKind::Missed(Missed {
                slot: "trua".into(),
                scheduled: at(5),
                reason: MissReason::ClockStep,
            }),
        )
        .unwrap();
        log.append(
            at(6),
            RecordKind::AiringStart(AiringStart {
                slot: "chieu".into(),
                scheduled: at(6),
                started: at(6),
                manual: true,
                segments: vec![segment(3)],
            }),
        )
        .unwrap();
        log.checkpoint(at(7)).unwrap();
        // A torn line: the next open moves it aside and says so.
        drop(log);
    }
    let part = dir.path().join("air-2021-03.jsonl");
    let mut bytes = std::fs::read(&part).unwrap();
    bytes.extend_from_slice(b"{\"body\":{\"v\":1,\"station\":\"fuzz/sta");
    std::fs::write(&part, &bytes).unwrap();
    {
        let (mut log, _) = AirLog::open(dir.path(), "fuzz/station", key.clone(), at(10)).unwrap();
        log.append(
            at(11),
            RecordKind::Missed(Missed {
                slot: "x".into(),
                scheduled: at(11),
                reason: MissReason::DeviceFailure {
                    detail: "ALSA: device busy".into(),
                },
            }),
        )
        .unwrap();
        log.stop(at(12)).unwrap();
    }
    let bytes = std::fs::read(&part).unwrap();
    std::fs::write(corpus.join("airlog_file/log.jsonl"), &bytes).unwrap();
    for (n, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        std::fs::write(corpus.join(format!("airlog_line/{n:02}.json")), line).unwrap();
    }
    let public = PublicKeyFile {
        station: "fuzz/station".into(),
        key: PublicKey::of(&key),
    };
    std::fs::write(corpus.join("key_file/station.pub"), public.to_line()).unwrap();
    let secret = dir.path().join("k/station.key");
    loa::airlog::generate_key(&secret).unwrap();
    std::fs::copy(&secret, corpus.join("key_file/station.key")).unwrap();
    let checkpoint = bytes
        .split(|&b| b == b'\n')
        .find(|l| l.windows(12).any(|w| w == b"\"checkpoint\""))
        .unwrap();
    std::fs::write(corpus.join("key_file/checkpoint.json"), checkpoint).unwrap();
}
