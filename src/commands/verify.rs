//! `loa verify`: check airing logs the way the Department does: every
//! record's hash, place in the chain, signature and key, and that the log
//! still contains the checkpoints kept from earlier exports.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::CommandResult;
use crate::airlog::key::PublicKeyFile;
use crate::airlog::time::format_instant;
use crate::airlog::verify::{
    ProblemKind, SignatureCheck, StationVerdict, VerifyOptions, verify_source,
};
use crate::config::{StationFiles, default_config_path};
use crate::text::airlog::{VerifyNote, problem_code};

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
    let paths = if args.paths.is_empty() {
        let config = args.config.clone().unwrap_or_else(default_config_path);
        vec![StationFiles::load(&config)?.log_dir]
    } else {
        args.paths.clone()
    };
    let mut all_ok = true;
    let mut stations = Vec::new();
    for path in &paths {
        let sources = crate::report::log_sources(path)?;
        if sources.is_empty() {
            all_ok = false;
            print_note(&args, VerifyNote::NoLog { path: path.clone() });
        }
        for source in sources {
            let verdict = verify_source(source.as_ref(), &options);
            all_ok &= verdict.is_ok();
            stations.push(verdict.station.clone().unwrap_or_default());
            if args.json {
                println!("{}", verdict_json(&verdict));
            } else {
                println!("{verdict}");
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

/// One station's verdict as `loa verify --json` prints it (reports embed
/// it too).
pub fn verdict_json(verdict: &StationVerdict) -> Value {
    let problems: Vec<Value> = verdict
        .problems
        .iter()
        .map(|p| {
            json!({
                "file": p.file,
                "line": p.line,
                "seq": p.seq,
                "kind": problem_code(&p.kind),
                "detail": match &p.kind {
                    ProblemKind::BadLine(error) => Some(error.code()),
                    _ => None,
                },
                "message": p.kind.to_string(),
            })
        })
        .collect();
    let keys: Vec<Value> = verdict
        .keys
        .iter()
        .map(|(from_seq, key)| {
            json!({
                "from_seq": from_seq,
                "public_key": key.to_base64(),
                "fingerprint": key.fingerprint(),
            })
        })
        .collect();
    let held: Vec<Value> = verdict
        .held_checkpoints
        .iter()
        .map(|(seq, found)| json!({ "seq": seq, "found": found }))
        .collect();
    json!({
        "path": verdict.label,
        "station": verdict.station,
        "ok": verdict.is_ok(),
        "records": verdict.records,
        "first_seq": verdict.first_seq,
        "last_seq": verdict.head.map(|(seq, _)| seq),
        "head": verdict.head.map(|(_, hash)| hash.to_hex()),
        "period": verdict.period.map(|(from, to)| json!({
            "from": format_instant(from),
            "to": format_instant(to),
        })),
        "signatures_checked": verdict.signatures_checked,
        "origin": if verdict.origin_checked { "filed_key" } else { "not_checked" },
        "keys": keys,
        "last_checkpoint": verdict.last_checkpoint.map(|(seq, at)| json!({
            "seq": seq,
            "at": format_instant(at),
        })),
        "held_checkpoints": held,
        "problems": problems,
        "more_problems": verdict.more_problems,
    })
}
