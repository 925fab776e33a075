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

use super::announcement::{Announcements, Priority};
use super::output::Output;
use super::report::{AiringReport, SegmentOutcome, SegmentReport};
use crate::audio::{CHANNELS, SAMPLE_RATE};
use crate::plan::AudioPolicy;
use crate::selection::ReadyAiring;
use crate::shutdown::Shutdown;

mod announcements;
mod budget;
mod outcome;
mod output_failures;
mod priming;
mod relay;
mod run;
mod segment;
mod signal_chain;
mod time;

pub use outcome::outcome_of;
pub use priming::PrimingFailed;
pub use relay::relay_options;

use priming::{Primed, Upcoming};
use run::{FirstSample, Listeners, Run, shut_down, stop_reason};
use segment::SegmentEnd;
use time::samples_to_duration;

/// Plays airings. The daemon calls it from a blocking thread.
pub trait Player: Send {
    /// Slow work before the instant: open the output, decode the first
    /// buffers. Failures are kept and retried by `play`.
    fn prepare(&mut self, airing: &ReadyAiring);
    /// Waits until `start_at`, plays, and returns by `deadline` (plus the
    /// output's drain) or soon after `stop` triggers.
    fn play(
        &mut self,
        airing: &ReadyAiring,
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
/// How long an emergency fades the segment it interrupts: short enough to
/// be "at once", long enough not to click.
pub const CUT_IN_FADE: Duration = Duration::from_millis(500);
/// Why an airing whose slot closed during an announcement did not resume,
/// as the log holds it (English, shown in the reader's language).
pub fn not_resumed() -> String {
    crate::text::reason::for_the_log("reason-not-resumed", &[])
}

/// The real player: decoder → levels and silence → output.
pub struct OutputPlayer {
    output: Box<dyn Output>,
    policy: AudioPolicy,
    /// The first segment of the next airing, primed at `prepare`.
    primed: Option<Primed>,
    /// A relay airing's stream, connected at `prepare`.
    stream: Option<crate::relay::Relay>,
    listeners: Listeners,
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
            stream: None,
            listeners: Listeners::default(),
        }
    }

    /// Airs an airing of files, segment after segment, each next one primed
    /// while the one before it airs; announcements cut in between segments
    /// (priority) or within one (emergency). The reason it stopped early,
    /// if it did.
    fn play_segments(
        &mut self,
        run: &mut Run<'_>,
        primed: Option<Primed>,
        stop: &Shutdown,
    ) -> Option<String> {
        let output = self.output.as_mut();
        let segments = &run.airing().segments;
        let mut upcoming = primed.map(|p| Upcoming::Ready(Box::new(p)));
        let mut index = 0;
        while index < segments.len() {
            if stop.is_triggered() {
                break;
            }
            if run.announcement_due(Priority::Priority) {
                run.air_announcements(None, Duration::ZERO, output, stop);
                if !run.may_resume(stop) {
                    return Some(not_resumed());
                }
            }
            let segment = &segments[index];
            let current = match upcoming.take() {
                Some(primed) => primed.wait(),
                None => Primed::prime(segment, &self.policy),
            };
            upcoming = segments
                .get(index + 1)
                .map(|next| Upcoming::start(next, &self.policy));
            match run.play_segment(index, current.into_source(), output, stop) {
                SegmentEnd::Done => index += 1,
                SegmentEnd::CutIn { aired } => {
                    let at = samples_to_duration(aired);
                    run.air_announcements(Some(index), at, output, stop);
                    if !run.may_resume(stop) {
                        run.report(index, aired, SegmentOutcome::Cut);
                        return Some(not_resumed());
                    }
                    // The cut segment airs again from its start.
                    upcoming = Some(Upcoming::start(segment, &self.policy));
                }
            }
            if run.limit_reached() {
                break;
            }
        }
        None
    }
}

impl Player for OutputPlayer {
    fn prepare(&mut self, airing: &ReadyAiring) {
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
        airing: &ReadyAiring,
        start_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        stop: &Shutdown,
    ) -> AiringReport {
        if let Some(url) = &airing.relay {
            return relay::play_relay(self, airing, url, start_at, deadline, stop);
        }
        let mut run = Run::new(airing, deadline, &self.policy);
        let primed = self.primed.take();
        let output = self.output.as_mut();
        if !run.begin(start_at, FirstSample::Aimed, &self.listeners, output, stop) {
            return run.finish(Utc::now(), shut_down(), output, stop);
        }
        let stopped = self.play_segments(&mut run, primed, stop);
        let stopped = stop_reason(stop, stopped);
        let ended = Utc::now();
        run.finish(ended, stopped, self.output.as_mut(), stop)
    }

    fn listen(&mut self, announcements: Arc<Announcements>) {
        self.listeners.announcements = Some(announcements);
    }

    fn watch_output(&mut self, watch: OutputWatch) {
        self.listeners.output_watch = Some(watch);
    }

    fn watch_progress(&mut self, watch: ProgressWatch) {
        self.listeners.progress_watch = Some(watch);
    }
}
