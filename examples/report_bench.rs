//! Report benchmark (run by `scripts/bench-report`):
//!
//! - `gen DIR [STATIONS] [RECORDS]`: a province's year of signed logs:
//!   STATIONS stations (100, ten districts of ten communes) of RECORDS
//!   records each (10,000: hourly checkpoints, three airings a day of four
//!   to six segments over eleven topics and two languages, a weekly restart,
//!   a missed airing now and then), one log directory per station,
//!   written without fsync (test data);
//! - `run LOA DIR OUT [ARGS…]`: runs `LOA report DIR --period 2021 -o OUT
//!   ARGS…` and prints wall time, records per second and the peak memory
//!   of the process.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ed25519_dalek::SigningKey;
use loa::airlog::Sha256Hash;
use loa::airlog::codec::{NewRecord, encode_record};
use loa::airlog::key::PublicKey;
use loa::airlog::parts::PartName;
use loa::airlog::record::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let number = |i: usize, default: usize| arg(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    match (arg(0), arg(1)) {
        (Some("gen"), Some(dir)) => generate(Path::new(dir), number(2, 100), number(3, 10_000)),
        (Some("run"), Some(loa)) => run(loa, &args[2..]),
        _ => eprintln!("usage: report_bench gen DIR [STATIONS] [RECORDS] | run LOA DIR OUT [ARGS]"),
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
    println!(
        "generated {} records ({stations} stations) in {:.1} s",
        stations * records,
        started.elapsed().as_secs_f64()
    );
}

fn run(loa: &str, rest: &[String]) {
    let (Some(dir), Some(out)) = (rest.first(), rest.get(1)) else {
        eprintln!("usage: report_bench run LOA DIR OUT [ARGS]");
        return;
    };
    let records = count_lines(Path::new(dir));
    let started = Instant::now();
    let status = Command::new(loa)
        .args(["report", dir, "--period", "2021", "-o", out])
        .args(&rest[2..])
        .status()
        .expect("run loa");
    let seconds = started.elapsed().as_secs_f64();
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let cpu = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu_seconds = cpu(usage.ru_utime) + cpu(usage.ru_stime);
    println!(
        "loa report {out}: {records} records in {seconds:.1} s wall ({:.0} records/s), \
         {cpu_seconds:.1} s CPU in all (so between {:.1} and {cpu_seconds:.1} s wall on two \
         idle cores), peak memory {:.0} MB, exit {}",
        records as f64 / seconds,
        cpu_seconds / 2.0,
        usage.ru_maxrss as f64 / 1024.0,
        status.code().unwrap_or(-1)
    );
}

fn count_lines(dir: &Path) -> usize {
    let mut lines = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            lines += count_lines(&path);
        } else if path.extension().is_some_and(|e| e == "jsonl") {
            let bytes = std::fs::read(&path).unwrap_or_default();
            lines += bytes.iter().filter(|&&b| b == b'\n').count();
        }
    }
    lines
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
                seq: self.seq.saturating_sub(1),
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
        let encoded = encode_record(record, &self.key).expect("encodes");
        let month = PartName::month_of(at);
        if self.part.as_ref().is_none_or(|(name, _)| *name != month) {
            let file = std::fs::File::create(self.dir.join(month.file_name())).expect("create");
            self.part = Some((month, BufWriter::with_capacity(1 << 20, file)));
        }
        if let Some((_, out)) = self.part.as_mut() {
            out.write_all(&encoded.line).expect("write");
        }
        self.seq += 1;
        self.prev = encoded.hash;
    }
}

fn generate_station(root: &Path, station: usize, records: usize) {
    let name = format!("bench/district-{:02}/commune-{station:03}", station / 10);
    let dir = root.join(&name);
    std::fs::create_dir_all(&dir).expect("mkdir");
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
    // Local midnight of 1 January 2021 in Vietnam (UTC+7).
    let mut midnight = Utc.with_ymd_and_hms(2020, 12, 31, 17, 0, 0).unwrap();
    let public_key = PublicKey::of(&writer.key);
    writer.write(midnight, RecordKind::Genesis(Genesis { public_key }));
    let mut day = 0u64;
    while (writer.seq as usize) < records {
        for (at, kind) in day_of(midnight, day, station as u64) {
            if writer.seq as usize >= records {
                break;
            }
            writer.write(at, kind);
        }
        day += 1;
        midnight += Duration::days(1);
    }
}

