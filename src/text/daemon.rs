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
        match self {
            Self::UnknownSlot { slot, known } => {
                write!(
                    f,
                    "there is no slot named {slot:?}; the slots are: {}",
                    known.join(", ")
                )
            }
            Self::NothingValid { slot } => write!(
                f,
                "slot {slot:?} has nothing valid to air today (expired, not yet valid or unapproved segments)"
            ),
            Self::NothingToPlay => write!(f, "name a slot, or a file with --file"),
            Self::NoDaemon { socket } => write!(
                f,
                "no loa daemon answers on {}: --now sends the announcement to the running \
                 station (start it, e.g. `systemctl start loa`); to air a file without it, use --file",
                socket.display()
            ),
            Self::Refused(reason) => write!(f, "the daemon refused the announcement: {reason}"),
            Self::NothingAired { output, reason } => {
                write!(f, "nothing aired through the output {output:?}")?;
                if let Some(reason) = reason {
                    write!(f, " ({reason})")?;
                }
                write!(
                    f,
                    ": check that the sound card is connected and switched on, and that \
                     `output =` in station.toml names it"
                )
            }
        }
    }
}

/// "completed; 11m40s aired": how an airing went.
pub fn outcome_summary(report: &crate::playout::report::AiringReport) -> String {
    use crate::playout::report::AiringOutcome;
    let aired: std::time::Duration = report.segments.iter().map(|s| s.aired).sum();
    let how = match &report.outcome {
        AiringOutcome::Completed => "completed".to_string(),
        AiringOutcome::CutAtMax => "cut at the slot's max".to_string(),
        AiringOutcome::Interrupted(reason) => format!("interrupted ({reason})"),
        AiringOutcome::Failed(reason) => format!("failed: {reason}"),
    };
    let dead_air: std::time::Duration = report
        .segments
        .iter()
        .filter_map(|s| match &s.outcome {
            crate::playout::report::SegmentOutcome::DeadAir(dead) => Some(dead.silent),
            _ => None,
        })
        .sum();
    let dead_air = if dead_air.is_zero() {
        String::new()
    } else {
        format!(
            "; DEAD AIR {} (skipped)",
            crate::config::format_duration(dead_air)
        )
    };
    format!(
        "{how}; {} aired{dead_air}",
        crate::config::format_duration(aired)
    )
}

/// Why a relay airing carried nothing of its stream when the stream
/// reported no failure (it connected too late, or gave no audio), as the
/// airing log holds it.
pub fn relay_never_came() -> String {
    super::reason::for_the_log("reason-relay-never-came", &[])
}

/// What `loa play --now` prints once the daemon has queued it.
pub fn announcement_queued(priority: &str, segments: u64, length_ms: u64, ahead: u64) -> String {
    let when = match priority {
        "emergency" => "it interrupts what is airing now (short fade), then the airing resumes",
        "priority" => "it airs when the segment airing now ends, then the airing goes on",
        _ => "it airs when nothing else is airing",
    };
    let place = match ahead {
        0 => "first in the queue".to_string(),
        n => format!("{n} announcement(s) air before it"),
    };
    format!(
        "{priority} announcement queued ({place}): {segments} segment(s), {}; {when}. \
         When it has aired, or if it cannot air (the daemon stops first), the airing log \
         records it (`loa status` shows it in the last airings).",
        crate::config::format_duration(std::time::Duration::from_millis(length_ms))
    )
}

/// What `loa play` prints when the airing is over.
pub fn play_outcome(report: &crate::playout::report::AiringReport) -> String {
    format!(
        "{}, recorded in the airing log as manual",
        outcome_summary(report)
    )
}

/// "4 segments, 11m40s": an upcoming airing in a line.
pub fn airing_summary(airing: &crate::selection::Airing) -> String {
    if let Some(url) = &airing.relay {
        return format!("relay of {}", url.as_str());
    }
    format!(
        "{} segments, {}",
        airing.segments.len(),
        crate::config::format_duration(airing.total())
    )
}

/// "missed: loa was not running".
pub fn missed_summary(reason: &crate::airlog::record::MissReason) -> String {
    format!("missed: {reason}")
}

/// The note `loa status` and `loa play --now` add when the config on disk
/// does not parse: the daemon keeps airing under the last valid plan.
pub fn config_on_disk_has_errors(config: &std::path::Path, detail: &str) -> String {
    let first_line = detail
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(detail);
    format!(
        "warning: {} has errors ({}); the running daemon keeps the last valid configuration \
         until they are fixed: `loa check` lists them",
        config.display(),
        first_line.trim()
    )
}
