//! Messages about the station's configuration.

use crate::config::StationFilesError;
use std::fmt;

impl fmt::Display for StationFilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { path, source } => {
                write!(
                    f,
                    "{}: cannot read the config file: {source}",
                    path.display()
                )
            }
            Self::Invalid { path, detail } => write!(
                f,
                "{}: {detail} (run `loa check -c {}` for the full list of problems)",
                path.display(),
                path.display()
            ),
        }
    }
}
