//! `loa::audio::Decoder`: every source becomes 48 kHz interleaved stereo of
//! the right length and pitch, continuous across `read` calls, and damaged
//! files give errors, never panics.

#[path = "support/audio/mod.rs"]
mod audio_support;

use std::fs;

use audio_support::{
    FIXTURES, channel, decode_all, fixture, largest_step, seconds, tone_frequency, write_sine_wav,
};
use loa::audio::{AudioError, Decoder, SAMPLE_RATE, Undecodable, probe};

/// Frequency within 0.5 % (zero crossings over about a second).
fn assert_pitch(signal: &[f32], expected: f64, what: &str) {
    let measured = tone_frequency(signal);
    assert!(
        (measured - expected).abs() < expected * 0.005,
        "{what}: {measured} Hz, expected {expected} Hz"
    );
}

#[test]
fn sine_22050_mono_becomes_48k_stereo_of_the_same_pitch_and_length() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sine.wav");
    write_sine_wav(&path, 22050, &[440.0], 2.0);
    let pcm = decode_all(&path, 4096);
    assert_eq!(pcm.len(), 2 * 2 * SAMPLE_RATE as usize, "exactly 2 s");
    let (left, right) = (channel(&pcm, 0), channel(&pcm, 1));
    assert_eq!(left, right, "mono goes to both sides");
    assert_pitch(&left, 440.0, "mono");
    assert!(largest_step(&left) < 0.03, "{}", largest_step(&left));
}

/// Sample by sample against the ideal 48 kHz sine: proves the band-limited
/// resampling is clean (error under -60 dB of the tone; measured about -72 dB,
/// the 16-bit source included)
/// and that the resampler's delay is trimmed to the sample, so a segment
/// starts on time.
#[test]
fn resampled_sine_matches_the_ideal_sine_sample_by_sample() {
    let dir = tempfile::tempdir().expect("temp dir");
    for rate in [8000, 22050, 32000, 44100] {
        let path = dir.path().join(format!("sine-{rate}.wav"));
        write_sine_wav(&path, rate, &[440.0], 1.0);
        let left = channel(&decode_all(&path, 4096), 0);
        let worst = left
            .iter()
            .enumerate()
            .skip(4800)
            .take(38_400)
            .map(|(n, sample)| {
                let t = n as f64 / f64::from(SAMPLE_RATE);
                let ideal = 0.5 * (2.0 * std::f64::consts::PI * 440.0 * t).sin();
                (f64::from(*sample) - ideal).abs()
            })
            .fold(0.0, f64::max);
        assert!(worst < 0.0005, "{rate} Hz: off by {worst}");
    }
}

#[test]
fn sine_44100_stereo_keeps_each_channel_its_pitch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sine.wav");
    write_sine_wav(&path, 44100, &[440.0, 660.0], 1.5);
    let pcm = decode_all(&path, 4096);
    assert_eq!(pcm.len(), 2 * 72_000, "exactly 1.5 s");
    assert_pitch(&channel(&pcm, 0), 440.0, "left");
    assert_pitch(&channel(&pcm, 1), 660.0, "right");
}

/// The resampled output must not depend on how the caller slices it: the
/// same samples come out for a read of 4096, of 7 (odd: frames split across
/// calls) and of 1 sample at a time, and the waveform has no jump anywhere
/// (a 0.5-amplitude 660 Hz sine moves at most 0.044 per sample at 48 kHz).
#[test]
fn output_is_continuous_whatever_the_read_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sine.wav");
    write_sine_wav(&path, 44100, &[440.0, 660.0], 1.0);
    let whole = decode_all(&path, 4096);
    assert_eq!(decode_all(&path, 7), whole);
    assert_eq!(decode_all(&path, 1), whole);
    assert!(largest_step(&channel(&whole, 0)) < 0.03);
    assert!(largest_step(&channel(&whole, 1)) < 0.045);
}

#[test]
fn every_format_decodes_at_its_pitch_in_range() {
    for (name, ..) in FIXTURES {
        let pcm = decode_all(&fixture(name), 4096);
        assert!(pcm.iter().all(|s| (-1.0..=1.0).contains(s)), "{name}");
        // The mp3 without Xing header has its tone in the last 2 s only.
        let tail = &pcm[pcm.len() - 2 * SAMPLE_RATE as usize..];
        assert_pitch(&channel(tail, 0), 440.0, name);
        if !name.contains("mono") {
            assert_pitch(&channel(tail, 1), 660.0, name);
        }
    }
}

