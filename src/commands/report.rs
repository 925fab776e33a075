//! `loa report`: the periodic report for the Department, from verified
//! logs only: a station's own log, or the logs and export bundles of many
//! stations (a district's communes), rolled up by station id.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::CommandResult;
use crate::airlog::key::PublicKeyFile;
use crate::airlog::verify::VerifyOptions;
use crate::config::{ReportProfile, SideFileInvalid, StationFiles, Units, default_config_path};
use crate::report::catalogue::Catalogue;
use crate::report::export::read_held_checkpoint;
use crate::report::html::Letterhead;
use crate::report::station_config::{catalogue_path, station_name};
use crate::report::views::VIEW_NAMES;
use crate::report::{
    Cutoff, Input, Period, Report, ReportOptions, StationStatus, build_report, inputs_at,
};
use crate::text::report::{ReportError, ReportNote};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Excel workbook: one sheet per view.
    Xlsx,
    /// CSV (UTF-8 with BOM): one file per view, or `--view`.
    Csv,
    /// Everything, machine-readable (docs/report.md).
    Json,
    /// A printable Vietnamese administrative report.
    Html,
}

/// Arguments of `loa report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Log directories and/or export bundles (or folders of them);
    /// default: the configured station's own log.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The period: 2021-H1, 2021-H2, 2021, 2021-Q2, 2021-03 or
    /// 2021-03-01..2021-06-30.
    #[arg(long, value_name = "P")]
    period: String,
    /// `official`: 6 months from 15 Dec to 14 Jun (15 Jun to 14 Dec), a
    /// year from 15 Dec to 14 Dec.
    #[arg(long, value_enum, default_value_t = Cutoff::Calendar)]
    cutoff: Cutoff,
    /// Output format (default: from the -o file's extension).
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Output file (for csv without --view: a folder, one file per view);
    /// default: standard output (not for xlsx).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With csv: only this view.
    #[arg(long, value_name = "VIEW", value_parser = clap::builder::PossibleValuesParser::new(VIEW_NAMES))]
    view: Option<String>,
    /// The station's config file (its log, time zone, topic catalogue).
    #[arg(short, long, value_name = "CONFIG")]
    config: Option<PathBuf>,
    /// Topic catalogue for topic names (default: the config's, else the
    /// Department's eleven topics).
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,
    /// Time zone of log directories given as PATH (bundles name their own).
    #[arg(long, value_name = "ZONE")]
    tz: Option<Tz>,
    /// Public key files the Department filed; each station's key must be
    /// one of them. Repeatable.
    #[arg(long, value_name = "FILE")]
    pubkey: Vec<PathBuf>,
    /// Checkpoints (or earlier bundles) kept from earlier exports; each log
    /// must extend them. Repeatable.
    #[arg(long, value_name = "FILE")]
    checkpoint: Vec<PathBuf>,
    /// The report's date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<NaiveDate>,
    /// Names of the units (TOML, id = name), e.g.
    /// "can-tho" = "Thành phố Cần Thơ", "can-tho/thanh-phu" = "Xã Thạnh Phú";
    /// they name the roll-up levels and override the stations' names.
    #[arg(long, value_name = "FILE")]
    units: Option<PathBuf>,
    /// html: the issuing body, e.g. "ĐÀI TRUYỀN THANH XÃ AN HIỆP"
    /// (default: the station's name).
    #[arg(long, value_name = "TEXT")]
    issuer: Option<String>,
    /// html: the governing body, e.g. "UBND XÃ AN HIỆP".
    #[arg(long, value_name = "TEXT")]
    parent: Option<String>,
    /// html: the document number, e.g. "12/BC-ĐTT".
    #[arg(long, value_name = "TEXT")]
    number: Option<String>,
    /// html: the place in the date line, e.g. "An Hiệp".
    #[arg(long, value_name = "TEXT")]
    place: Option<String>,
    /// html: who it is sent to, e.g. "Sở Văn hóa, Thể thao và Du lịch tỉnh Sóc Trăng"; repeatable.
    #[arg(long, value_name = "TEXT")]
    recipient: Vec<String>,
    /// html: the signer's title, e.g. "GIÁM ĐỐC".
    #[arg(long, value_name = "TEXT")]
    signer: Option<String>,
    /// html: a report profile (TOML: parent, issuer, number, place,
    /// recipient, signer), e.g. recipient = ["Sở Văn hóa, Thể thao và Du
    /// lịch tỉnh …"]; the options above override it.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
}

