//! `loa export`: the single file a station sends up for a period: the log
//! records that cover it (from a checkpoint the Department already holds),
//! the public key, a fresh signed checkpoint and the report as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use super::CommandResult;
use crate::config::default_config_path;
use crate::report::export::{ExportOptions, export, read_held_checkpoint};
use crate::report::{Cutoff, Period};
use crate::text::report::ExportDone;

/// Arguments of `loa export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The station's config file.
    #[arg(short, long, value_name = "CONFIG")]
    config: Option<PathBuf>,
    /// The period: 2021-H1, 2021-H2, 2021, 2021-Q2, 2021-03 or
    /// 2021-03-01..2021-06-30.
    #[arg(long, value_name = "P")]
    period: String,
    /// `official`: the administration's data cut-off dates.
    #[arg(long, value_enum, default_value_t = Cutoff::Calendar)]
    cutoff: Cutoff,
    /// The bundle to write (a .tar file).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Begin at or before this checkpoint (a checkpoint file or an earlier
    /// bundle), when the Department asks for it.
    #[arg(long, value_name = "FILE")]
    since: Option<PathBuf>,
    /// The export's time instead of the clock's (tests, re-runs).
    #[arg(long, hide = true, value_name = "INSTANT")]
    now: Option<chrono::DateTime<chrono::Utc>>,
}

/// Runs `loa export`. Exit 0 when the bundle was written and its records
/// verify; 1 when written but they do not (the Department will see why).
pub fn run(args: Args) -> CommandResult {
    let period = Period::parse(&args.period, args.cutoff)?;
    let since = args
        .since
        .as_deref()
        .map(read_held_checkpoint)
        .transpose()?;
    let summary = export(&ExportOptions {
        config: args.config.unwrap_or_else(default_config_path),
        period,
        output: args.output,
        since,
        now: args.now.unwrap_or_else(chrono::Utc::now),
    })?;
    let ok = summary.verdict.is_ok();
    println!("{}", ExportDone(&summary));
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
