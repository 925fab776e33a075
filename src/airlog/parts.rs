//! The month files a log directory holds, and their order.
//!
//! `air-2021-03.jsonl` holds the records written while March 2021 (UTC)
//! was the newest month the log had seen; `air-2021-03.2.jsonl` continues it
//! when the writer had to leave a damaged file behind. Files sort by
//! (year, month, part) and the chain runs through them in that order.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};

/// Where one month file sits in the order of a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartName {
    /// Year (UTC).
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// 1 for the month's first file, 2 and up for continuations.
    pub part: u32,
}

impl PartName {
    /// The first file of the month `at` falls in (UTC).
    pub fn month_of(at: DateTime<Utc>) -> Self {
        Self {
            year: at.year(),
            month: at.month(),
            part: 1,
        }
    }

    /// The next continuation file of the same month.
    pub fn next_part(self) -> Self {
        Self {
            part: self.part + 1,
            ..self
        }
    }

    /// Whether both name the same month.
    pub fn same_month(self, other: Self) -> bool {
        (self.year, self.month) == (other.year, other.month)
    }

    /// The file name, e.g. `air-2021-03.jsonl` or `air-2021-03.2.jsonl`.
    pub fn file_name(self) -> String {
        if self.part == 1 {
            format!("air-{:04}-{:02}.jsonl", self.year, self.month)
        } else {
            format!("air-{:04}-{:02}.{}.jsonl", self.year, self.month, self.part)
        }
    }

    /// Reads a file name written by [`PartName::file_name`]; other names
    /// (quarantine files, the lock file, notes) are not parts of the log.
    pub fn parse(name: &str) -> Option<Self> {
        let middle = name.strip_prefix("air-")?.strip_suffix(".jsonl")?;
        let (month_text, part) = match middle.split_once('.') {
            None => (middle, 1),
            Some((month_text, part)) => (month_text, parse_digits(part)?),
        };
        let (year, month) = month_text.split_once('-')?;
        let parsed = Self {
            year: i32::try_from(parse_digits(year)?).ok()?,
            month: parse_digits(month)?,
            part,
        };
        let valid = year.len() == 4 && month.len() == 2 && (1..=12).contains(&parsed.month);
        let canonical = parsed.part >= 1 && parsed.file_name() == name;
        (valid && canonical).then_some(parsed)
    }
}

fn parse_digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// One month file of a log: its place and its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its place in the order.
    pub name: PartName,
    /// Where it is.
    pub path: PathBuf,
}

/// The month files of `dir`, in chain order. A missing directory has none.
pub fn list_parts(dir: &Path) -> std::io::Result<Vec<Part>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut parts = Vec::new();
    for entry in entries {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().and_then(PartName::parse) else {
            continue;
        };
        if entry.file_type()?.is_file() {
            parts.push(Part {
                name,
                path: entry.path(),
            });
        }
    }
    parts.sort_by_key(|part| part.name);
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_sort_in_chain_order() {
        let march = PartName::parse("air-2021-03.jsonl").unwrap();
        let march2 = PartName::parse("air-2021-03.2.jsonl").unwrap();
        let april = PartName::parse("air-2021-04.jsonl").unwrap();
        assert!(march < march2 && march2 < april);
        assert_eq!(march2.file_name(), "air-2021-03.2.jsonl");
        for other in [
            "air-2021-3.jsonl",
            "air-2021-13.jsonl",
            "air-2021-03.1.jsonl",
            "air-2021-03.02.jsonl",
            "air-2021-03.jsonl.torn",
            ".lock",
        ] {
            assert_eq!(PartName::parse(other), None, "{other}");
        }
    }
}
