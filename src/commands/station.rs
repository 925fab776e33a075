//! Loading the station for a command: config path defaults, the probe
//! cache, and the plan with its diagnostics.

use std::path::{Path, PathBuf};

use crate::config::{Diagnostics, default_config_path};
use crate::plan::Plan;

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
