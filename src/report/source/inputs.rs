//! What a path on the command line holds: a station's log directory, an
//! export bundle, or a folder of them (a district's collection of its
//! communes' bundles, or a tree of log directories), searched a few levels
//! deep. `loa verify` and `loa report` both read paths this way.

use std::path::{Path, PathBuf};

use chrono_tz::Tz;

use crate::airlog::verify::{DirSource, LogSource};

use crate::report::bundle::{Bundle, BundleError};
use crate::report::catalogue::Catalogue;

/// How deep a folder of logs and bundles is searched.
const MAX_DEPTH: usize = 6;

/// One station's log (or a slice of it), ready to verify and count.
pub struct Input {
    /// Where the records are.
    pub source: Box<dyn LogSource + Send + Sync>,
    /// The station's time zone.
    pub zone: Tz,
    /// The topic catalogue it carries (bundles).
    pub catalogue: Option<Catalogue>,
    /// The station's name it carries (bundles from version 2, or the
    /// configured station's own log).
    pub name: Option<String>,
}

/// Why a path could not be read as logs.
#[derive(Debug)]
pub enum InputError {
    /// A folder could not be listed.
    Io {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A bundle could not be opened.
    Bundle(BundleError),
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Bundle(e) => Some(e),
        }
    }
}

/// The logs at `path`; directories take `zone` (a bundle names its own).
/// Empty when there are none.
pub fn inputs_at(path: &Path, zone: Tz) -> Result<Vec<Input>, InputError> {
    let mut inputs = Vec::new();
    collect(path, zone, 0, &mut inputs)?;
    Ok(inputs)
}

fn bundle_input(path: &Path) -> Result<Input, InputError> {
    let bundle = Bundle::open(path).map_err(InputError::Bundle)?;
    Ok(Input {
        zone: bundle.timezone(),
        catalogue: bundle.catalogue.clone(),
        name: bundle.manifest.station_name.clone(),
        source: Box::new(bundle),
    })
}

fn collect(path: &Path, zone: Tz, depth: usize, out: &mut Vec<Input>) -> Result<(), InputError> {
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.is_file() {
        match bundle_input(path) {
            Ok(input) => out.push(input),
            // A damaged bundle among many is listed as unreadable, so one
            // commune's broken file does not stop the district's report.
            Err(InputError::Bundle(error)) if depth > 0 => out.push(Input {
                source: Box::new(Unreadable {
                    label: path.display().to_string(),
                    error: error.to_string(),
                }),
                zone,
                catalogue: None,
                name: None,
            }),
            Err(error) => return Err(error),
        }
        return Ok(());
    }
    let here = DirSource::open(path).map_err(io)?;
    if !here.is_empty() {
        out.push(Input {
            source: Box::new(here),
            zone,
            catalogue: None,
            name: None,
        });
        return Ok(());
    }
    if depth == MAX_DEPTH {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for entry in entries {
        let is_tar = entry.extension().is_some_and(|e| e == "tar");
        if entry.is_dir() || (entry.is_file() && is_tar) {
            collect(&entry, zone, depth + 1, out)?;
        }
    }
    Ok(())
}

/// A bundle that could not be opened, as a source whose only file cannot
/// be read: the verifier reports it, with the reason, and it is not counted.
struct Unreadable {
    label: String,
    error: String,
}

impl LogSource for Unreadable {
    fn label(&self) -> String {
        self.label.clone()
    }

    fn part_names(&self) -> Vec<String> {
        vec![self.label.clone()]
    }

    fn open_part(&self, _: usize) -> std::io::Result<Box<dyn std::io::Read + '_>> {
        Err(std::io::Error::other(self.error.clone()))
    }
}
