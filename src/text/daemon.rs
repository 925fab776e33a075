//! Messages of the daemon (`loa run`).

use std::fmt;

use crate::daemon::DaemonError;

impl fmt::Display for DaemonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Key(_) => write!(f, "the station's signing key cannot be used"),
            Self::Log(_) => write!(f, "the airing log cannot be used"),
        }
    }
}
