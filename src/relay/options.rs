//! How patient and how far ahead a relay is.

use std::time::Duration;

/// Timings of one relay. The defaults suit a commune station's link to the
/// provincial or national stream: a few seconds of buffer ride out the
/// usual jitter without delaying the relay noticeably.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelayOptions {
    /// The jitter buffer the player waits for before it airs the relay
    /// (and switches back from its fallback). The relay keeps at most
    /// twice this; beyond that the oldest audio is dropped (an overrun).
    pub buffer: Duration,
    /// The longest wait for a connection and the response headers, so a
    /// dead host is noticed and retried instead of waited on.
    pub connect_timeout: Duration,
    /// No decoded audio for this long means the stream has dropped, even if
    /// the connection is open (a stalled or trickling server).
    pub stall_timeout: Duration,
    /// The wait before the first reconnection after a failure.
    pub backoff_first: Duration,
    /// The longest wait between reconnections (the wait doubles up to it),
    /// so a station gets its relay back within seconds of the source.
    pub backoff_max: Duration,
}

impl Default for RelayOptions {
    fn default() -> Self {
        Self {
            buffer: Duration::from_secs(3),
            connect_timeout: Duration::from_secs(5),
            stall_timeout: Duration::from_secs(5),
            backoff_first: Duration::from_millis(500),
            backoff_max: Duration::from_secs(8),
        }
    }
}

impl RelayOptions {
    /// The most samples the relay keeps: twice the buffer, 48 kHz stereo,
    /// and at least one second so a tiny buffer still holds a packet.
    pub(crate) fn capacity_samples(&self) -> usize {
        let seconds = (self.buffer.as_secs_f64() * 2.0).clamp(1.0, 600.0);
        (seconds * f64::from(crate::audio::SAMPLE_RATE)) as usize * crate::audio::CHANNELS
    }

    /// The wait after `previous` (none yet: the first).
    pub(crate) fn next_backoff(&self, previous: Option<Duration>) -> Duration {
        match previous {
            None => self.backoff_first,
            Some(wait) => (wait * 2).min(self.backoff_max).max(self.backoff_first),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let options = RelayOptions::default();
        let mut wait = None;
        let mut waits = Vec::new();
        for _ in 0..7 {
            let next = options.next_backoff(wait);
            waits.push(next.as_millis());
            wait = Some(next);
        }
        assert_eq!(waits, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
    }

    #[test]
    fn capacity_is_twice_the_buffer_in_stereo_samples() {
        assert_eq!(RelayOptions::default().capacity_samples(), 6 * 48_000 * 2);
    }
}
