//! How the outside talks to the running daemon: a bounded channel of
//! [`Control`] messages (new plan, config error), the bounded queue of
//! announcements (which the player reads directly, so an emergency does not
//! wait for the daemon's loop), and a shared [`Status`] the status socket
//! reads. The daemon owns all decisions; the watcher and the socket only
//! send.

use std::sync::{Arc, Mutex};

use chrono::Utc;
use tokio::sync::mpsc;

use super::log_progress::LogProgress;
use super::status::{Status, UploadStatus};
use crate::plan::Plan;
use crate::playout::announcement::{self, AnnounceError, Announcement, Announcements, Priority};

/// At most this many messages wait; a reload already waiting makes another
/// redundant, so a full channel loses nothing that matters.
const CONTROL_CAPACITY: usize = 16;

/// A message to the daemon.
#[derive(Debug)]
pub enum Control {
    /// A new plan passed every check: apply it from the next airing.
    Apply(Box<Plan>),
    /// The config was edited but is invalid: keep the old plan, show these
    /// errors (rendered), and how many there are.
    Invalid(String, u32),
}

/// The sending side, for the watcher and the socket.
#[derive(Debug, Clone)]
pub struct DaemonHandle {
    sender: mpsc::Sender<Control>,
    status: Arc<Mutex<Status>>,
    plan: Arc<Mutex<Arc<Plan>>>,
    announcements: Arc<Announcements>,
    progress: tokio::sync::watch::Receiver<LogProgress>,
}

/// The daemon's side.
#[derive(Debug)]
pub struct ControlInbox {
    /// Messages from the handle.
    pub receiver: mpsc::Receiver<Control>,
    /// What `loa status` shows.
    pub status: Arc<Mutex<Status>>,
    /// The plan in force, as announcements are resolved against it.
    pub plan: Arc<Mutex<Arc<Plan>>>,
    /// Announcements waiting to air.
    pub announcements: Arc<Announcements>,
}

/// A connected pair.
pub fn control_channel(
    status: Status,
    plan: Arc<Plan>,
    progress: tokio::sync::watch::Receiver<LogProgress>,
) -> (DaemonHandle, ControlInbox) {
    let (sender, receiver) = mpsc::channel(CONTROL_CAPACITY);
    let status = Arc::new(Mutex::new(status));
    let plan = Arc::new(Mutex::new(plan));
    let announcements = Arc::new(Announcements::new());
    (
        DaemonHandle {
            sender,
            status: Arc::clone(&status),
            plan: Arc::clone(&plan),
            announcements: Arc::clone(&announcements),
            progress,
        },
        ControlInbox {
            receiver,
            status,
            plan,
            announcements,
        },
    )
}

/// What `loa play --now` asks for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnounceRequest {
    /// A playlist's name, or an audio file's absolute path.
    pub what: String,
    /// How urgent.
    pub priority: Priority,
    /// The name the requester gave (`--by`), if any.
    #[serde(default)]
    pub by: Option<String>,
}

impl DaemonHandle {
    /// Sends without waiting; false if the daemon is gone or busy with a
    /// full inbox.
    pub fn send(&self, control: Control) -> bool {
        // The status shows an edit at once, even while an airing keeps the
        // daemon from taking the message until it ends.
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        match &control {
            Control::Invalid(errors, count) => status.config_invalid(errors.clone(), *count),
            Control::Apply(plan) => status.config_edited(&plan.hash),
        }
        drop(status);
        self.sender.try_send(control).is_ok()
    }

    /// Resolves and queues an announcement for `user` (the system user
    /// behind the request). Blocks while a file is probed and measured.
    pub fn announce(
        &self,
        request: AnnounceRequest,
        user: &str,
    ) -> Result<(Announcement, usize), AnnounceError> {
        let plan = Arc::clone(&self.plan.lock().unwrap_or_else(|e| e.into_inner()));
        let now = Utc::now();
        let today = now.with_timezone(&plan.station.timezone).date_naive();
        let segments = announcement::resolve(&plan, &request.what, today)?;
        let requested_by = match &request.by {
            Some(name) => format!("{name} (user {user})"),
            None => format!("user {user}"),
        };
        let announcement = Announcement {
            priority: request.priority,
            requested_by,
            requested_at: now,
            source: request.what,
            segments,
        };
        let ahead = self
            .announcements
            .push(announcement.clone())
            .map_err(|_| AnnounceError::QueueFull)?;
        Ok((announcement, ahead))
    }

    /// What the player calls the moment the output fails during an
    /// airing: `loa status` shows it at once, not when the airing ends.
    pub fn output_watch(&self) -> crate::playout::player::OutputWatch {
        let status = Arc::clone(&self.status);
        Arc::new(move |reason: &str| {
            let mut status = status.lock().unwrap_or_else(|e| e.into_inner());
            status.output_failed(reason);
        })
    }

    /// The plan in force (the uploader reads `[upload]` from it, so an
    /// edit of the hub's address applies without a restart).
    pub fn plan(&self) -> Arc<Plan> {
        Arc::clone(&self.plan.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// How far the log has been written; changes after every record.
    pub fn log_progress(&self) -> tokio::sync::watch::Receiver<LogProgress> {
        self.progress.clone()
    }

    /// Sets what `loa status` shows about the upload (`None`: no hub).
    pub fn set_upload_status(&self, upload: Option<UploadStatus>) {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        status.upload = upload;
    }

    /// A copy of the current status, with the announcement on air as the
    /// player says it is now.
    pub fn status(&self) -> Status {
        let mut status = self
            .status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone());
        status.announcement_on_air = self.announcements.on_air();
        status
    }
}
