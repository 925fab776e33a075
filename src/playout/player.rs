//! Playing an airing through an output: pre-roll before the instant, the
//! first sample at the instant, segments back to back in one stream of
//! writes (gapless), never past `max` (a lone long segment fades out over
//! 2 s), bad files skipped, a failing output reopened with backoff.
//!
//! Between decoder and output each segment's long silent edges are left out
//! and its gain brings it to the station's loudness; one limiter runs over
//! the whole airing (so segment boundaries stay gapless through its
//! look-ahead), and a watch on what goes out skips a segment on dead air.
//!
//! ```text
//! Decoder ─trim─▶ ×gain ─▶ fade at max ─▶ dead-air watch ─▶ limiter ─▶ Output
//! ```
//!
//! Announcements (`loa play --now`) cut in here, on the same open output:
//! an emergency fades the segment out within [`CUT_IN_FADE`], a priority
//! announcement waits for the segment's end; the airing then resumes (an
//! emergency's cut segment from its start) if its slot is still open.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::announcement::{Announcement, Announcements, Priority};
use super::loudness::{Limiter, apply_gain, needs_limiter, segment_gain_db};
use super::output::{Output, OutputError};
use super::report::{
    AiringOutcome, AiringReport, DeadAir, Interruption, RelayReport, SegmentOutcome, SegmentReport,
};
use super::silence::{DeadAirWatch, Silence, Trim, TrimmedDecoder};
use crate::audio::{CHANNELS, Decoder, SAMPLE_RATE};
use crate::plan::{AudioPolicy, Segment};
use crate::selection::Airing;
use crate::shutdown::Shutdown;

mod relay;

pub use relay::relay_options;

/// Plays airings. The daemon calls it from a blocking thread.
pub trait Player: Send {
    /// Slow work before the instant: open the output, decode the first
    /// buffers. Failures are kept and retried by `play`.
    fn prepare(&mut self, airing: &Airing);
    /// Waits until `start_at`, plays, and returns by `deadline` (plus the
    /// output's drain) or soon after `stop` triggers.
    fn play(
        &mut self,
        airing: &Airing,
        start_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        stop: &Shutdown,
    ) -> AiringReport;
    /// Where announcements that cut into airings wait. A player that
    /// cannot cut in (the simulated one) leaves them to the daemon, which
    /// airs them between airings.
    fn listen(&mut self, _announcements: Arc<Announcements>) {}
    /// Who hears at once when the output fails during an airing (the
    /// daemon's status), rather than when the airing ends.
    fn watch_output(&mut self, _watch: OutputWatch) {}
    /// Who hears, about once a second, how far the airing has got (the
    /// daemon, which keeps it on disk so that after a crash the log can say
    /// how much went out).
    fn watch_progress(&mut self, _watch: ProgressWatch) {}
}

/// Told the reason the moment the output fails during an airing.
pub type OutputWatch = Arc<dyn Fn(&str) + Send + Sync>;

/// How far an airing has got: the segments done, and the one on air with
/// how much of it went to the output so far.
pub struct AiringProgress<'a> {
    /// Segments finished, in order.
    pub done: &'a [SegmentReport],
    /// The segment on air (its index in the airing) and how much of it
    /// aired; `None` between segments.
    pub on_air: Option<(usize, Duration)>,
}

