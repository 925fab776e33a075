//! CSV: UTF-8 with a byte-order mark (without it Excel reads Vietnamese as
//! mojibake), CRLF line ends and RFC 4180 quoting. One file per view.

use std::io::{self, Write};
use std::path::Path;

use crate::report::build::Report;
use crate::report::table::{Cell, Column, Row, Table};
use crate::report::views::{self, AIRINGS_VIEW, StationNames, airing_columns, airing_row};

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Writes one summary view.
pub fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    write_header(&table.columns, out)?;
    for row in &table.rows {
        write_row(row, out)?;
    }
    out.flush()
}

/// Writes the per-airing view, streaming.
pub fn write_airings(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_header(&airing_columns(), out)?;
    let names = StationNames::of(report);
    for row in report.airings() {
        write_row(&airing_row(&row?, &names), out)?;
    }
    out.flush()
}

/// Writes the view named `view` (one of [`views::VIEW_NAMES`]); false when
/// there is no such view.
pub fn write_view(report: &Report, view: &str, out: &mut dyn Write) -> io::Result<bool> {
    if view == AIRINGS_VIEW.0 {
        write_airings(report, out)?;
        return Ok(true);
    }
    match views::summary_tables(report)
        .into_iter()
        .find(|t| t.name == view)
    {
        Some(table) => write_table(&table, out).map(|()| true),
        None => Ok(false),
    }
}

/// Writes every view into `dir` as `<view>.csv`; returns the files.
pub fn write_all(report: &Report, dir: &Path) -> io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for name in views::VIEW_NAMES {
        let path = dir.join(format!("{name}.csv"));
        let mut out = io::BufWriter::new(std::fs::File::create(&path)?);
        write_view(report, name, &mut out)?;
        written.push(path);
    }
    Ok(written)
}

fn write_header(columns: &[Column], out: &mut dyn Write) -> io::Result<()> {
    out.write_all(BOM)?;
    let headers: Vec<String> = columns.iter().map(|c| quote(c.header)).collect();
    out.write_all(headers.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

fn write_row(row: &Row, out: &mut dyn Write) -> io::Result<()> {
    let fields: Vec<String> = row
        .cells
        .iter()
        .map(|cell| quote(&Cell::plain(cell)))
        .collect();
    out.write_all(fields.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}
