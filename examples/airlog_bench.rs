//! Airing log benchmark (run by `scripts/bench-airlog`):
//!
//! - `gen DIR [STATIONS] [RECORDS]`: a realistic signed log for a province:
//!   STATIONS stations (100) of RECORDS records each (10,000: about a year
//!   of hourly checkpoints, three airings a day, weekly restarts, the odd
//!   missed airing), one log directory per station;
//! - `verify DIR [--chain-only]`: verify every station, print records/s and
//!   peak memory;
//! - `append DIR [N]`: cost of `AirLog::append`, with and without fdatasync.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use loa::airlog::codec::{NewRecord, encode_record};
use loa::airlog::key::PublicKey;
use loa::airlog::parts::PartName;
use loa::airlog::record::*;
use loa::airlog::verify::{SignatureCheck, VerifyOptions, sources_at, verify_sources};
use loa::airlog::{AirLog, Sha256Hash};

#[path = "../tests/support/airlog/mod.rs"]
mod common;
use common::airing;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let number = |i: usize, default: usize| arg(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    match (arg(0), arg(1)) {
        (Some("gen"), Some(dir)) => generate(Path::new(dir), number(2, 100), number(3, 10_000)),
        (Some("verify"), Some(dir)) => verify(Path::new(dir), arg(2) == Some("--chain-only")),
        (Some("append"), Some(dir)) => append(Path::new(dir), number(2, 2_000)),
        _ => eprintln!("usage: airlog_bench gen|verify|append DIR [...]"),
    }
}

