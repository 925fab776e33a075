//! The validated, immutable station plan: what `loa check` approves and what
//! the scheduler and playout read. Built only by [`crate::config::load_plan`],
//! so holding a `Plan` means holding a configuration that passed every check.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;

pub use crate::audio::Levels;

/// A station: its settings, slots, playlists and topics.
#[derive(Debug, Clone)]
pub struct Plan {
    /// `[station]` settings.
    pub station: Station,
    /// The time slots, in file order.
    pub slots: Vec<Slot>,
    /// Playlists by name (only those the slots use, plus any present on disk).
    pub playlists: BTreeMap<String, Playlist>,
    /// The topic catalogue.
    pub topics: BTreeMap<u32, Topic>,
    /// SHA-256 (hex) over every file the plan was built from, including the
    /// audio; recorded as `config_applied` so the log says what was in force.
    pub hash: String,
}

/// `[station]`.
#[derive(Debug, Clone)]
pub struct Station {
    /// Path-like id: `province/district/commune` (any depth).
    pub id: String,
    /// Human name, e.g. "Đài truyền thanh xã Thạnh Phú".
    pub name: String,
    /// IANA zone that `at` times and dates are in.
    pub timezone: Tz,
    /// `default`, a device name, `wav:PATH` or `null`.
    pub output: String,
    /// The config file.
    pub config_path: PathBuf,
    /// Folder with playlists and audio.
    pub playlists_dir: PathBuf,
    /// Topic catalogue file.
    pub topics_path: PathBuf,
    /// Airing log folder.
    pub log_dir: PathBuf,
    /// Signing key file.
    pub key_path: PathBuf,
    /// How late a missed start may still air, unless a slot says otherwise.
    pub grace: Duration,
    /// When true, segments without `approved_by` never air.
    pub require_approval: bool,
    /// How playout evens out levels and handles silence.
    pub audio: AudioPolicy,
    /// `[upload]`: the province's hub this station pushes its log to, if
    /// any.
    pub upload: Option<crate::upload::UploadSettings>,
}

/// `[station] loudness`, `trim_silence` and `dead_air`: what playout does to
/// segments that come from many hands (a studio, a phone, a text-to-speech
/// engine) so that the loudspeakers sound even, and what counts as dead air.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AudioPolicy {
    /// The integrated loudness (LUFS) every segment is brought to; `None`
    /// (`loudness = "off"`) airs files at their own level.
    pub loudness: Option<f64>,
    /// Silence at a segment's start or end beyond this is skipped; `None`
    /// (`"off"`) airs it.
    pub trim_silence: Option<Duration>,
    /// Output silent for longer than this is dead air: recorded, and the
    /// segment skipped; `None` (`"off"`) does not watch.
    pub dead_air: Option<Duration>,
}

impl AudioPolicy {
    /// `loudness = "-16 LUFS"`: loud enough over street noise, with room
    /// under the -1 dBTP ceiling for speech's peaks after limiting.
    pub const DEFAULT_LOUDNESS: f64 = -16.0;
    /// `trim_silence = "1s"`: a natural pause between segments is kept.
    pub const DEFAULT_TRIM_SILENCE: Duration = Duration::from_secs(1);
    /// `dead_air = "15s"`: far longer than any pause in speech or music.
    pub const DEFAULT_DEAD_AIR: Duration = Duration::from_secs(15);

    /// Everything off: files air exactly as decoded.
    pub const OFF: Self = Self {
        loudness: None,
        trim_silence: None,
        dead_air: None,
    };
}

impl Default for AudioPolicy {
    fn default() -> Self {
        Self {
            loudness: Some(Self::DEFAULT_LOUDNESS),
            trim_silence: Some(Self::DEFAULT_TRIM_SILENCE),
            dead_air: Some(Self::DEFAULT_DEAD_AIR),
        }
    }
}

/// When a slot airs.
#[derive(Debug, Clone)]
pub enum Rule {
    /// Local times on the given weekdays.
    At {
        /// Sorted, distinct.
        times: Vec<NaiveTime>,
        /// Days it airs (all seven by default).
        days: Vec<Weekday>,
    },
    /// A 6-field cron expression (with seconds).
    Cron {
        /// As written in the config.
        expression: String,
        /// Parsed.
        cron: Box<crate::schedule::CronRule>,
    },
}

