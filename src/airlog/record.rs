//! What a record says: the kinds of event the log holds and their fields.
//!
//! Each kind is a struct that serde writes as the record's `data` object;
//! [`RecordKind`] ties a kind's name (`"airing_end"`) to its struct. To add a
//! kind: add its struct and a variant here, list it in [`KIND_NAMES`] and in
//! `docs/airlog.md`, raise [`FORMAT_VERSION`], and make
//! [`RecordKind::format_version`] give the new version for records that use
//! it (every other record is still written as the version it always was, so
//! older verifiers keep reading them).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::hash::Sha256Hash;
use super::key::PublicKey;
use super::time::serde_instant;

/// The newest format version, the one `docs/airlog.md` describes. Version 2
/// added the `dead_air` kind and the `dead_air` segment outcome; version 3
/// the `announcement` kind and an `airing_end`'s `interruptions`; version 4
/// an `airing_end`'s `relay`; a record
/// carries in `"v"` the lowest version that has everything in it
/// ([`RecordKind::format_version`]).
pub const FORMAT_VERSION: u32 = 5;

/// The oldest format version a verifier still reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// One record of the log as the program sees it once read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Which station wrote it.
    pub station: String,
    /// Its place in the station's chain, from 0 (genesis), without gaps.
    pub seq: u64,
    /// The hash of the record before it ([`Sha256Hash::ZERO`] for genesis).
    pub prev: Sha256Hash,
    /// The station's wall-clock time when it was written.
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: RecordKind,
    /// This record's own hash (what the next record's `prev` names).
    pub hash: Sha256Hash,
}

/// The kinds of record, each with its fields.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordKind {
    /// The first record of a station's log: who it is and its key.
    Genesis(Genesis),
    /// The daemon started (after a clean stop, a crash, or a broken file).
    DaemonStart(DaemonStart),
    /// The daemon stopped cleanly.
    DaemonStop(DaemonStop),
    /// A new plan (configuration and playlists) took effect.
    ConfigApplied(ConfigApplied),
    /// A scheduled or manual airing began.
    AiringStart(AiringStart),
    /// An airing ended, with what was really aired.
    AiringEnd(AiringEnd),
    /// A scheduled airing did not take place.
    Missed(Missed),
    /// The log's head at this point, signed; what exports hand over.
    Checkpoint(Checkpoint),
    /// The station changed its key; signed by the old key.
    KeyRotation(KeyRotation),
    /// Records were held in memory because writing the log failed.
    WriteOutage(WriteOutage),
    /// The output was silent too long during an airing (format version 2).
    DeadAir(DeadAir),
    /// An announcement outside the schedule aired (format version 3).
    Announcement(Announcement),
    /// An announcement the daemon accepted did not air (format version 5).
    AnnouncementNotAired(AnnouncementNotAired),
}

/// Every kind's name as written in `"kind"`, in the order of [`RecordKind`].
pub const KIND_NAMES: [&str; 13] = [
    "genesis",
    "daemon_start",
    "daemon_stop",
    "config_applied",
    "airing_start",
    "airing_end",
    "missed",
    "checkpoint",
    "key_rotation",
    "write_outage",
    "dead_air",
    "announcement",
    "announcement_not_aired",
];

