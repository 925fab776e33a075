//! Why a segment file cannot be aired. Typed, so `loa check` can count and
//! group problems, and so the wording lives in one place (`src/text/audio.rs`).

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why probing or decoding a segment file failed. Every variant names the
/// file, because the technician has to find it among hundreds.
#[derive(Debug)]
pub enum AudioError {
    /// There is no file at the path.
    Missing { path: PathBuf },
    /// The path is a folder, pipe or device. Opening a pipe would block
    /// forever, so it is refused before it is opened.
    NotAFile { path: PathBuf },
    /// The file has zero bytes: usually a copy that never started.
    Empty { path: PathBuf },
    /// Nothing in the bytes looks like a format loa plays (a text file, a
    /// picture, random data), whatever the file's name says.
    NotAudio { path: PathBuf },
    /// The bytes are an audio format, but its audio cannot be decoded.
    Undecodable { path: PathBuf, reason: Undecodable },
    /// The header promises more audio than the file holds: usually a copy
    /// that was interrupted. Airing it would end the segment early.
    Truncated {
        path: PathBuf,
        declared: Duration,
        found: Duration,
    },
    /// The file stops mid-stream (an Ogg without its end-of-stream page,
    /// an MP3 whose last frame is incomplete): an interrupted copy, though
    /// it decodes as a shorter recording that would stop mid-word.
    Unfinished { path: PathBuf, how: Unfinished },
    /// A valid file that holds no audio at all.
    ZeroDuration { path: PathBuf },
    /// A sample rate or channel count outside what the decoder converts.
    UnsupportedSignal {
        path: PathBuf,
        sample_rate: u32,
        channels: u16,
    },
    /// The operating system could not read the file.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Why a file recognised as audio cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecodable {
    /// The container holds no audio track (or only tracks with no codec).
    NoAudioTrack,
    /// The codec is recognised but loa has no decoder for it.
    UnsupportedCodec { codec: String },
    /// The container or codec data is malformed; `detail` is the decoding
    /// library's own words, kept for whoever investigates.
    Malformed { detail: String },
    /// The file ends inside its headers or where the format requires more
    /// (an interrupted copy).
    EndsEarly,
    /// None of the first packets decoded.
    NoDecodablePacket,
    /// Too many damaged packets: what would air is mostly gaps.
    TooManyBadPackets { bad: u32 },
    /// The stream changes its format part-way (a chained Ogg stream, say).
    StreamChanged,
    /// The decoding library crashed (panicked) on this file's bytes.
    Crashed,
}

/// How a file with no declared length shows that it was cut off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfinished {
    /// The last whole Ogg page lacks the end-of-stream flag every Ogg
    /// encoder sets on a stream's last page.
    NoEndOfStream,
    /// The last MPEG audio frame's header promises more bytes than follow.
    MidFrame,
}

impl std::error::Error for AudioError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl AudioError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Missing { path }
            | Self::NotAFile { path }
            | Self::Empty { path }
            | Self::NotAudio { path }
            | Self::Undecodable { path, .. }
            | Self::Truncated { path, .. }
            | Self::Unfinished { path, .. }
            | Self::ZeroDuration { path }
            | Self::UnsupportedSignal { path, .. }
            | Self::Io { path, .. } => path,
        }
    }

    /// Reading `path` failed with `source`; a vanished file is `Missing`.
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::NotFound {
            Self::Missing {
                path: path.to_path_buf(),
            }
        } else {
            Self::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }

    /// `path` is audio that cannot be decoded, for `reason`.
    pub(crate) fn undecodable(path: &Path, reason: Undecodable) -> Self {
        Self::Undecodable {
            path: path.to_path_buf(),
            reason,
        }
    }
}
