//! What happened to a relay, for the airing log: typed values with their
//! UTC time, rendered in `src/text/relay.rs`.

use std::collections::VecDeque;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// One thing that happened to a relay, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct RelayEvent {
    /// When it happened (the relay's thread noticed it).
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: RelayEventKind,
}

/// What happened to a relay. The airing log records these so a Department
/// can see when the relayed programme was actually on air.
#[derive(Debug, Clone, PartialEq)]
pub enum RelayEventKind {
    /// The stream is open and decoding: its declared content type (if any)
    /// and the codec actually found in the bytes (`"mp3"`, `"aac"`, `"vorbis"`).
    Connected {
        content_type: Option<String>,
        codec: String,
    },
    /// The stream failed or ended; the relay reconnects after a backoff.
    Dropped(RelayFailure),
    /// The stream's ICY `StreamTitle` changed (the programme's name).
    Title(String),
    /// The buffer was full (the server sends faster than real time), so this
    /// much of the oldest audio was discarded.
    Overrun { dropped: Duration },
    /// This many older events were discarded because nobody took them:
    /// the queue is bounded so a stream flapping all day cannot grow it.
    Lost { count: u64 },
}

/// Why a relay connection failed or ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelayFailure {
    /// The host name could not be resolved.
    Dns(String),
    /// The host refused the connection (nothing listening on that port).
    Refused(String),
    /// The TLS handshake or certificate check failed.
    Tls(String),
    /// The server answered with this non-success HTTP status.
    HttpStatus(u16),
    /// The response is not audio loa can decode: its content type, or bytes
    /// that do not decode.
    NotAudio(String),
    /// A playlist (.m3u, .pls) with no usable stream address.
    Playlist(String),
    /// No connection or no response headers within the connect timeout.
    Timeout,
    /// The connection stayed open but gave no audio for the stall timeout.
    Stalled,
    /// The server closed the stream.
    Closed,
    /// Another network or I/O error.
    Io(String),
}

/// How many events are kept for [`crate::relay::Relay::take_events`].
pub(crate) const EVENT_CAPACITY: usize = 256;

/// A bounded queue of events: the newest [`EVENT_CAPACITY`] are kept, the
/// older ones only counted.
#[derive(Debug, Default)]
pub(crate) struct EventQueue {
    events: VecDeque<RelayEvent>,
    lost: u64,
    lost_at: Option<DateTime<Utc>>,
}

impl EventQueue {
    /// Records `kind` as happening now.
    pub fn push(&mut self, kind: RelayEventKind) {
        tracing::debug!(event = ?kind, "relay");
        if self.events.len() == EVENT_CAPACITY
            && let Some(oldest) = self.events.pop_front()
        {
            self.lost += 1;
            self.lost_at = Some(oldest.at);
        }
        self.events.push_back(RelayEvent {
            at: Utc::now(),
            kind,
        });
    }

    /// Everything queued, oldest first, led by a [`RelayEventKind::Lost`]
    /// if some were discarded.
    pub fn take(&mut self) -> Vec<RelayEvent> {
        let mut taken = Vec::with_capacity(self.events.len() + 1);
        if let Some(at) = self.lost_at.take() {
            taken.push(RelayEvent {
                at,
                kind: RelayEventKind::Lost { count: self.lost },
            });
            self.lost = 0;
        }
        taken.extend(self.events.drain(..));
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flapping_stream_keeps_the_newest_events_and_counts_the_rest() {
        let mut queue = EventQueue::default();
        for n in 0..1000 {
            queue.push(RelayEventKind::Title(n.to_string()));
        }
        let events = queue.take();
        assert_eq!(events.len(), EVENT_CAPACITY + 1);
        assert_eq!(
            events[0].kind,
            RelayEventKind::Lost {
                count: 1000 - EVENT_CAPACITY as u64
            }
        );
        assert_eq!(events[1].kind, RelayEventKind::Title("744".into()));
        assert_eq!(
            events[EVENT_CAPACITY].kind,
            RelayEventKind::Title("999".into())
        );
        assert!(queue.take().is_empty());
    }
}
