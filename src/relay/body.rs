//! The response body as the blocking `Read` symphonia's format readers want.
//!
//! Each read waits on the network through the relay thread's own tokio
//! runtime, and every wait ends at the earliest of: data, the stall deadline
//! (no decoded audio for `stall_timeout`), or the relay being stopped. So a
//! silent or trickling server cannot hold the thread, and dropping the
//! [`super::Relay`] cancels a read at once. ICY metadata is cut out here,
//! and the bytes read without any decoded audio are counted, so a server
//! sending garbage is given up on after [`NOT_AUDIO_BYTES`].

use std::io::{self, Read};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use reqwest::Response;
use tokio::runtime::Runtime;
use tokio::sync::watch;

use super::event::RelayFailure;
use super::icy::IcyStripper;

/// The most bytes read without a single decoded packet before the stream is
/// declared not audio. A real stream's probe needs a few KiB (one Ogg page
/// with a big comment header, some tens); this bounds a garbage server.
pub(crate) const NOT_AUDIO_BYTES: u64 = 512 * 1024;

/// Why a connection ended, as the reader saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ending {
    /// The stream failed; the relay reports it and reconnects.
    Failed(RelayFailure),
    /// The relay was dropped.
    Stopped,
}

/// What the reader and the decoding loop share about one connection.
pub(crate) struct Progress {
    /// When the stream counts as stalled unless audio is decoded first.
    pub deadline: Instant,
    /// Bytes read since the last decoded packet.
    pub bytes_without_audio: u64,
    /// Set by the reader when it fails, so the decoding loop can tell a
    /// network failure from undecodable bytes.
    pub ending: Option<Ending>,
    /// StreamTitles read from ICY blocks, not yet reported.
    pub titles: Vec<String>,
}

/// Shared handle to a connection's [`Progress`].
pub(crate) type SharedProgress = Arc<Mutex<Progress>>;

/// Locks the progress; a poisoned lock (a panic elsewhere) still holds
/// valid counters.
pub(crate) fn lock(progress: &SharedProgress) -> std::sync::MutexGuard<'_, Progress> {
    progress
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A response body read through the relay's runtime.
pub(crate) struct BodyReader {
    runtime: Arc<Runtime>,
    /// In a mutex only because symphonia wants `Sync` sources.
    response: Mutex<Response>,
    stop: watch::Receiver<bool>,
    icy: IcyStripper,
    /// Audio bytes received and not yet read.
    audio: Vec<u8>,
    audio_from: usize,
    progress: SharedProgress,
}

impl BodyReader {
    /// Reads `response`'s body, cutting ICY blocks every `metaint` bytes
    /// (0: none).
    pub fn new(
        runtime: Arc<Runtime>,
        response: Response,
        metaint: usize,
        stop: watch::Receiver<bool>,
        progress: SharedProgress,
    ) -> Self {
        Self {
            runtime,
            response: Mutex::new(response),
            stop,
            icy: IcyStripper::new(metaint),
            audio: Vec::new(),
            audio_from: 0,
            progress,
        }
    }

    /// Waits for the next chunk of audio bytes; `Err` ends the connection
    /// (the reason is left in the progress).
    fn fill(&mut self) -> Result<(), Ending> {
        self.audio.clear();
        self.audio_from = 0;
        while self.audio.is_empty() {
            let deadline = {
                let progress = lock(&self.progress);
                if progress.bytes_without_audio > NOT_AUDIO_BYTES {
                    return Err(Ending::Failed(RelayFailure::NotAudio(
                        crate::text::catalogue::for_the_log(
                            "relay-detail-no-frame",
                            &[(
                                "kib",
                                (progress.bytes_without_audio / 1024).to_string().into(),
                            )],
                        ),
                    )));
                }
                progress.deadline
            };
            let chunk = self.next_chunk(deadline)?;
            let mut titles = Vec::new();
            let chunk = chunk.as_ref();
            self.icy.strip(chunk, &mut self.audio, &mut titles);
            let mut progress = lock(&self.progress);
            progress.bytes_without_audio += chunk.len() as u64;
            progress.titles.extend(titles);
        }
        Ok(())
    }

    /// The next chunk of the body as it came off the network.
    fn next_chunk(&mut self, deadline: Instant) -> Result<impl AsRef<[u8]> + use<>, Ending> {
        let response = self
            .response
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let stop = &mut self.stop;
        self.runtime.block_on(async {
            tokio::select! {
                _ = stop.wait_for(|stopped| *stopped) => Err(Ending::Stopped),
                chunk = tokio::time::timeout_at(deadline.into(), response.chunk()) => match chunk {
                    Err(_elapsed) => Err(Ending::Failed(RelayFailure::Stalled)),
                    Ok(Ok(Some(bytes))) => Ok(bytes),
                    Ok(Ok(None)) => Err(Ending::Failed(RelayFailure::Closed)),
                    Ok(Err(error)) => Err(Ending::Failed(super::connect::classify(&error))),
                },
            }
        })
    }
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.audio_from == self.audio.len()
            && let Err(ending) = self.fill()
        {
            let mut progress = lock(&self.progress);
            progress.ending.get_or_insert(ending);
            // Not `Interrupted`: std's read loops would retry that.
            return Err(io::Error::other("relay stream ended"));
        }
        let available = &self.audio[self.audio_from..];
        let count = available.len().min(buf.len());
        buf[..count].copy_from_slice(&available[..count]);
        self.audio_from += count;
        Ok(count)
    }
}
