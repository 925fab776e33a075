//! Real encoded test audio, made once per test run with ffmpeg, and rough
//! measurements that show decoded audio is the tone that was encoded.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

use loa::audio::{CHANNELS, SAMPLE_RATE};

/// The test tone: a 1 kHz sine at half scale.
pub const TONE_HZ: f64 = 1000.0;
pub const TONE_AMPLITUDE: f64 = 0.5;

/// Seconds of tone in each encoded file.
pub const SECONDS: f64 = 6.0;

/// The encodings the relay must play, as a stream server sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// MP3, 128 kbit/s CBR, 44.1 kHz stereo, no ID3 tag or Xing header.
    Mp3,
    /// Ogg Vorbis, 44.1 kHz stereo.
    Vorbis,
    /// AAC-LC in ADTS frames, 44.1 kHz stereo.
    Aac,
}

impl Encoding {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Mp3 => "audio/mpeg",
            Self::Vorbis => "application/ogg",
            Self::Aac => "audio/aac",
        }
    }

    /// The stream's bytes per second of audio, for pacing.
    pub fn byte_rate(self) -> f64 {
        encoded(self).len() as f64 / SECONDS
    }

    fn codec_args(self) -> &'static [&'static str] {
        match self {
            Self::Mp3 => &[
                "-c:a",
                "libmp3lame",
                "-b:a",
                "128k",
                "-id3v2_version",
                "0",
                "-write_xing",
                "0",
                "-f",
                "mp3",
            ],
            Self::Vorbis => &["-c:a", "libvorbis", "-q:a", "3", "-f", "ogg"],
            Self::Aac => &["-c:a", "aac", "-b:a", "96k", "-f", "adts"],
        }
    }
}

/// The whole encoded file for `encoding`, made on first use.
pub fn encoded(encoding: Encoding) -> Arc<Vec<u8>> {
    Arc::clone(&made(encoding).0)
}

/// The RMS level of `encoding`'s left channel as ffmpeg decodes it: lossy
/// encoders change the level a little (lame's 128k mp3 of this tone is
/// 0.335, not 0.354), so the relay is compared with an independent decoder.
pub fn reference_level(encoding: Encoding) -> f64 {
    made(encoding).1
}

/// An encoded file and its reference level.
type Made = (Arc<Vec<u8>>, f64);

fn made(encoding: Encoding) -> Made {
    static MADE: OnceLock<Mutex<HashMap<Encoding, Made>>> = OnceLock::new();
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"));
    let mut made = MADE.get_or_init(Mutex::default).lock().expect("audio");
    let bytes = made.entry(encoding).or_insert_with(|| {
        let path: PathBuf = dir.path().join(format!("{encoding:?}"));
        let tone = format!(
            "aevalsrc={a}*sin({f}*2*PI*t)|{a}*sin({f}*2*PI*t):s=44100:d={SECONDS}",
            a = TONE_AMPLITUDE,
            f = TONE_HZ
        );
        let status = Command::new("ffmpeg")
            .args([
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                &tone,
            ])
            .args(encoding.codec_args())
            .arg(&path)
            .status()
            .expect("ffmpeg runs");
        assert!(status.success(), "ffmpeg made {encoding:?}");
        let bytes = Arc::new(std::fs::read(&path).expect("read encoded"));
        (bytes, ffmpeg_level(&path))
    });
    bytes.clone()
}

/// The RMS of the left channel of `path` decoded by ffmpeg, 0.2 s in.
fn ffmpeg_level(path: &std::path::Path) -> f64 {
    let output = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-i"])
        .arg(path)
        .args(["-f", "f32le", "-ac", "2", "-ar", "48000", "-"])
        .output()
        .expect("ffmpeg decodes");
    let samples: Vec<f32> = output
        .stdout
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    rms(&left(&samples, 0.2))
}

/// `audio` with an ICY metadata block after every `metaint` bytes: the
/// n-th block holds `titles[n]`, and after the last title the blocks are
/// empty (a length byte of 0), as real servers send between changes.
pub fn with_icy(audio: &[u8], metaint: usize, titles: &[&str]) -> Vec<u8> {
    let mut out = Vec::with_capacity(audio.len() + audio.len() / metaint * 64);
    for (n, chunk) in audio.chunks(metaint).enumerate() {
        out.extend_from_slice(chunk);
        if chunk.len() < metaint {
            break;
        }
        match titles.get(n) {
            Some(title) => {
                let mut text = format!("StreamTitle='{title}';StreamUrl='';").into_bytes();
                text.resize(text.len().div_ceil(16) * 16, 0);
                out.push((text.len() / 16) as u8);
                out.extend(text);
            }
            None => out.push(0),
        }
    }
    out
}

/// The left channel of interleaved stereo, without its first `skip` seconds
/// (encoder and resampler start-up).
pub fn left(audio: &[f32], skip: f64) -> Vec<f32> {
    let skip = (skip * f64::from(SAMPLE_RATE)) as usize;
    audio
        .chunks_exact(CHANNELS)
        .skip(skip)
        .map(|f| f[0])
        .collect()
}

/// Root mean square of `samples`.
pub fn rms(samples: &[f32]) -> f64 {
    let sum: f64 = samples.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
    (sum / samples.len().max(1) as f64).sqrt()
}

/// The frequency of a sine from its upward zero crossings, in Hz at 48 kHz.
pub fn frequency(samples: &[f32]) -> f64 {
    let crossings = samples
        .windows(2)
        .filter(|w| w[0] < 0.0 && w[1] >= 0.0)
        .count();
    crossings as f64 * f64::from(SAMPLE_RATE) / samples.len().max(1) as f64
}

/// Asserts that `audio` is `encoding`'s test tone: its level within 3 % of
/// ffmpeg's decode and its frequency within 2 %, so the decode is real and
/// the rate conversion right.
pub fn assert_tone(audio: &[f32], encoding: Encoding, what: &str) {
    let left = left(audio, 0.2);
    assert!(
        left.len() > SAMPLE_RATE as usize / 2,
        "{what}: only {} frames",
        left.len()
    );
    let level = rms(&left);
    let expected = reference_level(encoding);
    let windows: Vec<String> = left
        .chunks(SAMPLE_RATE as usize / 10)
        .map(|w| format!("{:.2}", rms(w)))
        .collect();
    assert!(
        (level - expected).abs() < 0.03 * expected,
        "{what}: level {level:.3}, expected {expected:.3}; per 0.1 s: {windows:?}"
    );
    let hz = frequency(&left);
    assert!(
        (hz - TONE_HZ).abs() < 0.02 * TONE_HZ,
        "{what}: {hz:.1} Hz, expected {TONE_HZ}"
    );
}
