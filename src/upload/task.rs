//! The uploader's loop, on its own thread with its own small runtime so
//! that nothing it does (TLS, waiting on a slow hub, reading the log) can
//! take a moment from the daemon's scheduler or the player.
//!
//! It wakes when the daemon writes a record (the heartbeat's minute is
//! the fallback), sends what the hub does not hold yet, and sends a heartbeat
//! every [`HEARTBEAT_EVERY`]. After a failure it waits ([`Backoff`]);
//! after a `gap` or `fork`, and at start, it asks the hub where it stands
//! and resumes from there, however long the outage was.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use tokio::sync::watch;
use tokio::time::Instant;

use super::backoff::Backoff;
use super::client::HubClient;
use super::cursor::{Batch, LogCursor};
use super::error::UploadError;
use super::heartbeat::{HeartbeatCounter, heartbeat};
use super::settings::UploadSettings;
use crate::airlog::Sha256Hash;
use crate::clock::Clock;
use crate::daemon::{DaemonHandle, LogProgress, UploadProblem, UploadStatus};
use crate::hub::protocol::{HEARTBEAT_EVERY, Head, RefusalCode, seal_heartbeat};

/// After the daemon closed its log, its last records get this long to
/// reach the hub.
const FINAL_FLUSH: Duration = Duration::from_secs(3);
/// `gap` answers (or heads other than the batch's end) in a row that are
/// followed at once; more means the hub and the station disagree in a way
/// a retry at once will not fix, and the backoff applies.
const QUICK_GAPS: u32 = 3;

/// The uploader of one running daemon.
pub struct Uploader {
    handle: DaemonHandle,
    clock: Arc<dyn Clock>,
    progress: watch::Receiver<LogProgress>,
    /// `[upload]` as last read from the plan.
    settings: Option<UploadSettings>,
    /// The station id the hub knows this log by.
    station: String,
    /// The client for the hub, once made.
    client: Option<HubClient>,
    cursor: Option<LogCursor>,
    /// Ask the hub where it stands before sending.
    need_head: bool,
    backoff: Backoff,
    retry_at: Option<Instant>,
    gaps: u32,
    counter: HeartbeatCounter,
    next_heartbeat: Instant,
    key: Option<SigningKey>,
    batch: Batch,
    status: Option<UploadStatus>,
}

impl Uploader {
    /// An uploader for the daemon behind `handle`.
    pub fn new(handle: DaemonHandle, clock: Arc<dyn Clock>) -> Self {
        let progress = handle.log_progress();
        Self {
            handle,
            clock,
            progress,
            settings: None,
            station: String::new(),
            client: None,
            cursor: None,
            need_head: true,
            backoff: Backoff::new(),
            retry_at: None,
            gaps: 0,
            counter: HeartbeatCounter::default(),
            next_heartbeat: Instant::now(),
            key: None,
            batch: Batch::default(),
            status: None,
        }
    }

    /// Runs until the daemon has closed its log and its last records were
    /// sent (or [`FINAL_FLUSH`] has passed).
    pub async fn run(mut self) {
        loop {
            let closed = self.progress.has_changed().is_err();
            self.follow_settings();
            if closed {
                let _ = tokio::time::timeout(FINAL_FLUSH, self.final_flush()).await;
                return;
            }
            if self.settings.is_some() {
                // Records first: the heartbeat then tells a fresh state.
                if self.retry_at.is_none_or(|at| Instant::now() >= at) {
                    self.sync().await;
                }
                if Instant::now() >= self.next_heartbeat {
                    self.send_heartbeat().await;
                    if self.need_head && self.retry_at.is_none() {
                        self.sync().await;
                    }
                }
            }
            self.wait().await;
        }
    }

    /// Sleeps until the log grows, or a heartbeat or retry is due. The
    /// heartbeat's minute is also the fallback that looks at the log
    /// without a wake-up; without `[upload]` nothing but the log wakes the
    /// thread (an idle station stays idle).
    async fn wait(&mut self) {
        let wake = match (&self.settings, self.retry_at) {
            (None, _) => None,
            (Some(_), None) => Some(self.next_heartbeat),
            (Some(_), Some(retry)) => Some(retry.min(self.next_heartbeat)),
        };
        match wake {
            Some(wake) => {
                tokio::select! {
                    _ = self.progress.changed() => {}
                    _ = tokio::time::sleep_until(wake) => {}
                }
            }
            None => {
                let _ = self.progress.changed().await;
            }
        }
    }

