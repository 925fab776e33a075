//! Even loudness on air: each segment's gain to the station's target, and a
//! true-peak look-ahead limiter that keeps the sum under the ceiling.
//!
//! Gain alone cannot bring speech to -16 LUFS under -1 dBTP: speech's peaks
//! stand about 19 dB above its loudness. The limiter lowers just those
//! peaks, smoothly: it sees [`LOOKAHEAD`] ahead, ramps the gain down over
//! that time so it has arrived when the peak does, holds it, and lets it
//! back up slowly ([`RELEASE`]), so there is neither clipping nor pumping.
//!
//! ```text
//! decoded ─×gain─▶ look-ahead delay ─×limiter gain─▶ output
//!             └─▶ 4× true-peak detector ─▶ min over look-ahead+hold ─▶ ramp ─▶ release ─┘
//! ```

use std::collections::VecDeque;
use std::time::Duration;

use crate::audio::{CHANNELS, SAMPLE_RATE};
use crate::plan::{AudioPolicy, Segment};

/// The true-peak ceiling of what goes on air, dBTP (EBU R128's limit).
pub const CEILING_DBTP: f64 = -1.0;
/// How far below the ceiling the limiter aims: covers the detector's
/// interpolation error and the gain's own movement between samples. The
/// BS.1770 4× detector under-reads energy between 20 and 24 kHz: a
/// white-noise-rich file it read at −1.02 dBTP measured −0.23 dBTP with a
/// 16× reconstruction (0.79 dB more). 0.8 dB keeps such content under the
/// ceiling; speech and music, with little energy up there, lose 0.5 dB of
/// peak headroom they did not use (docs/outputs.md).
const DETECTOR_MARGIN_DB: f64 = 0.8;
/// How far ahead the limiter looks, and so how long its gain takes to come
/// down before a peak.
pub const LOOKAHEAD: Duration = Duration::from_millis(5);
/// How long the gain stays down after a peak before it is released.
const HOLD: Duration = Duration::from_millis(20);
/// The time constant of the gain's return after the hold.
const RELEASE: Duration = Duration::from_millis(150);
/// No automatic gain beyond this, either way: a file that needs more is
/// mostly noise or a mistake (`loa check` warns about it), and the limiter
/// should not be asked to flatten it.
const MAX_AUTOMATIC_GAIN_DB: f64 = 24.0;

/// The gain (dB) `segment` airs with under `policy`: its own `gain` when
/// set, else the difference between the target and its measured loudness,
/// else none (loudness off, not measured, or silent).
pub fn segment_gain_db(segment: &Segment, policy: &AudioPolicy) -> f64 {
    if let Some(gain) = segment.gain {
        return gain;
    }
    let loudness = segment.levels.as_ref().and_then(|levels| levels.loudness);
    match (policy.loudness, loudness) {
        (Some(target), Some(loudness)) => {
            (target - loudness).clamp(-MAX_AUTOMATIC_GAIN_DB, MAX_AUTOMATIC_GAIN_DB)
        }
        _ => 0.0,
    }
}

/// Whether an airing needs the limiter: whenever any gain may push peaks up
/// (loudness on, or a segment with its own gain). Without it, decoded
/// samples go out untouched.
pub fn needs_limiter(segments: &[Segment], policy: &AudioPolicy) -> bool {
    policy.loudness.is_some() || segments.iter().any(|s| s.gain.is_some())
}

/// Multiplies every sample by `gain_db` (0 dB leaves them as they are).
pub fn apply_gain(samples: &mut [f32], gain_db: f64) {
    if gain_db == 0.0 {
        return;
    }
    let factor = 10f64.powf(gain_db / 20.0) as f32;
    samples.iter_mut().for_each(|s| *s *= factor);
}

fn frames_of(duration: Duration) -> usize {
    (duration.as_secs_f64() * f64::from(SAMPLE_RATE)).round() as usize
}

/// A stereo-linked true-peak look-ahead limiter over one continuous stream
/// (one airing: segments pass through it back to back, gaplessly).
///
/// Output lags input by [`Limiter::latency_frames`] frames: the first ones
/// pushed give no output (so the first sample out is the first sample in,
/// on time), and [`Limiter::flush`] lets the last ones out at the end.
pub struct Limiter {
    ceiling_dbtp: f64,
    /// The linear level the detected true peak is kept under.
    threshold: f32,
    /// The linear ceiling no output sample may pass, whatever happens.
    ceiling: f32,
    detector: TruePeakDetector,
    /// The interval peak of the previous frame (see [`Limiter::push_frame`]).
    previous_interval_peak: f32,
    /// Sliding minimum of required gains over look-ahead + hold.
    minimum: SlidingMin,
    /// The last `lookahead` minima and their sum: the attack ramp.
    ramp: VecDeque<f32>,
    ramp_sum: f64,
    lookahead: usize,
    /// The gain after release smoothing.
    gain: f32,
    release_step: f32,
    /// Input frames waiting for their gain.
    delay: VecDeque<[f32; CHANNELS]>,
    latency: usize,
    /// An odd sample left from the last push, waiting for its partner.
    odd: Option<f32>,
}

