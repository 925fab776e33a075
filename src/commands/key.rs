//! `loa key` (not yet written).

use super::CommandResult;

/// Arguments of `loa key`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `loa key`.
pub fn run(_args: Args) -> CommandResult {
    Err("loa key is not written yet".into())
}
