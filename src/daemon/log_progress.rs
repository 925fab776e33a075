//! How far the daemon's airing log has been written, published after every
//! append: the uploader wakes on it (instead of polling the files) and never
//! reads past what is durable.

use tokio::sync::watch;

/// The log's progress.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogProgress {
    /// The `seq` the log writes next (records held in memory while the
    /// disk fails count).
    pub next_seq: u64,
    /// Every record below this `seq` is on disk and synced: only these may
    /// leave the station (one the disk loses would come back different).
    pub durable_next: u64,
}

/// The daemon's side: dropped with the daemon, which tells the uploader
/// that the log is closed (its last progress is final).
#[derive(Debug)]
pub struct ProgressSender(watch::Sender<LogProgress>);

/// A pair, starting at `progress`.
pub fn progress_channel(progress: LogProgress) -> (ProgressSender, watch::Receiver<LogProgress>) {
    let (sender, receiver) = watch::channel(progress);
    (ProgressSender(sender), receiver)
}

impl ProgressSender {
    /// Publishes the log's progress; wakes the uploader only on a change.
    pub fn publish(&self, progress: LogProgress) {
        self.0.send_if_modified(|current| {
            let changed = *current != progress;
            *current = progress;
            changed
        });
    }
}

impl LogProgress {
    /// From the writer's head and its count of records held in memory.
    pub fn of(log: &crate::airlog::AirLog) -> Self {
        let next_seq = log.head().0.map_or(0, |seq| seq + 1);
        Self {
            next_seq,
            durable_next: next_seq.saturating_sub(log.pending() as u64),
        }
    }
}
