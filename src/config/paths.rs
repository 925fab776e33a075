//! Finding a segment's file inside the playlists folder, safely and whatever
//! Unicode form (NFC or NFD) its Vietnamese name was stored in.

use std::path::{Component, Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::problem::Escape;
use crate::audio::resolve_name;

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
    for component in relative_path.components() {
        match component {
            Component::ParentDir => return Err(Unresolved::Escapes(Escape::ParentDir)),
            Component::RootDir | Component::Prefix(_) => {
                return Err(Unresolved::Escapes(Escape::Absolute));
            }
            Component::Normal(_) | Component::CurDir => {}
        }
    }
    let resolved = resolve_name(root, relative).ok_or(Unresolved::Missing)?;
    let real = real_path_inside(root, &resolved)
        .map_err(|_| Unresolved::Missing)?
        .ok_or(Unresolved::Escapes(Escape::Symlink))?;
    if !real.is_file() {
        return Err(Unresolved::Missing);
    }
    Ok(resolved)
}

/// Where `path` really is (links followed), if that is inside `root`'s
/// real location; `None` if it leads outside. A link in the playlists
/// folder must not make loa read (or show) a file from elsewhere, so every
/// file loa opens there is checked with this first. `Err` if either
/// cannot be resolved (vanished, a dangling link).
pub fn real_path_inside(root: &Path, path: &Path) -> std::io::Result<Option<PathBuf>> {
    let real_root = root.canonicalize()?;
    let real = path.canonicalize()?;
    Ok(real.starts_with(&real_root).then_some(real))
}