/// How segments are picked for each airing of a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// From the first valid segment, every airing.
    Sequential,
    /// Random order, no repeat until all have aired.
    Shuffle,
    /// Continue after the segment the previous airing ended with.
    Rotate,
}

/// `[[slot]]`.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Unique name (`sang`).
    pub name: String,
    /// Human title.
    pub title: String,
    /// When it airs.
    pub rule: Rule,
    /// First local date it airs (inclusive).
    pub from: Option<NaiveDate>,
    /// Last local date it airs (inclusive).
    pub until: Option<NaiveDate>,
    /// Name of the playlist it airs; for a relay slot, its fallback
    /// playlist (empty: none).
    pub playlist: String,
    /// The stream a relay slot carries (`relay = "http://…"`) instead of a
    /// playlist.
    pub relay: Option<crate::relay::RelayUrl>,
    /// How segments are chosen.
    pub order: Order,
    /// Segments per airing; `None`: as many as fit in `max`.
    pub count: Option<u32>,
    /// The session's length limit.
    pub max: Duration,
    /// How late a start may still air.
    pub grace: Duration,
}

/// A playlist file or folder.
#[derive(Debug, Clone)]
pub struct Playlist {
    /// Its name (file stem or folder name).
    pub name: String,
    /// Human title.
    pub title: String,
    /// Default language of its segments.
    pub language: String,
    /// Segments in playlist order.
    pub segments: Vec<Segment>,
}

/// One audio item.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Path relative to the playlists folder, NFC, as recorded in the log.
    pub file: String,
    /// Where it is on disk (resolved, may be NFD).
    pub path: PathBuf,
    /// Human title.
    pub title: String,
    /// Topic code from the catalogue.
    pub topic: u32,
    /// Language code (`vi`, `km`, ...).
    pub language: String,
    /// Who approved it, if anyone.
    pub approved_by: Option<String>,
    /// First date it may air.
    pub from: Option<NaiveDate>,
    /// Last date it may air.
    pub until: Option<NaiveDate>,
    /// Probed duration.
    pub duration: Duration,
    /// SHA-256 of the file (hex), as recorded in the log.
    pub sha256: String,
    /// Measured loudness, true peak and silences; `None` when not measured
    /// (then playout applies no loudness gain and trims nothing).
    pub levels: Option<Levels>,
    /// `gain = "+3 dB"`: the gain this segment airs with, in dB, instead of
    /// the one that brings it to the station's loudness.
    pub gain: Option<f64>,
}

/// A topic of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Its code (1–11 from the Department letter; stations add their own).
    pub code: u32,
    /// Full Vietnamese name.
    pub name: String,
    /// Short name for tables.
    pub short: String,
    /// Whether it is an administrative-reform (CCHC) topic, the ones the
    /// report's CCHC total counts (`cchc = true|false`; when absent,
    /// [`Topic::cchc_by_default`]).
    pub cchc: bool,
}

impl Topic {
    /// The Department's letter numbers its eleven CCHC topics 1–11; a
    /// station's own topics (e.g. 90, commune notices) are not CCHC. A
    /// catalogue without `cchc` marks, like every catalogue written before
    /// the field existed, follows this rule.
    pub fn cchc_by_default(code: u32) -> bool {
        (1..=11).contains(&code)
    }
}

impl Segment {
    /// Whether this segment may air on `date` at a station with the given
    /// approval rule.
    pub fn airs_on(&self, date: NaiveDate, require_approval: bool) -> bool {
        let approved = !require_approval || self.approved_by.is_some();
        approved && self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

impl Slot {
    /// Whether the slot's validity period includes `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

impl Plan {
    /// The playlist a slot airs. Always present in a loaded plan.
    pub fn playlist_of(&self, slot: &Slot) -> Option<&Playlist> {
        self.playlists.get(&slot.playlist)
    }

    /// The slot with this name.
    pub fn slot(&self, name: &str) -> Option<&Slot> {
        self.slots.iter().find(|s| s.name == name)
    }
}
