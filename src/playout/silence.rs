//! Silence on air: a segment's long silent edges are skipped (a bulletin
//! exported with ten seconds of nothing at its end must not leave the
//! square silent), and the airing is watched for dead air (what goes to the
//! output silent for too long: a file that decodes to silence, a long gap
//! in one).
//!
//! "Silent" is [`crate::audio::is_silent`], the same test the probe used to
//! find the edges.

use std::time::Duration;

use crate::audio::{AudioError, CHANNELS, Decoder, SAMPLE_RATE, SilenceRuns};
use crate::plan::{AudioPolicy, Segment};

/// Interleaved samples in `duration` of stereo audio at 48 kHz.
fn samples_in(duration: Duration) -> u64 {
    (duration.as_secs_f64() * f64::from(SAMPLE_RATE)).round() as u64 * CHANNELS as u64
}

/// The duration of `samples` interleaved stereo samples at 48 kHz.
pub fn duration_of(samples: u64) -> Duration {
    Duration::from_secs_f64(samples as f64 / (f64::from(SAMPLE_RATE) * CHANNELS as f64))
}

/// The part of a segment that airs, in interleaved samples of its decoded
/// stream: silence beyond `trim_silence` at either end is left out, and up
/// to `trim_silence` of it is kept as the natural pause between segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trim {
    /// Samples skipped at the start.
    pub skip: u64,
    /// Where airing stops; `None`: at the end of the file.
    pub end: Option<u64>,
}

/// Why a segment is not aired at all: nothing in it is above the silence
/// threshold, so airing it would be dead air by design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SilentSegment;

impl Trim {
    /// Nothing trimmed.
    pub const NONE: Self = Self { skip: 0, end: None };

    /// What of `segment` airs under `policy`, from its measured levels.
    /// Without levels, or with `trim_silence = "off"`, all of it. A file
    /// that is silent throughout is not aired.
    pub fn of(segment: &Segment, policy: &AudioPolicy) -> Result<Self, SilentSegment> {
        let (Some(levels), Some(keep)) = (&segment.levels, policy.trim_silence) else {
            return Ok(Self::NONE);
        };
        if !levels.has_sound() {
            return Err(SilentSegment);
        }
        let keep = samples_in(keep);
        let excess = |silence: Duration| samples_in(silence).saturating_sub(keep);
        let trailing = excess(levels.trailing_silence);
        Ok(Self {
            skip: excess(levels.leading_silence),
            end: (trailing > 0).then(|| samples_in(levels.length).saturating_sub(trailing)),
        })
    }

    /// How long the segment airs (its probed duration, less what is
    /// trimmed).
    pub fn aired_length(&self, segment: &Segment) -> Duration {
        let whole = samples_in(segment.duration);
        let end = self.end.map_or(whole, |end| end.min(whole));
        duration_of(end.saturating_sub(self.skip))
    }
}

/// A decoder that leaves out a segment's trimmed edges.
pub struct TrimmedDecoder {
    decoder: Decoder,
    trim: Trim,
    /// Samples read from the decoder so far.
    position: u64,
}

impl TrimmedDecoder {
    /// Reads `decoder` within `trim`.
    pub fn new(decoder: Decoder, trim: Trim) -> Self {
        Self {
            decoder,
            trim,
            position: 0,
        }
    }

    /// Like [`Decoder::read`], from the first kept sample to the last.
    pub fn read(&mut self, out: &mut [f32]) -> Result<usize, AudioError> {
        while self.position < self.trim.skip && !out.is_empty() {
            let left = usize::try_from(self.trim.skip - self.position).unwrap_or(usize::MAX);
            let take = left.min(out.len());
            match self.decoder.read(&mut out[..take])? {
                0 => return Ok(0),
                n => self.position += n as u64,
            }
        }
        let room = match self.trim.end {
            Some(end) => usize::try_from(end.saturating_sub(self.position)).unwrap_or(usize::MAX),
            None => usize::MAX,
        };
        let take = room.min(out.len());
        let n = self.decoder.read(&mut out[..take])?;
        self.position += n as u64;
        Ok(n)
    }
}

/// Dead air found by [`DeadAirWatch`]: where the silence began, in samples
/// of the watched stream, and how long it has lasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Silence {
    /// Position of its first sample in the watched stream.
    pub start: u64,
    /// Its length so far, in samples.
    pub length: u64,
}

/// Watches everything an airing hands to the output, across segment
/// boundaries, for a silence longer than the station's `dead_air`.
pub struct DeadAirWatch {
    limit: u64,
    runs: SilenceRuns,
    /// Samples watched before `runs` began (it restarts after each alarm).
    offset: u64,
    watched: u64,
}

impl DeadAirWatch {
    /// A watch raising the alarm after `dead_air` of silence.
    pub fn new(dead_air: Duration) -> Self {
        Self {
            limit: samples_in(dead_air),
            runs: SilenceRuns::default(),
            offset: 0,
            watched: 0,
        }
    }

    /// Samples watched so far: the position of the next one.
    pub fn position(&self) -> u64 {
        self.watched
    }

    /// Watches `samples` (what just went to the output); returns the
    /// silence once it is longer than the limit, then starts over.
    pub fn watch(&mut self, samples: &[f32]) -> Option<Silence> {
        self.runs.feed(samples);
        self.watched += samples.len() as u64;
        let length = self.runs.current_run();
        if length <= self.limit {
            return None;
        }
        let start = self.offset + self.runs.current_run_start().unwrap_or(0);
        self.runs = SilenceRuns::default();
        self.offset = self.watched;
        Some(Silence { start, length })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_air_is_raised_once_past_the_limit_and_located() {
        let mut watch = DeadAirWatch::new(Duration::from_secs(2));
        let second = samples_in(Duration::from_secs(1)) as usize;
        let sound: Vec<f32> = (0..second)
            .map(|n| ((n / 2) as f32 * 0.05).sin() * 0.3)
            .collect();
        let quiet = vec![0.0f32; 960];
        assert_eq!(watch.watch(&sound), None);
        let mut alarm = None;
        for _ in 0..(3 * second / 960) {
            if let Some(silence) = watch.watch(&quiet) {
                assert!(alarm.is_none(), "one alarm for one silence");
                alarm = Some((silence, watch.position()));
            }
        }
        let (silence, raised_at) = alarm.expect("dead air after 2 s");
        assert_eq!(silence.start, second as u64);
        assert!(silence.length > 2 * second as u64);
        assert!(raised_at - (second as u64) < 2 * second as u64 + 2 * 960);
    }

    #[test]
    fn pauses_shorter_than_the_limit_are_not_dead_air() {
        let mut watch = DeadAirWatch::new(Duration::from_secs(2));
        let sound: Vec<f32> = (0..9600)
            .map(|n| ((n / 2) as f32 * 0.05).sin() * 0.3)
            .collect();
        let pause = vec![0.0f32; samples_in(Duration::from_millis(1900)) as usize];
        for _ in 0..5 {
            assert_eq!(watch.watch(&sound), None);
            assert_eq!(watch.watch(&pause), None);
        }
    }
}
