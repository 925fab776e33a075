//! The uploader's cost on the station, printed rather than asserted (run
//! by `scripts/bench-upload`): two daemons side by side on the same
//! schedule, one uploading to a loopback HTTPS receiver and one not; the
//! CPU each process used, and the upload thread's own.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/upload/mod.rs"]
mod upload_support;

use std::time::{Duration, Instant};

use upload_support::station::STATION_ID;
use upload_support::{Receiver, UploadingStation};

/// An airing of the two 3-second tones every minute: some hundred times
/// the records of a real station's day, so the upload has work to do.
const EVERY_MINUTE: &str =
    "[[slot]]\nname = \"moi-phut\"\ncron = \"0 * * * * *\"\nplaylist = \"cchc\"\nmax = \"1m\"\n";

/// CPU seconds (user + system) in a `/proc/…/stat` line.
fn stat_cpu(stat: &str) -> f64 {
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // After the name: state is field 3; utime and stime are fields 14, 15.
    let field = |n: usize| {
        fields
            .get(n - 3)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (field(14) + field(15)) / ticks
}

fn process_cpu(pid: u32) -> f64 {
    stat_cpu(&std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default())
}

/// CPU seconds of the thread named `name` in process `pid`.
fn thread_cpu(pid: u32, name: &str) -> f64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return f64::NAN;
    };
    for task in tasks.flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() == name {
            return stat_cpu(
                &std::fs::read_to_string(task.path().join("stat")).unwrap_or_default(),
            );
        }
    }
    f64::NAN
}

#[test]
#[ignore = "a bench: scripts/bench-upload runs it"]
fn bench_upload_cpu_with_and_without_upload() {
    let minutes: f64 = std::env::var("LOA_BENCH_MINUTES")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(3.0);
    let receiver = Receiver::start(STATION_ID);
    let mut plain = UploadingStation::without_upload(EVERY_MINUTE);
    let mut uploading = UploadingStation::new(&receiver.url(), &receiver.cert_pem, EVERY_MINUTE);
    receiver.register(uploading.generate_key());
    plain.start();
    uploading.start();
    // Airings from before the start air late within grace by design: not
    // counted in the lateness.
    let started = chrono::Utc::now() + chrono::Duration::seconds(3);
    // Startup (loading the plan, measuring the audio) is the same for both
    // and not the upload's.
    std::thread::sleep(Duration::from_secs(10));
    let (plain_pid, uploading_pid) = (plain.pid(), uploading.pid());
    let before = (
        process_cpu(plain_pid),
        process_cpu(uploading_pid),
        thread_cpu(uploading_pid, "loa-upload"),
    );
    let began = Instant::now();
    std::thread::sleep(Duration::from_secs_f64(minutes * 60.0));
    let wall = began.elapsed().as_secs_f64();
    let after = (
        process_cpu(plain_pid),
        process_cpu(uploading_pid),
        thread_cpu(uploading_pid, "loa-upload"),
    );
    let percent = |cpu: f64| cpu / wall * 100.0;
    let held = receiver.store().lines.len();
    let beats = receiver.store().heartbeats.len();
    println!(
        "upload CPU over {:.1} min ({} airings, {held} records and {beats} heartbeats at the hub):\n\
         daemon without upload: {:.3} %   daemon with upload: {:.3} %   \
         difference: {:+.3} %   upload thread: {:.3} % of one core",
        wall / 60.0,
        uploading.airing_ends().len(),
        percent(after.0 - before.0),
        percent(after.1 - before.1),
        percent((after.1 - before.1) - (after.0 - before.0)),
        percent(after.2 - before.2),
    );
    let lateness = |station: &UploadingStation| {
        let late: Vec<i64> = station
            .airing_ends()
            .iter()
            .filter(|end| end.scheduled > started)
            .map(|end| end.late_ms)
            .collect();
        let worst = late.iter().map(|ms| ms.abs()).max().unwrap_or(0);
        format!(
            "{} airings scheduled after the start, worst {worst} ms from its instant",
            late.len()
        )
    };
    println!(
        "lateness without upload: {}   with upload: {}",
        lateness(&plain),
        lateness(&uploading)
    );
    plain.stop();
    uploading.stop();
}
