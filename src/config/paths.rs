//! Finding a segment's file inside the playlists folder, safely and whatever
//! Unicode form (NFC or NFD) its Vietnamese name was stored in.

use std::path::{Component, Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::problem::Escape;

/// Why a segment's file could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// The path is refused before looking at the disk.
    Escapes(Escape),
    /// No such file (under either normal form).
    Missing,
}

/// NFC form of a name, the form the log and reports use.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Resolves `relative` (as written in a playlist) under `root`, matching each
/// component under NFC normalisation, and refuses anything that leaves
/// `root`: `..`, absolute paths, and symbolic links pointing outside.
pub fn resolve_segment_path(root: &Path, relative: &str) -> Result<PathBuf, Unresolved> {
    let relative_path = Path::new(relative);
    if relative_path.is_absolute() || relative.starts_with('/') || relative.starts_with('\\') {
        return Err(Unresolved::Escapes(Escape::Absolute));
    }
    let mut resolved = root.to_path_buf();
    for component in relative_path.components() {
        match component {
            Component::Normal(name) => {
                let name = name.to_str().ok_or(Unresolved::Missing)?;
                resolved = find_entry(&resolved, name).ok_or(Unresolved::Missing)?;
            }
            Component::CurDir => {}
            Component::ParentDir => return Err(Unresolved::Escapes(Escape::ParentDir)),
            Component::RootDir | Component::Prefix(_) => {
                return Err(Unresolved::Escapes(Escape::Absolute));
            }
        }
    }
    let real_root = root.canonicalize().map_err(|_| Unresolved::Missing)?;
    let real = resolved.canonicalize().map_err(|_| Unresolved::Missing)?;
    if !real.starts_with(&real_root) {
        return Err(Unresolved::Escapes(Escape::Symlink));
    }
    if !real.is_file() {
        return Err(Unresolved::Missing);
    }
    Ok(resolved)
}

/// The entry of `dir` named `name`: exact match first, else the one equal to
/// it under NFC.
pub fn find_entry(dir: &Path, name: &str) -> Option<PathBuf> {
    let exact = dir.join(name);
    if exact.symlink_metadata().is_ok() {
        return Some(exact);
    }
    let wanted = nfc(name);
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .find(|entry| entry.file_name().to_str().is_some_and(|n| nfc(n) == wanted))
        .map(|entry| entry.path())
}
