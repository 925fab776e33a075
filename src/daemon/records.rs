//! Turning what playout did into airing-log records.

use chrono::{DateTime, Utc};

use super::on_air::OnAir;
use crate::airlog::RecordKind;
use crate::airlog::Sha256Hash;
use crate::airlog::record::{
    self, AiringEnd, AiringInterruption, AiringStart, DeadAir, InterruptedAiring, PlannedSegment,
    SegmentAired,
};
use crate::plan::Segment;
use crate::playout::announcement::Announcement;
use crate::playout::report::{
    AiringOutcome, AiringReport, Interruption, RelayLogKind, RelayReport, SegmentOutcome,
    SegmentReport,
};
use crate::selection::ReadyAiring;

fn sha256_of(segment: &Segment) -> Sha256Hash {
    Sha256Hash::from_hex(segment.sha256.as_bytes()).unwrap_or(Sha256Hash::ZERO)
}

/// `airing_start` for an airing about to begin at `started`.
pub fn airing_start(airing: &ReadyAiring, started: DateTime<Utc>) -> AiringStart {
    AiringStart {
        slot: airing.slot.clone(),
        scheduled: airing.scheduled,
        started,
        manual: airing.manual,
        segments: airing
            .segments
            .iter()
            .map(|s| PlannedSegment {
                file: s.file.clone(),
                sha256: sha256_of(s),
                title: s.title.clone(),
                topic: s.topic,
                language: s.language.clone(),
                duration_ms: s.duration.as_millis() as u64,
            })
            .collect(),
    }
}

/// The records that close an airing: an `announcement` for each that cut
/// in, a `dead_air` for each segment skipped for dead air, then the
/// `airing_end`.
pub fn airing_closed(airing: &ReadyAiring, report: &AiringReport) -> Vec<RecordKind> {
    let mut records: Vec<RecordKind> = report
        .interruptions
        .iter()
        .map(|cut_in| {
            let interrupted = InterruptedAiring {
                slot: airing.slot.clone(),
                scheduled: airing.scheduled,
                file: cut_file(airing, cut_in),
                at_ms: millis(cut_in.at),
                resumed: cut_in.resumed,
            };
            RecordKind::Announcement(announcement(
                &cut_in.announcement,
                &cut_in.aired,
                Some(interrupted),
            ))
        })
        .collect();
    records.extend(
        airing
            .segments
            .iter()
            .zip(&report.segments)
            .filter_map(|(segment, played)| match &played.outcome {
                SegmentOutcome::DeadAir(dead_air) => Some(RecordKind::DeadAir(DeadAir {
                    slot: airing.slot.clone(),
                    scheduled: airing.scheduled,
                    started: dead_air.started,
                    silent_ms: millis(dead_air.silent),
                    file: segment.file.clone(),
                    sha256: sha256_of(segment),
                    at_ms: millis(dead_air.at),
                })),
                _ => None,
            }),
    );
    records.push(RecordKind::AiringEnd(airing_end(airing, report)));
    records
}

/// The records of an announcement aired on its own: one for each that
/// cut into it, then its own.
pub fn announcement_closed(
    announced: &Announcement,
    airing: &ReadyAiring,
    report: &AiringReport,
) -> Vec<RecordKind> {
    let mut records: Vec<RecordKind> = airing_closed(airing, report)
        .into_iter()
        .filter(|record| matches!(record, RecordKind::Announcement(_)))
        .collect();
    records.push(RecordKind::Announcement(announcement(
        announced, report, None,
    )));
    records
}

fn cut_file(airing: &ReadyAiring, cut_in: &Interruption) -> Option<String> {
    cut_in
        .segment
        .and_then(|index| airing.segments.get(index))
        .map(|s| s.file.clone())
}

