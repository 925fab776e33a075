//! The stations a hub serves: one `.pub` file per station, exactly as
//! `loa key show --out` writes it. A station's genesis key must be one of
//! its filed keys; nothing else makes a station known to the hub.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::airlog::key::{PublicKey, PublicKeyFile};

/// Every registered station and its filed keys.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    stations: BTreeMap<String, Vec<PublicKey>>,
}

/// Why the station registry cannot be used.
#[derive(Debug)]
pub enum RegistryError {
    /// The folder could not be listed.
    Io {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A `.pub` file is not a public key file.
    Malformed {
        /// The file.
        path: PathBuf,
    },
    /// The station id cannot be a folder of the store (empty part, `..`,
    /// a leading `.` or `_`, a backslash).
    BadStationId {
        /// The file.
        path: PathBuf,
        /// The id.
        station: String,
    },
    /// One station's folder would sit inside another's, so `loa verify`
    /// could not see both.
    NestedStations {
        /// The outer station.
        outer: String,
        /// The inner one.
        inner: String,
    },
}

impl std::error::Error for RegistryError {}

impl Registry {
    /// Reads every `*.pub` file in `dir` (other files are ignored).
    pub fn load(dir: &Path) -> Result<Self, RegistryError> {
        let io = |source| RegistryError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|e| e == "pub"))
            .collect();
        paths.sort();
        let mut registry = Registry::default();
        for path in paths {
            let file = PublicKeyFile::read(&path)
                .map_err(|_| RegistryError::Malformed { path: path.clone() })?;
            if !is_store_path(&file.station) {
                return Err(RegistryError::BadStationId {
                    path,
                    station: file.station,
                });
            }
            registry.add(file);
        }
        registry.refuse_nesting()?;
        Ok(registry)
    }

    /// Adds a filed key (a station may have several).
    pub fn add(&mut self, file: PublicKeyFile) {
        let keys = self.stations.entry(file.station).or_default();
        if !keys.contains(&file.key) {
            keys.push(file.key);
        }
    }

    /// The filed keys of `station`, if it is registered.
    pub fn keys(&self, station: &str) -> Option<&[PublicKey]> {
        self.stations.get(station).map(Vec::as_slice)
    }

    /// Every registered station id, sorted.
    pub fn stations(&self) -> impl Iterator<Item = &str> {
        self.stations.keys().map(String::as_str)
    }

    /// How many stations are registered.
    pub fn len(&self) -> usize {
        self.stations.len()
    }

    /// Whether no station is registered.
    pub fn is_empty(&self) -> bool {
        self.stations.is_empty()
    }

    /// The registry as the verifier's filed keys.
    pub fn filed_keys(&self) -> Vec<PublicKeyFile> {
        self.stations
            .iter()
            .flat_map(|(station, keys)| {
                keys.iter().map(|key| PublicKeyFile {
                    station: station.clone(),
                    key: *key,
                })
            })
            .collect()
    }

    fn refuse_nesting(&self) -> Result<(), RegistryError> {
        let ids: Vec<&String> = self.stations.keys().collect();
        for pair in ids.windows(2) {
            if let [outer, inner] = pair
                && inner.starts_with(&format!("{outer}/"))
            {
                return Err(RegistryError::NestedStations {
                    outer: outer.to_string(),
                    inner: inner.to_string(),
                });
            }
        }
        Ok(())
    }
}

/// Whether a station id can name a folder under the store: `/`-separated
/// parts, none empty, `.` or `..`, none starting with `.` (hidden) and the
/// first not starting with `_` (the hub's own folders, e.g. `_conflicts`).
pub fn is_store_path(station: &str) -> bool {
    let mut parts = station.split('/');
    let first_ok = parts.clone().next().is_some_and(|p| !p.starts_with('_'));
    first_ok
        && parts.all(|part| {
            !part.is_empty()
                && !part.starts_with('.')
                && !part.contains(['\\', '\0'])
                && !part.chars().any(char::is_control)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_paths_cannot_escape_or_hide() {
        assert!(is_store_path("soc-trang/my-xuyen/thanh-phu"));
        assert!(is_store_path("xa-an-hiep"));
        for bad in [
            "",
            "a//b",
            "../x",
            "a/..",
            ".hidden",
            "_conflicts",
            "a\\b",
            "/abs",
        ] {
            assert!(!is_store_path(bad), "{bad}");
        }
    }

    #[test]
    fn a_station_inside_another_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = crate::airlog::PublicKey::of(&ed25519_dalek::SigningKey::from_bytes(&[1; 32]));
        for (file, station) in [("a.pub", "tinh/huyen"), ("b.pub", "tinh/huyen/xa")] {
            PublicKeyFile {
                station: station.into(),
                key,
            }
            .write(&dir.path().join(file))
            .expect("write");
        }
        assert!(matches!(
            Registry::load(dir.path()),
            Err(RegistryError::NestedStations { .. })
        ));
    }
}
