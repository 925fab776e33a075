//! The sound device, parent side. The device itself runs in a child
//! process (`loa output-worker`, see [`super::worker`]); this side starts
//! it, feeds it PCM through a small non-blocking pipe, follows its progress
//! reports, and gives up on it (kills it, reports why) when it fails, dies
//! or stops making progress. Nothing here can block without a bound.

use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use super::backoff::Backoff;
use super::pacing::sleep_until;
use super::pcm::{samples_in, to_i16, whole_frames};
use super::pipe::{PIPE_BYTES, PcmPipe, PipeStop};
use super::protocol::{BYTES_PER_SAMPLE, MAX_LINE_BYTES, WorkerEvent, monotonic_ns};
use super::worker::START_MARGIN;
use super::{DeviceFailure, Output, OutputError};

/// How long the device process may take to open the device and start it.
const OPEN_TIMEOUT: Duration = Duration::from_secs(5);
/// The watchdog: no playback progress for this long while audio is
/// waiting means the device is stuck.
const STALL_LIMIT: Duration = Duration::from_secs(2);
/// How long a closing device process may take to exit by itself.
const EXIT_GRACE: Duration = Duration::from_secs(2);
/// How long a failed device process may take to exit by itself.
const FAILURE_GRACE: Duration = Duration::from_millis(200);
/// Device process messages logged per second at most.
const MAX_MESSAGES_PER_SECOND: u32 = 5;
/// Longest single wait before the watchdog looks again.
const TICK: Duration = Duration::from_millis(20);
/// Samples converted and written per pipe write: one pipe's worth.
const CHUNK_SAMPLES: usize = PIPE_BYTES / BYTES_PER_SAMPLE;
/// The most `drain` waits for the device's own buffer to play out.
const MAX_DEVICE_DELAY: Duration = Duration::from_secs(1);

/// What the device process has reported in the current session: for the
/// player's "how much aired", the status view, and the timing bench.
#[derive(Debug, Clone, Default)]
pub struct WorkerReport {
    /// The sample format the device opened with; `None` until it is ready.
    pub format: Option<String>,
    /// Frames per device callback (one ALSA period).
    pub period_frames: u32,
    /// The device's buffer delay: how long a handed-over sample takes to play.
    pub delay: Duration,
    /// How long after the first write its first frame plays (the output's
    /// latency, constant: the device process places the frame).
    pub latency: Duration,
    /// When the first frame was asked to play (CLOCK_MONOTONIC, ns).
    pub start_at_monotonic_ns: Option<u64>,
    /// When the first frame was meant to play (CLOCK_MONOTONIC, ns): the
    /// instant aimed at ([`Output::aim`]), else `start_at_monotonic_ns`.
    /// The start instant is this one unless the first write came too late
    /// for the device to place it there.
    pub planned_monotonic_ns: Option<u64>,
    /// Written frames the device has taken.
    pub played_frames: u64,
    /// Times the device ran dry while more audio was still coming.
    pub underruns: u64,
    /// When the first written frame plays, as the device process placed
    /// it (CLOCK_MONOTONIC, ns); compare with `planned_monotonic_ns`.
    pub first_data_monotonic_ns: Option<u64>,
    /// When `played_frames` last grew.
    pub last_progress: Option<Instant>,
    /// Device errors playback survived (xruns and the like).
    pub warnings: u64,
    /// The latest of those, as the device described it.
    pub last_warning: Option<String>,
    /// Why the device cannot play, once it has said so.
    pub failure: Option<DeviceFailure>,
    /// The device process's peak resident memory, reported as it exits.
    pub peak_rss_kb: Option<u64>,
    /// The device process closed its status pipe: it has exited or is exiting.
    pub ended: bool,
}

/// The report, shared with the thread that reads the status lines.
#[derive(Debug, Default)]
struct Shared {
    report: Mutex<WorkerReport>,
    changed: Condvar,
    /// A retry in an outage: its device messages are kept but not logged
    /// until the device plays (see [`read_device_messages`]).
    quiet: bool,
}

