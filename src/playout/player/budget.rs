//! How much of an airing may still go out: the samples from its start to
//! its deadline, against the samples already written. The deadline is on
//! the wall clock, so time lost to a failing output or to announcements
//! shrinks what is left.

use chrono::{DateTime, Utc};

use super::time::samples_between;

/// An airing's limit in samples and how far it has got.
pub(super) struct Budget {
    deadline: DateTime<Utc>,
    started: DateTime<Utc>,
    /// Samples the airing may still reach (from `started` to `deadline`).
    limit: u64,
    /// Samples that entered the output stage (the limiter may still hold
    /// the last few milliseconds of them).
    written: u64,
}

impl Budget {
    /// An airing that must end by `deadline`, not started yet.
    pub(super) fn new(deadline: DateTime<Utc>) -> Self {
        Self {
            deadline,
            started: Utc::now(),
            limit: 0,
            written: 0,
        }
    }

    /// Starts the airing at `started`, with `limit` samples to fill.
    pub(super) fn start(&mut self, started: DateTime<Utc>, limit: u64) {
        self.started = started;
        self.limit = limit;
    }

    /// Starts the airing at `started`, with until its deadline to fill.
    pub(super) fn start_until_deadline(&mut self, started: DateTime<Utc>) {
        self.start(started, samples_between(started, self.deadline));
    }

    /// After a pause (a reopened output, announcements) as of `now`: what
    /// is left to the deadline becomes the limit.
    pub(super) fn resume(&mut self, now: DateTime<Utc>) {
        self.limit = self.written + samples_between(now, self.deadline);
    }

    /// Moves the start on record by `offset` (where the device really
    /// placed the first sample).
    pub(super) fn start_later_by(&mut self, offset: chrono::Duration) {
        self.started += offset;
    }

    /// Counts `samples` as written.
    pub(super) fn wrote(&mut self, samples: u64) {
        self.written += samples;
    }

    /// Samples that may still be written.
    pub(super) fn room(&self) -> u64 {
        self.limit.saturating_sub(self.written)
    }

    /// Whether the airing has filled its limit.
    pub(super) fn reached(&self) -> bool {
        self.written >= self.limit
    }

    /// When the airing must have ended.
    pub(super) fn deadline(&self) -> DateTime<Utc> {
        self.deadline
    }

    /// When the airing started (the start on record).
    pub(super) fn started(&self) -> DateTime<Utc> {
        self.started
    }

    /// Samples written so far.
    pub(super) fn written(&self) -> u64 {
        self.written
    }

    /// The sample at which the airing must end.
    pub(super) fn limit(&self) -> u64 {
        self.limit
    }
}
