//! The figures a report is made of, counted from airings.
//!
//! Rules (also in `docs/report.md`):
//! - an airing belongs to the period, month and slot of its *scheduled*
//!   start, in the station's local time;
//! - only scheduled airings that ended `completed` or `cut_at_max` are
//!   counted as aired; interrupted, failed, missed and unfinished ones are
//!   counted apart, with their reasons; manual airings (`loa play`) are
//!   counted apart too, and so are airings that had dead air (the
//!   loudspeakers were silent longer than the station's `dead_air` while
//!   the schedule said "airing"): their sound and silence are shown on
//!   their own line, not in the totals;
//! - relay airings (a slot carrying the national or provincial stream) are
//!   the stations above's content, not this station's: counted apart, per
//!   stream, as minutes relayed, minutes of fallback and of silence, and
//!   airings whose stream never came;
//! - within a counted airing, a segment counts as aired when it aired to
//!   the end or was cut short; its minutes are the milliseconds that went
//!   out; distinct segments are distinct audio files (by SHA-256), so the
//!   same bulletin aired by three communes is one distinct segment;
//! - the administrative-reform (CCHC) total counts only the segments of
//!   the catalogue's CCHC topics, and the airings that aired at least one;
//!   a station's own topics have a total of their own.

use std::collections::{BTreeMap, BTreeSet};

use crate::airlog::Sha256Hash;
use crate::airlog::airings::{Airing, AiringStatus};
use crate::airlog::record::{AiringOutcome, SegmentAired, SegmentOutcome};

use crate::report::catalogue::Catalogue;

/// At most this many distinct free-text reasons are kept per figure set;
/// the rest are counted under [`OTHER_REASONS`].
pub const MAX_REASONS: usize = 20;
/// The key further reasons are counted under.
pub const OTHER_REASONS: &str = "…";

/// Airings, segments and time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Airings.
    pub airings: u64,
    /// Segments aired (to the end or cut short).
    pub segments: u64,
    /// Milliseconds aired.
    pub aired_ms: u64,
}

impl Counts {
    /// Minutes aired, rounded to a tenth.
    pub fn minutes(&self) -> f64 {
        (self.aired_ms as f64 / 6_000.0).round() / 10.0
    }

    fn merge(&mut self, other: &Counts) {
        self.airings += other.airings;
        self.segments += other.segments;
        self.aired_ms += other.aired_ms;
    }
}

/// Counts plus the distinct audio files behind them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Group {
    /// The counts.
    pub counts: Counts,
    /// The distinct segments (audio SHA-256).
    pub distinct: BTreeSet<Sha256Hash>,
}

impl Group {
    fn merge(&mut self, other: &Group) {
        self.counts.merge(&other.counts);
        self.distinct.extend(other.distinct.iter().copied());
    }

    fn add_segment(&mut self, segment: &SegmentAired) {
        self.counts.segments += 1;
        self.counts.aired_ms += segment.aired_ms;
        self.distinct.insert(segment.sha256);
    }
}

/// A slot's figures: what aired and what did not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SlotFigures {
    /// Counted airings.
    pub counts: Counts,
    /// Airings that did not count, by outcome.
    pub not_aired: Outcomes,
}

/// Scheduled airings by how they ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// Aired in full.
    pub completed: u64,
    /// Stopped at the session's maximum length (counted as aired).
    pub cut_at_max: u64,
    /// Stopped early.
    pub interrupted: u64,
    /// Could not air.
    pub failed: u64,
    /// Did not take place.
    pub missed: u64,
    /// Started, with no end in the log.
    pub unfinished: u64,
    /// Ended (completed or cut at max) with dead air in it: counted apart.
    pub dead_air: u64,
}

impl Outcomes {
    fn merge(&mut self, other: &Outcomes) {
        self.completed += other.completed;
        self.cut_at_max += other.cut_at_max;
        self.interrupted += other.interrupted;
        self.failed += other.failed;
        self.missed += other.missed;
        self.unfinished += other.unfinished;
        self.dead_air += other.dead_air;
    }

    /// Every scheduled airing.
    pub fn total(&self) -> u64 {
        self.completed
            + self.cut_at_max
            + self.interrupted
            + self.failed
            + self.missed
            + self.unfinished
            + self.dead_air
    }
}