/// `announcement` for one that aired as `report`, cutting into
/// `interrupted` (or into nothing).
pub fn announcement(
    announcement: &Announcement,
    report: &AiringReport,
    interrupted: Option<InterruptedAiring>,
) -> record::Announcement {
    record::Announcement {
        priority: announcement.priority.name().to_string(),
        requested_by: announcement.requested_by.clone(),
        requested_at: announcement.requested_at,
        source: announcement.source.clone(),
        started: report.started,
        ended: report.ended,
        outcome: airing_outcome(&report.outcome),
        segments: segments_aired(&announcement.segments, &report.segments),
        interrupted,
    }
}

fn airing_outcome(outcome: &AiringOutcome) -> record::AiringOutcome {
    match outcome {
        AiringOutcome::Completed => record::AiringOutcome::Completed,
        AiringOutcome::CutAtMax => record::AiringOutcome::CutAtMax,
        AiringOutcome::Interrupted(reason) => record::AiringOutcome::Interrupted {
            reason: reason.clone(),
        },
        AiringOutcome::Failed(reason) => record::AiringOutcome::Failed {
            reason: reason.clone(),
        },
    }
}

/// Each planned segment with what became of it.
fn segments_aired(segments: &[Segment], played: &[SegmentReport]) -> Vec<SegmentAired> {
    segments
        .iter()
        .zip(played)
        .map(|(segment, played)| segment_aired(segment, played))
        .collect()
}

/// A planned segment with what became of it.
pub fn segment_aired(segment: &Segment, played: &SegmentReport) -> SegmentAired {
    SegmentAired {
        aired_ms: millis(played.aired),
        ..planned_aired(segment, segment_outcome(&played.outcome))
    }
}

/// A planned segment with `outcome` and nothing aired yet.
pub fn planned_aired(segment: &Segment, outcome: record::SegmentOutcome) -> SegmentAired {
    SegmentAired {
        file: segment.file.clone(),
        sha256: sha256_of(segment),
        title: segment.title.clone(),
        topic: segment.topic,
        language: segment.language.clone(),
        aired_ms: 0,
        outcome,
    }
}

