//! The station's uploader: pushes every record of the airing log to the
//! province's hub soon after it is written, and a signed heartbeat every
//! minute (`docs/upload.md`; the wire protocol is
//! [`crate::hub::protocol`]).
//!
//! It never touches playout: it runs on its own thread at a lower CPU
//! priority, reads the log's month files from disk (the log is its queue;
//! it remembers only a position), and keeps going after any failure with
//! a backoff, resuming from what the hub says it holds.

mod backoff;
mod client;
mod cursor;
mod error;
mod heartbeat;
mod settings;
mod task;

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub use backoff::Backoff;
pub use client::HubClient;
pub use cursor::{Batch, LogCursor, Position};
pub use error::UploadError;
pub use heartbeat::{HeartbeatCounter, heartbeat};
pub use settings::UploadSettings;
pub use task::Uploader;

use crate::clock::Clock;
use crate::daemon::DaemonHandle;

/// How much lower than the daemon the upload thread runs (nice): the
/// scheduler and the player always come first on a small machine.
const NICENESS: i32 = 10;

/// The running upload thread.
#[derive(Debug)]
pub struct UploadThread {
    thread: JoinHandle<()>,
}

/// Starts the uploader for the daemon behind `handle`. It does nothing
/// until `[upload]` is set, and ends once the daemon has closed its log.
pub fn start(handle: DaemonHandle, clock: Arc<dyn Clock>) -> std::io::Result<UploadThread> {
    let thread = std::thread::Builder::new()
        .name("loa-upload".into())
        .spawn(move || {
            lower_priority();
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    tracing::error!(%error, "{}", crate::tr!("journal-upload-no-runtime"));
                    return;
                }
            };
            runtime.block_on(Uploader::new(handle, clock).run());
        })?;
    Ok(UploadThread { thread })
}

impl UploadThread {
    /// Waits (at most `limit`) for the last records to go out after the
    /// daemon closed its log; a hub that does not answer does not hold up
    /// the daemon's exit.
    pub fn finish(self, limit: Duration) {
        let began = Instant::now();
        while !self.thread.is_finished() && began.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(20));
        }
        if self.thread.is_finished() {
            let _ = self.thread.join();
        }
    }
}

/// Lowers this thread's CPU priority (Linux: `setpriority` on the thread's
/// id). Failing leaves it at the daemon's priority, which is still correct.
fn lower_priority() {
    // SAFETY: gettid has no arguments and cannot fail; setpriority only
    // reads its integer arguments.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, NICENESS);
    }
}