/// A full-scale square wave overshoots when band-limited by resampling
/// (Gibbs); what the outputs receive still stays within -1.0..=1.0.
#[test]
fn resampled_full_scale_audio_stays_in_range() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("square.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 22050,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(&path, spec).expect("create");
    for n in 0..22050 {
        let high = (n / 25) % 2 == 0;
        writer
            .write_sample(if high { i16::MAX } else { i16::MIN })
            .expect("write");
    }
    writer.finalize().expect("finalize");
    let pcm = decode_all(&path, 4096);
    assert!(pcm.iter().all(|s| (-1.0..=1.0).contains(s)));
    assert!(pcm.contains(&1.0), "the overshoot was clipped");
}

/// Damaged bytes in the middle of an mp3 or flac: the decoder skips what it
/// cannot decode and goes on; the length stays what the probe reports.
#[test]
fn corrupt_packets_mid_file_are_skipped() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["tone-44100-stereo.mp3", "tone-48000-stereo.flac"] {
        let mut bytes = fs::read(fixture(name)).expect("read");
        let middle = bytes.len() / 2;
        for byte in &mut bytes[middle..middle + 200] {
            *byte ^= 0x5a;
        }
        let path = dir.path().join(name);
        fs::write(&path, &bytes).expect("write");
        let probed = probe(&path).expect("still probes").duration.as_secs_f64();
        let decoded = seconds(&decode_all(&path, 4096));
        assert!(
            (probed - decoded).abs() < 0.003,
            "{name}: {probed} vs {decoded}"
        );
        let whole = probe(&fixture(name)).expect("whole").duration.as_secs_f64();
        assert!(decoded > whole * 0.8, "{name}: most of it plays");
    }
}

/// Reads `decoder` to the end or the first error, with a bound so that a
/// decoder that never ends fails the test instead of hanging it.
fn drain(decoder: &mut Decoder) -> Result<usize, AudioError> {
    let mut buffer = vec![0.0f32; 4096];
    let mut total = 0;
    for _ in 0..100_000 {
        match decoder.read(&mut buffer)? {
            0 => return Ok(total),
            n => total += n,
        }
    }
    panic!("decoder did not end");
}

#[test]
fn a_file_of_damaged_packets_is_an_error_and_then_ends() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = fs::read(fixture("tone-48000-stereo.flac")).expect("read");
    // Keep the headers; garble every frame after the first.
    let first_frames = 9000;
    for (i, byte) in bytes[first_frames..].iter_mut().enumerate() {
        *byte ^= (i % 251) as u8 | 1;
    }
    let path = dir.path().join("garbled.flac");
    fs::write(&path, &bytes).expect("write");
    let mut decoder = Decoder::open(&path).expect("headers are intact");
    let error = drain(&mut decoder).expect_err("no audio survives");
    assert!(
        matches!(
            error,
            AudioError::ZeroDuration { .. }
                | AudioError::Undecodable {
                    reason: Undecodable::TooManyBadPackets { .. },
                    ..
                }
        ),
        "{error:?}"
    );
    let mut buffer = [0.0f32; 64];
    assert_eq!(decoder.read(&mut buffer).expect("ended"), 0);
}

/// Every fixture cut at many offsets, and randomly damaged: decoding always
/// ends with samples or an error, never a panic or an endless loop.
#[test]
fn broken_files_never_panic_or_hang_the_decoder() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, ..) in FIXTURES {
        let bytes = fs::read(fixture(name)).expect("read");
        for part in [1, 4, 7] {
            let cut = bytes.len() * part / 8;
            let path = dir.path().join(format!("cut-{cut}-{name}"));
            fs::write(&path, &bytes[..cut]).expect("write");
            if let Ok(mut decoder) = Decoder::open(&path) {
                let _ = drain(&mut decoder);
            }
            let mut damaged = bytes.clone();
            for i in (cut..bytes.len()).step_by(97) {
                damaged[i] = damaged[i].wrapping_mul(31).wrapping_add(part as u8);
            }
            let path = dir.path().join(format!("damaged-{part}-{name}"));
            fs::write(&path, &damaged).expect("write");
            if let Ok(mut decoder) = Decoder::open(&path) {
                let _ = drain(&mut decoder);
            }
        }
    }
}

#[test]
fn decoder_refuses_what_probe_refuses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.ogg");
    fs::write(&empty, b"").expect("write");
    assert!(matches!(
        Decoder::open(&empty),
        Err(AudioError::Empty { .. })
    ));
    let text = dir.path().join("notes.mp3");
    fs::write(&text, "not audio at all\n".repeat(50)).expect("write");
    assert!(matches!(
        Decoder::open(&text),
        Err(AudioError::NotAudio { .. })
    ));
    let cut = dir.path().join("cut.flac");
    let bytes = fs::read(fixture("tone-48000-stereo.flac")).expect("read");
    fs::write(&cut, &bytes[..30]).expect("write");
    assert!(matches!(
        Decoder::open(&cut),
        Err(AudioError::Undecodable {
            reason: Undecodable::EndsEarly,
            ..
        })
    ));
}

