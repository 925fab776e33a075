//! Spacing of device reopen attempts after failures, so that a dead or
//! busy device costs a retry now and then, never a busy loop, whatever the
//! caller does.

use std::time::{Duration, Instant};

use super::pacing::sleep_until;

/// Wait before the first retry; it doubles with each failure in a row.
const FIRST_DELAY: Duration = Duration::from_millis(250);
/// The longest wait: an airing opens its output two seconds early, so a
/// retry must never cost much more than that.
const MAX_DELAY: Duration = Duration::from_secs(4);

/// Failures in a row, and when the last one happened.
#[derive(Debug, Default)]
pub(crate) struct Backoff {
    failures: u32,
    last_failure: Option<Instant>,
}

impl Backoff {
    /// Records one more failure in a row.
    pub(crate) fn failed(&mut self) {
        self.failures = self.failures.saturating_add(1);
        self.last_failure = Some(Instant::now());
    }

    /// Clears the count: the device played an airing to its end.
    pub(crate) fn succeeded(&mut self) {
        *self = Self::default();
    }

    /// How long after the last failure the next attempt may start.
    pub(crate) fn delay(&self) -> Duration {
        match self.failures {
            0 => Duration::ZERO,
            n => FIRST_DELAY
                .saturating_mul(1 << (n - 1).min(16))
                .min(MAX_DELAY),
        }
    }

    /// Sleeps until the next attempt may start.
    pub(crate) fn wait(&self) {
        if let Some(last) = self.last_failure {
            sleep_until(last + self.delay());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_doubles_up_to_the_cap_and_resets() {
        let mut backoff = Backoff::default();
        assert_eq!(backoff.delay(), Duration::ZERO);
        let mut delays = Vec::new();
        for _ in 0..8 {
            backoff.failed();
            delays.push(backoff.delay().as_millis());
        }
        assert_eq!(delays, [250, 500, 1000, 2000, 4000, 4000, 4000, 4000]);
        backoff.succeeded();
        assert_eq!(backoff.delay(), Duration::ZERO);
    }
}