fn generate(dir: &Path, stations: usize, records: usize) {
    let started = Instant::now();
    std::thread::scope(|scope| {
        for share in 0..2 {
            scope.spawn(move || {
                for station in (share..stations).step_by(2) {
                    generate_station(dir, station, records);
                }
            });
        }
    });
    let total = stations * records;
    println!(
        "generated {total} records ({stations} stations) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Writes one station's log the way its daemon would over a year (but
/// without fsync: this is test data).
fn generate_station(root: &Path, station: usize, records: usize) {
    let name = format!("province/district-{:02}/commune-{station:03}", station / 10);
    let dir = root.join(&name);
    std::fs::create_dir_all(&dir).unwrap();
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&(station as u64 + 1).to_le_bytes());
    let key = SigningKey::from_bytes(&seed);
    let mut writer = StationWriter {
        dir,
        name,
        key,
        seq: 0,
        prev: Sha256Hash::ZERO,
        part: None,
    };
    let mut at = Utc.with_ymd_and_hms(2021, 1, 1, 0, 0, 0).unwrap();
    let public_key = PublicKey::of(&writer.key);
    writer.write(at, RecordKind::Genesis(Genesis { public_key }));
    let mut day = 0i64;
    while (writer.seq as usize) < records {
        for (when, kind) in day_of(at, day) {
            if writer.seq as usize >= records {
                break;
            }
            writer.write(when, kind);
        }
        day += 1;
        at += Duration::days(1);
    }
}

struct StationWriter {
    dir: PathBuf,
    name: String,
    key: SigningKey,
    seq: u64,
    prev: Sha256Hash,
    part: Option<(PartName, BufWriter<std::fs::File>)>,
}

impl StationWriter {
    fn write(&mut self, at: DateTime<Utc>, kind: RecordKind) {
        let kind = match kind {
            RecordKind::Checkpoint(_) => RecordKind::Checkpoint(Checkpoint {
                seq: self.seq - 1,
                head: self.prev,
            }),
            other => other,
        };
        let record = NewRecord {
            station: &self.name,
            seq: self.seq,
            prev: self.prev,
            at,
            kind: &kind,
        };
        let encoded = encode_record(record, &self.key).unwrap();
        let month = PartName::month_of(at);
        if self.part.as_ref().is_none_or(|(name, _)| *name != month) {
            let file = std::fs::File::create(self.dir.join(month.file_name())).unwrap();
            self.part = Some((month, BufWriter::with_capacity(1 << 20, file)));
        }
        if let Some((_, out)) = self.part.as_mut() {
            out.write_all(&encoded.line).unwrap();
        }
        self.seq += 1;
        self.prev = encoded.hash;
    }
}

/// One day of a station: hourly checkpoints, airings at 05:30, 11:00 and
/// 17:00 local (UTC+7), a weekly restart, a missed airing every 23 days.
fn day_of(midnight: DateTime<Utc>, day: i64) -> Vec<(DateTime<Utc>, RecordKind)> {
    let mut events = Vec::new();
    // The writer fills in what each checkpoint names.
    let placeholder = RecordKind::Checkpoint(Checkpoint {
        seq: 0,
        head: Sha256Hash::ZERO,
    });
    for hour in 0..24 {
        events.push((midnight + Duration::hours(hour), placeholder.clone()));
    }
    if day % 7 == 0 {
        let at = midnight + Duration::minutes(90);
        events.push((at, RecordKind::DaemonStop(DaemonStop {})));
        events.push((
            at + Duration::seconds(20),
            RecordKind::DaemonStart(DaemonStart {
                software: "loa 0.1.0".into(),
                previous_run: PreviousRun::CleanStop,
                torn_tail: None,
                broken_file: None,
            }),
        ));
        events.push((
            at + Duration::seconds(21),
            RecordKind::ConfigApplied(ConfigApplied {
                plan_hash: Sha256Hash::of_bytes(&day.to_le_bytes()),
            }),
        ));
    }
    for (n, (slot, minutes)) in [("sang", 22 * 60 + 30), ("trua", 4 * 60), ("chieu", 10 * 60)]
        .into_iter()
        .enumerate()
    {
        let scheduled = midnight + Duration::minutes(minutes);
        if (day + n as i64) % 23 == 0 {
            let reason = MissReason::DeviceFailure {
                detail: "ALSA: device not found".into(),
            };
            let missed = Missed {
                slot: slot.into(),
                scheduled,
                reason,
            };
            events.push((
                scheduled + Duration::seconds(30),
                RecordKind::Missed(missed),
            ));
            continue;
        }
        let (start, end) = airing(slot, scheduled, 3 + (day as u32 + n as u32) % 4);
        events.push((scheduled, start));
        events.push((scheduled + Duration::minutes(25), end));
    }
    events.sort_by_key(|(at, _)| *at);
    events
}

fn verify(dir: &Path, chain_only: bool) {
    let options = VerifyOptions {
        signatures: if chain_only {
            SignatureCheck::Skip
        } else {
            SignatureCheck::Batch
        },
        ..VerifyOptions::default()
    };
    let sources = sources_at(dir).unwrap();
    let started = Instant::now();
    let verdicts = verify_sources(&sources, &options);
    let seconds = started.elapsed().as_secs_f64();
    let records: u64 = verdicts.iter().map(|v| v.records).sum();
    let failed = verdicts.iter().filter(|v| !v.is_ok()).count();
    let mut bytes = 0u64;
    for source in &sources {
        for part in loa::airlog::parts::list_parts(Path::new(&source_label(source))).unwrap() {
            bytes += std::fs::metadata(part.path).unwrap().len();
        }
    }
    println!(
        "{}: {records} records ({:.0} MB, {} stations, {failed} failed) in {seconds:.2} s = {:.0} records/s on {} threads; peak memory {}",
        if chain_only {
            "chain-only"
        } else {
            "full (signatures)"
        },
        bytes as f64 / 1e6,
        sources.len(),
        records as f64 / seconds,
        options.threads,
        peak_memory(),
    );
}

fn source_label(source: &loa::airlog::verify::DirSource) -> String {
    use loa::airlog::verify::LogSource;
    source.label()
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_default()
}

fn append(dir: &Path, count: usize) {
    let key = SigningKey::from_bytes(&[1; 32]);
    let t0 = Utc.with_ymd_and_hms(2021, 3, 1, 0, 0, 0).unwrap();
    let (start, end) = airing("sang", t0, 5);
    // Encoding and signing alone: what an append costs besides the disk.
    let started = Instant::now();
    for seq in 0..count as u64 {
        let record = NewRecord {
            station: "province/district-00/commune-000",
            seq,
            prev: Sha256Hash::ZERO,
            at: t0,
            kind: &end,
        };
        std::hint::black_box(encode_record(record, &key).unwrap());
    }
    let encode = started.elapsed().as_secs_f64() / count as f64;
    let _ = std::fs::remove_dir_all(dir);
    let (mut log, _) = AirLog::open(dir, "province/district-00/commune-000", key, t0).unwrap();
    let started = Instant::now();
    for n in 0..count {
        let kind = if n % 2 == 0 {
            start.clone()
        } else {
            end.clone()
        };
        log.append(t0 + Duration::seconds(n as i64), kind).unwrap();
    }
    let total = started.elapsed().as_secs_f64() / count as f64;
    println!(
        "append: {:.1} µs to encode and sign a record (airing_end, 5 segments); {:.2} ms per append including write + fdatasync ({count} appends)",
        encode * 1e6,
        total * 1e3,
    );
}
