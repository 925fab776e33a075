//! Which segments an airing plays: a pure function of the plan, the slot,
//! the date and the slot's history (derived from the airing log, never
//! stored elsewhere).

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::plan::{Order, Plan, Segment, Slot};

/// What the log says about a slot's past airings, enough to continue a
/// rotation or a shuffle round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotHistory {
    /// The last segment (its `file`) that aired in this slot.
    pub last_aired: Option<String>,
    /// Segments aired in the current shuffle round (no repeat until all
    /// have aired).
    pub aired_this_round: Vec<String>,
}

/// Histories of every slot, by slot name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    slots: BTreeMap<String, SlotHistory>,
}

/// An airing ready for playout: the slot, its instant, its segments. (What
/// the log says of an airing afterwards is [`crate::airlog::airings::Airing`].)
#[derive(Debug, Clone)]
pub struct ReadyAiring {
    /// The slot's name.
    pub slot: String,
    /// When it was scheduled to start.
    pub scheduled: DateTime<Utc>,
    /// The slot's length limit.
    pub max: Duration,
    /// Segments in airing order.
    pub segments: Vec<Segment>,
    /// Started by hand (`loa play`), not by the schedule.
    pub manual: bool,
    /// The stream a relay slot carries; `segments` are then its fallback,
    /// aired in turn (and again) whenever the stream cannot be had.
    pub relay: Option<crate::relay::RelayUrl>,
}

impl ReadyAiring {
    /// Sum of the segments' durations.
    pub fn total(&self) -> Duration {
        self.segments.iter().map(|s| s.duration).sum()
    }
}

impl History {
    /// The history of one slot (empty if it never aired).
    pub fn slot(&self, name: &str) -> SlotHistory {
        self.slots.get(name).cloned().unwrap_or_default()
    }

    /// Records that `files` aired in `slot`, in this order. `round_size` is
    /// how many segments were eligible, so a shuffle round can close.
    pub fn record(&mut self, slot: &str, files: &[String], round_size: usize) {
        let entry = self.slots.entry(slot.to_string()).or_default();
        for file in files {
            entry.last_aired = Some(file.clone());
            if !entry.aired_this_round.contains(file) {
                entry.aired_this_round.push(file.clone());
            }
            if entry.aired_this_round.len() >= round_size.max(1) {
                entry.aired_this_round.clear();
            }
        }
    }
}

/// Segments of `slot` that may air on `date`, in playlist order.
pub fn eligible<'a>(plan: &'a Plan, slot: &Slot, date: NaiveDate) -> Vec<&'a Segment> {
    plan.playlist_of(slot)
        .map(|p| {
            p.segments
                .iter()
                .filter(|s| s.airs_on(date, plan.station.require_approval))
                .collect()
        })
        .unwrap_or_default()
}

/// Builds the airing of `slot` at `scheduled`, given the slot's history.
/// The segments never run past `max`, except a single segment that alone is
/// longer (playout fades it out at `max`).
pub fn build_airing(
    plan: &Plan,
    slot: &Slot,
    scheduled: DateTime<Utc>,
    history: &SlotHistory,
) -> ReadyAiring {
    let date = scheduled.with_timezone(&plan.station.timezone).date_naive();
    let candidates = eligible(plan, slot, date);
    if slot.relay.is_some() {
        return ReadyAiring {
            slot: slot.name.clone(),
            scheduled,
            max: slot.max,
            segments: candidates.into_iter().cloned().collect(),
            manual: false,
            relay: slot.relay.clone(),
        };
    }
    let ordered = match slot.order {
        Order::Sequential => candidates,
        Order::Rotate => rotated(plan, slot, candidates, history),
        Order::Shuffle => shuffled(slot, scheduled, candidates, history),
    };
    ReadyAiring {
        slot: slot.name.clone(),
        scheduled,
        max: slot.max,
        segments: fit(ordered, slot),
        manual: false,
        relay: None,
    }
}

