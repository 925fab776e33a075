//! The daemon: load, schedule, play, log, shut down.
//!
//! One loop: find the next airing not yet handled, wait for it (in sleeps of
//! at most a second, re-reading the wall clock, so clock steps are noticed),
//! prepare the output two seconds ahead, play, and record. Exactly-once
//! across restarts and clock steps comes from the [`Ledger`], derived from
//! the airing log.

mod control;
mod ledger;
mod log_progress;
mod on_air;
mod playing;
mod records;
pub mod socket;
pub mod status;
mod status_updates;
pub mod watch;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

pub use control::{AnnounceRequest, Control, DaemonHandle};
pub use ledger::Ledger;
pub use log_progress::LogProgress;
pub use status::{Status, UploadProblem, UploadStatus};

use control::{ControlInbox, control_channel};
use log_progress::{ProgressSender, progress_channel};
use on_air::ProgressFile;
use playing::Prepared;
use status::AiringLine;

use crate::airlog::record::{ConfigApplied, MissReason, Missed};
use crate::airlog::{
    AirLog, AirlogError, KeyError, RecordKind, Sha256Hash, StartReport, load_or_generate_key,
};
use crate::clock::{Clock, to_chrono, wait_until};
use crate::plan::Plan;
use crate::playout::announcement::Priority;
use crate::playout::player::Player;
use crate::playout::report::AiringReport;
use crate::schedule::{ScheduledAiring, airings_between};
use crate::selection::{ReadyAiring, build_airing};
use crate::shutdown::Shutdown;

/// How long before its instant an airing is prepared (output opened,
/// first buffers decoded).
pub const PREROLL: Duration = Duration::from_secs(2);
/// How long before its instant a relay airing connects to its stream, so
/// its jitter buffer is full when the first sample goes out.
pub const RELAY_PREROLL: Duration = Duration::from_secs(5);
/// How often a checkpoint record is written.
pub const CHECKPOINT_EVERY: Duration = Duration::from_secs(3600);
/// How far ahead the loop looks for the next airing.
const LOOKAHEAD: chrono::Duration = chrono::Duration::days(2);
/// After a long outage, misses older than this are not listed one by one.
const CATCH_UP_LIMIT: chrono::Duration = chrono::Duration::days(366);

/// Until when an airing kept the daemon busy, for telling airings it made
/// late from ones a clock step skipped: when it ended, but never past its
/// deadline (or its last announcement) and a margin. An airing cannot run
/// longer, so a later end means the clock stepped forward during it, and
/// what the step skipped was not made late by the airing.
fn busy_until(report: &AiringReport, deadline: DateTime<Utc>) -> DateTime<Utc> {
    let last_announcement = report.interruptions.iter().map(|i| i.paused_until).max();
    let latest = deadline.max(last_announcement.unwrap_or(deadline)) + chrono::Duration::seconds(5);
    report.ended.min(latest)
}

/// Why the daemon could not start or stop cleanly.
#[derive(Debug)]
pub enum DaemonError {
    /// The signing key could not be loaded or created.
    Key(KeyError),
    /// The airing log could not be opened or closed.
    Log(AirlogError),
}

impl std::error::Error for DaemonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Key(e) => Some(e),
            Self::Log(e) => Some(e),
        }
    }
}

/// What opening the daemon found: a new key, log repairs.
#[derive(Debug)]
pub struct Startup {
    /// The fingerprint of a key generated at this start, if one was.
    pub generated_key: Option<String>,
    /// What the log's recovery did.
    pub log: StartReport,
}

/// A running station.
pub struct Daemon {
    plan: Arc<Plan>,
    clock: Arc<dyn Clock>,
    player: Option<Box<dyn Player>>,
    log: AirLog,
    ledger: Ledger,
    shutdown: Shutdown,
    /// Airings before this instant were scheduled while the daemon was down.
    started_at: DateTime<Utc>,
    /// Scheduled airings before this are all handled.
    scan_from: DateTime<Utc>,
    /// When the last airing ended (a miss before it is "too late").
    busy_until: Option<DateTime<Utc>>,
    last_checkpoint: DateTime<Utc>,
    inbox: ControlInbox,
    handle: DaemonHandle,
    /// How far the airing on air has got, kept for the recovery.
    on_air: Arc<ProgressFile>,
    /// Wakes the uploader after each record.
    progress: ProgressSender,
}

