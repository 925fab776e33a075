//! The device process, `loa output-worker --device NAME`: the only code
//! that touches the sound card. It runs apart from the daemon because
//! alsa-lib may abort the process (a dead consumer behind the file plugin)
//! and a lost device can make cpal spin; here that costs one airing, not
//! the scheduler.
//!
//! Stdin: a stream header (the CLOCK_MONOTONIC instant the first frame is
//! to play), then 16-bit LE stereo PCM at 48 kHz, pushed into a ring kept
//! 50 ms full (more for devices that take audio in larger bursts) that the
//! device callback drains, playing silence when it runs dry. The
//! callback places the first frame at its instant by the device's clock
//! (now + ALSA's delay), whatever the period's phase. Stdout: one JSON status line per event
//! ([`WorkerEvent`]). Device errors are counted and reported at most once
//! a second; a lost device, or errors that keep coming, end the process
//! (exit status 3) after a `failed` line. End of stdin stops the device at
//! once and ends the process.

use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, OnceLock};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{
    BufferSize, DeviceId, ErrorKind, FromSample, HostId, OutputCallbackInfo, Sample, SizedSample,
    StreamConfig,
};
use rtrb::{Consumer, Producer, RingBuffer};

use super::devices_list::{closest_name, output_devices};
use super::pcm::{duration_to_frames, frames_to_duration};
use super::pipe::PIPE_BYTES;
use super::protocol::{STREAM_HEADER_BYTES, WorkerEvent, monotonic_ns};
use super::{CHANNELS, DEFAULT_DEVICE, DeviceFailure, SAMPLE_RATE};

/// Frames per device period asked for: 10.7 ms, with two periods in the
/// device buffer (21 ms). Short enough to place the first sample well,
/// long enough for a busy two-core machine to never miss a period.
const PERIOD_FRAMES: u32 = 512;
/// Spare time between a first write and its start instant, beyond the
/// device's own periods (which leave a period to spare), for the write to
/// reach the ring; the parent lets a first write that comes up to this late
/// still start on its aimed instant.
pub(super) const START_MARGIN: Duration = Duration::from_millis(5);
/// The ring between stdin and the device: room for 200 ms of audio.
const RING_SAMPLES: usize = SAMPLE_RATE as usize / 5 * CHANNELS;
/// How much of the ring is kept filled at least: 50 ms of audio. More when
/// the device takes audio in larger bursts (see [`queue_target`]).
const MIN_QUEUE_SAMPLES: usize = SAMPLE_RATE as usize / 20 * CHANNELS;
/// Callbacks closer together than this belong to one burst (a sound
/// card's periods are 10.7 ms apart).
const BURST_GAP_NS: u64 = 5_000_000;
/// How often progress is reported (when it changed).
const REPORT_EVERY: Duration = Duration::from_millis(20);
/// How long the device may take to settle to its clock's pace.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(3);
/// The window over which the device's pace is measured while settling.
const SETTLE_WINDOW: Duration = Duration::from_millis(100);
/// How often the settling device is looked at.
const SETTLE_CHECK_EVERY: Duration = Duration::from_millis(5);
/// How far ahead of real time a settling device may take audio before it
/// counts as unpaced: more than any device buffer or plugin pipe fills at
/// the start (a sound server's is up to 2 s).
const RUNAWAY_LEAD: Duration = Duration::from_secs(3);
/// At most one warning line per this long, whatever the device does.
const WARNING_EVERY: Duration = Duration::from_secs(1);
/// More device errors than this within a second: the device is broken.
const MAX_ERRORS_PER_SECOND: u64 = 100;
/// Device errors queued between the callback and the reporter.
const ERROR_QUEUE: usize = 64;
/// The longest the stdin pump sleeps while the ring is full (the device
/// callback wakes it sooner).
const PUMP_WAIT: Duration = Duration::from_millis(10);
/// cpal's ALSA poll timeout: how often it rechecks a silent device.
const DEVICE_POLL_TIMEOUT: Duration = Duration::from_millis(500);
/// The nice value asked for (lower runs first; 0 is the default).
const AUDIO_NICE: libc::c_int = -10;
/// Exit status after a `failed` line.
const EXIT_FAILED: i32 = 3;
/// How long stopping the device may take once the input has ended.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// Runs the device process until its stdin ends or the device fails.
pub fn run(device_name: &str) -> ExitCode {
    raise_priority();
    let mut status = StatusOut;
    let device = open_device(device_name).unwrap_or_else(|failure| status.fail(failure));
    if !status.send(&device.ready) {
        parent_gone();
    }
    let input_ended = Arc::new(AtomicBool::new(false));
    let pump = start_pump(
        device.ring,
        Arc::clone(&device.counters),
        Arc::clone(&input_ended),
    );
    match pump {
        Ok(thread) => {
            let _ = device.pump_thread.set(thread);
        }
        Err(error) => status.fail(DeviceFailure::Other(error.to_string())),
    }
    let mut reporter = Reporter::default();
    while !input_ended.load(Ordering::Acquire) {
        thread::park_timeout(REPORT_EVERY);
        if let Err(failure) = reporter.watch_errors(&device.errors, &device.counters) {
            status.fail(failure);
        }
        if !reporter.send_news(&mut status, &device.counters) {
            parent_gone();
        }
    }
    // Stopping a stuck device can hang in alsa-lib; with no parent left to
    // kill this process, it must not outlive the stop by long.
    exit_after(STOP_GRACE);
    drop(device.stream);
    reporter.send_news(&mut status, &device.counters);
    status.send(&WorkerEvent::Bye {
        peak_rss_kb: peak_rss_kb(),
    });
    ExitCode::SUCCESS
}

