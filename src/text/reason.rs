//! Sentences the airing log holds as free text (why an airing failed or
//! was interrupted, why a segment was skipped). The log is machine output:
//! they are written in English whatever the station's language, from the
//! catalogue ([`for_the_log`]), and recognised when read back to be shown
//! in the reader's language ([`logged_in`]); a sentence not known (from an
//! older loa, or a device's own words) is shown as written.

use super::catalogue::{Arg, recognise, tr_in};
use super::lang::{Lang, current};

/// The catalogue's ids of the sentences loa writes into the log, the most
/// specific first (a sentence is shown as the first that matches).
const LOGGED: &[&str] = &[
    "reason-shutdown",
    "reason-nothing-aired",
    "reason-daemon-stopped",
    "reason-player-thread-failed",
    "reason-file-missing",
    "reason-relay-never-came",
    "reason-reopened",
    "reason-not-resumed",
    "reason-not-started",
    "reason-not-aired-stopped",
    "reason-unknown-stopped",
    // What is wrong with a segment's file (a skipped segment's reason).
    "audio-missing",
    "audio-not-a-file",
    "audio-empty",
    "audio-not-audio",
    "audio-undecodable-copy",
    "audio-undecodable",
    "audio-truncated",
    "audio-unfinished",
    "audio-zero-length",
    "audio-unsupported-signal",
    "audio-unreadable",
    "undecodable-no-audio-track",
    "undecodable-codec",
    "undecodable-damaged",
    "undecodable-ends-early",
    "undecodable-no-packet",
    "undecodable-bad-packets",
    "undecodable-format-changes",
    "undecodable-decoder-failed",
    "unfinished-ogg",
    "unfinished-mp3",
    "silent-segment",
    "priming-failed",
    // The sound device's failures ("output-device" last: it takes any
    // sentence about a named device).
    "output-not-open",
    "output-partial-frame",
    "output-wav",
    "output-wav-format",
    "output-wav-full",
    "output-worker-start",
    "output-worker-died-said",
    "output-worker-died",
    "output-exit-unknown",
    "output-stalled",
    "output-open-timed-out",
    "output-pipe",
    "output-device",
    "device-no-such-suggest",
    "device-no-such",
    "device-busy",
    "device-unavailable",
    "device-permission",
    "device-unsupported",
    "device-not-starting",
    "device-not-keeping-time",
    "device-keeps-failing",
    "device-no-alsa",
    // A relayed stream's failures.
    "relay-dns",
    "relay-refused",
    "relay-tls",
    "relay-no-stream",
    "relay-http-status",
    "relay-not-audio",
    "relay-playlist",
    "relay-timeout",
    "relay-stalled",
    "relay-closed",
    "relay-network",
    "relay-detail-no-frame",
    "relay-detail-nested-playlists",
    "relay-detail-no-runtime",
    "relay-detail-no-thread",
    "relay-detail-decoder-crashed",
    "announce-not-found",
    "announce-file-missing",
    "announce-audio",
    "announce-nothing-to-air",
    "announce-queue-full",
    "relay-detail-frames-undecodable",
    "relay-detail-sample-rate",
    "relay-detail-sample-rate-refused",
    "relay-detail-resampler",
    "relay-detail-unsupported",
];

/// A sentence loa can say in either language: an error whose text the
/// airing log may hold (in English, [`english`]) and a person reads (in
/// their language, through its `Display`).
pub trait Sentence {
    /// The sentence in `lang`.
    fn say(&self, lang: Lang) -> String;
}

/// `sentence` as the airing log holds it: English, whatever the process
/// speaks (a skipped segment's reason, a device failure, a relay's).
pub fn english(sentence: &(impl Sentence + ?Sized)) -> String {
    sentence.say(Lang::En)
}

/// `Display` for [`Sentence`] types: the sentence in the process's
/// language.
macro_rules! display_said {
    ($($ty:ty),+ $(,)?) => {
        $(impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let lang = $crate::text::lang::current();
                f.write_str(&$crate::text::reason::Sentence::say(self, lang))
            }
        })+
    };
}
pub(crate) use display_said;