/// Everything counted for one station, or rolled up for many.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Counted airings and what they aired.
    pub total: Group,
    /// Of those, the administrative-reform topics: the airings that aired
    /// at least one, and their segments.
    pub cchc: Group,
    /// The station's own (not CCHC) topics, likewise.
    pub other_topics: Group,
    /// By topic code.
    pub topics: BTreeMap<u32, Group>,
    /// By language code.
    pub languages: BTreeMap<String, Group>,
    /// By (year, month) of the scheduled start.
    pub months: BTreeMap<(i32, u32), Counts>,
    /// By slot name.
    pub slots: BTreeMap<String, SlotFigures>,
    /// Scheduled airings by outcome.
    pub outcomes: Outcomes,
    /// Missed airings by reason code (`daemon_down`, …).
    pub missed_reasons: BTreeMap<String, u64>,
    /// Failed airings by reason.
    pub failed_reasons: BTreeMap<String, u64>,
    /// Interrupted airings by reason.
    pub interrupted_reasons: BTreeMap<String, u64>,
    /// Manual airings (`loa play`) that aired, counted apart.
    pub manual: Group,
    /// Manual airings that did not air to the end.
    pub manual_not_aired: u64,
    /// Scheduled airings with dead air: what they aired, counted apart.
    pub dead_air: Group,
    /// Their silence on air, in milliseconds.
    pub dead_air_silent_ms: u64,
    /// Relay airings, by stream address.
    pub relays: BTreeMap<String, RelayCounts>,
}

/// One stream's relay airings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RelayCounts {
    /// Relay airings that took place (whatever the stream did).
    pub airings: u64,
    /// Milliseconds of the stream on air.
    pub relayed_ms: u64,
    /// Milliseconds of the fallback standing in.
    pub fallback_ms: u64,
    /// Milliseconds of silence (no stream, no fallback).
    pub silent_ms: u64,
    /// Airings in which none of the stream went on air.
    pub failed: u64,
}

impl RelayCounts {
    fn merge(&mut self, other: &RelayCounts) {
        self.airings += other.airings;
        self.relayed_ms += other.relayed_ms;
        self.fallback_ms += other.fallback_ms;
        self.silent_ms += other.silent_ms;
        self.failed += other.failed;
    }
}

/// What one airing contributed, for the per-airing view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contribution {
    /// Counted in the figures.
    Counted,
    /// A manual airing, counted apart.
    Manual,
    /// Not aired (or not to the end): counted by outcome only.
    NotAired,
    /// Aired with dead air in it, counted apart.
    DeadAir,
    /// A relay of another station's stream, counted apart.
    Relay,
}

impl Figures {
    /// Counts one airing scheduled in (`year`, `month`); `catalogue` says
    /// which topics are CCHC.
    pub fn add(
        &mut self,
        airing: &Airing,
        month: (i32, u32),
        catalogue: &Catalogue,
    ) -> Contribution {
        let aired = matches!(
            airing.status,
            AiringStatus::Ended(AiringOutcome::Completed | AiringOutcome::CutAtMax)
        );
        if let Some(relay) = &airing.relay {
            let counts = self.relays.entry(relay.url.clone()).or_default();
            counts.merge(&RelayCounts {
                airings: 1,
                relayed_ms: relay.relayed_ms,
                fallback_ms: relay.fallback_ms,
                silent_ms: relay.silent_ms,
                failed: u64::from(relay.failed.is_some()),
            });
            return Contribution::Relay;
        }
        if airing.manual {
            if aired {
                self.manual.counts.airings += 1;
                for segment in aired_segments(airing) {
                    self.manual.add_segment(segment);
                }
                return Contribution::Manual;
            }
            self.manual_not_aired += 1;
            return Contribution::NotAired;
        }
        let silent_ms = aired.then(|| dead_air_ms(airing)).flatten();
        let outcome = self.count_outcome(&airing.status, silent_ms.is_some());
        let slot = self.slots.entry(airing.slot.clone()).or_default();
        if !aired {
            slot.not_aired.merge(&outcome);
            return Contribution::NotAired;
        }
        if let Some(silent_ms) = silent_ms {
            slot.not_aired.merge(&outcome);
            self.dead_air.counts.airings += 1;
            aired_segments(airing).for_each(|s| self.dead_air.add_segment(s));
            self.dead_air_silent_ms += silent_ms;
            return Contribution::DeadAir;
        }
        let mut counts = Counts {
            airings: 1,
            ..Counts::default()
        };
        let mut topics = BTreeSet::new();
        let mut languages = BTreeSet::new();
        for segment in aired_segments(airing) {
            counts.segments += 1;
            counts.aired_ms += segment.aired_ms;
            self.total.add_segment(segment);
            self.topic_kind(catalogue, segment.topic)
                .add_segment(segment);
            self.topics
                .entry(segment.topic)
                .or_default()
                .add_segment(segment);
            let language = self.languages.entry(segment.language.clone()).or_default();
            language.add_segment(segment);
            topics.insert(segment.topic);
            languages.insert(segment.language.as_str());
        }
        if let Some(slot) = self.slots.get_mut(&airing.slot) {
            slot.counts.merge(&counts);
        }
        self.total.counts.airings += 1;
        for kind in [true, false] {
            if topics.iter().any(|code| catalogue.is_cchc(*code) == kind) {
                self.topic_kind_group(kind).counts.airings += 1;
            }
        }
        for topic in topics {
            self.topics.entry(topic).or_default().counts.airings += 1;
        }
        for language in languages {
            if let Some(group) = self.languages.get_mut(language) {
                group.counts.airings += 1;
            }
        }
        self.months.entry(month).or_default().merge(&counts);
        Contribution::Counted
    }