/// A device that plays, and what the rest of the process needs of it.
struct OpenDevice {
    stream: cpal::Stream,
    /// The ring's input end, for the stdin pump.
    ring: Producer<i16>,
    counters: Arc<Counters>,
    errors: Receiver<cpal::Error>,
    /// Where the pump's thread handle goes, for the callback to wake it.
    pump_thread: Arc<OnceLock<Thread>>,
    /// The line that tells the parent it may write.
    ready: WorkerEvent,
}

/// Opens and starts the device, and waits until it plays at its pace.
fn open_device(name: &str) -> Result<OpenDevice, DeviceFailure> {
    let device = find_device(name)?;
    let counters = Arc::new(Counters::default());
    let (error_sender, errors) = mpsc::sync_channel(ERROR_QUEUE);
    let pump_thread = Arc::new(OnceLock::new());
    let feeder = || Feeder::new(&counters, &pump_thread);
    let (stream, format, ring) = open_stream(&device, feeder, &error_sender, &counters)?;
    stream.play().map_err(|error| classify(&error))?;
    let period_frames = stream.buffer_size().unwrap_or(PERIOD_FRAMES);
    wait_until_steady(&counters, &errors)?;
    let burst_frames = counters.burst_frames.load(Ordering::Relaxed);
    let ready = WorkerEvent::Ready {
        format: format.to_string(),
        period_frames,
        delay_us: counters.delay_us.load(Ordering::Relaxed),
        latency_us: start_latency(period_frames, burst_frames).as_micros() as u64,
    };
    Ok(OpenDevice {
        stream,
        ring,
        counters,
        errors,
        pump_thread,
        ready,
    })
}

/// The device named `name`: ALSA's default, or one that ALSA lists.
fn find_device(name: &str) -> Result<cpal::Device, DeviceFailure> {
    let host = cpal::host_from_id(HostId::Alsa)
        .map_err(|error| DeviceFailure::NoAudioSystem(error.to_string()))?;
    let device = if name == DEFAULT_DEVICE {
        host.default_output_device()
    } else {
        host.device_by_id(&DeviceId::new(HostId::Alsa, name))
    };
    device.ok_or_else(|| {
        let names = output_devices().unwrap_or_default();
        DeviceFailure::NoSuchDevice {
            suggestion: closest_name(name, names.iter().map(|entry| entry.name.as_str())),
        }
    })
}

