//! Days the log is silent. A running daemon writes a checkpoint every
//! hour, so a whole local day without a record means it was not running;
//! the log explains that with a `daemon_stop` before the silence or a
//! `daemon_start` after it (a crash or power cut). A silent day with
//! neither is a gap the report flags: records may have been removed.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::airlog::record::RecordKind;

use crate::report::period::Period;

/// At most this many silent stretches are kept per station.
pub const MAX_GAPS: usize = 200;

/// Consecutive local days without a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// First silent day.
    pub from: NaiveDate,
    /// Last silent day.
    pub to: NaiveDate,
    /// What the log says about it.
    pub explained: Silence,
}

/// Why a station's log is silent for a while.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Silence {
    /// The daemon was stopped (a `daemon_stop` before the silence).
    Stopped,
    /// The daemon was down and started again (a `daemon_start` after it:
    /// a crash or a power cut).
    Restarted,
    /// Nothing explains it.
    Unexplained,
}

impl Gap {
    /// How many days.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// Watches a station's records go by and notes the silent days within
/// the period.
#[derive(Debug)]
pub struct GapFinder {
    zone: Tz,
    from: NaiveDate,
    to: NaiveDate,
    previous: Option<(NaiveDate, bool)>,
    gaps: Vec<Gap>,
    /// Silent stretches beyond [`MAX_GAPS`].
    pub more: u64,
}

impl GapFinder {
    /// A finder for `period` at a station in `zone`.
    pub fn new(period: &Period, zone: Tz) -> Self {
        Self {
            zone,
            from: period.from,
            to: period.to,
            previous: None,
            gaps: Vec::new(),
            more: 0,
        }
    }

    /// Takes the next record's time and kind.
    pub fn observe(&mut self, at: DateTime<Utc>, kind: &RecordKind) {
        let day = at.with_timezone(&self.zone).date_naive();
        let is_stop = matches!(kind, RecordKind::DaemonStop(_));
        let is_start = matches!(kind, RecordKind::DaemonStart(_));
        if let Some((before, stopped)) = self.previous
            && let (Some(first), Some(last)) = (before.succ_opt(), day.pred_opt())
            && first <= last
        {
            let explained = if stopped {
                Silence::Stopped
            } else if is_start {
                Silence::Restarted
            } else {
                Silence::Unexplained
            };
            self.note(first, last, explained);
        }
        self.previous = Some((day, is_stop));
    }

    fn note(&mut self, from: NaiveDate, to: NaiveDate, explained: Silence) {
        let (from, to) = (from.max(self.from), to.min(self.to));
        if from > to {
            return;
        }
        if self.gaps.len() < MAX_GAPS {
            self.gaps.push(Gap {
                from,
                to,
                explained,
            });
        } else {
            self.more += 1;
        }
    }

    /// The silent stretches found, in order.
    pub fn finish(self) -> (Vec<Gap>, u64) {
        (self.gaps, self.more)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::airlog::Sha256Hash;
    use crate::airlog::record::{Checkpoint, DaemonStart, DaemonStop, PreviousRun};
    use crate::report::period::Cutoff;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        chrono_tz::Asia::Ho_Chi_Minh
            .with_ymd_and_hms(2021, 3, day, hour, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn checkpoint() -> RecordKind {
        RecordKind::Checkpoint(Checkpoint {
            seq: 0,
            head: Sha256Hash::ZERO,
        })
    }

    fn start() -> RecordKind {
        RecordKind::DaemonStart(DaemonStart {
            software: String::new(),
            previous_run: PreviousRun::Crashed,
            torn_tail: None,
            broken_file: None,
        })
    }

    #[test]
    fn silent_days_are_explained_by_stop_or_start_records_only() {
        let period = Period::parse("2021-03", Cutoff::Calendar).unwrap();
        let mut finder = GapFinder::new(&period, chrono_tz::Asia::Ho_Chi_Minh);
        finder.observe(at(1, 23), &checkpoint());
        finder.observe(at(2, 1), &checkpoint()); // next day: no gap
        finder.observe(at(5, 8), &checkpoint()); // 3, 4 silent: unexplained
        finder.observe(at(5, 9), &RecordKind::DaemonStop(DaemonStop {}));
        finder.observe(at(8, 9), &start()); // 6, 7: stopped
        finder.observe(at(10, 9), &start()); // 9: crashed, restarted
        let (gaps, more) = finder.finish();
        let day = |d| NaiveDate::from_ymd_opt(2021, 3, d).unwrap();
        assert_eq!(more, 0);
        assert_eq!(
            gaps,
            vec![
                Gap {
                    from: day(3),
                    to: day(4),
                    explained: Silence::Unexplained
                },
                Gap {
                    from: day(6),
                    to: day(7),
                    explained: Silence::Stopped
                },
                Gap {
                    from: day(9),
                    to: day(9),
                    explained: Silence::Restarted
                },
            ]
        );
    }

    #[test]
    fn silence_outside_the_period_is_not_reported() {
        let period = Period::parse("2021-03-05..2021-03-06", Cutoff::Calendar).unwrap();
        let mut finder = GapFinder::new(&period, chrono_tz::Asia::Ho_Chi_Minh);
        finder.observe(at(1, 1), &checkpoint());
        finder.observe(at(9, 1), &checkpoint());
        let (gaps, _) = finder.finish();
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].days(), 2);
    }
}
