//! The station's signing key: creating it safely, refusing to use it when
//! others could read it (as OpenSSH does), its public half and fingerprint,
//! and the `.pub` file the Department files.
//!
//! Secret key file (`[station] key`), exactly two lines:
//! `loa-ed25519-secret-key-v1` and the 32-byte seed in base64.
//! Public key file: one line `loa-ed25519 <base64 key> <station id>`.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::b64;
use super::error::KeyError;
use super::hash::Sha256Hash;

const SECRET_HEADER: &str = "loa-ed25519-secret-key-v1";
const PUBLIC_TAG: &str = "loa-ed25519";

/// An Ed25519 public key as the log and `.pub` files carry it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(pub [u8; 32]);

impl PublicKey {
    /// The public half of a signing key.
    pub fn of(key: &SigningKey) -> Self {
        Self(key.verifying_key().to_bytes())
    }

    /// `SHA256:` and the unpadded base64 of the key's SHA-256, the short
    /// form a technician reads out over the phone to the Department.
    pub fn fingerprint(&self) -> String {
        use base64::Engine;
        let digest = Sha256Hash::of_bytes(&self.0);
        format!(
            "SHA256:{}",
            base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest.0)
        )
    }

    /// The key in strict base64.
    pub fn to_base64(&self) -> String {
        b64::encode(&self.0)
    }

    /// A key that can check signatures, or `None` for bytes that are not a
    /// usable key (not a curve point, or of small order).
    pub fn verifying_key(&self) -> Option<VerifyingKey> {
        let key = VerifyingKey::from_bytes(&self.0).ok()?;
        (!key.is_weak()).then_some(key)
    }
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PublicKey({})", self.to_base64())
    }
}

impl Serialize for PublicKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        b64::decode_array::<32>(text.as_bytes())
            .map(Self)
            .ok_or_else(|| serde::de::Error::custom("expected a 32-byte key in base64"))
    }
}

/// A public key file: which station and which key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKeyFile {
    /// The station the key belongs to.
    pub station: String,
    /// The key.
    pub key: PublicKey,
}

impl PublicKeyFile {
    /// The file's one line, newline included.
    pub fn to_line(&self) -> String {
        format!("{PUBLIC_TAG} {} {}\n", self.key.to_base64(), self.station)
    }

    /// Reads a `.pub` file written by `loa key show --out`.
    pub fn read(path: &Path) -> Result<Self, KeyError> {
        let text = fs::read_to_string(path).map_err(|source| KeyError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text).ok_or_else(|| KeyError::MalformedPublic {
            path: path.to_path_buf(),
        })
    }

