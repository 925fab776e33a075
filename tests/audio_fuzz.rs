//! Randomly damaged copies of real files: probing and decoding always end
//! with an answer (never a panic that escapes, never an endless loop), and
//! when both succeed, what the decoder produces is as long as the probe said.

#[path = "support/audio/mod.rs"]
mod audio_support;

use std::fs;

use audio_support::{FIXTURES, fixture, write_sine_wav};
use loa::audio::{CHANNELS, Decoder, SAMPLE_RATE, probe};
use proptest::prelude::*;

/// Decodes to the end: `Some(seconds)`, or `None` on an error. Bounded, so
/// a decoder that never ends fails instead of hanging.
fn decoded_seconds(path: &std::path::Path) -> Option<f64> {
    let mut decoder = Decoder::open(path).ok()?;
    let mut buffer = vec![0.0f32; 8192];
    let mut samples = 0usize;
    for _ in 0..100_000 {
        match decoder.read(&mut buffer).ok()? {
            0 => return Some(samples as f64 / CHANNELS as f64 / f64::from(SAMPLE_RATE)),
            n => samples += n,
        }
    }
    panic!("decoder did not end");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn damaged_files_give_answers_and_consistent_lengths(
        which in 0..=FIXTURES.len(),
        damage in prop::collection::vec((0.0..1.0f64, any::<u8>()), 1..40),
        keep in 0.05..=1.0f64,
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        // The fixtures, and a wav (PCM: packets cut by bytes, not headers).
        let original = match FIXTURES.get(which) {
            Some((name, ..)) => fixture(name),
            None => {
                let wav = dir.path().join("original.wav");
                write_sine_wav(&wav, 22050, &[440.0, 660.0], 0.5);
                wav
            }
        };
        let name = original.file_name().expect("name").to_string_lossy().into_owned();
        let mut bytes = fs::read(&original).expect("read original");
        for (at, value) in damage {
            let index = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[index] = value;
        }
        bytes.truncate(((bytes.len() as f64) * keep).max(1.0) as usize);
        let path = dir.path().join(format!("damaged-{name}"));
        fs::write(&path, &bytes).expect("write");

        let probed = probe(&path);
        let decoded = decoded_seconds(&path);
        if let (Ok(info), Some(decoded)) = (&probed, decoded) {
            let probed = info.duration.as_secs_f64();
            prop_assert!((probed - decoded).abs() < 0.05, "probed {probed} s, decoded {decoded} s");
        }
    }
}
