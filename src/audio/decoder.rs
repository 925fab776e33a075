//! One segment's audio as the playout consumes it: 48 kHz interleaved stereo
//! f32 in -1.0..=1.0, whatever the file's format, rate and channels.

use std::path::{Path, PathBuf};

use super::error::{AudioError, Undecodable};
use super::media::{self, Media, Step};
use super::resample::RateConverter;
use super::shield::{caught, crashed, shielded};
use super::stereo::append_stereo;

/// Decodes one segment file to [`super::SAMPLE_RATE`] interleaved stereo.
///
/// Output is continuous across [`read`](Self::read) calls (the buffer sizes
/// the caller picks never show in the audio), and its length is the probed
/// duration × 48000 frames. A damaged packet in mid-file airs as silence of
/// its own length, so later audio keeps its timing.
pub struct Decoder {
    path: PathBuf,
    media: Media,
    /// Made from the first decoded audio's rate when the header has none.
    converter: Option<(u32, RateConverter)>,
    /// The last packet as stereo at the source rate.
    stereo: Vec<f32>,
    /// Converted audio waiting for `read`.
    ready: Vec<f32>,
    ready_from: usize,
    /// Samples handed out so far.
    delivered: u64,
    finished: bool,
}

impl Decoder {
    /// Opens `path` and reads its headers; the first packet is decoded on
    /// the first [`read`](Self::read).
    pub fn open(path: &Path) -> Result<Self, AudioError> {
        shielded(path, || {
            let media = Media::open(path)?;
            // Cut off after `loa check` passed it: skipped with the reason,
            // rather than aired until it stops mid-word.
            media.check_ending()?;
            let converter = match media.declared_rate() {
                Some(rate) => Some((rate, converter_for(path, rate, media.declared_channels())?)),
                None => None,
            };
            Ok(Self {
                path: path.to_path_buf(),
                media,
                converter,
                stereo: Vec::new(),
                ready: Vec::new(),
                ready_from: 0,
                delivered: 0,
                finished: false,
            })
        })
    }

    /// Fills `out` with interleaved samples; returns how many were written,
    /// 0 at the end of the file (or when `out` is empty).
    ///
    /// A frame may be split across calls when `out` has an odd length; the
    /// stream stays interleaved. A corrupt packet mid-file is skipped (as
    /// silence) up to a bound; an I/O error or too many bad packets is an
    /// `Err`, after which the decoder is finished and returns `Ok(0)`.
    pub fn read(&mut self, out: &mut [f32]) -> Result<usize, AudioError> {
        while self.ready_from == self.ready.len() {
            if self.finished || out.is_empty() {
                return Ok(0);
            }
            let refilled = match caught(|| self.refill()) {
                Ok(result) => result,
                Err(message) => Err(crashed(&self.path, &message)),
            };
            if let Err(error) = refilled {
                self.finished = true;
                self.ready.clear();
                self.ready_from = 0;
                return Err(error);
            }
        }
        let available = &self.ready[self.ready_from..];
        let written = available.len().min(out.len());
        out[..written].copy_from_slice(&available[..written]);
        self.ready_from += written;
        self.delivered += written as u64;
        Ok(written)
    }

    /// Decodes packets until some converted audio is ready or the file ends.
    fn refill(&mut self) -> Result<(), AudioError> {
        self.ready.clear();
        self.ready_from = 0;
        while self.ready.is_empty() && !self.finished {
            self.stereo.clear();
            let rate = match self.media.decode_next()? {
                Step::Audio(buffer) => {
                    append_stereo(&buffer, &mut self.stereo);
                    buffer.spec().rate
                }
                Step::Damaged { frames } => {
                    let silence = usize::try_from(frames).unwrap_or(0) * super::CHANNELS;
                    self.stereo.resize(silence, 0.0);
                    match &self.converter {
                        Some((rate, _)) => *rate,
                        None => continue,
                    }
                }
                Step::End => return self.end(),
            };
            self.convert(rate)?;
        }
        limit_range(&mut self.ready);
        Ok(())
    }

    /// Flushes the converter at the end of the file. A file that ends
    /// without a single frame (all its packets junk) is an error, not a
    /// silent zero-length segment.
    fn end(&mut self) -> Result<(), AudioError> {
        self.finished = true;
        if let Some((_, converter)) = &mut self.converter {
            converter
                .finish(&mut self.ready)
                .map_err(|e| resample_error(&self.path, e))?;
        }
        if self.delivered == 0 && self.ready.is_empty() {
            return Err(AudioError::ZeroDuration {
                path: self.path.clone(),
            });
        }
        limit_range(&mut self.ready);
        Ok(())
    }

    /// Converts the packet in `stereo`, decoded at `rate`, into `ready`.
    fn convert(&mut self, rate: u32) -> Result<(), AudioError> {
        if self.converter.is_none() {
            self.converter = Some((rate, converter_for(&self.path, rate, None)?));
        }
        let Some((converter_rate, converter)) = &mut self.converter else {
            return Ok(());
        };
        if *converter_rate != rate {
            // A packet at another rate is junk that happened to parse.
            return self.media.count_bad_packet();
        }
        converter
            .push(&self.stereo, &mut self.ready)
            .map_err(|e| resample_error(&self.path, e))
    }
}

/// A converter for a source at `rate` with `channels`, if they are in range.
fn converter_for(
    path: &Path,
    rate: u32,
    channels: Option<u16>,
) -> Result<RateConverter, AudioError> {
    let channels_ok = channels.is_none_or(|c| media::CHANNEL_COUNTS.contains(&c));
    let unsupported = || AudioError::UnsupportedSignal {
        path: path.to_path_buf(),
        sample_rate: rate,
        channels: channels.unwrap_or(0),
    };
    if !media::SAMPLE_RATES.contains(&rate) || !channels_ok {
        return Err(unsupported());
    }
    RateConverter::new(rate).map_err(|_| unsupported())
}

fn resample_error(path: &Path, error: rubato::ResampleError) -> AudioError {
    AudioError::undecodable(
        path,
        Undecodable::Malformed {
            detail: format!("resampler: {error}"),
        },
    )
}

/// Keeps every sample in -1.0..=1.0 (lossy codecs and resampling overshoot
/// a little on loud material) and replaces anything not finite by silence.
fn limit_range(samples: &mut [f32]) {
    for sample in samples {
        *sample = if sample.is_finite() {
            sample.clamp(-1.0, 1.0)
        } else {
            0.0
        };
    }
}
