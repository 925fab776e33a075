//! How long the uploader waits after a failure: doubling from a second up
//! to five minutes, with jitter, so that a province's stations coming back
//! after the same outage do not all call the hub in the same second.

use std::time::Duration;

/// The first wait after a failure.
const FIRST: Duration = Duration::from_secs(1);
/// The longest wait: a station is at most this late telling the hub that
/// it is back.
pub const CAP: Duration = Duration::from_secs(300);

/// Consecutive failures, and the wait they call for.
#[derive(Debug, Default, Clone)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    /// No failure yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts a failure and says how long to wait before trying again: a
    /// random time between half and all of `FIRST · 2^(failures-1)`,
    /// capped at [`CAP`].
    pub fn failed(&mut self) -> Duration {
        let doubled = FIRST.saturating_mul(1 << self.failures.min(16));
        self.failures = self.failures.saturating_add(1);
        let ceiling = doubled.min(CAP);
        let floor = ceiling / 2;
        let spread = (ceiling - floor).as_millis() as u64;
        floor + Duration::from_millis(rand::random_range(0..=spread))
    }

    /// A success: the next failure waits a second again.
    pub fn succeeded(&mut self) {
        self.failures = 0;
    }

    /// How many failures in a row.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_cap_and_reset_on_success() {
        let mut backoff = Backoff::new();
        let first = backoff.failed();
        assert!(
            (Duration::from_millis(500)..=FIRST).contains(&first),
            "{first:?}"
        );
        let second = backoff.failed();
        assert!((FIRST..=2 * FIRST).contains(&second), "{second:?}");
        for _ in 0..40 {
            let wait = backoff.failed();
            assert!(wait <= CAP, "{wait:?}");
        }
        let capped = backoff.failed();
        assert!(capped >= CAP / 2, "{capped:?}");
        backoff.succeeded();
        assert!(backoff.failed() <= FIRST);
    }
}