pub use super::catalogue::for_the_log;

/// A sentence from the airing log in the process's language.
pub fn logged(text: &str) -> String {
    logged_in(current(), text)
}

/// A sentence from the airing log in `lang`: a known sentence in its
/// words there (its values too, when they are known sentences), any other
/// as written.
pub fn logged_in(lang: Lang, text: &str) -> String {
    for id in LOGGED {
        let Some(values) = recognise(Lang::En, id, text) else {
            continue;
        };
        let shown: Vec<(String, String)> = values
            .into_iter()
            .map(|(name, value)| (name, logged_in(lang, &value)))
            .collect();
        let args: Vec<(&str, Arg<'_>)> = shown
            .iter()
            .map(|(name, value)| (name.as_str(), Arg::from(value.as_str())))
            .collect();
        return tr_in(lang, id, &args);
    }
    system_words_in(lang, text).unwrap_or_else(|| text.to_string())
}

/// The system's sentence for a failed file operation, as Rust writes it
/// ("No such file or directory (os error 2)"), in `lang`: known by its
/// error number, whatever the words were.
fn system_words_in(lang: Lang, text: &str) -> Option<String> {
    let number = text.strip_suffix(')')?.rsplit_once("(os error ")?.1;
    let code: i32 = number.parse().ok()?;
    let kind = std::io::Error::from_raw_os_error(code).kind();
    Some(super::io_failure_text_in(lang, kind, Some(code), text))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_known_reason_is_shown_in_vietnamese() {
        assert_eq!(logged_in(Lang::En, "shutdown"), "shutdown");
        assert_ne!(logged_in(Lang::Vi, "shutdown"), "shutdown");
        assert_ne!(logged_in(Lang::Vi, "nothing aired"), "nothing aired");
        // Written as literals where the daemon closes an airing.
        for written in [
            "the daemon stopped during the airing (crash, kill or power cut)",
            "player thread failed",
        ] {
            assert_ne!(logged_in(Lang::Vi, written), written);
        }
    }

    #[test]
    fn a_reason_inside_a_reason_is_shown_in_vietnamese_too() {
        let inner = for_the_log("reason-nothing-aired", &[]);
        let outer = for_the_log("reason-reopened", &[("failure", Arg::from(inner.as_str()))]);
        let shown = logged_in(Lang::Vi, &outer);
        assert_eq!(
            shown,
            tr_in(
                Lang::Vi,
                "reason-reopened",
                &[("failure", Arg::from(logged_in(Lang::Vi, &inner)))]
            )
        );
        assert!(!shown.contains("nothing aired"), "{shown}");
    }

    use std::path::PathBuf;
    use std::time::Duration;

    use crate::audio::{AudioError, Undecodable, Unfinished};
    use crate::playout::output::{DeviceFailure, OutputError};
    use crate::playout::player::PrimingFailed;
    use crate::playout::silence::SilentSegment;
    use crate::relay::RelayFailure;

    include!("../../tests/support/common/english_words.rs");

    /// The words of `text` outside quotes and the given `values`.
    pub(crate) fn english_words(text: &str, values: &[&str]) -> Vec<String> {
        let mut prose = text.to_string();
        for value in values {
            prose = prose.replace(value, " ");
        }
        let mut outside = String::new();
        let mut quote = None;
        for c in prose.chars() {
            match (quote, c) {
                (None, '"' | '`') => quote = Some(c),
                (Some(q), _) if q == c => quote = None,
                (None, _) => outside.push(c),
                _ => {}
            }
        }
        outside
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| ENGLISH_WORDS.contains(&w.to_lowercase().as_str()))
            .map(str::to_string)
            .collect()
    }

    /// `sentence` goes into the log in English, is recognised there and
    /// shown in Vietnamese with its `values` kept.
    fn assert_logged(sentence: &dyn Sentence, values: &[&str]) {
        let written = english(sentence);
        assert_eq!(written, sentence.say(Lang::En));
        let shown = logged_in(Lang::Vi, &written);
        assert_eq!(shown, sentence.say(Lang::Vi), "not recognised: {written}");
        assert_ne!(shown, written);
        let english = english_words(&shown, values);
        assert!(english.is_empty(), "English {english:?} in: {shown}");
        assert_eq!(logged_in(Lang::En, &written), written);
        for value in values {
            assert!(written.contains(value), "{value} lost in: {written}");
            assert!(shown.contains(value), "{value} lost in: {shown}");
        }
    }

    fn path() -> PathBuf {
        PathBuf::from("/srv/loa/am-thanh/ban tin: sang.mp3")
    }

    const PATH: &str = "/srv/loa/am-thanh/ban tin: sang.mp3";

    #[test]
    fn what_is_wrong_with_a_file_is_written_in_english_and_shown_in_vietnamese() {
        let undecodable = |reason| AudioError::Undecodable {
            path: path(),
            reason,
        };
        let cases: Vec<(AudioError, Vec<&str>)> = vec![
            (AudioError::Missing { path: path() }, vec![]),
            (AudioError::NotAFile { path: path() }, vec![]),
            (AudioError::Empty { path: path() }, vec![]),
            (AudioError::NotAudio { path: path() }, vec![]),
            (undecodable(Undecodable::NoAudioTrack), vec![]),
            (
                undecodable(Undecodable::UnsupportedCodec {
                    codec: "aac".into(),
                }),
                vec!["aac"],
            ),
            (
                undecodable(Undecodable::Malformed {
                    detail: "bad frame header".into(),
                }),
                vec!["bad frame header"],
            ),
            (undecodable(Undecodable::EndsEarly), vec![]),
            (undecodable(Undecodable::NoDecodablePacket), vec![]),
            (
                undecodable(Undecodable::TooManyBadPackets { bad: 17 }),
                vec!["17"],
            ),
            (undecodable(Undecodable::StreamChanged), vec![]),
            (undecodable(Undecodable::Crashed), vec![]),
            (
                AudioError::Truncated {
                    path: path(),
                    declared: Duration::from_millis(245_300),
                    found: Duration::from_millis(12_040),
                },
                vec!["4 min 05.3 s", "12.04 s"],
            ),
            (
                AudioError::Unfinished {
                    path: path(),
                    how: Unfinished::NoEndOfStream,
                },
                vec![],
            ),
            (
                AudioError::Unfinished {
                    path: path(),
                    how: Unfinished::MidFrame,
                },
                vec![],
            ),
            (AudioError::ZeroDuration { path: path() }, vec![]),
            (
                AudioError::UnsupportedSignal {
                    path: path(),
                    sample_rate: 4000,
                    channels: 12,
                },
                vec!["4000", "12"],
            ),
            (
                AudioError::Io {
                    path: path(),
                    source: std::io::Error::other("Input/output error"),
                },
                vec!["Input/output error"],
            ),
        ];
        for (error, values) in &cases {
            assert_logged(error, &[&[PATH][..], values].concat());
        }
        assert_logged(&SilentSegment, &[]);
        assert_logged(&PrimingFailed, &[]);
    }

    #[test]
    fn a_device_failure_is_written_in_english_and_shown_in_vietnamese() {
        let device = |failure| OutputError::Device {
            device: "hw:1,0".into(),
            failure,
        };
        let cases: Vec<(OutputError, Vec<&str>)> = vec![
            (OutputError::NotOpen, vec![]),
            (OutputError::PartialFrame { samples: 3 }, vec!["3"]),
            (
                OutputError::WavFull {
                    path: "/var/lib/loa/aircheck.wav".into(),
                },
                vec!["/var/lib/loa/aircheck.wav"],
            ),
            (
                OutputError::WorkerDied {
                    device: "hw:1,0".into(),
                    status: None,
                    last_warning: Some("underrun!!! (at least 3 ms long)".into()),
                },
                vec!["hw:1,0", "underrun!!! (at least 3 ms long)"],
            ),
            (
                OutputError::WorkerDied {
                    device: "hw:1,0".into(),
                    status: None,
                    last_warning: None,
                },
                vec!["hw:1,0"],
            ),
            (
                OutputError::Stalled {
                    device: "hw:1,0".into(),
                    silent_for: Duration::from_millis(4_500),
                },
                vec!["hw:1,0", "4.5"],
            ),
            (
                OutputError::OpenTimedOut {
                    device: "hw:1,0".into(),
                    waited: Duration::from_secs(10),
                },
                vec!["hw:1,0", "10"],
            ),
            (
                OutputError::Pipe {
                    device: "hw:1,0".into(),
                    source: std::io::Error::other("broken pipe"),
                },
                vec!["hw:1,0"],
            ),
            (
                device(DeviceFailure::NoSuchDevice {
                    suggestion: Some("plughw:1,0".into()),
                }),
                vec!["hw:1,0", "plughw:1,0"],
            ),
            (
                device(DeviceFailure::NoSuchDevice { suggestion: None }),
                vec!["hw:1,0"],
            ),
            (device(DeviceFailure::Busy), vec!["hw:1,0"]),
            (
                device(DeviceFailure::Unavailable("No such device".into())),
                vec!["hw:1,0", "No such device"],
            ),
            (device(DeviceFailure::PermissionDenied), vec!["hw:1,0"]),
            (
                device(DeviceFailure::Unsupported("S32_LE only".into())),
                vec!["hw:1,0", "S32_LE only"],
            ),
            (device(DeviceFailure::NotStarting), vec!["hw:1,0"]),
            (device(DeviceFailure::NotKeepingTime), vec!["hw:1,0"]),
            (
                device(DeviceFailure::KeepsFailing("EPIPE".into())),
                vec!["hw:1,0", "EPIPE"],
            ),
            (
                device(DeviceFailure::NoAudioSystem("no card".into())),
                vec!["hw:1,0", "no card"],
            ),
        ];
        for (error, values) in &cases {
            assert_logged(error, values);
        }
    }

    #[test]
    fn a_failure_inside_a_reopened_segment_is_shown_in_vietnamese() {
        let failure = english(&OutputError::Device {
            device: "hw:1,0".into(),
            failure: DeviceFailure::Busy,
        });
        let written = for_the_log(
            "reason-reopened",
            &[("failure", Arg::from(failure.as_str()))],
        );
        let shown = logged_in(Lang::Vi, &written);
        assert!(shown.contains("hw:1,0"), "{shown}");
        let english = english_words(&shown, &["hw:1,0"]);
        assert!(english.is_empty(), "English {english:?} in: {shown}");
    }

    #[test]
    fn a_relay_failure_is_written_in_english_and_shown_in_vietnamese() {
        let cases: Vec<(RelayFailure, Vec<&str>)> = vec![
            (
                RelayFailure::Dns("failed to lookup address".into()),
                vec!["failed to lookup address"],
            ),
            (
                RelayFailure::Refused("Connection refused (os error 111)".into()),
                vec!["Connection refused (os error 111)"],
            ),
            (
                RelayFailure::Tls("invalid peer certificate".into()),
                vec!["invalid peer certificate"],
            ),
            (RelayFailure::HttpStatus(404), vec!["404"]),
            (RelayFailure::HttpStatus(503), vec!["503"]),
            (
                RelayFailure::NotAudio("text/html".into()),
                vec!["text/html"],
            ),
            (
                RelayFailure::Playlist("no stream in it".into()),
                vec!["no stream in it"],
            ),
            (RelayFailure::Timeout, vec![]),
            (RelayFailure::Stalled, vec![]),
            (RelayFailure::Closed, vec![]),
            (
                RelayFailure::Io("connection reset".into()),
                vec!["connection reset"],
            ),
        ];
        for (failure, values) in &cases {
            assert_logged(failure, values);
        }
    }

    #[test]
    fn a_relay_streams_decoding_details_are_written_in_english_and_shown_in_vietnamese() {
        let details: Vec<(String, Vec<&str>)> = vec![
            (for_the_log("relay-detail-frames-undecodable", &[]), vec![]),
            (
                for_the_log("relay-detail-sample-rate", &[("hz", "96000".into())]),
                vec!["96000"],
            ),
            (
                for_the_log(
                    "relay-detail-sample-rate-refused",
                    &[
                        ("hz", "11025".into()),
                        ("error", "ratio out of range".into()),
                    ],
                ),
                vec!["11025", "ratio out of range"],
            ),
            (
                for_the_log("relay-detail-resampler", &[("error", "bad chunk".into())]),
                vec!["bad chunk"],
            ),
            (
                for_the_log(
                    "relay-detail-unsupported",
                    &[("what", "core (codec)".into())],
                ),
                vec!["core (codec)"],
            ),
        ];
        for (detail, values) in &details {
            assert_logged(&RelayFailure::NotAudio(detail.clone()), values);
        }
    }

    /// Regression: the daemon refused `loa play --now` in its own language
    /// (Vietnamese on a station), whatever the caller's; the refusal now
    /// travels in English and the caller shows it in its own.
    #[test]
    fn an_announcement_refused_is_sent_in_english_and_shown_in_vietnamese() {
        use crate::playout::announcement::AnnounceError;
        let undecodable = english(&AudioError::Empty { path: path() });
        let cases: Vec<(AnnounceError, Vec<&str>)> = vec![
            (
                AnnounceError::NotFound {
                    what: "thong-bao".into(),
                },
                vec!["thong-bao"],
            ),
            (
                AnnounceError::FileMissing {
                    path: "/srv/loa/khan.wav".into(),
                },
                vec!["/srv/loa/khan.wav"],
            ),
            (AnnounceError::Audio(undecodable), vec![PATH]),
            (
                AnnounceError::NothingToAir {
                    playlist: "cchc".into(),
                },
                vec!["cchc"],
            ),
            (AnnounceError::QueueFull, vec![]),
        ];
        for (refusal, values) in &cases {
            assert_logged(refusal, values);
        }
    }

    #[test]
    fn the_daemons_literal_reasons_are_shown_in_vietnamese() {
        for id in [
            "reason-not-resumed",
            "reason-not-started",
            "reason-not-aired-stopped",
            "reason-unknown-stopped",
        ] {
            let written = for_the_log(id, &[]);
            let shown = logged_in(Lang::Vi, &written);
            assert_eq!(shown, tr_in(Lang::Vi, id, &[]));
            let english = english_words(&shown, &[]);
            assert!(english.is_empty(), "English {english:?} in: {shown}");
        }
    }

    /// A file the daemon could not read for a reason the system words
    /// ("Permission denied (os error 13)"): the log keeps the system's
    /// English, the reader sees it in Vietnamese.
    #[test]
    fn the_systems_words_in_a_logged_reason_are_shown_in_vietnamese() {
        let written = english(&AudioError::Io {
            path: path(),
            source: std::io::Error::from_raw_os_error(13),
        });
        assert!(written.contains("(os error 13)"), "{written}");
        let shown = logged_in(Lang::Vi, &written);
        assert!(shown.contains("mã lỗi hệ thống 13"), "{shown}");
        let error = AudioError::Io {
            path: path(),
            source: std::io::Error::from_raw_os_error(13),
        };
        assert_eq!(shown, error.say(Lang::Vi), "as `loa check` says it");
        let english = english_words(&shown, &[PATH]);
        assert!(english.is_empty(), "English {english:?} in: {shown}");
        assert_eq!(logged_in(Lang::En, &written), written);
        // An error number the catalogue has no words for stays as written.
        assert_eq!(
            logged_in(Lang::Vi, "Broken pipe (os error 32)"),
            "Broken pipe (os error 32)"
        );
    }

    #[test]
    fn an_unknown_reason_is_shown_as_written() {
        assert_eq!(
            logged_in(Lang::Vi, "snd_pcm_open: Device or resource busy"),
            "snd_pcm_open: Device or resource busy"
        );
    }
}
