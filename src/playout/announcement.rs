//! Announcements outside the schedule (`loa play --now`): the three
//! priorities the national rules for commune radio name, and the queue the
//! status socket fills and the player and daemon empty.
//!
//! The player polls [`Announcements::pending`] between its 20 ms writes (an
//! atomic load), so an emergency cuts in within a write or two whatever the
//! daemon's loop is doing; when nothing airs, the daemon waits on
//! [`Announcements::wait`] beside its timer.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::Notify;

use crate::audio::{AudioError, probe_with_levels};
use crate::plan::{Plan, Segment};
use crate::selection::ReadyAiring;

/// How urgent an announcement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Airs when nothing else airs (after the airing in progress).
    Normal,
    /// Airs when the segment airing now ends, before the rest of the
    /// airing.
    Priority,
    /// Interrupts what airs at once (short fade), then the airing resumes.
    Emergency,
}

impl Priority {
    /// The name used on the command line and in the log.
    pub fn name(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::Priority => "priority",
            Self::Emergency => "emergency",
        }
    }

    fn level(self) -> u8 {
        self as u8 + 1
    }

    fn of_level(level: u8) -> Option<Self> {
        match level {
            1 => Some(Self::Normal),
            2 => Some(Self::Priority),
            3 => Some(Self::Emergency),
            _ => None,
        }
    }
}

/// One announcement, resolved to segments ready to air.
#[derive(Debug, Clone)]
pub struct Announcement {
    /// How urgent.
    pub priority: Priority,
    /// Who asked: the system user behind the request, and the name they
    /// gave (`--by`), for the log.
    pub requested_by: String,
    /// When the daemon accepted it.
    pub requested_at: DateTime<Utc>,
    /// What was asked for: a playlist's name or a file's path.
    pub source: String,
    /// What airs, in order.
    pub segments: Vec<Segment>,
}

impl Announcement {
    /// How long it airs if every segment airs whole.
    pub fn length(&self) -> Duration {
        self.segments.iter().map(|s| s.duration).sum()
    }

    /// As an airing starting `at`, so it goes through the same player as
    /// scheduled airings: named after its priority, manual, with room for
    /// all of it.
    pub fn as_airing(&self, at: DateTime<Utc>) -> ReadyAiring {
        ReadyAiring {
            slot: self.priority.name().to_string(),
            scheduled: at,
            max: self.length() + Duration::from_secs(1),
            segments: self.segments.clone(),
            manual: true,
            relay: None,
        }
    }
}

/// Why an announcement cannot be queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnnounceError {
    /// Neither a playlist of the plan nor a readable audio file.
    NotFound {
        /// What was asked for.
        what: String,
    },
    /// A file path that names no file (in NFC or NFD form).
    FileMissing {
        /// The path as asked.
        path: String,
    },
    /// The file is there but does not decode.
    Audio(String),
    /// The playlist has nothing that may air today.
    NothingToAir {
        /// The playlist.
        playlist: String,
    },
    /// Too many announcements are already waiting.
    QueueFull,
}

/// The announcement airing now, for `loa status`: while an emergency cuts
/// into an airing, the technician must see the announcement on air, not
/// the segment it interrupted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncementOnAir {
    /// `normal`, `priority` or `emergency`.
    pub priority: String,
    /// What was asked for: a playlist's name or a file's path.
    pub source: String,
    /// When it began to air.
    pub since: DateTime<Utc>,
}

/// Announcements waiting to air, bounded, and the one airing now.
#[derive(Debug, Default)]
pub struct Announcements {
    queue: Mutex<VecDeque<Announcement>>,
    on_air: Mutex<Option<AnnouncementOnAir>>,
    /// The highest priority waiting (0: none), for the player's cheap poll.
    highest: AtomicU8,
    notify: Notify,
}

/// At most this many wait: enough for a real emergency and a few bulletins,
/// never an unbounded queue on a daemon that runs for months.
pub const QUEUE_CAPACITY: usize = 8;

impl Announcements {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues `announcement`, and says how many queued ones will air
    /// before it (those at least as urgent, asked earlier); it comes back
    /// when the queue is full.
    pub fn push(&self, announcement: Announcement) -> Result<usize, Box<Announcement>> {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        if queue.len() >= QUEUE_CAPACITY {
            return Err(Box::new(announcement));
        }
        let ahead = queue
            .iter()
            .filter(|waiting| waiting.priority >= announcement.priority)
            .count();
        self.highest
            .fetch_max(announcement.priority.level(), Ordering::SeqCst);
        queue.push_back(announcement);
        drop(queue);
        self.notify.notify_one();
        Ok(ahead)
    }

    /// The highest priority waiting, if any.
    pub fn pending(&self) -> Option<Priority> {
        Priority::of_level(self.highest.load(Ordering::SeqCst))
    }

