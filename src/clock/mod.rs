//! The one clock everything that waits goes through, so tests can run a
//! week of a station's schedule in milliseconds and simulate NTP steps.
//!
//! The wall clock (`now`) decides what is due. The system clock sleeps
//! until the wall-clock instant in one go and wakes at once when the clock
//! is stepped forward or back ([`wall_timer`]), so an idle daemon does not
//! wake to poll; where that timer is missing, and on the simulated clock,
//! waiting is done in chunks of at most [`MAX_SLEEP`], re-reading the clock
//! each time.

pub mod wall_timer;

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};

/// The longest single sleep where the clock cannot wake on a step: a step
/// is noticed within this.
pub const MAX_SLEEP: Duration = Duration::from_secs(1);
/// Below this much time left, the real clock stops sleeping and spins, so
/// the start instant is hit to well under a millisecond.
const SPIN_BELOW: Duration = Duration::from_millis(2);

/// A boxed future, so [`Clock`] can be a trait object.
pub type Sleep<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// Time, real or simulated.
pub trait Clock: Send + Sync {
    /// The wall-clock time.
    fn now(&self) -> DateTime<Utc>;
    /// Waits `duration` (real clock) or advances by it (simulated clock).
    fn sleep(&self, duration: Duration) -> Sleep<'_>;
    /// Waits the last instant before `deadline` with sub-millisecond
    /// accuracy (a short spin on the real clock).
    fn settle_until(&self, deadline: DateTime<Utc>) -> Sleep<'_>;
    /// The longest single sleep of a long wait: a clock step is noticed
    /// within this.
    fn max_sleep(&self) -> Duration {
        MAX_SLEEP
    }
    /// Sleeps toward the wall-clock instant `deadline`, `left` away as the
    /// caller just read the clock: until it, until the clock is stepped, or
    /// for at most [`Clock::max_sleep`], whichever is first. The caller
    /// reads the clock again afterwards.
    fn sleep_toward(&self, deadline: DateTime<Utc>, left: Duration) -> Sleep<'_> {
        let _ = deadline;
        self.sleep(left.min(self.max_sleep()))
    }
}

/// The system clock with tokio's timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn sleep(&self, duration: Duration) -> Sleep<'_> {
        Box::pin(tokio::time::sleep(duration))
    }

    fn sleep_toward(&self, deadline: DateTime<Utc>, left: Duration) -> Sleep<'_> {
        Box::pin(async move {
            if wall_timer::sleep_until_wall(deadline).await.is_err() {
                tokio::time::sleep(left.min(MAX_SLEEP)).await;
            }
        })
    }

    fn settle_until(&self, deadline: DateTime<Utc>) -> Sleep<'_> {
        Box::pin(async move {
            // At most SPIN_BELOW of spinning, yielding to other tasks.
            while Utc::now() < deadline {
                std::hint::spin_loop();
                if (deadline - Utc::now()).to_std().unwrap_or_default() > Duration::from_micros(300)
                {
                    std::thread::yield_now();
                }
            }
        })
    }
}

/// A clock that only moves when slept on or stepped: a week passes in
/// milliseconds. Cloning shares the same time.
#[derive(Debug, Clone)]
pub struct SimulatedClock {
    now: Arc<Mutex<DateTime<Utc>>>,
    max_sleep: Duration,
}

impl SimulatedClock {
    /// A clock showing `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            now: Arc::new(Mutex::new(start)),
            max_sleep: MAX_SLEEP,
        }
    }

    /// Long waits advance in steps of `max_sleep` (a simulated week with
    /// one-second steps would take 604,800 turns of the loop).
    pub fn with_max_sleep(mut self, max_sleep: Duration) -> Self {
        self.max_sleep = max_sleep;
        self
    }

    /// Moves the clock by `delta` (negative: backwards), like an NTP step.
    pub fn step(&self, delta: chrono::Duration) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        *now += delta;
    }

    /// Moves the clock forward by `duration`.
    pub fn advance(&self, duration: Duration) {
        self.step(to_chrono(duration));
    }
}

impl Clock for SimulatedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn sleep(&self, duration: Duration) -> Sleep<'_> {
        self.advance(duration);
        Box::pin(tokio::task::yield_now())
    }

    fn max_sleep(&self) -> Duration {
        self.max_sleep
    }

    fn settle_until(&self, deadline: DateTime<Utc>) -> Sleep<'_> {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        if *now < deadline {
            *now = deadline;
        }
        Box::pin(tokio::task::yield_now())
    }
}

/// Waits until the wall clock reads `deadline` ([`Clock::sleep_toward`]),
/// then settles precisely. Returns early if `cancelled`
/// resolves. A clock step forward ends the wait early; a step back makes it
/// longer: the caller re-checks what is due either way.
pub async fn wait_until(
    clock: &dyn Clock,
    deadline: DateTime<Utc>,
    mut cancelled: impl Future<Output = ()> + Unpin,
) -> bool {
    loop {
        let left = (deadline - clock.now()).to_std().unwrap_or_default();
        if left.is_zero() {
            return true;
        }
        if left <= SPIN_BELOW {
            clock.settle_until(deadline).await;
            return true;
        }
        let wake_at = deadline - to_chrono(SPIN_BELOW);
        tokio::select! {
            _ = clock.sleep_toward(wake_at, left - SPIN_BELOW) => {}
            _ = &mut cancelled => return false,
        }
    }
}

/// A `std` duration as a chrono one, for arithmetic on instants. Lengths in
/// `loa` (configured, measured, latencies) are far below chrono's limit of
/// about 292 billion years; one beyond it reads as zero rather than panic.
pub fn to_chrono(duration: std::time::Duration) -> chrono::Duration {
    chrono::Duration::from_std(duration).unwrap_or_default()
}