/// Runs `loa report`. Exit 0 when every station verified and counted;
/// 1 when the report was written but some station was left out.
pub fn run(args: Args) -> CommandResult {
    let period = Period::parse(&args.period, args.cutoff)?;
    let format = output_format(&args)?;
    if format == Format::Xlsx && args.output.is_none() {
        return Err(Box::new(ReportError::XlsxNeedsOutput));
    }
    let own = own_station(&args)?;
    let zone = args
        .tz
        .or(own.as_ref().map(|s| s.timezone))
        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
    let inputs = gather_inputs(&args, own.as_ref(), zone)?;
    let options = ReportOptions {
        period,
        verify: verify_options(&args)?,
        date: args
            .date
            .unwrap_or_else(|| chrono::Utc::now().with_timezone(&zone).date_naive()),
        catalogue: catalogue(&args, own.as_ref())?,
        units: units(&args, own.as_ref())?,
    };
    let letterhead = letterhead(&args, own.as_ref())?;
    let report = build_report(inputs, options)?;
    render(&args, format, &report, &letterhead)?;
    let left_out: Vec<&str> = report
        .stations
        .iter()
        .filter(|s| s.status != StationStatus::Counted)
        .map(|s| s.station.as_str())
        .collect();
    eprintln!(
        "{}",
        ReportNote::Summary {
            stations: report.stations.len(),
            counted: report.counted_stations(),
            left_out: left_out.iter().map(|s| s.to_string()).collect(),
        }
    );
    Ok(if left_out.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn output_format(args: &Args) -> Result<Format, ReportError> {
    if let Some(format) = args.format {
        return Ok(format);
    }
    let extension = args
        .output
        .as_ref()
        .and_then(|o| o.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("xlsx") => Ok(Format::Xlsx),
        Some("csv") => Ok(Format::Csv),
        Some("json") => Ok(Format::Json),
        Some("html" | "htm") => Ok(Format::Html),
        _ => Err(ReportError::NoFormat),
    }
}

/// The configured station, when its log is the input or a config was given.
fn own_station(
    args: &Args,
) -> Result<Option<StationFiles>, Box<dyn std::error::Error + Send + Sync>> {
    if args.paths.is_empty() || args.config.is_some() {
        let config = args.config.clone().unwrap_or_else(default_config_path);
        return Ok(Some(StationFiles::load(&config)?));
    }
    Ok(None)
}

fn gather_inputs(
    args: &Args,
    own: Option<&StationFiles>,
    zone: Tz,
) -> Result<Vec<Input>, Box<dyn std::error::Error + Send + Sync>> {
    let paths: Vec<PathBuf> = match (args.paths.is_empty(), own) {
        (true, Some(station)) => vec![station.log_dir.clone()],
        _ => args.paths.clone(),
    };
    let mut inputs = Vec::new();
    for path in &paths {
        let found = inputs_at(path, zone)?;
        if found.is_empty() {
            return Err(Box::new(ReportError::NoLog { path: path.clone() }));
        }
        inputs.extend(found);
    }
    Ok(inputs)
}

fn verify_options(args: &Args) -> Result<VerifyOptions, Box<dyn std::error::Error + Send + Sync>> {
    Ok(VerifyOptions {
        filed_keys: args
            .pubkey
            .iter()
            .map(|p| PublicKeyFile::read_keyring(p))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect(),
        held_checkpoints: args
            .checkpoint
            .iter()
            .map(|p| read_held_checkpoint(p))
            .collect::<Result<_, _>>()?,
        ..VerifyOptions::default()
    })
}

fn catalogue(
    args: &Args,
    own: Option<&StationFiles>,
) -> Result<Catalogue, Box<dyn std::error::Error + Send + Sync>> {
    let path = args
        .topics
        .clone()
        .or_else(|| own.and_then(|s| catalogue_path(&s.config_path)));
    Ok(match path {
        Some(path) => Catalogue::read(&path)?,
        None => Catalogue::built_in(),
    })
}

/// The officer's units file; the configured station, which it may not
/// list, is named as its config names it.
fn units(args: &Args, own: Option<&StationFiles>) -> Result<Units, SideFileInvalid> {
    let units = match &args.units {
        Some(path) => Units::read(path)?,
        None => Units::default(),
    };
    Ok(
        match own.and_then(|s| Some((s, station_name(&s.config_path)?))) {
            Some((station, name)) => units.or_name(&station.station_id, name),
            None => units,
        },
    )
}

/// The letterhead: each option, else the profile's, else (the issuer) the
/// configured station's name; what none gives is left to fill in by hand.
fn letterhead(args: &Args, own: Option<&StationFiles>) -> Result<Letterhead, SideFileInvalid> {
    let profile = match &args.profile {
        Some(path) => ReportProfile::read(path)?,
        None => ReportProfile::default(),
    };
    let own_name = || {
        own.and_then(|s| station_name(&s.config_path))
            .map(|n| n.to_uppercase())
    };
    let pick = |option: &Option<String>, kept: Option<String>| option.clone().or(kept);
    Ok(Letterhead {
        parent: pick(&args.parent, profile.parent),
        issuer: pick(&args.issuer, profile.issuer).or_else(own_name),
        number: pick(&args.number, profile.number),
        place: pick(&args.place, profile.place),
        recipients: if args.recipient.is_empty() {
            profile.recipients
        } else {
            args.recipient.clone()
        },
        signer: pick(&args.signer, profile.signer),
    })
}

fn render(
    args: &Args,
    format: Format,
    report: &Report,
    letterhead: &Letterhead,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    use crate::report::{csv, html, json, xlsx};
    match (format, &args.output) {
        (Format::Xlsx, None) => return Err(Box::new(ReportError::XlsxNeedsOutput)),
        (Format::Xlsx, Some(path)) => {
            xlsx::write_xlsx(report, path).map_err(|e| ReportError::Workbook {
                path: path.clone(),
                detail: e.to_string(),
            })?
        }
        (Format::Csv, Some(dir)) if args.view.is_none() => {
            let files = csv::write_all(report, dir).map_err(|source| io_error(dir, source))?;
            eprintln!("{}", ReportNote::WroteFiles { files });
            return Ok(());
        }
        _ => with_output(args.output.as_deref(), |out| match format {
            Format::Csv => {
                let view = args.view.as_deref().unwrap_or("topics");
                csv::write_view(report, view, out).map(|_| ())
            }
            Format::Json => json::write_json(report, out),
            _ => html::write_html(report, letterhead, out),
        })?,
    }
    if let Some(path) = &args.output {
        eprintln!(
            "{}",
            ReportNote::WroteFiles {
                files: vec![path.clone()]
            }
        );
    }
    Ok(())
}

fn io_error(path: &Path, source: std::io::Error) -> ReportError {
    ReportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Runs `write` on the output file, or standard output.
fn with_output(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ReportError> {
    match output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| io_error(path, e))?;
            let mut out = std::io::BufWriter::new(file);
            write(&mut out).map_err(|e| io_error(path, e))
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            write(&mut out).map_err(|e| io_error(Path::new("-"), e))
        }
    }
}