/// One day: a restart on Mondays, hourly checkpoints, airings at 05:30,
/// 11:00 and 17:00, one missed every 23 days.
fn day_of(midnight: DateTime<Utc>, day: u64, station: u64) -> Vec<(DateTime<Utc>, RecordKind)> {
    let mut events = Vec::new();
    if day.is_multiple_of(7) {
        events.push((
            midnight + Duration::minutes(1),
            RecordKind::DaemonStop(DaemonStop {}),
        ));
        let start = RecordKind::DaemonStart(DaemonStart {
            software: "loa 0.1.0".into(),
            previous_run: PreviousRun::CleanStop,
            torn_tail: None,
            broken_file: None,
        });
        events.push((midnight + Duration::minutes(2), start));
    }
    let placeholder = RecordKind::Checkpoint(Checkpoint {
        seq: 0,
        head: Sha256Hash::ZERO,
    });
    for hour in 0..24 {
        events.push((midnight + Duration::hours(hour), placeholder.clone()));
    }
    for (index, (slot, minutes)) in [("sang", 330), ("trua", 660), ("chieu", 1020)]
        .into_iter()
        .enumerate()
    {
        let scheduled = midnight + Duration::minutes(minutes);
        let n = day * 3 + index as u64 + station;
        if n.is_multiple_of(23) {
            let missed = Missed {
                slot: slot.into(),
                scheduled,
                reason: MissReason::DeviceFailure {
                    detail: "no such device".into(),
                },
            };
            events.push((scheduled + Duration::seconds(1), RecordKind::Missed(missed)));
            continue;
        }
        events.extend(airing(slot, scheduled, n));
    }
    events.sort_by_key(|(at, _)| *at);
    events
}

fn airing(slot: &str, scheduled: DateTime<Utc>, n: u64) -> Vec<(DateTime<Utc>, RecordKind)> {
    let count = 4 + (n % 3) as usize;
    let segments: Vec<SegmentAired> = (0..count)
        .map(|i| {
            let topic = ((n + i as u64) % 11 + 1) as u32;
            let mut sha = [0u8; 32];
            sha[0] = topic as u8;
            sha[1] = (n % 5) as u8;
            SegmentAired {
                file: format!("cchc/{topic:02}-ban-tin.mp3"),
                sha256: Sha256Hash(sha),
                title: format!("Bản tin cải cách hành chính số {topic}"),
                topic,
                language: if (n + i as u64).is_multiple_of(9) {
                    "km"
                } else {
                    "vi"
                }
                .into(),
                aired_ms: 120_000 + (n % 60) * 1000,
                outcome: SegmentOutcome::Aired,
            }
        })
        .collect();
    let aired: u64 = segments.iter().map(|s| s.aired_ms).sum();
    let ended = scheduled + Duration::milliseconds(aired as i64);
    let start = AiringStart {
        slot: slot.into(),
        scheduled,
        started: scheduled,
        manual: false,
        segments: segments
            .iter()
            .map(|s| PlannedSegment {
                file: s.file.clone(),
                sha256: s.sha256,
                title: s.title.clone(),
                topic: s.topic,
                language: s.language.clone(),
                duration_ms: s.aired_ms,
            })
            .collect(),
    };
    let end = AiringEnd {
        slot: slot.into(),
        scheduled,
        started: scheduled,
        ended,
        outcome: AiringOutcome::Completed,
        late_ms: 0,
        manual: false,
        segments,
        interruptions: Vec::new(),
        relay: None,
    };
    vec![
        (scheduled, RecordKind::AiringStart(start)),
        (ended, RecordKind::AiringEnd(end)),
    ]
}
