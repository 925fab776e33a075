//! How the outside talks to the running daemon: a bounded channel of
//! [`Control`] messages (new plan, config error, emergency) and a shared
//! [`Status`] the status socket reads. The daemon owns all decisions; the
//! watcher and the socket only send.

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;

use super::status::Status;
use crate::plan::Plan;

/// At most this many messages wait; a reload already waiting makes another
/// redundant, so a full channel loses nothing that matters.
const CONTROL_CAPACITY: usize = 16;

/// A message to the daemon.
#[derive(Debug)]
pub enum Control {
    /// A new plan passed every check: apply it from the next airing.
    Apply(Box<Plan>),
    /// The config was edited but is invalid: keep the old plan, show this.
    Invalid(String),
}

/// The sending side, for the watcher and the socket.
#[derive(Debug, Clone)]
pub struct DaemonHandle {
    sender: mpsc::Sender<Control>,
    status: Arc<Mutex<Status>>,
}

/// The daemon's side.
#[derive(Debug)]
pub struct ControlInbox {
    /// Messages from the handle.
    pub receiver: mpsc::Receiver<Control>,
    /// What `loa status` shows.
    pub status: Arc<Mutex<Status>>,
}

/// A connected pair.
pub fn control_channel(status: Status) -> (DaemonHandle, ControlInbox) {
    let (sender, receiver) = mpsc::channel(CONTROL_CAPACITY);
    let status = Arc::new(Mutex::new(status));
    (
        DaemonHandle {
            sender,
            status: Arc::clone(&status),
        },
        ControlInbox { receiver, status },
    )
}

impl DaemonHandle {
    /// Sends without waiting; false if the daemon is gone or busy with a
    /// full inbox.
    pub fn send(&self, control: Control) -> bool {
        self.sender.try_send(control).is_ok()
    }

    /// A copy of the current status.
    pub fn status(&self) -> Status {
        self.status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }
}
