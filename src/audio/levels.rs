//! A segment's levels: EBU R128 integrated loudness, true peak and its
//! silent parts, from one full decode of exactly what playout will air
//! (48 kHz stereo from [`Decoder`]), so playout's gain lands where measured.
//!
//! A full decode costs far more than the duration probe, so this runs once
//! per file version: [`super::ProbeCache`] keeps the result by path, size
//! and mtime.

use std::path::Path;
use std::time::Duration;

use ebur128::{EbuR128, Mode};

use super::error::{AudioError, Undecodable};
use super::silence::{SilenceRuns, SilenceSummary};
use super::{CHANNELS, Decoder, SAMPLE_RATE};

/// What a full decode says about how a segment sounds. Durations are of
/// the decoded 48 kHz stream (the probed duration, within a few ms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Levels {
    /// Integrated loudness (EBU R128 / ITU-R BS.1770), LUFS. `None` when
    /// nothing in the file is above the R128 absolute gate (-70 LUFS): a
    /// silent file has no loudness to correct.
    pub loudness: Option<f64>,
    /// The highest true (inter-sample) peak of either channel, dBTP;
    /// `None` for digital silence.
    pub true_peak: Option<f64>,
    /// Silence before the first sound (the whole file when it is silent).
    pub leading_silence: Duration,
    /// Silence after the last sound (the whole file when it is silent).
    pub trailing_silence: Duration,
    /// All silent time, edges included.
    pub silent: Duration,
    /// The longest silence between two sounds: where it starts, how long.
    pub longest_pause: (Duration, Duration),
    /// The decoded length.
    pub length: Duration,
}

impl Levels {
    /// Whether any of the file is above the silence threshold.
    pub fn has_sound(&self) -> bool {
        self.leading_silence < self.length
    }

    /// Silent time as a share of the whole, 0.0 to 1.0.
    pub fn silent_share(&self) -> f64 {
        if self.length.is_zero() {
            return 1.0;
        }
        self.silent.as_secs_f64() / self.length.as_secs_f64()
    }
}

/// Samples per read while measuring: 100 ms.
const READ_SAMPLES: usize = (SAMPLE_RATE as usize / 10) * CHANNELS;

/// Decodes the whole of `path` and measures its levels. Never panics on
/// the file's bytes (the decoder is shielded); a file that fails to decode
/// part-way is an error, as it would be on air.
pub fn measure(path: &Path) -> Result<Levels, AudioError> {
    let mut decoder = Decoder::open(path)?;
    let mut meter = new_meter(path)?;
    let mut silence = SilenceRuns::default();
    let mut buffer = vec![0.0f32; READ_SAMPLES];
    let mut pending_odd: Option<f32> = None;
    loop {
        let n = decoder.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        silence.feed(&buffer[..n]);
        feed_frames(&mut meter, &buffer[..n], &mut pending_odd)
            .map_err(|e| meter_error(path, e))?;
    }
    let summary = silence.finish();
    summarise(&meter, &summary).map_err(|e| meter_error(path, e))
}

/// The meter: integrated loudness with a histogram (constant memory, any
/// length) and true peak, for 48 kHz stereo.
fn new_meter(path: &Path) -> Result<EbuR128, AudioError> {
    EbuR128::new(
        CHANNELS as u32,
        SAMPLE_RATE,
        Mode::I | Mode::TRUE_PEAK | Mode::HISTOGRAM,
    )
    .map_err(|e| meter_error(path, e))
}

/// Adds whole frames to the meter; a sample left over from an odd-length
/// read waits for its partner.
fn feed_frames(
    meter: &mut EbuR128,
    mut samples: &[f32],
    pending_odd: &mut Option<f32>,
) -> Result<(), ebur128::Error> {
    if let (Some(left), Some((&right, rest))) = (*pending_odd, samples.split_first()) {
        meter.add_frames_f32(&[left, right])?;
        *pending_odd = None;
        samples = rest;
    }
    let whole = samples.len() - samples.len() % CHANNELS;
    meter.add_frames_f32(&samples[..whole])?;
    if whole < samples.len() {
        *pending_odd = Some(samples[whole]);
    }
    Ok(())
}

fn summarise(meter: &EbuR128, silence: &SilenceSummary) -> Result<Levels, ebur128::Error> {
    let loudness = Some(meter.loudness_global()?).filter(|l| l.is_finite());
    let mut peak = 0.0f64;
    for channel in 0..CHANNELS as u32 {
        peak = peak.max(meter.true_peak(channel)?);
    }
    let true_peak = (peak > 0.0).then(|| 20.0 * peak.log10());
    Ok(Levels {
        loudness,
        true_peak,
        leading_silence: samples_to_duration(silence.leading),
        trailing_silence: samples_to_duration(silence.trailing),
        silent: samples_to_duration(silence.silent),
        longest_pause: (
            samples_to_duration(silence.longest_inner.0),
            samples_to_duration(silence.longest_inner.1),
        ),
        length: samples_to_duration(silence.total),
    })
}

/// The duration of `samples` interleaved stereo samples at 48 kHz.
fn samples_to_duration(samples: u64) -> Duration {
    let frames = u128::from(samples / CHANNELS as u64);
    let nanos = frames * 1_000_000_000 / u128::from(SAMPLE_RATE);
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}

fn meter_error(path: &Path, error: ebur128::Error) -> AudioError {
    AudioError::undecodable(
        path,
        Undecodable::Malformed {
            detail: format!("loudness meter: {error}"),
        },
    )
}