fn fit(ordered: Vec<&Segment>, slot: &Slot) -> Vec<Segment> {
    let limit = slot.count.map_or(usize::MAX, |c| c as usize);
    let mut total = Duration::ZERO;
    let mut out = Vec::new();
    for segment in ordered.into_iter().take(limit) {
        if !out.is_empty() && total + segment.duration > slot.max {
            break;
        }
        total += segment.duration;
        out.push(segment.clone());
        if total >= slot.max {
            break;
        }
    }
    out
}

/// Eligible segments starting after the last one aired, wrapping around.
fn rotated<'a>(
    plan: &Plan,
    slot: &Slot,
    candidates: Vec<&'a Segment>,
    history: &SlotHistory,
) -> Vec<&'a Segment> {
    let Some(last) = &history.last_aired else {
        return candidates;
    };
    // Position in the full playlist, so a segment that expired since it
    // aired still tells where the rotation stands.
    let all = plan
        .playlist_of(slot)
        .map(|p| p.segments.as_slice())
        .unwrap_or_default();
    let Some(last_index) = all.iter().position(|s| &s.file == last) else {
        return candidates;
    };
    let position_of = |s: &Segment| all.iter().position(|x| x.file == s.file).unwrap_or(0);
    let split = candidates
        .iter()
        .position(|s| position_of(s) > last_index)
        .unwrap_or(candidates.len());
    let mut out = candidates[split..].to_vec();
    out.extend_from_slice(&candidates[..split]);
    out
}

/// Segments not yet aired this round first, each group in a pseudo-random
/// order fixed by the slot and instant (so the preview shows what will air).
fn shuffled<'a>(
    slot: &Slot,
    scheduled: DateTime<Utc>,
    candidates: Vec<&'a Segment>,
    history: &SlotHistory,
) -> Vec<&'a Segment> {
    let key = |s: &Segment| {
        let mut hasher = Sha256::new();
        hasher.update(slot.name.as_bytes());
        hasher.update(scheduled.timestamp().to_be_bytes());
        hasher.update(s.file.as_bytes());
        hasher.finalize()
    };
    let (mut fresh, mut aired): (Vec<&Segment>, Vec<&Segment>) = candidates
        .into_iter()
        .partition(|s| !history.aired_this_round.contains(&s.file));
    fresh.sort_by_cached_key(|s| key(s));
    aired.sort_by_cached_key(|s| key(s));
    fresh.extend(aired);
    fresh
}

