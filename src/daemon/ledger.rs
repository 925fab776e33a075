//! What the airing log says about the past, as the scheduler needs it: how
//! far each slot has been handled (exactly-once across restarts), where each
//! rotation stands, and an airing that began but never ended (a crash).
//! Derived from the log at start, then kept up to date as records are
//! appended: no second state file that could disagree with the log.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::airlog::record::{AiringEnd, AiringStart, SegmentOutcome};
use crate::airlog::{RecordKind, read_records};
use crate::plan::Plan;
use crate::selection::History;

/// The scheduler's memory, rebuilt from the log.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Per slot: the latest scheduled instant already handled (aired,
    /// started, or recorded as missed). Nothing at or before it airs again.
    handled_until: BTreeMap<String, DateTime<Utc>>,
    /// Rotation and shuffle state per slot.
    pub history: History,
    /// Airings started but not ended, by (slot, scheduled).
    open: BTreeMap<(String, DateTime<Utc>), AiringStart>,
    /// The wall-clock time of the newest record read or written.
    pub last_record_at: Option<DateTime<Utc>>,
    /// The wall-clock time of the log's first record: the station did not
    /// exist before it, so nothing scheduled earlier was missed.
    pub log_began: Option<DateTime<Utc>>,
    /// Records that could not be read (reported by `loa verify`).
    pub unreadable: usize,
}

impl Ledger {
    /// Reads the log in `dir` (missing log: empty ledger).
    pub fn from_log(dir: &Path, plan: &Plan) -> Self {
        let mut ledger = Ledger::default();
        let Ok(records) = read_records(dir) else {
            return ledger;
        };
        for record in records {
            match record {
                Ok(record) => ledger.note(record.at, &record.kind, plan),
                Err(_) => ledger.unreadable += 1,
            }
        }
        ledger
    }

    /// Updates the ledger with a record (read or just written).
    pub fn note(&mut self, at: DateTime<Utc>, kind: &RecordKind, plan: &Plan) {
        self.last_record_at = Some(self.last_record_at.map_or(at, |last| last.max(at)));
        self.log_began = Some(self.log_began.map_or(at, |first| first.min(at)));
        match kind {
            RecordKind::AiringStart(start) => {
                if !start.manual {
                    self.mark_handled(&start.slot, start.scheduled);
                }
                self.open
                    .insert((start.slot.clone(), start.scheduled), start.clone());
            }
            RecordKind::AiringEnd(end) => {
                self.open.remove(&(end.slot.clone(), end.scheduled));
                self.note_rotation(end, plan);
            }
            RecordKind::Missed(missed) => self.mark_handled(&missed.slot, missed.scheduled),
            _ => {}
        }
    }

    /// Marks the airing of `slot` at `scheduled` (and all before it) as
    /// handled without a record: for airings from before the log began.
    pub fn mark_handled(&mut self, slot: &str, scheduled: DateTime<Utc>) {
        let entry = self
            .handled_until
            .entry(slot.to_string())
            .or_insert(scheduled);
        *entry = (*entry).max(scheduled);
    }

    fn note_rotation(&mut self, end: &AiringEnd, plan: &Plan) {
        let aired: Vec<String> = end
            .segments
            .iter()
            .filter(|s| {
                // A segment skipped for dead air counts as aired: the
                // rotation moves on rather than air the silence again.
                matches!(
                    s.outcome,
                    SegmentOutcome::Aired | SegmentOutcome::Cut | SegmentOutcome::DeadAir { .. }
                ) && s.aired_ms > 0
            })
            .map(|s| s.file.clone())
            .collect();
        let round = plan
            .slot(&end.slot)
            .and_then(|slot| plan.playlist_of(slot))
            .map_or(aired.len(), |p| p.segments.len());
        self.history.record(&end.slot, &aired, round);
    }

    /// Whether the airing of `slot` at `scheduled` was already handled.
    pub fn is_handled(&self, slot: &str, scheduled: DateTime<Utc>) -> bool {
        self.handled_until
            .get(slot)
            .is_some_and(|until| scheduled <= *until)
    }

    /// The latest handled instant of `slot`, if any.
    pub fn handled_until(&self, slot: &str) -> Option<DateTime<Utc>> {
        self.handled_until.get(slot).copied()
    }

    /// Airings that began and never ended (the daemon died during them);
    /// taken out, so each is closed once.
    pub fn take_open_airings(&mut self) -> Vec<AiringStart> {
        std::mem::take(&mut self.open).into_values().collect()
    }
}
