//! Messages of the daemon (`loa run`).

use std::fmt;

use crate::daemon::DaemonError;
use crate::tr;

impl fmt::Display for DaemonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Key(_) => f.write_str(&tr!("daemon-key-unusable")),
            Self::Log(_) => f.write_str(&tr!("daemon-log-unusable")),
        }
    }
}

/// What `loa run` prints once the station is up.
pub fn daemon_started(
    plan: &crate::plan::Plan,
    startup: &crate::daemon::Startup,
    next: Option<&crate::selection::ReadyAiring>,
) -> String {
    let on_air = tr!(
        "daemon-on-air",
        name = plan.station.name.as_str(),
        id = plan.station.id.as_str()
    );
    let mut out = format!("loa: {on_air}\n");
    if let Some(fingerprint) = &startup.generated_key {
        let key = tr!(
            "daemon-new-key",
            path = plan.station.key_path.display().to_string(),
            fingerprint = fingerprint.to_string()
        );
        out.push_str(&format!("loa: {key}\n"));
    }
    if let Some(torn) = &startup.log.torn_tail {
        let torn = tr!("daemon-torn-tail", bytes = torn.length.to_string());
        out.push_str(&format!("loa: {torn}\n"));
    }
    let next = match next {
        Some(airing) => tr!(
            "daemon-next",
            airing = super::airing_headline(airing, plan.station.timezone)
        ),
        None => tr!("daemon-next-none"),
    };
    out.push_str(&format!("{next}\n"));
    out
}

/// Why `loa play` cannot air.
#[derive(Debug)]
pub enum PlayError {
    /// No slot of that name.
    UnknownSlot {
        /// The name given.
        slot: String,
        /// The slots there are.
        known: Vec<String>,
    },
    /// The slot has nothing valid to air today.
    NothingValid {
        /// The slot.
        slot: String,
    },
    /// Neither a slot nor a file was named.
    NothingToPlay,
    /// `--now`, and no daemon answers on its socket.
    NoDaemon {
        /// The socket tried.
        socket: std::path::PathBuf,
    },
    /// The daemon refused the announcement.
    Refused(String),
    /// `loa play` ran, and not one sample reached the output.
    NothingAired {
        /// The output it aired to.
        output: String,
        /// What the output said, when it said something.
        reason: Option<String>,
    },
}

impl std::error::Error for PlayError {}

impl fmt::Display for PlayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::UnknownSlot { slot, known } => tr!(
                "play-unknown-slot",
                slot = format!("{slot:?}"),
                known = known.join(", ")
            ),
            Self::NothingValid { slot } => {
                tr!("play-nothing-valid", slot = format!("{slot:?}"))
            }
            Self::NothingToPlay => tr!("play-nothing-to-play"),
            Self::NoDaemon { socket } => {
                tr!("play-no-daemon", socket = socket.display().to_string())
            }
            Self::Refused(reason) => tr!("play-refused", reason = super::reason::logged(reason)),
            Self::NothingAired { output, reason } => {
                let output = format!("{output:?}");
                match reason {
                    Some(reason) => tr!(
                        "play-nothing-aired-because",
                        output = output,
                        reason = super::reason::logged(reason)
                    ),
                    None => tr!("play-nothing-aired", output = output),
                }
            }
        };
        f.write_str(&text)
    }
}

/// "completed; 11m40s aired": how an airing went.
pub fn outcome_summary(report: &crate::playout::report::AiringReport) -> String {
    use crate::playout::report::AiringOutcome;
    let aired: std::time::Duration = report.segments.iter().map(|s| s.aired).sum();
    let how = match &report.outcome {
        AiringOutcome::Completed => tr!("outcome-completed"),
        AiringOutcome::CutAtMax => tr!("outcome-cut-at-max"),
        AiringOutcome::Interrupted(reason) => tr!(
            "outcome-interrupted",
            reason = super::reason::logged(reason)
        ),
        AiringOutcome::Failed(reason) => {
            tr!("outcome-failed", reason = super::reason::logged(reason))
        }
    };
    let dead_air: std::time::Duration = report
        .segments
        .iter()
        .filter_map(|s| match &s.outcome {
            crate::playout::report::SegmentOutcome::DeadAir(dead) => Some(dead.silent),
            _ => None,
        })
        .sum();
    let aired = tr!(
        "outcome-aired",
        length = crate::config::format_duration(aired)
    );
    if dead_air.is_zero() {
        format!("{how}; {aired}")
    } else {
        let dead_air = tr!(
            "outcome-dead-air",
            length = crate::config::format_duration(dead_air)
        );
        format!("{how}; {aired}; {dead_air}")
    }
}

/// Why a relay airing carried nothing of its stream when the stream
/// reported no failure (it connected too late, or gave no audio), as the
/// airing log holds it.
pub fn relay_never_came() -> String {
    super::reason::for_the_log("reason-relay-never-came", &[])
}

/// What `loa play --now` prints once the daemon has queued it.
pub fn announcement_queued(priority: &str, segments: u64, length_ms: u64, ahead: u64) -> String {
    let (kind, when) = match priority {
        "emergency" => ("announcement-emergency", "announcement-when-emergency"),
        "priority" => ("announcement-priority", "announcement-when-priority"),
        _ => ("announcement-normal", "announcement-when-normal"),
    };
    let place = match ahead {
        0 => tr!("announcement-first"),
        n => tr!("announcement-behind", ahead = n.to_string()),
    };
    tr!(
        "announcement-queued",
        kind = tr!(kind),
        place = place,
        segments = segments.to_string(),
        length = crate::config::format_duration(std::time::Duration::from_millis(length_ms)),
        when = tr!(when)
    )
}

/// What `loa play` prints when the airing is over.
pub fn play_outcome(report: &crate::playout::report::AiringReport) -> String {
    tr!("play-outcome", outcome = outcome_summary(report))
}

/// "4 segments, 11m40s": an upcoming airing in a line.
pub fn airing_summary(airing: &crate::selection::ReadyAiring) -> String {
    if let Some(url) = &airing.relay {
        return tr!("airing-summary-relay", url = url.as_str());
    }
    tr!(
        "airing-summary",
        count = airing.segments.len().to_string(),
        length = crate::config::format_duration(airing.total())
    )
}

/// "missed: loa was not running".
pub fn missed_summary(reason: &crate::airlog::record::MissReason) -> String {
    tr!("missed-summary", reason = reason.to_string())
}

/// The note `loa status` and `loa play --now` add when the config on disk
/// does not parse: the daemon keeps airing under the last valid plan.
pub fn config_on_disk_has_errors(
    config: &std::path::Path,
    problem: &crate::config::StationFileProblem,
) -> String {
    let detail = problem.to_string();
    let first_line = detail
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(&detail);
    tr!(
        "config-on-disk-has-errors",
        path = config.display().to_string(),
        detail = first_line.trim()
    )
}
