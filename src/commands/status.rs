//! `loa status`: what the running daemon is doing, over its local socket;
//! when no daemon runs, says so and shows the next airings from the config.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;

use super::CommandResult;
use super::station::{config_path, plan_or_report};
use crate::config::StationFiles;
use crate::daemon::Ledger;
use crate::daemon::socket::{query_status, socket_path};
use crate::selection::upcoming_airings;

/// Arguments of `loa status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
    #[arg(short, long, value_name = "CONFIG")]
    pub config: Option<PathBuf>,
    /// The status as one JSON object
    #[arg(long)]
    pub json: bool,
}

/// Runs `loa status`. Exit 0 when the daemon answered, 3 when none runs.
pub fn run(args: Args) -> CommandResult {
    let config = config_path(args.config);
    let (files, config_errors) = StationFiles::load_lenient(&config)?;
    if let Some(detail) = &config_errors {
        eprintln!(
            "{}",
            crate::text::config_on_disk_has_errors(&config, detail)
        );
    }
    if let Some(status) = query_status(&socket_path(&files.log_dir)) {
        if args.json {
            println!("{}", serde_json::to_string_pretty(&status)?);
        } else {
            print!("{}", crate::text::render_status(&status, Utc::now()));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (plan, _) = plan_or_report(&config)?;
    let history = Ledger::from_log(&plan.station.log_dir, &plan).history;
    let now = Utc::now();
    let next: Vec<_> = upcoming_airings(&plan, now, now + chrono::Duration::days(8), &history)
        .into_iter()
        .take(5)
        .collect();
    if args.json {
        let next: Vec<_> = next
            .iter()
            .map(|a| crate::text::airing_json(a, plan.station.timezone))
            .collect();
        println!("{}", serde_json::json!({"running": false, "next": next}));
    } else {
        print!("{}", crate::text::render_not_running(&plan, &next));
    }
    Ok(ExitCode::from(3))
}