impl Shared {
    fn new(quiet: bool) -> Self {
        Self {
            quiet,
            ..Self::default()
        }
    }

    fn lock(&self) -> MutexGuard<'_, WorkerReport> {
        self.report.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until `decide` returns a value, looking again at every report
    /// and at least every [`TICK`]; `None` once `deadline` has passed.
    fn wait_until<R>(
        &self,
        deadline: Option<Instant>,
        mut decide: impl FnMut(&WorkerReport) -> Option<R>,
    ) -> Option<R> {
        let mut report = self.lock();
        loop {
            if let Some(outcome) = decide(&report) {
                return Some(outcome);
            }
            let now = Instant::now();
            let wait = match deadline {
                Some(deadline) if deadline <= now => return None,
                Some(deadline) => (deadline - now).min(TICK),
                None => TICK,
            };
            report = self
                .changed
                .wait_timeout(report, wait)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Applies one status line from the device process.
    fn apply(&self, device: &str, line: &str) {
        let mut report = self.lock();
        match WorkerEvent::parse(line) {
            Some(WorkerEvent::Ready {
                format,
                period_frames,
                delay_us,
                latency_us,
            }) => {
                report.format = Some(format);
                report.period_frames = period_frames;
                report.delay = Duration::from_micros(delay_us);
                report.latency = Duration::from_micros(latency_us);
            }
            Some(WorkerEvent::Played {
                frames,
                underruns,
                delay_us,
            }) => {
                if frames > report.played_frames {
                    report.last_progress = Some(Instant::now());
                }
                report.played_frames = frames;
                report.underruns = underruns;
                report.delay = Duration::from_micros(delay_us);
            }
            Some(WorkerEvent::FirstData { monotonic_ns }) => {
                report.first_data_monotonic_ns = Some(monotonic_ns);
            }
            Some(WorkerEvent::Warning { count, message }) => {
                tracing::warn!(device, count, "{message}");
                report.warnings += count;
                report.last_warning = Some(message);
            }
            Some(WorkerEvent::Failed { failure }) => report.failure = Some(failure),
            Some(WorkerEvent::Bye { peak_rss_kb }) => report.peak_rss_kb = Some(peak_rss_kb),
            None if line.trim().is_empty() => {}
            None => {
                let message = line.trim().to_string();
                tracing::warn!(device, "{message}");
                report.last_warning = Some(message);
            }
        }
        drop(report);
        self.changed.notify_all();
    }

    fn mark_ended(&self) {
        self.lock().ended = true;
        self.changed.notify_all();
    }
}

/// Calls `each` with every line (at most [`MAX_LINE_BYTES`]) until `pipe`
/// closes.
fn for_each_line(pipe: impl Read, mut each: impl FnMut(&str)) {
    let mut reader = BufReader::new(pipe);
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut reader)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut line)
        {
            Ok(0) | Err(_) => return,
            Ok(_) => each(&String::from_utf8_lossy(&line)),
        }
    }
}

/// Reads the device process's status lines until it closes its stdout.
fn read_status_lines(stdout: ChildStdout, shared: Arc<Shared>, device: String) {
    for_each_line(stdout, |line| shared.apply(&device, line));
    shared.mark_ended();
}

/// Logs what the device process writes on stderr (alsa-lib's messages, a
/// panic), at most [`MAX_MESSAGES_PER_SECOND`]: a failing device can make
/// alsa-lib print hundreds of lines a second. The latest one is kept for
/// the error report. A retry in an outage (`quiet`) logs nothing until its
/// device plays: the failed opens of one outage print the same messages
/// every time, and the first attempt's were logged.
fn read_device_messages(stderr: ChildStderr, shared: Arc<Shared>, device: String) {
    let mut window_start = Instant::now();
    let (mut logged, mut suppressed) = (0, 0_u64);
    for_each_line(stderr, |line| {
        let message = line.trim();
        if message.is_empty() {
            return;
        }
        let mut report = shared.lock();
        report.last_warning = Some(message.to_string());
        let unheard = shared.quiet && report.format.is_none();
        drop(report);
        if unheard {
            return;
        }
        if window_start.elapsed() >= Duration::from_secs(1) {
            if suppressed > 0 {
                tracing::warn!(device, "{}", DeviceNote::Suppressed(suppressed));
            }
            (window_start, logged, suppressed) = (Instant::now(), 0, 0);
        }
        if logged < MAX_MESSAGES_PER_SECOND {
            logged += 1;
            tracing::warn!(device, "{}", DeviceNote::Message(message));
        } else {
            suppressed += 1;
        }
    });
    if suppressed > 0 {
        tracing::warn!(device, "{}", DeviceNote::Suppressed(suppressed));
    }
}

