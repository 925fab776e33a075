//! Running as a systemd service (`packaging/loa.service`, `Type=notify`).
//!
//! systemd cannot tell on its own when `loa run` is ready to air, or that a
//! daemon still running has stopped airing. So the daemon says so: READY
//! once the plan, key and log are loaded, a STATUS line with the next
//! airing (shown by `systemctl status loa`), and WATCHDOG pings from the
//! scheduler loop, which stop if the loop hangs, so systemd restarts it.
//! Its log lines go to the journal in the form journald reads (a priority
//! prefix, no timestamp of its own).
//!
//! Everything here is a no-op outside systemd (no `NOTIFY_SOCKET`, no
//! `WATCHDOG_USEC`), so the same binary runs in a terminal and in tests.

pub mod logging;
mod notify;
mod status;
mod watchdog;

pub use notify::watchdog_interval;
pub use notify::{ready, scheduler_turn};
pub use status::DaemonStatus;
pub use watchdog::{AIRING_MARGIN, keep_alive};
