//! Sleeping until a wall-clock instant without polling the clock.
//!
//! A daemon that runs for months should sleep until its next airing, yet
//! notice at once when the system clock is stepped (NTP, a technician
//! setting the time): what is due depends on the wall clock. A Linux
//! `timerfd` on `CLOCK_REALTIME` with `TFD_TIMER_ABSTIME` fires at the wall
//! instant itself, and with `TFD_TIMER_CANCEL_ON_SET` its read fails with
//! `ECANCELED` the moment the clock is set. So one sleep covers the whole
//! wait, however long, and a step ends it early, instead of waking every
//! second to re-read the clock.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use chrono::{DateTime, Utc};
use tokio::io::unix::AsyncFd;

/// How a wall-clock sleep ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WallWake {
    /// The wall clock reached the instant.
    Reached,
    /// The system clock was set (stepped) while sleeping: the caller looks
    /// at the clock again.
    ClockSet,
}

/// Sleeps until the wall clock reads `deadline`, or the clock is set.
/// `Err` when the system offers no such timer (the caller then falls back
/// to polling).
pub async fn sleep_until_wall(deadline: DateTime<Utc>) -> io::Result<WallWake> {
    // SAFETY: an OwnedFd always returns the one descriptor it owns, open
    // until it is dropped with the AsyncFd.
    let timer = unsafe { AsyncFd::register(arm(deadline)?) }.map_err(io::Error::from)?;
    loop {
        let mut ready = timer.readable().await?;
        let mut expirations = [0u8; 8];
        // SAFETY: reading 8 bytes into an 8-byte buffer from a timerfd this
        // function owns.
        let read = unsafe {
            libc::read(
                timer.get_ref().as_raw_fd(),
                expirations.as_mut_ptr().cast(),
                expirations.len(),
            )
        };
        if read == 8 {
            return Ok(WallWake::Reached);
        }
        let error = io::Error::last_os_error();
        match error.raw_os_error() {
            Some(libc::ECANCELED) => return Ok(WallWake::ClockSet),
            Some(libc::EAGAIN) => ready.clear_ready(),
            _ => return Err(error),
        }
    }
}

/// A timerfd armed to fire at `deadline` on the wall clock, cancelled when
/// the clock is set.
fn arm(deadline: DateTime<Utc>) -> io::Result<OwnedFd> {
    // SAFETY: plain system calls on a descriptor created and owned here.
    unsafe {
        let fd = libc::timerfd_create(libc::CLOCK_REALTIME, libc::TFD_NONBLOCK | libc::TFD_CLOEXEC);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let owned = OwnedFd::from_raw_fd(fd);
        // A deadline already past fires at once; 0 would disarm the timer.
        let seconds = deadline.timestamp().max(1);
        let spec = libc::itimerspec {
            it_interval: libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            },
            it_value: libc::timespec {
                tv_sec: seconds as libc::time_t,
                tv_nsec: libc::c_long::from(deadline.timestamp_subsec_nanos() as i32),
            },
        };
        let flags = libc::TFD_TIMER_ABSTIME | libc::TFD_TIMER_CANCEL_ON_SET;
        if libc::timerfd_settime(owned.as_raw_fd(), flags, &spec, std::ptr::null_mut()) < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_wall_sleep_ends_at_its_instant() {
        let deadline = Utc::now() + chrono::Duration::milliseconds(50);
        let wake = sleep_until_wall(deadline).await.expect("timerfd");
        assert_eq!(wake, WallWake::Reached);
        assert!(Utc::now() >= deadline);
    }

    #[tokio::test]
    async fn a_past_instant_ends_the_sleep_at_once() {
        let wake = sleep_until_wall(Utc::now() - chrono::Duration::hours(1)).await;
        assert_eq!(wake.expect("timerfd"), WallWake::Reached);
    }

    /// Setting the clock (here to the time it already shows, so nothing
    /// else on the machine sees a jump) ends an hour's sleep at once. Needs
    /// root (CAP_SYS_TIME), as CI has; skipped otherwise.
    #[tokio::test]
    async fn setting_the_clock_ends_a_long_sleep_at_once() {
        let sleep = tokio::spawn(sleep_until_wall(Utc::now() + chrono::Duration::hours(1)));
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: reading and setting the realtime clock with a valid timespec.
        let set = unsafe {
            libc::clock_gettime(libc::CLOCK_REALTIME, &mut now);
            libc::clock_settime(libc::CLOCK_REALTIME, &now)
        };
        if set != 0 {
            eprintln!("skipped: setting the clock needs root");
            sleep.abort();
            return;
        }
        let wake = tokio::time::timeout(std::time::Duration::from_secs(5), sleep)
            .await
            .expect("the sleep ended when the clock was set")
            .expect("task")
            .expect("timerfd");
        assert_eq!(wake, WallWake::ClockSet);
    }
}
