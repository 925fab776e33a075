//! Reports from the store, built by the very code of `loa report`
//! (`src/report`): the same verification, figures and renderers, so a
//! report downloaded from the hub equals `loa report store/`.

use chrono::Utc;

use crate::airlog::verify::{DirSource, VerifyOptions};
use crate::hub::config::HubConfig;
use crate::hub::registry::Registry;
use crate::report::catalogue::Catalogue;
use crate::report::html::Letterhead;
use crate::report::{Input, Period, Report, ReportOptions, build_report};

/// A format the report page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Excel workbook.
    Xlsx,
    /// The printable Vietnamese administrative report.
    Html,
    /// One view as CSV (UTF-8 with BOM).
    Csv,
}

impl ReportFormat {
    /// From the form's value.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "xlsx" => Some(Self::Xlsx),
            "html" => Some(Self::Html),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Html => "html",
            Self::Csv => "csv",
        }
    }

    /// The HTTP content type.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Html => "text/html; charset=utf-8",
            Self::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// Builds the report of `period` over the registered stations' logs in the
/// store (only `only` when given), every log verified against its filed
/// key first.
pub fn build(
    config: &HubConfig,
    registry: &Registry,
    period: Period,
    only: Option<&str>,
) -> std::io::Result<Report> {
    let mut inputs = Vec::new();
    for station in registry.stations() {
        if only.is_some_and(|one| one != station) {
            continue;
        }
        let source = DirSource::open(&config.store.join(station))?;
        if !source.is_empty() {
            inputs.push(Input {
                source: Box::new(source),
                zone: config.timezone,
                catalogue: None,
                name: None,
            });
        }
    }
    let catalogue = match &config.topics {
        Some(path) => Catalogue::read(path).map_err(|e| std::io::Error::other(e.to_string()))?,
        None => Catalogue::built_in(),
    };
    let options = ReportOptions {
        period,
        verify: VerifyOptions {
            filed_keys: registry.filed_keys(),
            ..VerifyOptions::default()
        },
        date: Utc::now().with_timezone(&config.timezone).date_naive(),
        catalogue,
        units: crate::config::Units::default(),
    };
    build_report(inputs, options)
}

/// The report as a file's bytes.
pub fn render(report: &Report, format: ReportFormat, view: &str) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        ReportFormat::Xlsx => {
            let dir = tempfile::tempdir()?;
            let path = dir.path().join("report.xlsx");
            crate::report::xlsx::write_xlsx(report, &path)
                .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
            out = std::fs::read(&path)?;
        }
        ReportFormat::Html => {
            crate::report::html::write_html(report, &Letterhead::default(), &mut out)?;
        }
        ReportFormat::Csv => {
            crate::report::csv::write_view(report, view, &mut out)?;
        }
    }
    Ok(out)
}