/// How long after a first write its first frame can surely play: the
/// largest burst the device asks for at once (one period on a sound card
/// once running; up to the ring's capacity), the device buffer (two
/// periods) and a margin. A device that takes 100 ms at a time needs that
/// much queued before it starts, or the first burst finds the ring short.
fn start_latency(period_frames: u32, burst_frames: u64) -> Duration {
    let period = u64::from(period_frames);
    let burst = burst_frames.clamp(period, (RING_SAMPLES / CHANNELS) as u64);
    frames_to_duration(burst + 2 * period) + START_MARGIN
}

/// Opens the device at 48 kHz stereo: with [`PERIOD_FRAMES`] periods if
/// it takes them, else its own; as 16-bit if it takes that (no conversion
/// at all), else as float. Returns the stream, its format and the ring's
/// input end.
fn open_stream(
    device: &cpal::Device,
    feeder: impl Fn() -> (Feeder, Producer<i16>),
    errors: &SyncSender<cpal::Error>,
    counters: &Arc<Counters>,
) -> Result<(cpal::Stream, cpal::SampleFormat, Producer<i16>), DeviceFailure> {
    let mut unsupported = None;
    for buffer_size in [BufferSize::Fixed(PERIOD_FRAMES), BufferSize::Default] {
        for format in [cpal::SampleFormat::I16, cpal::SampleFormat::F32] {
            let config = StreamConfig {
                channels: CHANNELS as u16,
                sample_rate: SAMPLE_RATE,
                buffer_size,
            };
            let (feed, ring) = feeder();
            let built = match format {
                cpal::SampleFormat::I16 => build::<i16>(device, config, feed, errors, counters),
                _ => build::<f32>(device, config, feed, errors, counters),
            };
            match built {
                Ok(stream) => return Ok((stream, format, ring)),
                Err(error) if error.kind() == ErrorKind::UnsupportedConfig => {
                    unsupported = Some(error);
                }
                Err(error) => return Err(classify(&error)),
            }
        }
    }
    let detail = unsupported
        .map(|error| error.to_string())
        .unwrap_or_default();
    Err(DeviceFailure::Unsupported(detail))
}

fn build<T: SizedSample + FromSample<i16>>(
    device: &cpal::Device,
    config: StreamConfig,
    mut feeder: Feeder,
    errors: &SyncSender<cpal::Error>,
    counters: &Arc<Counters>,
) -> Result<cpal::Stream, cpal::Error> {
    let errors = errors.clone();
    let counters = Arc::clone(counters);
    device.build_output_stream::<T, _, _>(
        config,
        move |out, info| feeder.fill(out, info),
        // Replaces cpal's default (print every error): queue it for the
        // rate-limited reporter, count it when the queue is full.
        move |error| {
            if errors.try_send(error).is_err() {
                counters.lost_errors.fetch_add(1, Ordering::Relaxed);
            }
        },
        Some(DEVICE_POLL_TIMEOUT),
    )
}

/// The failure a cpal error means when opening or starting the device.
fn classify(error: &cpal::Error) -> DeviceFailure {
    match error.kind() {
        ErrorKind::DeviceBusy => DeviceFailure::Busy,
        ErrorKind::DeviceNotAvailable => DeviceFailure::Unavailable(error.to_string()),
        ErrorKind::PermissionDenied => DeviceFailure::PermissionDenied,
        ErrorKind::UnsupportedConfig | ErrorKind::UnsupportedOperation => {
            DeviceFailure::Unsupported(error.to_string())
        }
        ErrorKind::HostUnavailable => DeviceFailure::NoAudioSystem(error.to_string()),
        _ => DeviceFailure::Other(error.to_string()),
    }
}

