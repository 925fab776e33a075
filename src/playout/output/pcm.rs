//! Sample arithmetic shared by the outputs: frames, durations, 16-bit PCM.

use std::time::Duration;

use super::{CHANNELS, OutputError, SAMPLE_RATE};

/// Frames in a write, or an error when it splits a stereo frame (which
/// would swap left and right for the rest of the airing).
pub(crate) fn whole_frames(samples: &[f32]) -> Result<u64, OutputError> {
    if !samples.len().is_multiple_of(CHANNELS) {
        return Err(OutputError::PartialFrame {
            samples: samples.len(),
        });
    }
    Ok((samples.len() / CHANNELS) as u64)
}

/// How long `frames` play at the stream's rate.
pub(crate) fn frames_to_duration(frames: u64) -> Duration {
    let nanos = u128::from(frames) * 1_000_000_000 / u128::from(SAMPLE_RATE);
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}

/// How many whole frames play in `duration`.
pub(crate) fn duration_to_frames(duration: Duration) -> u64 {
    let frames = duration.as_nanos() * u128::from(SAMPLE_RATE) / 1_000_000_000;
    u64::try_from(frames).unwrap_or(u64::MAX)
}

/// Interleaved samples in `frames`.
pub(crate) fn samples_in(frames: u64) -> u64 {
    frames * CHANNELS as u64
}

/// The 16-bit value of a float sample: clipped to full scale, rounded; NaN
/// becomes silence.
pub(crate) fn to_i16(sample: f32) -> i16 {
    (sample.clamp(-1.0, 1.0) * f32::from(i16::MAX)).round() as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_clips_and_rounds() {
        assert_eq!(to_i16(0.0), 0);
        assert_eq!(to_i16(1.0), i16::MAX);
        assert_eq!(to_i16(-1.0), -i16::MAX);
        assert_eq!(to_i16(7.5), i16::MAX);
        assert_eq!(to_i16(-7.5), -i16::MAX);
        assert_eq!(to_i16(f32::NAN), 0);
        assert_eq!(to_i16(0.5), 16384);
    }

    #[test]
    fn frames_and_durations_agree() {
        assert_eq!(frames_to_duration(48_000), Duration::from_secs(1));
        assert_eq!(duration_to_frames(Duration::from_millis(500)), 24_000);
        assert_eq!(samples_in(10), 20);
        assert!(whole_frames(&[0.0; 3]).is_err());
        assert_eq!(whole_frames(&[0.0; 4]).unwrap(), 2);
    }
}
