//! The workbook an officer opens in Excel or LibreOffice: one sheet per
//! view, Vietnamese headers, number and date formats, frozen header rows,
//! column widths that fit. The per-airing sheet is written in constant
//! memory (rows stream to a temporary file) since it may hold a hundred
//! thousand rows.

use std::path::Path;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::report::build::Report;
use crate::report::table::{Cell, Column, Row, RowStyle, Table};
use crate::report::views::{
    AIRINGS_VIEW, StationNames, airing_columns, airing_row, summary_tables,
};

/// Writes the workbook to `path`.
pub fn write_xlsx(report: &Report, path: &Path) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(report)?);
    for table in summary_tables(report) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.sheet)?;
        write_table(sheet, &table)?;
    }
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(AIRINGS_VIEW.1)?;
    let columns = airing_columns();
    prepare(sheet, &columns)?;
    let names = StationNames::of(report);
    for (row_number, row) in (1u32..).zip(report.airings()) {
        let row = row.map_err(XlsxError::IoError)?;
        write_row(sheet, row_number, &airing_row(&row, &names))?;
    }
    workbook.save(path)
}

/// Title and date, fixed to the report's date so the same log gives the
/// same workbook.
fn properties(report: &Report) -> Result<DocProperties, XlsxError> {
    let date = &report.date;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(chrono::Datelike::year(date)).unwrap_or(2000),
        chrono::Datelike::month(date) as u8,
        chrono::Datelike::day(date) as u8,
    )?;
    Ok(DocProperties::new()
        .set_title(format!(
            "Báo cáo kết quả tuyên truyền cải cách hành chính {}",
            report.period.label
        ))
        .set_author("loa")
        .set_creation_datetime(&created))
}

fn write_table(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    prepare(sheet, &table.columns)?;
    for (index, row) in table.rows.iter().enumerate() {
        write_row(sheet, index as u32 + 1, row)?;
    }
    Ok(())
}

/// Header row, widths, frozen header.
fn prepare(sheet: &mut Worksheet, columns: &[Column]) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border(FormatBorder::Thin);
    for (index, column) in columns.iter().enumerate() {
        let index = index as u16;
        sheet.set_column_width(index, column.width)?;
        sheet.write_string_with_format(0, index, column.header, &header)?;
    }
    sheet.set_row_height(0, 32)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_row(sheet: &mut Worksheet, row_number: u32, row: &Row) -> Result<(), XlsxError> {
    for (index, cell) in row.cells.iter().enumerate() {
        let col = index as u16;
        let mut format = style(row.style);
        if index == 0 && row.indent > 0 {
            format = format.set_indent(row.indent);
        }
        match cell {
            Cell::Empty => {
                if row.style != RowStyle::Plain {
                    sheet.write_blank(row_number, col, &format)?;
                }
            }
            Cell::Text(text) => {
                sheet.write_string_with_format(row_number, col, text, &format)?;
            }
            Cell::Int(n) => {
                let format = format.set_num_format("#,##0");
                sheet.write_number_with_format(row_number, col, *n as f64, &format)?;
            }
            Cell::Minutes(m) => {
                let format = format.set_num_format("#,##0.0");
                sheet.write_number_with_format(row_number, col, *m, &format)?;
            }
            Cell::Date(day) => {
                let format = format.set_num_format("dd/mm/yyyy");
                sheet.write_datetime_with_format(row_number, col, excel_date(day)?, &format)?;
            }
            Cell::DateTime(at) => {
                let format = format.set_num_format("dd/mm/yyyy hh:mm");
                let time = at.time();
                let value = excel_date(&at.date())?.and_hms(
                    chrono::Timelike::hour(&time) as u16,
                    chrono::Timelike::minute(&time) as u8,
                    f64::from(chrono::Timelike::second(&time)),
                )?;
                sheet.write_datetime_with_format(row_number, col, value, &format)?;
            }
        }
    }
    Ok(())
}

fn style(style: RowStyle) -> Format {
    match style {
        RowStyle::Plain => Format::new(),
        RowStyle::Total => Format::new().set_bold(),
        RowStyle::Warning => Format::new().set_font_color(Color::RGB(0xC00000)),
    }
}

fn excel_date(day: &chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(
        u16::try_from(day.year()).unwrap_or(1900),
        day.month() as u8,
        day.day() as u8,
    )
}
