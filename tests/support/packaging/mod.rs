//! What the packaging tests share: the harness's minimal station (one
//! slot, `sang`, in Asia/Ho_Chi_Minh) with its slot moved to a given time.

#![allow(dead_code)]

use chrono::{Timelike, Utc};

use crate::common::{self, StationDir};

/// The station's time zone (the harness station sets none: the default).
const ZONE: chrono_tz::Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// The minimal station with its slot `sang` at `at` (local HH:MM:SS).
pub fn station_with_slot_at(at: &str) -> StationDir {
    let station = common::STATION.replace(r#"at = ["05:30"]"#, &format!(r#"at = ["{at}"]"#));
    assert_ne!(station, common::STATION, "the harness station changed");
    StationDir::with(&station, common::PLAYLIST)
}

/// The station's local time `offset` from now, to the whole second, as
/// HH:MM:SS.
pub fn local_time_in(offset: chrono::Duration) -> String {
    let at = (Utc::now() + offset).with_timezone(&ZONE);
    at.with_nanosecond(0)
        .unwrap_or(at)
        .format("%H:%M:%S")
        .to_string()
}

/// A station whose slot is twelve hours away: nothing airs during a
/// test, whenever it runs. Also gives the slot's time.
pub fn quiet_station() -> (StationDir, String) {
    let at = local_time_in(chrono::Duration::hours(12));
    (station_with_slot_at(&at), at)
}
