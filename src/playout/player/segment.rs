//! Playing one segment of an airing: from its primed decoder, chunk by
//! chunk, through its gain and the airing's signal chain, until its end,
//! the airing's limit, dead air, a failed output, or an emergency that cuts
//! in.

use super::CHUNK_SAMPLES;
use super::priming::Source;
use super::run::Run;
use super::time::{SAMPLES_PER_SECOND, duration_to_samples};
use crate::plan::Segment;
use crate::playout::loudness::{apply_gain, segment_gain_db};
use crate::playout::output::Output;
use crate::playout::report::SegmentOutcome;
use crate::playout::silence::{Trim, TrimmedDecoder};
use crate::shutdown::Shutdown;

/// How a segment's playing ended.
pub(super) enum SegmentEnd {
    /// Reported: aired, cut at max, skipped, failed, dead air.
    Done,
    /// An emergency cut in: the segment faded out after `aired` samples
    /// and is not reported yet (it airs again if the airing resumes).
    CutIn {
        /// Samples of it that went out.
        aired: u64,
    },
}

/// A segment on air: where it reads from and how it is treated.
struct OnAir {
    index: usize,
    decoder: TrimmedDecoder,
    /// Decoded ahead, to go out before the decoder is read again.
    pending: Vec<f32>,
    gain_db: f64,
    /// It would run past `max`: it fades out at the limit.
    fades_at_max: bool,
    /// Where the dead-air watch was when it began.
    watched_from: u64,
    /// Samples of it that went out.
    aired: u64,
}

impl Run<'_> {
    /// Plays segment `index` from `source` (see the module's comment).
    pub(super) fn play_segment(
        &mut self,
        index: usize,
        source: Source,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) -> SegmentEnd {
        let segment = &self.airing().segments[index];
        let fades_at_max = self.runs_past_max(segment);
        // A segment that would run past `max` is not started, unless it is
        // the first: then it plays and fades out at `max`.
        if index > 0 && fades_at_max {
            self.report(index, 0, SegmentOutcome::NotStarted);
            return SegmentEnd::Done;
        }
        let gain_db = segment_gain_db(segment, self.policy());
        let watched_from = self.watched_position();
        let (decoder, pending) = match source {
            Ok(source) => source,
            Err(reason) => {
                tracing::warn!(file = %segment.file, reason = %crate::text::reason::logged(&reason), "{}", crate::tr!("journal-segment-skipped"));
                self.report(index, 0, SegmentOutcome::Skipped(reason));
                return SegmentEnd::Done;
            }
        };
        let mut on_air = OnAir {
            index,
            decoder,
            pending,
            gain_db,
            fades_at_max,
            watched_from,
            aired: 0,
        };
        let failures_before = self.failures().count();
        let outcome = match self.air_chunks(&mut on_air, output, stop) {
            Ok(outcome) => outcome,
            Err(cut_in) => return cut_in,
        };
        let outcome = self.reopened_is_failed(outcome, failures_before);
        self.report(index, on_air.aired, outcome);
        SegmentEnd::Done
    }

    /// Whether `segment` (as trimmed) is longer than the room left.
    fn runs_past_max(&self, segment: &Segment) -> bool {
        let length = Trim::of(segment, self.policy())
            .map_or(segment.duration, |trim| trim.aired_length(segment));
        duration_to_samples(length) > self.room()
    }

    /// Sends the segment out chunk by chunk; how it ended, or `Err` with
    /// the cut-in that ended it.
    fn air_chunks(
        &mut self,
        on_air: &mut OnAir,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) -> Result<SegmentOutcome, SegmentEnd> {
        let mut buffer = vec![0.0f32; CHUNK_SAMPLES];
        loop {
            if stop.is_triggered() {
                return Ok(SegmentOutcome::Cut);
            }
            let chunk = match next_chunk(on_air, &mut buffer) {
                Ok(Some(chunk)) => chunk,
                Ok(None) => return Ok(SegmentOutcome::Aired),
                Err(error) => return Ok(SegmentOutcome::Skipped(error)),
            };
            if let Some(end) = self.air_chunk(on_air, chunk, output, stop)? {
                return Ok(end);
            }
        }
    }

    /// Sends one chunk through the chain to the output; `Some` outcome
    /// when the segment ends with it.
    fn air_chunk(
        &mut self,
        on_air: &mut OnAir,
        mut chunk: Vec<f32>,
        output: &mut dyn Output,
        stop: &Shutdown,
    ) -> Result<Option<SegmentOutcome>, SegmentEnd> {
        let take = chunk.len().min(self.room() as usize);
        chunk.truncate(take);
        apply_gain(&mut chunk, on_air.gain_db);
        // Only a segment that would run past `max` fades; one that
        // fits ends as its source does.
        if on_air.fades_at_max {
            self.apply_fade(&mut chunk);
        }
        let cutting_in = self.apply_cut_in_fade(&mut chunk);
        // The limiter only lowers peaks: what is silent here is
        // silent on air.
        let silence = self.watch_dead_air(&chunk);
        if !self.emit(&chunk, output, stop) {
            return Ok(Some(SegmentOutcome::Failed(self.failures().last_reason())));
        }
        self.count_aired(on_air, chunk.len() as u64);
        if cutting_in && self.cut_in_faded() {
            return Err(SegmentEnd::CutIn {
                aired: on_air.aired,
            });
        }
        if let Some(silence) = silence {
            let dead_air = self.dead_air(on_air.index, silence, on_air.watched_from);
            return Ok(Some(SegmentOutcome::DeadAir(dead_air)));
        }
        Ok(self.limit_reached().then_some(SegmentOutcome::Cut))
    }

    /// Counts `samples` more of the segment as aired, telling the progress
    /// watch each time a second is complete.
    fn count_aired(&self, on_air: &mut OnAir, samples: u64) {
        let aired = on_air.aired + samples;
        if aired / SAMPLES_PER_SECOND > on_air.aired / SAMPLES_PER_SECOND {
            self.tell_progress(Some((on_air.index, aired)));
        }
        on_air.aired = aired;
    }

    /// The output failed during this segment and was reopened: part of it
    /// never reached the loudspeakers, so it does not count as aired whole.
    fn reopened_is_failed(
        &self,
        outcome: SegmentOutcome,
        failures_before: usize,
    ) -> SegmentOutcome {
        match (&outcome, self.failures().get(failures_before)) {
            (SegmentOutcome::Aired | SegmentOutcome::Cut, Some(failure)) => {
                SegmentOutcome::Failed(crate::text::reason::for_the_log(
                    "reason-reopened",
                    &[("failure", failure.as_str().into())],
                ))
            }
            _ => outcome,
        }
    }
}

/// The next chunk of the segment: what was decoded ahead, else a fresh
/// read; `None` at its end, `Err` with why the decoder failed.
fn next_chunk(on_air: &mut OnAir, buffer: &mut [f32]) -> Result<Option<Vec<f32>>, String> {
    if !on_air.pending.is_empty() {
        return Ok(Some(std::mem::take(&mut on_air.pending)));
    }
    match on_air.decoder.read(buffer) {
        Ok(0) => Ok(None),
        Ok(n) => Ok(Some(buffer[..n].to_vec())),
        Err(error) => Err(crate::text::reason::english(&error)),
    }
}
