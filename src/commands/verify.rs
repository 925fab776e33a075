//! `loa verify`: check airing logs the way the Department does: every
//! record's hash, place in the chain, signature and key, and that the log
//! still contains the checkpoints kept from earlier exports.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::CommandResult;
use crate::airlog::key::PublicKeyFile;
use crate::airlog::verify::json::verdict_json;
use crate::airlog::verify::{SignatureCheck, VerifyOptions, verify_source};
use crate::config::{StationFiles, default_config_path};
use crate::report::Input;
use crate::text::airlog::VerifyNote;
use crate::text::{TimesIn, VerdictText};

/// Arguments of `loa verify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Log directories, export bundles (`loa export`), or directories of
    /// them; default: the configured station's log_dir.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The station's config file, for the default PATH.
    #[arg(short, long, value_name = "CONFIG")]
    config: Option<PathBuf>,
    /// A public key file the Department filed (`loa key show --out`); the
    /// log's first key must be one of them. Repeatable.
    #[arg(long, value_name = "FILE")]
    pubkey: Vec<PathBuf>,
    /// A checkpoint kept from an earlier export (its `checkpoint` file, or
    /// the earlier export bundle itself); the log must contain it and
    /// extend it. Repeatable.
    #[arg(long, value_name = "FILE")]
    checkpoint: Vec<PathBuf>,
    /// Time zone of log directories given as PATH, for showing times
    /// (bundles name their own; default: the config's, when it is read).
    #[arg(long, value_name = "ZONE")]
    tz: Option<chrono_tz::Tz>,
    /// One JSON object per station instead of text.
    #[arg(long)]
    json: bool,
    /// Check hashes, sequence and chain only, not signatures (fast).
    #[arg(long, conflicts_with = "strict")]
    chain_only: bool,
    /// Check every signature alone (the same ZIP 215 rule), without batching.
    #[arg(long)]
    strict: bool,
}

/// Runs `loa verify`. Exit 0 only when everything verified.
pub fn run(args: Args) -> CommandResult {
    let options = options(&args)?;
    let own = own_station(&args)?;
    let paths = match &own {
        Some(station) if args.paths.is_empty() => vec![station.log_dir.clone()],
        _ => args.paths.clone(),
    };
    let dir_times = match (args.tz, &own) {
        (Some(zone), _) => TimesIn::Given(zone),
        (None, Some(station)) => TimesIn::Config(station.timezone),
        (None, None) => TimesIn::Unknown,
    };
    let mut all_ok = true;
    let mut stations = Vec::new();
    for path in &paths {
        let inputs = crate::report::inputs_at(path, chrono_tz::UTC)?;
        if inputs.is_empty() {
            all_ok = false;
            print_note(&args, VerifyNote::NoLog { path: path.clone() });
        }
        for input in inputs {
            let verdict = verify_source(input.source.as_ref(), &options);
            all_ok &= verdict.is_ok();
            stations.push(verdict.station.clone().unwrap_or_default());
            if args.json {
                println!("{}", verdict_json(&verdict));
            } else {
                let times_in = times_in(&input, dir_times);
                println!(
                    "{}",
                    VerdictText {
                        verdict: &verdict,
                        times_in
                    }
                );
            }
        }
    }
    for held in &options.held_checkpoints {
        if !stations.contains(&held.station) {
            all_ok = false;
            print_note(
                &args,
                VerifyNote::CheckpointUnmatched {
                    station: held.station.clone(),
                    seq: held.seq,
                },
            );
        }
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The station whose config is read: the one given with `-c`, or the
/// default one when no PATH is given (its log is then the one verified).
fn own_station(args: &Args) -> Result<Option<StationFiles>, crate::config::StationFilesError> {
    match (&args.config, args.paths.is_empty()) {
        (Some(config), _) => StationFiles::load(config).map(Some),
        (None, true) => StationFiles::load(&default_config_path()).map(Some),
        (None, false) => Ok(None),
    }
}

/// A bundle names its zone in its manifest; a log directory does not.
fn times_in(input: &Input, dir_times: TimesIn) -> TimesIn {
    match input.source.claims() {
        Some(_) => TimesIn::Manifest(input.zone),
        None => dir_times,
    }
}

fn options(args: &Args) -> Result<VerifyOptions, Box<dyn std::error::Error + Send + Sync>> {
    let filed_keys = args
        .pubkey
        .iter()
        .map(|path| PublicKeyFile::read_keyring(path))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    let held_checkpoints = args
        .checkpoint
        .iter()
        .map(|path| crate::report::export::read_held_checkpoint(path))
        .collect::<Result<Vec<_>, _>>()?;
    let signatures = if args.chain_only {
        SignatureCheck::Skip
    } else if args.strict {
        SignatureCheck::Strict
    } else {
        SignatureCheck::Batch
    };
    Ok(VerifyOptions {
        signatures,
        filed_keys,
        held_checkpoints,
        ..VerifyOptions::default()
    })
}

fn print_note(args: &Args, note: VerifyNote) {
    if args.json {
        let kind = match note {
            VerifyNote::NoLog { .. } => "no_log",
            VerifyNote::CheckpointUnmatched { .. } => "checkpoint_unmatched",
        };
        println!(
            "{}",
            json!({ "ok": false, "kind": kind, "error": note.to_string() })
        );
    } else {
        println!("{note}");
    }
}
