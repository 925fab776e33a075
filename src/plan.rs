//! The validated, immutable station plan: what `loa check` approves and what
//! the scheduler and playout read. Built only by [`crate::config::load_plan`],
//! so holding a `Plan` means holding a configuration that passed every check.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;

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
        cron: Box<croner::Cron>,
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
    /// Name of the playlist it airs.
    pub playlist: String,
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
