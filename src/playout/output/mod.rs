//! Where aired audio goes: the station's sound device, a WAV air-check
//! recording, or nowhere (paced in real time, for tests and dry runs).
//!
//! The player does not know which: it opens an [`Output`] about two seconds
//! before an airing, writes the decoded samples back to back at the
//! scheduled instant, drains, and closes. Every kind paces like a blocking
//! ALSA write, so the player's timing is the same whatever plays.
//!
//! The device kind runs the sound card in a child process (`loa
//! output-worker`), because alsa-lib can abort the whole process when the
//! consumer of its file plugin dies, and cpal can spin on a lost device: a
//! crash or hang there must not take the scheduler and the airing log down.

mod backoff;
mod device;
mod devices_list;
mod error;
mod null;
mod pacing;
mod pcm;
mod pipe;
mod protocol;
mod spec;
mod wav;
pub mod worker;

use std::path::Path;
use std::time::Duration;

pub use device::{DeviceNote, DeviceOutput, WorkerReport};
pub use devices_list::{DeviceEntry, output_devices};
pub use error::{DeviceFailure, OutputError};
pub use null::NullOutput;
pub use spec::{OutputSpec, OutputSpecError};
pub use wav::WavOutput;

/// Every stream the player writes is the decoder's: 48 kHz, stereo.
use crate::audio::{CHANNELS, SAMPLE_RATE};
/// ALSA's name for the default device, also `output = "default"`.
const DEFAULT_DEVICE: &str = "default";

/// One place audio can air. The player drives it the same way whatever it
/// is, so the schedule's timing does not depend on the kind of output.
pub trait Output: Send {
    /// Does the slow preparation before the scheduled instant (device open,
    /// child process start, buffer allocation, file open), so that the first
    /// `write` is cheap. Idempotent: opening an open output does nothing.
    fn open(&mut self) -> Result<(), OutputError>;

    /// Plays interleaved stereo `f32` samples at 48 kHz. Blocks to pace in
    /// real time like a blocking ALSA write: returns once at most a small
    /// buffer (about 50–100 ms) is ahead of what has played. Consecutive
    /// writes are one gapless stream. `samples.len()` must be a whole number
    /// of frames (even).
    fn write(&mut self, samples: &[f32]) -> Result<(), OutputError>;

    /// Blocks until everything written has been played, then returns.
    fn drain(&mut self) -> Result<(), OutputError>;

    /// Releases the device, child process or file; called between airings.
    /// Whatever was written and not yet played is dropped (call `drain`
    /// first to let it play). Never blocks for long.
    fn close(&mut self);

    /// Interleaved samples (frames × 2) played since `open`, so the player
    /// can record how much of an interrupted airing went out. Kept after
    /// `close` until the next `open`.
    fn played_samples(&self) -> u64;

    /// How long a written sample takes to reach the speaker (the device's
    /// own buffer), known after `open`. The player may start writing this
    /// much before the instant to land the first sample on it.
    fn latency(&self) -> Duration {
        Duration::ZERO
    }

    /// Asks that the first sample written next play at `at` (the
    /// airing's instant, on the system clock). An output that places
    /// samples by its own clock (a device) places it there if the write
    /// comes at least [`latency`](Self::latency) minus a few milliseconds
    /// before, as soon as it can otherwise, and returns `true`: its
    /// [`first_sample_offset`](Self::first_sample_offset) is then measured
    /// from `at`. Outputs that play as written (WAV, null) return `false`.
    fn aim(&mut self, _at: chrono::DateTime<chrono::Utc>) -> bool {
        false
    }

    /// How far after its planned instant (the one given to `aim`, else
    /// one latency after the first write) the first sample written since
    /// `open` plays, as the device placed it by its own clock (negative:
    /// early). The player records the start from it, so the log says when
    /// the sound reached the device, not when it was meant to. `None` when
    /// the output cannot say (it plays exactly when written: WAV, null) or
    /// has not placed a sample yet.
    fn first_sample_offset(&self) -> Option<chrono::Duration> {
        None
    }
}

/// Builds the output a station's `output =` setting names. Nothing is
/// opened yet: that is [`Output::open`]'s job, before the airing.
/// `worker_exe` is the `loa` binary, started as the device's child process.
pub fn make_output(spec: &OutputSpec, worker_exe: &Path) -> Box<dyn Output> {
    match spec {
        OutputSpec::Default => Box::new(DeviceOutput::new(DEFAULT_DEVICE, worker_exe)),
        OutputSpec::Device(name) => Box::new(DeviceOutput::new(name, worker_exe)),
        OutputSpec::Wav(path) => Box::new(WavOutput::new(path.clone())),
        OutputSpec::Null => Box::new(NullOutput::new()),
    }
}