impl Default for Limiter {
    fn default() -> Self {
        Self::new(CEILING_DBTP)
    }
}

impl Limiter {
    /// A limiter keeping the output's true peak under `ceiling_dbtp`.
    pub fn new(ceiling_dbtp: f64) -> Self {
        let lookahead = frames_of(LOOKAHEAD).max(1);
        let hold = frames_of(HOLD);
        let threshold = decibels_to_linear(ceiling_dbtp - DETECTOR_MARGIN_DB);
        let detector = TruePeakDetector::new(threshold);
        // One more frame: a frame's required gain covers the interval
        // after it too, known a frame later.
        let latency = detector.delay() + 1 + lookahead - 1;
        let release_frames = RELEASE.as_secs_f64() * f64::from(SAMPLE_RATE);
        Self {
            ceiling_dbtp,
            threshold,
            ceiling: decibels_to_linear(ceiling_dbtp),
            detector,
            previous_interval_peak: 0.0,
            minimum: SlidingMin::new(lookahead + hold),
            // Full of unity gain: nothing is limited before the first peak.
            ramp: std::iter::repeat_n(1.0, lookahead).collect(),
            ramp_sum: lookahead as f64,
            lookahead,
            gain: 1.0,
            release_step: (1.0 - (-1.0 / release_frames).exp()) as f32,
            delay: VecDeque::with_capacity(latency + 1),
            latency,
            odd: None,
        }
    }

    /// How many frames output lags input.
    pub fn latency_frames(&self) -> usize {
        self.latency
    }

    /// Limits `input` (interleaved stereo) and appends what is ready to
    /// `out`: as many samples as went in, less the look-ahead still held.
    pub fn process(&mut self, mut input: &[f32], out: &mut Vec<f32>) {
        if let Some(left) = self.odd.take() {
            match input.split_first() {
                Some((&right, rest)) => {
                    self.push_frame([left, right], out);
                    input = rest;
                }
                None => {
                    self.odd = Some(left);
                    return;
                }
            }
        }
        let mut frames = input.chunks_exact(CHANNELS);
        for frame in &mut frames {
            self.push_frame([frame[0], frame[1]], out);
        }
        self.odd = frames.remainder().first().copied();
    }

    /// Lets out every held frame (as if silence followed) and makes the
    /// limiter ready for a new stream.
    pub fn flush(&mut self, out: &mut Vec<f32>) {
        if let Some(left) = self.odd.take() {
            self.push_frame([left, 0.0], out);
        }
        let held = self.delay.len();
        let mut tail = Vec::with_capacity((held + self.latency) * CHANNELS);
        for _ in 0..self.latency {
            self.push_frame([0.0; CHANNELS], &mut tail);
        }
        let real = held.min(tail.len() / CHANNELS) * CHANNELS;
        out.extend_from_slice(&tail[..real]);
        *self = Self::new(self.ceiling_dbtp);
    }

    /// One frame in; at most one frame out, `latency` frames older.
    fn push_frame(&mut self, frame: [f32; CHANNELS], out: &mut Vec<f32>) {
        self.delay.push_back(frame);
        let Some(interval_peak) = self.detector.push(frame) else {
            return;
        };
        // The frame before the newest interval: both intervals around it.
        let peak = interval_peak.max(self.previous_interval_peak);
        self.previous_interval_peak = interval_peak;
        let required = if peak > self.threshold {
            self.threshold / peak
        } else {
            1.0
        };
        let held = self.minimum.push(required);
        self.ramp.push_back(held);
        self.ramp_sum += f64::from(held);
        if self.ramp.len() > self.lookahead
            && let Some(old) = self.ramp.pop_front()
        {
            self.ramp_sum -= f64::from(old);
        }
        let ramped = ((self.ramp_sum / self.lookahead as f64) as f32).min(1.0);
        self.gain = if ramped < self.gain {
            ramped
        } else if ramped - self.gain < 1e-6 {
            // Back at rest: exactly, so unlimited audio passes untouched.
            ramped
        } else {
            self.gain + (ramped - self.gain) * self.release_step
        };
        if self.delay.len() > self.latency
            && let Some(delayed) = self.delay.pop_front()
        {
            for sample in delayed {
                // The clamp is a last resort that the detector's margin
                // keeps from ever working.
                out.push((sample * self.gain).clamp(-self.ceiling, self.ceiling));
            }
        }
    }
}