/// A line the parent logs about the device process's own messages.
#[derive(Debug)]
pub enum DeviceNote<'a> {
    /// A message the device process wrote (alsa-lib, a panic).
    Message(&'a str),
    /// Messages left out of the log by the rate limit.
    Suppressed(u64),
}

/// Whether the session can go on: the device has not failed, its process
/// is alive, and it is making progress while audio waits.
fn health(
    report: &WorkerReport,
    device: &str,
    written_frames: u64,
    first_write_at: Option<Instant>,
) -> Result<(), OutputError> {
    if let Some(failure) = &report.failure {
        return Err(OutputError::Device {
            device: device.to_string(),
            failure: failure.clone(),
        });
    }
    if report.ended {
        return Err(OutputError::WorkerDied {
            device: device.to_string(),
            status: None,
            last_warning: report.last_warning.clone(),
        });
    }
    if written_frames > report.played_frames {
        let since = report.last_progress.max(first_write_at);
        if let Some(silent_for) = since.map(|since| since.elapsed())
            && silent_for > STALL_LIMIT
        {
            return Err(OutputError::Stalled {
                device: device.to_string(),
                silent_for,
            });
        }
    }
    Ok(())
}

/// One device process, from `open` to `close`.
#[derive(Debug)]
struct Session {
    device: String,
    child: Child,
    reaped: bool,
    pipe: Option<PcmPipe>,
    shared: Arc<Shared>,
    written_frames: u64,
    first_write_at: Option<Instant>,
    /// The 16-bit bytes of one chunk, allocated at open.
    bytes: Vec<u8>,
}

impl Session {
    /// Starts the device process and waits until the device plays.
    /// `quiet`: a retry in an outage, whose device messages (alsa-lib's,
    /// the same every time) are kept for the error but not logged again
    /// unless the device plays.
    fn start(
        device: &str,
        exe: &Path,
        env: &[(OsString, OsString)],
        quiet: bool,
    ) -> Result<Self, OutputError> {
        let mut child = Command::new(exe)
            .arg("output-worker")
            .arg(format!("--device={device}"))
            .envs(env.iter().map(|(key, value)| (key, value)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|source| OutputError::WorkerStart {
                exe: exe.to_path_buf(),
                source,
            })?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let mut session = Self {
            device: device.to_string(),
            child,
            reaped: false,
            pipe: None,
            shared: Arc::new(Shared::new(quiet)),
            written_frames: 0,
            first_write_at: None,
            bytes: Vec::with_capacity(PIPE_BYTES),
        };
        let (Some(stdin), Some(stdout), Some(stderr)) = (stdin, stdout, stderr) else {
            return Err(session.pipe_error(io::ErrorKind::BrokenPipe.into()));
        };
        session.pipe = Some(PcmPipe::new(stdin).map_err(|error| session.pipe_error(error))?);
        session.spawn_reader("loa-output-status", read_status_lines, stdout)?;
        session.spawn_reader("loa-output-messages", read_device_messages, stderr)?;
        match session.wait_ready() {
            Ok(()) => Ok(session),
            Err(error) => Err(session.end_with(error)),
        }
    }

    /// Ends the process after `error` (a stuck one at once, others after a
    /// moment to exit by themselves), completing a `WorkerDied` with how
    /// the process ended.
    fn end_with(&mut self, error: OutputError) -> OutputError {
        let grace = match error {
            OutputError::Stalled { .. } => Duration::ZERO,
            _ => FAILURE_GRACE,
        };
        let status = self.stop(grace);
        match error {
            OutputError::WorkerDied {
                device,
                last_warning,
                ..
            } => OutputError::WorkerDied {
                device,
                status,
                last_warning,
            },
            other => other,
        }
    }

    /// Starts a thread that reads one of the device process's outputs.
    fn spawn_reader<P: Send + 'static>(
        &self,
        name: &str,
        read: fn(P, Arc<Shared>, String),
        pipe: P,
    ) -> Result<(), OutputError> {
        let shared = Arc::clone(&self.shared);
        let device = self.device.clone();
        thread::Builder::new()
            .name(name.into())
            .spawn(move || read(pipe, shared, device))
            .map(drop)
            .map_err(|error| self.pipe_error(error))
    }

