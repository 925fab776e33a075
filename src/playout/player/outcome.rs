//! The airing's outcome from its segments' outcomes, shared by the real
//! player and the simulated one so both report alike.

use crate::playout::report::{AiringOutcome, SegmentOutcome, SegmentReport};

/// The airing's outcome: interrupted when `stopped` says why, failed when
/// nothing aired (with the first reason found), cut when a segment was cut
/// or never started, completed otherwise.
pub fn outcome_of(
    segments: &[SegmentReport],
    stopped: Option<String>,
    device_failures: &[String],
) -> AiringOutcome {
    let aired = segments.iter().any(|s| !s.aired.is_zero());
    if let Some(reason) = stopped {
        return AiringOutcome::Interrupted(reason);
    }
    if !aired {
        let reason = device_failures
            .first()
            .cloned()
            .or_else(|| {
                segments.iter().find_map(|s| match &s.outcome {
                    SegmentOutcome::Skipped(r) | SegmentOutcome::Failed(r) => Some(r.clone()),
                    _ => None,
                })
            })
            .unwrap_or_else(|| crate::text::reason::for_the_log("reason-nothing-aired", &[]));
        return AiringOutcome::Failed(reason);
    }
    let cut = segments
        .iter()
        .any(|s| matches!(s.outcome, SegmentOutcome::Cut | SegmentOutcome::NotStarted));
    if cut {
        AiringOutcome::CutAtMax
    } else {
        AiringOutcome::Completed
    }
}
