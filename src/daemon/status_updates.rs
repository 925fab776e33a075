//! How the daemon keeps what `loa status` shows up to date: each event of
//! its loop (a plan applied or refused, an airing on air or over, a miss, a
//! checkpoint) and the change it makes to the shared [`Status`].

use super::Daemon;
use super::status::{AiringLine, DeadAirLine, NowPlaying, Status};
use crate::airlog::record::MissReason;
use crate::playout::report::{AiringReport, SegmentOutcome};
use crate::selection::ReadyAiring;

impl Daemon {
    /// Changes the shared status (the socket reads it between changes).
    pub(super) fn set_status(&self, change: impl FnOnce(&mut Status)) {
        let mut status = self.inbox.status.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut status);
    }

    /// Recomputes the parts of the status that follow from the plan and log.
    pub(super) fn refresh_status(&self) {
        let now = self.clock.now();
        let next: Vec<AiringLine> = self
            .pending(now)
            .into_iter()
            .filter(|a| a.instant >= now)
            .take(5)
            .map(|due| AiringLine::upcoming(&self.build(due)))
            .collect();
        let (head_seq, head_hash) = self.log.head();
        let plan_hash = self.plan.hash.clone();
        self.set_status(|s| {
            s.next = next;
            s.plan_hash = plan_hash;
            s.log_head = head_seq.map(|seq| (seq, head_hash.to_hex()));
        });
    }

    /// Status after an airing: nothing playing, the outcome in "last",
    /// the output's failure (if any), the next airings.
    pub(super) fn airing_over(&self, airing: &ReadyAiring, report: &AiringReport) {
        let line = AiringLine {
            slot: airing.slot.clone(),
            scheduled: airing.scheduled,
            detail: crate::text::outcome_summary(report),
        };
        let output_error = report.device_failures.last().cloned();
        let dead_air = DeadAirLine::all_of(airing, report);
        self.set_status(|s| {
            s.now_playing = None;
            s.push_last(line);
            // An airing without a device failure shows the output works.
            s.output_failing = output_error.is_some();
            if output_error.is_some() {
                s.output_error = output_error;
            }
            s.dead_air_count += dead_air.len() as u64;
            if let Some(last) = dead_air.into_iter().last() {
                s.last_dead_air = Some(last);
            }
        });
        self.refresh_status();
    }
}

impl Status {
    /// The plan in force is the config on disk: no error, no edit waiting.
    pub(super) fn config_in_force(&mut self) {
        self.config_error = None;
        self.config_error_count = 0;
        self.pending_plan = None;
    }

    /// The edited config has `count` errors (`errors`, as the technician
    /// reads them); the plan in force stays.
    pub(super) fn config_invalid(&mut self, errors: String, count: u32) {
        self.config_error = Some(errors);
        self.config_error_count = count;
    }

    /// A valid edit arrived: it applies from the next airing, so its plan
    /// shows as waiting (unless it is the plan in force).
    pub(super) fn config_edited(&mut self, plan_hash: &str) {
        self.config_error = None;
        self.config_error_count = 0;
        self.pending_plan = (plan_hash != self.plan_hash).then(|| plan_hash.to_string());
    }

    /// The output failed during an airing, told at once.
    pub(super) fn output_failed(&mut self, reason: &str) {
        self.output_error = Some(reason.to_string());
        self.output_failing = true;
    }

    /// `airing` is on air from `start_at`, so no longer "next".
    pub(super) fn on_air(&mut self, airing: &ReadyAiring, start_at: chrono::DateTime<chrono::Utc>) {
        let (slot, scheduled) = (&airing.slot, airing.scheduled);
        self.next
            .retain(|line| !(&line.slot == slot && line.scheduled == scheduled));
        self.now_playing = Some(NowPlaying::of(airing, start_at));
    }
}

impl NowPlaying {
    /// `airing` on air from `started`. A relay shows as one piece: its
    /// stream (the fallback only airs when the stream is away).
    fn of(airing: &ReadyAiring, started: chrono::DateTime<chrono::Utc>) -> Self {
        let segments = match &airing.relay {
            Some(_) => vec![(
                crate::text::airing_summary(airing),
                airing.max.as_millis() as u64,
            )],
            None => airing
                .segments
                .iter()
                .map(|s| (s.title.clone(), s.duration.as_millis() as u64))
                .collect(),
        };
        Self {
            slot: airing.slot.clone(),
            started,
            segments,
        }
    }
}

impl AiringLine {
    /// `airing`, coming up: its segments and length.
    fn upcoming(airing: &ReadyAiring) -> Self {
        Self {
            slot: airing.slot.clone(),
            scheduled: airing.scheduled,
            detail: crate::text::airing_summary(airing),
        }
    }

    /// The airing of `slot` at `scheduled`, missed for `reason`.
    pub(super) fn missed(
        slot: String,
        scheduled: chrono::DateTime<chrono::Utc>,
        reason: &MissReason,
    ) -> Self {
        Self {
            slot,
            scheduled,
            detail: crate::text::missed_summary(reason),
        }
    }
}

impl DeadAirLine {
    /// Each dead air found during `airing`, in order.
    fn all_of(airing: &ReadyAiring, report: &AiringReport) -> Vec<Self> {
        report
            .segments
            .iter()
            .filter_map(|segment| match &segment.outcome {
                SegmentOutcome::DeadAir(dead) => Some(Self {
                    slot: airing.slot.clone(),
                    file: segment.file.clone(),
                    started: dead.started,
                    silent_ms: dead.silent.as_millis() as u64,
                }),
                _ => None,
            })
            .collect()
    }
}
