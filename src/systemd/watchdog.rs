//! The watchdog: systemd restarts the daemon when its pings stop
//! (`WatchdogSec=` in the unit). The pings come from the scheduler's own
//! task, so they stop when that task is stuck: blocked in a write that
//! never returns, or waiting on an airing that outlived its length.

use std::future::Future;
use std::time::{Duration, Instant};

use super::notify::{ping_watchdog, watchdog_interval};

/// How long past its length (`max`, plus the preparation) an airing may
/// run before the daemon counts as hung and stops pinging. The player
/// returns by `max` plus the output's drain; a minute is far beyond that.
pub const AIRING_MARGIN: Duration = Duration::from_secs(60);

/// Awaits `work`, pinging the watchdog meanwhile from the same task (twice
/// per timeout, as systemd advises). With a `limit`, the pings stop once
/// `work` has taken longer than that (measured on the monotonic clock,
/// so a wall-clock step does not count): systemd then restarts a daemon
/// stuck past any legitimate end. Without a watchdog, it only awaits.
pub async fn keep_alive<F: Future>(work: F, limit: Option<Duration>) -> F::Output {
    match watchdog_interval() {
        Some(timeout) => pinging(work, timeout / 2, limit, ping_watchdog).await,
        None => work.await,
    }
}

/// [`keep_alive`] with the period and the ping given, so the timing can
/// be tested on a paused clock.
async fn pinging<F: Future>(
    work: F,
    period: Duration,
    limit: Option<Duration>,
    ping: impl FnMut(),
) -> F::Output {
    let pings = ping_until(period, limit, ping);
    tokio::pin!(work, pings);
    tokio::select! {
        biased;
        output = &mut work => output,
        () = &mut pings => work.await,
    }
}

/// Pings every `period`, for ever or until `limit` has passed.
async fn ping_until(period: Duration, limit: Option<Duration>, mut ping: impl FnMut()) {
    let started = Instant::now();
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if limit.is_some_and(|limit| started.elapsed() > limit) {
            tracing::error!(
                limit_s = limit.map(|l| l.as_secs()),
                "{}",
                crate::tr!("journal-looks-hung")
            );
            return;
        }
        ping();
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::time::{Duration, Instant};

    use super::pinging;

    const PERIOD: Duration = Duration::from_millis(10);

    #[tokio::test]
    async fn pings_while_the_work_runs_and_returns_its_output() {
        let pings = RefCell::new(0);
        let work = async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            "done"
        };
        let output = pinging(work, PERIOD, None, || *pings.borrow_mut() += 1).await;
        assert_eq!(output, "done");
        assert!(*pings.borrow() >= 2, "{} pings", pings.borrow());
    }

    #[tokio::test]
    async fn stops_pinging_once_the_work_outlives_its_limit_but_still_awaits_it() {
        let started = Instant::now();
        let ping_times = RefCell::new(Vec::new());
        let work = async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            7
        };
        let limit = Duration::from_millis(50);
        let output = pinging(work, PERIOD, Some(limit), || {
            ping_times.borrow_mut().push(started.elapsed());
        })
        .await;
        assert_eq!(output, 7);
        assert!(started.elapsed() >= Duration::from_millis(200));
        let ping_times = ping_times.borrow();
        assert!(!ping_times.is_empty());
        // A little slack: the test's clock started just before the pinger's.
        assert!(
            ping_times
                .iter()
                .all(|at| *at <= limit + Duration::from_millis(20)),
            "pings after the limit: {ping_times:?}"
        );
    }

    #[tokio::test]
    async fn work_that_is_ready_at_once_is_not_delayed() {
        let pings = RefCell::new(0);
        let output = pinging(async { 1 }, PERIOD, None, || *pings.borrow_mut() += 1).await;
        assert_eq!(output, 1);
        assert_eq!(*pings.borrow(), 0);
    }
}
