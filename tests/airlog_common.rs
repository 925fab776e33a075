//! Shared helpers for the airing log tests (included with `#[path]`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use loa::airlog::record::{
    AiringEnd, AiringOutcome, AiringStart, ConfigApplied, MissReason, Missed, PlannedSegment,
    RecordKind, SegmentAired, SegmentOutcome,
};
use loa::airlog::verify::{
    DirSource, SignatureCheck, StationVerdict, VerifyOptions, verify_source,
};
use loa::airlog::{AirLog, Sha256Hash};

pub const STATION: &str = "soc-trang/my-xuyen/thanh-phu";

pub fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 3, 1, 22, 30, 0).unwrap()
}

pub fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

pub fn segment(n: u32) -> (PlannedSegment, SegmentAired) {
    let file = format!("playlists/cai-cach/ban-tin-{n:02}.mp3");
    let sha256 = Sha256Hash::of_bytes(file.as_bytes());
    let title = format!("Bản tin cải cách hành chính số {n}");
    let planned = PlannedSegment {
        file: file.clone(),
        sha256,
        title: title.clone(),
        topic: n % 11 + 1,
        language: "vi".into(),
        duration_ms: 300_000,
    };
    let aired = SegmentAired {
        file,
        sha256,
        title,
        topic: n % 11 + 1,
        language: "vi".into(),
        aired_ms: 300_000,
        outcome: SegmentOutcome::Aired,
    };
    (planned, aired)
}

/// The two records of one airing of `slot` at `scheduled`.
pub fn airing(slot: &str, scheduled: DateTime<Utc>, segments: u32) -> (RecordKind, RecordKind) {
    let (planned, aired): (Vec<_>, Vec<_>) = (0..segments).map(segment).unzip();
    let started = scheduled + Duration::milliseconds(212);
    let ended = started + Duration::minutes(5 * i64::from(segments));
    let start = RecordKind::AiringStart(AiringStart {
        slot: slot.into(),
        scheduled,
        started,
        manual: false,
        segments: planned,
    });
    let end = RecordKind::AiringEnd(AiringEnd {
        slot: slot.into(),
        scheduled,
        started,
        ended,
        outcome: AiringOutcome::Completed,
        late_ms: 212,
        manual: false,
        segments: aired,
    });
    (start, end)
}

pub fn missed(slot: &str, scheduled: DateTime<Utc>) -> RecordKind {
    RecordKind::Missed(Missed {
        slot: slot.into(),
        scheduled,
        reason: MissReason::DaemonDown,
    })
}

pub fn config_applied() -> RecordKind {
    RecordKind::ConfigApplied(ConfigApplied {
        plan_hash: Sha256Hash::of_bytes(b"plan"),
    })
}

/// A small log: genesis, start, config, one airing, checkpoint, stop.
pub fn small_log(dir: &Path) {
    let (mut log, _) = AirLog::open(dir, STATION, key(1), t0()).unwrap();
    log.append(t0(), config_applied()).unwrap();
    let (start, end) = airing("sang", t0() + minutes(1), 2);
    log.append(t0() + minutes(1), start).unwrap();
    log.append(t0() + minutes(11), end).unwrap();
    log.stop(t0() + minutes(12)).unwrap();
}

/// A log across two month files, with `days` days of airings.
pub fn log_across_months(dir: &Path) {
    let (mut log, _) = AirLog::open(dir, STATION, key(1), t0()).unwrap();
    for day in 0..4 {
        let at = t0() + Duration::days(day * 10);
        let (start, end) = airing("chieu", at, 1);
        log.append(at, start).unwrap();
        log.append(at + minutes(5), end).unwrap();
        log.checkpoint(at + minutes(30)).unwrap();
    }
    log.stop(t0() + Duration::days(40)).unwrap();
}

pub fn verify_dir(dir: &Path) -> StationVerdict {
    verify_with(dir, VerifyOptions::default())
}

pub fn verify_with(dir: &Path, options: VerifyOptions) -> StationVerdict {
    let source = DirSource::open(dir).unwrap();
    verify_source(&source, &options)
}

pub fn chain_only() -> VerifyOptions {
    VerifyOptions {
        signatures: SignatureCheck::Skip,
        ..VerifyOptions::default()
    }
}

pub fn parts(dir: &Path) -> Vec<PathBuf> {
    loa::airlog::parts::list_parts(dir)
        .unwrap()
        .into_iter()
        .map(|p| p.path)
        .collect()
}

pub fn lines(path: &Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    bytes
        .split_inclusive(|&c| c == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

pub fn write_lines(path: &Path, lines: &[Vec<u8>]) {
    std::fs::write(path, lines.concat()).unwrap();
}

pub fn loa() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
}
