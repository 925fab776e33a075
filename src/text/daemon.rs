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

/// What `loa run` prints once the station is up.
pub fn daemon_started(
    plan: &crate::plan::Plan,
    startup: &crate::daemon::Startup,
    next: Option<&crate::selection::Airing>,
) -> String {
    let mut out = format!(
        "loa: {} ({}) on the air\n",
        plan.station.name, plan.station.id
    );
    if let Some(fingerprint) = &startup.generated_key {
        out.push_str(&format!(
            "loa: new signing key {} — fingerprint {fingerprint}; back it up and send `loa key show` to the district\n",
            plan.station.key_path.display()
        ));
    }
    if let Some(torn) = &startup.log.torn_tail {
        out.push_str(&format!(
            "loa: the airing log ended in a torn record ({} bytes), moved aside and recorded\n",
            torn.length
        ));
    }
    match next {
        Some(airing) => out.push_str(&format!(
            "next: {}\n",
            super::airing_headline(airing, plan.station.timezone)
        )),
        None => out.push_str("next: nothing scheduled in the coming days\n"),
    }
    out
}
