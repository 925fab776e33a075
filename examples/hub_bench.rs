//! `scripts/bench-hub`: the hub's figures for issue 15.
//!
//! ```text
//! hub_bench gen DIR STATIONS RECORDS     signed logs of STATIONS stations
//! hub_bench run LOA DIR [SPEEDUP SECONDS] catch-up ingest, fleet page, live load
//! ```
//!
//! `run` starts the real `loa hub` (binary LOA) over loopback HTTPS with a
//! certificate made here, then measures: (1) catch-up: every generated
//! record posted in batches of up to 2,000 lines or 1 MiB by 8 concurrent uploaders, records/s;
//! (2) the fleet page for all stations, median of 20 loads; (3) live load:
//! every station sends a heartbeat a minute and 20 airings (40 records) a
//! day, SPEEDUP times faster than real for SECONDS, the hub's CPU and RSS
//! read from /proc (CPU divided by SPEEDUP gives the real-rate figure).

#[path = "../tests/support/airlog/mod.rs"]
mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use ed25519_dalek::SigningKey;
use loa::airlog::codec::{NewRecord, encode_record};
use loa::airlog::record::{Genesis, RecordKind};
use loa::airlog::{PublicKey, PublicKeyFile, Sha256Hash};
use loa::hub::protocol::{Heartbeat, HeartbeatStatus, seal_heartbeat};

const PASSWORD: &str = "mat-khau-bench-2026";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("gen") if args.len() == 5 => generate(
            Path::new(&args[2]),
            args[3].parse().expect("STATIONS"),
            args[4].parse().expect("RECORDS"),
        ),
        Some("run") if args.len() >= 4 => run(
            Path::new(&args[2]),
            Path::new(&args[3]),
            args.get(4).map_or(10.0, |s| s.parse().expect("SPEEDUP")),
            args.get(5).map_or(30, |s| s.parse().expect("SECONDS")),
        ),
        _ => {
            eprintln!("usage: hub_bench gen DIR STATIONS RECORDS | run LOA DIR [SPEEDUP SECONDS]");
            std::process::exit(2);
        }
    }
}

fn station_id(n: usize) -> String {
    format!("tinh/huyen-{:02}/xa-{n:04}", n % 50)
}

fn station_key(n: usize) -> SigningKey {
    let mut seed = [7u8; 32];
    seed[..8].copy_from_slice(&(n as u64).to_le_bytes());
    SigningKey::from_bytes(&seed)
}

/// One station's chain head while generating.
struct Chain {
    id: String,
    key: SigningKey,
    seq: u64,
    prev: Sha256Hash,
}

impl Chain {
    fn new(n: usize) -> Self {
        Self {
            id: station_id(n),
            key: station_key(n),
            seq: 0,
            prev: Sha256Hash::ZERO,
        }
    }

    fn next(&mut self, at: chrono::DateTime<Utc>, kind: &RecordKind) -> Vec<u8> {
        let encoded = encode_record(
            NewRecord {
                station: &self.id,
                seq: self.seq,
                prev: self.prev,
                at,
                kind,
            },
            &self.key,
        )
        .expect("encode");
        self.seq += 1;
        self.prev = encoded.hash;
        encoded.line
    }

    fn genesis(&mut self, at: chrono::DateTime<Utc>) -> Vec<u8> {
        let kind = RecordKind::Genesis(Genesis {
            public_key: PublicKey::of(&self.key),
        });
        self.next(at, &kind)
    }
}