/// Waits until the device takes audio at its clock's pace: past the burst
/// that fills its buffer, and a plugin's (the paced test device's pipe to
/// `pv` swallows a third of a second at once), so that the first write
/// plays in real time rather than vanish into that burst. A device that
/// never asks for audio, or never slows to real time (ALSA's unpaced
/// `null` or `file`), cannot air anything.
fn wait_until_steady(
    counters: &Counters,
    errors: &Receiver<cpal::Error>,
) -> Result<(), DeviceFailure> {
    let started = Instant::now();
    let deadline = started + SETTLE_TIMEOUT;
    let mut window = (started, counters.device_frames.load(Ordering::Relaxed));
    loop {
        thread::sleep(SETTLE_CHECK_EVERY);
        if let Ok(error) = errors.try_recv()
            && error.kind() == ErrorKind::DeviceNotAvailable
        {
            return Err(classify(&error));
        }
        let (now, frames) = (
            Instant::now(),
            counters.device_frames.load(Ordering::Relaxed),
        );
        // Regression: a device whose writes all fail (the paced card's
        // consumer gone) takes audio as fast as the CPU goes, and alsa-lib
        // prints an error for every write: ~33,000 a second, for the whole
        // settle timeout, at every reopen. No buffer that fills at the
        // start is this far ahead of real time.
        if frames > duration_to_frames(now - started + RUNAWAY_LEAD) {
            return Err(DeviceFailure::NotKeepingTime);
        }
        let elapsed = now - window.0;
        if elapsed >= SETTLE_WINDOW {
            let taken = frames - window.1;
            let paced = duration_to_frames(elapsed) * 5 / 4 + 2 * u64::from(PERIOD_FRAMES);
            if taken > 0 && taken <= paced {
                return Ok(());
            }
            window = (now, frames);
        }
        if now >= deadline {
            return Err(match frames {
                0 => DeviceFailure::NotStarting,
                _ => DeviceFailure::NotKeepingTime,
            });
        }
    }
}

/// What the device callback shares with the reporter and the stdin pump.
#[derive(Debug)]
struct Counters {
    /// Frames the device has asked for, silence included.
    device_frames: AtomicU64,
    /// The most frames the device has asked for in one burst of callbacks.
    burst_frames: AtomicU64,
    played_frames: AtomicU64,
    underruns: AtomicU64,
    delay_us: AtomicU64,
    /// When the first written frame is to play (CLOCK_MONOTONIC ns, from
    /// the stream header); [`START_UNKNOWN`] until the header is read.
    start_at_ns: AtomicU64,
    /// When the first written frame plays, as the callback placed it
    /// (CLOCK_MONOTONIC ns); 0 until then.
    first_data_ns: AtomicU64,
    lost_errors: AtomicU64,
}

/// `start_at_ns` before the stream header has arrived.
const START_UNKNOWN: u64 = u64::MAX;

impl Default for Counters {
    fn default() -> Self {
        Self {
            device_frames: AtomicU64::new(0),
            burst_frames: AtomicU64::new(0),
            played_frames: AtomicU64::new(0),
            underruns: AtomicU64::new(0),
            delay_us: AtomicU64::new(0),
            start_at_ns: AtomicU64::new(START_UNKNOWN),
            first_data_ns: AtomicU64::new(0),
            lost_errors: AtomicU64::new(0),
        }
    }
}

/// The device callback's side of the ring.
struct Feeder {
    ring: Consumer<i16>,
    counters: Arc<Counters>,
    pump_thread: Arc<OnceLock<Thread>>,
    /// The first written frame has been placed.
    started: bool,
    /// Taking audio without a shortfall.
    playing: bool,
    /// Ran dry while playing; an underrun if more audio comes.
    starved: bool,
    /// Frames asked for in the current burst of callbacks, and when the
    /// last callback ran (CLOCK_MONOTONIC ns).
    burst: u64,
    last_callback_ns: u64,
}

impl Feeder {
    fn new(counters: &Arc<Counters>, pump_thread: &Arc<OnceLock<Thread>>) -> (Self, Producer<i16>) {
        let (ring_in, ring_out) = RingBuffer::new(RING_SAMPLES);
        let feeder = Self {
            ring: ring_out,
            counters: Arc::clone(counters),
            pump_thread: Arc::clone(pump_thread),
            started: false,
            playing: false,
            starved: false,
            burst: 0,
            last_callback_ns: 0,
        };
        (feeder, ring_in)
    }

