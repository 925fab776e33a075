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
            dead_air_count: status.dead_air_count,
            last_dead_air: status
                .last_dead_air
                .as_ref()
                .map(|dead| format_instant(dead.started)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::daemon::status::{AiringLine, NowPlaying};

    #[test]
    fn the_heartbeat_tells_what_is_on_air_the_output_the_config_and_the_log() {
        let now: DateTime<Utc> = "2026-12-01T00:00:00Z".parse().expect("instant");
        let mut status = Status {
            station: "tinh/xa".into(),
            output_error: Some("card gone".into()),
            ..Status::default()
        };
        let progress = LogProgress {
            next_seq: 12,
            durable_next: 11,
        };
        let quiet = heartbeat(&status, progress, 5, now);
        assert_eq!(quiet.station, "tinh/xa");
        assert_eq!(quiet.counter, 5);
        assert_eq!(quiet.at, "2026-12-01T00:00:00.000000Z");
        assert_eq!(quiet.status.on_air, None);
        assert_eq!(
            quiet.status.output, "ok",
            "a past failure, not a current one"
        );
        assert_eq!(quiet.status.output_detail, None);
        assert_eq!(quiet.status.log_next_seq, 12);
        assert_eq!(quiet.status.dead_air_count, 0);
        assert_eq!(quiet.status.last_dead_air, None);
        status.output_failing = true;
        status.config_error_count = 2;
        status.dead_air_count = 3;
        status.last_dead_air = Some(crate::daemon::status::DeadAirLine {
            slot: "sang".into(),
            file: "tin.wav".into(),
            started: now - chrono::Duration::minutes(2),
            silent_ms: 8_000,
        });
        status.now_playing = Some(NowPlaying {
            slot: "sang".into(),
            started: now,
            segments: Vec::new(),
        });
        status.next = vec![AiringLine {
            slot: "chieu".into(),
            scheduled: now + chrono::Duration::hours(6),
            detail: String::new(),
        }];
        let busy = heartbeat(&status, progress, 6, now).status;
        assert_eq!(busy.on_air.as_deref(), Some("sang"));
        assert_eq!(busy.output, "failing");
        assert_eq!(busy.output_detail.as_deref(), Some("card gone"));
        assert_eq!(busy.config_errors, 2);
        assert_eq!(busy.dead_air_count, 3);
        assert_eq!(
            busy.last_dead_air.as_deref(),
            Some("2026-11-30T23:58:00.000000Z")
        );
        assert_eq!(
            busy.next_airing.as_deref(),
            Some("2026-12-01T06:00:00.000000Z")
        );
    }

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
