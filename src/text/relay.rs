//! Messages about live relays: a bad relay address in the config, and what
//! happened to a relayed stream (for the airing log and the journal).

use std::fmt;

use crate::relay::{RelayEvent, RelayEventKind, RelayFailure, RelayUrlError};

impl fmt::Display for RelayUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "the relay address is empty"),
            Self::Invalid(reason) => write!(f, "not a valid stream address ({reason})"),
            Self::Scheme(scheme) => write!(
                f,
                "a relay address must start with http:// or https://, not {scheme}://"
            ),
            Self::NoHost => write!(f, "the relay address names no server"),
        }
    }
}

impl std::error::Error for RelayUrlError {}

impl fmt::Display for RelayFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Dns(detail) => write!(
                f,
                "the stream's server name could not be found (check the address and the \
                 station's internet connection): {detail}"
            ),
            Self::Refused(detail) => write!(
                f,
                "the stream's server refused the connection (wrong port, or the stream is \
                 off the air): {detail}"
            ),
            Self::Tls(detail) => write!(f, "the secure (https) connection failed: {detail}"),
            Self::HttpStatus(404) => write!(f, "the server has no stream at this address (404)"),
            Self::HttpStatus(status) => write!(f, "the server answered with HTTP status {status}"),
            Self::NotAudio(detail) => {
                write!(f, "the server did not send audio loa can play: {detail}")
            }
            Self::Playlist(detail) => write!(f, "the playlist cannot be used: {detail}"),
            Self::Timeout => write!(f, "the server did not answer in time"),
            Self::Stalled => write!(f, "the stream stopped sending audio"),
            Self::Closed => write!(f, "the server closed the stream"),
            Self::Io(detail) => write!(f, "network error: {detail}"),
        }
    }
}

impl std::error::Error for RelayFailure {}

impl fmt::Display for RelayEventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Connected {
                content_type,
                codec,
            } => match content_type {
                Some(content_type) => write!(f, "relay connected ({codec}, {content_type})"),
                None => write!(f, "relay connected ({codec})"),
            },
            Self::Dropped(failure) => write!(f, "relay dropped: {failure}; reconnecting"),
            Self::Title(title) => write!(f, "relay programme: {title}"),
            Self::Overrun { dropped } => write!(
                f,
                "relay buffer full: {:.1} s of audio skipped to stay live",
                dropped.as_secs_f64()
            ),
            Self::Lost { count } => write!(f, "{count} older relay events were not recorded"),
        }
    }
}

impl fmt::Display for RelayEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.at.format("%Y-%m-%dT%H:%M:%SZ"), self.kind)
    }
}
