//! `loa::audio::probe` on real files of each format, and on broken files of
//! every kind the brief lists: each must give an error value with a reason,
//! never a panic or a hang.

#[path = "support/audio/mod.rs"]
mod audio_support;

use std::fs;
use std::path::Path;
use std::time::Duration;

use audio_support::{FIXTURES, decode_all, fixture, seconds, write_sine_wav};
use loa::audio::{AudioError, Undecodable, probe};
use sha2::{Digest, Sha256};

fn secs(duration: Duration) -> f64 {
    duration.as_secs_f64()
}

#[test]
fn each_format_probes_to_its_format_length_and_identity() {
    for (name, format, tone_seconds) in FIXTURES {
        let path = fixture(name);
        let info = probe(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(info.format, *format, "{name}");
        // Encoders add their delay and padding: at most ~70 ms here.
        let extra = secs(info.duration) - tone_seconds;
        assert!((0.0..0.07).contains(&extra), "{name}: {:?}", info.duration);
        let bytes = fs::read(&path).expect("read fixture");
        assert_eq!(info.size, bytes.len() as u64, "{name}");
        let expected: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(info.sha256, expected, "{name}");
    }
}

#[test]
fn probe_reports_the_source_rate_and_channels() {
    let rates: Vec<_> = FIXTURES
        .iter()
        .map(|(name, ..)| probe(&fixture(name)).map(|i| (i.sample_rate, i.channels)))
        .collect::<Result<_, _>>()
        .expect("fixtures probe");
    assert_eq!(rates, [(44100, 2), (44100, 2), (22050, 1), (48000, 2)]);
}

#[test]
fn probed_duration_is_the_decoded_length_within_3_ms() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mono = dir.path().join("sine-22050-mono.wav");
    write_sine_wav(&mono, 22050, &[440.0], 1.5);
    let stereo = dir.path().join("sine-44100-stereo.wav");
    write_sine_wav(&stereo, 44100, &[440.0, 660.0], 1.25);
    let mut paths: Vec<_> = FIXTURES.iter().map(|(name, ..)| fixture(name)).collect();
    paths.extend([mono, stereo]);
    for path in paths {
        let probed = secs(probe(&path).expect("probe").duration);
        let decoded = seconds(&decode_all(&path, 4096));
        assert!(
            (probed - decoded).abs() < 0.003,
            "{}: probed {probed} decoded {decoded}",
            path.display()
        );
    }
}

/// The fixture has 1 s of near-silence (tiny frames) before 2 s of tone, and
/// no Xing header: symphonia's bitrate estimate from the first frames would
/// be far off; counting packet headers is exact.
#[test]
fn mp3_without_xing_header_is_counted_from_packet_headers() {
    let info = probe(&fixture("tone-22050-mono-vbr-noxing.mp3")).expect("probe");
    let extra = secs(info.duration) - 3.0;
    assert!((0.0..0.07).contains(&extra), "{:?}", info.duration);
}

#[test]
fn wav_with_known_length_is_exact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("exact.wav");
    write_sine_wav(&path, 22050, &[440.0], 2.0);
    let info = probe(&path).expect("probe");
    assert_eq!(info.duration, Duration::from_secs(2));
    assert_eq!(info.format, "wav/pcm_s16le");
}

#[test]
fn missing_file_is_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = probe(&dir.path().join("nowhere.mp3")).expect_err("missing");
    assert!(matches!(error, AudioError::Missing { .. }), "{error:?}");
}

#[test]
fn zero_length_file_is_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("empty.mp3");
    fs::write(&path, b"").expect("write");
    let error = probe(&path).expect_err("empty");
    assert!(matches!(error, AudioError::Empty { .. }), "{error:?}");
}

#[test]
fn folder_is_not_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bulletin.mp3");
    fs::create_dir(&path).expect("mkdir");
    let error = probe(&path).expect_err("folder");
    assert!(matches!(error, AudioError::NotAFile { .. }), "{error:?}");
}

/// Opening a named pipe for reading blocks until a writer comes: the probe
/// must refuse it without opening it.
#[test]
fn named_pipe_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pipe.mp3");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let error = probe(&path).expect_err("pipe");
    assert!(matches!(error, AudioError::NotAFile { .. }), "{error:?}");
}

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

#[test]
fn random_bytes_named_mp3_are_not_audio() {
    let dir = tempfile::tempdir().expect("temp dir");
    for seed in 1..=8 {
        for len in [7, 4_000, 300_000] {
            let path = dir.path().join(format!("noise-{seed}-{len}.mp3"));
            fs::write(&path, noise(seed, len)).expect("write");
            let error = probe(&path).expect_err("noise is not audio");
            assert!(matches!(error, AudioError::NotAudio { .. }), "{error:?}");
        }
    }
}

#[test]
fn text_file_named_ogg_is_not_audio() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bản tin.ogg");
    fs::write(&path, "Bản tin thời sự sáng thứ hai\n".repeat(200)).expect("write");
    let error = probe(&path).expect_err("text");
    assert!(matches!(error, AudioError::NotAudio { .. }), "{error:?}");
}

/// A real file under the wrong name plays: the bytes decide, and the format
/// says what they are.
#[test]
fn wrong_extension_is_read_by_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("actually-ogg.mp3");
    fs::copy(fixture("tone-44100-stereo.ogg"), &path).expect("copy");
    assert_eq!(probe(&path).expect("probe").format, "ogg/vorbis");
}