    /// Fills one device period from the ring, silence for what is missing.
    /// Runs on the audio thread: no allocation, no lock, no I/O.
    fn fill<T: Sample + FromSample<i16>>(&mut self, out: &mut [T], info: &OutputCallbackInfo) {
        let now = monotonic_ns();
        let frames = (out.len() / CHANNELS) as u64;
        self.measure_burst(now, frames);
        let timestamp = info.timestamp();
        let delay = timestamp.playback.duration_since(timestamp.callback);
        self.counters
            .delay_us
            .store(delay.as_micros() as u64, Ordering::Relaxed);
        let out_plays_at = now + delay.as_nanos() as u64;
        let lead = if self.started {
            Some(0)
        } else {
            self.lead_in(out.len(), out_plays_at)
        };
        let mut filled = 0..0;
        if let Some(lead) = lead {
            let take = self.samples_to_take(out.len() - lead);
            if take > 0
                && let Ok(chunk) = self.ring.read_chunk(take)
            {
                let (first, second) = chunk.as_slices();
                let slots = out[lead..lead + take].iter_mut();
                for (slot, &sample) in slots.zip(first.iter().chain(second)) {
                    *slot = T::from_sample(sample);
                }
                chunk.commit_all();
                filled = lead..lead + take;
                self.took(take, lead, out_plays_at);
            }
        }
        for slot in &mut out[..filled.start] {
            *slot = T::EQUILIBRIUM;
        }
        for slot in &mut out[filled.end..] {
            *slot = T::EQUILIBRIUM;
        }
    }

    /// Counts the frames asked for, and the largest burst: a sound card
    /// asks one period at a time, a plugin feeding a pipe (the paced test
    /// device) or a sound server may ask 100 ms at once.
    fn measure_burst(&mut self, now: u64, frames: u64) {
        if now.saturating_sub(self.last_callback_ns) < BURST_GAP_NS {
            self.burst += frames;
        } else {
            self.burst = frames;
        }
        self.last_callback_ns = now;
        let counters = &*self.counters;
        counters.device_frames.fetch_add(frames, Ordering::Relaxed);
        counters
            .burst_frames
            .fetch_max(self.burst, Ordering::Relaxed);
    }

    /// Where in this period (in samples) the first written frame goes so
    /// that it plays at the header's start instant; `None` when it belongs
    /// to a later period, or nothing has been written yet. A start already
    /// past goes at the period's beginning.
    fn lead_in(&self, period_samples: usize, out_plays_at: u64) -> Option<usize> {
        let start_at = self.counters.start_at_ns.load(Ordering::Acquire);
        if start_at == START_UNKNOWN || self.ring.is_empty() {
            return None;
        }
        let early = Duration::from_nanos(start_at.saturating_sub(out_plays_at));
        let lead = duration_to_frames(early).saturating_mul(CHANNELS as u64);
        usize::try_from(lead)
            .ok()
            .filter(|&lead| lead < period_samples)
    }

    /// How many samples to take now: all that is wanted, or what the ring
    /// holds (whole frames). Counts an underrun when audio comes back
    /// after the ring ran dry in the middle of the stream.
    fn samples_to_take(&mut self, wanted: usize) -> usize {
        let available = self.ring.slots() / CHANNELS * CHANNELS;
        let take = available.min(wanted);
        if take > 0 {
            if self.starved {
                self.counters.underruns.fetch_add(1, Ordering::Relaxed);
                self.starved = false;
            }
            self.playing = true;
        }
        if take < wanted && self.playing {
            self.playing = false;
            self.starved = true;
        }
        take
    }

    /// Accounts for `take` samples placed `lead` samples into a period that
    /// plays at `out_plays_at`, and wakes the pump to refill the ring.
    fn took(&mut self, take: usize, lead: usize, out_plays_at: u64) {
        let counters = &*self.counters;
        if !self.started {
            self.started = true;
            let lead_ns = frames_to_duration((lead / CHANNELS) as u64).as_nanos() as u64;
            counters
                .first_data_ns
                .store(out_plays_at + lead_ns, Ordering::Relaxed);
        }
        counters
            .played_frames
            .fetch_add((take / CHANNELS) as u64, Ordering::Release);
        if let Some(pump) = self.pump_thread.get() {
            pump.unpark();
        }
    }
}