fn generate(dir: &Path, stations: usize, records: usize) {
    std::fs::create_dir_all(dir.join("lines")).expect("dir");
    let started = Instant::now();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if n >= stations {
                        return;
                    }
                    let mut chain = Chain::new(n);
                    let t0 = common::t0();
                    let mut out = chain.genesis(t0);
                    let mut k = 0i64;
                    while (chain.seq as usize) < records {
                        // 20 airings a day: one every 72 minutes.
                        let at = t0 + chrono::Duration::minutes(72 * k);
                        let (start, end) = common::airing("sang", at, 1);
                        out.extend(chain.next(at, &start));
                        if (chain.seq as usize) < records {
                            out.extend(chain.next(at + chrono::Duration::minutes(5), &end));
                        }
                        k += 1;
                    }
                    std::fs::write(dir.join("lines").join(format!("{n}.jsonl")), out)
                        .expect("write");
                }
            });
        }
    });
    println!(
        "generated {stations} stations × {records} records in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

struct HubUnderTest {
    child: Child,
    base: String,
    client: reqwest::Client,
}

impl Drop for HubUnderTest {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_hub(loa: &Path, work: &Path, stations: usize) -> HubUnderTest {
    let _ = std::fs::remove_dir_all(work);
    prepare(loa, work, stations);
    launch(loa, work)
}

/// The hub's folder: a test certificate, the stations' keys, an officer.
fn prepare(loa: &Path, work: &Path, stations: usize) {
    std::fs::create_dir_all(work.join("stations")).expect("work dir");
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).expect("certificate");
    std::fs::write(work.join("cert.pem"), certified.cert.pem()).expect("cert");
    std::fs::write(work.join("key.pem"), certified.signing_key.serialize_pem()).expect("key");
    for n in 0..stations {
        PublicKeyFile {
            station: station_id(n),
            key: PublicKey::of(&station_key(n)),
        }
        .write(&work.join(format!("stations/{n}.pub")))
        .expect("pub");
    }
    std::fs::write(
        work.join("hub.toml"),
        "[hub]\nlisten = \"127.0.0.1:0\"\nstore = \"store\"\nstations = \"stations\"\n\
         users = \"users\"\n[tls]\ncert = \"cert.pem\"\nkey = \"key.pem\"\n",
    )
    .expect("hub.toml");
    let mut add = Command::new(loa)
        .args(["hub", "user", "add", "bench", "-c"])
        .arg(work.join("hub.toml"))
        .stdin(Stdio::piped())
        .spawn()
        .expect("user add");
    add.stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("password");
    assert!(add.wait().expect("user add").success());
}

/// Starts `loa hub` on a prepared folder and waits until it listens.
fn launch(loa: &Path, work: &Path) -> HubUnderTest {
    let cert_pem = std::fs::read_to_string(work.join("cert.pem")).expect("cert");
    let mut child = Command::new(loa)
        .args(["hub", "-c"])
        .arg(work.join("hub.toml"))
        .env("LOA_LOG", "warn")
        .stderr(Stdio::piped())
        .spawn()
        .expect("loa hub");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let base = loop {
        let line = lines.next().expect("hub started").expect("line");
        if let Some(at) = line.find("https://") {
            break line[at..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(cert_pem.as_bytes()).expect("pem")])
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    HubUnderTest {
        child,
        base,
        client,
    }
}

/// The hub's CPU time so far (user + system) and its RSS and peak RSS.
fn usage(pid: u32) -> (Duration, u64, u64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks: u64 = fields.get(11).and_then(|f| f.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|f| f.parse().ok()).unwrap_or(0);
    let hz = 100.0;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (
        Duration::from_secs_f64(ticks as f64 / hz),
        kb("VmRSS:"),
        kb("VmHWM:"),
    )
}

fn run(loa: &Path, dir: &Path, speedup: f64, seconds: u64) {
    let files: Vec<PathBuf> = {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("lines"))
            .expect("run gen first")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort_by_key(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<usize>().ok())
                .unwrap_or(0)
        });
        files
    };
    let stations = files.len();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let hub = start_hub(loa, &dir.join("hub"), stations);
    let pid = hub.child.id();
    println!(
        "load average before: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );

    // 1. Catch-up.
    let hub = Arc::new(hub);
    let (cpu_before, _, _) = usage(pid);
    let started = Instant::now();
    let total: usize = runtime.block_on(async {
        let files = Arc::new(files);
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (hub, files, next) = (Arc::clone(&hub), Arc::clone(&files), Arc::clone(&next));
            tasks.push(tokio::spawn(async move {
                let mut posted = 0usize;
                while let Some(path) =
                    files.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    let bytes = std::fs::read(path).expect("lines");
                    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
                    for batch in batches(&lines) {
                        let body = batch.concat();
                        let answer = hub
                            .client
                            .post(format!("{}/api/v1/records", hub.base))
                            .body(body)
                            .send()
                            .await
                            .expect("post");
                        assert!(answer.status().is_success(), "{:?}", answer.text().await);
                        posted += batch.len();
                    }
                }
                posted
            }));
        }
        let mut total = 0;
        for task in tasks {
            total += task.await.expect("uploader");
        }
        total
    });
    let elapsed = started.elapsed().as_secs_f64();
    let (cpu_after, rss, peak) = usage(pid);
    println!(
        "catch-up: {total} records from {stations} stations in {elapsed:.1} s = {:.0} records/s \
         (hub CPU {:.0} % of one core; RSS {} MB, peak {} MB)",
        total as f64 / elapsed,
        (cpu_after - cpu_before).as_secs_f64() / elapsed * 100.0,
        rss / 1024,
        peak / 1024
    );

    // 2. The fleet page.
    let times = runtime.block_on(async {
        let login = hub
            .client
            .post(format!("{}/login", hub.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("name=bench&password={PASSWORD}"))
            .send()
            .await
            .expect("login");
        let cookie = login.headers()["set-cookie"]
            .to_str()
            .expect("cookie")
            .split(';')
            .next()
            .expect("pair")
            .to_string();
        let mut times = Vec::new();
        for _ in 0..20 {
            let started = Instant::now();
            let page = hub
                .client
                .get(format!("{}/", hub.base))
                .header("cookie", &cookie)
                .send()
                .await
                .expect("fleet");
            let body = page.bytes().await.expect("body");
            times.push(started.elapsed());
            assert!(body.len() > stations * 100);
        }
        times.sort();
        times
    });
    println!(
        "fleet page, {stations} stations: median {:.1} ms, slowest {:.1} ms",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0
    );

    // 3. Live load, time-compressed.
    let heartbeats_per_second = stations as f64 / 60.0 * speedup;
    let records_per_second = stations as f64 * 40.0 / 86_400.0 * speedup;
    let (cpu_before, _, _) = usage(pid);
    let started = Instant::now();
    let (beats, records) = runtime.block_on(live(
        Arc::clone(&hub),
        stations,
        heartbeats_per_second,
        records_per_second,
        Duration::from_secs(seconds),
    ));
    let elapsed = started.elapsed().as_secs_f64();
    let (cpu_after, rss, peak) = usage(pid);
    let cpu = (cpu_after - cpu_before).as_secs_f64() / elapsed * 100.0;
    println!(
        "live load ×{speedup}: {beats} heartbeats and {records} records in {elapsed:.0} s; hub CPU \
         {cpu:.2} % of one core (≈ {:.2} % at the real rate), RSS {} MB, peak {} MB",
        cpu / speedup,
        rss / 1024,
        peak / 1024
    );

    // 4. A restart: the whole store verified and read again.
    let Ok(mut hub) = Arc::try_unwrap(hub) else {
        panic!("uploads still running");
    };
    let _ = hub.child.kill();
    let _ = hub.child.wait();
    drop(hub);
    let started = Instant::now();
    let restarted = launch(loa, &dir.join("hub"));
    let (_, rss, peak) = usage(restarted.child.id());
    println!(
        "restart: store of {stations} stations verified and loaded in {:.1} s (RSS {} MB, peak {} MB)",
        started.elapsed().as_secs_f64(),
        rss / 1024,
        peak / 1024
    );
}

