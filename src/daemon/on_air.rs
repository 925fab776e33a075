//! How far the airing on air has got, kept on disk.
//!
//! When the daemon dies during an airing (`kill -9`, a power cut), the log
//! holds its `airing_start` and nothing else; the restart closes it as
//! interrupted. Without more, that record could only say "unknown" for
//! every segment, though a technician heard most of it. So while an airing
//! plays, the player reports its progress about once a second and this file
//! keeps the latest: the segments done, as they will be recorded, and how
//! much of the one on air went out. The recovery reads it back.
//!
//! The file is not part of the log (its name is not a month file's, see
//! `docs/airlog.md` §1) and is replaced atomically (write, then rename) but
//! not synced: after a power cut it may be a second or two behind, which
//! makes the recovered figures a lower bound, never an invention.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::airlog::record::{AiringStart, SegmentAired, SegmentOutcome};
use crate::playout::player::{AiringProgress, ProgressWatch};
use crate::selection::ReadyAiring;

/// The file's name inside the log directory.
pub const PROGRESS_FILE: &str = ".on-air.json";

/// What the file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnAir {
    /// The airing's slot and scheduled instant, to match its `airing_start`.
    pub slot: String,
    /// When it was scheduled.
    pub scheduled: DateTime<Utc>,
    /// When this progress was written: sound was going out until then.
    pub at: DateTime<Utc>,
    /// The segments done, then the one on air (outcome `cut`, with what
    /// aired of it so far).
    pub segments: Vec<SegmentAired>,
}

/// Keeps [`PROGRESS_FILE`] for the airing on air.
pub struct ProgressFile {
    path: PathBuf,
    airing: Mutex<Option<ReadyAiring>>,
}

impl ProgressFile {
    /// The progress file of the log in `log_dir`.
    pub fn new(log_dir: &Path) -> Arc<Self> {
        Arc::new(Self {
            path: log_dir.join(PROGRESS_FILE),
            airing: Mutex::new(None),
        })
    }

    /// The watch to give the player: it writes the file for the airing
    /// set by [`Self::begin`].
    pub fn watch(self: &Arc<Self>) -> ProgressWatch {
        let this = Arc::clone(self);
        Arc::new(move |progress: &AiringProgress<'_>| this.write(progress))
    }

    /// From now on, progress is that of `airing`.
    pub fn begin(&self, airing: &ReadyAiring) {
        if let Ok(mut current) = self.airing.lock() {
            *current = Some(airing.clone());
        }
    }

    /// The airing is recorded whole: its progress is no longer needed.
    pub fn end(&self) {
        if let Ok(mut current) = self.airing.lock() {
            *current = None;
        }
        let _ = std::fs::remove_file(&self.path);
    }

    /// The progress left by the airing `start` began, if the file holds it.
    pub fn recovered(log_dir: &Path, start: &AiringStart) -> Option<OnAir> {
        let text = std::fs::read(log_dir.join(PROGRESS_FILE)).ok()?;
        let on_air: OnAir = serde_json::from_slice(&text).ok()?;
        (on_air.slot == start.slot && on_air.scheduled == start.scheduled).then_some(on_air)
    }

    fn write(&self, progress: &AiringProgress<'_>) {
        let Ok(current) = self.airing.lock() else {
            return;
        };
        let Some(airing) = current.as_ref() else {
            return;
        };
        let on_air = OnAir {
            slot: airing.slot.clone(),
            scheduled: airing.scheduled,
            at: Utc::now(),
            segments: segments_so_far(airing, progress),
        };
        let Ok(bytes) = serde_json::to_vec(&on_air) else {
            return;
        };
        let temporary = self.path.with_extension("json.new");
        if std::fs::write(&temporary, bytes).is_ok() {
            let _ = std::fs::rename(&temporary, &self.path);
        }
    }
}

fn segments_so_far(airing: &ReadyAiring, progress: &AiringProgress<'_>) -> Vec<SegmentAired> {
    let mut segments: Vec<SegmentAired> = airing
        .segments
        .iter()
        .zip(progress.done)
        .map(|(segment, played)| super::records::segment_aired(segment, played))
        .collect();
    if let Some((index, aired)) = progress.on_air
        && let Some(segment) = airing.segments.get(index)
    {
        let mut on_air = super::records::planned_aired(segment, SegmentOutcome::Cut);
        on_air.aired_ms = aired.as_millis() as u64;
        segments.push(on_air);
    }
    segments
}
