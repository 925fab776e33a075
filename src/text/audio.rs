//! Messages about segment audio files: what is wrong with the file, and what
//! the technician can do about it.

use std::fmt;
use std::time::Duration;

use crate::audio::{AudioError, Undecodable, Unfinished};

impl fmt::Display for AudioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path().display();
        match self {
            Self::Missing { .. } => write!(
                f,
                "{path}: no such file (check the name in the playlist against the audio folder)"
            ),
            Self::NotAFile { .. } => {
                write!(
                    f,
                    "{path}: is a folder or a special file, not an audio file"
                )
            }
            Self::Empty { .. } => write!(f, "{path}: the file is empty (0 bytes); copy it again"),
            Self::NotAudio { .. } => write!(
                f,
                "{path}: not an audio file in a format loa plays (mp3, ogg/vorbis, flac, wav), \
                 whatever its name says"
            ),
            Self::Undecodable {
                reason: reason @ Undecodable::EndsEarly,
                ..
            } => write!(f, "{path}: cannot be decoded: {reason}; copy it again"),
            Self::Undecodable { reason, .. } => write!(
                f,
                "{path}: cannot be decoded: {reason}; export or convert it again \
                 (for example to mp3 or ogg)"
            ),
            Self::Truncated {
                declared, found, ..
            } => write!(
                f,
                "{path}: the file is cut short: its header says {} but it holds only {} \
                 (an interrupted copy?); copy it again",
                Length(*declared),
                Length(*found)
            ),
            Self::Unfinished { how, .. } => write!(
                f,
                "{path}: the file is cut short: {how} (an interrupted copy or upload?); \
                 copy it again"
            ),
            Self::ZeroDuration { .. } => write!(f, "{path}: the file holds no audio (0 s long)"),
            Self::UnsupportedSignal {
                sample_rate,
                channels,
                ..
            } => write!(
                f,
                "{path}: {sample_rate} Hz with {channels} channel(s) is not supported \
                 (loa plays 8000 to 192000 Hz, 1 to 8 channels); convert it to 48000 Hz stereo"
            ),
            Self::Io { source, .. } => write!(f, "{path}: cannot read the file: {source}"),
        }
    }
}

impl fmt::Display for Undecodable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoAudioTrack => write!(f, "it holds no audio track"),
            Self::UnsupportedCodec { codec } => {
                write!(f, "its audio is coded as {codec}, which loa cannot decode")
            }
            Self::Malformed { detail } => write!(f, "its data is damaged ({detail})"),
            Self::EndsEarly => write!(
                f,
                "the file ends before its audio does (an interrupted copy?)"
            ),
            Self::NoDecodablePacket => write!(f, "none of its first audio packets decode"),
            Self::TooManyBadPackets { bad } => {
                write!(f, "{bad} of its audio packets are damaged")
            }
            Self::StreamChanged => write!(f, "its audio format changes part-way through"),
            Self::Crashed => write!(f, "the audio decoder failed on its data"),
        }
    }
}

impl fmt::Display for Unfinished {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoEndOfStream => write!(
                f,
                "it ends before the end of its Ogg stream (the last page has no end-of-stream mark)"
            ),
            Self::MidFrame => write!(f, "it ends in the middle of an MP3 frame"),
        }
    }
}

/// A duration as a technician reads it: `4 min 05.3 s`, `12.04 s`.
struct Length(Duration);

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.as_millis();
        let (minutes, millis) = (millis / 60_000, millis % 60_000);
        if minutes > 0 {
            write!(
                f,
                "{minutes} min {:02}.{} s",
                millis / 1000,
                millis % 1000 / 100
            )
        } else {
            write!(f, "{}.{:02} s", millis / 1000, millis % 1000 / 10)
        }
    }
}
