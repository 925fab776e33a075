//! Which airings fall in a time range: a pure function of the plan.
//!
//! Semantics around daylight-saving changes follow Vixie cron (as croner
//! does): a local time that occurs twice airs once, at its first occurrence;
//! a local time that does not occur (skipped by a spring-forward change) airs
//! at the first instant after the gap. `at` rules are computed directly from
//! the calendar; `cron` rules go through croner.

use chrono::{
    DateTime, Datelike, Duration as ChronoDuration, LocalResult, NaiveDate, NaiveDateTime,
    TimeZone, Utc,
};
use chrono_tz::Tz;
use croner::Cron;
use croner::parser::{CronParser, Seconds};

use crate::plan::{Plan, Rule, Slot};

/// One airing the plan calls for: which slot, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScheduledAiring {
    /// When it starts.
    pub instant: DateTime<Utc>,
    /// Index into `Plan::slots`.
    pub slot: usize,
}

/// Parses a 6-field cron expression (seconds first). The error is croner's
/// own explanation.
pub fn parse_cron(expression: &str) -> Result<Cron, String> {
    let fields = expression.split_whitespace().count();
    if fields != 6 {
        return Err(format!(
            "expected 6 fields (second minute hour day month weekday), found {fields}"
        ));
    }
    let parser = CronParser::builder().seconds(Seconds::Required).build();
    parser.parse(expression).map_err(|e| e.to_string())
}

/// All airings with `from <= instant < to`, sorted by instant then slot.
pub fn airings_between(
    plan: &Plan,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<ScheduledAiring> {
    let tz = plan.station.timezone;
    let mut out: Vec<ScheduledAiring> = plan
        .slots
        .iter()
        .enumerate()
        .flat_map(|(index, slot)| {
            slot_instants(slot, tz, from, to)
                .into_iter()
                .map(move |instant| ScheduledAiring {
                    instant,
                    slot: index,
                })
        })
        .collect();
    out.sort();
    out
}

/// The first airing at or after `after`, looking no further than `horizon`.
pub fn next_airing(
    plan: &Plan,
    after: DateTime<Utc>,
    horizon: ChronoDuration,
) -> Option<ScheduledAiring> {
    // Widen the window step by step so a slot every minute does not make us
    // list a year of airings.
    let mut window = ChronoDuration::days(2);
    loop {
        let end = after + window.min(horizon);
        if let Some(first) = airings_between(plan, after, end).into_iter().next() {
            return Some(first);
        }
        if window >= horizon {
            return None;
        }
        window = window * 8;
    }
}

/// The instants of one slot in `[from, to)`.
pub fn slot_instants(
    slot: &Slot,
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    if from >= to {
        return Vec::new();
    }
    let mut instants = match &slot.rule {
        Rule::At { times, days } => at_instants(times, days, tz, from, to, slot),
        Rule::Cron { cron, .. } => cron_instants(cron, tz, from, to, slot),
    };
    instants.retain(|t| *t >= from && *t < to);
    instants
}

fn at_instants(
    times: &[chrono::NaiveTime],
    days: &[chrono::Weekday],
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    slot: &Slot,
) -> Vec<DateTime<Utc>> {
    // Local dates that can hold an instant of the range, with a day's margin
    // on each side for offsets and gaps.
    let first = from
        .with_timezone(&tz)
        .date_naive()
        .pred_opt()
        .unwrap_or(NaiveDate::MIN);
    let last = to
        .with_timezone(&tz)
        .date_naive()
        .succ_opt()
        .unwrap_or(NaiveDate::MAX);
    let mut out = Vec::new();
    let mut date = first;
    while date <= last {
        if days.contains(&date.weekday()) && slot.valid_on(date) {
            out.extend(
                times
                    .iter()
                    .filter_map(|time| resolve_local(tz, date.and_time(*time))),
            );
        }
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    out
}

/// The instant a local wall-clock time airs at: its first occurrence, or
/// the end of the gap that swallowed it.
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(earliest, _) => Some(earliest.with_timezone(&Utc)),
        LocalResult::None => first_instant_after_gap(tz, local),
    }
}

fn first_instant_after_gap(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    // Gaps are at most a few hours; step forward a second at a time, as
    // croner does, until the wall clock exists again.
    let mut probe = local;
    for _ in 0..(3 * 3600) {
        probe += ChronoDuration::seconds(1);
        if let Some(t) = tz.from_local_datetime(&probe).earliest() {
            return Some(t.with_timezone(&Utc));
        }
    }
    None
}

fn cron_instants(
    cron: &Cron,
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    slot: &Slot,
) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    // Skip straight to the slot's first valid day rather than iterating a
    // frequent rule through months it does not air in.
    let valid_start = slot
        .from
        .and_then(|date| resolve_local(tz, date.and_time(chrono::NaiveTime::MIN)))
        .map_or(from, |start| start.max(from));
    let Ok(first) = cron.find_next_occurrence(&valid_start.with_timezone(&tz), true) else {
        return out;
    };
    let mut cursor = first;
    while cursor.with_timezone(&Utc) < to {
        if slot.valid_on(cursor.date_naive()) {
            out.push(cursor.with_timezone(&Utc));
        } else if slot.until.is_some_and(|u| cursor.date_naive() > u) {
            break;
        }
        match cron.find_next_occurrence(&cursor, false) {
            Ok(next) => cursor = next,
            Err(_) => break,
        }
    }
    out
}