/// Told how far the airing has got, about once a second while it airs.
pub type ProgressWatch = Arc<dyn Fn(&AiringProgress<'_>) + Send + Sync>;

/// Samples per write: 20 ms of stereo audio, so stop and deadline are
/// checked often and the pacing stays smooth.
const CHUNK_SAMPLES: usize = (SAMPLE_RATE as usize / 50) * CHANNELS;
/// How long a segment cut at `max` fades out.
pub const FADE: Duration = Duration::from_secs(2);
/// How much of the first segment is decoded before the instant.
const PRIMED_SAMPLES: usize = (SAMPLE_RATE as usize / 2) * CHANNELS;
/// How long an emergency fades the segment it interrupts: short enough to
/// be "at once", long enough not to click.
pub const CUT_IN_FADE: Duration = Duration::from_millis(500);
/// Why an airing whose slot closed during an announcement did not resume.
pub const NOT_RESUMED: &str = "announcement; the slot ended before the airing could resume";
const BACKOFF_FIRST: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(8);

/// The real player: decoder → levels and silence → output.
pub struct OutputPlayer {
    output: Box<dyn Output>,
    policy: AudioPolicy,
    primed: Option<Primed>,
    announcements: Option<Arc<Announcements>>,
    /// A relay airing's stream, connected at `prepare`.
    stream: Option<crate::relay::Relay>,
    output_watch: Option<OutputWatch>,
    progress_watch: Option<ProgressWatch>,
}

/// A segment opened and partly decoded ahead of when it airs, its leading
/// silence already skipped: the first before the instant, each next one
/// while the one before it airs (so that opening it and skipping seconds
/// of silence never leaves a gap between segments).
struct Primed {
    decoder: Result<TrimmedDecoder, String>,
    samples: Vec<f32>,
}

impl Primed {
    fn prime(segment: &Segment, policy: &AudioPolicy) -> Self {
        let mut decoder = open_decoder(segment, policy);
        let mut samples = vec![0.0; PRIMED_SAMPLES];
        let filled = match &mut decoder {
            Ok(d) => fill(d, &mut samples).unwrap_or_else(|e| {
                decoder = Err(e);
                0
            }),
            Err(_) => 0,
        };
        samples.truncate(filled);
        Self { decoder, samples }
    }

    fn into_source(self) -> Result<(TrimmedDecoder, Vec<f32>), String> {
        self.decoder.map(|d| (d, self.samples))
    }
}

/// Why a segment could not be made ready to air: the thread preparing it
/// failed (a bug in loa, not in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrimingFailed;

/// The segment after the one airing: primed on its own thread.
enum Upcoming {
    Ready(Box<Primed>),
    Priming(std::thread::JoinHandle<Primed>),
}

impl Upcoming {
    /// Starts priming `segment` on a thread (or here, if no thread can be
    /// had).
    fn start(segment: &Segment, policy: &AudioPolicy) -> Self {
        let (owned, policy_copy) = (segment.clone(), *policy);
        let thread = std::thread::Builder::new()
            .name("loa-prime".into())
            .spawn(move || Primed::prime(&owned, &policy_copy));
        match thread {
            Ok(handle) => Self::Priming(handle),
            Err(_) => Self::Ready(Box::new(Primed::prime(segment, policy))),
        }
    }

    fn wait(self) -> Primed {
        match self {
            Self::Ready(primed) => *primed,
            // Decoding is shielded against panics; one here is a bug in
            // loa, and costs this segment, not the airing.
            Self::Priming(handle) => handle.join().unwrap_or_else(|_| Primed {
                decoder: Err(PrimingFailed.to_string()),
                samples: Vec::new(),
            }),
        }
    }
}

impl OutputPlayer {
    /// A player over `output` (opened at each `prepare`, closed after each
    /// airing so the device is free between airings), treating levels and
    /// silence as the station's `policy` says.
    pub fn new(output: Box<dyn Output>, policy: AudioPolicy) -> Self {
        Self {
            output,
            policy,
            primed: None,
            announcements: None,
            stream: None,
            output_watch: None,
            progress_watch: None,
        }
    }
}

fn samples_to_duration(samples: u64) -> Duration {
    Duration::from_secs_f64(samples as f64 / (SAMPLE_RATE as f64 * CHANNELS as f64))
}

fn duration_to_samples(duration: Duration) -> u64 {
    (duration.as_secs_f64() * SAMPLE_RATE as f64).round() as u64 * CHANNELS as u64
}

/// The segment's decoder within its trimmed edges; `Err` with the reason
/// it is skipped (it cannot be decoded, or it is silent throughout).
fn open_decoder(segment: &Segment, policy: &AudioPolicy) -> Result<TrimmedDecoder, String> {
    let trim = Trim::of(segment, policy).map_err(|silent| silent.to_string())?;
    let decoder = Decoder::open(&segment.path).map_err(|e| e.to_string())?;
    Ok(TrimmedDecoder::new(decoder, trim))
}

/// Blocks until the wall clock reads `deadline`: sleeps, then spins the
/// last 2 ms. Returns false if stopped first.
fn block_until(deadline: DateTime<Utc>, stop: &Shutdown) -> bool {
    loop {
        let left = (deadline - Utc::now()).to_std().unwrap_or_default();
        if stop.is_triggered() {
            return false;
        }
        if left.is_zero() {
            return true;
        }
        if left > Duration::from_millis(2) {
            std::thread::sleep((left - Duration::from_millis(2)).min(Duration::from_millis(200)));
        } else {
            while Utc::now() < deadline {
                std::hint::spin_loop();
            }
            return true;
        }
    }
}

impl Player for OutputPlayer {
    fn prepare(&mut self, airing: &Airing) {
        if let Err(error) = self.output.open() {
            tracing::warn!(%error, "{}", crate::tr!("journal-output-not-ready"));
        }
        if let Some(url) = &airing.relay {
            self.stream = Some(crate::relay::Relay::start(url, relay_options()));
            return;
        }
        self.primed = airing
            .segments
            .first()
            .map(|segment| Primed::prime(segment, &self.policy));
    }

    fn play(
        &mut self,
        airing: &Airing,
        start_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        stop: &Shutdown,
    ) -> AiringReport {
        if let Some(url) = &airing.relay {
            return relay::play_relay(self, airing, url, start_at, deadline, stop);
        }
        let mut run = Run::new(airing, deadline, &self.policy);
        let primed = self.primed.take();
        // A device that plays with a delay gets its first sample that much
        // before the instant, so the sound starts on time.
        let lead = crate::clock::to_chrono(self.output.latency());
        if !block_until(start_at - lead, stop) {
            return run.finish(
                Utc::now(),
                Some("shutdown".into()),
                self.output.as_mut(),
                stop,
            );
        }
        // A device places the first sample by its own clock, on the instant
        // itself when written in time: the start on record is then that
        // instant plus how late the device placed it (`finish`).
        run.started = if self.output.aim(start_at) {
            start_at
        } else {
            Utc::now() + lead
        };
        run.limit = duration_to_samples((deadline - run.started).to_std().unwrap_or_default());
        run.announcements = self.announcements.clone();
        run.output_watch = self.output_watch.clone();
        run.progress_watch = self.progress_watch.clone();
        let mut upcoming = primed.map(|p| Upcoming::Ready(Box::new(p)));
        let mut index = 0;
        let mut stopped = None;
        while index < airing.segments.len() {
            if stop.is_triggered() {
                break;
            }
            if run.announcement_due(Priority::Priority) {
                run.air_announcements(None, Duration::ZERO, self.output.as_mut(), stop);
                if !run.may_resume(stop) {
                    stopped = Some(NOT_RESUMED.to_string());
                    break;
                }
            }
            let segment = &airing.segments[index];
            let current = match upcoming.take() {
                Some(primed) => primed.wait(),
                None => Primed::prime(segment, &self.policy),
            };
            upcoming = airing
                .segments
                .get(index + 1)
                .map(|next| Upcoming::start(next, &self.policy));
            match run.play_segment(index, current.into_source(), self.output.as_mut(), stop) {
                SegmentEnd::Done => index += 1,
                SegmentEnd::CutIn { aired } => {
                    let at = samples_to_duration(aired);
                    run.air_announcements(Some(index), at, self.output.as_mut(), stop);
                    if !run.may_resume(stop) {
                        run.report(index, aired, SegmentOutcome::Cut);
                        stopped = Some(NOT_RESUMED.to_string());
                        break;
                    }
                    // The cut segment airs again from its start.
                    upcoming = Some(Upcoming::start(segment, &self.policy));
                }
            }
            if run.limit_reached() {
                break;
            }
        }
        let stopped = stop
            .is_triggered()
            .then(|| "shutdown".to_string())
            .or(stopped);
        let ended = Utc::now();
        run.finish(ended, stopped, self.output.as_mut(), stop)
    }

    fn listen(&mut self, announcements: Arc<Announcements>) {
        self.announcements = Some(announcements);
    }

    fn watch_output(&mut self, watch: OutputWatch) {
        self.output_watch = Some(watch);
    }

    fn watch_progress(&mut self, watch: ProgressWatch) {
        self.progress_watch = Some(watch);
    }
}

/// How a segment's playing ended.
enum SegmentEnd {
    /// Reported: aired, cut at max, skipped, failed, dead air.
    Done,
    /// An emergency cut in: the segment faded out after `aired` samples
    /// and is not reported yet (it airs again if the airing resumes).
    CutIn {
        /// Samples of it that went out.
        aired: u64,
    },
}

/// Fills `out` from the decoder until full or the end; returns how many.
fn fill(decoder: &mut TrimmedDecoder, out: &mut [f32]) -> Result<usize, String> {
    let mut filled = 0;
    while filled < out.len() {
        let n = decoder
            .read(&mut out[filled..])
            .map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

/// The state of one airing while it plays.
struct Run<'a> {
    airing: &'a Airing,
    deadline: DateTime<Utc>,
    started: DateTime<Utc>,
    /// Samples the airing may still reach (from `started` to `deadline`).
    limit: u64,
    /// Samples that entered the output stage (the limiter may still hold
    /// the last few milliseconds of them).
    written: u64,
    segments: Vec<SegmentReport>,
    device_failures: Vec<String>,
    device_down: bool,
    policy: AudioPolicy,
    /// Over the whole airing, so segment boundaries pass through it.
    limiter: Option<Limiter>,
    /// Limited samples ready for the output.
    limited: Vec<f32>,
    watch: Option<DeadAirWatch>,
    /// For a relay airing: what the stream did so far.
    relay: Option<RelayReport>,
    /// Where announcements wait; `None` while an announcement itself airs
    /// (announcements do not cut into each other: they queue).
    announcements: Option<Arc<Announcements>>,
    /// Announcements that cut in so far.
    interruptions: Vec<Interruption>,
    /// Time spent paused for announcements (the watched stream does not
    /// count it, the wall clock does).
    paused: chrono::Duration,
    /// Samples of the emergency fade still to go, once one began.
    cut_in_left: Option<u64>,
    /// When the airing paused for the announcements airing now, and the
    /// first of their interruptions.
    pause: Option<(DateTime<Utc>, usize)>,
    /// Told at once when the output fails.
    output_watch: Option<OutputWatch>,
    /// Told about once a second how far the airing has got.
    progress_watch: Option<ProgressWatch>,
}

impl<'a> Run<'a> {
    fn new(airing: &'a Airing, deadline: DateTime<Utc>, policy: &AudioPolicy) -> Self {
        Self {
            airing,
            deadline,
            started: Utc::now(),
            limit: 0,
            written: 0,
            segments: Vec::new(),
            device_failures: Vec::new(),
            device_down: false,
            policy: *policy,
            limiter: needs_limiter(&airing.segments, policy).then(Limiter::default),
            limited: Vec::with_capacity(CHUNK_SAMPLES * 2),
            watch: policy.dead_air.map(DeadAirWatch::new),
            announcements: None,
            interruptions: Vec::new(),
            relay: None,
            paused: chrono::Duration::zero(),
            cut_in_left: None,
            pause: None,
            output_watch: None,
            progress_watch: None,
        }
    }

    /// Whether an announcement of at least `priority` waits.
    fn announcement_due(&self, priority: Priority) -> bool {
        self.announcements
            .as_ref()
            .and_then(|a| a.pending())
            .is_some_and(|p| p >= priority)
    }

    /// Airs every waiting announcement of priority or emergency on the open
    /// output (more may arrive while they air), records each as an
    /// interruption of `segment` at `at`, and readies the airing to
    /// resume: a fresh limiter and dead-air watch.
    fn air_announcements(
        &mut self,
        segment: Option<usize>,
        at: Duration,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) {
        self.flush_limiter(output, stop);
        let Some(queue) = self.announcements.clone() else {
            return;
        };
        self.pause = Some((Utc::now(), self.interruptions.len()));
        loop {
            let batch = queue.take(Priority::Priority);
            if batch.is_empty() || stop.is_triggered() {
                break;
            }
            for announcement in batch {
                let paused_from = Utc::now();
                tracing::warn!(
                    priority = announcement.priority.name(),
                    source = %announcement.source,
                    slot = %self.airing.slot,
                    "{}", crate::tr!("journal-announcement-cuts-in")
                );
                queue.airing_now(Some(&announcement));
                let aired = air_announcement(&announcement, &self.policy, output, stop);
                self.interruptions.push(Interruption {
                    announcement,
                    aired: Box::new(aired),
                    segment,
                    at,
                    paused_from,
                    paused_until: Utc::now(),
                    resumed: false,
                });
            }
        }
        queue.airing_now(None);
        self.limiter = needs_limiter(&self.airing.segments, &self.policy).then(Limiter::default);
        self.watch = self.policy.dead_air.map(DeadAirWatch::new);
        self.cut_in_left = None;
    }

    /// After announcements: whether the airing goes on (its slot still
    /// open); if so, the time left to its deadline becomes its limit.
    fn may_resume(&mut self, stop: &Shutdown) -> bool {
        let now = Utc::now();
        let resumed = !stop.is_triggered() && now < self.deadline;
        if let Some((began, first)) = self.pause.take() {
            self.paused += now - began;
            for interruption in &mut self.interruptions[first..] {
                interruption.resumed = resumed;
            }
        }
        if resumed {
            let left = duration_to_samples((self.deadline - now).to_std().unwrap_or_default());
            self.limit = self.written + left;
        }
        resumed
    }

    fn limit_reached(&self) -> bool {
        self.written >= self.limit
    }

    fn report(&mut self, index: usize, aired: u64, outcome: SegmentOutcome) {
        self.segments.push(SegmentReport {
            file: self.airing.segments[index].file.clone(),
            aired: samples_to_duration(aired),
            outcome,
        });
        self.tell_progress(None);
    }

    fn tell_progress(&self, on_air: Option<(usize, u64)>) {
        if let Some(watch) = &self.progress_watch {
            watch(&AiringProgress {
                done: &self.segments,
                on_air: on_air.map(|(index, aired)| (index, samples_to_duration(aired))),
            });
        }
    }

    fn play_segment(
        &mut self,
        index: usize,
        source: Result<(TrimmedDecoder, Vec<f32>), String>,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) -> SegmentEnd {
        let segment = &self.airing.segments[index];
        let room = self.limit.saturating_sub(self.written);
        // A segment that would run past `max` is not started, unless it is
        // the first: then it plays and fades out at `max`.
        let length = Trim::of(segment, &self.policy)
            .map_or(segment.duration, |trim| trim.aired_length(segment));
        let runs_past_max = duration_to_samples(length) > room;
        if index > 0 && runs_past_max {
            self.report(index, 0, SegmentOutcome::NotStarted);
            return SegmentEnd::Done;
        }
        let gain_db = segment_gain_db(segment, &self.policy);
        let segment_start = self.watch.as_ref().map_or(0, DeadAirWatch::position);
        let (mut decoder, mut pending) = match source {
            Ok(source) => source,
            Err(reason) => {
                tracing::warn!(file = %segment.file, %reason, "{}", crate::tr!("journal-segment-skipped"));
                self.report(index, 0, SegmentOutcome::Skipped(reason));
                return SegmentEnd::Done;
            }
        };
        let mut aired: u64 = 0;
        let failures_before = self.device_failures.len();
        let mut buffer = vec![0.0f32; CHUNK_SAMPLES];
        let mut outcome = SegmentOutcome::Aired;
        loop {
            if stop.is_triggered() {
                outcome = SegmentOutcome::Cut;
                break;
            }
            let chunk: Vec<f32> = if pending.is_empty() {
                match decoder.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(n) => buffer[..n].to_vec(),
                    Err(error) => {
                        outcome = SegmentOutcome::Skipped(error.to_string());
                        break;
                    }
                }
            } else {
                std::mem::take(&mut pending)
            };
            let room = self.limit.saturating_sub(self.written) as usize;
            let take = chunk.len().min(room);
            let mut chunk = chunk;
            chunk.truncate(take);
            apply_gain(&mut chunk, gain_db);
            // Only a segment that would run past `max` fades; one that
            // fits ends as its source does.
            if runs_past_max {
                self.apply_fade(&mut chunk);
            }
            let cutting_in = self.apply_cut_in_fade(&mut chunk);
            // The limiter only lowers peaks: what is silent here is
            // silent on air.
            let silence = self.watch.as_mut().and_then(|w| w.watch(&chunk));
            if !self.emit(&chunk, output, stop) {
                outcome = SegmentOutcome::Failed(
                    self.device_failures.last().cloned().unwrap_or_default(),
                );
                break;
            }
            let second = SAMPLE_RATE as u64 * CHANNELS as u64;
            if (aired + chunk.len() as u64) / second > aired / second {
                self.tell_progress(Some((index, aired + chunk.len() as u64)));
            }
            aired += chunk.len() as u64;
            if cutting_in && self.cut_in_left == Some(0) {
                return SegmentEnd::CutIn { aired };
            }
            if let Some(silence) = silence {
                outcome = SegmentOutcome::DeadAir(self.dead_air(index, silence, segment_start));
                break;
            }
            if self.limit_reached() {
                outcome = SegmentOutcome::Cut;
                break;
            }
        }
        // The output failed during this segment and was reopened: part of it
        // never reached the loudspeakers, so it does not count as aired whole.
        if let (SegmentOutcome::Aired | SegmentOutcome::Cut, Some(failure)) =
            (&outcome, self.device_failures.get(failures_before))
        {
            outcome = SegmentOutcome::Failed(crate::text::reason::for_the_log(
                "reason-reopened",
                &[("failure", failure.as_str().into())],
            ));
        }
        self.report(index, aired, outcome);
        SegmentEnd::Done
    }

    /// Once an emergency waits: fades `chunk` along the [`CUT_IN_FADE`]
    /// ramp. True while cutting in (the segment ends when the ramp does).
    fn apply_cut_in_fade(&mut self, chunk: &mut [f32]) -> bool {
        if self.cut_in_left.is_none() && self.announcement_due(Priority::Emergency) {
            self.cut_in_left = Some(duration_to_samples(CUT_IN_FADE));
        }
        let Some(left) = self.cut_in_left else {
            return false;
        };
        let fade = duration_to_samples(CUT_IN_FADE).max(1) as f32;
        let mut remaining = left;
        for frame in chunk.chunks_mut(CHANNELS) {
            let gain = remaining as f32 / fade;
            frame.iter_mut().for_each(|s| *s *= gain);
            remaining = remaining.saturating_sub(CHANNELS as u64);
        }
        self.cut_in_left = Some(remaining);
        true
    }

    /// The dead air `silence` (positions in the watched stream, which began
    /// with the airing) as found during segment `index`, which began at
    /// `segment_start`; logged at once.
    fn dead_air(&self, index: usize, silence: Silence, segment_start: u64) -> DeadAir {
        let dead_air = DeadAir {
            started: self.started
                + self.paused
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
    fn emit(&mut self, chunk: &[f32], output: &mut dyn Output, stop: &Shutdown) -> bool {
        let written = match self.limiter.as_mut() {
            None => self.write(chunk, output, stop),
            Some(limiter) => {
                let mut limited = std::mem::take(&mut self.limited);
                limited.clear();
                limiter.process(chunk, &mut limited);
                let written = limited.is_empty() || self.write(&limited, output, stop);
                self.limited = limited;
                written
            }
        };
        if written {
            self.written += chunk.len() as u64;
        }
        written
    }

    /// Lets the limiter's last look-ahead out at the end of the airing.
    fn flush_limiter(&mut self, output: &mut dyn Output, stop: &Shutdown) {
        let Some(limiter) = self.limiter.as_mut() else {
            return;
        };
        let mut tail = Vec::new();
        limiter.flush(&mut tail);
        if !tail.is_empty() {
            self.write(&tail, output, stop);
        }
    }

    /// Linear fade over the last [`FADE`] before the limit, reaching
    /// silence exactly at it. For what would run past `max` only.
    fn apply_fade(&self, chunk: &mut [f32]) {
        let fade = duration_to_samples(FADE);
        let fade_start = self.limit.saturating_sub(fade);
        if self.written + chunk.len() as u64 <= fade_start {
            return;
        }
        for (i, frame) in chunk.chunks_mut(CHANNELS).enumerate() {
            let position = self.written + (i * CHANNELS) as u64;
            if position >= fade_start {
                let gain = (self.limit.saturating_sub(position)) as f32 / fade.max(1) as f32;
                frame.iter_mut().for_each(|s| *s *= gain.clamp(0.0, 1.0));
            }
        }
    }

    /// Writes, reopening the output with backoff when it fails. False when
    /// the deadline or stop came first.
    fn write(&mut self, chunk: &[f32], output: &mut dyn Output, stop: &Shutdown) -> bool {
        let mut backoff = BACKOFF_FIRST;
        loop {
            match output.write(chunk) {
                Ok(()) => {
                    self.device_down = false;
                    return true;
                }
                Err(error) => self.note_failure(&error, output),
            }
            // Wall time goes on while the device is away: the airing still
            // ends at its deadline.
            if !block_until(
                (Utc::now() + crate::clock::to_chrono(backoff)).min(self.deadline),
                stop,
            ) || Utc::now() >= self.deadline
            {
                return false;
            }
            backoff = (backoff * 2).min(BACKOFF_MAX);
            let _ = output.open();
            let left =
                duration_to_samples((self.deadline - Utc::now()).to_std().unwrap_or_default());
            self.limit = self.written + left;
        }
    }

    fn note_failure(&mut self, error: &OutputError, output: &mut dyn Output) {
        if !self.device_down {
            // "Used before it was opened" hides why: the opening failed
            // (no such card, card busy). Ask the output once for that.
            let reason = match error {
                OutputError::NotOpen => output
                    .open()
                    .err()
                    .map_or_else(|| error.to_string(), |why| why.to_string()),
                _ => error.to_string(),
            };
            tracing::error!(error = %reason, slot = %self.airing.slot, "{}", crate::tr!("journal-output-failed"));
            if let Some(watch) = &self.output_watch {
                watch(&reason);
            }
            self.device_failures.push(reason);
            self.device_down = true;
        }
        output.close();
    }

    fn finish(
        mut self,
        ended: DateTime<Utc>,
        stopped: Option<String>,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) -> AiringReport {
        self.flush_limiter(output, stop);
        if let Err(error) = output.drain() {
            self.device_failures.push(error.to_string());
        }
        // Where the device placed the first sample: the start on record.
        // After a reopen the session placed is a later one, so the planned
        // start stands.
        if self.device_failures.is_empty()
            && let Some(offset) = output.first_sample_offset()
        {
            self.started += offset;
        }
        output.close();
        self.into_report(ended, stopped)
    }

    /// The report, once the audio is out (unaired segments as not started).
    fn into_report(mut self, ended: DateTime<Utc>, stopped: Option<String>) -> AiringReport {
        for index in self.segments.len()..self.airing.segments.len() {
            self.report(index, 0, SegmentOutcome::NotStarted);
        }
        let ended = ended.max(Utc::now());
        let outcome = outcome_of(&self.segments, stopped, &self.device_failures);
        AiringReport {
            started: self.started,
            ended,
            outcome,
            segments: self.segments,
            device_failures: self.device_failures,
            interruptions: self.interruptions,
            relay: self.relay,
        }
    }
}

/// Airs one announcement on an output already playing (an airing it cut
/// into), leaving the output open for the airing to resume.
fn air_announcement(
    announcement: &Announcement,
    policy: &AudioPolicy,
    output: &mut dyn Output,
    stop: &Shutdown,
) -> AiringReport {
    let started = Utc::now();
    let airing = announcement.as_airing(started);
    let deadline = started + crate::clock::to_chrono(airing.max);
    let mut run = Run::new(&airing, deadline, policy);
    run.started = started;
    run.limit = duration_to_samples(airing.max);
    for (index, segment) in airing.segments.iter().enumerate() {
        if stop.is_triggered() {
            break;
        }
        let source = Primed::prime(segment, policy).into_source();
        run.play_segment(index, source, output, stop);
    }
    run.flush_limiter(output, stop);
    let stopped = stop.is_triggered().then(|| "shutdown".to_string());
    run.into_report(Utc::now(), stopped)
}

/// The airing's outcome from its segments' outcomes.
pub fn outcome_of(
    segments: &[SegmentReport],
    stopped: Option<String>,
    device_failures: &[String],
) -> AiringOutcome {
    let aired = segments.iter().any(|s| !s.aired.is_zero());
    if let Some(reason) = stopped {
        return AiringOutcome::Interrupted(reason);
    }
    if !aired {
        let reason = device_failures
            .first()
            .cloned()
            .or_else(|| {
                segments.iter().find_map(|s| match &s.outcome {
                    SegmentOutcome::Skipped(r) | SegmentOutcome::Failed(r) => Some(r.clone()),
                    _ => None,
                })
            })
            .unwrap_or_else(|| crate::text::reason::for_the_log("reason-nothing-aired", &[]));
        return AiringOutcome::Failed(reason);
    }
    let cut = segments
        .iter()
        .any(|s| matches!(s.outcome, SegmentOutcome::Cut | SegmentOutcome::NotStarted));
    if cut {
        AiringOutcome::CutAtMax
    } else {
        AiringOutcome::Completed
    }
}
