//! Loading the station for a command: config path defaults, the probe
//! cache, and the plan with its diagnostics.

use std::path::{Path, PathBuf};

use crate::config::{Diagnostics, default_config_path};
use crate::plan::Plan;
use crate::playout::output::{OutputSpec, make_output};
use crate::playout::player::OutputPlayer;

/// The config file to use: the one given, or the default.
pub fn config_path(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(default_config_path)
}

pub use crate::config::{load_station, probe_cache_path};

/// Prints every diagnostic to stderr, in file order.
pub fn print_diagnostics(diagnostics: &Diagnostics) {
    for diagnostic in diagnostics.sorted() {
        eprintln!("{}", crate::text::render_diagnostic(diagnostic));
    }
}

/// The plan, or the diagnostics printed and an error saying how many.
pub fn plan_or_report(config: &Path) -> Result<(Plan, Diagnostics), ConfigInvalid> {
    let loaded = load_station(config);
    match loaded.plan {
        Some(plan) => Ok((plan, loaded.diagnostics)),
        None => {
            print_diagnostics(&loaded.diagnostics);
            Err(ConfigInvalid {
                path: config.to_path_buf(),
                errors: loaded.diagnostics.error_count(),
            })
        }
    }
}

pub use crate::config::ConfigInvalid;

/// The player for the station's output, or for `output` when the command
/// line overrides it (`--output`): what `loa run` and `loa play` air
/// through, and the output it names. The device's own process is this
/// same binary.
pub fn station_player(
    plan: &Plan,
    output: Option<&str>,
) -> Result<(Box<OutputPlayer>, OutputSpec), Box<dyn std::error::Error + Send + Sync>> {
    let spec: OutputSpec = output.unwrap_or(&plan.station.output).parse()?;
    let worker = std::env::current_exe()?;
    let player = OutputPlayer::new(make_output(&spec, &worker), plan.station.audio);
    Ok((Box::new(player), spec))
}
