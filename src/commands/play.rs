//! `loa play`: air a slot's next airing, or one file, now — to test the
//! loudspeakers. Goes through the same playout and log as scheduled
//! airings, recorded as manual.
//!
//! `loa play --now FILE|PLAYLIST --priority P` instead sends an announcement
//! to the running daemon over its socket: `emergency` interrupts what airs,
//! `priority` airs after the current segment, `normal` when nothing airs.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::CommandResult;
use super::run::watch_signals;
use super::station::{config_path, plan_or_report, station_player};
use crate::clock::SystemClock;
use crate::config::StationFiles;
use crate::daemon::AnnounceRequest;
use crate::daemon::Daemon;
use crate::daemon::socket::{send_announcement, socket_path};
use crate::plan::Plan;
use crate::playout::announcement::{Priority, segment_from_file};
use crate::selection::ReadyAiring;
use crate::shutdown::Shutdown;
use crate::text::PlayError;

/// The slot name manual file airings are recorded under.
pub const FILE_SLOT: &str = "manual";

/// Arguments of `loa play`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["slot", "file", "now"])))]
pub struct Args {
    /// The station's config file [default: ./config/station.toml, else /etc/loa/station.toml]
    #[arg(short, long, value_name = "CONFIG")]
    pub config: Option<PathBuf>,
    /// Where audio goes, overriding `output` in the config
    #[arg(long, value_name = "OUT")]
    pub output: Option<String>,
    /// The slot whose next airing to air now
    pub slot: Option<String>,
    /// One audio file to air now instead
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Send an announcement (a playlist's name or an audio file) to the
    /// running daemon
    #[arg(long, value_name = "FILE|PLAYLIST")]
    pub now: Option<String>,
    /// How urgent the announcement is: `emergency` interrupts at once,
    /// `priority` after the current segment, `normal` when nothing airs
    #[arg(long, value_enum, default_value = "priority", requires = "now")]
    pub priority: PriorityArg,
    /// Who asks for the announcement, for the airing log
    #[arg(long, value_name = "NAME", requires = "now")]
    pub by: Option<String>,
}

/// `--priority`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PriorityArg {
    /// Airs when nothing else airs.
    Normal,
    /// Airs after the current segment.
    Priority,
    /// Interrupts at once, then the airing resumes.
    Emergency,
}

impl From<PriorityArg> for Priority {
    fn from(arg: PriorityArg) -> Self {
        match arg {
            PriorityArg::Normal => Self::Normal,
            PriorityArg::Priority => Self::Priority,
            PriorityArg::Emergency => Self::Emergency,
        }
    }
}

/// Runs `loa play`; returns when the airing ends.
pub fn run(args: Args) -> CommandResult {
    let config = config_path(args.config);
    if let Some(what) = args.now {
        return announce(&config, what, args.priority.into(), args.by);
    }
    let (plan, _warnings) = plan_or_report(&config)?;
    let (player, spec) = station_player(&plan, args.output.as_deref())?;
    let file_airing = match &args.file {
        Some(path) => Some(file_airing(path, &plan)?),
        None => None,
    };
    let output_name = spec.to_string();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let report = runtime.block_on(async move {
        let shutdown = Shutdown::new();
        watch_signals(shutdown.clone())?;
        let (daemon, _) = Daemon::start(
            plan,
            Arc::new(SystemClock),
            player,
            &spec.to_string(),
            shutdown,
        )?;
        let airing = match (file_airing, &args.slot) {
            (Some(airing), _) => airing,
            (None, Some(slot)) => {
                daemon
                    .manual_airing(slot)
                    .ok_or_else(|| PlayError::UnknownSlot {
                        slot: slot.clone(),
                        known: daemon.plan().slots.iter().map(|s| s.name.clone()).collect(),
                    })?
            }
            (None, None) => return Err(PlayError::NothingToPlay.into()),
        };
        if airing.segments.is_empty() && airing.relay.is_none() {
            return Err(PlayError::NothingValid { slot: airing.slot }.into());
        }
        println!(
            "{}",
            crate::text::airing_headline(&airing, daemon.plan().station.timezone)
        );
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(daemon.air_now(airing).await?)
    })?;
    println!("{}", crate::text::play_outcome(&report));
    if report.aired_nothing() {
        return Err(PlayError::NothingAired {
            output: output_name,
            reason: report.device_failures.first().cloned(),
        }
        .into());
    }
    Ok(ExitCode::SUCCESS)
}

/// Sends the announcement to the running daemon; returns once it is
/// queued. A file is sent as an absolute path (the daemon reads it).
fn announce(
    config: &std::path::Path,
    what: String,
    priority: Priority,
    by: Option<String>,
) -> CommandResult {
    let (files, config_errors) = StationFiles::load_lenient(config)?;
    if let Some(detail) = &config_errors {
        eprintln!("{}", crate::text::config_on_disk_has_errors(config, detail));
    }
    let path = std::path::Path::new(&what);
    let what = match std::path::absolute(path) {
        Ok(absolute) if path.is_file() => absolute.display().to_string(),
        _ => what,
    };
    let socket = socket_path(&files.log_dir);
    let request = AnnounceRequest { what, priority, by };
    let reply = send_announcement(&socket, &request).ok_or(PlayError::NoDaemon { socket })?;
    if let Some(error) = reply.get("error").and_then(|e| e.as_str()) {
        return Err(PlayError::Refused(error.to_string()).into());
    }
    let queued = &reply["queued"];
    println!(
        "{}",
        crate::text::announcement_queued(
            priority.name(),
            queued["segments"].as_u64().unwrap_or(0),
            queued["length_ms"].as_u64().unwrap_or(0),
            queued["ahead"].as_u64().unwrap_or(0),
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// One file as a manual airing: probed and measured like any segment (so
/// it airs at the station's loudness), no topic (0). Public so tests air
/// exactly what `loa play --file` airs, on a simulated clock.
pub fn file_airing(
    path: &std::path::Path,
    plan: &Plan,
) -> Result<ReadyAiring, crate::audio::AudioError> {
    let segment = segment_from_file(path, plan)?;
    Ok(ReadyAiring {
        slot: FILE_SLOT.into(),
        scheduled: chrono::Utc::now(),
        max: segment.duration + Duration::from_secs(1),
        segments: vec![segment],
        manual: true,
        relay: None,
    })
}