/// Starts the thread that moves stdin into the ring.
fn start_pump(
    ring: Producer<i16>,
    counters: Arc<Counters>,
    input_ended: Arc<AtomicBool>,
) -> io::Result<Thread> {
    let main = thread::current();
    let pump = thread::Builder::new()
        .name("loa-pcm-in".into())
        .spawn(move || {
            pump_stdin(ring, &counters);
            input_ended.store(true, Ordering::Release);
            main.unpark();
        })?;
    Ok(pump.thread().clone())
}

/// Reads the stream header (the start instant), then 16-bit LE samples
/// from stdin into the ring until end of input, waiting (parked) while the
/// ring is full.
fn pump_stdin(mut ring: Producer<i16>, counters: &Counters) {
    let mut stdin = io::stdin().lock();
    let mut header = [0_u8; STREAM_HEADER_BYTES];
    if stdin.read_exact(&mut header).is_err() {
        return;
    }
    counters
        .start_at_ns
        .store(u64::from_le_bytes(header), Ordering::Release);
    let mut bytes = vec![0_u8; PIPE_BYTES];
    let mut samples = Vec::with_capacity(PIPE_BYTES / 2);
    let mut carried = 0;
    loop {
        let read = match stdin.read(&mut bytes[carried..]) {
            Ok(0) => return,
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return,
        };
        let len = carried + read;
        let whole = len - len % 2;
        samples.clear();
        samples.extend(
            bytes[..whole]
                .chunks_exact(2)
                .map(|pair| i16::from_le_bytes([pair[0], pair[1]])),
        );
        carried = len - whole;
        if carried == 1 {
            bytes[0] = bytes[whole];
        }
        let mut rest = samples.as_slice();
        while !rest.is_empty() {
            let queued = RING_SAMPLES - ring.slots();
            let room = queue_target(counters)
                .saturating_sub(queued)
                .min(rest.len());
            if room == 0 {
                thread::park_timeout(PUMP_WAIT);
                continue;
            }
            let pushed = ring.push_partial_slice(&rest[..room]).0.len();
            rest = &rest[pushed..];
        }
    }
}

/// How many samples the ring holds at most: 50 ms, or one and a half of
/// the device's largest burst if that is more (up to 200 ms), so that a
/// burst never finds the ring short. The largest burst includes the ones
/// that filled the device's buffers at the start: a sound card's is its
/// buffer (21 ms, under the 50 ms floor), a plugin's a pipe's worth. This, the pipe and the device buffer are all the player
/// runs ahead of the speaker: about 100 ms on a sound card.
fn queue_target(counters: &Counters) -> usize {
    let burst = counters.burst_frames.load(Ordering::Relaxed) as usize * CHANNELS;
    (burst * 3 / 2).clamp(MIN_QUEUE_SAMPLES, RING_SAMPLES)
}

/// Rate-limits device errors and sends progress when it changes.
#[derive(Debug)]
struct Reporter {
    window_start: Instant,
    errors_in_window: u64,
    unreported_errors: u64,
    latest_error: Option<String>,
    last_warning_at: Option<Instant>,
    sent_progress: (u64, u64, u64),
    sent_first_data: bool,
}

impl Default for Reporter {
    fn default() -> Self {
        Self {
            window_start: Instant::now(),
            errors_in_window: 0,
            unreported_errors: 0,
            latest_error: None,
            last_warning_at: None,
            sent_progress: (0, 0, 0),
            sent_first_data: false,
        }
    }
}

