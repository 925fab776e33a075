//! `cron` rules, with the daylight-saving behaviour of Vixie cron.
//!
//! croner parses the expression and matches its fields; which instants a
//! matching wall-clock time becomes is decided here, by the same rule as
//! `at` times, because croner follows the wall clock for every rule: a rule
//! naming fixed times (`0 30 1,2 * * *`) would otherwise air twice in a
//! repeated hour and never in a gap.
//!
//! Vixie cron calls a job "wildcard" when its minute or hour field starts
//! with `*` (`*`, `*/5`): such a job follows the wall clock, airing in both
//! occurrences of a repeated hour and not at all in a gap. Every other job
//! names fixed times: a repeated time airs once, at its first occurrence,
//! and a skipped time airs at the end of the gap.

use std::cmp::Ordering;

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use croner::Cron;
use croner::parser::{CronParser, Seconds};

use super::resolve_local;

/// A parsed `cron` rule, with the wall-clock times it names precomputed.
#[derive(Debug, Clone)]
pub struct CronRule {
    pattern: Cron,
    /// Every time of day the second, minute and hour fields match, sorted.
    times_of_day: Vec<NaiveTime>,
    /// The minute or hour field starts with `*`: the rule follows the wall
    /// clock through daylight-saving changes instead of naming fixed times.
    follows_wall_clock: bool,
}

impl CronRule {
    /// Parses a 6-field cron expression (seconds first). The error is
    /// croner's own explanation, or the field count.
    pub fn parse(expression: &str) -> Result<Self, String> {
        let fields: Vec<&str> = expression.split_whitespace().collect();
        if fields.len() != 6 {
            return Err(format!(
                "expected 6 fields (second minute hour day month weekday), found {}",
                fields.len()
            ));
        }
        let starred = |field: &str| field.starts_with('*') || field.starts_with('?');
        let pattern = CronParser::builder()
            .seconds(Seconds::Required)
            // Vixie: day of month and day of week are OR-ed only when
            // neither field starts with `*`; otherwise both must match.
            .dom_and_dow(starred(fields[3]) || starred(fields[5]))
            .build()
            .parse(expression)
            .map_err(|e| e.to_string())?;
        let times_of_day = matching_times_of_day(&pattern);
        Ok(CronRule {
            pattern,
            times_of_day,
            follows_wall_clock: fields[1].starts_with('*') || fields[2].starts_with('*'),
        })
    }

    /// Whether the rule airs on the local date `date` at all.
    pub fn airs_on(&self, date: NaiveDate) -> bool {
        let weekday = croner::Weekday::from_days_from_sunday(date.weekday().num_days_from_sunday());
        let pattern = &self.pattern.pattern;
        pattern
            .day_match(date.year(), date.month(), date.day(), weekday)
            .unwrap_or(false)
            && pattern.month_match(date.month()).unwrap_or(false)
            && pattern.year_match(date.year()).unwrap_or(false)
    }

    /// The instants the rule airs at for the local date `date` in `tz`,
    /// from its wall-clock times within `local` (a superset of the ones
    /// that can become instants of the caller's range: a rule every five
    /// seconds has 17,280 times a day, and the daemon asks about the next
    /// minutes). Unsorted when a repeated hour doubles a time.
    pub fn instants_on(
        &self,
        date: NaiveDate,
        tz: Tz,
        local: (NaiveDateTime, NaiveDateTime),
    ) -> Vec<DateTime<Utc>> {
        if !self.airs_on(date) {
            return Vec::new();
        }
        let times = &self.times_of_day;
        let (low, high) = local;
        let start = match date.cmp(&low.date()) {
            Ordering::Less => times.len(),
            Ordering::Equal => times.partition_point(|t| *t < low.time()),
            Ordering::Greater => 0,
        };
        let end = match date.cmp(&high.date()) {
            Ordering::Greater => 0,
            Ordering::Equal => times.partition_point(|t| *t <= high.time()),
            Ordering::Less => times.len(),
        };
        let mut out = Vec::new();
        for time in &times[start..end.max(start)] {
            let local = date.and_time(*time);
            if !self.follows_wall_clock {
                out.extend(resolve_local(tz, local));
                continue;
            }
            match tz.from_local_datetime(&local) {
                LocalResult::Single(t) => out.push(t.with_timezone(&Utc)),
                LocalResult::Ambiguous(first, second) => {
                    out.push(first.with_timezone(&Utc));
                    out.push(second.with_timezone(&Utc));
                }
                LocalResult::None => {}
            }
        }
        out
    }
}

fn matching_times_of_day(pattern: &Cron) -> Vec<NaiveTime> {
    let fields = &pattern.pattern;
    let values = |limit: u32, matches: &dyn Fn(u32) -> bool| -> Vec<u32> {
        (0..limit).filter(|v| matches(*v)).collect()
    };
    let seconds = values(60, &|s| fields.second_match(s).unwrap_or(false));
    let minutes = values(60, &|m| fields.minute_match(m).unwrap_or(false));
    let hours = values(24, &|h| fields.hour_match(h).unwrap_or(false));
    let mut times = Vec::with_capacity(seconds.len() * minutes.len() * hours.len());
    for hour in &hours {
        for minute in &minutes {
            for second in &seconds {
                times.extend(NaiveTime::from_hms_opt(*hour, *minute, *second));
            }
        }
    }
    times
}