impl RecordKind {
    /// The name written in the body's `"kind"`.
    pub fn name(&self) -> &'static str {
        KIND_NAMES[self.index()]
    }

    fn index(&self) -> usize {
        match self {
            Self::Genesis(_) => 0,
            Self::DaemonStart(_) => 1,
            Self::DaemonStop(_) => 2,
            Self::ConfigApplied(_) => 3,
            Self::AiringStart(_) => 4,
            Self::AiringEnd(_) => 5,
            Self::Missed(_) => 6,
            Self::Checkpoint(_) => 7,
            Self::KeyRotation(_) => 8,
            Self::WriteOutage(_) => 9,
            Self::DeadAir(_) => 10,
            Self::Announcement(_) => 11,
            Self::AnnouncementNotAired(_) => 12,
        }
    }

    /// The lowest format version that has everything this record uses: 2
    /// for `dead_air` and for an `airing_end` with a `dead_air` outcome, 1
    /// for the rest. Writing each record at its lowest version keeps the
    /// logs of stations that never had dead air readable by older
    /// verifiers at the Department.
    pub fn format_version(&self) -> u32 {
        match self {
            Self::AnnouncementNotAired(_) => 5,
            Self::AiringEnd(end) if end.relay.is_some() => 4,
            Self::Announcement(_) => 3,
            Self::AiringEnd(end) if !end.interruptions.is_empty() => 3,
            Self::DeadAir(_) => 2,
            Self::AiringEnd(end)
                if end
                    .segments
                    .iter()
                    .any(|s| matches!(s.outcome, SegmentOutcome::DeadAir { .. })) =>
            {
                2
            }
            _ => 1,
        }
    }

    /// Writes the kind's `data` object, compact, to `out`.
    pub fn write_data(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        match self {
            Self::Genesis(d) => serde_json::to_writer(out, d),
            Self::DaemonStart(d) => serde_json::to_writer(out, d),
            Self::DaemonStop(d) => serde_json::to_writer(out, d),
            Self::ConfigApplied(d) => serde_json::to_writer(out, d),
            Self::AiringStart(d) => serde_json::to_writer(out, d),
            Self::AiringEnd(d) => serde_json::to_writer(out, d),
            Self::Missed(d) => serde_json::to_writer(out, d),
            Self::Checkpoint(d) => serde_json::to_writer(out, d),
            Self::KeyRotation(d) => serde_json::to_writer(out, d),
            Self::WriteOutage(d) => serde_json::to_writer(out, d),
            Self::DeadAir(d) => serde_json::to_writer(out, d),
            Self::Announcement(d) => serde_json::to_writer(out, d),
            Self::AnnouncementNotAired(d) => serde_json::to_writer(out, d),
        }
    }

    /// Reads the `data` object of the kind named `name` (strictly: unknown
    /// or duplicate fields are errors). `None` for an unknown kind.
    pub fn read_data(name: &str, data: &[u8]) -> Option<Result<Self, serde_json::Error>> {
        fn parse<'a, T: Deserialize<'a>>(
            data: &'a [u8],
            wrap: fn(T) -> RecordKind,
        ) -> Result<RecordKind, serde_json::Error> {
            serde_json::from_slice(data).map(wrap)
        }
        Some(match name {
            "genesis" => parse(data, Self::Genesis),
            "daemon_start" => parse(data, Self::DaemonStart),
            "daemon_stop" => parse(data, Self::DaemonStop),
            "config_applied" => parse(data, Self::ConfigApplied),
            "airing_start" => parse(data, Self::AiringStart),
            "airing_end" => parse(data, Self::AiringEnd),
            "missed" => parse(data, Self::Missed),
            "checkpoint" => match super::codec::parse_checkpoint_data(data) {
                Some(checkpoint) => Ok(Self::Checkpoint(checkpoint)),
                None => parse(data, Self::Checkpoint),
            },
            "key_rotation" => parse(data, Self::KeyRotation),
            "write_outage" => parse(data, Self::WriteOutage),
            "dead_air" => parse(data, Self::DeadAir),
            "announcement" => parse(data, Self::Announcement),
            "announcement_not_aired" => parse(data, Self::AnnouncementNotAired),
            _ => return None,
        })
    }
}

/// `genesis`: the station's first key. The record is signed by that key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Genesis {
    /// The key that signs the records until a `key_rotation`.
    pub public_key: PublicKey,
}

/// `daemon_start`: how the previous run ended and what startup had to repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaemonStart {
    /// The `loa` version that wrote this record.
    pub software: String,
    /// How the previous run ended, as far as the log shows.
    pub previous_run: PreviousRun,
    /// A torn last line that startup moved aside, if any.
    pub torn_tail: Option<TornTail>,
    /// A damaged file that startup stopped appending to, if any.
    pub broken_file: Option<BrokenFile>,
}

/// How the run before a `daemon_start` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PreviousRun {
    /// There was none: this start follows genesis.
    None,
    /// Its last record is a `daemon_stop`.
    CleanStop,
    /// It ended without a `daemon_stop` (power cut, kill, crash).
    Crashed,
}

