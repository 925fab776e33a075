//! The relay's background thread: connect, play until the stream fails,
//! report it, wait (doubling backoff), and again, until the relay is dropped.

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Client, Url};
use tokio::runtime::Runtime;
use tokio::sync::watch;

use super::Shared;
use super::body::Ending;
use super::connect;
use super::event::{RelayEventKind, RelayFailure};
use super::options::RelayOptions;
use super::session;

/// What the thread's parts share.
pub(crate) struct StreamThread {
    pub options: RelayOptions,
    pub shared: Arc<Shared>,
    pub stop: watch::Receiver<bool>,
    /// A current-thread runtime: network waits happen only inside this
    /// thread's `block_on`, each with a deadline and the stop signal.
    pub runtime: Arc<Runtime>,
    /// The last StreamTitle reported, kept across reconnections so that a
    /// reconnection does not repeat it.
    pub last_title: Option<String>,
}

impl StreamThread {
    /// Records an event for [`super::Relay::take_events`].
    pub fn event(&self, kind: RelayEventKind) {
        self.shared.lock_events().push(kind);
    }
}

/// The thread's body.
pub(crate) fn run(
    url: Url,
    options: RelayOptions,
    shared: Arc<Shared>,
    stop: watch::Receiver<bool>,
) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => Arc::new(runtime),
        Err(error) => {
            let failure = RelayFailure::Io(crate::text::catalogue::for_the_log(
                "relay-detail-no-runtime",
                &[("error", error.to_string().into())],
            ));
            shared.lock_events().push(RelayEventKind::Dropped(failure));
            return;
        }
    };
    let mut thread = StreamThread {
        options,
        shared,
        stop,
        runtime: Arc::clone(&runtime),
        last_title: None,
    };
    match connect::client(&options) {
        Ok(client) => reconnect_forever(&mut thread, &client, &url),
        Err(failure) => thread.event(RelayEventKind::Dropped(failure)),
    }
    drop(thread);
    // Name resolution runs on tokio's blocking pool and may still be
    // waiting on the system resolver: do not wait for it.
    if let Ok(runtime) = Arc::try_unwrap(runtime) {
        runtime.shutdown_background();
    }
}

/// Connects and plays, again and again, until stopped.
fn reconnect_forever(thread: &mut StreamThread, client: &Client, url: &Url) {
    let mut backoff: Option<Duration> = None;
    loop {
        let (ending, audio) = connect_and_play(thread, client, url);
        let Ending::Failed(failure) = ending else {
            return;
        };
        thread.event(RelayEventKind::Dropped(failure));
        // A connection that played a full buffer's worth was healthy: the
        // next failure starts the backoff afresh.
        if audio >= thread.options.buffer {
            backoff = None;
        }
        let wait = thread.options.next_backoff(backoff);
        backoff = Some(wait);
        if sleep_unless_stopped(thread, wait) {
            return;
        }
    }
}

/// One connection, from the request to its end.
fn connect_and_play(thread: &mut StreamThread, client: &Client, url: &Url) -> (Ending, Duration) {
    let mut stop = thread.stop.clone();
    let options = thread.options;
    let opened = thread.runtime.block_on(async {
        tokio::select! {
            _ = stop.wait_for(|stopped| *stopped) => Err(Ending::Stopped),
            opened = connect::open(client, url, &options) => opened.map_err(Ending::Failed),
        }
    });
    match opened {
        Ok(connection) => {
            let outcome = session::play(connection, thread);
            (outcome.ending, outcome.audio)
        }
        Err(ending) => (ending, Duration::ZERO),
    }
}

/// Waits `wait`; true if the relay was stopped meanwhile.
fn sleep_unless_stopped(thread: &StreamThread, wait: Duration) -> bool {
    let mut stop = thread.stop.clone();
    thread.runtime.block_on(async {
        tokio::select! {
            _ = stop.wait_for(|stopped| *stopped) => true,
            () = tokio::time::sleep(wait) => false,
        }
    })
}
