//! A virtual sound card clock for the outputs that have no sound card
//! (`null`, `wav:`), so they pace the player exactly like a device would.

use std::time::{Duration, Instant};

use super::pcm::{duration_to_frames, frames_to_duration};

/// How far ahead of what has played a write may run before it blocks: a
/// small device buffer, like ALSA's.
pub(crate) const AHEAD: Duration = Duration::from_millis(50);

/// A stream position on the monotonic clock: frame `n` of the timeline
/// plays at `origin + n / rate`. The timeline starts at the first write.
/// When the writer falls behind (the virtual device ran dry), the silence
/// that "played" meanwhile joins the timeline, as it would on air.
#[derive(Debug, Default)]
pub(crate) struct Pacer {
    origin: Option<Instant>,
    timeline_frames: u64,
    data_frames: u64,
    stopped_after: Option<u64>,
}

impl Pacer {
    /// Queues `frames` of audio written now. Returns the frames of silence
    /// that played before them because the writer came late (0 normally).
    pub(crate) fn queue(&mut self, frames: u64) -> u64 {
        let now = Instant::now();
        let origin = *self.origin.get_or_insert(now);
        let played_until_now = duration_to_frames(now - origin);
        let silence = played_until_now.saturating_sub(self.timeline_frames);
        self.timeline_frames += silence + frames;
        self.data_frames += frames;
        silence
    }

    /// Sleeps until no more than [`AHEAD`] of the queue is left to play.
    pub(crate) fn wait_for_room(&self) {
        if let Some(end) = self.end() {
            sleep_until(end.checked_sub(AHEAD).unwrap_or(end));
        }
    }

    /// Sleeps until everything queued has played.
    pub(crate) fn wait_until_played(&self) {
        if let Some(end) = self.end() {
            sleep_until(end);
        }
    }

    /// Stops the virtual device: what has not played by now never will.
    pub(crate) fn stop(&mut self) {
        self.stopped_after = Some(self.played_frames());
    }

    /// Frames of written audio (not inserted silence) that have played.
    pub(crate) fn played_frames(&self) -> u64 {
        if let Some(played) = self.stopped_after {
            return played;
        }
        let Some(origin) = self.origin else { return 0 };
        let played = duration_to_frames(origin.elapsed());
        let unplayed = self.timeline_frames.saturating_sub(played);
        self.data_frames.saturating_sub(unplayed)
    }

    fn end(&self) -> Option<Instant> {
        Some(self.origin? + frames_to_duration(self.timeline_frames))
    }
}

/// Sleeps (never spins) until `deadline`; returns at once if it has passed.
pub(crate) fn sleep_until(deadline: Instant) {
    let now = Instant::now();
    if deadline > now {
        std::thread::sleep(deadline - now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_write_within_the_buffer_does_not_wait() {
        let mut pacer = Pacer::default();
        assert_eq!(pacer.queue(480), 0);
        let before = Instant::now();
        pacer.wait_for_room();
        assert!(before.elapsed() < AHEAD);
    }

    #[test]
    fn nothing_has_played_before_the_first_write() {
        let pacer = Pacer::default();
        assert_eq!(pacer.played_frames(), 0);
    }
}