impl Daemon {
    /// Loads (or creates) the key and the log, closes airings a crash left
    /// open, and records the plan in force.
    pub fn start(
        plan: Plan,
        clock: Arc<dyn Clock>,
        player: Box<dyn Player>,
        output_name: &str,
        shutdown: Shutdown,
    ) -> Result<(Self, Startup), DaemonError> {
        let (key, generated) =
            load_or_generate_key(&plan.station.key_path).map_err(DaemonError::Key)?;
        let fingerprint = generated.then(|| crate::airlog::PublicKey::of(&key).fingerprint());
        let mut ledger = Ledger::from_log(&plan.station.log_dir, &plan);
        let now = clock.now();
        let (log, report) = AirLog::open(&plan.station.log_dir, &plan.station.id, key, now)
            .map_err(DaemonError::Log)?;
        // A new log begins now (its genesis record was just written).
        ledger.log_began.get_or_insert(now);
        // Look back at least as far as the longest grace, so a start inside
        // a slot's window still airs it, even on a new log.
        let grace_start = now - longest_grace(&plan);
        let scan_from = ledger
            .last_record_at
            .map_or(grace_start, |last| last.max(now - CATCH_UP_LIMIT))
            .min(grace_start);
        let status = Status {
            station: plan.station.id.clone(),
            name: plan.station.name.clone(),
            timezone: plan.station.timezone.name().to_string(),
            started_at: now,
            output: output_name.to_string(),
            ..Status::default()
        };
        let plan = Arc::new(plan);
        let (progress, progress_receiver) = progress_channel(LogProgress::of(&log));
        let (handle, inbox) = control_channel(status, Arc::clone(&plan), progress_receiver);
        let mut player = player;
        player.listen(Arc::clone(&inbox.announcements));
        player.watch_output(handle.output_watch());
        let on_air = ProgressFile::new(&plan.station.log_dir);
        player.watch_progress(on_air.watch());
        let mut daemon = Self {
            plan,
            clock,
            player: Some(player),
            log,
            ledger,
            shutdown,
            started_at: now,
            scan_from,
            busy_until: None,
            last_checkpoint: now,
            inbox,
            handle,
            on_air,
            progress,
        };
        for open in daemon.ledger.take_open_airings() {
            let on_air = ProgressFile::recovered(&daemon.plan.station.log_dir, &open);
            let end = records::interrupted_by_crash(&open, now, on_air);
            daemon.append(RecordKind::AiringEnd(end));
        }
        let plan_hash =
            Sha256Hash::from_hex(daemon.plan.hash.as_bytes()).unwrap_or(Sha256Hash::ZERO);
        daemon.append(RecordKind::ConfigApplied(ConfigApplied { plan_hash }));
        daemon.refresh_status();
        Ok((
            daemon,
            Startup {
                generated_key: fingerprint,
                log: report,
            },
        ))
    }

    /// A handle for the config watcher and the status socket.
    pub fn handle(&self) -> DaemonHandle {
        self.handle.clone()
    }

    /// The plan in force.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The next airing not yet handled, from now.
    pub fn next_airing(&self) -> Option<ReadyAiring> {
        let now = self.clock.now();
        self.pending(now)
            .into_iter()
            .find(|a| a.instant >= now)
            .map(|due| self.build(due))
    }

    fn build(&self, due: ScheduledAiring) -> ReadyAiring {
        let slot = &self.plan.slots[due.slot];
        build_airing(
            &self.plan,
            slot,
            due.instant,
            &self.ledger.history.slot(&slot.name),
        )
    }

    /// The airing `loa play SLOT` airs now: the slot's next segments (its
    /// rotation continues), recorded as manual.
    pub fn manual_airing(&self, slot_name: &str) -> Option<ReadyAiring> {
        let slot = self.plan.slot(slot_name)?;
        let mut airing = build_airing(
            &self.plan,
            slot,
            self.clock.now(),
            &self.ledger.history.slot(&slot.name),
        );
        airing.manual = true;
        Some(airing)
    }

