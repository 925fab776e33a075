//! Speed figures for the audio input side. Not tests: they assert nothing
//! about time and are `#[ignore]`d; `scripts/bench-probe`,
//! `scripts/bench-decode` and `scripts/bench-loudness` make the files and
//! run them in release mode.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use loa::audio::{CHANNELS, Decoder, ProbeCache, SAMPLE_RATE};

/// Files listed in a folder named by an environment variable.
fn files_in(variable: &str) -> Vec<PathBuf> {
    let dir = std::env::var_os(variable).unwrap_or_else(|| panic!("set {variable}"));
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("list bench folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Asks the kernel to forget the cached pages of `path` (this file only),
/// so the next read comes from the disk.
fn evict_from_page_cache(path: &Path) {
    let file = File::open(path).expect("open");
    file.sync_data()
        .expect("write back first: only clean pages are dropped");
    // SAFETY: a valid open descriptor; posix_fadvise only takes advice.
    unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
}

/// CPU time (user + system, all threads) this process has used: a figure
/// that other load on a shared machine disturbs less than wall time.
fn cpu_time() -> Duration {
    // SAFETY: getrusage fills the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

/// How the files are probed.
#[derive(Clone, Copy)]
enum Way {
    /// `ProbeCache::probe` on each file in turn.
    OneByOne,
    /// `ProbeCache::probe_all` on all of them.
    All,
}

/// Probes every file through a cache at `cache_file`, then saves it.
/// Returns (wall time, CPU time).
fn probe_files(cache_file: &Path, files: &[PathBuf], way: Way) -> (Duration, Duration) {
    let (start, cpu_start) = (Instant::now(), cpu_time());
    let mut cache = ProbeCache::load(cache_file);
    match way {
        Way::OneByOne => {
            for file in files {
                cache.probe(file).expect("bench files are good audio");
            }
        }
        Way::All => {
            let paths: Vec<&Path> = files.iter().map(|f| f.as_path()).collect();
            for result in cache.probe_all(&paths) {
                result.expect("bench files are good audio");
            }
        }
    }
    cache.save().expect("save cache");
    (start.elapsed(), cpu_time() - cpu_start)
}

#[test]
#[ignore = "bench: run scripts/bench-probe"]
fn bench_probe() {
    println!(); // after libtest's "test bench_probe ... "
    let files = files_in("LOA_BENCH_PROBE_DIR");
    let bytes: u64 = files
        .iter()
        .map(|f| f.metadata().expect("stat").len())
        .sum();
    let scratch = tempfile::tempdir().expect("temp dir");
    let run = |what: &str, cache_name: &str, way: Way| {
        let (wall, cpu) = probe_files(&scratch.path().join(cache_name), &files, way);
        println!(
            "probe {} files ({:.0} MB), {what}: {:.3} s wall ({:.3} ms/file), {:.3} s CPU",
            files.len(),
            bytes as f64 / 1e6,
            wall.as_secs_f64(),
            wall.as_secs_f64() * 1000.0 / files.len() as f64,
            cpu.as_secs_f64(),
        );
    };
    files.iter().for_each(|f| evict_from_page_cache(f));
    run(
        "cold, read from disk, probe() each",
        "a.json",
        Way::OneByOne,
    );
    run("cold, in page cache, probe() each", "b.json", Way::OneByOne);
    run("cold, in page cache, probe_all()", "c.json", Way::All);
    for round in 1..=3 {
        let what = format!("warm (load cache + stat each + save), probe() each, run {round}");
        run(&what, "b.json", Way::OneByOne);
    }
    run("warm, probe_all()", "c.json", Way::All);
}

#[test]
#[ignore = "bench: run scripts/bench-decode"]
fn bench_decode() {
    println!(); // after libtest's "test bench_decode ... "
    let mut buffer = vec![0.0f32; 4096];
    for file in files_in("LOA_BENCH_DECODE_DIR") {
        let (start, cpu_start) = (Instant::now(), cpu_time());
        let mut decoder = Decoder::open(&file).expect("open");
        let mut samples = 0usize;
        loop {
            match decoder.read(&mut buffer).expect("decode") {
                0 => break,
                n => samples += n,
            }
        }
        let wall = start.elapsed().as_secs_f64();
        let cpu = (cpu_time() - cpu_start).as_secs_f64();
        let audio = samples as f64 / CHANNELS as f64 / f64::from(SAMPLE_RATE);
        println!(
            "decode {}: {audio:.1} s of audio in {wall:.3} s wall = {:.0}x real time \
             ({cpu:.3} s CPU = {:.0}x per core)",
            file.file_name().unwrap_or_default().to_string_lossy(),
            audio / wall,
            audio / cpu,
        );
    }
}

#[test]
#[ignore = "bench: run scripts/bench-loudness"]
fn bench_loudness() {
    println!(); // after libtest's "test bench_loudness ... "
    for file in files_in("LOA_BENCH_LOUDNESS_DIR") {
        let (start, cpu_start) = (Instant::now(), cpu_time());
        let levels = loa::audio::measure(&file).expect("measure");
        let wall = start.elapsed().as_secs_f64();
        let cpu = (cpu_time() - cpu_start).as_secs_f64();
        let audio = levels.length.as_secs_f64();
        println!(
            "loudness {}: {audio:.0} s of audio measured in {wall:.3} s wall = {:.0}x real time \
             ({cpu:.3} s CPU = {:.0}x per core); {:.1} LUFS, true peak {:.1} dBTP",
            file.file_name().unwrap_or_default().to_string_lossy(),
            audio / wall,
            audio / cpu,
            levels.loudness.unwrap_or(f64::NEG_INFINITY),
            levels.true_peak.unwrap_or(f64::NEG_INFINITY),
        );
    }
    bench_limiter(&files_in("LOA_BENCH_LOUDNESS_DIR")[0]);
}

/// The playout limiter on a decoded file raised by 14 dB (as a -30 LUFS
/// file is), so it works on every peak.
fn bench_limiter(file: &Path) {
    let mut decoder = Decoder::open(file).expect("open");
    let mut samples = Vec::new();
    let mut buffer = vec![0.0f32; 9600];
    loop {
        match decoder.read(&mut buffer).expect("decode") {
            0 => break,
            n => samples.extend_from_slice(&buffer[..n]),
        }
    }
    loa::playout::loudness::apply_gain(&mut samples, 14.0);
    let mut limiter = loa::playout::loudness::Limiter::default();
    let mut out = Vec::with_capacity(samples.len());
    let (start, cpu_start) = (Instant::now(), cpu_time());
    for chunk in samples.chunks(1920) {
        limiter.process(chunk, &mut out);
    }
    limiter.flush(&mut out);
    let wall = start.elapsed().as_secs_f64();
    let cpu = (cpu_time() - cpu_start).as_secs_f64();
    let audio = samples.len() as f64 / CHANNELS as f64 / f64::from(SAMPLE_RATE);
    println!(
        "limiter (playout, +14 dB): {audio:.0} s of 48 kHz stereo in {wall:.3} s wall = \
         {:.0}x real time ({cpu:.3} s CPU)",
        audio / wall
    );
}
