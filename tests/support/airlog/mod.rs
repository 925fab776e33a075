//! Shared helpers for the airing log tests and its benchmark (included
//! with `#[path]`).

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
        interruptions: Vec::new(),
        relay: None,
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

/// Every complete line of a station's log, month file by month file, each
/// with its newline, as the writer wrote it and an uploader sends it.
pub fn log_lines(dir: &Path) -> Vec<Vec<u8>> {
    let mut complete = Vec::new();
    for part in parts(dir) {
        complete.extend(
            lines(&part)
                .into_iter()
                .filter(|line| line.ends_with(b"\n")),
        );
    }
    complete
}

pub fn write_lines(path: &Path, lines: &[Vec<u8>]) {
    std::fs::write(path, lines.concat()).unwrap();
}

/// A line from a body, a hash and a signature, as the writer lays it out.
pub fn assemble(body: &[u8], hash: Sha256Hash, signature: &[u8; 64]) -> Vec<u8> {
    let mut line = b"{\"body\":".to_vec();
    line.extend_from_slice(body);
    line.extend_from_slice(b",\"hash\":\"");
    line.extend_from_slice(hash.to_hex().as_bytes());
    line.extend_from_slice(b"\",\"sig\":\"");
    line.extend_from_slice(loa::airlog::b64::encode(signature).as_bytes());
    line.extend_from_slice(b"\"}\n");
    line
}

/// Splits a stored line into body and signature.
pub fn body_and_signature(line: &[u8]) -> (Vec<u8>, [u8; 64]) {
    let raw = loa::airlog::codec::split_line(line.strip_suffix(b"\n").unwrap()).unwrap();
    (raw.body.to_vec(), raw.signature)
}

/// Rewrites a line with `edit` applied to its body; the hash is
/// recomputed, and the signature is either kept or made with `signer`.
pub fn rewrite(line: &[u8], edit: impl Fn(&str) -> String, signer: Option<&SigningKey>) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let (body, signature) = body_and_signature(line);
    let body = edit(std::str::from_utf8(&body).unwrap()).into_bytes();
    let hash = Sha256Hash::of_record_body(&body);
    let signature = signer.map_or(signature, |key| key.sign(&hash.0).to_bytes());
    assemble(&body, hash, &signature)
}

/// The hash stored in a line.
pub fn hash_of(line: &[u8]) -> Sha256Hash {
    loa::airlog::codec::split_line(line.strip_suffix(b"\n").unwrap())
        .unwrap()
        .stored_hash
}

/// Re-links lines `from..` to the line before them (new `prev`, new hash),
/// keeping old signatures unless `signer` is given: what someone who
/// edits a record must do to every later record.
pub fn rechain(lines: &mut [Vec<u8>], from: usize, signer: Option<&SigningKey>) {
    for i in from.max(1)..lines.len() {
        let prev = hash_of(&lines[i - 1]).to_hex();
        lines[i] = rewrite(
            &lines[i],
            |body| {
                let body = replace_hash_after(body, "\"prev\":\"", &prev);
                // A checkpoint names the record before it: fix that too.
                match body.contains("\"head\":\"") {
                    true => replace_hash_after(&body, "\"head\":\"", &prev),
                    false => body,
                }
            },
            signer,
        );
    }
}

fn replace_hash_after(body: &str, key: &str, hash: &str) -> String {
    let start = body.find(key).unwrap() + key.len();
    format!("{}{}{}", &body[..start], hash, &body[start + 64..])
}

/// Writes a log to disk from lines, as one month file.
pub fn single_file_log(dir: &Path, lines: &[Vec<u8>]) {
    for part in parts(dir) {
        std::fs::remove_file(part).unwrap();
    }
    write_lines(&dir.join("air-2021-03.jsonl"), lines);
}
