//! The rules `docs/airlog.md` §5 sets on a record beyond its fields' types,
//! which a verifier checks on every record (§7.1): a record that keeps its
//! schema but breaks one of these was not written by `loa` as it stands.
//! Rules across records (`previous_run`) are the sequencer's.

use super::error::LineError;
use super::record::{AiringEnd, Announcement, AnnouncementNotAired, RecordKind, RelayAired};

/// The `kind` values of a relay event (§5, RelayEventAired).
pub const RELAY_EVENT_KINDS: [&str; 7] = [
    "connected",
    "dropped",
    "title",
    "overrun",
    "lost",
    "to_fallback",
    "to_stream",
];

/// The priorities of an announcement and of an interruption.
pub const PRIORITIES: [&str; 3] = ["normal", "priority", "emergency"];

/// Checks `kind`, the data of the record numbered `seq`, against §5's rules.
pub fn check(kind: &RecordKind, seq: u64) -> Result<(), LineError> {
    match kind {
        RecordKind::AiringEnd(end) => check_airing_end(end),
        RecordKind::WriteOutage(outage) => {
            let held_before = outage.last_seq.checked_add(1) == Some(seq);
            if outage.first_seq <= outage.last_seq && held_before {
                Ok(())
            } else {
                broken(
                    "write_outage",
                    format!(
                        "records {}..={} were held, but this is record {seq}: the held \
                         records must be a range that ends just before it",
                        outage.first_seq, outage.last_seq
                    ),
                )
            }
        }
        RecordKind::Announcement(Announcement { priority, .. })
        | RecordKind::AnnouncementNotAired(AnnouncementNotAired { priority, .. }) => {
            check_priority(priority)
        }
        _ => Ok(()),
    }
}

fn check_airing_end(end: &AiringEnd) -> Result<(), LineError> {
    let late_ms = (end.started - end.scheduled).num_milliseconds();
    if end.late_ms != late_ms {
        return broken(
            "late_ms",
            format!(
                "late_ms is {}, but started − scheduled is {late_ms} ms",
                end.late_ms
            ),
        );
    }
    for interruption in &end.interruptions {
        check_priority(&interruption.priority)?;
    }
    match &end.relay {
        Some(relay) => check_relay(relay),
        None => Ok(()),
    }
}

fn check_relay(relay: &RelayAired) -> Result<(), LineError> {
    if relay.events.len() > RelayAired::MAX_EVENTS {
        return broken(
            "relay_events",
            format!(
                "a relay records at most {} events, this one has {}",
                RelayAired::MAX_EVENTS,
                relay.events.len()
            ),
        );
    }
    match relay
        .events
        .iter()
        .find(|event| !RELAY_EVENT_KINDS.contains(&event.kind.as_str()))
    {
        Some(event) => broken(
            "relay_event_kind",
            format!("{:?} is not a relay event kind", event.kind),
        ),
        None => Ok(()),
    }
}

fn check_priority(priority: &str) -> Result<(), LineError> {
    if PRIORITIES.contains(&priority) {
        Ok(())
    } else {
        broken("priority", format!("{priority:?} is not a priority"))
    }
}

fn broken(rule: &'static str, detail: String) -> Result<(), LineError> {
    Err(LineError::Rule { rule, detail })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    /// `late_ms` is `started − scheduled` in whole milliseconds, rounded
    /// toward zero, as the daemon computes it: the verifier's rule must
    /// agree with what the writer wrote.
    #[test]
    fn late_ms_rounds_toward_zero() {
        let scheduled = Utc.with_ymd_and_hms(2021, 3, 1, 5, 30, 0).unwrap();
        let micros = chrono::TimeDelta::microseconds;
        assert_eq!(
            (scheduled + micros(1_999) - scheduled).num_milliseconds(),
            1
        );
        assert_eq!(
            (scheduled - micros(1_999) - scheduled).num_milliseconds(),
            -1
        );
        assert_eq!((scheduled - micros(999) - scheduled).num_milliseconds(), 0);
    }
}