    /// Airs `airing` now (after preparing the output), records it, and
    /// closes the log: `loa play`.
    pub async fn air_now(mut self, mut airing: ReadyAiring) -> Result<AiringReport, DaemonError> {
        airing.scheduled = self.clock.now() + to_chrono(PREROLL);
        let deadline = airing.scheduled + to_chrono(airing.max);
        // A manual airing has no grace: it airs whenever the output is ready.
        let report = match self
            .play(airing.clone(), deadline, DateTime::<Utc>::MAX_UTC)
            .await
        {
            Prepared::Played(report) => Some(*report),
            Prepared::TooLate { .. } => Some(self.player_lost(&airing)),
            // Stopped (Ctrl-C) before it began: nothing aired, nothing to
            // record.
            Prepared::StoppedBefore => None,
        };
        for record in report
            .iter()
            .flat_map(|r| records::airing_closed(&airing, r))
        {
            self.append(record);
        }
        self.on_air.end();
        let report = report.unwrap_or_else(|| self.player_lost(&airing));
        let now = self.clock.now();
        self.log.stop(now).map_err(DaemonError::Log)?;
        Ok(report)
    }

    /// Runs until shutdown, then writes the closing records.
    pub async fn run(mut self) -> Result<(), DaemonError> {
        while !self.shutdown.is_triggered() {
            while let Ok(control) = self.inbox.receiver.try_recv() {
                self.apply(control);
            }
            self.housekeeping();
            if self.inbox.announcements.pending().is_some() {
                self.air_announcements().await;
                continue;
            }
            let now = self.clock.now();
            let pending = self.pending(now);
            let mut next = None;
            for due in pending {
                if !self.can_still_air(&due, now) {
                    self.record_missed(due);
                } else {
                    next = Some(due);
                    break;
                }
            }
            if next.is_none_or(|due| due.instant >= now) {
                // Everything before now is handled: keep the scan window
                // short however long the station has been idle.
                self.scan_from = self.scan_from.max(now - self.longest_grace());
            }
            // systemd: watchdog ping and STATUS (src/systemd/).
            crate::systemd::scheduler_turn(&self.plan, next.as_ref(), now);
            let wake = self.last_checkpoint + to_chrono(CHECKPOINT_EVERY);
            match next {
                Some(due) if due.instant - to_chrono(self.preroll(&due)) <= now => {
                    // systemd: pings go on while it airs, up to its length and a margin.
                    let limit = self.plan.slots[due.slot].max
                        + self.preroll(&due)
                        + crate::systemd::AIRING_MARGIN;
                    crate::systemd::keep_alive(self.air(due), Some(limit)).await;
                }
                Some(due) => {
                    let prepare_at = due.instant - to_chrono(self.preroll(&due));
                    self.sleep_until(prepare_at.min(wake)).await;
                }
                None => {
                    self.sleep_until((now + LOOKAHEAD).min(wake)).await;
                }
            }
        }
        // Every announcement the daemon accepted ends in the log: those
        // still waiting did not air.
        for waiting in self.inbox.announcements.take(Priority::Normal) {
            tracing::warn!(source = %waiting.source, "{}", crate::tr!("journal-announcement-not-aired"));
            self.append(RecordKind::AnnouncementNotAired(records::not_aired(
                &waiting, "shutdown",
            )));
        }
        let now = self.clock.now();
        tracing::info!("{}", crate::tr!("journal-stopping"));
        let stopped = self.log.stop(now).map_err(DaemonError::Log)?;
        // The log is closed: its last records are final for the uploader.
        self.progress.publish(LogProgress {
            next_seq: stopped.seq + 1,
            durable_next: stopped.seq + 1,
        });
        Ok(())
    }

    /// How long before its instant `due` is prepared.
    fn preroll(&self, due: &ScheduledAiring) -> Duration {
        if self.plan.slots[due.slot].relay.is_some() {
            RELAY_PREROLL
        } else {
            PREROLL
        }
    }

    fn longest_grace(&self) -> chrono::Duration {
        longest_grace(&self.plan)
    }

