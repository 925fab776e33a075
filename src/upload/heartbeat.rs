//! The station's heartbeat: what `loa status` shows, reduced to what the
//! province's fleet page needs, signed by the station key and bound to a
//! time and a counter (`crate::hub::protocol::seal_heartbeat`).

use chrono::{DateTime, Utc};

use crate::airlog::time::format_instant;
use crate::daemon::{LogProgress, Status};
use crate::hub::protocol::{Heartbeat, HeartbeatStatus};

/// The counter of the next heartbeat: the clock's milliseconds, bumped
/// past the last one sent, so it only grows, across restarts too (a new
/// daemon starts from its clock, later than any earlier counter unless the
/// clock went back).
#[derive(Debug, Default, Clone)]
pub struct HeartbeatCounter {
    last: u64,
}

impl HeartbeatCounter {
    /// The counter for a heartbeat made at `now`.
    pub fn next(&mut self, now: DateTime<Utc>) -> u64 {
        let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
        self.last = millis.max(self.last.saturating_add(1));
        self.last
    }
}

/// The heartbeat for `status` at `now`.
pub fn heartbeat(
    status: &Status,
    progress: LogProgress,
    counter: u64,
    now: DateTime<Utc>,
) -> Heartbeat {
    Heartbeat {
        station: status.station.clone(),
        counter,
        at: format_instant(now),
        status: HeartbeatStatus {
            on_air: status.now_playing.as_ref().map(|p| p.slot.clone()),
            output: if status.output_failing {
                "failing"
            } else {
                "ok"
            }
            .to_string(),
            output_detail: status
                .output_failing
                .then(|| status.output_error.clone())
                .flatten(),
            config_errors: status.config_error_count,
            next_airing: status
                .next
                .first()
                .map(|line| format_instant(line.scheduled)),
            log_next_seq: progress.next_seq,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_follows_the_clock_and_never_repeats() {
        let mut counter = HeartbeatCounter::default();
        let now: DateTime<Utc> = "2026-12-01T00:00:00Z".parse().expect("instant");
        let first = counter.next(now);
        assert_eq!(first, now.timestamp_millis() as u64);
        assert_eq!(counter.next(now), first + 1);
        let earlier = now - chrono::Duration::minutes(5);
        assert_eq!(counter.next(earlier), first + 2, "a clock step back");
        let later = now + chrono::Duration::minutes(1);
        assert_eq!(counter.next(later), later.timestamp_millis() as u64);
    }
}
