//! `loa devices`: the audio outputs this machine has, by the names that
//! `output =` accepts, so the technician can copy one into station.toml.

use std::process::ExitCode;

use super::CommandResult;
use crate::playout::output::output_devices;

/// Arguments of `loa devices` (none).
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints the output devices ALSA lists, `default` first.
pub fn run(_args: Args) -> CommandResult {
    let devices = output_devices()?;
    print!("{}", crate::text::render_device_list(&devices));
    Ok(ExitCode::SUCCESS)
}
