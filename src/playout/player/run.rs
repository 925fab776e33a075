//! The state of one airing while it plays, shared by the three ways an
//! airing goes out: an airing of files, a relay, and an announcement that
//! cuts into either. It ties together the budget (how much may still go
//! out), the signal chain, the output's failures, the announcements'
//! pauses and the segments' reports, and turns them into the airing's
//! report at the end.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::announcements::{AnnouncementPauses, CutInPoint};
use super::budget::Budget;
use super::outcome::outcome_of;
use super::output_failures::OutputFailures;
use super::signal_chain::SignalChain;
use super::time::{block_until, samples_to_duration};
use super::{AiringProgress, OutputWatch, ProgressWatch};
use crate::plan::AudioPolicy;
use crate::playout::announcement::{Announcements, Priority};
use crate::playout::output::Output;
use crate::playout::report::{AiringReport, DeadAir, RelayReport, SegmentOutcome, SegmentReport};
use crate::playout::silence::Silence;
use crate::selection::ReadyAiring;
use crate::shutdown::Shutdown;

/// Who hears of an airing as it plays: the announcements that may cut
/// in, and the watches on the output and on progress.
#[derive(Clone, Default)]
pub(super) struct Listeners {
    /// Where announcements that cut into airings wait.
    pub(super) announcements: Option<Arc<Announcements>>,
    /// Told at once when the output fails.
    pub(super) output_watch: Option<OutputWatch>,
    /// Told about once a second how far the airing has got.
    pub(super) progress_watch: Option<ProgressWatch>,
}

/// Where the start on record comes from.
#[derive(Clone, Copy)]
pub(super) enum FirstSample {
    /// The device is asked to place the first sample on the instant; the
    /// instant stands when it can, the moment written otherwise.
    Aimed,
    /// The moment written (plus the device's latency) stands.
    Written,
}

/// The state of one airing while it plays.
pub(super) struct Run<'a> {
    airing: &'a ReadyAiring,
    policy: AudioPolicy,
    budget: Budget,
    chain: SignalChain,
    failures: OutputFailures,
    pauses: AnnouncementPauses,
    segments: Vec<SegmentReport>,
    /// For a relay airing: what the stream did so far.
    relay: Option<RelayReport>,
    /// Told about once a second how far the airing has got.
    progress_watch: Option<ProgressWatch>,
}

impl<'a> Run<'a> {
    /// An airing of files that must end by `deadline`, not started yet.
    pub(super) fn new(
        airing: &'a ReadyAiring,
        deadline: DateTime<Utc>,
        policy: &AudioPolicy,
    ) -> Self {
        let chain = SignalChain::for_segments(&airing.segments, policy);
        Self::with_chain(airing, deadline, policy, chain)
    }

    /// An airing going through `chain` (a relay's differs from files').
    pub(super) fn with_chain(
        airing: &'a ReadyAiring,
        deadline: DateTime<Utc>,
        policy: &AudioPolicy,
        chain: SignalChain,
    ) -> Self {
        Self {
            airing,
            policy: *policy,
            budget: Budget::new(deadline),
            chain,
            failures: OutputFailures::default(),
            pauses: AnnouncementPauses::default(),
            segments: Vec::new(),
            relay: None,
            progress_watch: None,
        }
    }

    /// Waits for `start_at` (less the output's latency, so the sound
    /// starts on time), then starts the airing's clock and lets
    /// `listeners` hear of it. False if stopped first.
    pub(super) fn begin(
        &mut self,
        start_at: DateTime<Utc>,
        first_sample: FirstSample,
        listeners: &Listeners,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) -> bool {
        let lead = crate::clock::to_chrono(output.latency());
        if !block_until(start_at - lead, stop) {
            return false;
        }
        // A device places the first sample by its own clock, on the instant
        // itself when written in time: the start on record is then that
        // instant plus how late the device placed it (`finish`).
        let started = match first_sample {
            FirstSample::Aimed if output.aim(start_at) => start_at,
            FirstSample::Aimed | FirstSample::Written => Utc::now() + lead,
        };
        self.budget.start_until_deadline(started);
        self.pauses.listen(listeners.announcements.clone());
        self.failures.watch(listeners.output_watch.clone());
        self.progress_watch = listeners.progress_watch.clone();
        true
    }

