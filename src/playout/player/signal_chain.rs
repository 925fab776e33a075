//! What a decoded chunk goes through on its way to the output:
//!
//! ```text
//! ×gain ─▶ fade at max ─▶ cut-in fade ─▶ dead-air watch ─▶ limiter ─▶ Output
//! ```
//!
//! One chain runs over the whole airing, so segment boundaries stay
//! gapless through the limiter's look-ahead and the dead-air watch sees the
//! stream as the listener hears it.

use super::budget::Budget;
use super::time::duration_to_samples;
use super::{CHUNK_SAMPLES, CUT_IN_FADE, FADE};
use crate::audio::CHANNELS;
use crate::plan::{AudioPolicy, Segment};
use crate::playout::loudness::{Limiter, needs_limiter};
use crate::playout::silence::{DeadAirWatch, Silence};

/// The stages after each segment's gain, with their state.
pub(super) struct SignalChain {
    /// Over the whole airing, so segment boundaries pass through it.
    limiter: Option<Limiter>,
    /// Limited samples ready for the output.
    limited: Vec<f32>,
    watch: Option<DeadAirWatch>,
    /// Samples of the emergency fade still to go, once one began.
    cut_in_left: Option<u64>,
    /// A live stream's chain (always limited, never watched), which a
    /// restart after announcements must keep as it was.
    live: bool,
}

impl SignalChain {
    /// For an airing of files: limited when its segments need it, watched
    /// for dead air when the station's policy says so.
    pub(super) fn for_segments(segments: &[Segment], policy: &AudioPolicy) -> Self {
        Self {
            limiter: needs_limiter(segments, policy).then(Limiter::default),
            limited: Vec::with_capacity(CHUNK_SAMPLES * 2),
            watch: policy.dead_air.map(DeadAirWatch::new),
            cut_in_left: None,
            live: false,
        }
    }

    /// For a live stream: its level and peaks are not known ahead, so it is
    /// always limited; its quiet moments are not dead air to skip.
    pub(super) fn for_stream() -> Self {
        Self {
            limiter: Some(Limiter::default()),
            limited: Vec::with_capacity(CHUNK_SAMPLES * 2),
            watch: None,
            cut_in_left: None,
            live: true,
        }
    }

    /// After announcements aired on the same output: a fresh chain of the
    /// same kind (a stream's stays limited and unwatched; a file airing's
    /// as for `segments`), and no cut-in under way.
    pub(super) fn restart(&mut self, segments: &[Segment], policy: &AudioPolicy) {
        *self = if self.live {
            Self::for_stream()
        } else {
            Self::for_segments(segments, policy)
        };
    }

    /// Linear fade over the last [`FADE`] before the budget's limit,
    /// reaching silence exactly at it. For what would run past `max` only.
    pub(super) fn fade_at_max(chunk: &mut [f32], budget: &Budget) {
        let fade = duration_to_samples(FADE);
        let fade_start = budget.limit().saturating_sub(fade);
        if budget.written() + chunk.len() as u64 <= fade_start {
            return;
        }
        for (i, frame) in chunk.chunks_mut(CHANNELS).enumerate() {
            let position = budget.written() + (i * CHANNELS) as u64;
            if position >= fade_start {
                let gain = (budget.limit().saturating_sub(position)) as f32 / fade.max(1) as f32;
                frame.iter_mut().for_each(|s| *s *= gain.clamp(0.0, 1.0));
            }
        }
    }

    /// Begins the [`CUT_IN_FADE`] ramp, unless one is under way.
    pub(super) fn start_cut_in(&mut self) {
        if self.cut_in_left.is_none() {
            self.cut_in_left = Some(duration_to_samples(CUT_IN_FADE));
        }
    }

    /// Whether a cut-in fade is under way (or done).
    pub(super) fn cutting_in(&self) -> bool {
        self.cut_in_left.is_some()
    }

    /// Whether the cut-in fade reached silence: the announcement may air.
    pub(super) fn cut_in_faded(&self) -> bool {
        self.cut_in_left == Some(0)
    }

    /// Fades `chunk` along the cut-in ramp once it began. True while
    /// cutting in (the segment ends when the ramp does).
    pub(super) fn cut_in_fade(&mut self, chunk: &mut [f32]) -> bool {
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

    /// Where the dead-air watch is in the stream (0 when nothing watches).
    pub(super) fn watched_position(&self) -> u64 {
        self.watch.as_ref().map_or(0, DeadAirWatch::position)
    }

    /// Dead air found once `chunk` is counted. The limiter only lowers
    /// peaks: what is silent here is silent on air.
    pub(super) fn watch_dead_air(&mut self, chunk: &[f32]) -> Option<Silence> {
        self.watch.as_mut().and_then(|w| w.watch(chunk))
    }

    /// What of `chunk` goes to the output now: all of it without a limiter;
    /// with one, what leaves its look-ahead (`None` when it holds it all).
    pub(super) fn limit<'c>(&'c mut self, chunk: &'c [f32]) -> Option<&'c [f32]> {
        let Some(limiter) = self.limiter.as_mut() else {
            return Some(chunk);
        };
        self.limited.clear();
        limiter.process(chunk, &mut self.limited);
        (!self.limited.is_empty()).then_some(self.limited.as_slice())
    }

    /// The limiter's last look-ahead, let out at the end of the airing
    /// (empty without a limiter).
    pub(super) fn flush(&mut self) -> Vec<f32> {
        let mut tail = Vec::new();
        if let Some(limiter) = self.limiter.as_mut() {
            limiter.flush(&mut tail);
        }
        tail
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: after announcements cut into a relay, the chain was
    /// rebuilt from the relay's fallback segments, so the live stream came
    /// back without its limiter (and with a dead-air watch that could skip
    /// its quiet moments).
    #[test]
    fn a_streams_chain_stays_limited_and_unwatched_after_announcements() {
        let policy = AudioPolicy {
            loudness: None,
            trim_silence: None,
            dead_air: Some(std::time::Duration::from_secs(15)),
        };
        let mut chain = SignalChain::for_stream();
        chain.restart(&[], &policy);
        assert!(chain.limiter.is_some(), "the stream lost its limiter");
        assert!(chain.watch.is_none(), "the stream is watched for dead air");

        let mut files = SignalChain::for_segments(&[], &policy);
        files.restart(&[], &policy);
        assert!(files.watch.is_some(), "a file airing keeps its watch");
    }
}
