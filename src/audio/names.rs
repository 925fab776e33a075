//! Finding a segment file by the name a playlist gives it, whatever Unicode
//! normal form either side is in.
//!
//! Vietnamese letters such as "ệ" can be stored as one code point (NFC, what
//! most Windows and Linux editors type) or as a letter plus combining marks
//! (NFD, what macOS file systems and some archive tools write). Linux file
//! names are bytes, so `bản tin.mp3` typed in a playlist does not open a file
//! copied from a Mac under the same visible name. Both sides are compared
//! after NFC normalisation.

use std::fs;
use std::path::{Component, Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// Finds the entry under `dir` whose name equals `name` once both are in
/// NFC. `name` may have several `/`-separated parts (`tin-tuc/bản tin.mp3`),
/// each resolved in turn; an exact match is preferred, so a name that is
/// already right costs one `stat`. `None` if nothing matches.
pub fn resolve_name(dir: &Path, name: &str) -> Option<PathBuf> {
    let mut resolved = dir.to_path_buf();
    for component in Path::new(name).components() {
        match component {
            Component::Normal(part) => {
                let part = part.to_str()?;
                resolved = find_entry(&resolved, part)?;
            }
            other => resolved.push(other.as_os_str()),
        }
    }
    resolved.exists().then_some(resolved)
}

/// The path of the entry of `dir` named `part` under NFC.
fn find_entry(dir: &Path, part: &str) -> Option<PathBuf> {
    let exact = dir.join(part);
    if fs::symlink_metadata(&exact).is_ok() {
        return Some(exact);
    }
    fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|entry_name| entry_name.nfc().eq(part.nfc()))
        })
        .map(|entry| dir.join(entry.file_name()))
}
