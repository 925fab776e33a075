//! The audio input side: what a segment file is (probe), remembering that
//! across runs (cache), and turning it into the one PCM format every output
//! receives (decoder).
//!
//! Every function here takes files from outside the program, so none of them
//! panics on what it reads: symphonia is called behind
//! [`std::panic::catch_unwind`] (see `shield.rs`), every loop over packets is
//! bounded, and every failure is an [`AudioError`] that names the file. The
//! messages themselves are written in `src/text/audio.rs`.
//!
//! ```text
//! path ──probe──▶ AudioInfo (duration, sha256, ...) ──ProbeCache──▶ disk
//!      ──measure─▶ Levels (loudness, true peak, silences) ─┘  (cache misses only)
//! path ──Decoder::open/read──▶ 48 kHz interleaved stereo f32
//! ```

mod cache;
mod decoder;
mod ending;
mod error;
mod identity;
mod levels;
mod media;
mod names;
mod probe;
mod resample;
mod shield;
mod silence;
mod stereo;

use std::time::Duration;

pub use cache::ProbeCache;
pub use decoder::Decoder;
pub use error::{AudioError, Undecodable, Unfinished};
pub use levels::{Levels, measure};
pub use names::resolve_name;
pub use probe::{probe, probe_with_levels};
/// For live sources (relays) that decode their own packets and need the
/// same panic shield, channel mapping and rate conversion as segment files.
pub(crate) use resample::RateConverter;
pub(crate) use shield::caught;
pub use silence::{
    SILENCE_BLOCK_SAMPLES, SILENCE_THRESHOLD_DBFS, SilenceRuns, SilenceSummary, is_silent,
};
pub(crate) use stereo::append_stereo;

/// The sample rate every output receives, so that outputs never resample and
/// a segment's length in samples is the same whichever output airs it.
pub const SAMPLE_RATE: u32 = 48_000;

/// Interleaved stereo: left, right, left, right ... Mono sources are copied to
/// both sides; sources with more channels keep their first two.
pub const CHANNELS: usize = 2;

/// What `loa check`, the scheduler, playout and the airing log need to know
/// about one segment file. [`probe`] finds all but `levels` without decoding
/// the whole file; [`probe_with_levels`] (what [`ProbeCache`] keeps) adds them.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioInfo {
    /// How long the segment airs: what [`Decoder`] produces, within a few ms.
    pub duration: Duration,
    /// SHA-256 of the file's bytes, lower-case hex: the segment's identity in
    /// the signed airing log (a file re-encoded under the same name is a
    /// different segment).
    pub sha256: String,
    /// The file's size in bytes.
    pub size: u64,
    /// Container and codec as read from the bytes, not the name:
    /// `"ogg/vorbis"`, `"mp3"`, `"flac"`, `"wav/pcm_s16le"`.
    pub format: String,
    /// The source's own sample rate (the decoder converts it to
    /// [`SAMPLE_RATE`]).
    pub sample_rate: u32,
    /// The source's own channel count (the decoder maps it to [`CHANNELS`]).
    pub channels: u16,
    /// Loudness, true peak and silences, from a full decode; `None` from
    /// the quick [`probe`].
    pub levels: Option<Levels>,
}