    /// Reads a `.pub` file of one or more lines, each a station's filed
    /// key (§4.1): an officer's keyring is the stations' files put one
    /// after the other (`cat *.pub > keyring.pub`).
    pub fn read_keyring(path: &Path) -> Result<Vec<Self>, KeyError> {
        let malformed = || KeyError::MalformedPublic {
            path: path.to_path_buf(),
        };
        let text = fs::read_to_string(path).map_err(|source| KeyError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let body = text.strip_suffix('\n').unwrap_or(&text);
        body.split('\n')
            .map(|line| Self::parse_line(line).ok_or_else(malformed))
            .collect()
    }

    fn parse(text: &str) -> Option<Self> {
        Self::parse_line(text.strip_suffix('\n').unwrap_or(text))
    }

    /// One line without its LF: `loa-ed25519 KEY STATION`, the station
    /// being the rest of the line (it may hold spaces).
    fn parse_line(line: &str) -> Option<Self> {
        let mut words = line.splitn(3, ' ');
        if words.next()? != PUBLIC_TAG {
            return None;
        }
        let key = PublicKey(b64::decode_array::<32>(words.next()?.as_bytes())?);
        let station = words.next()?;
        let valid_station = !station.is_empty() && !station.chars().any(char::is_control);
        (valid_station && key.verifying_key().is_some()).then(|| Self {
            station: station.to_string(),
            key,
        })
    }

    /// Writes the file (replacing an older copy).
    pub fn write(&self, path: &Path) -> Result<(), KeyError> {
        fs::write(path, self.to_line()).map_err(|source| KeyError::Io {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Creates a new key at `path` (mode 0600, in a directory only its owner can
/// write), and never replaces an existing one: a lost key can be rotated, an
/// overwritten one cannot.
pub fn generate_key(path: &Path) -> Result<SigningKey, KeyError> {
    let io = |source| KeyError::Io {
        path: path.to_path_buf(),
        source,
    };
    if fs::symlink_metadata(path).is_ok() {
        return Err(KeyError::Exists {
            path: path.to_path_buf(),
        });
    }
    let dir = parent_dir(path);
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .map_err(io)?;
    check_directory(&dir)?;
    let key = fresh_key().map_err(io)?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let written = write_secret(&tmp, &key).and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(KeyError::Exists {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(io(e)),
    }
    File::open(&dir).and_then(|d| d.sync_all()).map_err(io)?;
    Ok(key)
}

/// Loads the key at `path`, generating it first when there is none; the
/// daemon's first start. The flag says whether it was generated.
pub fn load_or_generate_key(path: &Path) -> Result<(SigningKey, bool), KeyError> {
    match fs::symlink_metadata(path) {
        Ok(_) => load_signing_key(path).map(|key| (key, false)),
        Err(_) => generate_key(path).map(|key| (key, true)),
    }
}

/// Loads the key at `path`, refusing a file that group or others can read,
/// that another user owns, or that sits in a directory others can write.
pub fn load_signing_key(path: &Path) -> Result<SigningKey, KeyError> {
    let io = |source| KeyError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(KeyError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    check_owner(path, meta.uid())?;
    if meta.mode() & 0o077 != 0 {
        return Err(KeyError::TooOpen {
            path: path.to_path_buf(),
            mode: meta.mode() & 0o777,
        });
    }
    check_directory(&parent_dir(path))?;
    let mut text = Vec::with_capacity(80);
    Read::by_ref(&mut file)
        .take(4096)
        .read_to_end(&mut text)
        .map_err(io)?;
    let key = parse_secret(&text);
    text.fill(0);
    key.ok_or_else(|| KeyError::MalformedSecret {
        path: path.to_path_buf(),
    })
}

fn parse_secret(text: &[u8]) -> Option<SigningKey> {
    let rest = text.strip_prefix(SECRET_HEADER.as_bytes())?;
    let rest = rest.strip_prefix(b"\n")?;
    let encoded = rest.strip_suffix(b"\n")?;
    let mut seed = b64::decode_array::<32>(encoded)?;
    let key = SigningKey::from_bytes(&seed);
    seed.fill(0);
    Some(key)
}

fn write_secret(path: &Path, key: &SigningKey) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    let mut text = format!("{SECRET_HEADER}\n{}\n", b64::encode(key.as_bytes())).into_bytes();
    let written = file.write_all(&text).and_then(|()| file.sync_all());
    text.fill(0);
    written
}

/// 32 bytes from the operating system's generator.
fn fresh_key() -> std::io::Result<SigningKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| std::io::Error::other(e.to_string()))?;
    let key = SigningKey::from_bytes(&seed);
    seed.fill(0);
    Ok(key)
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn check_owner(path: &Path, owner: u32) -> Result<(), KeyError> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if owner == me {
        Ok(())
    } else {
        Err(KeyError::WrongOwner {
            path: path.to_path_buf(),
            owner,
            me,
        })
    }
}

fn check_directory(dir: &Path) -> Result<(), KeyError> {
    let meta = fs::metadata(dir).map_err(|source| KeyError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    if meta.mode() & 0o022 != 0 {
        return Err(KeyError::DirectoryWritable {
            dir: dir.to_path_buf(),
            mode: meta.mode() & 0o777,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_key_file_round_trips() {
        let key = SigningKey::from_bytes(&[3; 32]);
        let file = PublicKeyFile {
            station: "can-tho/vinh-hai".into(),
            key: PublicKey::of(&key),
        };
        assert_eq!(PublicKeyFile::parse(&file.to_line()), Some(file.clone()));
        assert_eq!(
            PublicKeyFile::parse(&file.to_line().replace(' ', "  ")),
            None
        );
    }

    #[test]
    fn secret_key_text_is_strict() {
        let key = SigningKey::from_bytes(&[9; 32]);
        let text = format!("{SECRET_HEADER}\n{}\n", b64::encode(key.as_bytes()));
        assert!(parse_secret(text.as_bytes()).is_some());
        assert!(parse_secret(text.replace('\n', "\r\n").as_bytes()).is_none());
        assert!(parse_secret(text.trim_end().as_bytes()).is_none());
    }
}
