//! What `loa verify` prints for people: each station's verdict and the
//! notes beside them, from the catalogue, with times in the station's own
//! time zone where the input says which (`--json` stays English codes and
//! UTC, `src/airlog/verify/json.rs`).

use std::fmt;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::airlog::verify::StationVerdict;
use crate::text::airlog::VerifyNote;
use crate::tr;

/// The zone a verdict's times are shown in, and how `loa verify` knows
/// it: an officer comparing a verdict with a station's paper log must know
/// whether 05:30 is local time or UTC.
#[derive(Debug, Clone, Copy)]
pub enum TimesIn {
    /// The zone a bundle's manifest names.
    Manifest(Tz),
    /// The zone of the station's config (its own log).
    Config(Tz),
    /// The zone `--tz` gives for log directories.
    Given(Tz),
    /// A log directory alone does not say its zone: UTC.
    Unknown,
}

impl TimesIn {
    fn zone(self) -> Tz {
        match self {
            Self::Manifest(zone) | Self::Config(zone) | Self::Given(zone) => zone,
            Self::Unknown => chrono_tz::UTC,
        }
    }

    /// `at` as a local time with its offset, to the second.
    fn show(self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.zone())
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string()
    }

    fn says(self) -> String {
        match self {
            Self::Manifest(zone) => tr!("verify-zone-manifest", zone = zone.name()),
            Self::Config(zone) => tr!("verify-zone-config", zone = zone.name()),
            Self::Given(zone) => tr!("verify-zone-given", zone = zone.name()),
            Self::Unknown => tr!("verify-zone-unknown"),
        }
    }
}

/// One station's verdict as `loa verify` prints it.
pub struct VerdictText<'a> {
    /// The verdict.
    pub verdict: &'a StationVerdict,
    /// The zone its times are shown in.
    pub times_in: TimesIn,
}

/// The labels of a verdict's lines, in the order they may appear.
const LABELS: [&str; 8] = [
    "verify-label-verdict",
    "verify-label-records",
    "verify-label-period",
    "verify-label-times",
    "verify-label-signatures",
    "verify-label-key",
    "verify-label-last-checkpoint",
    "verify-label-kept-checkpoint",
];

/// Writes `  label:  value`, labels aligned whatever the language.
fn line(f: &mut fmt::Formatter<'_>, label: &str, value: &str) -> fmt::Result {
    let width = LABELS
        .iter()
        .map(|id| tr!(*id).chars().count())
        .max()
        .unwrap_or(0);
    let label = tr!(label);
    let pad = width.saturating_sub(label.chars().count());
    writeln!(f, "  {label}:{:pad$} {value}", "")
}

impl fmt::Display for VerdictText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = self.verdict;
        let station = verdict
            .station
            .clone()
            .unwrap_or_else(|| tr!("verify-unknown-station"));
        writeln!(f, "{station}  ({})", verdict.label)?;
        line(f, "verify-label-verdict", &verdict_words(verdict))?;
        line(f, "verify-label-records", &records_words(verdict))?;
        if let Some((from, to)) = verdict.period {
            let (from, to) = (self.times_in.show(from), self.times_in.show(to));
            let period = tr!("verify-period", from = from, to = to);
            line(f, "verify-label-period", &period)?;
        }
        line(f, "verify-label-times", &self.times_in.says())?;
        let signatures = match verdict.signatures_checked {
            true => tr!("verify-signatures-checked"),
            false => tr!("verify-signatures-skipped"),
        };
        line(f, "verify-label-signatures", &signatures)?;
        for (seq, key) in &verdict.keys {
            let fingerprint = key.fingerprint();
            let key = tr!("verify-key", fingerprint = fingerprint, seq = *seq);
            line(f, "verify-label-key", &key)?;
        }
        let last_checkpoint = match verdict.last_checkpoint {
            Some((seq, at)) => tr!("verify-checkpoint", seq = seq, at = self.times_in.show(at)),
            None => tr!("verify-checkpoint-none"),
        };
        line(f, "verify-label-last-checkpoint", &last_checkpoint)?;
        for (seq, found) in &verdict.held_checkpoints {
            let state = match found {
                true => tr!("verify-kept-contained", seq = *seq),
                false => tr!("verify-kept-missing", seq = *seq),
            };
            line(f, "verify-label-kept-checkpoint", &state)?;
        }
        problems(f, verdict)
    }
}

fn verdict_words(verdict: &StationVerdict) -> String {
    if !verdict.is_ok() {
        let count = verdict.problems.len() as u64 + verdict.more_problems;
        return tr!("verify-failed", count = count);
    }
    match verdict.origin_checked {
        true => tr!("verify-ok-filed"),
        false => tr!("verify-ok-unfiled"),
    }
}

fn records_words(verdict: &StationVerdict) -> String {
    let records = verdict.records;
    match (verdict.head, verdict.first_seq) {
        (Some((last, _)), Some(first)) => tr!(
            "verify-records-slice",
            records = records,
            first = first,
            last = last
        ),
        (Some((last, _)), None) => tr!("verify-records-whole", records = records, last = last),
        (None, _) => tr!("verify-records-none"),
    }
}

fn problems(f: &mut fmt::Formatter<'_>, verdict: &StationVerdict) -> fmt::Result {
    if !verdict.problems.is_empty() {
        writeln!(f, "  {}", tr!("verify-problems"))?;
    }
    for problem in &verdict.problems {
        let place = match (problem.file.is_empty(), problem.line) {
            (true, _) => tr!("verify-problem-in-log"),
            (false, Some(line)) => format!("{}:{line}", problem.file),
            (false, None) => problem.file.clone(),
        };
        let place = match problem.seq {
            Some(seq) => tr!("verify-problem-record", place = place, seq = seq),
            None => place,
        };
        writeln!(f, "    {place}: {}", problem.kind)?;
    }
    if verdict.more_problems > 0 {
        let more = tr!("verify-more-problems", count = verdict.more_problems);
        writeln!(f, "    {more}")?;
    }
    Ok(())
}

impl fmt::Display for VerifyNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::NoLog { path } => tr!("verify-no-log", path = path.display().to_string()),
            Self::CheckpointUnmatched { station, seq } => tr!(
                "verify-checkpoint-unmatched",
                station = format!("{station:?}"),
                seq = *seq
            ),
        })
    }
}
