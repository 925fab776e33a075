//! An airing's time as the player counts it: samples written to the output
//! on one side, wall-clock instants on the other.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::audio::{CHANNELS, SAMPLE_RATE};
use crate::shutdown::Shutdown;

/// How long `samples` (interleaved stereo) last on air.
pub(super) fn samples_to_duration(samples: u64) -> Duration {
    Duration::from_secs_f64(samples as f64 / (SAMPLE_RATE as f64 * CHANNELS as f64))
}

/// How many interleaved samples fill `duration` on air.
pub(super) fn duration_to_samples(duration: Duration) -> u64 {
    (duration.as_secs_f64() * SAMPLE_RATE as f64).round() as u64 * CHANNELS as u64
}

/// Samples in one second of air, so progress can be told once a second.
pub(super) const SAMPLES_PER_SECOND: u64 = SAMPLE_RATE as u64 * CHANNELS as u64;

/// Samples from `from` until `deadline` (none once it has passed): a
/// deadline on the wall clock bounds what may still be written.
pub(super) fn samples_between(from: DateTime<Utc>, deadline: DateTime<Utc>) -> u64 {
    duration_to_samples((deadline - from).to_std().unwrap_or_default())
}

/// Blocks until the wall clock reads `deadline`: sleeps, then spins the
/// last 2 ms. Returns false if stopped first.
pub(super) fn block_until(deadline: DateTime<Utc>, stop: &Shutdown) -> bool {
    loop {
        let left = (deadline - Utc::now()).to_std().unwrap_or_default();
        if stop.is_triggered() {
            return false;
        }
        if left.is_zero() {
            return true;
        }
        if left > Duration::from_millis(2) {
            std::thread::sleep((left - Duration::from_millis(2)).min(Duration::from_millis(200)));
        } else {
            while Utc::now() < deadline {
                std::hint::spin_loop();
            }
            return true;
        }
    }
}