    /// The CCHC group or the station topics' group, as `code` is.
    fn topic_kind(&mut self, catalogue: &Catalogue, code: u32) -> &mut Group {
        self.topic_kind_group(catalogue.is_cchc(code))
    }

    fn topic_kind_group(&mut self, cchc: bool) -> &mut Group {
        if cchc {
            &mut self.cchc
        } else {
            &mut self.other_topics
        }
    }

    /// Adds the outcome to the tallies; returns it as a one-airing count.
    fn count_outcome(&mut self, status: &AiringStatus, dead_air: bool) -> Outcomes {
        let mut one = Outcomes::default();
        match status {
            AiringStatus::Ended(AiringOutcome::Completed | AiringOutcome::CutAtMax) if dead_air => {
                one.dead_air = 1
            }
            AiringStatus::Ended(AiringOutcome::Completed) => one.completed = 1,
            AiringStatus::Ended(AiringOutcome::CutAtMax) => one.cut_at_max = 1,
            AiringStatus::Ended(AiringOutcome::Interrupted { reason }) => {
                one.interrupted = 1;
                bump(&mut self.interrupted_reasons, reason);
            }
            AiringStatus::Ended(AiringOutcome::Failed { reason }) => {
                one.failed = 1;
                bump(&mut self.failed_reasons, reason);
            }
            AiringStatus::Missed(reason) => {
                one.missed = 1;
                bump(&mut self.missed_reasons, reason.code());
            }
            AiringStatus::Unfinished => one.unfinished = 1,
        }
        self.outcomes.merge(&one);
        one
    }

    /// Adds another station's (or node's) figures.
    pub fn merge(&mut self, other: &Figures) {
        self.total.merge(&other.total);
        self.cchc.merge(&other.cchc);
        self.other_topics.merge(&other.other_topics);
        for (code, group) in &other.topics {
            self.topics.entry(*code).or_default().merge(group);
        }
        for (language, group) in &other.languages {
            self.languages
                .entry(language.clone())
                .or_default()
                .merge(group);
        }
        for (month, counts) in &other.months {
            self.months.entry(*month).or_default().merge(counts);
        }
        for (slot, figures) in &other.slots {
            let mine = self.slots.entry(slot.clone()).or_default();
            mine.counts.merge(&figures.counts);
            mine.not_aired.merge(&figures.not_aired);
        }
        self.outcomes.merge(&other.outcomes);
        for (mine, theirs) in [
            (&mut self.missed_reasons, &other.missed_reasons),
            (&mut self.failed_reasons, &other.failed_reasons),
            (&mut self.interrupted_reasons, &other.interrupted_reasons),
        ] {
            for (reason, count) in theirs {
                add_reason(mine, reason, *count);
            }
        }
        self.manual.merge(&other.manual);
        self.manual_not_aired += other.manual_not_aired;
        self.dead_air.merge(&other.dead_air);
        self.dead_air_silent_ms += other.dead_air_silent_ms;
        for (url, counts) in &other.relays {
            self.relays.entry(url.clone()).or_default().merge(counts);
        }
    }
}

/// The airing's dead air in milliseconds, `None` when it had none.
pub fn dead_air_ms(airing: &Airing) -> Option<u64> {
    airing
        .segments
        .iter()
        .filter_map(|s| match s.outcome {
            SegmentOutcome::DeadAir { silent_ms, .. } => Some(silent_ms),
            _ => None,
        })
        .reduce(|a, b| a + b)
}

/// The segments of an airing that count as aired.
pub fn aired_segments(airing: &Airing) -> impl Iterator<Item = &SegmentAired> {
    airing
        .segments
        .iter()
        .filter(|s| matches!(s.outcome, SegmentOutcome::Aired | SegmentOutcome::Cut))
}

fn bump(reasons: &mut BTreeMap<String, u64>, reason: &str) {
    add_reason(reasons, reason, 1);
}

fn add_reason(reasons: &mut BTreeMap<String, u64>, reason: &str, count: u64) {
    if let Some(n) = reasons.get_mut(reason) {
        *n += count;
    } else if reasons.len() < MAX_REASONS {
        reasons.insert(reason.to_string(), count);
    } else {
        *reasons.entry(OTHER_REASONS.to_string()).or_default() += count;
    }
}
