//! Messages about segment audio files: what is wrong with the file, and what
//! the technician can do about it. A skipped segment's reason in the airing
//! log is one of them, in English ([`super::reason::english`]).

use std::fmt;
use std::time::Duration;

use crate::audio::{AudioError, Undecodable, Unfinished};
use crate::tr_lang;

use super::lang::Lang;
use super::reason::{Sentence, display_said};

impl Sentence for AudioError {
    fn say(&self, lang: Lang) -> String {
        let path = self.path().display().to_string();
        match self {
            Self::Missing { .. } => tr_lang!(lang, "audio-missing", path = path),
            Self::NotAFile { .. } => tr_lang!(lang, "audio-not-a-file", path = path),
            Self::Empty { .. } => tr_lang!(lang, "audio-empty", path = path),
            Self::NotAudio { .. } => tr_lang!(lang, "audio-not-audio", path = path),
            Self::Undecodable {
                reason: reason @ Undecodable::EndsEarly,
                ..
            } => tr_lang!(
                lang,
                "audio-undecodable-copy",
                path = path,
                reason = reason.say(lang)
            ),
            Self::Undecodable { reason, .. } => tr_lang!(
                lang,
                "audio-undecodable",
                path = path,
                reason = reason.say(lang)
            ),
            Self::Truncated {
                declared, found, ..
            } => tr_lang!(
                lang,
                "audio-truncated",
                path = path,
                declared = Length(*declared).to_string(),
                found = Length(*found).to_string()
            ),
            Self::Unfinished { how, .. } => {
                tr_lang!(lang, "audio-unfinished", path = path, how = how.say(lang))
            }
            Self::ZeroDuration { .. } => tr_lang!(lang, "audio-zero-length", path = path),
            Self::UnsupportedSignal {
                sample_rate,
                channels,
                ..
            } => tr_lang!(
                lang,
                "audio-unsupported-signal",
                path = path,
                rate = sample_rate.to_string(),
                channels = channels.to_string()
            ),
            Self::Io { source, .. } => tr_lang!(
                lang,
                "audio-unreadable",
                path = path,
                detail = super::io_error_text_in(lang, source)
            ),
        }
    }
}

impl Sentence for Undecodable {
    fn say(&self, lang: Lang) -> String {
        match self {
            Self::NoAudioTrack => tr_lang!(lang, "undecodable-no-audio-track"),
            Self::UnsupportedCodec { codec } => {
                tr_lang!(lang, "undecodable-codec", codec = codec.to_string())
            }
            Self::Malformed { detail } => {
                tr_lang!(lang, "undecodable-damaged", detail = detail.to_string())
            }
            Self::EndsEarly => tr_lang!(lang, "undecodable-ends-early"),
            Self::NoDecodablePacket => tr_lang!(lang, "undecodable-no-packet"),
            Self::TooManyBadPackets { bad } => {
                tr_lang!(lang, "undecodable-bad-packets", bad = bad.to_string())
            }
            Self::StreamChanged => tr_lang!(lang, "undecodable-format-changes"),
            Self::Crashed => tr_lang!(lang, "undecodable-decoder-failed"),
        }
    }
}

impl Sentence for Unfinished {
    fn say(&self, lang: Lang) -> String {
        match self {
            Self::NoEndOfStream => tr_lang!(lang, "unfinished-ogg"),
            Self::MidFrame => tr_lang!(lang, "unfinished-mp3"),
        }
    }
}

display_said!(AudioError, Undecodable, Unfinished);

/// A duration as a technician reads it: `4 min 05.3 s`, `12.04 s` (unit
/// symbols, the same in every language).
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
