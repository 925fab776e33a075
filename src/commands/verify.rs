//! `loa verify` (not yet written).

use super::CommandResult;

/// Arguments of `loa verify`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `loa verify`.
pub fn run(_args: Args) -> CommandResult {
    Err("loa verify is not written yet".into())
}
