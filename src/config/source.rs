//! A config file's text, kept so that problems can point at a line and column.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::problem::{Diagnostics, IoFailure, Problem};

/// One file that was read, with its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user would recognise it.
    pub path: PathBuf,
    /// The whole text, as read.
    pub text: String,
}

/// Where a config file names another file or folder: the line to show a
/// problem with it on, and the key when it is not written (a default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedAt {
    /// The key's value, else its table's header, else the file's start.
    pub location: Location,
    /// The key, when the file does not write it.
    pub unwritten_key: Option<String>,
}

/// Where a problem is: file, 1-based line and column, the line itself and
/// how many characters of it to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters (not bytes), so it matches
    /// what a text editor shows for Vietnamese text.
    pub column: usize,
    /// The offending line, without its line ending.
    pub line_text: String,
    /// How many characters to underline (at least 1).
    pub width: usize,
}

impl SourceFile {
    /// Wraps a file's text.
    pub fn new(path: &Path, text: String) -> Self {
        Self {
            path: path.to_path_buf(),
            text,
        }
    }

    /// Reads the file at `path`; one that cannot be read is an error
    /// diagnostic on the file (the one home of "cannot read", so every
    /// config file says it alike).
    pub fn read(path: &Path, d: &mut Diagnostics) -> Option<Self> {
        Self::read_or_report(path, d, |failure| {
            (Location::file_only(path), Problem::CannotRead { failure })
        })
    }

    /// Reads the file at `path`, which another file names (`topics = …` in
    /// station.toml): one that cannot be read is an error shown where
    /// `named_at` says, the line the technician fixes. `named_at` is only
    /// asked when the file cannot be read.
    pub fn read_named(
        path: &Path,
        named_at: impl FnOnce() -> NamedAt,
        d: &mut Diagnostics,
    ) -> Option<Self> {
        Self::read_or_report(path, d, |failure| {
            let named_at = named_at();
            let problem = Problem::NamedFileUnreadable {
                path: path.to_path_buf(),
                failure,
                unwritten_key: named_at.unwritten_key,
            };
            (named_at.location, problem)
        })
    }

    /// Reads the file at `path`, or reports why not where `problem` says.
    fn read_or_report(
        path: &Path,
        d: &mut Diagnostics,
        problem: impl FnOnce(IoFailure) -> (Location, Problem),
    ) -> Option<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => Some(Self::new(path, text)),
            Err(e) => {
                let (location, problem) = problem(IoFailure::from(&e));
                d.error(location, problem);
                None
            }
        }
    }

    /// The location of a byte range in this file. Out-of-range spans are
    /// clamped, so a bad span can never panic.
    pub fn locate(&self, span: Range<usize>) -> Location {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, span.end.clamp(start, self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let underlined_end = end.min(line_end).max(start);
        Location {
            path: self.path.clone(),
            line: self.text[..start].matches('\n').count() + 1,
            column: self.text[line_start..start].chars().count() + 1,
            line_text: line_text.to_string(),
            width: self.text[start..underlined_end].chars().count().max(1),
        }
    }

    /// A location for the whole file, when nothing more precise is known.
    pub fn whole(&self) -> Location {
        let mut location = self.locate(0..0);
        location.width = location.line_text.chars().count().max(1);
        location
    }
}

impl Location {
    /// A location in a file that could not be read or is not a text file.
    pub fn file_only(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            line_text: String::new(),
            width: 0,
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}
