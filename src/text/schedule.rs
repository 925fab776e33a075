//! How `loa check` summarises a station and how `loa schedule` shows what
//! will air.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;

use crate::config::format_duration;
use crate::plan::Plan;
use crate::selection::ReadyAiring;
use crate::tr;

/// What `loa check` prints when the config is usable.
pub struct CheckSummary<'a> {
    /// The config file checked.
    pub config: &'a Path,
    /// The plan it gives.
    pub plan: &'a Plan,
    /// How many warnings were printed.
    pub warnings: usize,
    /// The next airing, if any.
    pub next: Option<&'a ReadyAiring>,
}

impl fmt::Display for CheckSummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plan = self.plan;
        let segments: usize = plan.playlists.values().map(|p| p.segments.len()).sum();
        let audio: Duration = plan
            .playlists
            .values()
            .flat_map(|p| &p.segments)
            .map(|s| s.duration)
            .sum();
        writeln!(
            f,
            "{}",
            tr!(
                "check-ok",
                path = self.config.display().to_string(),
                name = plan.station.name.as_str(),
                id = plan.station.id.as_str()
            )
        )?;
        let counts = tr!(
            "check-counts",
            slots = plan.slots.len(),
            playlists = plan.playlists.len(),
            segments = segments,
            audio = format_duration(audio)
        );
        writeln!(f, "  {counts}")?;
        let next = match self.next {
            Some(airing) => tr!(
                "check-next",
                airing = airing_headline(airing, plan.station.timezone)
            ),
            None => tr!("check-next-none"),
        };
        writeln!(f, "  {next}")?;
        if self.warnings > 0 {
            writeln!(
                f,
                "  {}",
                tr!("check-warnings-above", count = self.warnings)
            )?;
        }
        Ok(())
    }
}

/// "2026-11-27 05:30:00 sang — 4 segments, 14m20s".
pub fn airing_headline(airing: &ReadyAiring, tz: Tz) -> String {
    tr!(
        "airing-headline",
        time = airing
            .scheduled
            .with_timezone(&tz)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        slot = airing.slot.as_str(),
        count = airing.segments.len(),
        length = format_duration(airing.total())
    )
}

/// `loa check` could not approve the config.
pub fn check_failed(config: &Path, errors: usize, warnings: usize) -> String {
    tr!(
        "check-failed",
        path = config.display().to_string(),
        errors = errors,
        warnings = warnings
    )
}

/// The human-readable schedule: a heading per day, then each airing with
/// its segments.
pub fn render_schedule(plan: &Plan, airings: &[ReadyAiring]) -> String {
    let tz = plan.station.timezone;
    let mut out = String::new();
    let mut day = None;
    for airing in airings {
        let local = airing.scheduled.with_timezone(&tz);
        if day != Some(local.date_naive()) {
            day = Some(local.date_naive());
            out.push_str(&format!("\n{}\n", day_heading(local.date_naive())));
        }
        let title = plan.slot(&airing.slot).map_or("", |s| s.title.as_str());
        out.push_str(&format!(
            "  {}  {}  {}\n",
            local.format("%H:%M:%S"),
            airing.slot,
            title
        ));
        if let Some(url) = &airing.relay {
            out.push_str(&relay_lines(airing, url));
            continue;
        }
        if airing.segments.is_empty() {
            out.push_str(&format!("      {}\n", tr!("schedule-nothing-valid")));
        }
        for segment in &airing.segments {
            out.push_str(&format!(
                "      {:>6}  [{:>2}] {}  {}  ({})\n",
                format_duration(segment.duration),
                segment.topic,
                segment.language,
                segment.title,
                segment.file
            ));
        }
        let total = tr!(
            "schedule-total",
            total = format!("{:>6}", format_duration(airing.total())),
            max = format_duration(airing.max)
        );
        out.push_str(&format!("      {total}\n"));
    }
    if airings.is_empty() {
        out.push_str(&format!("{}\n", tr!("schedule-empty")));
    }
    out
}

/// "Thursday 2026-12-03" / "Thứ Năm 2026-12-03": the day's name comes from
/// the catalogue, as chrono only knows English names.
pub fn day_heading(date: NaiveDate) -> String {
    tr!(
        "schedule-day",
        weekday = weekday_name(date.weekday()),
        date = date.format("%Y-%m-%d").to_string()
    )
}

/// A weekday's name in the process's language.
pub fn weekday_name(day: Weekday) -> String {
    let id = match day {
        Weekday::Mon => "weekday-mon",
        Weekday::Tue => "weekday-tue",
        Weekday::Wed => "weekday-wed",
        Weekday::Thu => "weekday-thu",
        Weekday::Fri => "weekday-fri",
        Weekday::Sat => "weekday-sat",
        Weekday::Sun => "weekday-sun",
    };
    tr!(id)
}

/// A relay airing in the schedule: the stream, and what stands in for it.
fn relay_lines(airing: &ReadyAiring, url: &crate::relay::RelayUrl) -> String {
    let fallback = if airing.segments.is_empty() {
        tr!("schedule-no-fallback")
    } else {
        tr!(
            "schedule-fallback",
            count = airing.segments.len(),
            length = format_duration(airing.total())
        )
    };
    let relay = tr!(
        "schedule-relay",
        url = url.as_str(),
        length = format_duration(airing.max)
    );
    format!("      {relay}\n      {fallback}\n")
}

/// One airing as the JSON line of `loa schedule --json`.
pub fn airing_json(airing: &ReadyAiring, tz: Tz) -> serde_json::Value {
    let mut value = serde_json::json!({
        "slot": airing.slot,
        "scheduled": airing.scheduled.with_timezone(&tz).to_rfc3339(),
        "max_ms": airing.max.as_millis() as u64,
        "segments": airing.segments.iter().map(|s| serde_json::json!({
            "file": s.file,
            "title": s.title,
            "topic": s.topic,
            "language": s.language,
            "duration_ms": s.duration.as_millis() as u64,
        })).collect::<Vec<_>>(),
    });
    // Only a relay airing says what it relays (its segments are then the
    // fallback).
    if let (Some(url), Some(fields)) = (&airing.relay, value.as_object_mut()) {
        fields.insert("relay".into(), url.as_str().into());
    }
    value
}
