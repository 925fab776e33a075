//! Small TOML files an officer keeps beside the reports (the units file,
//! the report profile). They are read whole and every problem is located
//! (file, line, column) and worded as `loa check` words a station's
//! config, so the officer gets the same help as the technician.

use std::path::{Path, PathBuf};

use toml_edit::Document;

use super::problem::Diagnostics;
use super::source::SourceFile;

/// A side file has errors; each is located.
#[derive(Debug)]
pub struct SideFileInvalid {
    /// The file.
    pub path: PathBuf,
    /// Every problem found.
    pub diagnostics: Diagnostics,
}

impl std::error::Error for SideFileInvalid {}

/// Reads the TOML file at `path` with `read`, which records problems; any
/// error (unreadable file, syntax, what `read` found) fails the whole file.
pub fn read_side_file<T>(
    path: &Path,
    read: impl FnOnce(&SourceFile, &Document<String>, &mut Diagnostics) -> T,
) -> Result<T, SideFileInvalid> {
    let mut diagnostics = Diagnostics::default();
    let invalid = |diagnostics| SideFileInvalid {
        path: path.to_path_buf(),
        diagnostics,
    };
    let Some(source) = SourceFile::read(path, &mut diagnostics) else {
        return Err(invalid(diagnostics));
    };
    let Some(doc) = super::syntax::parse_toml(&source, &mut diagnostics) else {
        return Err(invalid(diagnostics));
    };
    let value = read(&source, &doc, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(invalid(diagnostics));
    }
    Ok(value)
}

/// Writes `text` as the file `name` in a fresh folder and reads it back
/// with `read`: how the side files' tests give them their text.
#[cfg(test)]
pub(super) fn read_written<T>(name: &str, text: &str, read: impl FnOnce(&Path) -> T) -> T {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    read(&path)
}