    /// Starts the airing now-ish at `started`, with `limit` samples to fill
    /// (an announcement, which has no instant to wait for).
    pub(super) fn start(&mut self, started: DateTime<Utc>, limit: u64) {
        self.budget.start(started, limit);
    }

    /// The airing playing.
    pub(super) fn airing(&self) -> &'a ReadyAiring {
        self.airing
    }

    /// The station's levels and silence policy.
    pub(super) fn policy(&self) -> &AudioPolicy {
        &self.policy
    }

    /// Samples that may still be written.
    pub(super) fn room(&self) -> u64 {
        self.budget.room()
    }

    /// Whether the airing has filled its limit.
    pub(super) fn limit_reached(&self) -> bool {
        self.budget.reached()
    }

    /// The output's failures so far.
    pub(super) fn failures(&self) -> &OutputFailures {
        &self.failures
    }

    /// Whether an announcement of at least `priority` waits.
    pub(super) fn announcement_due(&self, priority: Priority) -> bool {
        self.pauses.due(priority)
    }

    /// Begins the cut-in fade once an announcement of at least `priority`
    /// waits (unless one is under way).
    pub(super) fn start_cut_in_if_due(&mut self, priority: Priority) {
        if !self.chain.cutting_in() && self.announcement_due(priority) {
            self.chain.start_cut_in();
        }
    }

    /// Once an emergency waits: fades `chunk` along the cut-in ramp. True
    /// while cutting in (the segment ends when the ramp does).
    pub(super) fn apply_cut_in_fade(&mut self, chunk: &mut [f32]) -> bool {
        self.start_cut_in_if_due(Priority::Emergency);
        self.chain.cut_in_fade(chunk)
    }

    /// Whether the cut-in fade reached silence.
    pub(super) fn cut_in_faded(&self) -> bool {
        self.chain.cut_in_faded()
    }

    /// Fades `chunk` towards the limit (for what would run past `max`).
    pub(super) fn apply_fade(&self, chunk: &mut [f32]) {
        SignalChain::fade_at_max(chunk, &self.budget);
    }

    /// Where the dead-air watch is in the stream.
    pub(super) fn watched_position(&self) -> u64 {
        self.chain.watched_position()
    }

    /// Dead air found once `chunk` is counted.
    pub(super) fn watch_dead_air(&mut self, chunk: &[f32]) -> Option<Silence> {
        self.chain.watch_dead_air(chunk)
    }

    /// Airs every waiting announcement of priority or emergency on the open
    /// output (more may arrive while they air), records each as an
    /// interruption of `segment` at `at`, and readies the airing to
    /// resume: a fresh limiter and dead-air watch.
    pub(super) fn air_announcements(
        &mut self,
        segment: Option<usize>,
        at: Duration,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) {
        self.flush_limiter(output, stop);
        let point = CutInPoint {
            segment,
            at,
            slot: &self.airing.slot,
        };
        if self.pauses.air_waiting(point, &self.policy, output, stop) {
            self.chain.restart(&self.airing.segments, &self.policy);
        }
    }

    /// After announcements: whether the airing goes on (its slot still
    /// open); if so, the time left to its deadline becomes its limit.
    pub(super) fn may_resume(&mut self, stop: &Shutdown) -> bool {
        let now = Utc::now();
        let resumed = !stop.is_triggered() && now < self.budget.deadline();
        self.pauses.end(now, resumed);
        if resumed {
            self.budget.resume(now);
        }
        resumed
    }

    /// Records how segment `index` ended, after `aired` samples of it.
    pub(super) fn report(&mut self, index: usize, aired: u64, outcome: SegmentOutcome) {
        self.segments.push(SegmentReport {
            file: self.airing.segments[index].file.clone(),
            aired: samples_to_duration(aired),
            outcome,
        });
        self.tell_progress(None);
    }

    /// Tells the progress watch the segments done and `on_air` (a segment's
    /// index and the samples of it aired).
    pub(super) fn tell_progress(&self, on_air: Option<(usize, u64)>) {
        if let Some(watch) = &self.progress_watch {
            watch(&AiringProgress {
                done: &self.segments,
                on_air: on_air.map(|(index, aired)| (index, samples_to_duration(aired))),
            });
        }
    }

    /// The dead air `silence` (positions in the watched stream, which began
    /// with the airing) as found during segment `index`, which began at
    /// `segment_start`; logged at once.
    pub(super) fn dead_air(&self, index: usize, silence: Silence, segment_start: u64) -> DeadAir {
        let dead_air = DeadAir {
            started: self.budget.started()
                + self.pauses.paused()
                + crate::clock::to_chrono(samples_to_duration(silence.start)),
            at: samples_to_duration(silence.start.saturating_sub(segment_start)),
            silent: samples_to_duration(silence.length),
        };
        tracing::warn!(
            slot = %self.airing.slot,
            file = %self.airing.segments[index].file,
            silent_s = dead_air.silent.as_secs_f64(),
            "{}", crate::tr!("journal-dead-air")
        );
        dead_air
    }

    /// Sends `chunk` on through the limiter (when there is one) to the
    /// output. False when the deadline or stop came first.
    pub(super) fn emit(&mut self, chunk: &[f32], output: &mut dyn Output, stop: &Shutdown) -> bool {
        let written = match self.chain.limit(chunk) {
            None => true,
            Some(out) => {
                self.failures
                    .write(out, output, stop, &mut self.budget, &self.airing.slot)
            }
        };
        if written {
            self.budget.wrote(chunk.len() as u64);
        }
        written
    }

    /// Lets the limiter's last look-ahead out at the end of the airing.
    pub(super) fn flush_limiter(&mut self, output: &mut dyn Output, stop: &Shutdown) {
        let tail = self.chain.flush();
        if !tail.is_empty() {
            self.failures
                .write(&tail, output, stop, &mut self.budget, &self.airing.slot);
        }
    }

    /// Keeps what the relay's stream did, for the report.
    pub(super) fn set_relay_report(&mut self, relay: RelayReport) {
        self.relay = Some(relay);
    }

    /// Ends the airing on `output` (the limiter's tail, the drain, the
    /// start the device really placed) and closes it; the report.
    pub(super) fn finish(
        mut self,
        ended: DateTime<Utc>,
        stopped: Option<String>,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) -> AiringReport {
        self.flush_limiter(output, stop);
        if let Err(error) = output.drain() {
            self.failures.push(crate::text::reason::english(&error));
        }
        // Where the device placed the first sample: the start on record.
        // After a reopen the session placed is a later one, so the planned
        // start stands.
        if self.failures.is_empty()
            && let Some(offset) = output.first_sample_offset()
        {
            self.budget.start_later_by(offset);
        }
        output.close();
        self.into_report(ended, stopped)
    }

    /// The report, once the audio is out (unaired segments as not started).
    pub(super) fn into_report(
        mut self,
        ended: DateTime<Utc>,
        stopped: Option<String>,
    ) -> AiringReport {
        for index in self.segments.len()..self.airing.segments.len() {
            self.report(index, 0, SegmentOutcome::NotStarted);
        }
        let ended = ended.max(Utc::now());
        let outcome = outcome_of(&self.segments, stopped, self.failures.as_slice());
        AiringReport {
            started: self.budget.started(),
            ended,
            outcome,
            segments: self.segments,
            device_failures: self.failures.into_vec(),
            interruptions: self.pauses.into_interruptions(),
            relay: self.relay,
        }
    }
}

/// Why the airing stopped: a shutdown overrides `stopped` (the reason it
/// stopped otherwise, if it did).
pub(super) fn stop_reason(stop: &Shutdown, stopped: Option<String>) -> Option<String> {
    if stop.is_triggered() {
        shut_down()
    } else {
        stopped
    }
}

/// The reason on record for an airing the station's shutdown stopped.
pub(super) fn shut_down() -> Option<String> {
    Some("shutdown".to_string())
}
