//! `loa log` (not yet written).

use super::CommandResult;

/// Arguments of `loa log`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `loa log`.
pub fn run(_args: Args) -> CommandResult {
    Err("loa log is not written yet".into())
}