    /// Waits until `deadline`, or until shutdown, or until a control
    /// message arrives (applied at once; the loop then looks again).
    async fn sleep_until(&mut self, deadline: DateTime<Utc>) {
        let shutdown = self.shutdown.clone();
        let cancelled = Box::pin(async move { shutdown.wait().await });
        let clock = Arc::clone(&self.clock);
        let announcements = Arc::clone(&self.inbox.announcements);
        let message = tokio::select! {
            // systemd: pings while waiting.
            _ = crate::systemd::keep_alive(wait_until(clock.as_ref(), deadline, cancelled), None) => None,
            message = self.inbox.receiver.recv() => message,
            // The loop airs it.
            _ = announcements.wait() => None,
        };
        if let Some(control) = message {
            self.apply(control);
        }
    }

    /// Applies a control message: a new plan takes effect from the next
    /// airing (one in progress finished under the plan it started with).
    fn apply(&mut self, control: Control) {
        match control {
            Control::Apply(plan) if plan.hash == self.plan.hash => {
                self.set_status(Status::config_in_force)
            }
            Control::Apply(plan) => {
                tracing::info!(plan = %plan.hash, "{}", crate::tr!("journal-config-applied"));
                self.plan = Arc::new(*plan);
                *self.inbox.plan.lock().unwrap_or_else(|e| e.into_inner()) = Arc::clone(&self.plan);
                let plan_hash =
                    Sha256Hash::from_hex(self.plan.hash.as_bytes()).unwrap_or(Sha256Hash::ZERO);
                self.append(RecordKind::ConfigApplied(ConfigApplied { plan_hash }));
                self.set_status(Status::config_in_force);
                self.refresh_status();
            }
            Control::Invalid(errors, count) => self.set_status(|s| s.config_invalid(errors, count)),
        }
    }

    /// Scheduled airings from `scan_from` to the lookahead, not yet handled.
    fn pending(&self, now: DateTime<Utc>) -> Vec<ScheduledAiring> {
        let mut due = airings_between(
            &self.plan,
            self.scan_from,
            now.max(self.scan_from) + LOOKAHEAD,
        );
        due.retain(|a| {
            !self
                .ledger
                .is_handled(&self.plan.slots[a.slot].name, a.instant)
        });
        due
    }

    /// Whether `due` may still start at `now`: within its slot's grace,
    /// and before its `max` is over (an airing that can air no sound is a
    /// miss, never a failure).
    fn can_still_air(&self, due: &ScheduledAiring, now: DateTime<Utc>) -> bool {
        now <= self.latest_start(due)
    }

    /// The last instant `due` may start: its grace, or just before its
    /// `max` ends, whichever is earlier.
    fn latest_start(&self, due: &ScheduledAiring) -> DateTime<Utc> {
        let slot = &self.plan.slots[due.slot];
        let grace_end = due.instant + to_chrono(slot.grace);
        let max_end = due.instant + to_chrono(slot.max) - chrono::Duration::nanoseconds(1);
        grace_end.min(max_end)
    }

    fn record_missed(&mut self, due: ScheduledAiring) {
        if self
            .ledger
            .log_began
            .is_some_and(|began| due.instant < began)
        {
            // The station did not exist yet: nothing was missed.
            let slot = self.plan.slots[due.slot].name.clone();
            self.ledger.mark_handled(&slot, due.instant);
            self.scan_from = self.scan_from.max(due.instant);
            return;
        }
        let reason = if due.instant < self.started_at {
            MissReason::DaemonDown
        } else if self.busy_until.is_some_and(|end| due.instant <= end) {
            MissReason::TooLate
        } else {
            MissReason::ClockStep
        };
        self.record_miss(due, reason);
    }

    fn record_miss(&mut self, due: ScheduledAiring, reason: MissReason) {
        let slot = self.plan.slots[due.slot].name.clone();
        tracing::warn!(%slot, scheduled = %due.instant, %reason, "{}", crate::tr!("journal-airing-missed"));
        let line = AiringLine::missed(slot.clone(), due.instant, &reason);
        self.set_status(|s| s.push_last(line));
        self.append(RecordKind::Missed(Missed {
            slot,
            scheduled: due.instant,
            reason,
        }));
        self.scan_from = self.scan_from.max(due.instant);
    }