fn decibels_to_linear(decibels: f64) -> f32 {
    10f64.powf(decibels / 20.0) as f32
}

/// Taps of the true-peak interpolator (per phase); 16 is enough for
/// tenths of a dB on programme material.
const TAPS: usize = 16;
/// Points interpolated between two samples (4× oversampling, as BS.1770).
const PHASES: usize = 3;

/// Estimates inter-sample peaks by 4× windowed-sinc interpolation.
struct TruePeakDetector {
    coefficients: [[f32; TAPS]; PHASES],
    /// Each channel's last `TAPS` samples, stored twice over so that they
    /// can always be read as one slice (`history[c][next..next + TAPS]`).
    history: [[f32; 2 * TAPS]; CHANNELS],
    next: usize,
    filled: usize,
    /// Frames since a sample at or above `quiet_below` went in: while the
    /// whole window is below it, no interpolated point can reach the
    /// limiter's threshold and the filter is not run.
    since_loud: usize,
    quiet_below: f32,
}

impl TruePeakDetector {
    /// A detector that may skip interpolation where no point could reach
    /// `threshold`.
    fn new(threshold: f32) -> Self {
        let mut coefficients = [[0.0f32; TAPS]; PHASES];
        let half = (TAPS / 2) as f64;
        for (phase, taps) in coefficients.iter_mut().enumerate() {
            let fraction = (phase + 1) as f64 / (PHASES + 1) as f64;
            let mut sum = 0.0;
            for (k, tap) in taps.iter_mut().enumerate() {
                // Distance from the interpolated point (between taps
                // half-1 and half) to tap k.
                let t = k as f64 - (half - 1.0) - fraction;
                let sinc = if t == 0.0 {
                    1.0
                } else {
                    (std::f64::consts::PI * t).sin() / (std::f64::consts::PI * t)
                };
                let x = std::f64::consts::PI * t / half;
                let blackman = 0.42 + 0.5 * x.cos() + 0.08 * (2.0 * x).cos();
                *tap = (sinc * blackman) as f32;
                sum += sinc * blackman;
            }
            taps.iter_mut().for_each(|tap| *tap /= sum as f32);
        }
        // The most an interpolated point can exceed the largest sample
        // near it: the largest sum of absolute coefficients of a phase.
        let overshoot = coefficients
            .iter()
            .map(|taps| taps.iter().map(|c| c.abs()).sum::<f32>())
            .fold(1.0f32, f32::max);
        Self {
            coefficients,
            history: [[0.0; 2 * TAPS]; CHANNELS],
            next: 0,
            filled: 0,
            since_loud: TAPS,
            quiet_below: threshold / overshoot,
        }
    }

    /// Frames between a frame going in and its interval's peak coming out.
    fn delay(&self) -> usize {
        TAPS / 2 - 1
    }

    /// Adds a frame; returns the peak of the interval that ends at the frame
    /// [`delay`](Self::delay) frames back (its sample and the interpolated
    /// points before it), once that frame exists.
    fn push(&mut self, frame: [f32; CHANNELS]) -> Option<f32> {
        let mut loud = false;
        for (history, sample) in self.history.iter_mut().zip(frame) {
            history[self.next] = sample;
            history[self.next + TAPS] = sample;
            loud |= sample.abs() >= self.quiet_below;
        }
        self.next = (self.next + 1) % TAPS;
        self.since_loud = if loud { 0 } else { self.since_loud + 1 };
        self.filled += 1;
        if self.filled <= self.delay() {
            return None;
        }
        let mut peak = 0.0f32;
        for history in &self.history {
            // Oldest first: window[TAPS - 1] is the frame just pushed.
            let window = &history[self.next..self.next + TAPS];
            peak = peak.max(window[TAPS / 2].abs());
            if self.since_loud >= TAPS {
                continue;
            }
            for taps in &self.coefficients {
                let mut value = 0.0f32;
                for k in 0..TAPS {
                    value += taps[k] * window[k];
                }
                peak = peak.max(value.abs());
            }
        }
        Some(peak)
    }
}

/// The minimum of the last `window` values, in O(1) amortised per value.
struct SlidingMin {
    window: usize,
    /// (index, value), values increasing from front to back.
    candidates: VecDeque<(u64, f32)>,
    next: u64,
}

impl SlidingMin {
    fn new(window: usize) -> Self {
        Self {
            window: window.max(1),
            candidates: VecDeque::new(),
            next: 0,
        }
    }

