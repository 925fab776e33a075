//! How the daemon and its device process (`loa output-worker`) talk.
//!
//! Stdin carries one stream: an 8-byte header, the CLOCK_MONOTONIC instant
//! (ns, little-endian) at which the first frame is to play, then PCM:
//! 16-bit little-endian interleaved stereo at 48 kHz, the device's native
//! format on nearly every sound card, and half the bytes of `f32`. Stdout
//! carries status: one JSON object per line.

use serde::{Deserialize, Serialize};

use super::DeviceFailure;

/// Bytes of the stream header (the start instant).
pub(crate) const STREAM_HEADER_BYTES: usize = 8;

/// Bytes of one sample on the PCM pipe.
pub(crate) const BYTES_PER_SAMPLE: usize = 2;

/// Longest line the parent accepts; anything longer is not ours.
pub(crate) const MAX_LINE_BYTES: u64 = 4096;

/// One status line from the device process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub(crate) enum WorkerEvent {
    /// The device is open and asking for audio: writes may start.
    Ready {
        /// The sample format the device was opened with (`i16`, `f32`).
        format: String,
        /// Frames per device callback (one ALSA period).
        period_frames: u32,
        /// How long a sample handed to the device takes to play, µs.
        delay_us: u64,
        /// How far after the first write its first frame is placed, µs:
        /// the output's latency, the same for every airing.
        latency_us: u64,
    },
    /// Playback progress, sent when it changes (at most every 20 ms).
    Played {
        /// Written frames the device has taken (silence not counted).
        frames: u64,
        /// Times the device ran dry while more audio was still coming.
        underruns: u64,
        /// The device's current buffer delay, µs.
        delay_us: u64,
    },
    /// When the device took the first written frame, on CLOCK_MONOTONIC
    /// (shared by both processes), in ns: how late the first sample went out.
    FirstData { monotonic_ns: u64 },
    /// A device error that playback survives (e.g. an xrun), rate-limited:
    /// `count` errors since the last such line, the latest described.
    Warning { count: u64, message: String },
    /// The device cannot play; the process exits next.
    Failed { failure: DeviceFailure },
    /// The process is exiting normally.
    Bye { peak_rss_kb: u64 },
}

impl WorkerEvent {
    /// The line the device process prints (without the newline).
    pub(crate) fn to_line(&self) -> String {
        // A derive-only enum of strings and integers always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses one line from the device process; `None` for anything else.
    pub(crate) fn parse(line: &str) -> Option<Self> {
        serde_json::from_str(line.trim_end()).ok()
    }
}

/// Now on CLOCK_MONOTONIC in ns: the clock `std::time::Instant` uses on
/// Linux, and one both processes read alike.
pub(crate) fn monotonic_ns() -> u64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; CLOCK_MONOTONIC always
    // exists on Linux, so the call cannot fail.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut now) };
    now.tv_sec as u64 * 1_000_000_000 + now.tv_nsec as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_round_trip_through_one_line() {
        let events = [
            WorkerEvent::Ready {
                format: "i16".into(),
                period_frames: 1024,
                delay_us: 42_000,
                latency_us: 69_000,
            },
            WorkerEvent::Played {
                frames: 48_000,
                underruns: 1,
                delay_us: 40_000,
            },
            WorkerEvent::FirstData { monotonic_ns: 7 },
            WorkerEvent::Warning {
                count: 3,
                message: "xrun\nnext line".into(),
            },
            WorkerEvent::Failed {
                failure: DeviceFailure::NoSuchDevice {
                    suggestion: Some("studio_a".into()),
                },
            },
            WorkerEvent::Failed {
                failure: DeviceFailure::Busy,
            },
            WorkerEvent::Bye { peak_rss_kb: 4000 },
        ];
        for event in events {
            let line = event.to_line();
            assert!(!line.contains('\n'), "{line}");
            assert_eq!(WorkerEvent::parse(&format!("{line}\n")), Some(event));
        }
    }

    #[test]
    fn foreign_lines_are_not_events() {
        assert_eq!(WorkerEvent::parse("ALSA lib pcm.c:2666: oops"), None);
        assert_eq!(WorkerEvent::parse("{\"event\":\"unknown\"}"), None);
    }
}