    async fn air(&mut self, due: ScheduledAiring) {
        let airing = self.build(due);
        self.scan_from = self.scan_from.max(due.instant);
        if airing.segments.is_empty() && airing.relay.is_none() {
            tracing::warn!(slot = %airing.slot, "{}", crate::tr!("journal-nothing-valid"));
            self.append(RecordKind::Missed(Missed {
                slot: airing.slot.clone(),
                scheduled: due.instant,
                reason: MissReason::NothingToAir,
            }));
            return;
        }
        let slot_max = to_chrono(airing.max);
        let deadline = due.instant + slot_max;
        let latest_start = self.latest_start(&due);
        let report = match self.play(airing.clone(), deadline, latest_start).await {
            Prepared::Played(report) => *report,
            // The grace passed while the output was being prepared: a miss,
            // not an airing that started an hour late.
            Prepared::TooLate { clock_stepped } => {
                let reason = if clock_stepped {
                    MissReason::ClockStep
                } else {
                    MissReason::TooLate
                };
                return self.record_miss(due, reason);
            }
            Prepared::StoppedBefore => return,
        };
        self.busy_until = Some(busy_until(&report, deadline));
        self.airing_over(&airing, &report);
        tracing::info!(
            slot = %airing.slot,
            late_ms = (report.started - airing.scheduled).num_milliseconds(),
            outcome = %report.outcome.code(),
            "{}",
            crate::tr!(
                "journal-airing-ended",
                summary = crate::text::outcome_summary(&report)
            )
        );
        for record in records::airing_closed(&airing, &report) {
            self.append(record);
        }
        self.on_air.end();
    }

    /// Airs the announcements waiting while nothing else airs, each as a
    /// manual airing recorded as an `announcement`.
    async fn air_announcements(&mut self) {
        for announcement in self.inbox.announcements.take(Priority::Normal) {
            let airing = announcement.as_airing(self.clock.now());
            tracing::warn!(
                priority = announcement.priority.name(),
                source = %announcement.source,
                "{}", crate::tr!("journal-announcement-airs")
            );
            let deadline = airing.scheduled + to_chrono(airing.max);
            self.inbox.announcements.airing_now(Some(&announcement));
            let played = self
                .play_unrecorded(airing.clone(), deadline, DateTime::<Utc>::MAX_UTC)
                .await;
            self.inbox.announcements.airing_now(None);
            let report = match played {
                Prepared::Played(report) => *report,
                Prepared::TooLate { .. } | Prepared::StoppedBefore => self.player_lost(&airing),
            };
            self.busy_until = Some(busy_until(&report, deadline));
            self.airing_over(&airing, &report);
            for record in records::announcement_closed(&announcement, &airing, &report) {
                self.append(record);
            }
        }
    }

    fn housekeeping(&mut self) {
        let now = self.clock.now();
        if self.log.pending() > 0 {
            self.log.retry(now);
            self.progress.publish(LogProgress::of(&self.log));
        }
        if (now - self.last_checkpoint).to_std().unwrap_or_default() >= CHECKPOINT_EVERY {
            self.last_checkpoint = now;
            match self.log.checkpoint(now) {
                Ok(appended) => self.set_status(|s| s.last_checkpoint = Some((appended.seq, now))),
                Err(error) => {
                    tracing::error!(%error, "{}", crate::tr!("journal-checkpoint-not-written"))
                }
            }
            self.progress.publish(LogProgress::of(&self.log));
        }
    }

    /// Appends a record; the broadcast goes on whatever the disk does (the
    /// log keeps records in memory while writing fails).
    fn append(&mut self, kind: RecordKind) {
        let now = self.clock.now();
        match self.log.append(now, kind.clone()) {
            Ok(appended) if !appended.durable => {
                tracing::error!(
                    seq = appended.seq,
                    "{}",
                    crate::tr!("journal-log-not-writable")
                );
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "{}", crate::tr!("journal-record-not-written")),
        }
        self.progress.publish(LogProgress::of(&self.log));
        self.ledger.note(now, &kind, &self.plan);
    }
}

/// The longest `grace` of any slot: how far back an airing can still start.
fn longest_grace(plan: &Plan) -> chrono::Duration {
    let longest = plan.slots.iter().map(|s| s.grace).max().unwrap_or_default();
    to_chrono(longest)
}