    fn push(&mut self, value: f32) -> f32 {
        while self.candidates.back().is_some_and(|&(_, v)| v >= value) {
            self.candidates.pop_back();
        }
        self.candidates.push_back((self.next, value));
        self.next += 1;
        while self
            .candidates
            .front()
            .is_some_and(|&(i, _)| i + (self.window as u64) < self.next)
        {
            self.candidates.pop_front();
        }
        self.candidates.front().map_or(value, |&(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(frames: usize, amplitude: f32, hertz: f32) -> Vec<f32> {
        (0..frames)
            .flat_map(|n| {
                let s = amplitude
                    * (n as f32 * hertz * std::f32::consts::TAU / SAMPLE_RATE as f32).sin();
                [s, s]
            })
            .collect()
    }

    fn run(limiter: &mut Limiter, input: &[f32], piece: usize) -> Vec<f32> {
        let mut out = Vec::new();
        for chunk in input.chunks(piece) {
            limiter.process(chunk, &mut out);
        }
        limiter.flush(&mut out);
        out
    }

    #[test]
    fn output_is_input_delayed_to_nothing_when_under_the_ceiling() {
        let input = sine(10_000, 0.5, 440.0);
        let mut limiter = Limiter::default();
        let out = run(&mut limiter, &input, 1921);
        assert_eq!(out.len(), input.len());
        assert_eq!(out, input, "quiet audio passes untouched, with no delay");
    }

    #[test]
    fn loud_audio_stays_under_the_ceiling_and_keeps_its_length() {
        let input = sine(48_000, 4.0, 997.0);
        let mut limiter = Limiter::default();
        let out = run(&mut limiter, &input, 960);
        assert_eq!(out.len(), input.len());
        let ceiling = decibels_to_linear(CEILING_DBTP);
        assert!(out.iter().all(|s| s.abs() <= ceiling));
        // Settled: within a dB of the threshold, not squashed far below it.
        let settled = out[48_000..].iter().fold(0.0f32, |m, s| m.max(s.abs()));
        assert!(settled > ceiling * 0.85, "settled peak {settled}");
    }

    #[test]
    fn the_gain_is_down_before_a_sudden_peak_arrives() {
        let mut input = sine(4_800, 0.1, 440.0);
        input.extend(sine(4_800, 3.0, 440.0));
        let mut limiter = Limiter::default();
        let out = run(&mut limiter, &input, 7);
        let ceiling = decibels_to_linear(CEILING_DBTP);
        let first_loud = 4_800 * 2;
        assert!(
            out[first_loud..first_loud + 200]
                .iter()
                .all(|s| s.abs() <= ceiling)
        );
    }

    fn segment(loudness: Option<f64>, gain: Option<f64>) -> Segment {
        Segment {
            file: "a.ogg".into(),
            path: "/nowhere/a.ogg".into(),
            title: "a".into(),
            topic: 1,
            language: "vi".into(),
            approved_by: None,
            from: None,
            until: None,
            duration: Duration::from_secs(10),
            sha256: String::new(),
            levels: Some(crate::audio::Levels {
                loudness,
                true_peak: Some(-3.0),
                leading_silence: Duration::ZERO,
                trailing_silence: Duration::ZERO,
                silent: Duration::ZERO,
                longest_pause: (Duration::ZERO, Duration::ZERO),
                length: Duration::from_secs(10),
            }),
            gain,
        }
    }

    #[test]
    fn the_gain_brings_a_segment_to_the_target_unless_it_has_its_own() {
        let on = AudioPolicy::default();
        assert_eq!(segment_gain_db(&segment(Some(-30.0), None), &on), 14.0);
        assert_eq!(segment_gain_db(&segment(Some(-6.0), None), &on), -10.0);
        assert_eq!(segment_gain_db(&segment(Some(-30.0), Some(3.0)), &on), 3.0);
        assert_eq!(segment_gain_db(&segment(Some(-60.0), None), &on), 24.0);
        assert_eq!(segment_gain_db(&segment(None, None), &on), 0.0, "silent");
        let off = AudioPolicy::OFF;
        assert_eq!(segment_gain_db(&segment(Some(-30.0), None), &off), 0.0);
        assert_eq!(
            segment_gain_db(&segment(Some(-30.0), Some(-2.0)), &off),
            -2.0
        );
        assert!(!needs_limiter(&[segment(Some(-30.0), None)], &off));
        assert!(needs_limiter(&[segment(Some(-30.0), Some(-2.0))], &off));
    }

    #[test]
    fn sliding_min_is_the_minimum_of_the_window() {
        let values = [5.0, 3.0, 4.0, 6.0, 7.0, 1.0, 8.0, 9.0, 9.5, 9.7];
        let mut min = SlidingMin::new(3);
        let got: Vec<f32> = values.iter().map(|&v| min.push(v)).collect();
        let want: Vec<f32> = (0..values.len())
            .map(|i| {
                values[i.saturating_sub(2)..=i]
                    .iter()
                    .copied()
                    .fold(f32::MAX, f32::min)
            })
            .collect();
        assert_eq!(got, want);
    }
}
