//! The look-ahead decoder: each segment is opened and partly decoded
//! before it airs (the first before the instant, each next one while the
//! one before it airs), so that opening a file and skipping seconds of its
//! leading silence never leaves a gap between segments.

use crate::audio::{CHANNELS, Decoder, SAMPLE_RATE};
use crate::plan::{AudioPolicy, Segment};
use crate::playout::silence::{Trim, TrimmedDecoder};

/// How much of a segment is decoded ahead of when it airs.
const PRIMED_SAMPLES: usize = (SAMPLE_RATE as usize / 2) * CHANNELS;

/// A segment opened and partly decoded ahead of when it airs, its leading
/// silence already skipped.
pub(super) struct Primed {
    decoder: Result<TrimmedDecoder, String>,
    samples: Vec<f32>,
}

/// A segment ready to air: its decoder and what was decoded ahead; `Err`
/// with the reason it is skipped.
pub(super) type Source = Result<(TrimmedDecoder, Vec<f32>), String>;

impl Primed {
    /// Opens `segment` and decodes its first [`PRIMED_SAMPLES`], here and
    /// now (a failure is kept as the reason the segment is skipped).
    pub(super) fn prime(segment: &Segment, policy: &AudioPolicy) -> Self {
        let mut decoder = open_decoder(segment, policy);
        let mut samples = vec![0.0; PRIMED_SAMPLES];
        let filled = match &mut decoder {
            Ok(d) => fill(d, &mut samples).unwrap_or_else(|e| {
                decoder = Err(e);
                0
            }),
            Err(_) => 0,
        };
        samples.truncate(filled);
        Self { decoder, samples }
    }

    /// What the segment airs from.
    pub(super) fn into_source(self) -> Source {
        self.decoder.map(|d| (d, self.samples))
    }
}

/// Why a segment could not be made ready to air: the thread preparing it
/// failed (a bug in loa, not in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrimingFailed;

/// The segment after the one airing: primed on its own thread, so that
/// decoding it overlaps the one on air.
pub(super) enum Upcoming {
    Ready(Box<Primed>),
    Priming(std::thread::JoinHandle<Primed>),
}

impl Upcoming {
    /// Starts priming `segment` on a thread (or here, if no thread can be
    /// had).
    pub(super) fn start(segment: &Segment, policy: &AudioPolicy) -> Self {
        let (owned, policy_copy) = (segment.clone(), *policy);
        let thread = std::thread::Builder::new()
            .name("loa-prime".into())
            .spawn(move || Primed::prime(&owned, &policy_copy));
        match thread {
            Ok(handle) => Self::Priming(handle),
            Err(_) => Self::Ready(Box::new(Primed::prime(segment, policy))),
        }
    }

    /// The primed segment, once its thread is done.
    pub(super) fn wait(self) -> Primed {
        match self {
            Self::Ready(primed) => *primed,
            // Decoding is shielded against panics; one here is a bug in
            // loa, and costs this segment, not the airing.
            Self::Priming(handle) => handle.join().unwrap_or_else(|_| Primed {
                decoder: Err(crate::text::reason::english(&PrimingFailed)),
                samples: Vec::new(),
            }),
        }
    }
}

/// The segment's decoder within its trimmed edges; `Err` with the reason
/// it is skipped (it cannot be decoded, or it is silent throughout).
pub(super) fn open_decoder(
    segment: &Segment,
    policy: &AudioPolicy,
) -> Result<TrimmedDecoder, String> {
    let trim = Trim::of(segment, policy).map_err(|silent| crate::text::reason::english(&silent))?;
    let decoder = Decoder::open(&segment.path).map_err(|e| crate::text::reason::english(&e))?;
    Ok(TrimmedDecoder::new(decoder, trim))
}

/// Fills `out` from the decoder until full or the end; returns how many.
fn fill(decoder: &mut TrimmedDecoder, out: &mut [f32]) -> Result<usize, String> {
    let mut filled = 0;
    while filled < out.len() {
        let n = decoder
            .read(&mut out[filled..])
            .map_err(|e| crate::text::reason::english(&e))?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}
