//! `loa schedule`: what will air in the coming days, segment by segment.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};

use super::CommandResult;
use super::station::{config_path, plan_or_report};
use crate::daemon::Ledger;
use crate::schedule::resolve_local;
use crate::selection::upcoming_airings;

/// Arguments of `loa schedule`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
    #[arg(short, long, value_name = "CONFIG")]
    pub config: Option<PathBuf>,
    /// First day to show (station-local date) [default: today]
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// How many days to show
    #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=366))]
    pub days: u32,
    /// One JSON object per airing, one per line
    #[arg(long)]
    pub json: bool,
}

/// Runs `loa schedule`.
pub fn run(args: Args) -> CommandResult {
    let config = config_path(args.config);
    let (plan, _warnings) = plan_or_report(&config)?;
    let tz = plan.station.timezone;
    let first_day = args
        .from
        .unwrap_or_else(|| Utc::now().with_timezone(&tz).date_naive());
    let start =
        resolve_local(tz, first_day.and_time(chrono::NaiveTime::MIN)).unwrap_or_else(Utc::now);
    let end_day = first_day + chrono::Duration::days(i64::from(args.days));
    let end = resolve_local(tz, end_day.and_time(chrono::NaiveTime::MIN)).unwrap_or(start);
    // Rotation continues from what the airing log says aired last.
    let history = Ledger::from_log(&plan.station.log_dir, &plan).history;
    let airings = upcoming_airings(&plan, start, end, &history);
    if args.json {
        for airing in &airings {
            println!("{}", crate::text::airing_json(airing, tz));
        }
    } else {
        print!("{}", crate::text::render_schedule(&plan, &airings));
    }
    Ok(ExitCode::SUCCESS)
}
