//! Playing a relay airing: the stream (connected since the pre-roll) on
//! air from the instant to `max`, its fallback playlist (or silence when
//! there is none) standing in whenever the stream runs dry, and the stream
//! back on air once its buffer has refilled. Every switch, drop and title
//! goes into the airing's report.
//!
//! ```text
//! Relay::read ──┐
//!               ├─▶ fade at max ─▶ limiter ─▶ Output
//! Fallback ─────┘   (one stream of writes, as for any airing)
//! ```

use chrono::Utc;

use super::priming::open_decoder;
use super::run::{FirstSample, Listeners, Run, shut_down, stop_reason};
use super::signal_chain::SignalChain;
use super::time::samples_to_duration;
use super::{CHUNK_SAMPLES, OutputPlayer, not_resumed};
use crate::plan::{AudioPolicy, Segment};
use crate::playout::announcement::Priority;
use crate::playout::loudness::{apply_gain, segment_gain_db};
use crate::playout::output::Output;
use crate::playout::report::{
    AiringOutcome, AiringReport, RelayLogEvent, RelayLogKind, RelayReport, SegmentOutcome,
};
use crate::playout::silence::TrimmedDecoder;
use crate::relay::{Relay, RelayEventKind, RelayOptions, RelayUrl};
use crate::selection::ReadyAiring;
use crate::shutdown::Shutdown;

/// How much of the stream must be buffered at the instant for the airing
/// to open on the stream rather than on its fallback: less than the
/// jitter buffer, so a stream that connected late still starts on time.
const OPENING_BUFFER: std::time::Duration = std::time::Duration::from_secs(1);

/// How a relay airs: the source's timings.
pub fn relay_options() -> RelayOptions {
    RelayOptions::default()
}

/// Airs the relay airing `airing` of `url` (see the module's comment).
pub(super) fn play_relay(
    player: &mut OutputPlayer,
    airing: &ReadyAiring,
    url: &RelayUrl,
    start_at: chrono::DateTime<Utc>,
    deadline: chrono::DateTime<Utc>,
    stop: &Shutdown,
) -> AiringReport {
    let options = relay_options();
    let stream = player
        .stream
        .take()
        .unwrap_or_else(|| Relay::start(url, options));
    // A stream's level and peaks are not known ahead: always limited; its
    // quiet moments are not dead air to skip.
    let mut run = Run::with_chain(airing, deadline, &player.policy, SignalChain::for_stream());
    let report = RelayReport {
        url: url.as_str().to_string(),
        ..RelayReport::default()
    };
    let output = player.output.as_mut();
    // A relay's progress is its report at the end, not told as it goes.
    let listeners = Listeners {
        progress_watch: None,
        ..player.listeners.clone()
    };
    if !run.begin(start_at, FirstSample::Written, &listeners, output, stop) {
        run.set_relay_report(report);
        return run.finish(Utc::now(), shut_down(), output, stop);
    }
    let fallback = Fallback::new(&airing.segments, player.policy);
    let mut mix = RelayMix::open(stream, report, fallback, options.buffer);
    let stopped = air_until_limit(&mut run, &mut mix, output, stop);
    mix.close(run, stopped, output, stop)
}

/// Sends the mix out until the airing's limit, an output that fails for
/// good, or stop; announcements cut in meanwhile. Why it stopped early,
/// if it did.
fn air_until_limit(
    run: &mut Run<'_>,
    mix: &mut RelayMix<'_>,
    output: &mut dyn Output,
    stop: &Shutdown,
) -> Option<String> {
    let mut chunk = vec![0.0f32; CHUNK_SAMPLES];
    while !run.limit_reached() && !stop.is_triggered() {
        mix.collect_events();
        // Announcements cut into a relay once the stream has faded out (a
        // live stream has no segment end to wait for); the stream goes on
        // buffering meanwhile.
        run.start_cut_in_if_due(Priority::Priority);
        if run.cut_in_faded() {
            run.air_announcements(None, std::time::Duration::ZERO, output, stop);
            if !run.may_resume(stop) {
                return Some(not_resumed());
            }
        }
        let room = run.room() as usize;
        let chunk = &mut chunk[..CHUNK_SAMPLES.min(room)];
        mix.fill(chunk);
        run.apply_fade(chunk);
        run.apply_cut_in_fade(chunk);
        if !run.emit(chunk, output, stop) {
            break;
        }
    }
    None
}

/// What a relay airing sends out: the stream while it flows, the fallback
/// (or silence) while it is away, with every switch noted and how much of
/// each went out.
struct RelayMix<'a> {
    stream: Relay,
    report: RelayReport,
    fallback: Fallback<'a>,
    /// How much the stream must have buffered to go back on air.
    refilled: std::time::Duration,
    on_stream: bool,
    /// Samples from the stream, from the fallback, and of silence.
    relayed: u64,
    stood_in: u64,
    silent: u64,
}

impl<'a> RelayMix<'a> {
    /// At the instant: on the stream if it has buffered enough to open
    /// on, on the fallback otherwise.
    fn open(
        stream: Relay,
        report: RelayReport,
        fallback: Fallback<'a>,
        refilled: std::time::Duration,
    ) -> Self {
        let on_stream = stream.buffered() >= OPENING_BUFFER;
        let mut mix = Self {
            stream,
            report,
            fallback,
            refilled,
            on_stream,
            relayed: 0,
            stood_in: 0,
            silent: 0,
        };
        if !on_stream {
            note(&mut mix.report, RelayLogKind::ToFallback);
        }
        mix
    }

