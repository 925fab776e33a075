//! Officers' accounts: one line per officer, `name:argon2id-hash`, written
//! by `loa hub user add`. Passwords are only ever kept as argon2id hashes
//! (PHC strings, each with its own salt).

use std::path::{Path, PathBuf};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Why the accounts file cannot be changed.
#[derive(Debug)]
pub enum UserError {
    /// The file could not be read or written.
    Io {
        /// The accounts file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not a usable account name.
    BadName {
        /// As given.
        name: String,
    },
    /// An empty password, or one too short to guard the province's data.
    WeakPassword,
    /// The hash could not be made.
    Hash(String),
}

impl std::error::Error for UserError {}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Whether `name` can be an account: 1–64 of `a-z 0-9 . _ -`.
pub fn is_account_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// Adds `name` with `password`, or replaces its password.
pub fn add_user(path: &Path, name: &str, password: &str) -> Result<(), UserError> {
    if !is_account_name(name) {
        return Err(UserError::BadName { name: name.into() });
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(UserError::WeakPassword);
    }
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| UserError::Hash(e.to_string()))?
        .to_string();
    let io = |source| UserError::Io {
        path: path.to_path_buf(),
        source,
    };
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(e)),
    };
    let mut out: String = existing
        .lines()
        .filter(|line| line.split_once(':').is_none_or(|(n, _)| n != name))
        .map(|line| format!("{line}\n"))
        .collect();
    out.push_str(&format!("{name}:{hash}\n"));
    crate::hub::store::replace_file_durably(path, out.as_bytes(), 0o600).map_err(io)
}

/// Whether `password` is `name`'s. Reads the file each time, so an account
/// added while the hub runs works at once.
pub fn check_password(path: &Path, name: &str, password: &str) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Some(stored) = text
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(n, _)| *n == name)
        .map(|(_, hash)| hash.to_string())
    else {
        return false;
    };
    PasswordHash::new(&stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_kept_as_an_argon2id_hash_and_checks() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("users");
        add_user(&path, "can-bo", "mat-khau-dai-du").expect("add");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("can-bo:$argon2id$"), "{text}");
        assert!(!text.contains("mat-khau-dai-du"));
        assert!(check_password(&path, "can-bo", "mat-khau-dai-du"));
        assert!(!check_password(&path, "can-bo", "sai-mat-khau!"));
        assert!(!check_password(&path, "nguoi-khac", "mat-khau-dai-du"));
        add_user(&path, "can-bo", "mat-khau-moi-hon").expect("replace");
        assert!(!check_password(&path, "can-bo", "mat-khau-dai-du"));
        assert!(check_password(&path, "can-bo", "mat-khau-moi-hon"));
        assert!(matches!(
            add_user(&path, "Ai Do", "mat-khau-dai-du"),
            Err(UserError::BadName { .. })
        ));
        assert!(matches!(
            add_user(&path, "ngan", "ngan"),
            Err(UserError::WeakPassword)
        ));
    }
}