/// A partial last line (power cut mid-write) moved to a quarantine file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TornTail {
    /// The month file it was cut from.
    pub file: String,
    /// Where in that file it began (the file's length after truncation).
    pub offset: u64,
    /// How many bytes were removed.
    pub length: u64,
    /// SHA-256 of the removed bytes.
    pub sha256: Sha256Hash,
    /// Where the bytes were copied, relative to the log directory (`None`
    /// when the copy could not be written, e.g. on a full disk).
    pub quarantine: Option<String>,
}

/// A file with a damaged record followed by good ones: not a torn write, so
/// the writer leaves it untouched and continues in a new file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrokenFile {
    /// The damaged month file.
    pub file: String,
    /// The 1-based line of its first bad record.
    pub line: u64,
    /// Why that line is bad.
    pub reason: String,
}

/// `daemon_stop`: the daemon stopped on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaemonStop {}

/// `config_applied`: a plan took effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigApplied {
    /// SHA-256 of the plan (configuration and playlists) now in force.
    pub plan_hash: Sha256Hash,
}

/// `airing_start`: an airing began; the segments it plans to air.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiringStart {
    /// The slot's name in the configuration.
    pub slot: String,
    /// The instant the schedule set for it.
    #[serde(with = "serde_instant")]
    pub scheduled: DateTime<Utc>,
    /// When audio really began.
    #[serde(with = "serde_instant")]
    pub started: DateTime<Utc>,
    /// Started by a technician (`loa play`), not by the schedule.
    pub manual: bool,
    /// What it plans to air, in order.
    pub segments: Vec<PlannedSegment>,
}

/// A segment an airing plans to air.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedSegment {
    /// The audio file, as named in the playlist.
    pub file: String,
    /// SHA-256 of the audio file's bytes.
    pub sha256: Sha256Hash,
    /// Its title.
    pub title: String,
    /// Its topic number in the catalogue.
    pub topic: u32,
    /// Its language (`vi`, `km`, …).
    pub language: String,
    /// Its length.
    pub duration_ms: u64,
}

/// `airing_end`: what an airing really aired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiringEnd {
    /// The slot's name in the configuration.
    pub slot: String,
    /// The instant the schedule set for it.
    #[serde(with = "serde_instant")]
    pub scheduled: DateTime<Utc>,
    /// When audio really began.
    #[serde(with = "serde_instant")]
    pub started: DateTime<Utc>,
    /// When audio really ended.
    #[serde(with = "serde_instant")]
    pub ended: DateTime<Utc>,
    /// How it ended.
    pub outcome: AiringOutcome,
    /// `started - scheduled`, in milliseconds (negative if early).
    pub late_ms: i64,
    /// Started by a technician, not by the schedule.
    pub manual: bool,
    /// Each segment and what became of it.
    pub segments: Vec<SegmentAired>,
    /// Announcements that cut in (format version 3; absent when none did:
    /// `null` reads as absent, an empty list is refused, §3.2).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "non_empty_or_null"
    )]
    pub interruptions: Vec<AiringInterruption>,
    /// For a relay slot: the stream and what became of it (format version
    /// 4; absent for other airings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay: Option<RelayAired>,
}

/// A list that is absent when empty (§3.2): `null` reads as absent, and
/// `[]`, a second spelling of "none", is refused.
fn non_empty_or_null<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    match Option::<Vec<T>>::deserialize(deserializer)? {
        Some(list) if list.is_empty() => Err(serde::de::Error::custom(
            "an empty list is written by leaving the field out",
        )),
        list => Ok(list.unwrap_or_default()),
    }
}

/// What a relay airing carried: how long the stream was on air, how long
/// its fallback (or silence) stood in, and every drop, reconnection and
/// programme title on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelayAired {
    /// The stream's address (without credentials).
    pub url: String,
    /// Milliseconds of the stream that went on air.
    pub relayed_ms: u64,
    /// Milliseconds of the fallback playlist that stood in for it.
    pub fallback_ms: u64,
    /// Milliseconds of silence (no stream and no fallback to air).
    pub silent_ms: u64,
    /// Why no second of the stream went on air, when none did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
    /// What happened, in order (at most [`RelayAired::MAX_EVENTS`]).
    pub events: Vec<RelayEventAired>,
    /// Events left out beyond that bound.
    pub events_lost: u64,
}

