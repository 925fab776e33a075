//! A report view as a table of typed cells: what the workbook, the CSV
//! files and the printable report all render, so they cannot disagree.

use chrono::{NaiveDate, NaiveDateTime};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A count.
    Int(u64),
    /// Minutes, to a tenth.
    Minutes(f64),
    /// A day.
    Date(NaiveDate),
    /// A local date and time.
    DateTime(NaiveDateTime),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Self {
        Cell::Int(n)
    }
}

impl Cell {
    /// The cell as plain text (CSV): numbers without grouping, minutes with
    /// one decimal and a point, dates ISO.
    pub fn plain(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Minutes(m) => format!("{m:.1}"),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        }
    }

    /// The cell as a Vietnamese document shows it: `1.234`, `12,5`,
    /// `05/03/2021`.
    pub fn display(&self) -> String {
        match self {
            Cell::Int(n) => group_thousands(*n),
            Cell::Minutes(m) => {
                let tenths = (m * 10.0).round() as u64;
                format!("{},{}", group_thousands(tenths / 10), tenths % 10)
            }
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::DateTime(t) => t.format("%d/%m/%Y %H:%M").to_string(),
            _ => self.plain(),
        }
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A column: its header and how wide it is in a workbook (characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header (Vietnamese).
    pub header: &'static str,
    /// Width in characters.
    pub width: f64,
}

/// How a row stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowStyle {
    /// An ordinary row.
    #[default]
    Plain,
    /// A total or subtotal (bold).
    Total,
    /// A row that needs attention (a log that did not verify).
    Warning,
}

/// A row of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// The cells, one per column.
    pub cells: Vec<Cell>,
    /// Its style.
    pub style: RowStyle,
    /// Indentation of the first text cell (roll-up depth).
    pub indent: u8,
}

impl Row {
    /// A plain row.
    pub fn plain(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            ..Self::default()
        }
    }

    /// A total row.
    pub fn total(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            style: RowStyle::Total,
            indent: 0,
        }
    }
}

/// A view of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Its machine name (`topics`): `--view`, CSV file names.
    pub name: &'static str,
    /// Its sheet name in the workbook (at most 31 characters).
    pub sheet: &'static str,
    /// Its title in the printable report.
    pub title: &'static str,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Row>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_vietnamese_way() {
        assert_eq!(Cell::Int(1_234_567).display(), "1.234.567");
        assert_eq!(Cell::Int(12).display(), "12");
        assert_eq!(Cell::Minutes(1234.56).display(), "1.234,6");
        assert_eq!(Cell::Minutes(0.04).display(), "0,0");
        assert_eq!(Cell::Minutes(1234.56).plain(), "1234.6");
    }
}
