//! Whether the segments will sound right on air, from the levels measured
//! when they were probed: a check of the playlists against the station's
//! loudness target and dead-air watch, found at `loa check` rather than on
//! air.

use std::collections::BTreeMap;
use std::time::Duration;

use super::playlists::PlaylistDraft;
use super::problem::{Diagnostics, Problem};
use crate::plan::{AudioPolicy, Levels, Segment};

/// A segment this far (LU) below the loudness target gets a warning: the
/// gain that brings it up lifts its noise floor as much.
const QUIET_WARNING_LU: f64 = 10.0;
/// A segment more than this share silent gets a warning.
const MOSTLY_SILENT_SHARE: f64 = 0.5;

/// Warns about segments that will not sound right on air: far below the
/// loudness target (the gain lifts their noise too), silent or mostly
/// silent, or with a pause inside that playout would take for dead air.
pub fn check_levels(
    playlists: &BTreeMap<String, PlaylistDraft>,
    policy: &AudioPolicy,
    d: &mut Diagnostics,
) {
    for draft in playlists.values() {
        let segments = draft.playlist.segments.iter();
        for (segment, location) in segments.zip(&draft.segment_locations) {
            if let Some(levels) = &segment.levels {
                for problem in level_problems(segment, levels, policy) {
                    d.warning(location.clone(), problem);
                }
            }
        }
    }
}

/// The warnings for one segment's `levels` under the station's `policy`.
fn level_problems(segment: &Segment, levels: &Levels, policy: &AudioPolicy) -> Vec<Problem> {
    let file = || segment.file.clone();
    if !levels.has_sound() {
        return vec![Problem::SilentSegment { file: file() }];
    }
    let mut problems = Vec::new();
    if let (Some(target), Some(loudness), None) = (policy.loudness, levels.loudness, segment.gain)
        && loudness < target - QUIET_WARNING_LU
    {
        problems.push(Problem::QuietSegment {
            file: file(),
            loudness,
            target,
        });
    }
    if levels.silent_share() > MOSTLY_SILENT_SHARE {
        problems.push(Problem::MostlySilent {
            file: file(),
            silent_percent: (levels.silent_share() * 100.0).round() as u32,
        });
    }
    let (at, length) = longest_silence_on_air(levels, policy);
    if let Some(dead_air) = policy.dead_air
        && length > dead_air
    {
        problems.push(Problem::LongPauseInside {
            file: file(),
            at,
            length,
            dead_air,
        });
    }
    problems
}

/// The longest silence that will go on air from a segment: its longest
/// pause, or an edge silence as `trim_silence` leaves it. Where it starts,
/// and how long it is.
fn longest_silence_on_air(levels: &Levels, policy: &AudioPolicy) -> (Duration, Duration) {
    let kept = |edge: Duration| policy.trim_silence.map_or(edge, |keep| edge.min(keep));
    let leading = kept(levels.leading_silence);
    let trailing = kept(levels.trailing_silence);
    let trailing_at = levels.length.saturating_sub(levels.trailing_silence);
    [
        (Duration::ZERO, leading),
        levels.longest_pause,
        (trailing_at, trailing),
    ]
    .into_iter()
    .max_by_key(|(_, length)| *length)
    .unwrap_or_default()
}
