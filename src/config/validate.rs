//! Checks that need more than one file: slots against playlists, segment
//! lengths against `max`, slots against each other, dates with nothing to air.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration as ChronoDuration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::playlists::{PlaylistDraft, nearest_playlist};
use super::problem::{Diagnostics, Problem};
use super::slot::SlotDraft;
use super::source::SourceFile;
use crate::plan::Plan;
use crate::schedule::{ScheduledAiring, airings_between, resolve_local};

/// How far ahead `loa check` looks for overlaps and empty days.
pub const LOOKAHEAD_DAYS: i64 = 366;
/// An every-minute slot would list half a million airings a year; beyond
/// this many the overlap scan stops (an overlap shows on the first days).
const MAX_AIRINGS_SCANNED: usize = 100_000;

/// Slots name existing, non-empty playlists whose segments fit in `max`
/// (a relay slot's fallback playlist is aired in pieces, so its segments
/// may be longer).
pub fn check_slots_against_playlists(
    slots: &[SlotDraft],
    playlists: &BTreeMap<String, PlaylistDraft>,
    station: &SourceFile,
    d: &mut Diagnostics,
) {
    for draft in slots {
        let slot = &draft.slot;
        if slot.relay.is_some() && slot.playlist.is_empty() {
            continue;
        }
        let Some(playlist) = playlists.get(&slot.playlist) else {
            d.error(
                station.locate(draft.playlist_span.clone()),
                Problem::UnknownPlaylist {
                    name: slot.playlist.clone(),
                    suggestion: nearest_playlist(&slot.playlist, playlists.keys()),
                },
            );
            continue;
        };
        if playlist.playlist.segments.is_empty() {
            d.error(
                station.locate(draft.playlist_span.clone()),
                Problem::EmptyPlaylist {
                    name: slot.playlist.clone(),
                },
            );
        }
        for (segment, location) in playlist
            .playlist
            .segments
            .iter()
            .zip(&playlist.segment_locations)
        {
            // A warning, not an error: the README's rule holds (a lone
            // segment longer than the time left airs and fades out at
            // `max`), but the technician should know it is cut.
            if slot.relay.is_none() && segment.duration > slot.max {
                d.warning(
                    location.clone(),
                    Problem::SegmentTooLong {
                        file: segment.file.clone(),
                        duration: segment.duration,
                        slot: slot.name.clone(),
                        max: slot.max,
                    },
                );
            }
        }
    }
}

/// Warns about playlists no slot airs.
pub fn check_unused_playlists(
    slots: &[SlotDraft],
    playlists: &BTreeMap<String, PlaylistDraft>,
    d: &mut Diagnostics,
) {
    let used: BTreeSet<&str> = slots.iter().map(|s| s.slot.playlist.as_str()).collect();
    for (name, draft) in playlists {
        if !used.contains(name.as_str()) {
            let location =
                draft.segment_locations.first().cloned().unwrap_or_else(|| {
                    super::source::Location::file_only(std::path::Path::new(name))
                });
            d.warning(location, Problem::UnusedPlaylist { name: name.clone() });
        }
    }
}

/// The range the date-based checks look at: from the earliest slot start
/// (or `today`) to a year past the latest slot start (or `today`).
pub fn check_window(plan: &Plan, today: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let froms = plan.slots.iter().filter_map(|s| s.from);
    let first = froms.clone().min().map_or(today, |f| f.min(today));
    let last = froms.max().map_or(today, |f| f.max(today));
    let tz: Tz = plan.station.timezone;
    let instant = |date: NaiveDate| {
        let midnight = date.and_time(chrono::NaiveTime::MIN);
        resolve_local(tz, midnight).unwrap_or_else(|| midnight.and_utc())
    };
    (
        instant(first),
        instant(last) + ChronoDuration::days(LOOKAHEAD_DAYS),
    )
}

/// Visits the airings of `window` in order, a week at a time (so an
/// every-minute slot over years is never listed at once), until `visit`
/// returns false or [`MAX_AIRINGS_SCANNED`] have been seen.
fn scan_airings(
    plan: &Plan,
    window: (DateTime<Utc>, DateTime<Utc>),
    mut visit: impl FnMut(&ScheduledAiring) -> bool,
) {
    let mut seen = 0;
    let mut start = window.0;
    while start < window.1 {
        let end = (start + ChronoDuration::days(7)).min(window.1);
        for airing in airings_between(plan, start, end) {
            seen += 1;
            if seen > MAX_AIRINGS_SCANNED || !visit(&airing) {
                return;
            }
        }
        start = end;
    }
}

/// Two airings where the first, running its full `max`, reaches the start of
/// the next: reported once per pair of slots, with the first date.
pub fn check_overlaps(
    plan: &Plan,
    slots: &[SlotDraft],
    window: (DateTime<Utc>, DateTime<Utc>),
    station: &SourceFile,
    d: &mut Diagnostics,
) {
    let tz = plan.station.timezone;
    let mut reported = BTreeSet::new();
    let mut previous: Option<ScheduledAiring> = None;
    scan_airings(plan, window, |b| {
        let Some(a) = previous.replace(*b) else {
            return true;
        };
        let first = &plan.slots[a.slot];
        let end = a.instant + crate::clock::to_chrono(first.max);
        if end > b.instant && reported.insert((a.slot, b.slot)) {
            d.error(
                station.locate(slots[a.slot].max_span.clone()),
                Problem::SlotsOverlap {
                    slot: first.name.clone(),
                    other: plan.slots[b.slot].name.clone(),
                    date: a.instant.with_timezone(&tz).date_naive(),
                    ends: end.with_timezone(&tz).time(),
                    other_starts: b.instant.with_timezone(&tz).time(),
                },
            );
        }
        true
    });
}

/// Warns, per slot, about the first date it airs with no segment valid.
pub fn check_days_with_nothing_to_air(
    plan: &Plan,
    slots: &[SlotDraft],
    window: (DateTime<Utc>, DateTime<Utc>),
    station: &SourceFile,
    d: &mut Diagnostics,
) {
    let tz = plan.station.timezone;
    let mut warned = BTreeSet::new();
    scan_airings(plan, window, |airing| {
        let slot = &plan.slots[airing.slot];
        if warned.contains(&airing.slot) {
            return true;
        }
        let date = airing.instant.with_timezone(&tz).date_naive();
        // A relay slot's fallback is optional.
        if slot.relay.is_none() && crate::selection::eligible(plan, slot, date).is_empty() {
            warned.insert(airing.slot);
            d.warning(
                station.locate(slots[airing.slot].playlist_span.clone()),
                Problem::NothingValidOnDate {
                    slot: slot.name.clone(),
                    playlist: slot.playlist.clone(),
                    date,
                },
            );
        }
        warned.len() < plan.slots.len()
    });
}
