//! Live relays: a commune station airs the national (VOV) or provincial
//! station's stream at scheduled times. This module is the stream source
//! under such a slot: it connects to an HTTP(S) Icecast/SHOUTcast stream
//! (or a .m3u/.pls playlist naming one), decodes it (MP3, AAC in ADTS, Ogg
//! Vorbis; symphonia 0.5 has no Opus), and hands out 48 kHz interleaved
//! stereo f32 at the player's pace, from a bounded buffer, reconnecting
//! after any failure and recording what happened.
//!
//! ```text
//! Relay::start ──thread──▶ connect (reqwest, current-thread tokio)
//!                           └▶ BodyReader (deadlines, stop, ICY cut out)
//!                               └▶ symphonia probe + decode ─▶ 48 kHz stereo
//!                                   └▶ SampleBuffer (≤ 2 × buffer) ─▶ Relay::read
//!                  events ─▶ EventQueue (last 256) ─▶ Relay::take_events
//! ```
//!
//! The player never waits on the network: [`Relay::read`] only copies what
//! is buffered. Every network wait in the thread has a deadline and ends
//! when the relay is dropped. Messages are worded in `src/text/relay.rs`.

mod body;
mod buffer;
mod connect;
mod event;
mod icy;
mod options;
mod playlist;
mod session;
mod stream_thread;
mod url;

use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::watch;

use crate::audio::{CHANNELS, SAMPLE_RATE};
use buffer::SampleBuffer;
use event::EventQueue;

pub use event::{RelayEvent, RelayEventKind, RelayFailure};
pub use options::RelayOptions;
pub use url::{RelayUrl, RelayUrlError};

/// A live stream being relayed. It owns a background thread that keeps the
/// stream connected; dropping the relay stops and joins that thread within
/// a fraction of a second, whatever the network is doing.
pub struct Relay {
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

/// What the player's side and the relay's thread share.
pub(crate) struct Shared {
    buffer: Mutex<SampleBuffer>,
    events: Mutex<EventQueue>,
}

impl Shared {
    /// The jitter buffer. A poisoned lock still holds whole frames (every
    /// change to it is a single push or drain), so it is used as is.
    pub(crate) fn lock_buffer(&self) -> MutexGuard<'_, SampleBuffer> {
        self.buffer.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The event queue, likewise.
    pub(crate) fn lock_events(&self) -> MutexGuard<'_, EventQueue> {
        self.events.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Relay {
    /// Starts connecting at once: the player calls this a few seconds
    /// before the slot (pre-roll), so the buffer is full when it begins.
    pub fn start(url: &RelayUrl, options: RelayOptions) -> Relay {
        let shared = Arc::new(Shared {
            buffer: Mutex::new(SampleBuffer::new(options.capacity_samples())),
            events: Mutex::new(EventQueue::default()),
        });
        let (stop, stopped) = watch::channel(false);
        let thread_shared = Arc::clone(&shared);
        let target = url.url().clone();
        let spawned = std::thread::Builder::new()
            .name("loa-relay".into())
            .spawn(move || stream_thread::run(target, options, thread_shared, stopped));
        let thread = match spawned {
            Ok(thread) => Some(thread),
            Err(error) => {
                let failure = RelayFailure::Io(crate::text::catalogue::for_the_log(
                    "relay-detail-no-thread",
                    &[("error", error.to_string().into())],
                ));
                shared.lock_events().push(RelayEventKind::Dropped(failure));
                None
            }
        };
        Relay {
            shared,
            stop,
            thread,
        }
    }

    /// Copies up to `out.len()` buffered samples (48 kHz interleaved
    /// stereo, whole frames) into `out` and returns how many; 0 when nothing
    /// is buffered. Never waits on the network, so the player's real-time
    /// loop can call it every period.
    pub fn read(&mut self, out: &mut [f32]) -> usize {
        self.shared.lock_buffer().read(out)
    }

    /// How much audio is buffered now: the player airs the relay (or
    /// switches back from its fallback) once this reaches the buffer target.
    pub fn buffered(&self) -> Duration {
        let frames = self.shared.lock_buffer().len() / CHANNELS;
        Duration::from_secs_f64(frames as f64 / f64::from(SAMPLE_RATE))
    }

    /// What happened since the last call, oldest first, each with its UTC
    /// time, for the airing log. At most the last 256 are kept; if more
    /// happened, the batch starts with [`RelayEventKind::Lost`].
    pub fn take_events(&mut self) -> Vec<RelayEvent> {
        self.shared.lock_events().take()
    }
}

impl Drop for Relay {
    /// Stops the thread (every wait in it ends on this signal) and joins it.
    fn drop(&mut self) {
        self.stop.send_replace(true);
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("{}", crate::tr!("journal-relay-thread-panicked"));
        }
    }
}