impl RelayAired {
    /// The most events one airing records: a stream flapping all day
    /// must not make one record grow without bound.
    pub const MAX_EVENTS: usize = 200;
}

/// One thing that happened during a relay airing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelayEventAired {
    /// When.
    #[serde(with = "serde_instant")]
    pub at: DateTime<Utc>,
    /// `connected`, `dropped`, `title`, `overrun`, `to_fallback` (the
    /// fallback or silence went on air) or `to_stream` (the stream came
    /// back on air).
    pub kind: String,
    /// The codec, the reason, the title, or how much was lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// An announcement that cut into an airing, as the airing's record tells
/// it; the `announcement` record before it tells what aired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AiringInterruption {
    /// `priority` (between segments) or `emergency` (cut at once).
    pub priority: String,
    /// Who asked for the announcement.
    pub requested_by: String,
    /// When the airing paused.
    #[serde(with = "serde_instant")]
    pub paused_from: DateTime<Utc>,
    /// When the announcement ended.
    #[serde(with = "serde_instant")]
    pub paused_until: DateTime<Utc>,
    /// The segment an emergency cut (it aired again from its start if the
    /// airing resumed); absent when the announcement came between segments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// How far into that segment it was cut, in milliseconds.
    pub at_ms: u64,
    /// Whether the airing went on afterwards (its slot was still open).
    pub resumed: bool,
}

/// `announcement`: an announcement outside the schedule (`loa play
/// --now`), with who asked, what aired and what it interrupted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    /// `normal`, `priority` or `emergency`.
    pub priority: String,
    /// Who asked: the system user behind the request and the name given.
    pub requested_by: String,
    /// When the daemon accepted the request.
    #[serde(with = "serde_instant")]
    pub requested_at: DateTime<Utc>,
    /// What was asked for: a playlist's name or a file's path.
    pub source: String,
    /// When its audio began.
    #[serde(with = "serde_instant")]
    pub started: DateTime<Utc>,
    /// When its audio ended.
    #[serde(with = "serde_instant")]
    pub ended: DateTime<Utc>,
    /// How it ended.
    pub outcome: AiringOutcome,
    /// Each segment and what became of it.
    pub segments: Vec<SegmentAired>,
    /// The airing it cut into, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interrupted: Option<InterruptedAiring>,
}

/// `announcement_not_aired`: an announcement the daemon accepted (its reply
/// said queued) and that did not air. Every accepted announcement ends in
/// the log, as an `announcement` or as this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncementNotAired {
    /// `normal`, `priority` or `emergency`.
    pub priority: String,
    /// Who asked, as in [`Announcement::requested_by`].
    pub requested_by: String,
    /// When the daemon accepted the request.
    #[serde(with = "serde_instant")]
    pub requested_at: DateTime<Utc>,
    /// What was asked for: a playlist's name or a file's path.
    pub source: String,
    /// Why it did not air: `shutdown` (the daemon stopped while it waited).
    pub reason: String,
}

/// The airing an announcement cut into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterruptedAiring {
    /// The slot's name.
    pub slot: String,
    /// The instant the schedule set for it.
    #[serde(with = "serde_instant")]
    pub scheduled: DateTime<Utc>,
    /// The segment cut (absent: between segments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// How far into it, in milliseconds.
    pub at_ms: u64,
    /// Whether the airing resumed afterwards.
    pub resumed: bool,
}

/// How an airing ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum AiringOutcome {
    /// Every segment aired.
    Completed,
    /// Stopped at the session's maximum length.
    CutAtMax,
    /// Stopped early (shutdown, emergency cut-in, …).
    Interrupted {
        /// Why.
        reason: String,
    },
    /// Could not air (device, decoding, …).
    Failed {
        /// Why.
        reason: String,
    },
}

/// A segment as aired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentAired {
    /// The audio file, as named in the playlist.
    pub file: String,
    /// SHA-256 of the audio file's bytes.
    pub sha256: Sha256Hash,
    /// Its title.
    pub title: String,
    /// Its topic number in the catalogue.
    pub topic: u32,
    /// Its language (`vi`, `km`, …).
    pub language: String,
    /// How much of it went out.
    pub aired_ms: u64,
    /// What became of it.
    pub outcome: SegmentOutcome,
}