/// Lines cut into batches the protocol allows (count and bytes).
fn batches<'a>(lines: &'a [&'a [u8]]) -> Vec<&'a [&'a [u8]]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (index, line) in lines.iter().enumerate() {
        let full = index - start == loa::hub::protocol::MAX_BATCH_RECORDS
            || bytes + line.len() > loa::hub::protocol::MAX_BATCH_BYTES;
        if full {
            out.push(&lines[start..index]);
            (start, bytes) = (index, 0);
        }
        bytes += line.len();
    }
    if start < lines.len() {
        out.push(&lines[start..]);
    }
    out
}

/// Heartbeats and airing records at the given rates, spread over stations.
async fn live(
    hub: Arc<HubUnderTest>,
    stations: usize,
    beats_per_second: f64,
    records_per_second: f64,
    length: Duration,
) -> (u64, u64) {
    let mut chains: Vec<Chain> = (0..stations)
        .map(|n| {
            let mut chain = Chain::new(n);
            chain.seq = u64::MAX;
            chain
        })
        .collect();
    let started = Instant::now();
    let (mut beats, mut records) = (0u64, 0u64);
    let mut counter = Utc::now().timestamp_millis() as u64;
    let tick = Duration::from_millis(100);
    let mut pending = Vec::new();
    while started.elapsed() < length {
        let due_beats = (started.elapsed().as_secs_f64() * beats_per_second) as u64;
        let due_records = (started.elapsed().as_secs_f64() * records_per_second) as u64;
        while beats < due_beats {
            let n = (beats as usize) % stations;
            counter += 1;
            let line = seal_heartbeat(
                &chains[n].key,
                &Heartbeat {
                    station: chains[n].id.clone(),
                    counter,
                    at: loa::airlog::time::format_instant(Utc::now()),
                    status: HeartbeatStatus {
                        on_air: None,
                        output: "ok".into(),
                        output_detail: None,
                        config_errors: 0,
                        next_airing: None,
                        log_next_seq: 0,
                        dead_air_count: 0,
                        last_dead_air: None,
                    },
                },
            );
            let hub = Arc::clone(&hub);
            pending.push(tokio::spawn(async move {
                let _ = hub
                    .client
                    .post(format!("{}/api/v1/heartbeat", hub.base))
                    .body(line)
                    .send()
                    .await;
            }));
            beats += 1;
        }
        while records < due_records {
            let n = (records as usize * 7919) % stations;
            let chain = &mut chains[n];
            if chain.seq == u64::MAX {
                let head: serde_json::Value = hub
                    .client
                    .get(format!(
                        "{}/api/v1/head?station={}",
                        hub.base,
                        chain.id.replace('/', "%2F")
                    ))
                    .send()
                    .await
                    .expect("head")
                    .bytes()
                    .await
                    .ok()
                    .and_then(|b| serde_json::from_slice(&b).ok())
                    .unwrap_or_default();
                chain.seq = head["next_seq"].as_u64().unwrap_or(0);
                chain.prev = Sha256Hash::from_hex(head["head"].as_str().unwrap_or("").as_bytes())
                    .unwrap_or(Sha256Hash::ZERO);
            }
            let now = Utc::now();
            let (start, _) = common::airing("sang", now, 1);
            let line = if chain.seq == 0 {
                chain.genesis(now)
            } else {
                chain.next(now, &start)
            };
            let hub = Arc::clone(&hub);
            pending.push(tokio::spawn(async move {
                let _ = hub
                    .client
                    .post(format!("{}/api/v1/records", hub.base))
                    .body(line)
                    .send()
                    .await;
            }));
            records += 1;
        }
        pending.retain(|task| !task.is_finished());
        tokio::time::sleep(tick).await;
    }
    for task in pending {
        let _ = task.await;
    }
    (beats, records)
}
