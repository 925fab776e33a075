//! `loa log`: the airings the log records, in the station's local time, for
//! a technician (or one JSON object per airing for tools).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use super::CommandResult;
use crate::airlog::airings::{Airing, AiringStatus, Airings};
use crate::airlog::read_records;
use crate::airlog::record::SegmentOutcome;
use crate::config::{StationFiles, default_config_path};
use crate::text::log::{LogNote, LoggedAiringLine};

/// Arguments of `loa log`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The station's config file (log directory and time zone).
    #[arg(short, long, value_name = "CONFIG", conflicts_with = "dir")]
    config: Option<PathBuf>,
    /// A log directory to read instead of the configured one.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// First day to show (YYYY-MM-DD, local), inclusive.
    #[arg(long, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Last day to show (YYYY-MM-DD, local), inclusive.
    #[arg(long, value_name = "DATE")]
    to: Option<NaiveDate>,
    /// Only this slot.
    #[arg(long, value_name = "NAME")]
    slot: Option<String>,
    /// Time zone for --dir (default: the config's, else Asia/Ho_Chi_Minh).
    #[arg(long, value_name = "ZONE")]
    tz: Option<Tz>,
    /// One JSON object per airing.
    #[arg(long)]
    json: bool,
}

/// Runs `loa log`.
pub fn run(args: Args) -> CommandResult {
    let (dir, config_zone) = match &args.dir {
        Some(dir) => (dir.clone(), None),
        None => {
            let config = args.config.clone().unwrap_or_else(default_config_path);
            let station = StationFiles::load(&config)?;
            (station.log_dir, Some(station.timezone))
        }
    };
    let zone = args
        .tz
        .or(config_zone)
        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
    let mut airings = Airings::default();
    let mut problems = 0u64;
    let mut shown = 0u64;
    for record in read_records(&dir)? {
        match record {
            Ok(record) => {
                for airing in airings.push(record) {
                    shown += u64::from(show(&args, zone, &airing));
                }
            }
            Err(error) => {
                problems += 1;
                eprintln!("{}", LogNote::Unreadable(error));
            }
        }
    }
    for airing in airings.finish() {
        shown += u64::from(show(&args, zone, &airing));
    }
    if shown == 0 && !args.json {
        let filtered = args.from.is_some() || args.to.is_some() || args.slot.is_some();
        eprintln!(
            "{}",
            LogNote::NoAirings {
                dir: dir.clone(),
                filtered
            }
        );
    }
    if problems > 0 {
        eprintln!(
            "{}",
            LogNote::Problems {
                count: problems,
                dir
            }
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the airing if the filters keep it; whether it did.
fn show(args: &Args, zone: Tz, airing: &Airing) -> bool {
    let day = airing.scheduled.with_timezone(&zone).date_naive();
    let wanted = args.from.is_none_or(|from| day >= from)
        && args.to.is_none_or(|to| day <= to)
        && args.slot.as_ref().is_none_or(|slot| *slot == airing.slot);
    if !wanted {
        return false;
    }
    if args.json {
        println!("{}", airing_json(airing, zone));
    } else {
        print!("{}", LoggedAiringLine { airing, zone });
    }
    true
}

fn local(at: Option<DateTime<Utc>>, zone: Tz) -> Value {
    at.map_or(Value::Null, |at| {
        json!(
            at.with_timezone(&zone)
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, false)
        )
    })
}

fn airing_json(airing: &Airing, zone: Tz) -> Value {
    let (outcome, reason) = status_code(&airing.status);
    let mut segments: Vec<Value> = airing
        .segments
        .iter()
        .map(|s| {
            let (outcome, reason) = segment_code(&s.outcome);
            json!({
                "file": s.file, "sha256": s.sha256, "title": s.title, "topic": s.topic,
                "language": s.language, "aired_ms": s.aired_ms, "outcome": outcome,
                "reason": reason,
            })
        })
        .collect();
    segments.extend(airing.planned.iter().map(|s| {
        json!({
            "file": s.file, "sha256": s.sha256, "title": s.title, "topic": s.topic,
            "language": s.language, "aired_ms": Value::Null, "outcome": "unknown",
            "reason": Value::Null,
        })
    }));
    json!({
        "slot": airing.slot,
        "scheduled": local(Some(airing.scheduled), zone),
        "started": local(airing.started, zone),
        "ended": local(airing.ended, zone),
        "outcome": outcome,
        "reason": reason,
        "late_ms": airing.late_ms,
        "manual": airing.manual,
        "segments": segments,
    })
}

/// The outcome's machine name and its reason, if any (a miss's with its
/// detail).
fn status_code(status: &AiringStatus) -> (&'static str, Option<String>) {
    let reason = match status {
        AiringStatus::Missed(reason) => Some(reason.code_with_detail()),
        _ => status.end_reason().map(str::to_string),
    };
    (status.code(), reason)
}

fn segment_code(outcome: &SegmentOutcome) -> (&'static str, Option<String>) {
    match outcome {
        SegmentOutcome::Aired => ("aired", None),
        SegmentOutcome::Cut => ("cut", None),
        SegmentOutcome::Skipped { reason } => ("skipped", Some(reason.clone())),
        SegmentOutcome::Failed { reason } => ("failed", Some(reason.clone())),
        SegmentOutcome::DeadAir { at_ms, silent_ms } => (
            "dead_air",
            Some(format!("at_ms={at_ms} silent_ms={silent_ms}")),
        ),
    }
}
