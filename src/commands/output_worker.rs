//! `loa output-worker` (hidden): the process that plays the sound device
//! for the daemon, PCM on stdin, status lines on stdout. Started by
//! `playout::output::DeviceOutput`, never by hand.

use super::CommandResult;

/// Arguments of `loa output-worker`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ALSA device to play: `default` or a name `loa devices` lists.
    #[arg(long)]
    pub device: String,
}

/// Plays stdin on the device until stdin ends or the device fails.
pub fn run(args: Args) -> CommandResult {
    Ok(crate::playout::output::worker::run(&args.device))
}
