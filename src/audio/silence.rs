//! What counts as silence, in one place: the probe uses it to find a
//! segment's silent edges, playout uses it to watch for dead air, so the two
//! never disagree about what "silent" means.

use super::{CHANNELS, SAMPLE_RATE};

/// Below this level (RMS over one block, dBFS) audio counts as silence. A
/// muted mixer or a dead line still hisses around -60 dBFS; the quietest
/// speech worth airing sits well above -45 dBFS.
pub const SILENCE_THRESHOLD_DBFS: f64 = -50.0;

/// Interleaved samples in one silence-detection block: 10 ms, short enough
/// to find the edge of speech, long enough that one zero crossing of a low
/// tone is not "silence".
pub const SILENCE_BLOCK_SAMPLES: usize = (SAMPLE_RATE as usize / 100) * CHANNELS;

/// Mean square (of samples in -1..=1) at the threshold.
fn threshold_mean_square() -> f64 {
    10f64.powf(SILENCE_THRESHOLD_DBFS / 10.0)
}

/// Whether `block` (interleaved stereo, any length) is below the silence
/// threshold. An empty block is silent.
pub fn is_silent(block: &[f32]) -> bool {
    if block.is_empty() {
        return true;
    }
    let mut energy = 0.0f64;
    for &sample in block {
        energy += f64::from(sample * sample);
    }
    energy / (block.len() as f64) < threshold_mean_square()
}

/// Runs of silence in a stream fed in arbitrary pieces, judged block by
/// block (10 ms: [`SILENCE_BLOCK_SAMPLES`] at 48 kHz), with positions in
/// interleaved samples from the start of the stream.
#[derive(Debug, Clone)]
pub struct SilenceRuns {
    /// Interleaved samples per block.
    block: usize,
    /// Samples of the block being filled.
    partial: Vec<f32>,
    /// Samples judged so far (whole blocks).
    judged: u64,
    /// Where the current silent run began, if the last block was silent.
    run_start: Option<u64>,
    /// Where the first non-silent block began.
    first_sound: Option<u64>,
    /// Where the last non-silent block ended.
    last_sound_end: u64,
    /// Silent samples in all.
    silent: u64,
    /// The longest run that ended in sound: (start, length).
    longest_inner: (u64, u64),
}

/// The silent parts of a whole stream, in interleaved samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SilenceSummary {
    /// Samples in the stream.
    pub total: u64,
    /// Silence before the first sound (all of it when there is no sound).
    pub leading: u64,
    /// Silence after the last sound (all of it when there is no sound).
    pub trailing: u64,
    /// Silent samples in all, edges included.
    pub silent: u64,
    /// The longest silence between two sounds: (start, length).
    pub longest_inner: (u64, u64),
}

impl Default for SilenceRuns {
    /// For 48 kHz stereo.
    fn default() -> Self {
        Self::with_block(SILENCE_BLOCK_SAMPLES)
    }
}

impl SilenceRuns {
    /// Judging blocks of `block` interleaved samples (10 ms at the
    /// stream's rate).
    pub fn with_block(block: usize) -> Self {
        Self {
            block: block.max(1),
            partial: Vec::new(),
            judged: 0,
            run_start: None,
            first_sound: None,
            last_sound_end: 0,
            silent: 0,
            longest_inner: (0, 0),
        }
    }

    /// Judges `samples`, continuing the stream.
    pub fn feed(&mut self, mut samples: &[f32]) {
        if !self.partial.is_empty() {
            let take = (self.block - self.partial.len()).min(samples.len());
            self.partial.extend_from_slice(&samples[..take]);
            samples = &samples[take..];
            if self.partial.len() < self.block {
                return;
            }
            let block = std::mem::take(&mut self.partial);
            self.judge(&block);
        }
        let mut blocks = samples.chunks_exact(self.block);
        for block in &mut blocks {
            self.judge(block);
        }
        self.partial.extend_from_slice(blocks.remainder());
    }

    /// The current silent run's length so far, in samples (0 when the last
    /// judged block had sound).
    pub fn current_run(&self) -> u64 {
        self.run_start.map_or(0, |start| self.judged - start)
    }

    /// Where the current silent run began, in samples from the start.
    pub fn current_run_start(&self) -> Option<u64> {
        self.run_start
    }

    /// Judges the last partial block and sums up the stream.
    pub fn finish(mut self) -> SilenceSummary {
        if !self.partial.is_empty() {
            let block = std::mem::take(&mut self.partial);
            self.judge(&block);
        }
        let total = self.judged;
        match self.first_sound {
            None => SilenceSummary {
                total,
                leading: total,
                trailing: total,
                silent: total,
                longest_inner: (0, 0),
            },
            Some(first) => SilenceSummary {
                total,
                leading: first,
                trailing: total - self.last_sound_end,
                silent: self.silent,
                longest_inner: self.longest_inner,
            },
        }
    }

    fn judge(&mut self, block: &[f32]) {
        let start = self.judged;
        self.judged += block.len() as u64;
        if is_silent(block) {
            self.silent += block.len() as u64;
            self.run_start.get_or_insert(start);
            return;
        }
        if let (Some(run), Some(_)) = (self.run_start, self.first_sound) {
            let length = start - run;
            if length > self.longest_inner.1 {
                self.longest_inner = (run, length);
            }
        }
        self.run_start = None;
        self.first_sound.get_or_insert(start);
        self.last_sound_end = self.judged;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(samples: usize, amplitude: f32) -> Vec<f32> {
        (0..samples)
            .map(|n| amplitude * ((n / 2) as f32 * 0.06).sin())
            .collect()
    }

    #[test]
    fn finds_edges_and_the_longest_inner_silence_whatever_the_pieces() {
        let block = SILENCE_BLOCK_SAMPLES;
        let mut stream = vec![0.0; 3 * block];
        stream.extend(tone(5 * block, 0.3));
        stream.extend(vec![0.0005; 7 * block]);
        stream.extend(tone(2 * block, 0.3));
        stream.extend(vec![0.0; 4 * block + 10]);
        for piece in [1, 7, 960, block, 100_000] {
            let mut runs = SilenceRuns::default();
            for chunk in stream.chunks(piece) {
                runs.feed(chunk);
            }
            let summary = runs.finish();
            assert_eq!(summary.total, stream.len() as u64);
            assert_eq!(summary.leading, 3 * block as u64, "piece {piece}");
            assert_eq!(summary.trailing, 4 * block as u64 + 10);
            assert_eq!(summary.longest_inner, (8 * block as u64, 7 * block as u64));
            assert_eq!(summary.silent, 14 * block as u64 + 10);
        }
    }

    #[test]
    fn all_silence_is_all_edges() {
        let mut runs = SilenceRuns::default();
        runs.feed(&vec![0.0; 5000]);
        let summary = runs.finish();
        assert_eq!((summary.leading, summary.trailing), (5000, 5000));
    }

    #[test]
    fn the_threshold_is_minus_fifty_dbfs_rms() {
        // A sine's RMS is its amplitude / sqrt 2.
        let at = |dbfs: f64| {
            tone(
                SILENCE_BLOCK_SAMPLES * 4,
                (10f64.powf(dbfs / 20.0) * 2f64.sqrt()) as f32,
            )
        };
        assert!(is_silent(&at(-51.0)));
        assert!(!is_silent(&at(-49.0)));
    }
}