/// The playout pre-decodes on its own thread, shortly before air.
#[test]
fn a_decoder_opened_here_can_decode_on_another_thread() {
    let mut decoder = Decoder::open(&fixture("tone-44100-stereo.ogg")).expect("open");
    let samples = std::thread::spawn(move || drain(&mut decoder))
        .join()
        .expect("thread")
        .expect("decode");
    assert!(samples > 0);
}

/// A 16-bit 48 kHz WAVE_FORMAT_EXTENSIBLE file with `channel_mask` and one
/// plane per entry of `planes` (in mask order).
fn write_multichannel_wav(path: &std::path::Path, channel_mask: u32, planes: &[Vec<f32>]) {
    let channels = planes.len() as u16;
    let frames = planes[0].len();
    let data_len = (frames * planes.len() * 2) as u32;
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"RIFF");
    bytes.extend_from_slice(&(4 + 8 + 40 + 8 + data_len).to_le_bytes());
    bytes.extend_from_slice(b"WAVEfmt ");
    bytes.extend_from_slice(&40u32.to_le_bytes());
    bytes.extend_from_slice(&0xFFFEu16.to_le_bytes());
    bytes.extend_from_slice(&channels.to_le_bytes());
    bytes.extend_from_slice(&48_000u32.to_le_bytes());
    bytes.extend_from_slice(&(48_000 * 2 * u32::from(channels)).to_le_bytes());
    bytes.extend_from_slice(&(2 * channels).to_le_bytes());
    bytes.extend_from_slice(&16u16.to_le_bytes());
    bytes.extend_from_slice(&22u16.to_le_bytes());
    bytes.extend_from_slice(&16u16.to_le_bytes());
    bytes.extend_from_slice(&channel_mask.to_le_bytes());
    // KSDATAFORMAT_SUBTYPE_PCM
    bytes.extend_from_slice(&[
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B,
        0x71,
    ]);
    bytes.extend_from_slice(b"data");
    bytes.extend_from_slice(&data_len.to_le_bytes());
    for frame in 0..frames {
        for plane in planes {
            let value = (plane[frame] * f32::from(i16::MAX)).round() as i16;
            bytes.extend_from_slice(&value.to_le_bytes());
        }
    }
    fs::write(path, bytes).expect("write wav");
}

/// The amplitude of the `hertz` component of `signal` (48 kHz), by a
/// single-bin DFT over whole cycles: independent of the decoder's code.
fn amplitude_at(signal: &[f32], hertz: f64) -> f64 {
    let n = signal.len() as f64;
    let (mut re, mut im) = (0.0f64, 0.0f64);
    for (i, &x) in signal.iter().enumerate() {
        let phase = std::f64::consts::TAU * hertz * i as f64 / 48_000.0;
        re += f64::from(x) * phase.cos();
        im -= f64::from(x) * phase.sin();
    }
    2.0 * (re * re + im * im).sqrt() / n
}

/// Regression: a 5.0 file lost its centre and surround channels (only L and
/// R aired). Five distinct tones, one per channel, all reach the stereo
/// output at the ITU-R BS.775 levels: front at 1, centre at 0.707 to both
/// sides, each surround at 0.707 to its side.
#[test]
fn every_channel_of_a_five_channel_file_reaches_the_stereo_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("five.wav");
    // FL, FR, FC, BL, BR: 0x1 | 0x2 | 0x4 | 0x10 | 0x20.
    let tones = [500.0, 700.0, 1100.0, 1300.0, 1700.0];
    let planes: Vec<Vec<f32>> = tones
        .iter()
        .map(|hz| {
            (0..48_000)
                .map(|i| {
                    (0.1 * (std::f64::consts::TAU * hz * f64::from(i) / 48_000.0).sin()) as f32
                })
                .collect()
        })
        .collect();
    write_multichannel_wav(&path, 0x37, &planes);
    let pcm = decode_all(&path, 4096);
    assert_eq!(pcm.len(), 2 * 48_000, "one second of stereo");
    let (left, right) = (channel(&pcm, 0), channel(&pcm, 1));
    let expected = [
        (0.1, 0.0),
        (0.0, 0.1),
        (0.0707, 0.0707),
        (0.0707, 0.0),
        (0.0, 0.0707),
    ];
    for (hz, (want_left, want_right)) in tones.iter().zip(expected) {
        let (got_left, got_right) = (amplitude_at(&left, *hz), amplitude_at(&right, *hz));
        assert!(
            (got_left - want_left).abs() < 0.002 && (got_right - want_right).abs() < 0.002,
            "{hz} Hz: left {got_left:.4} (want {want_left}), right {got_right:.4} (want {want_right})"
        );
    }
}
