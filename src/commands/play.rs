//! `loa play`: air a slot's next airing, or one file, now — to test the
//! loudspeakers. Goes through the same playout and log as scheduled
//! airings, recorded as manual.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use super::CommandResult;
use super::run::watch_signals;
use super::station::{config_path, plan_or_report};
use crate::audio::probe_with_levels;
use crate::clock::SystemClock;
use crate::daemon::Daemon;
use crate::plan::{Plan, Segment};
use crate::playout::output::{OutputSpec, make_output};
use crate::playout::player::OutputPlayer;
use crate::selection::Airing;
use crate::shutdown::Shutdown;
use crate::text::PlayError;

/// The slot name manual file airings are recorded under.
pub const FILE_SLOT: &str = "manual";

/// Arguments of `loa play`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["slot", "file"])))]
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
}

/// Runs `loa play`; returns when the airing ends.
pub fn run(args: Args) -> CommandResult {
    let config = config_path(args.config);
    let (plan, _warnings) = plan_or_report(&config)?;
    let spec: OutputSpec = args
        .output
        .as_deref()
        .unwrap_or(&plan.station.output)
        .parse()?;
    let player = Box::new(OutputPlayer::new(
        make_output(&spec, &std::env::current_exe()?),
        plan.station.audio,
    ));
    let file_airing = match &args.file {
        Some(path) => Some(file_airing(path, &plan)?),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let report = runtime.block_on(async move {
        let shutdown = Shutdown::new();
        watch_signals(shutdown.clone())?;
        let output_name = spec.to_string();
        let (daemon, _) =
            Daemon::start(plan, Arc::new(SystemClock), player, &output_name, shutdown)?;
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
        if airing.segments.is_empty() {
            return Err(PlayError::NothingValid { slot: airing.slot }.into());
        }
        println!(
            "{}",
            crate::text::airing_headline(&airing, daemon.plan().station.timezone)
        );
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(daemon.air_now(airing).await?)
    })?;
    println!("{}", crate::text::play_outcome(&report));
    Ok(ExitCode::SUCCESS)
}

/// One file as a manual airing: probed and measured like any segment (so
/// it airs at the station's loudness), no topic (0).
fn file_airing(path: &std::path::Path, plan: &Plan) -> Result<Airing, crate::audio::AudioError> {
    let info = probe_with_levels(path)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let language = plan
        .playlists
        .values()
        .next()
        .map_or_else(|| "vi".to_string(), |p| p.language.clone());
    Ok(Airing {
        slot: FILE_SLOT.into(),
        scheduled: chrono::Utc::now(),
        max: info.duration + Duration::from_secs(1),
        segments: vec![Segment {
            file: crate::config::nfc(&path.display().to_string()),
            path: path.to_path_buf(),
            title: crate::config::nfc(&name),
            topic: 0,
            language,
            approved_by: None,
            from: None,
            until: None,
            duration: info.duration,
            sha256: info.sha256,
            levels: info.levels,
            gain: None,
        }],
        manual: true,
    })
}
