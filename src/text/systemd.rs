//! The daemon's status line under systemd (`systemctl status loa`).

use std::fmt;

use crate::plan::Slot;
use crate::systemd::DaemonStatus;

/// Local times as the technician reads them, with the zone's offset.
const WHEN: &str = "%Y-%m-%d %H:%M:%S %Z";

impl fmt::Display for DaemonStatus<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Next { slot, at } => {
                write!(f, "next airing: {} at {}", SlotLabel(slot), at.format(WHEN))
            }
            Self::Airing { slot, scheduled } => write!(
                f,
                "airing: {}, scheduled {}",
                SlotLabel(slot),
                scheduled.format(WHEN)
            ),
            Self::Idle => f.write_str("nothing scheduled in the coming days"),
        }
    }
}

/// `sang (Chương trình buổi sáng)`, or just the name when it is the title.
struct SlotLabel<'a>(&'a Slot);

impl fmt::Display for SlotLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Slot { name, title, .. } = self.0;
        if title == name {
            f.write_str(name)
        } else {
            write!(f, "{name} ({title})")
        }
    }
}
