//! `loa schedule` (not yet written).

use super::CommandResult;

/// Arguments of `loa schedule`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `loa schedule`.
pub fn run(_args: Args) -> CommandResult {
    Err("loa schedule is not written yet".into())
}
