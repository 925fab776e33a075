//! `loa check` (not yet written).

use super::CommandResult;

/// Arguments of `loa check`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `loa check`.
pub fn run(_args: Args) -> CommandResult {
    Err("loa check is not written yet".into())
}