/// What became of one segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SegmentOutcome {
    /// Aired to the end.
    Aired,
    /// Cut short (session maximum, interruption).
    Cut,
    /// Not aired.
    Skipped {
        /// Why.
        reason: String,
    },
    /// Failed while airing.
    Failed {
        /// Why.
        reason: String,
    },
    /// Aired until the output had been silent too long, then skipped; a
    /// `dead_air` record before the `airing_end` tells more (format
    /// version 2).
    DeadAir {
        /// Where in the segment the silence began, in milliseconds.
        at_ms: u64,
        /// How long it was silent before the segment was skipped.
        silent_ms: u64,
    },
}

/// `missed`: a scheduled airing that did not take place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Missed {
    /// The slot's name in the configuration.
    pub slot: String,
    /// The instant the schedule set for it.
    #[serde(with = "serde_instant")]
    pub scheduled: DateTime<Utc>,
    /// Why it did not air.
    pub reason: MissReason,
}

/// Why a scheduled airing did not take place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum MissReason {
    /// The daemon was not running at the scheduled instant.
    DaemonDown,
    /// The audio output could not be used.
    DeviceFailure {
        /// What the device said.
        detail: String,
    },
    /// No segment was valid to air (expired, unapproved, missing files).
    NothingToAir,
    /// Too late to start within the slot's tolerance.
    TooLate,
    /// The wall clock stepped over the instant.
    ClockStep,
    /// Any other reason.
    Other {
        /// What happened.
        detail: String,
    },
}

impl MissReason {
    /// The reason's machine name, the same in `loa log --json`, reports and
    /// exports (details are kept out, so reasons group).
    pub fn code(&self) -> &'static str {
        match self {
            MissReason::DaemonDown => "daemon_down",
            MissReason::DeviceFailure { .. } => "device_failure",
            MissReason::NothingToAir => "nothing_to_air",
            MissReason::TooLate => "too_late",
            MissReason::ClockStep => "clock_step",
            MissReason::Other { .. } => "other",
        }
    }

    /// The machine name with its detail, if it has one (`device_failure:
    /// …`): what one airing's entry says.
    pub fn code_with_detail(&self) -> String {
        match self {
            MissReason::DeviceFailure { detail } | MissReason::Other { detail } => {
                format!("{}: {detail}", self.code())
            }
            _ => self.code().to_string(),
        }
    }
}

/// `checkpoint`: names the record before it, so a copy of this record kept
/// elsewhere proves how far the log reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// The sequence number of the record before this one.
    pub seq: u64,
    /// The hash of the record before this one.
    pub head: Sha256Hash,
}

/// `key_rotation`: from the next record on, `public_key` signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRotation {
    /// The new key.
    pub public_key: PublicKey,
}

/// `write_outage`: writing the log failed for a while; the records named
/// here were held in memory and written late, and `dropped` were lost
/// because the memory queue was full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WriteOutage {
    /// When the first write failed.
    #[serde(with = "serde_instant")]
    pub since: DateTime<Utc>,
    /// When writing worked again.
    #[serde(with = "serde_instant")]
    pub until: DateTime<Utc>,
    /// The first record that was held.
    pub first_seq: u64,
    /// The last record that was held.
    pub last_seq: u64,
    /// Events that could not be recorded at all (queue full).
    pub dropped: u64,
    /// The first error, as the system reported it.
    pub error: String,
}

/// `dead_air`: during an airing, what was handed to the output stayed
/// silent longer than the station's `dead_air` setting (a file that decodes
/// to silence, or a long silent stretch in it), so the segment was skipped.
/// Written before the airing's `airing_end`, whose segment outcome is
/// `dead_air` too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadAir {
    /// The slot's name in the configuration.
    pub slot: String,
    /// The instant the schedule set for the airing.
    #[serde(with = "serde_instant")]
    pub scheduled: DateTime<Utc>,
    /// When the silence began on air.
    #[serde(with = "serde_instant")]
    pub started: DateTime<Utc>,
    /// How long the output was silent before the segment was skipped.
    pub silent_ms: u64,
    /// The segment being aired, as named in the playlist.
    pub file: String,
    /// SHA-256 of its bytes.
    pub sha256: Sha256Hash,
    /// Where in the segment the silence began, in milliseconds.
    pub at_ms: u64,
}
