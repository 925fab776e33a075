//! What `loa key` tells the technician, and why a key cannot be used.

use std::fmt;
use std::path::PathBuf;

use crate::airlog::error::KeyError;
use crate::airlog::key::PublicKeyFile;
use crate::tr;

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |path: &std::path::Path| path.display().to_string();
        let text = match self {
            Self::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
                tr!("key-error-missing", path = shown(path))
            }
            Self::Io { path, .. } => tr!("key-error-io", path = shown(path)),
            Self::Exists { path } => tr!("key-error-exists", path = shown(path)),
            Self::NotAFile { path } => tr!("key-error-not-a-file", path = shown(path)),
            Self::WrongOwner { path, owner, me } => tr!(
                "key-error-wrong-owner",
                path = shown(path),
                owner = owner.to_string(),
                me = me.to_string()
            ),
            Self::TooOpen { path, mode } => tr!(
                "key-error-too-open",
                path = shown(path),
                mode = format!("{mode:04o}")
            ),
            Self::DirectoryWritable { dir, mode } => tr!(
                "key-error-directory-writable",
                dir = shown(dir),
                mode = format!("{mode:04o}")
            ),
            Self::MalformedSecret { path } => tr!("key-error-malformed-secret", path = shown(path)),
            Self::MalformedPublic { path } => tr!("key-error-malformed-public", path = shown(path)),
        };
        f.write_str(&text)
    }
}

/// What `loa key` tells the technician.
#[derive(Debug, Clone)]
pub enum KeyMessage {
    /// A key was created.
    Generated {
        /// Where.
        path: PathBuf,
        /// Its fingerprint.
        fingerprint: String,
    },
    /// The public key, for the Department.
    Show(PublicKeyFile),
    /// The `.pub` file was written.
    PublicFileWritten {
        /// Where.
        path: PathBuf,
    },
    /// The key was rotated.
    Rotated {
        /// The old key's fingerprint.
        old: String,
        /// The new key's fingerprint.
        new: String,
    },
}

impl fmt::Display for KeyMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines = match self {
            Self::Generated { path, fingerprint } => [
                tr!("key-created", path = path.display().to_string()),
                tr!("key-fingerprint", fingerprint = fingerprint.as_str()),
                tr!("key-give-public"),
            ]
            .to_vec(),
            Self::Show(file) => [
                tr!("key-show-station", station = file.station.as_str()),
                tr!(
                    "key-show-public",
                    key = format!("loa-ed25519 {}", file.key.to_base64())
                ),
                tr!("key-fingerprint", fingerprint = file.key.fingerprint()),
            ]
            .to_vec(),
            Self::PublicFileWritten { path } => {
                vec![tr!("key-public-written", path = path.display().to_string())]
            }
            Self::Rotated { old, new } => vec![
                tr!("key-rotated", old = old.as_str(), new = new.as_str()),
                tr!("key-rotated-recorded"),
            ],
        };
        f.write_str(&lines.join("\n"))
    }
}

/// Why `loa key rotate` stopped.
#[derive(Debug)]
pub enum RotateError {
    /// The rotation record could not be written to disk.
    NotRecorded,
}

impl std::error::Error for RotateError {}

impl fmt::Display for RotateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotRecorded => f.write_str(&tr!("key-not-recorded")),
        }
    }
}