    fn pipe_error(&self, source: io::Error) -> OutputError {
        OutputError::Pipe {
            device: self.device.clone(),
            source,
        }
    }

    fn wait_ready(&self) -> Result<(), OutputError> {
        let deadline = Instant::now() + OPEN_TIMEOUT;
        let ready = self.shared.wait_until(Some(deadline), |report| {
            if report.format.is_some() {
                return Some(Ok(()));
            }
            health(report, &self.device, 0, None).err().map(Err)
        });
        ready.unwrap_or_else(|| {
            Err(OutputError::OpenTimedOut {
                device: self.device.clone(),
                waited: OPEN_TIMEOUT,
            })
        })
    }

    fn report(&self) -> WorkerReport {
        self.shared.lock().clone()
    }

    fn health(&self) -> Result<(), OutputError> {
        health(
            &self.shared.lock(),
            &self.device,
            self.written_frames,
            self.first_write_at,
        )
    }

    /// Sends `samples` to the device process, blocking while its buffers
    /// are full (that is the pacing), under the watchdog. `aimed`: when the
    /// first frame is meant to play (CLOCK_MONOTONIC ns), if said.
    fn send(&mut self, samples: &[f32], aimed: Option<u64>) -> Result<(), OutputError> {
        self.health()?;
        if self.first_write_at.is_none() {
            self.send_stream_header(aimed)?;
        }
        for chunk in samples.chunks(CHUNK_SAMPLES) {
            self.bytes.clear();
            self.bytes.extend(
                chunk
                    .iter()
                    .flat_map(|&sample| to_i16(sample).to_le_bytes()),
            );
            self.written_frames += (chunk.len() / 2) as u64;
            self.send_bytes()?;
        }
        Ok(())
    }

    /// Tells the device process when the first frame is to play: at the
    /// `aimed` instant, if this first write comes in time for the device to
    /// place it there (up to [`START_MARGIN`] later than one latency
    /// before it: the player wakes a little late), else as soon as it
    /// surely can. Without an aim, one latency after now.
    fn send_stream_header(&mut self, aimed: Option<u64>) -> Result<(), OutputError> {
        self.first_write_at = Some(Instant::now());
        let mut report = self.shared.lock();
        let now = monotonic_ns();
        let latency = report.latency.as_nanos() as u64;
        let earliest = now + latency.saturating_sub(START_MARGIN.as_nanos() as u64);
        let planned = aimed.unwrap_or(now + latency);
        let start_at = planned.max(earliest);
        report.start_at_monotonic_ns = Some(start_at);
        report.planned_monotonic_ns = Some(planned);
        drop(report);
        self.bytes.clear();
        self.bytes.extend(start_at.to_le_bytes());
        self.send_bytes()
    }

    /// Writes `self.bytes` to the pipe under the watchdog.
    fn send_bytes(&mut self) -> Result<(), OutputError> {
        let (shared, device) = (&self.shared, self.device.as_str());
        let (written, first_write_at) = (self.written_frames, self.first_write_at);
        let Some(pipe) = self.pipe.as_mut() else {
            return Err(OutputError::NotOpen);
        };
        let sent = pipe.write_all(&self.bytes, TICK, || {
            health(&shared.lock(), device, written, first_write_at)
        });
        match sent {
            Ok(()) => Ok(()),
            Err(PipeStop::Watchdog(error)) => Err(error),
            Err(PipeStop::Broken(error)) => Err(self.broken_pipe(error)),
        }
    }

