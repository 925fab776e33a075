//! Real audio at known levels for the loudness and silence tests: a
//! speech-like signal (a voiced buzz in syllables and words, with pauses),
//! scaled to an exact integrated loudness measured with `ebur128`, and the
//! same measurement for what `loa` aired.

#![allow(dead_code)]

use std::path::Path;

/// Sample rate of the generated files (the decoder converts it to 48 kHz).
pub const RATE: u32 = 44_100;

/// A piece of a generated file.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    /// Speech-like sound for this many seconds, with the short pauses
    /// between words that real speech has (up to `longest_pause` seconds).
    Speech { seconds: f64, longest_pause: f64 },
    /// Dense, saturated sound (a badly mastered, "hot" file).
    Hot { seconds: f64 },
    /// A tone: sound without pauses.
    Tone { seconds: f64 },
    /// Nothing but a faint hiss at -75 dBFS, as a muted line gives.
    Silence { seconds: f64 },
}

/// A small deterministic random source (tests must not vary run to run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A voiced buzz at `f0` with harmonics falling off like a voice's.
fn voice(n: usize, f0: f64) -> f64 {
    let t = n as f64 / f64::from(RATE);
    let pitch = f0 * (1.0 + 0.05 * (t * 2.0 * std::f64::consts::TAU).sin());
    (1..=24)
        .map(|k| (t * pitch * k as f64 * std::f64::consts::TAU).sin() / k as f64)
        .sum::<f64>()
}

fn speech(out: &mut Vec<f64>, seconds: f64, longest_pause: f64, random: &mut Lcg) {
    let end = out.len() + (seconds * f64::from(RATE)) as usize;
    while out.len() < end {
        let syllables = 3 + (random.next() * 5.0) as usize;
        for _ in 0..syllables {
            let length = ((0.12 + random.next() * 0.15) * f64::from(RATE)) as usize;
            let strength = 0.3 + random.next() * 0.7;
            for i in 0..length {
                let envelope = (std::f64::consts::PI * i as f64 / length as f64).sin();
                let n = out.len();
                out.push(strength * envelope * voice(n, 110.0 + 40.0 * strength));
            }
        }
        // Mostly short breaths between words, now and then a longer one.
        let pause = if random.next() < 0.08 {
            longest_pause * (0.5 + 0.5 * random.next())
        } else {
            (0.08 + 0.17 * random.next()).min(longest_pause)
        };
        out.extend(std::iter::repeat_n(0.0, (pause * f64::from(RATE)) as usize));
    }
    out.truncate(end);
}

/// The mono signal of `parts`, unscaled (silence is exactly zero here; the
/// hiss is added after scaling so it stays at -75 dBFS).
fn signal(parts: &[Part]) -> (Vec<f64>, Vec<bool>) {
    let mut random = Lcg(7);
    let mut out = Vec::new();
    let mut silent = Vec::new();
    for part in parts {
        let start = out.len();
        match *part {
            Part::Speech {
                seconds,
                longest_pause,
            } => speech(&mut out, seconds, longest_pause, &mut random),
            Part::Hot { seconds } => {
                let frames = (seconds * f64::from(RATE)) as usize;
                out.extend((start..start + frames).map(|n| (4.0 * voice(n, 150.0)).tanh()));
            }
            Part::Tone { seconds } => {
                let frames = (seconds * f64::from(RATE)) as usize;
                out.extend(
                    (start..start + frames).map(|n| {
                        (n as f64 / f64::from(RATE) * 440.0 * std::f64::consts::TAU).sin()
                    }),
                );
            }
            Part::Silence { seconds } => {
                out.extend(std::iter::repeat_n(
                    0.0,
                    (seconds * f64::from(RATE)) as usize,
                ));
            }
        }
        let is_silence = matches!(part, Part::Silence { .. });
        silent.extend(std::iter::repeat_n(is_silence, out.len() - start));
    }
    (out, silent)
}

/// Integrated loudness (LUFS) of interleaved stereo samples.
pub fn lufs(interleaved: &[f32], rate: u32) -> f64 {
    let mut meter = ebur128::EbuR128::new(2, rate, ebur128::Mode::I).expect("meter for stereo");
    meter.add_frames_f32(interleaved).expect("frames");
    meter.loudness_global().expect("loudness")
}

/// True peak (dBTP) of interleaved stereo samples, over both channels.
pub fn true_peak(interleaved: &[f32], rate: u32) -> f64 {
    let mut meter =
        ebur128::EbuR128::new(2, rate, ebur128::Mode::TRUE_PEAK).expect("meter for stereo");
    meter.add_frames_f32(interleaved).expect("frames");
    let peak = (0..2)
        .map(|c| meter.true_peak(c).expect("peak"))
        .fold(0.0f64, f64::max);
    20.0 * peak.log10()
}

/// Writes `parts` as a 16-bit stereo WAV (both channels alike) whose
/// integrated loudness is `target` LUFS (`None`: full scale, unscaled).
pub fn write_wav(path: &Path, parts: &[Part], target: Option<f64>) {
    let (mono, silent) = signal(parts);
    let stereo: Vec<f32> = mono.iter().flat_map(|&s| [s as f32, s as f32]).collect();
    let scale = match target {
        Some(target) if stereo.iter().any(|s| s.abs() > 1e-6) => {
            10f64.powf((target - lufs(&stereo, RATE)) / 20.0)
        }
        _ => 1.0,
    };
    let peak = mono.iter().fold(0.0f64, |m, s| m.max(s.abs())) * scale;
    assert!(
        peak <= 1.0,
        "test bug: {target:?} LUFS needs a peak of {peak}"
    );
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let mut writer = hound::WavWriter::create(path, spec).expect("wav");
    let mut random = Lcg(11);
    let hiss = 10f64.powf(-75.0 / 20.0);
    for (&sample, &is_silence) in mono.iter().zip(&silent) {
        let noise = if is_silence {
            (random.next() - 0.5) * 2.0 * hiss
        } else {
            0.0
        };
        let value = ((sample * scale + noise) * f64::from(i16::MAX)).round() as i16;
        writer.write_sample(value).expect("left");
        writer.write_sample(value).expect("right");
    }
    writer.finalize().expect("finalize");
}

/// A WAV file's samples as interleaved f32 (16-bit files, as `loa` writes
/// its air-check), and its sample rate.
pub fn read_wav(path: &Path) -> (Vec<f32>, u32) {
    let mut reader = hound::WavReader::open(path).expect("air-check wav");
    let rate = reader.spec().sample_rate;
    assert_eq!(reader.spec().channels, 2, "stereo air-check");
    let samples = reader
        .samples::<i16>()
        .map(|s| f32::from(s.expect("sample")) / 32_768.0)
        .collect();
    (samples, rate)
}
