//! Messages about live relays: a bad relay address in the config, and what
//! happened to a relayed stream (for the journal; a failure also for the
//! airing log, in English there: [`super::reason::english`]).

use std::fmt;

use crate::relay::{RelayEvent, RelayEventKind, RelayFailure, RelayUrlError};
use crate::{tr, tr_lang};

use super::lang::Lang;
use super::reason::{Sentence, display_said};

impl fmt::Display for RelayUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Empty => tr!("relay-url-empty"),
            Self::Invalid(reason) => tr!("relay-url-invalid", reason = reason.to_string()),
            Self::Scheme(scheme) => tr!("relay-url-scheme", scheme = scheme.to_string()),
            Self::NoHost => tr!("relay-url-no-host"),
        })
    }
}

impl std::error::Error for RelayUrlError {}

/// A failure's detail in `lang`: details the code writes (in English, for
/// the log) are recognised; a library's or the server's own words are kept.
fn known(lang: Lang, detail: &str) -> String {
    super::reason::logged_in(lang, detail)
}

impl Sentence for RelayFailure {
    fn say(&self, lang: Lang) -> String {
        match self {
            Self::Dns(detail) => tr_lang!(lang, "relay-dns", detail = known(lang, detail)),
            Self::Refused(detail) => tr_lang!(lang, "relay-refused", detail = known(lang, detail)),
            Self::Tls(detail) => tr_lang!(lang, "relay-tls", detail = known(lang, detail)),
            Self::HttpStatus(404) => tr_lang!(lang, "relay-no-stream"),
            Self::HttpStatus(status) => {
                tr_lang!(lang, "relay-http-status", status = status.to_string())
            }
            Self::NotAudio(detail) => {
                tr_lang!(lang, "relay-not-audio", detail = known(lang, detail))
            }
            Self::Playlist(detail) => {
                tr_lang!(lang, "relay-playlist", detail = known(lang, detail))
            }
            Self::Timeout => tr_lang!(lang, "relay-timeout"),
            Self::Stalled => tr_lang!(lang, "relay-stalled"),
            Self::Closed => tr_lang!(lang, "relay-closed"),
            Self::Io(detail) => tr_lang!(lang, "relay-network", detail = known(lang, detail)),
        }
    }
}

display_said!(RelayFailure);

impl std::error::Error for RelayFailure {}

impl fmt::Display for RelayEventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Connected {
                content_type: Some(content_type),
                codec,
            } => tr!(
                "relay-connected-as",
                codec = codec.as_str(),
                content_type = content_type.as_str()
            ),
            Self::Connected { codec, .. } => tr!("relay-connected", codec = codec.as_str()),
            Self::Dropped(failure) => tr!("relay-dropped", failure = failure.to_string()),
            Self::Title(title) => tr!("relay-title", title = title.as_str()),
            Self::Overrun { dropped } => tr!(
                "relay-overrun",
                seconds = format!("{:.1}", dropped.as_secs_f64())
            ),
            Self::Lost { count } => tr!("relay-events-lost", count = count.to_string()),
        })
    }
}

impl fmt::Display for RelayEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.at.format("%Y-%m-%dT%H:%M:%SZ"), self.kind)
    }
}