/// Writes `wav` with its RIFF and data chunk sizes set to ~4 GiB.
fn claim_huge_length(path: &Path) {
    let mut bytes = fs::read(path).expect("read");
    bytes[4..8].copy_from_slice(&0xffff_fff0u32.to_le_bytes());
    assert_eq!(&bytes[36..40], b"data", "hound writes a 44-byte header");
    bytes[40..44].copy_from_slice(&0xffff_ff00u32.to_le_bytes());
    fs::write(path, bytes).expect("write");
}

#[test]
fn wav_header_claiming_a_huge_length_is_truncated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("liar.wav");
    write_sine_wav(&path, 22050, &[440.0], 1.0);
    claim_huge_length(&path);
    match probe(&path) {
        Err(AudioError::Truncated {
            declared, found, ..
        }) => {
            assert!(declared > Duration::from_secs(3600), "{declared:?}");
            assert_eq!(found, Duration::from_secs(1));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn regression_truncated_flac_and_mp3_report_how_much_is_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["tone-48000-stereo.flac", "tone-44100-stereo.mp3"] {
        let bytes = fs::read(fixture(name)).expect("read");
        let path = dir.path().join(name);
        fs::write(&path, &bytes[..bytes.len() / 2]).expect("write");
        let error = probe(&path).expect_err("half a file");
        assert!(matches!(error, AudioError::Truncated { .. }), "{error:?}");
    }
}

/// Every fixture and a stereo wav cut at many offsets (odd ones split a
/// sample): always an answer, never a panic; a file that still probes is
/// never longer than the whole.
#[test]
fn truncated_files_at_any_offset_give_an_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let wav = dir.path().join("whole.wav");
    write_sine_wav(&wav, 44100, &[440.0, 660.0], 0.5);
    let mut originals: Vec<_> = FIXTURES.iter().map(|(name, ..)| fixture(name)).collect();
    originals.push(wav);
    for original in &originals {
        let name = original.file_name().expect("name").to_string_lossy();
        let bytes = fs::read(original).expect("read");
        let whole = probe(original).expect("whole").duration;
        let mut cuts: Vec<usize> = vec![1, 2, 4, 10, 44, 100, 500, 1000, bytes.len() - 1];
        cuts.extend((1..16).map(|i| bytes.len() * i / 16 + i % 3));
        for cut in cuts {
            let path = dir.path().join(format!("cut-{cut}-{name}"));
            fs::write(&path, &bytes[..cut]).expect("write");
            if let Ok(info) = probe(&path) {
                assert!(info.duration <= whole, "{name} cut at {cut}");
            }
        }
    }
}

#[test]
fn file_that_ends_inside_its_header_ends_early() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, ..) in FIXTURES {
        let bytes = fs::read(fixture(name)).expect("read");
        let path = dir.path().join(name);
        fs::write(&path, &bytes[..50]).expect("write");
        match probe(&path) {
            Err(AudioError::Undecodable {
                reason: Undecodable::EndsEarly,
                ..
            }) => {}
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn every_error_message_names_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tin-sáng.mp3");
    fs::write(&path, b"").expect("write");
    let message = probe(&path).expect_err("empty").to_string();
    assert!(message.contains("tin-sáng.mp3"), "{message}");
    assert!(message.contains("copy it again"), "{message}");
}

/// WAV in each sample format hound writes, whole and cut mid-frame: the
/// probe's count from packet bytes is what the decoder produces.
#[test]
fn wav_in_every_sample_format_probes_to_its_decoded_length() {
    let dir = tempfile::tempdir().expect("temp dir");
    let formats = [
        (8, hound::SampleFormat::Int, "wav/pcm_u8"),
        (16, hound::SampleFormat::Int, "wav/pcm_s16le"),
        (24, hound::SampleFormat::Int, "wav/pcm_s24le"),
        (32, hound::SampleFormat::Int, "wav/pcm_s32le"),
        (32, hound::SampleFormat::Float, "wav/pcm_f32le"),
    ];
    for (bits, sample_format, expected_format) in formats {
        let path = dir.path().join(format!("{bits}-{sample_format:?}.wav"));
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 32000,
            bits_per_sample: bits,
            sample_format,
        };
        let mut writer = hound::WavWriter::create(&path, spec).expect("create");
        for n in 0..64_000 {
            let value = (n as f32 * 0.05).sin() * 0.5;
            match sample_format {
                hound::SampleFormat::Float => writer.write_sample(value),
                hound::SampleFormat::Int => {
                    let full = (1i64 << (bits - 1)) as f32;
                    writer.write_sample((value * full) as i32)
                }
            }
            .expect("write");
        }
        writer.finalize().expect("finalize");
        let info = probe(&path).expect("probe");
        assert_eq!(info.format, expected_format);
        assert_eq!(info.duration, Duration::from_secs(1), "{expected_format}");

        let bytes = fs::read(&path).expect("read");
        let cut = dir.path().join(format!("cut-{bits}-{sample_format:?}.wav"));
        fs::write(&cut, &bytes[..bytes.len() - bytes.len() / 3 - 1]).expect("write");
        let probed = match probe(&cut) {
            Err(AudioError::Truncated { found, .. }) => found.as_secs_f64(),
            other => panic!("{expected_format}: {other:?}"),
        };
        // The decoder plays what is there; the probe's `found` is that.
        let decoded = seconds(&decode_all(&cut, 4096));
        assert!(
            (probed - decoded).abs() < 0.001,
            "{expected_format}: {probed} vs {decoded}"
        );
    }
}
