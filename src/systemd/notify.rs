//! Messages to systemd's notify socket (`NOTIFY_SOCKET`): READY, STATUS and
//! WATCHDOG. Without the socket (a terminal, a test) nothing is sent.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sd_notify::NotifyState;

use super::status::DaemonStatus;
use crate::plan::Plan;
use crate::schedule::ScheduledAiring;
use crate::selection::ReadyAiring;

/// The STATUS last sent: the scheduler loop turns often, the status
/// changes a few times a day.
static LAST_STATUS: Mutex<Option<String>> = Mutex::new(None);
/// Whether a failed send was already logged as a warning (once is enough:
/// if the socket is gone, the watchdog restart says the rest).
static SEND_FAILED: AtomicBool = AtomicBool::new(false);

/// Tells systemd the station is up (plan loaded and checked, key and
/// airing log open, output built), with the next airing as its STATUS.
/// Until this, `systemctl start loa` waits, and the watchdog is not armed.
pub fn ready(plan: &Plan, next: Option<&ReadyAiring>) {
    let status = DaemonStatus::of_airing(plan, next).to_string();
    let status = one_line(&status);
    send(&[NotifyState::Ready, NotifyState::Status(&status)]);
    remember(status);
}

/// One turn of the scheduler loop: pings the watchdog (the loop is alive)
/// and updates the STATUS when what airs next, or what is airing, changed.
pub fn scheduler_turn(plan: &Plan, next: Option<&ScheduledAiring>, now: DateTime<Utc>) {
    ping_watchdog();
    let status = one_line(&DaemonStatus::of_turn(plan, next, now).to_string());
    if !is_last(&status) {
        send(&[NotifyState::Status(&status)]);
        remember(status);
    }
}

/// systemd's watchdog timeout for this process (`WATCHDOG_USEC`, when
/// `WATCHDOG_PID` is this process and the notify socket is set), read once.
/// `None`: nobody is watching; nothing is sent.
pub fn watchdog_interval() -> Option<Duration> {
    static INTERVAL: OnceLock<Option<Duration>> = OnceLock::new();
    *INTERVAL.get_or_init(|| {
        std::env::var_os("NOTIFY_SOCKET")?;
        sd_notify::watchdog_enabled().filter(|timeout| !timeout.is_zero())
    })
}

/// WATCHDOG=1, if systemd watches this process.
pub(super) fn ping_watchdog() {
    if watchdog_interval().is_some() {
        send(&[NotifyState::Watchdog]);
    }
}

fn send(states: &[NotifyState]) {
    if let Err(error) = sd_notify::notify(states) {
        if SEND_FAILED.swap(true, Ordering::Relaxed) {
            tracing::debug!(%error, "{}", crate::tr!("journal-notify-not-sent"));
        } else {
            tracing::warn!(%error, "{}", crate::tr!("journal-notify-not-sent"));
        }
    }
}

/// The notify protocol is one `KEY=value` per line: a newline in a slot's
/// title must not end the STATUS early.
fn one_line(text: &str) -> String {
    text.replace(|c: char| c.is_control(), " ")
}

fn is_last(status: &str) -> bool {
    let last = LAST_STATUS.lock().unwrap_or_else(|e| e.into_inner());
    last.as_deref() == Some(status)
}

fn remember(status: String) {
    *LAST_STATUS.lock().unwrap_or_else(|e| e.into_inner()) = Some(status);
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn a_title_with_a_newline_stays_one_status_line() {
        assert_eq!(one_line("sang (Bản tin\nsáng)"), "sang (Bản tin sáng)");
    }
}
