//! `loa check`: validate the station's configuration, playlists and audio,
//! listing every problem with its file, line and column.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;

use super::CommandResult;
use super::station::{config_path, load_station, print_diagnostics};
use crate::daemon::Ledger;
use crate::schedule::next_airing;
use crate::selection::build_airing;
use crate::text::CheckSummary;

/// Arguments of `loa check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
    #[arg(short, long, value_name = "CONFIG")]
    pub config: Option<PathBuf>,
}

/// Runs `loa check`: exit 0 when the config is usable (warnings allowed).
pub fn run(args: Args) -> CommandResult {
    let config = config_path(args.config);
    let loaded = load_station(&config);
    print_diagnostics(&loaded.diagnostics);
    let Some(plan) = loaded.plan else {
        eprintln!(
            "{}",
            crate::text::check_failed(
                &config,
                loaded.diagnostics.error_count(),
                loaded.diagnostics.warning_count()
            )
        );
        return Ok(ExitCode::from(1));
    };
    let history = Ledger::from_log(&plan.station.log_dir, &plan).history;
    let next = next_airing(&plan, Utc::now(), chrono::Duration::days(400)).map(|scheduled| {
        let slot = &plan.slots[scheduled.slot];
        build_airing(&plan, slot, scheduled.instant, &history.slot(&slot.name))
    });
    let summary = CheckSummary {
        config: &config,
        plan: &plan,
        warnings: loaded.diagnostics.warning_count(),
        next: next.as_ref(),
    };
    println!("{summary}");
    Ok(ExitCode::SUCCESS)
}