    /// The error for a pipe that broke: the device process has gone, and
    /// its last status lines (maybe a reason) are moments behind.
    fn broken_pipe(&self, error: io::Error) -> OutputError {
        if error.kind() != io::ErrorKind::BrokenPipe {
            return self.pipe_error(error);
        }
        let deadline = Instant::now() + FAILURE_GRACE;
        self.shared
            .wait_until(Some(deadline), |report| report.ended.then_some(()));
        self.health().err().unwrap_or(OutputError::WorkerDied {
            device: self.device.clone(),
            status: None,
            last_warning: None,
        })
    }

    /// Waits until the device has taken everything written, then for its
    /// own buffer to play out.
    fn drain(&self) -> Result<(), OutputError> {
        let outcome = self.shared.wait_until(None, |report| {
            if report.played_frames >= self.written_frames {
                return Some(Ok(report.delay));
            }
            let checked = health(
                report,
                &self.device,
                self.written_frames,
                self.first_write_at,
            );
            checked.err().map(Err)
        });
        let delay = outcome.unwrap_or(Ok(Duration::ZERO))?;
        sleep_until(Instant::now() + delay.min(MAX_DEVICE_DELAY));
        Ok(())
    }

    /// Ends the device process: closes its input (it stops and exits),
    /// gives it `grace` to do so, then kills it. Bounded in time.
    fn stop(&mut self, grace: Duration) -> Option<ExitStatus> {
        if self.reaped {
            return None;
        }
        self.reaped = true;
        self.pipe = None;
        if let Some(status) = wait_for_exit(&mut self.child, grace) {
            return Some(status);
        }
        // Killing only this process id: its own children (an ALSA plugin's
        // helper) see their input close and end by themselves.
        let _ = self.child.kill();
        let status = wait_for_exit(&mut self.child, EXIT_GRACE);
        if status.is_none() {
            reap_in_background(&mut self.child);
        }
        status
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop(Duration::ZERO);
    }
}

/// Polls for the child's exit for up to `grace`.
fn wait_for_exit(child: &mut Child, grace: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + grace;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(5)),
            Ok(None) | Err(_) => return None,
        }
    }
}

/// Leaves a killed child that has not exited yet (stuck in the kernel) to a
/// thread that waits for it, so the caller never hangs and no zombie stays.
fn reap_in_background(child: &mut Child) {
    let pid = child.id();
    let reaper = thread::Builder::new()
        .name("loa-output-reaper".into())
        .spawn(move || {
            let mut status = 0;
            // SAFETY: waits for our own child `pid`, which nothing else reaps.
            unsafe { libc::waitpid(pid as libc::pid_t, &mut status, 0) };
        });
    if let Err(error) = reaper {
        tracing::warn!(pid, %error, "device process left unreaped");
    }
}

/// The station's sound device, played through a child process so that an
/// alsa-lib abort or a stuck driver cannot take the daemon down.
///
/// Opening starts `loa output-worker` and waits until the device asks for
/// audio; writes are paced by the device (at most ~100 ms ahead: pipe,
/// ring and the device buffer). When the device fails, its process dies or
/// it stops progressing for 2 s with audio waiting, the call returns an
/// error and the process is gone; the next `open` starts a new one, after
/// a backoff that grows with failures in a row (250 ms doubling to 4 s).
#[derive(Debug)]
pub struct DeviceOutput {
    device: String,
    worker_exe: PathBuf,
    worker_env: Vec<(OsString, OsString)>,
    session: Option<Session>,
    backoff: Backoff,
    played_before_close: u64,
    /// The instant the next first write is meant to play at
    /// (CLOCK_MONOTONIC ns), from [`Output::aim`].
    aimed_ns: Option<u64>,
}

