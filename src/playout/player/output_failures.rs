//! When the output fails during an airing: the failure is logged and told
//! at once, the output reopened with backoff, and the airing still ends at
//! its deadline (wall time goes on while the device is away).

use std::time::Duration;

use chrono::Utc;

use super::OutputWatch;
use super::budget::Budget;
use super::time::block_until;
use crate::playout::output::{Output, OutputError};
use crate::shutdown::Shutdown;

/// The wait before the first reopen; it doubles with each failed one.
const BACKOFF_FIRST: Duration = Duration::from_millis(250);
/// The longest wait between reopens, so a device that comes back is on
/// air again within seconds.
const BACKOFF_MAX: Duration = Duration::from_secs(8);

/// The output's failures during one airing, in order.
#[derive(Default)]
pub(super) struct OutputFailures {
    failures: Vec<String>,
    /// Failed and not written to since: a failure in a row is one failure.
    down: bool,
    /// Told at once when the output fails.
    watch: Option<OutputWatch>,
}

impl OutputFailures {
    /// Tells `watch` of each failure from now on.
    pub(super) fn watch(&mut self, watch: Option<OutputWatch>) {
        self.watch = watch;
    }

    /// Writes, reopening the output with backoff when it fails (the
    /// budget's limit shrinking by the time lost). False when the deadline
    /// or stop came first. `slot` names the airing in the journal.
    pub(super) fn write(
        &mut self,
        chunk: &[f32],
        output: &mut dyn Output,
        stop: &Shutdown,
        budget: &mut Budget,
        slot: &str,
    ) -> bool {
        let mut backoff = BACKOFF_FIRST;
        loop {
            match output.write(chunk) {
                Ok(()) => {
                    self.down = false;
                    return true;
                }
                Err(error) => self.note(&error, output, slot),
            }
            let deadline = budget.deadline();
            if !block_until(
                (Utc::now() + crate::clock::to_chrono(backoff)).min(deadline),
                stop,
            ) || Utc::now() >= deadline
            {
                return false;
            }
            backoff = (backoff * 2).min(BACKOFF_MAX);
            let _ = output.open();
            budget.resume(Utc::now());
        }
    }

    /// Records the first failure in a row (with its real reason), and
    /// closes the output for the reopen.
    fn note(&mut self, error: &OutputError, output: &mut dyn Output, slot: &str) {
        if !self.down {
            let reason = reason_of(error, output);
            tracing::error!(error = %crate::text::reason::logged(&reason), slot = %slot, "{}", crate::tr!("journal-output-failed"));
            if let Some(watch) = &self.watch {
                watch(&reason);
            }
            self.failures.push(reason);
            self.down = true;
        }
        output.close();
    }

    /// Records a failure found outside a write (draining at the end).
    pub(super) fn push(&mut self, reason: String) {
        self.failures.push(reason);
    }

    /// How many failures so far, so a segment can tell those during it.
    pub(super) fn count(&self) -> usize {
        self.failures.len()
    }

    /// The `index`th failure, if there was one.
    pub(super) fn get(&self, index: usize) -> Option<&String> {
        self.failures.get(index)
    }

    /// The latest failure's reason (empty when there was none).
    pub(super) fn last_reason(&self) -> String {
        self.failures.last().cloned().unwrap_or_default()
    }

    /// Whether the output never failed.
    pub(super) fn is_empty(&self) -> bool {
        self.failures.is_empty()
    }

    /// The failures, for the report.
    pub(super) fn as_slice(&self) -> &[String] {
        &self.failures
    }

    /// The failures, for the report.
    pub(super) fn into_vec(self) -> Vec<String> {
        self.failures
    }
}

/// Why the output failed. "Used before it was opened" hides why: the
/// opening failed (no such card, card busy). Ask the output once for that.
fn reason_of(error: &OutputError, output: &mut dyn Output) -> String {
    match error {
        OutputError::NotOpen => output.open().err().map_or_else(
            || crate::text::reason::english(error),
            |why| crate::text::reason::english(&why),
        ),
        _ => crate::text::reason::english(error),
    }
}
