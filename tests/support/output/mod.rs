//! Helpers shared by the output tests: signals, the paced ALSA device, and
//! reading what it captured.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use loa::playout::output::DeviceOutput;

pub const RATE: usize = 48_000;

/// The paced ALSA config (`shared/alsa/paced.asoundrc` beside the repo), or
/// `None` with the reason printed when this checkout has none.
pub fn paced_asoundrc() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/alsa/paced.asoundrc");
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} is absent (the paced ALSA device lives in shared/ beside the repo)",
            path.display()
        );
        None
    }
}

/// A device output through the paced ALSA device, with the temporary
/// directory that holds what it captures.
pub struct PacedRig {
    pub output: DeviceOutput,
    pub capture: PathBuf,
    _dir: tempfile::TempDir,
}

impl PacedRig {
    /// The rig for ALSA device `device` (not opened yet), or `None` (with
    /// the reason printed) when this checkout has no paced device.
    pub fn new(device: &str) -> Option<Self> {
        let asoundrc = paced_asoundrc()?;
        let dir = tempfile::tempdir().expect("temporary directory");
        let capture = dir.path().join("capture.raw");
        let output = DeviceOutput::new(device, Path::new(env!("CARGO_BIN_EXE_loa")))
            .with_worker_env("ALSA_CONFIG_PATH", &asoundrc)
            .with_worker_env("LOA_ALSA_CAPTURE", &capture);
        Some(Self {
            output,
            capture,
            _dir: dir,
        })
    }

    /// What the device captured so far, interleaved 16-bit.
    pub fn captured(&self) -> Vec<i16> {
        read_capture(&self.capture)
    }
}

/// A stereo cosine (so the first sample is not zero), interleaved.
pub fn tone(seconds: f64, hz: f64, amplitude: f32) -> Vec<f32> {
    let frames = (seconds * RATE as f64).round() as usize;
    (0..frames)
        .flat_map(|n| {
            let phase = 2.0 * std::f64::consts::PI * hz * n as f64 / RATE as f64;
            let value = amplitude * phase.cos() as f32;
            [value, value]
        })
        .collect()
}

/// Interleaved stereo silence.
pub fn silence(seconds: f64) -> Vec<f32> {
    vec![0.0; (seconds * RATE as f64).round() as usize * 2]
}

/// The 16-bit value the outputs write for a float sample.
pub fn as_i16(sample: f32) -> i16 {
    (sample.clamp(-1.0, 1.0) * 32767.0).round() as i16
}

/// The raw S16_LE capture of the paced device, interleaved.
pub fn read_capture(path: &Path) -> Vec<i16> {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes
        .chunks_exact(2)
        .map(|pair| i16::from_le_bytes([pair[0], pair[1]]))
        .collect()
}

/// Index of the first non-zero sample, if any.
pub fn first_sound(samples: &[i16]) -> Option<usize> {
    samples.iter().position(|&s| s != 0)
}

/// Runs `work` on a thread and fails the test if it takes longer than
/// `limit`: a hang is a failure, not a stuck CI run.
pub fn within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    match receiver.recv_timeout(limit) {
        Ok(value) => value,
        Err(_) => panic!("{what} did not return within {limit:?}: a hang"),
    }
}

/// The pids of `parent`'s children, from /proc.
pub fn children_of(parent: u32) -> Vec<u32> {
    let mut children = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return children;
    };
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // Fields after the command's closing parenthesis: state, ppid, ...
        let Some(after) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        let ppid = after
            .split_whitespace()
            .nth(1)
            .and_then(|f| f.parse::<u32>().ok());
        if ppid == Some(parent) {
            children.push(pid);
        }
    }
    children
}

/// The `pv` that the paced device started for the worker `worker`.
pub fn consumer_of(worker: u32) -> u32 {
    for _ in 0..100 {
        for child in children_of(worker) {
            let comm = std::fs::read_to_string(format!("/proc/{child}/comm")).unwrap_or_default();
            if comm.trim() == "pv" {
                return child;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("no pv under the device process {worker}");
}

/// Sends `signal` to `pid` (a process this test started, directly or not).
pub fn signal(pid: u32, signal: i32) {
    // SAFETY: kill(2) with a pid this test owns; no memory is involved.
    unsafe { libc::kill(pid as i32, signal) };
}

/// Checks that `captured` holds exactly `written` (as 16-bit), starting at
/// its first sound, with nothing but silence before; returns where it
/// starts. Reports the first difference briefly (not the whole signal).
pub fn assert_aired(captured: &[i16], written: &[f32]) -> usize {
    let start = first_sound(captured).expect("no sound reached the capture");
    assert!(
        start.is_multiple_of(2),
        "the stream starts mid-frame at sample {start}"
    );
    let expected: Vec<i16> = written.iter().map(|&s| as_i16(s)).collect();
    let aired = &captured[start..captured.len().min(start + expected.len())];
    if let Some(at) = aired.iter().zip(&expected).position(|(a, e)| a != e) {
        let around = |s: &[i16]| s[at.saturating_sub(4)..(at + 4).min(s.len())].to_vec();
        panic!(
            "captured audio differs from what was written at frame {} ({:.4} s in): \
             captured {:?}, written {:?}",
            at / 2,
            at as f64 / 2.0 / RATE as f64,
            around(aired),
            around(&expected)
        );
    }
    assert_eq!(
        aired.len(),
        expected.len(),
        "capture ends {:.4} s early",
        (expected.len() - aired.len()) as f64 / 2.0 / RATE as f64
    );
    start
}
