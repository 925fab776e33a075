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
    let device_missing = missing_device(&plan.station.output);
    if let Some(name) = &device_missing {
        eprintln!("{}", crate::text::device_not_there(name));
    }
    let history = Ledger::from_log(&plan.station.log_dir, &plan).history;
    let next = next_airing(&plan, Utc::now(), chrono::Duration::days(400)).map(|scheduled| {
        let slot = &plan.slots[scheduled.slot];
        build_airing(&plan, slot, scheduled.instant, &history.slot(&slot.name))
    });
    let summary = CheckSummary {
        config: &config,
        plan: &plan,
        warnings: loaded.diagnostics.warning_count() + usize::from(device_missing.is_some()),
        next: next.as_ref(),
    };
    println!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// The configured sound device when ALSA does not list it now (`default`
/// when ALSA lists no output at all). A warning, not an error: a USB card
/// may be plugged in later, and the daemon keeps trying to open it.
fn missing_device(output: &str) -> Option<String> {
    use crate::playout::output::{OutputSpec, output_devices};
    let name = match output.parse() {
        Ok(OutputSpec::Device(name)) => name,
        Ok(OutputSpec::Default) => output.to_string(),
        _ => return None,
    };
    let listed = output_devices().ok()?;
    (!listed.iter().any(|device| device.name == name)).then_some(name)
}