/// The airings of `[from, to)` with their segments, continuing each slot's
/// rotation from `history` as each airing would advance it.
pub fn upcoming_airings(
    plan: &Plan,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    history: &History,
) -> Vec<ReadyAiring> {
    let mut history = history.clone();
    crate::schedule::airings_between(plan, from, to)
        .into_iter()
        .map(|scheduled| {
            let slot = &plan.slots[scheduled.slot];
            let airing = build_airing(plan, slot, scheduled.instant, &history.slot(&slot.name));
            let date = scheduled
                .instant
                .with_timezone(&plan.station.timezone)
                .date_naive();
            let files: Vec<String> = airing.segments.iter().map(|s| s.file.clone()).collect();
            history.record(&slot.name, &files, eligible(plan, slot, date).len());
            airing
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use chrono::TimeZone;

    use super::*;
    use crate::plan::{Playlist, Rule, Station};

    fn segment(n: u32, seconds: u64) -> Segment {
        Segment {
            file: format!("p/{n:02}.ogg"),
            path: PathBuf::from(format!("/nowhere/{n:02}.ogg")),
            title: format!("{n}"),
            topic: 1,
            language: "vi".into(),
            approved_by: None,
            from: None,
            until: None,
            duration: Duration::from_secs(seconds),
            sha256: String::new(),
            levels: None,
            gain: None,
        }
    }

    fn plan(order: Order, count: Option<u32>, max: u64, segments: Vec<Segment>) -> Plan {
        let slot = Slot {
            name: "s".into(),
            title: "s".into(),
            rule: Rule::At {
                times: vec![chrono::NaiveTime::MIN],
                days: vec![chrono::Weekday::Mon],
            },
            from: None,
            until: None,
            playlist: "p".into(),
            relay: None,
            order,
            count,
            max: Duration::from_secs(max),
            grace: Duration::ZERO,
        };
        let playlist = Playlist {
            name: "p".into(),
            title: "p".into(),
            language: "vi".into(),
            segments,
        };
        Plan {
            station: Station {
                id: "t".into(),
                name: "t".into(),
                timezone: chrono_tz::UTC,
                output: "null".into(),
                config_path: PathBuf::new(),
                playlists_dir: PathBuf::new(),
                topics_path: PathBuf::new(),
                log_dir: PathBuf::new(),
                key_path: PathBuf::new(),
                grace: Duration::ZERO,
                require_approval: false,
                audio: Default::default(),
                upload: None,
            },
            slots: vec![slot],
            playlists: BTreeMap::from([("p".to_string(), playlist)]),
            topics: BTreeMap::new(),
            hash: String::new(),
        }
    }

    fn files(airing: &ReadyAiring) -> Vec<String> {
        airing.segments.iter().map(|s| s.file.clone()).collect()
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn rotate_continues_after_the_last_aired_segment_and_wraps() {
        let plan = plan(
            Order::Rotate,
            Some(2),
            600,
            (1..=5).map(|n| segment(n, 10)).collect(),
        );
        let airings = upcoming_airings(
            &plan,
            at(1),
            at(1) + chrono::Duration::weeks(3),
            &History::default(),
        );
        let got: Vec<Vec<String>> = airings.iter().map(files).collect();
        assert_eq!(got[0], ["p/01.ogg", "p/02.ogg"]);
        assert_eq!(got[1], ["p/03.ogg", "p/04.ogg"]);
        assert_eq!(got[2], ["p/05.ogg", "p/01.ogg"]);
    }

    #[test]
    fn sequential_starts_from_the_first_every_time() {
        let plan = plan(
            Order::Sequential,
            Some(2),
            600,
            (1..=5).map(|n| segment(n, 10)).collect(),
        );
        let airings = upcoming_airings(
            &plan,
            at(1),
            at(1) + chrono::Duration::weeks(2),
            &History::default(),
        );
        assert!(airings.iter().all(|a| files(a) == ["p/01.ogg", "p/02.ogg"]));
    }

    #[test]
    fn shuffle_repeats_nothing_until_all_have_aired() {
        let plan = plan(
            Order::Shuffle,
            Some(3),
            600,
            (1..=7).map(|n| segment(n, 10)).collect(),
        );
        let airings = upcoming_airings(
            &plan,
            at(1),
            at(1) + chrono::Duration::weeks(14),
            &History::default(),
        );
        let mut history = History::default();
        let mut round: Vec<String> = Vec::new();
        for airing in &airings {
            for file in files(airing) {
                if round.len() == 7 {
                    round.clear();
                }
                assert!(!round.contains(&file), "{file} repeated within a round");
                round.push(file);
            }
            history.record("s", &files(airing), 7);
        }
        let distinct: std::collections::BTreeSet<_> = airings.iter().map(files).collect();
        assert!(distinct.len() > 3, "the order varies");
    }

    #[test]
    fn without_count_takes_what_fits_in_max() {
        let plan = plan(
            Order::Sequential,
            None,
            35,
            (1..=5).map(|n| segment(n, 10)).collect(),
        );
        let airing = build_airing(&plan, &plan.slots[0], at(5), &SlotHistory::default());
        assert_eq!(files(&airing), ["p/01.ogg", "p/02.ogg", "p/03.ogg"]);
    }

    #[test]
    fn a_lone_segment_longer_than_max_is_kept_for_a_fade() {
        let plan = plan(
            Order::Sequential,
            None,
            35,
            vec![segment(1, 60), segment(2, 10)],
        );
        let airing = build_airing(&plan, &plan.slots[0], at(5), &SlotHistory::default());
        assert_eq!(files(&airing), ["p/01.ogg"]);
    }

    #[test]
    fn expired_segments_do_not_air() {
        let mut old = segment(1, 10);
        old.until = chrono::NaiveDate::from_ymd_opt(2025, 12, 31);
        let plan = plan(Order::Sequential, None, 600, vec![old, segment(2, 10)]);
        let airing = build_airing(&plan, &plan.slots[0], at(5), &SlotHistory::default());
        assert_eq!(files(&airing), ["p/02.ogg"]);
    }
}
