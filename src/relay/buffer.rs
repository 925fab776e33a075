//! The jitter buffer between the relay's thread and the player: bounded,
//! and when full it drops the oldest audio (a live relay should stay close
//! to live, not fall further behind).

use std::collections::VecDeque;

/// Decoded 48 kHz interleaved stereo, oldest first, never longer than its
/// capacity.
pub(crate) struct SampleBuffer {
    samples: VecDeque<f32>,
    capacity: usize,
    /// Samples dropped by overruns and not yet reported.
    dropped: u64,
}

impl SampleBuffer {
    /// A buffer holding at most `capacity` samples (rounded down to whole
    /// stereo frames). The memory is taken now, so it never grows later.
    pub fn new(capacity: usize) -> Self {
        let capacity = (capacity & !1).max(2);
        Self {
            samples: VecDeque::with_capacity(capacity),
            capacity,
            dropped: 0,
        }
    }

    /// Appends whole frames; drops the oldest audio to stay within capacity.
    pub fn push(&mut self, frames: &[f32]) {
        let frames = &frames[..frames.len() & !1];
        let too_many = frames.len().saturating_sub(self.capacity);
        self.dropped += too_many as u64;
        let frames = &frames[too_many..];
        let overflow = (self.samples.len() + frames.len()).saturating_sub(self.capacity);
        if overflow > 0 {
            self.samples.drain(..overflow);
            self.dropped += overflow as u64;
        }
        self.samples.extend(frames);
    }

    /// Moves up to `out.len()` samples (whole frames) into `out`.
    pub fn read(&mut self, out: &mut [f32]) -> usize {
        let count = out.len().min(self.samples.len()) & !1;
        let (front, back) = self.samples.as_slices();
        let from_front = count.min(front.len());
        out[..from_front].copy_from_slice(&front[..from_front]);
        out[from_front..count].copy_from_slice(&back[..count - from_front]);
        self.samples.drain(..count);
        count
    }

    /// Samples buffered now.
    pub fn len(&self) -> usize {
        self.samples.len()
    }

    /// Samples dropped since the last call.
    pub fn take_dropped(&mut self) -> u64 {
        std::mem::take(&mut self.dropped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_buffer_drops_the_oldest_frames_and_counts_them() {
        let mut buffer = SampleBuffer::new(8);
        buffer.push(&[1.0, 1.0, 2.0, 2.0, 3.0, 3.0]);
        buffer.push(&[4.0, 4.0, 5.0, 5.0]);
        assert_eq!(buffer.len(), 8);
        assert_eq!(buffer.take_dropped(), 2);
        let mut out = [0.0; 5];
        assert_eq!(buffer.read(&mut out), 4);
        assert_eq!(out[..4], [2.0, 2.0, 3.0, 3.0]);
        buffer.push(&[0.0; 100]);
        assert_eq!(buffer.len(), 8);
        assert_eq!(buffer.take_dropped(), 4 + 92);
    }

    #[test]
    fn reads_cross_the_ring_boundary_in_order() {
        let mut buffer = SampleBuffer::new(6);
        let mut out = [0.0; 6];
        for round in 0..10 {
            let base = round as f32 * 10.0;
            buffer.push(&[base, base + 1.0, base + 2.0, base + 3.0]);
            assert_eq!(buffer.read(&mut out), 4);
            assert_eq!(out[..4], [base, base + 1.0, base + 2.0, base + 3.0]);
        }
        assert_eq!(buffer.read(&mut out), 0);
    }
}