fn millis(duration: std::time::Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// `airing_end` from the player's report.
pub fn airing_end(airing: &ReadyAiring, report: &AiringReport) -> AiringEnd {
    AiringEnd {
        slot: airing.slot.clone(),
        scheduled: airing.scheduled,
        started: report.started,
        ended: report.ended,
        outcome: airing_outcome(&report.outcome),
        late_ms: (report.started - airing.scheduled).num_milliseconds(),
        manual: airing.manual,
        segments: segments_aired(&airing.segments, &report.segments),
        interruptions: report
            .interruptions
            .iter()
            .map(|cut_in| AiringInterruption {
                priority: cut_in.announcement.priority.name().to_string(),
                requested_by: cut_in.announcement.requested_by.clone(),
                paused_from: cut_in.paused_from,
                paused_until: cut_in.paused_until,
                file: cut_file(airing, cut_in),
                at_ms: millis(cut_in.at),
                resumed: cut_in.resumed,
            })
            .collect(),
        relay: report.relay.as_ref().map(relay_aired),
    }
}

/// A relay airing's stream, as recorded.
fn relay_aired(relay: &RelayReport) -> record::RelayAired {
    let failed = relay.relayed.is_zero().then(|| {
        relay
            .first_failure
            .clone()
            .unwrap_or_else(crate::text::relay_never_came)
    });
    let mut events: Vec<record::RelayEventAired> = relay
        .events
        .iter()
        .map(|event| {
            let (kind, detail) = relay_event_code(&event.kind);
            record::RelayEventAired {
                at: event.at,
                kind: kind.to_string(),
                detail,
            }
        })
        .collect();
    let over = events.len().saturating_sub(record::RelayAired::MAX_EVENTS);
    events.truncate(record::RelayAired::MAX_EVENTS);
    record::RelayAired {
        url: relay.url.clone(),
        relayed_ms: millis(relay.relayed),
        fallback_ms: millis(relay.fallback),
        silent_ms: millis(relay.silent),
        failed,
        events,
        events_lost: relay.events_lost + over as u64,
    }
}

/// A relay event's machine name and detail.
fn relay_event_code(kind: &RelayLogKind) -> (&'static str, Option<String>) {
    use crate::relay::RelayEventKind as Stream;
    match kind {
        RelayLogKind::ToFallback => ("to_fallback", None),
        RelayLogKind::ToStream => ("to_stream", None),
        RelayLogKind::Stream(Stream::Connected { codec, .. }) => ("connected", Some(codec.clone())),
        RelayLogKind::Stream(Stream::Dropped(failure)) => {
            ("dropped", Some(crate::text::reason::english(failure)))
        }
        RelayLogKind::Stream(Stream::Title(title)) => ("title", Some(title.clone())),
        RelayLogKind::Stream(Stream::Overrun { dropped }) => {
            ("overrun", Some(format!("{} ms", dropped.as_millis())))
        }
        RelayLogKind::Stream(Stream::Lost { count }) => ("lost", Some(count.to_string())),
    }
}

fn segment_outcome(outcome: &SegmentOutcome) -> record::SegmentOutcome {
    match outcome {
        SegmentOutcome::Aired => record::SegmentOutcome::Aired,
        SegmentOutcome::Cut => record::SegmentOutcome::Cut,
        SegmentOutcome::NotStarted => record::SegmentOutcome::Skipped {
            reason: crate::text::reason::for_the_log("reason-not-started", &[]),
        },
        SegmentOutcome::Skipped(reason) => record::SegmentOutcome::Skipped {
            reason: reason.clone(),
        },
        SegmentOutcome::Failed(reason) => record::SegmentOutcome::Failed {
            reason: reason.clone(),
        },
        SegmentOutcome::DeadAir(dead_air) => record::SegmentOutcome::DeadAir {
            at_ms: millis(dead_air.at),
            silent_ms: millis(dead_air.silent),
        },
    }
}

/// Closes an airing the log shows as begun but never ended: the daemon
/// died during it. What the progress file kept (`progress`) says how much
/// went out and until when; without it, how much aired is not known.
pub fn interrupted_by_crash(
    start: &AiringStart,
    ended: DateTime<Utc>,
    progress: Option<OnAir>,
) -> AiringEnd {
    let (mut segments, ended, rest) = match progress {
        Some(progress) => (
            progress.segments,
            progress.at,
            record::SegmentOutcome::Skipped {
                reason: crate::text::reason::for_the_log("reason-not-aired-stopped", &[]),
            },
        ),
        None => (
            Vec::new(),
            ended,
            record::SegmentOutcome::Failed {
                reason: crate::text::reason::for_the_log("reason-unknown-stopped", &[]),
            },
        ),
    };
    let not_known = start.segments.iter().skip(segments.len());
    segments.extend(not_known.map(|s| SegmentAired {
        file: s.file.clone(),
        sha256: s.sha256,
        title: s.title.clone(),
        topic: s.topic,
        language: s.language.clone(),
        aired_ms: 0,
        outcome: rest.clone(),
    }));
    AiringEnd {
        slot: start.slot.clone(),
        scheduled: start.scheduled,
        started: start.started,
        ended: ended.max(start.started),
        outcome: record::AiringOutcome::Interrupted {
            reason: crate::text::reason::for_the_log("reason-daemon-stopped", &[]),
        },
        late_ms: (start.started - start.scheduled).num_milliseconds(),
        manual: start.manual,
        segments,
        interruptions: Vec::new(),
        relay: None,
    }
}

/// The record of an accepted announcement that did not air, and why
/// (`shutdown`).
pub fn not_aired(
    waiting: &crate::playout::announcement::Announcement,
    reason: &str,
) -> record::AnnouncementNotAired {
    record::AnnouncementNotAired {
        priority: waiting.priority.name().to_string(),
        requested_by: waiting.requested_by.clone(),
        requested_at: waiting.requested_at,
        source: waiting.source.clone(),
        reason: reason.to_string(),
    }
}
