//! Helpers shared by the `audio_*` integration tests: fixtures, generated
//! test tones and measurements on decoded audio.
#![allow(dead_code)] // each test crate uses a different subset

use std::path::{Path, PathBuf};

use loa::audio::{CHANNELS, Decoder, SAMPLE_RATE};

/// A committed fixture under `tests/fixtures/audio/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/audio")
        .join(name)
}

/// The committed fixtures with the format the probe must report and the
/// length of the tone encoded in each (encoders add up to ~60 ms).
pub const FIXTURES: &[(&str, &str, f64)] = &[
    ("tone-44100-stereo.ogg", "ogg/vorbis", 2.0),
    ("tone-44100-stereo.mp3", "mp3", 2.0),
    ("tone-22050-mono-vbr-noxing.mp3", "mp3", 3.0),
    ("tone-48000-stereo.flac", "flac", 1.0),
];

/// Writes a 16-bit WAV of `seconds` of sine, one frequency per channel.
pub fn write_sine_wav(path: &Path, rate: u32, freqs: &[f64], seconds: f64) {
    let spec = hound::WavSpec {
        channels: freqs.len() as u16,
        sample_rate: rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec).expect("create wav");
    let frames = (seconds * f64::from(rate)).round() as u64;
    for n in 0..frames {
        let t = n as f64 / f64::from(rate);
        for freq in freqs {
            let value = 0.5 * (2.0 * std::f64::consts::PI * freq * t).sin();
            writer
                .write_sample((value * f64::from(i16::MAX)) as i16)
                .expect("write sample");
        }
    }
    writer.finalize().expect("finalize wav");
}

/// Decodes the whole of `path`, reading `chunk` samples at a time.
pub fn decode_all(path: &Path, chunk: usize) -> Vec<f32> {
    let mut decoder = Decoder::open(path).expect("open decoder");
    let mut all = Vec::new();
    let mut buffer = vec![0.0f32; chunk];
    loop {
        let n = decoder.read(&mut buffer).expect("read");
        if n == 0 {
            return all;
        }
        all.extend_from_slice(&buffer[..n]);
    }
}

/// Seconds of audio in interleaved 48 kHz stereo `samples`.
pub fn seconds(samples: &[f32]) -> f64 {
    samples.len() as f64 / CHANNELS as f64 / f64::from(SAMPLE_RATE)
}

/// One channel of interleaved stereo.
pub fn channel(samples: &[f32], index: usize) -> Vec<f32> {
    samples
        .iter()
        .skip(index)
        .step_by(CHANNELS)
        .copied()
        .collect()
}

/// The frequency of a steady tone, from its rising zero crossings, measured
/// over `signal` less its first and last 100 ms (encoder ramps).
pub fn tone_frequency(signal: &[f32]) -> f64 {
    let margin = (SAMPLE_RATE / 10) as usize;
    let body = &signal[margin..signal.len() - margin];
    let rising = body
        .windows(2)
        .filter(|w| w[0] < 0.0 && w[1] >= 0.0)
        .count();
    rising as f64 / (body.len() as f64 / f64::from(SAMPLE_RATE))
}

/// The largest step between neighbouring samples of `signal`, ignoring
/// the first and last 100 ms.
pub fn largest_step(signal: &[f32]) -> f32 {
    let margin = (SAMPLE_RATE / 10) as usize;
    signal[margin..signal.len() - margin]
        .windows(2)
        .map(|w| (w[1] - w[0]).abs())
        .fold(0.0, f32::max)
}
