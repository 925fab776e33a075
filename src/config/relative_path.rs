//! A path a config file names, resolved against the file's folder (the one
//! rule every file uses: playlists, topics, the log, the key, the hub's
//! certificate).

use std::path::{Path, PathBuf};

/// `base/relative` with `dir/..` pairs folded away, so messages show
/// `playlists/x.toml` rather than `config/../playlists/x.toml`. Lexical
/// only: symbolic links are judged later, where it matters.
pub fn join_clean(base: &Path, relative: &str) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in base.join(relative).components() {
        match component {
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}
