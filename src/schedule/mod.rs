//! Which airings fall in a time range: a pure function of the plan.
//!
//! Semantics around daylight-saving changes follow Vixie cron: a local time
//! a rule names that occurs twice airs once, at its first occurrence; one
//! that does not occur (skipped by a spring-forward change) airs at the
//! first instant after the gap. A `cron` rule whose minute or hour field
//! starts with `*` follows the wall clock instead (see [`cron`]). Both kinds
//! of rule are computed here from the calendar, one local date at a time.

pub mod cron;

use crate::plan::{Plan, Rule, Slot};
use chrono::{
    DateTime, Datelike, Duration as ChronoDuration, LocalResult, NaiveDate, NaiveDateTime,
    TimeZone, Utc,
};
use chrono_tz::Tz;

pub use cron::CronRule;

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
pub fn parse_cron(expression: &str) -> Result<CronRule, String> {
    CronRule::parse(expression)
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
    let local = local_window(tz, from, to);
    let mut instants: Vec<DateTime<Utc>> = local_dates(tz, from, to)
        .filter(|date| slot.valid_on(*date))
        .flat_map(|date| instants_on(&slot.rule, date, tz, local))
        .filter(|t| *t >= from && *t < to)
        .collect();
    instants.sort();
    instants
}

/// The instants `rule` airs at for the local date `date` (for `cron`,
/// from its times within `local`).
fn instants_on(
    rule: &Rule,
    date: NaiveDate,
    tz: Tz,
    local: (NaiveDateTime, NaiveDateTime),
) -> Vec<DateTime<Utc>> {
    match rule {
        Rule::At { times, days } if days.contains(&date.weekday()) => times
            .iter()
            .filter_map(|time| resolve_local(tz, date.and_time(*time)))
            .collect(),
        Rule::At { .. } => Vec::new(),
        Rule::Cron { cron, .. } => cron.instants_on(date, tz, local),
    }
}

/// The wall-clock times that can become an instant of `[from, to)`: the
/// range read with the offsets in force at either end (a longer range than
/// two days may cross more changes: then all times), widened by the longest
/// gap a time can be moved across (3 hours). A superset: the caller keeps
/// only the instants in the range.
fn local_window(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> (NaiveDateTime, NaiveDateTime) {
    if to - from > ChronoDuration::days(2) {
        return (NaiveDateTime::MIN, NaiveDateTime::MAX);
    }
    let offset = |t: DateTime<Utc>| {
        use chrono::Offset;
        ChronoDuration::seconds(
            tz.offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc()
                .into(),
        )
    };
    let (at_from, at_to) = (offset(from), offset(to));
    let margin = ChronoDuration::hours(3);
    (
        from.naive_utc() + at_from.min(at_to) - margin,
        to.naive_utc() + at_from.max(at_to) + margin,
    )
}

/// The local dates that can hold an instant of `[from, to)`, with a day's
/// margin on each side: offsets and gaps move a date's first or last times
/// across midnight (a time in a gap at midnight airs on the next UTC hour).
fn local_dates(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> impl Iterator<Item = NaiveDate> {
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
    first.iter_days().take_while(move |date| *date <= last)
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