    /// Moves the stream's events into the report.
    fn collect_events(&mut self) {
        collect_events(&mut self.stream, &mut self.report);
    }

    /// Fills `chunk`: from the stream while it flows (back on it once its
    /// buffer has refilled), the rest from the fallback, then silence.
    fn fill(&mut self, chunk: &mut [f32]) {
        if !self.on_stream && self.stream.buffered() >= self.refilled {
            self.on_stream = true;
            note(&mut self.report, RelayLogKind::ToStream);
        }
        let from_stream = if self.on_stream {
            self.stream.read(chunk)
        } else {
            0
        };
        if self.on_stream && from_stream < chunk.len() {
            self.on_stream = false;
            note(&mut self.report, RelayLogKind::ToFallback);
        }
        let from_fallback = self.fallback.read(&mut chunk[from_stream..]);
        let filled = from_stream + from_fallback;
        chunk[filled..].fill(0.0);
        self.relayed += from_stream as u64;
        self.stood_in += from_fallback as u64;
        self.silent += (chunk.len() - filled) as u64;
    }

    /// Ends the airing: the stream closed, what aired in the report (the
    /// fallback's segments as segments), and the outcome a relay has: it
    /// runs to its slot's end whatever its fallback did.
    fn close(
        mut self,
        mut run: Run<'_>,
        stopped: Option<String>,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) -> AiringReport {
        self.collect_events();
        drop(self.stream);
        let mut relay = self.report;
        relay.relayed = samples_to_duration(self.relayed);
        relay.fallback = samples_to_duration(self.stood_in);
        relay.silent = samples_to_duration(self.silent);
        for (index, aired) in self.fallback.aired.iter().enumerate() {
            let outcome = if *aired > 0 {
                SegmentOutcome::Aired
            } else {
                SegmentOutcome::NotStarted
            };
            run.report(index, *aired, outcome);
        }
        let nothing_aired = self.relayed == 0 && self.stood_in == 0;
        let failure = relay.first_failure.clone();
        run.set_relay_report(relay);
        let stopped = stop_reason(stop, stopped);
        let interrupted = stopped.is_some();
        let mut report = run.finish(Utc::now(), stopped, output, stop);
        report.outcome = match (interrupted, nothing_aired) {
            (true, _) => report.outcome,
            (false, true) => {
                AiringOutcome::Failed(failure.unwrap_or_else(crate::text::relay_never_came))
            }
            (false, false) => AiringOutcome::Completed,
        };
        report
    }
}

/// Moves the stream's events into the report, keeping the first failure.
fn collect_events(stream: &mut Relay, relay: &mut RelayReport) {
    for event in stream.take_events() {
        if let (RelayEventKind::Dropped(failure), None) = (&event.kind, &relay.first_failure) {
            relay.first_failure = Some(crate::text::reason::english(failure));
        }
        push(relay, event.at, RelayLogKind::Stream(event.kind));
    }
}

/// Notes a switch, now.
fn note(relay: &mut RelayReport, kind: RelayLogKind) {
    push(relay, Utc::now(), kind);
}

/// Adds an event to the report, up to what one log record may hold (the
/// rest only counted).
fn push(relay: &mut RelayReport, at: chrono::DateTime<Utc>, kind: RelayLogKind) {
    if relay.events.len() < crate::airlog::record::RelayAired::MAX_EVENTS {
        relay.events.push(RelayLogEvent { at, kind });
    } else {
        relay.events_lost += 1;
    }
}

/// The fallback playlist as an endless source: its segments in turn, again
/// from the first after the last, each at the station's loudness; files
/// that cannot be decoded are passed over.
struct Fallback<'a> {
    segments: &'a [Segment],
    policy: AudioPolicy,
    next: usize,
    current: Option<(usize, TrimmedDecoder, f64)>,
    /// Samples aired, per segment.
    aired: Vec<u64>,
}

impl<'a> Fallback<'a> {
    fn new(segments: &'a [Segment], policy: AudioPolicy) -> Self {
        Self {
            segments,
            policy,
            next: 0,
            current: None,
            aired: vec![0; segments.len()],
        }
    }

    /// Fills `out` as far as it can; 0 when there is no fallback (or none
    /// of it decodes).
    fn read(&mut self, out: &mut [f32]) -> usize {
        let mut filled = 0;
        let mut failed_opens = 0;
        while filled < out.len() {
            if self.current.is_none() {
                if failed_opens >= self.segments.len() {
                    break;
                }
                let index = self.next % self.segments.len().max(1);
                self.next += 1;
                let Some(segment) = self.segments.get(index) else {
                    break;
                };
                match open_decoder(segment, &self.policy) {
                    Ok(decoder) => {
                        let gain = segment_gain_db(segment, &self.policy);
                        self.current = Some((index, decoder, gain));
                    }
                    Err(_) => {
                        failed_opens += 1;
                        continue;
                    }
                }
            }
            let Some((index, decoder, gain)) = self.current.as_mut() else {
                break;
            };
            match decoder.read(&mut out[filled..]) {
                Ok(n) if n > 0 => {
                    apply_gain(&mut out[filled..filled + n], *gain);
                    self.aired[*index] += n as u64;
                    filled += n;
                    failed_opens = 0;
                }
                _ => self.current = None,
            }
        }
        filled
    }
}
