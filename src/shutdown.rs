//! One `Shutdown` shared by every task and thread, instead of flags
//! scattered around: SIGTERM/SIGINT trigger it; async code awaits it,
//! blocking playout threads poll it between buffers.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// A one-way "stop now" signal.
#[derive(Debug, Clone, Default)]
pub struct Shutdown {
    triggered: Arc<AtomicBool>,
    notify: Arc<Notify>,
}

impl Shutdown {
    /// A signal not yet triggered.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks everything to stop. Idempotent.
    pub fn trigger(&self) {
        self.triggered.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    /// Whether stop was asked (cheap; for blocking loops).
    pub fn is_triggered(&self) -> bool {
        self.triggered.load(Ordering::SeqCst)
    }

    /// Resolves once stop is asked.
    pub async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            if self.is_triggered() {
                return;
            }
            notified.await;
        }
    }
}
