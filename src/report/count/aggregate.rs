//! Counting one station: its verified records streamed once, airings
//! paired as they go by, each airing of the period counted and its row
//! spooled; nothing but the running figures stays in memory.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::airlog::Sha256Hash;
use crate::airlog::airings::{Airing, Airings};
use crate::airlog::record::Record;
use crate::airlog::verify::LogSource;

use crate::report::catalogue::Catalogue;
use crate::report::figures::Figures;
use crate::report::gaps::{Gap, GapFinder};
use crate::report::period::Period;
use crate::report::records::{RecordError, SourceRecords};
use crate::report::spool::{AiringRow, SpoolWriter};

/// What counting one station found.
#[derive(Debug, Clone, Default)]
pub struct StationTally {
    /// The figures of the period.
    pub figures: Figures,
    /// Silent days in the period.
    pub gaps: Vec<Gap>,
    /// Silent stretches not listed.
    pub more_gaps: u64,
    /// Records read (all inputs, overlaps once).
    pub records: u64,
    /// Sequence numbers of the first and last record read.
    pub seqs: Option<(u64, u64)>,
    /// Times of the first and last record read.
    pub span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// Records missing between two inputs of the station (one export
    /// ends before the next begins).
    pub missing_between_inputs: u64,
}

/// Why a verified station could not be counted.
#[derive(Debug)]
pub enum TallyError {
    /// A record no longer reads: the log changed after verification.
    Record(RecordError),
    /// The source does not reach the record verification ended at.
    Changed,
    /// Two inputs of the same station hold different records at `seq`.
    Conflict {
        /// Where they differ.
        seq: u64,
    },
    /// The per-airing rows could not be written.
    Spool(std::io::Error),
}

impl std::error::Error for TallyError {}

/// Counts a station's records, from one input or several.
pub struct Tallier<'a> {
    station: &'a str,
    zone: Tz,
    period: &'a Period,
    catalogue: &'a Catalogue,
    airings: Airings,
    gaps: GapFinder,
    spool: &'a mut SpoolWriter,
    last: Option<(u64, Sha256Hash)>,
    tally: StationTally,
}

impl<'a> Tallier<'a> {
    /// Starts counting `station` (in `zone`) for `period`; `catalogue`
    /// says which topics are CCHC.
    pub fn new(
        station: &'a str,
        zone: Tz,
        period: &'a Period,
        catalogue: &'a Catalogue,
        spool: &'a mut SpoolWriter,
    ) -> Self {
        Self {
            station,
            zone,
            period,
            catalogue,
            airings: Airings::default(),
            gaps: GapFinder::new(period, zone),
            spool,
            last: None,
            tally: StationTally::default(),
        }
    }

    /// Counts `source`'s records up to `head` (the record verification
    /// ended at: a daemon may have appended since). Records already counted
    /// from an earlier input of the station are skipped, once shown equal.
    pub fn read(
        &mut self,
        source: &dyn LogSource,
        head: (u64, Sha256Hash),
    ) -> Result<(), TallyError> {
        for record in SourceRecords::new(source) {
            let record = record.map_err(TallyError::Record)?;
            let (seq, hash) = (record.seq, record.hash);
            self.take(record)?;
            if seq == head.0 {
                return if hash == head.1 {
                    Ok(())
                } else {
                    Err(TallyError::Changed)
                };
            }
        }
        Err(TallyError::Changed)
    }

    fn take(&mut self, record: Record) -> Result<(), TallyError> {
        if let Some((last_seq, last_hash)) = self.last {
            if record.seq < last_seq {
                return Ok(());
            }
            if record.seq == last_seq {
                return if record.hash == last_hash {
                    Ok(())
                } else {
                    Err(TallyError::Conflict { seq: record.seq })
                };
            }
            self.tally.missing_between_inputs += record.seq - last_seq - 1;
        }
        self.last = Some((record.seq, record.hash));
        self.tally.records += 1;
        let first_seq = self.tally.seqs.map_or(record.seq, |(first, _)| first);
        self.tally.seqs = Some((first_seq, record.seq));
        let first_at = self.tally.span.map_or(record.at, |(first, _)| first);
        self.tally.span = Some((first_at, record.at));
        self.gaps.observe(record.at, &record.kind);
        for airing in self.airings.push(record) {
            self.count(&airing)?;
        }
        Ok(())
    }

    fn count(&mut self, airing: &Airing) -> Result<(), TallyError> {
        let scheduled = airing.scheduled.with_timezone(&self.zone).date_naive();
        if !self.period.contains(scheduled) {
            return Ok(());
        }
        let month = (scheduled.year(), scheduled.month());
        let contribution = self.tally.figures.add(airing, month, self.catalogue);
        let row = AiringRow::new(self.station, self.zone, airing, contribution);
        self.spool.push(&row).map_err(TallyError::Spool)
    }

    /// Counts the airings still open and hands over the tally.
    pub fn finish(mut self) -> Result<StationTally, TallyError> {
        for airing in self.airings.finish() {
            self.count(&airing)?;
        }
        let (gaps, more) = self.gaps.finish();
        self.tally.gaps = gaps;
        self.tally.more_gaps = more;
        Ok(self.tally)
    }
}
