//! What the pages show of one station, kept up to date as records and
//! heartbeats arrive and rebuilt from the store at start. Memory per
//! station is bounded: today's counts and the last few airings and misses.

use std::collections::VecDeque;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::airlog::record::{AiringOutcome, MissReason, RecordKind, SegmentOutcome};
use crate::hub::protocol::Heartbeat;

/// How many recent airings and misses a station page lists.
pub const RECENT: usize = 30;

/// One airing as the pages list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AiringRow {
    /// The slot (or the announcement's source).
    pub slot: String,
    /// When it began.
    pub started: DateTime<Utc>,
    /// When it ended.
    pub ended: DateTime<Utc>,
    /// Its outcome code: `completed`, `cut_at_max`, `interrupted`, `failed`.
    pub outcome: &'static str,
    /// Why, for interrupted and failed airings.
    pub reason: Option<String>,
}

/// One missed airing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissRow {
    /// The slot.
    pub slot: String,
    /// When it should have aired.
    pub scheduled: DateTime<Utc>,
    /// The reason code (`docs/airlog.md` §5 MissReason).
    pub reason: &'static str,
    /// Detail for device failures and other reasons.
    pub detail: Option<String>,
}

/// Counts of one day (in the province's time zone).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayCounts {
    /// Airings that went out (any outcome but failed).
    pub aired: u32,
    /// Scheduled airings that did not take place.
    pub missed: u32,
    /// Segments skipped for dead air.
    pub dead_air: u32,
    /// Airings that failed and misses for a failed device.
    pub output_failures: u32,
}

/// A station as the pages see it.
#[derive(Debug, Clone, Default)]
pub struct StationView {
    /// Records held (the verified head is `records - 1`).
    pub records: u64,
    /// `at` of the newest record.
    pub last_record_at: Option<DateTime<Utc>>,
    /// When the hub last heard from the station (record or heartbeat),
    /// by the hub's clock.
    pub last_contact: Option<DateTime<Utc>>,
    /// The newest heartbeat and when it arrived.
    pub heartbeat: Option<(Heartbeat, DateTime<Utc>)>,
    /// The day `today` counts, and its counts.
    pub today: Option<(NaiveDate, DayCounts)>,
    /// Newest last.
    pub recent_airings: VecDeque<AiringRow>,
    /// Newest last.
    pub recent_misses: VecDeque<MissRow>,
    /// Requests refused for this station (forged, invalid, replayed …).
    pub refused: u64,
    /// Forks kept as evidence under `_conflicts/`.
    pub conflicts: u64,
    /// Why the stored log did not verify at start, if it did not.
    pub store_problem: Option<String>,
}

/// The state a station is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveState {
    /// A heartbeat says a slot is on air ("đang phát").
    OnAir,
    /// Heard from recently, nothing on air ("chờ").
    Waiting,
    /// Silent longer than `offline_after` ("mất kết nối").
    Offline,
}

impl StationView {
    /// Takes an accepted record into the view.
    pub fn apply(&mut self, at: DateTime<Utc>, kind: &RecordKind, zone: Tz) {
        self.records += 1;
        self.last_record_at = Some(at);
        match kind {
            RecordKind::AiringEnd(end) => {
                let (outcome, reason) = outcome_of(&end.outcome);
                let dead_air = end
                    .segments
                    .iter()
                    .filter(|s| matches!(s.outcome, SegmentOutcome::DeadAir { .. }))
                    .count() as u32;
                self.count(end.started, zone, |day| {
                    if outcome == "failed" {
                        day.output_failures += 1;
                    } else {
                        day.aired += 1;
                    }
                    day.dead_air += dead_air;
                });
                push_bounded(
                    &mut self.recent_airings,
                    AiringRow {
                        slot: end.slot.clone(),
                        started: end.started,
                        ended: end.ended,
                        outcome,
                        reason,
                    },
                );
            }
            RecordKind::Announcement(announcement) => {
                let (outcome, reason) = outcome_of(&announcement.outcome);
                push_bounded(
                    &mut self.recent_airings,
                    AiringRow {
                        slot: announcement.source.clone(),
                        started: announcement.started,
                        ended: announcement.ended,
                        outcome,
                        reason,
                    },
                );
            }
            RecordKind::Missed(missed) => {
                let (reason, detail) = miss_reason(&missed.reason);
                self.count(missed.scheduled, zone, |day| {
                    day.missed += 1;
                    if reason == "device_failure" {
                        day.output_failures += 1;
                    }
                });
                push_bounded(
                    &mut self.recent_misses,
                    MissRow {
                        slot: missed.slot.clone(),
                        scheduled: missed.scheduled,
                        reason,
                        detail,
                    },
                );
            }
            _ => {}
        }
    }

    /// The counts of `today`, zero when nothing was counted that day.
    pub fn counts_on(&self, today: NaiveDate) -> DayCounts {
        match self.today {
            Some((day, counts)) if day == today => counts,
            _ => DayCounts::default(),
        }
    }

    /// The state to show at `now`.
    pub fn state(&self, now: DateTime<Utc>, offline_after: std::time::Duration) -> LiveState {
        let silent_for = self
            .last_contact
            .map(|contact| (now - contact).to_std().unwrap_or_default());
        match silent_for {
            Some(silence) if silence <= offline_after => {
                let on_air = self
                    .heartbeat
                    .as_ref()
                    .is_some_and(|(heartbeat, _)| heartbeat.status.on_air.is_some());
                if on_air {
                    LiveState::OnAir
                } else {
                    LiveState::Waiting
                }
            }
            _ => LiveState::Offline,
        }
    }

    /// Counts on the day `at` falls on; a newer day starts from zero and
    /// an older one (a late upload) is not today's.
    fn count(&mut self, at: DateTime<Utc>, zone: Tz, change: impl FnOnce(&mut DayCounts)) {
        let day = at.with_timezone(&zone).date_naive();
        match &mut self.today {
            Some((current, counts)) if *current == day => change(counts),
            Some((current, _)) if *current > day => {}
            _ => {
                let mut counts = DayCounts::default();
                change(&mut counts);
                self.today = Some((day, counts));
            }
        }
    }
}

fn push_bounded<T>(list: &mut VecDeque<T>, item: T) {
    if list.len() == RECENT {
        list.pop_front();
    }
    list.push_back(item);
}

fn outcome_of(outcome: &AiringOutcome) -> (&'static str, Option<String>) {
    match outcome {
        AiringOutcome::Completed => ("completed", None),
        AiringOutcome::CutAtMax => ("cut_at_max", None),
        AiringOutcome::Interrupted { reason } => ("interrupted", Some(reason.clone())),
        AiringOutcome::Failed { reason } => ("failed", Some(reason.clone())),
    }
}

fn miss_reason(reason: &MissReason) -> (&'static str, Option<String>) {
    match reason {
        MissReason::DaemonDown => ("daemon_down", None),
        MissReason::DeviceFailure { detail } => ("device_failure", Some(detail.clone())),
        MissReason::NothingToAir => ("nothing_to_air", None),
        MissReason::TooLate => ("too_late", None),
        MissReason::ClockStep => ("clock_step", None),
        MissReason::Other { detail } => ("other", Some(detail.clone())),
    }
}
