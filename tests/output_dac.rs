//! The device output on the test DAC (`scripts/device-probe/dac.c`): an
//! ALSA I/O plugin whose clock plays exactly 48 kHz, whose delay counts
//! every frame written and not yet played (as a sound card's does), and
//! which timestamps the first sound of each airing as it plays. What the
//! real `loa output-worker` places, measured at the "loudspeaker".

#[path = "support/output/mod.rs"]
mod output_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::Duration;

use chrono::Utc;
use loa::playout::output::{DeviceOutput, Output};
use output_support::*;

/// The built plugin, or `None` (with the reason printed) where gcc or the
/// ALSA headers are missing.
fn build_dac() -> Option<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if Command::new("gcc").arg("--version").output().is_err() {
        eprintln!("skipped: no gcc to build the test DAC (scripts/ensure-deps installs it)");
        return None;
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("device-probe");
    let built = Command::new(repo.join("scripts/device-probe/build-dac"))
        .arg(&out)
        .output()
        .expect("run scripts/device-probe/build-dac");
    assert!(
        built.status.success(),
        "building the test DAC failed: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    Some(PathBuf::from(String::from_utf8_lossy(&built.stdout).trim()))
}

/// A device output on the test DAC, and the file it writes onsets to.
struct DacRig {
    output: DeviceOutput,
    onsets: PathBuf,
    _dir: tempfile::TempDir,
}

impl DacRig {
    fn new() -> Option<Self> {
        let lib = build_dac()?;
        let dir = tempfile::tempdir().expect("temporary directory");
        let onsets = dir.path().join("onsets.txt");
        let asoundrc =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/device-probe/dac.asoundrc");
        let output = DeviceOutput::new("default", Path::new(env!("CARGO_BIN_EXE_loa")))
            .with_worker_env("ALSA_CONFIG_PATH", asoundrc)
            .with_worker_env("LOA_DAC_LIB", lib)
            .with_worker_env("LOA_PROBE_OUT", &onsets);
        Some(Self {
            output,
            onsets,
            _dir: dir,
        })
    }

    /// When the DAC played each first sound (CLOCK_MONOTONIC ns).
    fn onsets(&self) -> Vec<u64> {
        std::fs::read_to_string(&self.onsets)
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let fields: Vec<&str> = line.split_whitespace().collect();
                match fields.as_slice() {
                    ["onset", _, _, mono] => mono.parse::<f64>().ok(),
                    _ => None,
                }
            })
            .map(|seconds| (seconds * 1e9).round() as u64)
            .collect()
    }

    /// Airs a short tone aimed `ahead` from now, its first write coming
    /// `write_at` from now (the player writes one latency before the
    /// instant). Returns (device, log) lateness in ms: when the DAC played
    /// the first sound, and what the output says for the record, each
    /// after the aimed instant.
    fn air(&mut self, ahead: Duration, write_at: impl Fn(Duration) -> Duration) -> (f64, f64) {
        let output = &mut self.output;
        output.open().expect("open the test DAC");
        let latency = output.latency();
        let at = Utc::now() + chrono::Duration::from_std(ahead).unwrap();
        thread::sleep(write_at(latency));
        assert!(output.aim(at), "a device places its first sample itself");
        for chunk in tone(0.3, 440.0, 0.5).chunks(4_800) {
            output.write(chunk).expect("write");
        }
        output.drain().expect("drain");
        let offset = output.first_sample_offset().expect("placed");
        let report = output.report().expect("open session");
        output.close();
        let planned = report.planned_monotonic_ns.expect("aimed") as f64;
        let onset = *self.onsets().last().expect("the DAC heard the tone") as f64;
        let log = offset.num_microseconds().unwrap() as f64 / 1e3;
        ((onset - planned) / 1e6, log)
    }
}

/// The first sound plays on the aimed instant at the DAC, and the output
/// says so: the start on record is the device's. Bounds: the DAC's
/// timestamps come from its frame count, not from when its code runs, so
/// they do not depend on the machine's load; the output's estimate can be
/// off by how long the audio thread was held between reading the delay
/// and filling the period (microseconds; a loaded machine may make it a
/// millisecond or two).
#[test]
fn first_sound_plays_on_the_aimed_instant_and_the_output_says_so() {
    let Some(mut rig) = DacRig::new() else {
        return;
    };
    let mut figures = Vec::new();
    for _ in 0..3 {
        // As the player: the first write one latency before the instant.
        let ahead = Duration::from_millis(300);
        figures.push(rig.air(ahead, |latency| ahead.saturating_sub(latency)));
    }
    eprintln!("(device ms, log ms) per airing: {figures:?}");
    for &(device, log) in &figures {
        assert!(
            (log - device).abs() <= 2.0,
            "the output said {log:.3} ms, the DAC played it {device:.3} ms late"
        );
    }
    let mut devices: Vec<f64> = figures.iter().map(|&(device, _)| device).collect();
    devices.sort_by(f64::total_cmp);
    assert!(
        devices[1].abs() <= 1.0,
        "median lateness at the DAC {:.3} ms: the first frame is not placed on its instant",
        devices[1]
    );
}

/// A first write that comes after its instant cannot play on it: it plays
/// as soon as the device can, and the output says how late, as the DAC
/// measured it.
#[test]
fn a_first_write_after_its_instant_is_recorded_as_late_as_it_played() {
    let Some(mut rig) = DacRig::new() else {
        return;
    };
    let (device, log) = rig.air(Duration::from_millis(100), |_| Duration::from_millis(150));
    eprintln!("device {device:.3} ms, log {log:.3} ms");
    assert!(
        device >= 50.0,
        "played {device:.3} ms after an instant long past"
    );
    assert!(
        (log - device).abs() <= 2.0,
        "the output said {log:.3} ms, the DAC played it {device:.3} ms late"
    );
}
