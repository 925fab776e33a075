//! A segment's levels: EBU R128 integrated loudness, true peak and its
//! silent parts, from one full decode of the file.
//!
//! Measured at the file's own rate, in the stereo that playout makes of it
//! (mono on both sides, as it airs): the 48 kHz conversion playout adds is
//! band-limited and changes neither loudness nor peaks measurably, and
//! skipping it makes the measurement several times faster. A full decode
//! still costs far more than the duration probe, so this runs once per file
//! version: [`super::ProbeCache`] keeps the result by path, size and mtime.

use std::path::Path;
use std::time::Duration;

use ebur128::{EbuR128, Mode};

use super::CHANNELS;
use super::error::{AudioError, Undecodable};
use super::media::{Media, Step};
use super::shield::shielded;
use super::silence::{SilenceRuns, SilenceSummary};
use super::stereo::append_stereo;

/// What a full decode says about how a segment sounds. Durations are of
/// the decoded stream (the probed duration, within a few ms).
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

/// Decodes the whole of `path` and measures its levels. Never panics on
/// the file's bytes (symphonia runs behind the shield); damaged packets
/// count as the silence they air as, and a file that fails to decode
/// part-way is an error, as it would be on air.
pub fn measure(path: &Path) -> Result<Levels, AudioError> {
    shielded(path, || measure_unshielded(path))
}

fn measure_unshielded(path: &Path) -> Result<Levels, AudioError> {
    let mut media = Media::open(path)?;
    let mut meter: Option<Meter> = None;
    let mut stereo = Vec::new();
    loop {
        stereo.clear();
        let rate = match media.decode_next()? {
            Step::Audio(buffer) => {
                append_stereo(&buffer, &mut stereo);
                buffer.spec().rate
            }
            Step::Damaged { frames } => match &meter {
                Some(meter) => {
                    let silence = usize::try_from(frames).unwrap_or(0) * CHANNELS;
                    stereo.resize(silence, 0.0);
                    meter.rate
                }
                None => continue,
            },
            Step::End => break,
        };
        let meter = match &mut meter {
            Some(meter) => meter,
            None => meter.insert(Meter::new(path, rate)?),
        };
        if rate != meter.rate {
            // A packet at another rate is junk that happened to parse (the
            // decoder skips it too).
            media.count_bad_packet()?;
            continue;
        }
        meter.feed(&mut stereo).map_err(|e| meter_error(path, e))?;
    }
    match meter {
        Some(meter) => meter.finish().map_err(|e| meter_error(path, e)),
        None => Err(AudioError::ZeroDuration {
            path: path.to_path_buf(),
        }),
    }
}

/// The loudness meter and the silence finder, at the file's rate.
struct Meter {
    rate: u32,
    loudness: EbuR128,
    silence: SilenceRuns,
}

impl Meter {
    /// Integrated loudness with a histogram (constant memory, any length)
    /// and true peak, for stereo at `rate`.
    fn new(path: &Path, rate: u32) -> Result<Self, AudioError> {
        let loudness = EbuR128::new(
            CHANNELS as u32,
            rate,
            Mode::I | Mode::TRUE_PEAK | Mode::HISTOGRAM,
        )
        .map_err(|e| meter_error(path, e))?;
        let block = (rate as usize / 100).max(1) * CHANNELS;
        Ok(Self {
            rate,
            loudness,
            silence: SilenceRuns::with_block(block),
        })
    }

    /// Adds interleaved stereo samples (whole frames: `append_stereo`
    /// makes nothing else). Anything not finite counts as silence, as the
    /// decoder airs it.
    fn feed(&mut self, stereo: &mut [f32]) -> Result<(), ebur128::Error> {
        for sample in stereo.iter_mut().filter(|s| !s.is_finite()) {
            *sample = 0.0;
        }
        self.silence.feed(stereo);
        self.loudness.add_frames_f32(stereo)
    }

    fn finish(self) -> Result<Levels, ebur128::Error> {
        let summary = self.silence.finish();
        summarise(&self.loudness, &summary, self.rate)
    }
}

fn summarise(
    meter: &EbuR128,
    silence: &SilenceSummary,
    rate: u32,
) -> Result<Levels, ebur128::Error> {
    let duration = |samples: u64| samples_to_duration(samples, rate);
    let loudness = Some(meter.loudness_global()?).filter(|l| l.is_finite());
    let mut peak = 0.0f64;
    for channel in 0..CHANNELS as u32 {
        peak = peak.max(meter.true_peak(channel)?);
    }
    let true_peak = (peak > 0.0).then(|| 20.0 * peak.log10());
    Ok(Levels {
        loudness,
        true_peak,
        leading_silence: duration(silence.leading),
        trailing_silence: duration(silence.trailing),
        silent: duration(silence.silent),
        longest_pause: (
            duration(silence.longest_inner.0),
            duration(silence.longest_inner.1),
        ),
        length: duration(silence.total),
    })
}

/// The duration of `samples` interleaved stereo samples at `rate`.
fn samples_to_duration(samples: u64, rate: u32) -> Duration {
    let frames = u128::from(samples / CHANNELS as u64);
    let nanos = frames * 1_000_000_000 / u128::from(rate.max(1));
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
