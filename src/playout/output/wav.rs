//! `output = "wav:PATH"`: an air-check recording of exactly what aired,
//! paced in real time (so it also stands in for a sound card in tests).
//!
//! One file collects every airing: the first `open` creates it when it is
//! missing, every later `open` (this process or a later one) appends, so an
//! air-check is never overwritten. A file of another format is refused and
//! left untouched. The header is checkpointed every second of audio, so a
//! crash loses at most the last second. Silence that aired because the
//! player fell behind is recorded as silence.

use std::fs::File;
use std::io::{BufWriter, ErrorKind};
use std::path::{Path, PathBuf};

use hound::{SampleFormat, WavReader, WavSpec, WavWriter};

use super::pacing::Pacer;
use super::pcm::{samples_in, to_i16, whole_frames};
use super::{CHANNELS, Output, OutputError, SAMPLE_RATE};

/// Audio frames between two header checkpoints.
const CHECKPOINT_FRAMES: u64 = SAMPLE_RATE as u64;
/// Most 16-bit samples a WAV file can hold (its sizes are 32-bit), with
/// room for the header: about 6 h 12 min of 48 kHz stereo.
const MAX_SAMPLES: u64 = (u32::MAX as u64 - 1024) / 2;

type Writer = WavWriter<BufWriter<File>>;

/// An output that records what airs into one WAV file, in real time.
pub struct WavOutput {
    path: PathBuf,
    writer: Option<Writer>,
    pacer: Pacer,
    frames_since_checkpoint: u64,
}

impl WavOutput {
    /// An output that will record into `path` once opened.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            writer: None,
            pacer: Pacer::default(),
            frames_since_checkpoint: 0,
        }
    }

    fn wav_error(&self, source: hound::Error) -> OutputError {
        OutputError::Wav {
            path: self.path.clone(),
            source,
        }
    }

    /// Writes `silence` frames of zeros, then `samples`, checkpointing the
    /// header once a second of audio has accumulated.
    fn record(&mut self, silence: u64, samples: &[f32]) -> Result<(), OutputError> {
        let frames = silence + samples.len() as u64 / CHANNELS as u64;
        let Some(writer) = self.writer.as_mut() else {
            return Err(OutputError::NotOpen);
        };
        if u64::from(writer.len()) + samples_in(frames) > MAX_SAMPLES {
            return Err(OutputError::WavFull {
                path: self.path.clone(),
            });
        }
        let zeros = std::iter::repeat_n(0_i16, samples_in(silence) as usize);
        let result = zeros
            .chain(samples.iter().map(|&s| to_i16(s)))
            .try_for_each(|sample| writer.write_sample(sample));
        self.frames_since_checkpoint += frames;
        let result = result.and_then(|()| {
            if self.frames_since_checkpoint < CHECKPOINT_FRAMES {
                return Ok(());
            }
            self.frames_since_checkpoint = 0;
            writer.flush()
        });
        result.map_err(|source| self.wav_error(source))
    }
}

impl std::fmt::Debug for WavOutput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WavOutput")
            .field("path", &self.path)
            .field("open", &self.writer.is_some())
            .field("pacer", &self.pacer)
            .finish()
    }
}

/// The only format the air-check is written in: 48 kHz, 16-bit, stereo.
fn air_check_spec() -> WavSpec {
    WavSpec {
        channels: CHANNELS as u16,
        sample_rate: SAMPLE_RATE,
        bits_per_sample: 16,
        sample_format: SampleFormat::Int,
    }
}

/// Creates `path`, or appends to it when it already is an air-check.
fn create_or_append(path: &Path) -> Result<Writer, OutputError> {
    let wav_error = |source| OutputError::Wav {
        path: path.to_path_buf(),
        source,
    };
    match File::create_new(path) {
        Ok(file) => WavWriter::new(BufWriter::new(file), air_check_spec()).map_err(wav_error),
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {
            let found = WavReader::open(path).map_err(wav_error)?.spec();
            if found != air_check_spec() {
                return Err(OutputError::WavFormat {
                    path: path.to_path_buf(),
                    found,
                });
            }
            WavWriter::append(path).map_err(wav_error)
        }
        Err(error) => Err(wav_error(hound::Error::IoError(error))),
    }
}

impl Output for WavOutput {
    fn open(&mut self) -> Result<(), OutputError> {
        if self.writer.is_none() {
            self.writer = Some(create_or_append(&self.path)?);
            self.pacer = Pacer::default();
            self.frames_since_checkpoint = 0;
        }
        Ok(())
    }

    fn write(&mut self, samples: &[f32]) -> Result<(), OutputError> {
        if self.writer.is_none() {
            return Err(OutputError::NotOpen);
        }
        let frames = whole_frames(samples)?;
        let silence = self.pacer.queue(frames);
        self.record(silence, samples)?;
        self.pacer.wait_for_room();
        Ok(())
    }

    fn drain(&mut self) -> Result<(), OutputError> {
        let Some(writer) = self.writer.as_mut() else {
            return Err(OutputError::NotOpen);
        };
        self.pacer.wait_until_played();
        self.frames_since_checkpoint = 0;
        writer.flush().map_err(|source| self.wav_error(source))
    }

    fn close(&mut self) {
        self.pacer.stop();
        if let Some(writer) = self.writer.take()
            && let Err(source) = writer.finalize()
        {
            tracing::warn!("{}", self.wav_error(source));
        }
    }

    fn played_samples(&self) -> u64 {
        samples_in(self.pacer.played_frames())
    }
}
