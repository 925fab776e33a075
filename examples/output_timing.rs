//! Prints the outputs' timing and memory figures (run by
//! `scripts/bench-output`): how long `open` takes, how long the first
//! `write` at the instant takes to return, where the device placed the
//! first frame relative to its start instant, and the peak memory of the
//! device process and of this process (standing in for the daemon).
//!
//! Usage: output_timing --worker PATH [--asoundrc PATH] [--device NAME] [--runs N]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use loa::playout::output::{DeviceOutput, NullOutput, Output, WavOutput};

struct Args {
    worker: PathBuf,
    asoundrc: Option<PathBuf>,
    device: String,
    runs: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        worker: PathBuf::new(),
        asoundrc: None,
        device: "default".into(),
        runs: 30,
    };
    let mut words = std::env::args().skip(1);
    while let Some(flag) = words.next() {
        let value = words.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--worker" => args.worker = value.into(),
            "--asoundrc" => args.asoundrc = Some(value.into()),
            "--device" => args.device = value,
            "--runs" => args.runs = value.parse().map_err(|_| "--runs needs a number")?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if args.worker.as_os_str().is_empty() {
        return Err("--worker PATH (the loa binary) is required".into());
    }
    Ok(args)
}

/// Milliseconds at the given quantile of `values` (sorted here).
fn quantile(values: &mut [f64], q: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let index = ((values.len() - 1) as f64 * q).round() as usize;
    values[index]
}

fn print_figure(name: &str, values: &mut [f64]) {
    println!(
        "{name:<44} p50 {:>8.3}  p99 {:>8.3}  max {:>8.3}  (n={})",
        quantile(values, 0.5),
        quantile(values, 0.99),
        quantile(values, 1.0),
        values.len()
    );
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// VmHWM (peak resident memory) of `pid`, in KiB.
fn peak_rss_kb(pid: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn program(seconds: f64) -> Vec<f32> {
    let frames = (seconds * 48_000.0) as usize;
    (0..frames)
        .flat_map(|n| {
            let value = 0.5 * (n as f32 * 440.0 * std::f32::consts::TAU / 48_000.0).sin();
            [value, value]
        })
        .collect()
}

/// One airing on `output`: open, wait for the instant, write the first
/// 10 ms, then the rest, drain, close. Returns (open, first write) times.
fn airing(output: &mut dyn Output, lead: Duration) -> (Duration, Duration) {
    let audio = program(0.25);
    let opened = Instant::now();
    output.open().expect("open");
    let open_took = opened.elapsed();
    std::thread::sleep(lead);
    let (first, rest) = audio.split_at(960);
    let instant = Instant::now();
    output.write(first).expect("first write");
    let first_write_took = instant.elapsed();
    output.write(rest).expect("write");
    output.drain().expect("drain");
    (open_took, first_write_took)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("output_timing: {message}");
            std::process::exit(2);
        }
    };
    let mut device = DeviceOutput::new(&args.device, &args.worker);
    if let Some(asoundrc) = &args.asoundrc {
        let capture = std::env::temp_dir().join("loa-bench-capture.raw");
        device = device
            .with_worker_env("ALSA_CONFIG_PATH", asoundrc)
            .with_worker_env("LOA_ALSA_CAPTURE", capture);
    }
    let (mut open, mut first_write, mut placement, mut worker_rss) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut latency = Duration::ZERO;
    for _ in 0..args.runs {
        let (open_took, write_took) = airing(&mut device, Duration::from_millis(300));
        let report = device.report().expect("an open session");
        latency = report.latency;
        if let (Some(start), Some(first)) =
            (report.start_at_monotonic_ns, report.first_data_monotonic_ns)
        {
            placement.push((first as f64 - start as f64) / 1e6);
        }
        if let Some(pid) = device.worker_pid() {
            worker_rss.push(peak_rss_kb(&pid.to_string()) as f64 / 1024.0);
        }
        device.close();
        open.push(millis(open_took));
        first_write.push(millis(write_took));
    }
    println!(
        "device {:?}, {} airings, ms unless said:",
        args.device, args.runs
    );
    print_figure("device open (spawn, ALSA open, settle)", &mut open);
    print_figure("device first write (10 ms) returns", &mut first_write);
    print_figure("device first frame vs its instant (late +)", &mut placement);
    println!(
        "device latency (first write to first frame)  {:.3}",
        millis(latency)
    );
    print_figure("device process peak RSS (MiB)", &mut worker_rss);

    for (name, mut output) in [
        ("null", Box::new(NullOutput::new()) as Box<dyn Output>),
        (
            "wav",
            Box::new(WavOutput::new(std::env::temp_dir().join("loa-bench.wav"))),
        ),
    ] {
        let (mut open, mut first_write) = (Vec::new(), Vec::new());
        for _ in 0..args.runs {
            let (open_took, write_took) = airing(output.as_mut(), Duration::from_millis(20));
            output.close();
            open.push(millis(open_took));
            first_write.push(millis(write_took));
        }
        print_figure(&format!("{name} open"), &mut open);
        print_figure(
            &format!("{name} first write (10 ms) returns"),
            &mut first_write,
        );
    }
    let _ = std::fs::remove_file(std::env::temp_dir().join("loa-bench.wav"));
    println!(
        "this process (the daemon's side) peak RSS     {:.1} MiB",
        peak_rss_kb("self") as f64 / 1024.0
    );
}