    async fn final_flush(&mut self) {
        if self.settings.is_some() {
            self.retry_at = None;
            self.sync().await;
        }
    }

    /// Takes up `[upload]` as the plan in force has it (an edit of the
    /// hub's address applies without a restart).
    fn follow_settings(&mut self) {
        let plan = self.handle.plan();
        let wanted = plan.station.upload.as_ref();
        if wanted == self.settings.as_ref() {
            return;
        }
        self.settings = wanted.cloned();
        self.client = None;
        self.need_head = true;
        self.backoff.succeeded();
        self.retry_at = None;
        self.status = wanted.map(|settings| UploadStatus {
            hub: settings.hub.to_string(),
            log_next_seq: self.progress.borrow().next_seq,
            ..UploadStatus::default()
        });
        self.cursor = wanted.map(|_| LogCursor::new(&plan.station.log_dir));
        self.station = plan.station.id.clone();
        self.publish();
    }

    /// The client for the hub, made when first needed (a certificate file
    /// that cannot be read is tried again after the backoff).
    fn client(&mut self) -> Option<HubClient> {
        if self.client.is_none() {
            let settings = self.settings.as_ref()?;
            match HubClient::new(settings, &self.station) {
                Ok(client) => self.client = Some(client),
                Err(error) => self.failed(error),
            }
        }
        self.client.clone()
    }

    /// Sends what the hub does not hold yet, batch after batch, until the
    /// log is caught up or a request fails.
    async fn sync(&mut self) {
        loop {
            if self.need_head && !self.ask_head().await {
                return;
            }
            let durable = self.progress.borrow().durable_next;
            let Some(client) = self.client() else {
                return;
            };
            let Some(cursor) = &self.cursor else {
                return;
            };
            if let Err(error) = cursor.read_batch(durable, &mut self.batch) {
                self.need_head = true;
                return self.failed(error);
            }
            let Some(end) = self.batch.end else {
                return;
            };
            let lines = std::mem::take(&mut self.batch.body);
            match client.post_records(lines).await {
                Ok(head) if head.next_seq == end.next_seq => {
                    if let Some(cursor) = self.cursor.as_mut() {
                        cursor.advance(end);
                    }
                    self.gaps = 0;
                    self.succeeded(&head);
                }
                Ok(head) if self.gaps < QUICK_GAPS => {
                    // The hub stands elsewhere than the batch's end: look.
                    self.gaps += 1;
                    self.need_head = true;
                    self.note_success(&head);
                }
                Ok(head) => {
                    self.need_head = true;
                    return self.failed(UploadError::BadAnswer(crate::tr!(
                        "upload-answer-acknowledged-wrong",
                        acknowledged = head.next_seq.to_string(),
                        expected = end.next_seq.to_string()
                    )));
                }
                Err(UploadError::Refused {
                    code: RefusalCode::Gap,
                    ..
                }) if self.gaps < QUICK_GAPS => {
                    // The hub lost records (restored from a backup): send
                    // them again from where it stands.
                    self.gaps += 1;
                    self.need_head = true;
                }
                Err(error) => {
                    self.need_head = true;
                    return self.failed(error);
                }
            }
        }
    }

    /// Asks the hub where it stands and places the cursor there; false
    /// after a failure.
    async fn ask_head(&mut self) -> bool {
        let Some(client) = self.client() else {
            return false;
        };
        let head = match client.head().await {
            Ok(head) => head,
            Err(error) => {
                self.failed(error);
                return false;
            }
        };
        let hash = Sha256Hash::from_hex(head.head.as_bytes()).unwrap_or(Sha256Hash::ZERO);
        let sought = match self.cursor.as_mut() {
            Some(cursor) => cursor.seek(head.next_seq, &hash),
            None => return false,
        };
        if let Err(error) = sought {
            self.failed(error);
            return false;
        }
        self.need_head = false;
        self.succeeded(&head);
        true
    }

