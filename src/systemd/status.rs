//! The one line `systemctl status loa` shows as the daemon's `Status:`:
//! what airs next, or what is airing now.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::daemon::PREROLL;
use crate::plan::{Plan, Slot};
use crate::schedule::ScheduledAiring;
use crate::selection::ReadyAiring;

/// What the daemon is doing, for the technician glancing at
/// `systemctl status loa`. Rendered in `crate::text::systemd`.
#[derive(Debug, Clone, Copy)]
pub enum DaemonStatus<'a> {
    /// Waiting for the next airing.
    Next {
        /// The slot that airs next.
        slot: &'a Slot,
        /// When, in the station's time zone.
        at: DateTime<Tz>,
    },
    /// Preparing or playing an airing.
    Airing {
        /// The slot on the air.
        slot: &'a Slot,
        /// When it was scheduled, in the station's time zone.
        scheduled: DateTime<Tz>,
    },
    /// Nothing is scheduled in the days the daemon looks ahead.
    Idle,
}

impl<'a> DaemonStatus<'a> {
    /// The status at a turn of the scheduler loop: `next` is the airing it
    /// will prepare next; within [`PREROLL`] of its instant, it is airing.
    pub fn of_turn(plan: &'a Plan, next: Option<&ScheduledAiring>, now: DateTime<Utc>) -> Self {
        let Some(due) = next else {
            return Self::Idle;
        };
        let Some(slot) = plan.slots.get(due.slot) else {
            return Self::Idle;
        };
        let at = due.instant.with_timezone(&plan.station.timezone);
        let preroll = crate::clock::to_chrono(PREROLL);
        if due.instant - preroll <= now {
            Self::Airing {
                slot,
                scheduled: at,
            }
        } else {
            Self::Next { slot, at }
        }
    }

    /// The status when the daemon starts, from its first airing.
    pub fn of_airing(plan: &'a Plan, next: Option<&ReadyAiring>) -> Self {
        next.and_then(|airing| {
            plan.slot(&airing.slot).map(|slot| Self::Next {
                slot,
                at: airing.scheduled.with_timezone(&plan.station.timezone),
            })
        })
        .unwrap_or(Self::Idle)
    }
}