    /// Takes every announcement of at least `priority`: emergencies first,
    /// then in the order asked.
    pub fn take(&self, priority: Priority) -> Vec<Announcement> {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        let (mut taken, kept): (Vec<_>, Vec<_>) =
            queue.drain(..).partition(|a| a.priority >= priority);
        taken.sort_by_key(|a| std::cmp::Reverse(a.priority));
        let highest = kept.iter().map(|a| a.priority.level()).max().unwrap_or(0);
        queue.extend(kept);
        self.highest.store(highest, Ordering::SeqCst);
        taken
    }

    /// Says `announcement` airs from now on (`None`: none airs any more).
    pub fn airing_now(&self, announcement: Option<&Announcement>) {
        let on_air = announcement.map(|announcement| AnnouncementOnAir {
            priority: announcement.priority.name().to_string(),
            source: announcement.source.clone(),
            since: Utc::now(),
        });
        *self.on_air.lock().unwrap_or_else(|e| e.into_inner()) = on_air;
    }

    /// The announcement airing now, if any.
    pub fn on_air(&self) -> Option<AnnouncementOnAir> {
        self.on_air
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Resolves once something is queued (at once if something waits).
    pub async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            if self.pending().is_some() {
                return;
            }
            notified.await;
        }
    }
}

/// What `what` names for an announcement: a playlist of the plan (its
/// segments that may air today, in order) or an audio file (an absolute
/// path; probed and measured so it airs at the station's loudness).
pub fn resolve(
    plan: &Plan,
    what: &str,
    today: chrono::NaiveDate,
) -> Result<Vec<Segment>, AnnounceError> {
    let playlist = plan
        .playlists
        .iter()
        .find(|(name, _)| crate::config::nfc(name) == crate::config::nfc(what))
        .map(|(_, playlist)| playlist);
    if let Some(playlist) = playlist {
        let segments: Vec<Segment> = playlist
            .segments
            .iter()
            .filter(|s| s.airs_on(today, plan.station.require_approval))
            .cloned()
            .collect();
        if segments.is_empty() {
            return Err(AnnounceError::NothingToAir {
                playlist: what.to_string(),
            });
        }
        return Ok(segments);
    }
    let path = Path::new(what);
    if !path.is_absolute() {
        return Err(AnnounceError::NotFound {
            what: what.to_string(),
        });
    }
    // Typed in one normalisation form, stored in the other: matched as
    // playlists match their files.
    let Some(path) =
        crate::audio::resolve_name(Path::new("/"), what).filter(|found| found.is_file())
    else {
        return Err(AnnounceError::FileMissing {
            path: what.to_string(),
        });
    };
    segment_from_file(&path, plan)
        .map(|s| vec![s])
        .map_err(|e| AnnounceError::Audio(crate::text::reason::english(&e)))
}

/// One file outside the playlists as a segment: probed and measured like
/// any segment, topic 0 (none), the language of the station's first
/// playlist.
pub fn segment_from_file(path: &Path, plan: &Plan) -> Result<Segment, AudioError> {
    let info = probe_with_levels(path)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let language = plan
        .playlists
        .values()
        .next()
        .map_or_else(|| "vi".to_string(), |p| p.language.clone());
    Ok(Segment {
        file: crate::config::nfc(&path.display().to_string()),
        path: path.to_path_buf(),
        title: crate::config::nfc(&name),
        topic: 0,
        language,
        approved_by: None,
        from: None,
        until: None,
        duration: info.duration,
        sha256: info.sha256,
        levels: info.levels,
        gain: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn announcement(priority: Priority, source: &str) -> Announcement {
        Announcement {
            priority,
            requested_by: "test".into(),
            requested_at: Utc::now(),
            source: source.into(),
            segments: Vec::new(),
        }
    }

    #[test]
    fn emergencies_are_taken_first_and_lower_priorities_wait() {
        let queue = Announcements::new();
        assert_eq!(queue.pending(), None);
        for (priority, source) in [
            (Priority::Normal, "n"),
            (Priority::Priority, "p1"),
            (Priority::Emergency, "e"),
            (Priority::Priority, "p2"),
        ] {
            queue.push(announcement(priority, source)).expect("room");
        }
        assert_eq!(queue.pending(), Some(Priority::Emergency));
        let taken: Vec<String> = queue
            .take(Priority::Priority)
            .into_iter()
            .map(|a| a.source)
            .collect();
        assert_eq!(taken, ["e", "p1", "p2"]);
        assert_eq!(queue.pending(), Some(Priority::Normal));
        assert_eq!(queue.take(Priority::Normal).len(), 1);
        assert_eq!(queue.pending(), None);
    }

    #[test]
    fn the_queue_is_bounded() {
        let queue = Announcements::new();
        for _ in 0..QUEUE_CAPACITY {
            queue
                .push(announcement(Priority::Normal, "n"))
                .expect("room");
        }
        assert!(queue.push(announcement(Priority::Emergency, "e")).is_err());
    }
}
