//! What playout tells the daemon about an airing: when it really started
//! and ended, and what became of each segment. The daemon writes this into
//! the airing log.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::announcement::Announcement;

/// How an airing ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AiringOutcome {
    /// Everything chosen aired.
    Completed,
    /// Stopped at the slot's `max` (a segment faded out or not started).
    CutAtMax,
    /// Stopped early by shutdown or an emergency.
    Interrupted(String),
    /// Nothing could be aired (every segment or the device failed).
    Failed(String),
}

impl AiringOutcome {
    /// The machine code, as the airing log spells the outcome
    /// (`docs/airlog.md`): for journal fields and `--json`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::CutAtMax => "cut_at_max",
            Self::Interrupted(_) => "interrupted",
            Self::Failed(_) => "failed",
        }
    }
}

/// What became of one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentOutcome {
    /// Aired to its end.
    Aired,
    /// Aired in part: faded out at `max`, or stopped by shutdown.
    Cut,
    /// Not started: it would have run past `max`, or the airing was stopped.
    NotStarted,
    /// Could not be decoded or read; skipped.
    Skipped(String),
    /// The output failed while it aired.
    Failed(String),
    /// Aired until what went to the output had been silent longer than the
    /// station's `dead_air`, then skipped.
    DeadAir(DeadAir),
}

/// A silence on air longer than the station's `dead_air` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadAir {
    /// When the silence began on air.
    pub started: DateTime<Utc>,
    /// Where in the segment it began (zero when it began in the segment
    /// before).
    pub at: Duration,
    /// How long the output was silent before the segment was skipped.
    pub silent: Duration,
}

/// One segment's part in an airing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentReport {
    /// The segment's `file`, as in the plan.
    pub file: String,
    /// How much of it was handed to the output.
    pub aired: Duration,
    /// What became of it.
    pub outcome: SegmentOutcome,
}

/// The whole airing as played.
#[derive(Debug, Clone)]
pub struct AiringReport {
    /// When the first sample was handed to the output (or playout began).
    pub started: DateTime<Utc>,
    /// When the output had played the last sample.
    pub ended: DateTime<Utc>,
    /// How it ended.
    pub outcome: AiringOutcome,
    /// Per segment, in airing order.
    pub segments: Vec<SegmentReport>,
    /// Output failures during the airing (each reopened with backoff).
    pub device_failures: Vec<String>,
    /// Announcements that cut in, in the order they aired.
    pub interruptions: Vec<Interruption>,
    /// For a relay airing: the stream and what became of it.
    pub relay: Option<RelayReport>,
}

impl AiringReport {
    /// Whether no sound at all went out: no segment aired a sample, and a
    /// relay carried neither its stream nor its fallback.
    pub fn aired_nothing(&self) -> bool {
        let segments = self.segments.iter().all(|s| s.aired.is_zero());
        let relay = self
            .relay
            .as_ref()
            .is_none_or(|r| r.relayed.is_zero() && r.fallback.is_zero());
        segments && relay
    }
}

/// What a relay airing carried.
#[derive(Debug, Clone, Default)]
pub struct RelayReport {
    /// The stream's address, without credentials.
    pub url: String,
    /// How long the stream was on air.
    pub relayed: Duration,
    /// How long the fallback playlist stood in.
    pub fallback: Duration,
    /// How long neither could be aired (silence went out).
    pub silent: Duration,
    /// The first failure, kept for when the stream never came.
    pub first_failure: Option<String>,
    /// What happened, in order, up to a bound.
    pub events: Vec<RelayLogEvent>,
    /// Events beyond the bound.
    pub events_lost: u64,
}

/// One thing that happened during a relay airing.
#[derive(Debug, Clone)]
pub struct RelayLogEvent {
    /// When.
    pub at: DateTime<Utc>,
    /// What.
    pub kind: RelayLogKind,
}

/// What happened during a relay airing.
#[derive(Debug, Clone)]
pub enum RelayLogKind {
    /// Something the stream's source noticed (connected, dropped, title…).
    Stream(crate::relay::RelayEventKind),
    /// The fallback (or silence) went on air in the stream's place.
    ToFallback,
    /// The stream went back on air.
    ToStream,
}

/// An announcement that aired in the middle of an airing.
#[derive(Debug, Clone)]
pub struct Interruption {
    /// What was asked for, and by whom.
    pub announcement: Announcement,
    /// How the announcement itself aired.
    pub aired: Box<AiringReport>,
    /// The segment (index in the airing) an emergency cut, faded out;
    /// `None` when the announcement came between two segments.
    pub segment: Option<usize>,
    /// How far into that segment it was cut.
    pub at: Duration,
    /// When the airing paused for it.
    pub paused_from: DateTime<Utc>,
    /// When the airing resumed (or would have).
    pub paused_until: DateTime<Utc>,
    /// Whether the airing went on afterwards (its slot was still open).
    pub resumed: bool,
}

impl AiringReport {
    /// True when at least one segment aired fully or in part.
    pub fn aired_anything(&self) -> bool {
        self.segments.iter().any(|s| !s.aired.is_zero())
    }
}
