//! A player for simulated time: it plays no audio but advances the
//! simulated clock by what would have aired, so the daemon's scheduling
//! (order, rotation, `max`, grace, exactly-once) can run a week in
//! milliseconds. The audio path itself is tested in real time elsewhere.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::player::{Player, outcome_of};
use super::report::{AiringReport, SegmentOutcome, SegmentReport};
use crate::clock::{Clock, SimulatedClock};
use crate::selection::ReadyAiring;
use crate::shutdown::Shutdown;

/// Advances a [`SimulatedClock`] through each airing.
pub struct SimulatedPlayer {
    clock: SimulatedClock,
}

impl SimulatedPlayer {
    /// A player moving `clock`.
    pub fn new(clock: SimulatedClock) -> Self {
        Self { clock }
    }
}

impl Player for SimulatedPlayer {
    fn prepare(&mut self, _airing: &ReadyAiring) {}

    fn play(
        &mut self,
        airing: &ReadyAiring,
        start_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        stop: &Shutdown,
    ) -> AiringReport {
        if self.clock.now() < start_at {
            self.clock.step(start_at - self.clock.now());
        }
        let started = self.clock.now();
        let mut room = (deadline - started).to_std().unwrap_or_default();
        let mut segments = Vec::new();
        for (index, segment) in airing.segments.iter().enumerate() {
            let (aired, outcome) = if stop.is_triggered() || (index > 0 && segment.duration > room)
            {
                (Duration::ZERO, SegmentOutcome::NotStarted)
            } else if !segment.path.is_file() {
                (
                    Duration::ZERO,
                    SegmentOutcome::Skipped("file missing".into()),
                )
            } else if segment.duration > room {
                (room, SegmentOutcome::Cut)
            } else {
                (segment.duration, SegmentOutcome::Aired)
            };
            room = room.saturating_sub(aired);
            segments.push(SegmentReport {
                file: segment.file.clone(),
                aired,
                outcome,
            });
        }
        let total: Duration = segments.iter().map(|s| s.aired).sum();
        self.clock.advance(total);
        let stopped = stop.is_triggered().then(|| "shutdown".to_string());
        AiringReport {
            started,
            ended: self.clock.now(),
            outcome: outcome_of(&segments, stopped, &[]),
            segments,
            device_failures: Vec::new(),
            interruptions: Vec::new(),
            relay: None,
        }
    }
}
