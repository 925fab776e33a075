//! Speed of loudness measurement (EBU R128 integrated loudness, true peak
//! and silences, from a full decode). Not a test: it asserts nothing about
//! time and is `#[ignore]`d; `scripts/bench-loudness` makes 10-minute files
//! and runs it in release mode.

use std::path::PathBuf;
use std::time::Instant;

/// Files listed in the folder named by `LOA_BENCH_LOUDNESS_DIR`.
fn bench_files() -> Vec<PathBuf> {
    let dir = std::env::var_os("LOA_BENCH_LOUDNESS_DIR").expect("set LOA_BENCH_LOUDNESS_DIR");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("list bench folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
#[ignore = "bench: run scripts/bench-loudness"]
fn bench_loudness() {
    println!(); // after libtest's "test bench_loudness ... "
    for file in bench_files() {
        let name = file
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let start = Instant::now();
        let decoded = {
            let mut decoder = loa::audio::Decoder::open(&file).expect("open");
            let mut buffer = vec![0.0f32; 9600];
            while decoder.read(&mut buffer).expect("decode") > 0 {}
            start.elapsed().as_secs_f64()
        };
        let start = Instant::now();
        let levels = loa::audio::measure(&file).expect("measure");
        let wall = start.elapsed().as_secs_f64();
        let audio = levels.length.as_secs_f64();
        println!(
            "loudness {name}: {audio:.0} s of audio measured in {wall:.3} s = {:.0}x real time \
             (decode alone {:.0}x); {:.1} LUFS, true peak {:.1} dBTP",
            audio / wall,
            audio / decoded,
            levels.loudness.unwrap_or(f64::NEG_INFINITY),
            levels.true_peak.unwrap_or(f64::NEG_INFINITY),
        );
    }
}
