//! Airings as a person thinks of them: one per scheduled (or manual)
//! airing, pairing its `airing_start` with its `airing_end`, or a `missed`
//! record. What `loa log` shows, and what reports will count.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::record::{
    AiringOutcome, MissReason, PlannedSegment, Record, RecordKind, RelayAired, SegmentAired,
};

/// One airing, or one that did not take place.
#[derive(Debug, Clone, PartialEq)]
pub struct Airing {
    /// The slot's name.
    pub slot: String,
    /// The instant the schedule set.
    pub scheduled: DateTime<Utc>,
    /// When audio began (not for a missed airing).
    pub started: Option<DateTime<Utc>>,
    /// When audio ended (not for a missed or unfinished airing).
    pub ended: Option<DateTime<Utc>>,
    /// `started - scheduled` in milliseconds.
    pub late_ms: Option<i64>,
    /// Started by a technician.
    pub manual: bool,
    /// How it went.
    pub status: AiringStatus,
    /// What aired (or, for an unfinished airing, what was planned).
    pub segments: Vec<SegmentAired>,
    /// For an unfinished airing: the segments it planned.
    pub planned: Vec<PlannedSegment>,
    /// For a relay airing: the stream and what became of it.
    pub relay: Option<RelayAired>,
}

/// How an airing went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AiringStatus {
    /// It ended, with this outcome.
    Ended(AiringOutcome),
    /// It did not take place.
    Missed(MissReason),
    /// It started and the log has no end for it (the daemon stopped or
    /// crashed mid-airing, or it is airing now).
    Unfinished,
}

impl AiringStatus {
    /// The outcome's machine name, the same in `loa log --json` and the
    /// report's exports.
    pub fn code(&self) -> &'static str {
        match self {
            AiringStatus::Ended(AiringOutcome::Completed) => "completed",
            AiringStatus::Ended(AiringOutcome::CutAtMax) => "cut_at_max",
            AiringStatus::Ended(AiringOutcome::Interrupted { .. }) => "interrupted",
            AiringStatus::Ended(AiringOutcome::Failed { .. }) => "failed",
            AiringStatus::Missed(_) => "missed",
            AiringStatus::Unfinished => "unfinished",
        }
    }

    /// Why an airing was interrupted or failed, as the log holds it.
    pub fn end_reason(&self) -> Option<&str> {
        match self {
            AiringStatus::Ended(
                AiringOutcome::Interrupted { reason } | AiringOutcome::Failed { reason },
            ) => Some(reason),
            _ => None,
        }
    }
}

/// Pairs starts with ends as records stream by. Feed records in order
/// with [`Airings::push`]; call [`Airings::finish`] at the end.
#[derive(Debug, Default)]
pub struct Airings {
    open: BTreeMap<(String, DateTime<Utc>), Record>,
    /// Airings the previous run left open, held across its `daemon_start`:
    /// the startup recovery's `airing_end` for one of them follows, and the
    /// two make one airing, not an unfinished one and an interrupted one.
    left_open: BTreeMap<(String, DateTime<Utc>), Record>,
}

impl Airings {
    /// Takes the next record; returns the airings it completes.
    pub fn push(&mut self, record: Record) -> Vec<Airing> {
        let mut done = Vec::new();
        if !matches!(record.kind, RecordKind::AiringEnd(_)) {
            // The recovery's ends come right after `daemon_start`; past
            // them, what the previous run left open stays unfinished.
            done.extend(unfinished_all(&mut self.left_open));
        }
        done.extend(self.take(record));
        done
    }

    fn take(&mut self, record: Record) -> Vec<Airing> {
        match &record.kind {
            RecordKind::AiringStart(start) => {
                let key = (start.slot.clone(), start.scheduled);
                let replaced = self.open.insert(key, record);
                replaced.into_iter().filter_map(unfinished).collect()
            }
            RecordKind::AiringEnd(end) => {
                let key = (end.slot.clone(), end.scheduled);
                self.open.remove(&key);
                self.left_open.remove(&key);
                vec![Airing {
                    slot: end.slot.clone(),
                    scheduled: end.scheduled,
                    started: Some(end.started),
                    ended: Some(end.ended),
                    late_ms: Some(end.late_ms),
                    manual: end.manual,
                    status: AiringStatus::Ended(end.outcome.clone()),
                    segments: end.segments.clone(),
                    planned: Vec::new(),
                    relay: end.relay.clone(),
                }]
            }
            RecordKind::Missed(missed) => vec![Airing {
                slot: missed.slot.clone(),
                scheduled: missed.scheduled,
                started: None,
                ended: None,
                late_ms: None,
                manual: false,
                status: AiringStatus::Missed(missed.reason.clone()),
                segments: Vec::new(),
                planned: Vec::new(),
                relay: None,
            }],
            // An announcement outside the schedule: a manual airing named
            // after its priority, so it is listed and counted apart.
            RecordKind::Announcement(announcement) => vec![Airing {
                slot: announcement.priority.clone(),
                scheduled: announcement.requested_at,
                started: Some(announcement.started),
                ended: Some(announcement.ended),
                late_ms: Some(
                    (announcement.started - announcement.requested_at).num_milliseconds(),
                ),
                manual: true,
                status: AiringStatus::Ended(announcement.outcome.clone()),
                segments: announcement.segments.clone(),
                planned: Vec::new(),
                relay: None,
            }],
            // An accepted announcement that did not air: a manual airing
            // named after its priority, not aired, with the reason.
            RecordKind::AnnouncementNotAired(dropped) => vec![Airing {
                slot: dropped.priority.clone(),
                scheduled: dropped.requested_at,
                started: None,
                ended: None,
                late_ms: None,
                manual: true,
                status: AiringStatus::Missed(MissReason::Other {
                    detail: dropped.reason.clone(),
                }),
                segments: Vec::new(),
                planned: Vec::new(),
                relay: None,
            }],
            // A new run cannot go on with an airing the previous run
            // started; only its recovery can close it.
            RecordKind::DaemonStart(_) => {
                self.left_open = std::mem::take(&mut self.open);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The airings still open: started, never ended.
    pub fn finish(&mut self) -> Vec<Airing> {
        let mut done = unfinished_all(&mut self.left_open);
        done.extend(unfinished_all(&mut self.open));
        done
    }
}

fn unfinished_all(open: &mut BTreeMap<(String, DateTime<Utc>), Record>) -> Vec<Airing> {
    std::mem::take(open)
        .into_values()
        .filter_map(unfinished)
        .collect()
}

fn unfinished(record: Record) -> Option<Airing> {
    let RecordKind::AiringStart(start) = record.kind else {
        return None;
    };
    Some(Airing {
        slot: start.slot,
        scheduled: start.scheduled,
        started: Some(start.started),
        ended: None,
        late_ms: Some((start.started - start.scheduled).num_milliseconds()),
        manual: start.manual,
        status: AiringStatus::Unfinished,
        segments: Vec::new(),
        planned: start.segments,
        relay: None,
    })
}