impl DeviceOutput {
    /// The ALSA device `device` (`default` or a name `loa devices` lists),
    /// to be played by `worker_exe output-worker`.
    pub fn new(device: &str, worker_exe: &Path) -> Self {
        Self {
            device: device.to_string(),
            worker_exe: worker_exe.to_path_buf(),
            worker_env: Vec::new(),
            session: None,
            backoff: Backoff::default(),
            played_before_close: 0,
            aimed_ns: None,
        }
    }

    /// Sets an environment variable for the device process only, e.g.
    /// `ALSA_CONFIG_PATH` for a station-specific ALSA configuration.
    pub fn with_worker_env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.worker_env.push((key.into(), value.into()));
        self
    }

    /// What the device process has reported in the open session.
    pub fn report(&self) -> Option<WorkerReport> {
        self.session.as_ref().map(Session::report)
    }

    /// The device process's id while a session is open (for diagnostics).
    pub fn worker_pid(&self) -> Option<u32> {
        self.session.as_ref().map(|session| session.child.id())
    }

    /// Ends the session after an error: the process is killed (its exit
    /// status completes the error), the failure counts for the backoff.
    fn fail(&mut self, error: OutputError) -> OutputError {
        self.backoff.failed();
        let Some(mut session) = self.session.take() else {
            return error;
        };
        self.played_before_close = session.report().played_frames;
        session.end_with(error)
    }
}

impl Output for DeviceOutput {
    fn open(&mut self) -> Result<(), OutputError> {
        if let Some(session) = &self.session {
            match session.health() {
                Ok(()) => return Ok(()),
                Err(_) => self.close(),
            }
        }
        self.backoff.wait();
        let quiet = self.backoff.delay() > Duration::ZERO;
        match Session::start(&self.device, &self.worker_exe, &self.worker_env, quiet) {
            Ok(session) => {
                self.session = Some(session);
                self.played_before_close = 0;
                Ok(())
            }
            Err(error) => {
                self.backoff.failed();
                Err(error)
            }
        }
    }

    fn write(&mut self, samples: &[f32]) -> Result<(), OutputError> {
        whole_frames(samples)?;
        let Some(session) = self.session.as_mut() else {
            return Err(OutputError::NotOpen);
        };
        let aimed = self.aimed_ns.take();
        session
            .send(samples, aimed)
            .map_err(|error| self.fail(error))
    }

    fn drain(&mut self) -> Result<(), OutputError> {
        let Some(session) = self.session.as_ref() else {
            return Err(OutputError::NotOpen);
        };
        match session.drain() {
            Ok(()) => {
                self.backoff.succeeded();
                Ok(())
            }
            Err(error) => Err(self.fail(error)),
        }
    }

    fn close(&mut self) {
        self.aimed_ns = None;
        if let Some(mut session) = self.session.take() {
            session.stop(EXIT_GRACE);
            // The process's last progress line is moments behind its exit.
            let deadline = Instant::now() + FAILURE_GRACE;
            session
                .shared
                .wait_until(Some(deadline), |report| report.ended.then_some(()));
            self.played_before_close = session.report().played_frames;
        }
    }

    fn played_samples(&self) -> u64 {
        let frames = self
            .session
            .as_ref()
            .map_or(self.played_before_close, |session| {
                session.report().played_frames
            });
        samples_in(frames)
    }

    fn latency(&self) -> Duration {
        self.session
            .as_ref()
            .map_or(Duration::ZERO, |session| session.report().latency)
    }

    fn aim(&mut self, at: chrono::DateTime<chrono::Utc>) -> bool {
        // The system clock's instant on the monotonic clock both processes
        // share, read back to back.
        let ahead = (at - chrono::Utc::now()).num_nanoseconds().unwrap_or(0);
        self.aimed_ns = Some(monotonic_ns().saturating_add_signed(ahead));
        true
    }

    fn first_sample_offset(&self) -> Option<chrono::Duration> {
        let report = self.session.as_ref()?.report();
        let planned = i64::try_from(report.planned_monotonic_ns?).ok()?;
        let placed = i64::try_from(report.first_data_monotonic_ns?).ok()?;
        Some(chrono::Duration::nanoseconds(placed - planned))
    }
}

impl Drop for DeviceOutput {
    fn drop(&mut self) {
        self.close();
    }
}
