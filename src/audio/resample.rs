//! Sample-rate conversion to [`SAMPLE_RATE`], streaming, for one segment.
//!
//! rubato's synchronous FFT resampler does the signal work (band-limited,
//! high quality, several hundred times real time). This wrapper makes it a
//! stream: it keeps the input that does not fill a chunk for the next call,
//! drops the resampler's start-up delay so the segment starts on time, and at
//! the end flushes the tail and cuts the output to exactly
//! `round(input_frames × 48000 / source_rate)` frames, so a segment's length
//! in samples follows from its duration alone.

use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Indexing, ResampleError, Resampler, ResamplerConstructionError};

use super::{CHANNELS, SAMPLE_RATE};

/// Input frames per FFT chunk: large enough to be efficient, small enough
/// that a segment's first audio is ready within milliseconds.
const CHUNK_FRAMES: usize = 1024;

/// Converts interleaved stereo at one source rate to [`SAMPLE_RATE`].
pub(crate) enum RateConverter {
    /// The source is already at [`SAMPLE_RATE`].
    Passthrough,
    /// The source needs resampling.
    Resample(Box<Resampling>),
}

/// The state of a resampling stream.
pub(crate) struct Resampling {
    fft: Fft<f32>,
    source_rate: u32,
    /// Input frames waiting for a full chunk, interleaved.
    waiting: Vec<f32>,
    /// One chunk of output, interleaved.
    chunk: Vec<f32>,
    /// Output frames of start-up delay still to drop.
    delay_left: usize,
    frames_in: u64,
    frames_out: u64,
}

impl RateConverter {
    /// A converter from `source_rate` to [`SAMPLE_RATE`].
    pub fn new(source_rate: u32) -> Result<Self, ResamplerConstructionError> {
        if source_rate == SAMPLE_RATE {
            return Ok(Self::Passthrough);
        }
        let fft = Fft::<f32>::new(
            source_rate as usize,
            SAMPLE_RATE as usize,
            CHUNK_FRAMES,
            CHANNELS,
            FixedSync::Input,
        )?;
        let chunk = vec![0.0; fft.output_frames_max() * CHANNELS];
        Ok(Self::Resample(Box::new(Resampling {
            delay_left: fft.output_delay(),
            fft,
            source_rate,
            waiting: Vec::new(),
            chunk,
            frames_in: 0,
            frames_out: 0,
        })))
    }

    /// Converts `input` (interleaved stereo at the source rate), appending
    /// what is ready to `out`. Some input may be held back until the next
    /// call or [`finish`](Self::finish).
    pub fn push(&mut self, input: &[f32], out: &mut Vec<f32>) -> Result<(), ResampleError> {
        match self {
            Self::Passthrough => {
                out.extend_from_slice(input);
                Ok(())
            }
            Self::Resample(state) => state.push(input, out),
        }
    }

    /// Flushes everything held back, appending to `out`; the stream then
    /// has its exact length.
    pub fn finish(&mut self, out: &mut Vec<f32>) -> Result<(), ResampleError> {
        match self {
            Self::Passthrough => Ok(()),
            Self::Resample(state) => state.finish(out),
        }
    }
}

impl Resampling {
    fn push(&mut self, input: &[f32], out: &mut Vec<f32>) -> Result<(), ResampleError> {
        self.waiting.extend_from_slice(input);
        self.frames_in += (input.len() / CHANNELS) as u64;
        let mut consumed = 0;
        while (self.waiting.len() - consumed) / CHANNELS >= self.fft.input_frames_next() {
            let (used, made) = self.run(consumed, None)?;
            consumed += used * CHANNELS;
            self.emit(made, u64::MAX, out);
        }
        self.waiting.drain(..consumed);
        Ok(())
    }

    fn finish(&mut self, out: &mut Vec<f32>) -> Result<(), ResampleError> {
        let target = self.target_frames();
        // The last partial chunk, then silence until the delayed tail is out.
        let mut partial = self.waiting.len() / CHANNELS;
        while self.frames_out < target {
            let (_, made) = self.run(0, Some(partial))?;
            if made == 0 {
                break;
            }
            self.emit(made, target, out);
            partial = 0;
        }
        self.waiting.clear();
        Ok(())
    }

    /// Resamples one chunk from `waiting[from..]` (only `partial` frames of
    /// it, padded with silence, when given) into `chunk`.
    fn run(
        &mut self,
        from: usize,
        partial: Option<usize>,
    ) -> Result<(usize, usize), ResampleError> {
        let frames = (self.waiting.len() - from) / CHANNELS;
        let input =
            InterleavedSlice::new(&self.waiting[from..], CHANNELS, frames).map_err(size_error)?;
        let capacity = self.chunk.len() / CHANNELS;
        let mut output =
            InterleavedSlice::new_mut(&mut self.chunk, CHANNELS, capacity).map_err(size_error)?;
        let indexing = partial.map(|frames| Indexing::new().partial_len(frames));
        self.fft
            .process_into_buffer(&input, &mut output, indexing.as_ref())
    }

    /// Appends the first `made` frames of the chunk to `out`, less any
    /// start-up delay still to drop, and never past `limit` frames in all.
    fn emit(&mut self, made: usize, limit: u64, out: &mut Vec<f32>) {
        let dropped = made.min(self.delay_left);
        self.delay_left -= dropped;
        let room = usize::try_from(limit.saturating_sub(self.frames_out)).unwrap_or(usize::MAX);
        let kept = (made - dropped).min(room);
        out.extend_from_slice(&self.chunk[dropped * CHANNELS..(dropped + kept) * CHANNELS]);
        self.frames_out += kept as u64;
    }

    /// The exact output length for the input seen so far, rounded.
    fn target_frames(&self) -> u64 {
        let rate = u128::from(self.source_rate);
        let frames = (u128::from(self.frames_in) * u128::from(SAMPLE_RATE) + rate / 2) / rate;
        u64::try_from(frames).unwrap_or(u64::MAX)
    }
}

/// The buffers above are sized from the resampler's own figures, so a size
/// error is a bug here; it is reported, not panicked on.
fn size_error(error: rubato::audioadapter_buffers::SizeError) -> ResampleError {
    tracing::error!(%error, "{}", crate::tr!("journal-resampler-buffer"));
    ResampleError::InsufficientOutputBufferSize {
        expected: 0,
        actual: 0,
    }
}
