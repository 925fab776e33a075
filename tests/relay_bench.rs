//! Relay figures, printed rather than asserted (run by `scripts/bench-relay`):
//! the relay thread's CPU time per minute of relayed audio, and the
//! process's peak memory while a server sends 20× faster than real time.

#[path = "support/relay/mod.rs"]
mod relay_support;

use std::time::{Duration, Instant};

use loa::relay::{Relay, RelayEventKind, RelayOptions, RelayUrl};
use relay_support::Server;
use relay_support::audio::{Encoding, SECONDS, encoded};

/// Serves `minutes` of the test mp3, looped, at `speed` × real time
/// (unpaced when `None`), then holds the connection.
fn mp3_server(minutes: f64, speed: Option<f64>) -> Server {
    Server::start(move |request, conn| {
        if request.index > 0 || !conn.ok("audio/mpeg", None) {
            return;
        }
        let mp3 = encoded(Encoding::Mp3);
        for _ in 0..(minutes * 60.0 / SECONDS).round() as usize {
            let sent = match speed {
                Some(speed) => conn.send_paced(&mp3, Encoding::Mp3.byte_rate() * speed),
                None => conn.send(&mp3),
            };
            if !sent {
                return;
            }
        }
        conn.hold(Duration::from_secs(30));
    })
}

/// CPU seconds (user + system) used so far by the thread named `name`.
fn thread_cpu(name: &str) -> Option<f64> {
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() != name {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).ok()?;
        // Fields after the ")" that ends the name: state is field 3, utime 14.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let utime: f64 = fields.get(11)?.parse().ok()?;
        let stime: f64 = fields.get(12)?.parse().ok()?;
        return Some((utime + stime) / ticks);
    }
    None
}

/// A line of /proc/self/status, in MiB (`VmHWM`, `VmRSS`).
fn memory_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn url(server: &Server) -> RelayUrl {
    RelayUrl::parse(&server.url("/live")).expect("url")
}

#[test]
#[ignore = "a bench: scripts/bench-relay runs it"]
fn bench_relay_cpu_per_minute_and_memory_with_a_20x_server() {
    encoded(Encoding::Mp3);

    // CPU: a minute of 128 kbit/s 44.1 kHz mp3, sent as fast as the relay
    // takes it, drained as fast as it is decoded (no overrun).
    let minutes = 2.0;
    let server = mp3_server(minutes, None);
    let mut relay = Relay::start(&url(&server), RelayOptions::default());
    let wanted = (minutes * 60.0 * 48_000.0) as usize * 2 - 48_000 * 2;
    let mut out = vec![0.0f32; 48_000 * 2];
    let (mut got, started) = (0, Instant::now());
    while got < wanted && started.elapsed() < Duration::from_secs(120) {
        let count = relay.read(&mut out);
        got += count;
        if count == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    let cpu = thread_cpu("loa-relay").unwrap_or(f64::NAN);
    let relayed = got as f64 / 2.0 / 48_000.0 / 60.0;
    drop(relay);
    println!(
        "relay thread CPU: {:.3} s per relayed minute ({:.2} % of one core at real time; \
         {relayed:.2} min in {:.1} s wall)",
        cpu / relayed,
        cpu / relayed / 60.0 * 100.0,
        started.elapsed().as_secs_f64()
    );

    // Memory: a 20× server for 20 s (400 s of audio) into a relay nobody
    // reads (the worst case: every packet overruns).
    let before = memory_mib("VmRSS");
    let server = mp3_server(400.0 / 60.0, Some(20.0));
    let mut relay = Relay::start(&url(&server), RelayOptions::default());
    let started = Instant::now();
    let (mut most, mut dropped) = (Duration::ZERO, Duration::ZERO);
    let mut peak_rss: f64 = 0.0;
    while started.elapsed() < Duration::from_secs(20) {
        most = most.max(relay.buffered());
        peak_rss = peak_rss.max(memory_mib("VmRSS"));
        for event in relay.take_events() {
            if let RelayEventKind::Overrun { dropped: more } = event.kind {
                dropped += more;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let cpu = thread_cpu("loa-relay").unwrap_or(f64::NAN);
    drop(relay);
    println!(
        "20x server for 20 s: RSS {before:.1} MiB before, peak {peak_rss:.1} MiB \
         (+{:.1} MiB), process VmHWM {:.1} MiB; buffer at most {:.2} s (target 3 s, cap 6 s); \
         {:.0} s of audio dropped as overrun; relay thread CPU {cpu:.2} s",
        peak_rss - before,
        memory_mib("VmHWM"),
        most.as_secs_f64(),
        dropped.as_secs_f64()
    );
}
