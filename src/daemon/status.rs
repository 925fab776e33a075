//! What `loa status` shows: kept up to date by the daemon at each change,
//! read by the status socket.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many past airings the status keeps.
const RECENT: usize = 5;

/// The daemon's state, as the technician sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    /// Station id.
    pub station: String,
    /// Station name.
    pub name: String,
    /// The station's time zone (IANA name), for showing times.
    pub timezone: String,
    /// When the daemon started.
    pub started_at: DateTime<Utc>,
    /// The airing in progress.
    pub now_playing: Option<NowPlaying>,
    /// The next airings (up to five).
    pub next: Vec<AiringLine>,
    /// The last airings (up to five), newest last.
    pub last: VecDeque<AiringLine>,
    /// The output (`default`, `wav:…`, …) and its last failure, if any.
    pub output: String,
    /// The last failure of the output, if any.
    pub output_error: Option<String>,
    /// The last config error (the config in force is the previous one).
    pub config_error: Option<String>,
    /// SHA-256 of the plan in force.
    pub plan_hash: String,
    /// The airing log's newest record: sequence number and hash.
    pub log_head: Option<(u64, String)>,
    /// The last checkpoint's sequence number and time.
    pub last_checkpoint: Option<(u64, DateTime<Utc>)>,
    /// The last dead air (the loudspeakers silent while airing), if any
    /// since the daemon started: the failure stations fear most, so it
    /// stays on the status until the daemon restarts.
    #[serde(default)]
    pub last_dead_air: Option<DeadAirLine>,
    /// How many times dead air was found since the daemon started.
    #[serde(default)]
    pub dead_air_count: u64,
    /// A valid edit waiting for the airing on air to end: the hash of the
    /// plan that applies from the next airing.
    #[serde(default)]
    pub pending_plan: Option<String>,
    /// Whether the output is failing now: set when it fails, cleared when
    /// an airing goes out without a failure (`output_error` keeps the last
    /// failure's words).
    #[serde(default)]
    pub output_failing: bool,
    /// How many errors the edited configuration has (0 when the config on
    /// disk is the one in force).
    #[serde(default)]
    pub config_error_count: u32,
    /// The announcement airing now (an emergency cutting into the airing
    /// in `now_playing`, or one airing on its own), if any.
    #[serde(default)]
    pub announcement_on_air: Option<crate::playout::announcement::AnnouncementOnAir>,
    /// The upload to the province's hub, when `[upload]` is set.
    #[serde(default)]
    pub upload: Option<UploadStatus>,
}

/// How far the province's hub holds this station's log, for `loa status`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadStatus {
    /// The hub's address.
    pub hub: String,
    /// The `seq` the hub expects next: it holds records 0 to this minus
    /// one. `None` until the hub has answered.
    pub acknowledged: Option<u64>,
    /// The `seq` the station's log writes next.
    pub log_next_seq: u64,
    /// When the hub last accepted a request.
    pub last_success: Option<DateTime<Utc>>,
    /// When the hub last accepted a heartbeat.
    pub last_heartbeat: Option<DateTime<Utc>>,
    /// The last failure (it may be older than the last success).
    pub last_error: Option<UploadProblem>,
}

/// One failed upload, as `loa status` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadProblem {
    /// When.
    pub at: DateTime<Utc>,
    /// The machine code (`unreachable`, `gap`, `fork`, …).
    pub code: String,
    /// What happened, for the technician.
    pub message: String,
}

/// Dead air found during an airing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadAirLine {
    /// Slot name.
    pub slot: String,
    /// The segment that was silent (skipped).
    pub file: String,
    /// When the silence began on air.
    pub started: DateTime<Utc>,
    /// How long the output was silent before the segment was skipped.
    pub silent_ms: u64,
}

/// The airing in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NowPlaying {
    /// Slot name.
    pub slot: String,
    /// When it started.
    pub started: DateTime<Utc>,
    /// Its segments: title and length in milliseconds, in order (the one
    /// playing now follows from the time since `started`).
    pub segments: Vec<(String, u64)>,
}

/// One airing in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiringLine {
    /// Slot name.
    pub slot: String,
    /// Scheduled instant.
    pub scheduled: DateTime<Utc>,
    /// Segments and length (upcoming), or the outcome (past).
    pub detail: String,
}

impl Status {
    /// Adds a finished airing, keeping the last five.
    pub fn push_last(&mut self, line: AiringLine) {
        self.last.push_back(line);
        while self.last.len() > RECENT {
            self.last.pop_front();
        }
    }
}
