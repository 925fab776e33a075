//! `loa run`: the daemon.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::CommandResult;
use super::station::{config_path, plan_or_report};
use crate::clock::SystemClock;
use crate::daemon::Daemon;
use crate::playout::output::{OutputSpec, make_output};
use crate::playout::player::OutputPlayer;
use crate::shutdown::Shutdown;

/// Arguments of `loa run`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
    #[arg(short, long, value_name = "CONFIG")]
    pub config: Option<PathBuf>,
    /// Where audio goes, overriding `output` in the config: default, a device name, wav:PATH or null
    #[arg(long, value_name = "OUT")]
    pub output: Option<String>,
}

/// Runs the daemon until SIGTERM or SIGINT.
pub fn run(args: Args) -> CommandResult {
    let config = config_path(args.config);
    let (plan, _warnings) = plan_or_report(&config)?;
    let spec: OutputSpec = args
        .output
        .as_deref()
        .unwrap_or(&plan.station.output)
        .parse()?;
    let worker = std::env::current_exe()?;
    let player = Box::new(OutputPlayer::new(
        make_output(&spec, &worker),
        plan.station.audio,
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let shutdown = Shutdown::new();
        watch_signals(shutdown.clone())?;
        let (daemon, startup) = Daemon::start(plan, Arc::new(SystemClock), player, shutdown)?;
        print!(
            "{}",
            crate::text::daemon_started(daemon.plan(), &startup, daemon.next_airing().as_ref())
        );
        daemon.run().await?;
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// SIGTERM and SIGINT trigger the shutdown.
pub fn watch_signals(shutdown: Shutdown) -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    tokio::spawn(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
        shutdown.trigger();
    });
    Ok(())
}
