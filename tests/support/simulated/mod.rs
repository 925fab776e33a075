//! The daemon on a simulated clock, for tests that run days or a year of a
//! station's schedule in seconds: one runner, shared by the week, report,
//! fault and soak tests (each includes this file as a module).

#![allow(dead_code)]

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use loa::clock::{Clock, SimulatedClock};
use loa::daemon::Daemon;
use loa::plan::Plan;
use loa::playout::player::Player;
use loa::playout::simulated::SimulatedPlayer;
use loa::shutdown::Shutdown;

/// Runs the daemon for `plan` with `player` on `clock` beside `observer`
/// (which steps the clock, samples, and triggers the shutdown it is given
/// when done); returns what the observer returns.
pub fn run_daemon_with<T, F: Future<Output = T>>(
    plan: &Plan,
    clock: &SimulatedClock,
    player: Box<dyn Player>,
    observer: impl FnOnce(Shutdown) -> F,
) -> T {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let shutdown = Shutdown::new();
        let (daemon, _) = Daemon::start(
            plan.clone(),
            Arc::new(clock.clone()),
            player,
            "null",
            shutdown.clone(),
        )
        .expect("daemon starts");
        let (result, observed) = tokio::join!(daemon.run(), observer(shutdown));
        result.expect("daemon stops cleanly");
        observed
    })
}

/// Runs the daemon for `plan` with `player` on `clock` until the clock
/// reads `until`.
pub fn run_player_until(
    plan: &Plan,
    clock: &SimulatedClock,
    player: Box<dyn Player>,
    until: DateTime<Utc>,
) {
    run_daemon_with(plan, clock, player, |shutdown| {
        stop_at(clock, until, shutdown)
    });
}

/// Runs the daemon for `plan` with the simulated player on `clock` until
/// the clock reads `until`.
pub fn run_daemon_until(plan: &Plan, clock: &SimulatedClock, until: DateTime<Utc>) {
    let player = Box::new(SimulatedPlayer::new(clock.clone()));
    run_player_until(plan, clock, player, until);
}

/// Triggers `shutdown` once `clock` reads `until`.
async fn stop_at(clock: &SimulatedClock, until: DateTime<Utc>, shutdown: Shutdown) {
    while clock.now() < until {
        tokio::task::yield_now().await;
    }
    shutdown.trigger();
}
