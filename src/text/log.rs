//! What `loa log` shows a technician: one line per airing, one per
//! segment, in the reader's words (the reasons the log holds in English
//! too, when loa wrote them: [`super::reason`]).

use std::fmt;

use chrono::{DateTime, Datelike, Utc, Weekday};

use crate::airlog::airings::{Airing, AiringStatus};
use crate::airlog::error::ReadError;
use crate::airlog::record::{AiringOutcome, MissReason, SegmentOutcome};
use crate::tr;

use super::reason::logged;

/// Notes `loa log` prints on standard error.
#[derive(Debug)]
pub enum LogNote {
    /// A record could not be read.
    Unreadable(ReadError),
    /// How many records could not be read.
    Problems {
        /// How many.
        count: u64,
        /// The log directory.
        dir: std::path::PathBuf,
    },
    /// Nothing to show: an empty log, or no airing that the filters keep.
    NoAirings {
        /// The log directory.
        dir: std::path::PathBuf,
        /// Whether `--from`, `--to` or `--slot` narrowed what is shown.
        filtered: bool,
    },
}

impl fmt::Display for LogNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Unreadable(error) => tr!("log-unreadable", error = error.to_string()),
            Self::Problems { count, dir } => tr!(
                "log-problems",
                count = count.to_string(),
                dir = dir.display().to_string()
            ),
            Self::NoAirings { dir, filtered } => tr!(
                if *filtered {
                    "log-no-airings-filtered"
                } else {
                    "log-no-airings"
                },
                dir = dir.display().to_string()
            ),
        };
        f.write_str(&text)
    }
}

/// One airing as `loa log` prints it for a technician: a line, then one
/// line per segment.
pub struct LoggedAiringLine<'a> {
    /// The airing.
    pub airing: &'a Airing,
    /// The station's time zone.
    pub zone: chrono_tz::Tz,
}

impl LoggedAiringLine<'_> {
    fn local(&self, at: DateTime<Utc>) -> DateTime<chrono_tz::Tz> {
        at.with_timezone(&self.zone)
    }

    /// "2026-12-03 Thu 05:30  sang (manual)  completed; started …".
    fn headline(&self) -> String {
        let airing = self.airing;
        let scheduled = self.local(airing.scheduled);
        let mut line = tr!(
            "log-scheduled",
            date = scheduled.format("%Y-%m-%d").to_string(),
            weekday = tr!(short_weekday(scheduled.weekday())),
            time = scheduled.format("%H:%M").to_string()
        );
        line.push_str(&format!("  {}", airing.slot));
        if airing.manual {
            line.push_str(&format!(" ({})", tr!("log-manual")));
        }
        line.push_str(&format!("  {}", status(&airing.status)));
        if let Some(started) = airing.started {
            let at = self.local(started).format("%H:%M:%S%.3f").to_string();
            line.push_str(&format!("; {}", tr!("log-started", at = at)));
            if let Some(late) = airing.late_ms {
                line.push_str(&format!(" ({late:+} ms)"));
            }
        }
        if let Some(ended) = airing.ended {
            let at = self.local(ended).format("%H:%M:%S%.3f").to_string();
            line.push_str(&format!(", {}", tr!("log-ended", at = at)));
        }
        line
    }
}

impl fmt::Display for LoggedAiringLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        for (n, segment) in self.airing.segments.iter().enumerate() {
            let seconds = segment.aired_ms / 1000;
            let line = tr!(
                "log-segment",
                n = (n + 1).to_string(),
                title = segment.title.as_str(),
                topic = segment.topic.to_string(),
                language = segment.language.as_str(),
                length = format!("{}:{:02}", seconds / 60, seconds % 60),
                outcome = segment_outcome(&segment.outcome),
                file = segment.file.as_str()
            );
            writeln!(f, "    {line}")?;
        }
        for (n, segment) in self.airing.planned.iter().enumerate() {
            let line = tr!(
                "log-planned",
                n = (n + 1).to_string(),
                title = segment.title.as_str(),
                topic = segment.topic.to_string(),
                language = segment.language.as_str(),
                file = segment.file.as_str()
            );
            writeln!(f, "    {line}")?;
        }
        Ok(())
    }
}

/// The catalogue's short name of a day ("Thu", "T5").
fn short_weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "log-weekday-mon",
        Weekday::Tue => "log-weekday-tue",
        Weekday::Wed => "log-weekday-wed",
        Weekday::Thu => "log-weekday-thu",
        Weekday::Fri => "log-weekday-fri",
        Weekday::Sat => "log-weekday-sat",
        Weekday::Sun => "log-weekday-sun",
    }
}

/// How an airing ended, in words.
fn status(status: &AiringStatus) -> String {
    match status {
        AiringStatus::Ended(AiringOutcome::Completed) => tr!("log-completed"),
        AiringStatus::Ended(AiringOutcome::CutAtMax) => tr!("log-cut-at-max"),
        AiringStatus::Ended(AiringOutcome::Interrupted { reason }) => {
            tr!("log-interrupted", reason = logged(reason))
        }
        AiringStatus::Ended(AiringOutcome::Failed { reason }) => {
            tr!("log-failed", reason = logged(reason))
        }
        AiringStatus::Missed(reason) => tr!("log-missed", reason = reason.to_string()),
        AiringStatus::Unfinished => tr!("log-unfinished"),
    }
}

/// How a segment went, in words.
fn segment_outcome(outcome: &SegmentOutcome) -> String {
    match outcome {
        SegmentOutcome::Aired => tr!("log-segment-aired"),
        SegmentOutcome::Cut => tr!("log-segment-cut"),
        SegmentOutcome::Skipped { reason } => tr!("log-segment-skipped", reason = logged(reason)),
        SegmentOutcome::Failed { reason } => tr!("log-segment-failed", reason = logged(reason)),
        SegmentOutcome::DeadAir { at_ms, silent_ms } => tr!(
            "log-segment-dead-air",
            seconds = format!("{:.1}", *silent_ms as f64 / 1000.0),
            at = format!("{}:{:02}", at_ms / 60_000, (at_ms / 1000) % 60)
        ),
    }
}

impl fmt::Display for MissReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            MissReason::DaemonDown => tr!("miss-daemon-down"),
            MissReason::DeviceFailure { detail } => {
                tr!("miss-device-failure", detail = logged(detail))
            }
            MissReason::NothingToAir => tr!("miss-nothing-to-air"),
            MissReason::TooLate => tr!("miss-too-late"),
            MissReason::ClockStep => tr!("miss-clock-step"),
            MissReason::Other { detail } => logged(detail),
        };
        f.write_str(&text)
    }
}