    async fn send_heartbeat(&mut self) {
        self.next_heartbeat = Instant::now() + HEARTBEAT_EVERY;
        let Some(key) = self.signing_key() else {
            return;
        };
        let now = self.clock.now();
        let status = self.handle.status();
        let progress = *self.progress.borrow();
        let beat = heartbeat(&status, progress, self.counter.next(now), now);
        let line = seal_heartbeat(&key, &beat);
        let Some(client) = self.client() else {
            return;
        };
        match client.post_heartbeat(line).await {
            Ok(head) => {
                let moved = self
                    .cursor
                    .as_ref()
                    .is_some_and(|c| c.position().next_seq != head.next_seq);
                if moved && self.retry_at.is_none() {
                    // The hub lost its tail (or holds more): find out.
                    self.need_head = true;
                }
                if let Some(status) = self.status.as_mut() {
                    status.last_heartbeat = Some(now);
                }
                // Only records end a backoff: a hub that takes heartbeats
                // may still refuse the records.
                self.note_success(&head);
            }
            Err(error) => self.heartbeat_failed(error),
        }
    }

    /// The station key, read once (the daemon has made it by now).
    fn signing_key(&mut self) -> Option<SigningKey> {
        if self.key.is_none() {
            let path = self.handle.plan().station.key_path.clone();
            match crate::airlog::load_signing_key(&path) {
                Ok(key) => self.key = Some(key),
                Err(error) => self.heartbeat_failed(UploadError::Key(error.to_string())),
            }
        }
        self.key.clone()
    }

    /// A request for records went through: no more waiting.
    fn succeeded(&mut self, head: &Head) {
        if self.backoff.failures() > 0 {
            tracing::info!(
                failures = self.backoff.failures(),
                acknowledged = head.next_seq,
                "{}",
                crate::tr!("journal-upload-back")
            );
        }
        self.backoff.succeeded();
        self.retry_at = None;
        self.note_success(head);
    }

    /// What `loa status` shows after the hub answered.
    fn note_success(&mut self, head: &Head) {
        let now = self.clock.now();
        let log_next = self.progress.borrow().next_seq;
        if let Some(status) = self.status.as_mut() {
            status.acknowledged = Some(head.next_seq);
            status.last_success = Some(now);
            status.log_next_seq = log_next;
        }
        self.publish();
    }

    /// A request for records failed: wait before the next.
    fn failed(&mut self, error: UploadError) {
        if matches!(error, UploadError::Unreachable(_) | UploadError::Ca(_)) {
            // Made again at the next try: a replaced `ca` file is read
            // anew, and no connection of a changed network is reused.
            self.client = None;
        }
        let wait = self.backoff.failed();
        self.retry_at = Some(Instant::now() + wait);
        let message = self.note_failure(&error);
        tracing::warn!(
            code = error.code(),
            retry_in_s = format!("{:.1}", wait.as_secs_f64()),
            "{}",
            crate::tr!("journal-upload-failed", message = message.as_str())
        );
    }

    /// A heartbeat failed: shown, and tried again at the next minute.
    fn heartbeat_failed(&mut self, error: UploadError) {
        let message = self.note_failure(&error);
        tracing::warn!(
            code = error.code(),
            "{}",
            crate::tr!("journal-heartbeat-failed", message = message.as_str())
        );
    }

    /// What `loa status` shows after a failure; the message.
    fn note_failure(&mut self, error: &UploadError) -> String {
        let message = crate::text::upload_error(error);
        let now: DateTime<Utc> = self.clock.now();
        let log_next = self.progress.borrow().next_seq;
        if let Some(status) = self.status.as_mut() {
            status.last_error = Some(UploadProblem {
                at: now,
                code: error.code().to_string(),
                message: message.clone(),
            });
            status.log_next_seq = log_next;
        }
        self.publish();
        message
    }

    fn publish(&self) {
        self.handle.set_upload_status(self.status.clone());
    }
}
