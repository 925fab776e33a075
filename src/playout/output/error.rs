//! What can go wrong on an output, as values the player records and the
//! technician reads (wording in `crate::text::output`).

use std::io;
use std::path::PathBuf;
use std::process::ExitStatus;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Why an output could not open, play or finish. The player records it in
/// the airing log; nothing here is retried behind the player's back except
/// the device's reopen backoff.
#[derive(Debug)]
pub enum OutputError {
    /// `write` or `drain` before `open`: a bug in the caller.
    NotOpen,
    /// A write that is not a whole number of stereo frames.
    PartialFrame { samples: usize },
    /// The air-check file could not be created, opened, written or finalised.
    Wav { path: PathBuf, source: hound::Error },
    /// The existing air-check file has another format; it is left untouched.
    WavFormat {
        path: PathBuf,
        found: hound::WavSpec,
    },
    /// The air-check file reached the WAV size limit (4 GiB).
    WavFull { path: PathBuf },
    /// The device process (`loa output-worker`) could not be started.
    WorkerStart { exe: PathBuf, source: io::Error },
    /// The device process reported why the device cannot play.
    Device {
        device: String,
        failure: DeviceFailure,
    },
    /// The device process ended while playing (crash, alsa-lib abort, kill).
    WorkerDied {
        device: String,
        status: Option<ExitStatus>,
        last_warning: Option<String>,
    },
    /// The watchdog saw no playback progress while audio was waiting.
    Stalled {
        device: String,
        silent_for: Duration,
    },
    /// The device process did not report ready in time.
    OpenTimedOut { device: String, waited: Duration },
    /// The pipe to the device process failed for another reason.
    Pipe { device: String, source: io::Error },
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Wav { source, .. } => Some(source),
            Self::WorkerStart { source, .. } | Self::Pipe { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Why the device process cannot play, as it tells the parent (one JSON
/// line on its stdout). A closed set, so the wording stays in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "detail", rename_all = "kebab-case")]
pub enum DeviceFailure {
    /// No ALSA output has this name; the closest listed name, if any.
    NoSuchDevice { suggestion: Option<String> },
    /// Another program holds the device.
    Busy,
    /// The device is gone (unplugged, driver error).
    Unavailable(String),
    /// The user running `loa` may not open the device.
    PermissionDenied,
    /// The device does not accept 48 kHz stereo in any sample format tried.
    Unsupported(String),
    /// The device opened but never asked for audio.
    NotStarting,
    /// The device takes audio faster than real time (an unpaced plugin).
    NotKeepingTime,
    /// The device keeps reporting errors.
    KeepsFailing(String),
    /// ALSA itself is not usable (no configuration, broken configuration).
    NoAudioSystem(String),
    /// Anything else alsa-lib or cpal reported.
    Other(String),
}
