//! `loa run`: the daemon.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use super::CommandResult;
use super::station::{config_path, plan_or_report, station_player};
use crate::clock::SystemClock;
use crate::daemon::socket::{serve, socket_path};
use crate::daemon::watch::{reload, watch_config};
use crate::daemon::{Daemon, DaemonHandle};
use crate::shutdown::Shutdown;

/// How long the daemon's exit waits for its last records to reach the hub.
const UPLOAD_FINISH: std::time::Duration = std::time::Duration::from_secs(4);

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
    let (player, spec) = station_player(&plan, args.output.as_deref())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let shutdown = Shutdown::new();
        watch_signals(shutdown.clone())?;
        let output_name = spec.to_string();
        let (daemon, startup) = Daemon::start(
            plan,
            Arc::new(SystemClock),
            player,
            &output_name,
            shutdown.clone(),
        )?;
        let handle = daemon.handle();
        // Pushes the log to the province's hub when `[upload]` is set.
        let upload = crate::upload::start(handle.clone(), Arc::new(SystemClock))?;
        // Edits to the config or playlists, and SIGHUP, reload the station.
        let _watch = watch_config(&config, daemon.plan(), handle.clone())
            .map_err(
                |error| tracing::warn!(%error, "{}", crate::tr!("journal-changes-not-noticed")),
            )
            .ok();
        reload_on_hangup(config.clone(), handle.clone())?;
        let socket = socket_path(&daemon.plan().station.log_dir);
        tokio::spawn(async move {
            if let Err(error) = serve(socket.clone(), handle, shutdown).await {
                tracing::warn!(%error, path = %socket.display(), "{}", crate::tr!("journal-socket-not-available"));
            }
        });
        print!(
            "{}",
            crate::text::daemon_started(daemon.plan(), &startup, daemon.next_airing().as_ref())
        );
        // systemd: READY=1, STATUS=next airing (src/systemd/).
        crate::systemd::ready(daemon.plan(), daemon.next_airing().as_ref());
        let ran = daemon.run().await;
        // The log is closed: its last records go to the hub if it answers.
        tokio::task::spawn_blocking(move || upload.finish(UPLOAD_FINISH))
            .await
            .ok();
        ran?;
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// SIGHUP reloads the configuration (as an edit would).
fn reload_on_hangup(config: PathBuf, handle: DaemonHandle) -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hangup = signal(SignalKind::hangup())?;
    tokio::spawn(async move {
        while hangup.recv().await.is_some() {
            tracing::info!("{}", crate::tr!("journal-sighup"));
            let (config, handle) = (config.clone(), handle.clone());
            let _ = tokio::task::spawn_blocking(move || reload(&config, &handle)).await;
        }
    });
    Ok(())
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