impl Reporter {
    /// Collects the device errors since the last look. A lost device, or
    /// more than [`MAX_ERRORS_PER_SECOND`], is a failure.
    fn watch_errors(
        &mut self,
        errors: &Receiver<cpal::Error>,
        counters: &Counters,
    ) -> Result<(), DeviceFailure> {
        while let Ok(error) = errors.try_recv() {
            if error.kind() == ErrorKind::DeviceNotAvailable {
                return Err(classify(&error));
            }
            self.errors_in_window += 1;
            self.unreported_errors += 1;
            self.latest_error = Some(error.to_string());
        }
        let lost = counters.lost_errors.swap(0, Ordering::Relaxed);
        self.errors_in_window += lost;
        self.unreported_errors += lost;
        if self.errors_in_window > MAX_ERRORS_PER_SECOND {
            let latest = self.latest_error.clone().unwrap_or_default();
            return Err(DeviceFailure::KeepsFailing(latest));
        }
        if self.window_start.elapsed() >= Duration::from_secs(1) {
            self.window_start = Instant::now();
            self.errors_in_window = 0;
        }
        Ok(())
    }

    /// Sends what is new: progress, the first-data instant, a warning if
    /// one is due. `false` when the parent is gone.
    fn send_news(&mut self, status: &mut StatusOut, counters: &Counters) -> bool {
        let progress = (
            counters.played_frames.load(Ordering::Acquire),
            counters.underruns.load(Ordering::Relaxed),
            counters.delay_us.load(Ordering::Relaxed),
        );
        let mut sent = true;
        let first_data = counters.first_data_ns.load(Ordering::Relaxed);
        if first_data != 0 && !self.sent_first_data {
            self.sent_first_data = true;
            sent &= status.send(&WorkerEvent::FirstData {
                monotonic_ns: first_data,
            });
        }
        if progress.0 != self.sent_progress.0 || progress.1 != self.sent_progress.1 {
            self.sent_progress = progress;
            let (frames, underruns, delay_us) = progress;
            sent &= status.send(&WorkerEvent::Played {
                frames,
                underruns,
                delay_us,
            });
        }
        let warning_due = self
            .last_warning_at
            .is_none_or(|at| at.elapsed() >= WARNING_EVERY);
        if self.unreported_errors > 0 && warning_due {
            self.last_warning_at = Some(Instant::now());
            sent &= status.send(&WorkerEvent::Warning {
                count: std::mem::take(&mut self.unreported_errors),
                message: self.latest_error.clone().unwrap_or_default(),
            });
        }
        sent
    }
}

/// The status pipe to the parent (this process's stdout).
struct StatusOut;

impl StatusOut {
    /// Sends one event; `false` when the parent is gone.
    fn send(&mut self, event: &WorkerEvent) -> bool {
        let mut stdout = io::stdout().lock();
        writeln!(stdout, "{}", event.to_line())
            .and_then(|()| stdout.flush())
            .is_ok()
    }

    /// Reports `failure` and ends the process at once: dropping a stream
    /// whose device is stuck could hang.
    fn fail(&mut self, failure: DeviceFailure) -> ! {
        self.send(&WorkerEvent::Failed { failure });
        std::process::exit(EXIT_FAILED)
    }
}

/// Asks for a higher scheduling priority (nice -10) before any thread is
/// started, so that every thread of this process inherits it: a busy
/// machine then still runs the audio callback and the pump on time. Not
/// allowed without root or CAP_SYS_NICE, which is fine: it only helps.
fn raise_priority() {
    // SAFETY: setpriority on this thread (who = 0) with a plain value.
    unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, AUDIO_NICE) };
}

/// The parent closed the status pipe: nobody is left to play for. Exits
/// at once (dropping the stream of a stuck device could hang).
fn parent_gone() -> ! {
    std::process::exit(0)
}

/// Ends this process after `grace`, whatever it is doing then.
fn exit_after(grace: Duration) {
    let spawned = thread::Builder::new()
        .name("loa-stop-guard".into())
        .spawn(move || {
            thread::sleep(grace);
            std::process::exit(0)
        });
    if spawned.is_err() {
        std::process::exit(0);
    }
}

/// This process's peak resident memory, in KiB.
fn peak_rss_kb() -> u64 {
    // SAFETY: getrusage fills the zeroed struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid, writable rusage.
    let result = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    if result == 0 {
        usage.ru_maxrss.max(0) as u64
    } else {
        0
    }
}
