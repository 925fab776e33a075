//! The daemon's status line under systemd (`systemctl status loa`).

use std::fmt;

use crate::plan::Slot;
use crate::systemd::DaemonStatus;
use crate::tr;

/// Local times as the technician reads them, with the zone's offset.
const WHEN: &str = "%Y-%m-%d %H:%M:%S %Z";

impl fmt::Display for DaemonStatus<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Next { slot, at } => tr!(
                "systemd-next",
                slot = SlotLabel(slot).to_string(),
                at = at.format(WHEN).to_string()
            ),
            Self::Airing { slot, scheduled } => tr!(
                "systemd-airing",
                slot = SlotLabel(slot).to_string(),
                scheduled = scheduled.format(WHEN).to_string()
            ),
            Self::Idle => tr!("systemd-idle"),
        };
        f.write_str(&text)
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
