//! The period a report covers: the administration names it (`2021-H1`,
//! `2021`, `2021-Q2`, `2021-03`, `2021-03-01..2021-06-30`), and for
//! 6-monthly and yearly reports it may use its own data cut-off
//! (15 Dec of the previous year to 14 Jun; 15 Dec to 14 Dec) instead of the
//! calendar. Days are the station's local days: an airing belongs to the
//! period that holds the local date of its scheduled start.

use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// Which dates a period's name means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Cutoff {
    /// Calendar halves and years.
    #[default]
    Calendar,
    /// The administration's data cut-off: 6 months from 15 Dec of the
    /// previous year to 14 Jun (and 15 Jun to 14 Dec), a year from 15 Dec
    /// to 14 Dec.
    Official,
}

/// An inclusive range of local days, with the name it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// As the user wrote it (`2021-H1`).
    pub label: String,
    /// Which kind of period (for the report's title).
    pub kind: PeriodKind,
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    /// The cut-off the dates follow.
    pub cutoff: Cutoff,
}

/// The kinds of period the administration reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// A half year: 1 or 2.
    Half(u8),
    /// A year.
    Year,
    /// A quarter: 1 to 4.
    Quarter(u8),
    /// A month.
    Month,
    /// Any range of days (an ad hoc report).
    Range,
}

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    /// Not one of the accepted forms.
    Unrecognised(String),
    /// A range whose end is before its start.
    Backwards {
        /// First day given.
        from: NaiveDate,
        /// Last day given.
        to: NaiveDate,
    },
    /// `--cutoff official` with a quarter, month or range.
    CutoffNotApplicable(String),
}

impl std::error::Error for PeriodError {}

impl Period {
    /// Reads a period name with the cut-off to apply.
    pub fn parse(text: &str, cutoff: Cutoff) -> Result<Self, PeriodError> {
        let text = text.trim();
        let unrecognised = || PeriodError::Unrecognised(text.to_string());
        let (kind, from, to) = if let Some((a, b)) = text.split_once("..") {
            let from = parse_day(a).ok_or_else(unrecognised)?;
            let to = parse_day(b).ok_or_else(unrecognised)?;
            if to < from {
                return Err(PeriodError::Backwards { from, to });
            }
            (PeriodKind::Range, from, to)
        } else {
            calendar_period(text).ok_or_else(unrecognised)?
        };
        let (from, to) = match cutoff {
            Cutoff::Calendar => (from, to),
            Cutoff::Official => official(kind, from, to)
                .ok_or_else(|| PeriodError::CutoffNotApplicable(text.to_string()))?,
        };
        Ok(Self {
            label: text.to_string(),
            kind,
            from,
            to,
            cutoff,
        })
    }

    /// Whether `day` is in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The instant the period begins at a station in `zone` (its first
    /// local midnight, or the first instant after it on a day that skips
    /// midnight).
    pub fn start_instant(&self, zone: Tz) -> DateTime<Utc> {
        local_midnight(self.from, zone)
    }

    /// The instant the period ends at a station in `zone` (exclusive).
    pub fn end_instant(&self, zone: Tz) -> DateTime<Utc> {
        local_midnight(self.to.succ_opt().unwrap_or(self.to), zone)
    }

    /// The number of days in it.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The months it touches, as (year, month), in order.
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut months = Vec::new();
        let mut day = self.from.with_day(1).unwrap_or(self.from);
        while day <= self.to {
            months.push((day.year(), day.month()));
            match day.checked_add_months(Months::new(1)) {
                Some(next) => day = next,
                None => break,
            }
        }
        months
    }
}

/// The first instant of local `day` in `zone`.
pub fn local_midnight(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    match zone.from_local_datetime(&midnight) {
        chrono::LocalResult::Single(at) => at.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        // Midnight skipped by a clock change: the day starts an hour later.
        chrono::LocalResult::None => zone
            .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
            .earliest()
            .map_or_else(
                || Utc.from_utc_datetime(&midnight),
                |at| at.with_timezone(&Utc),
            ),
    }
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    (text.len() == 10)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

fn parse_year(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `2021`, `2021-H1`, `2021-Q2`, `2021-03` in calendar dates.
fn calendar_period(text: &str) -> Option<(PeriodKind, NaiveDate, NaiveDate)> {
    let (year_text, rest) = text.split_once('-').unwrap_or((text, ""));
    let year = parse_year(year_text)?;
    let ymd = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let upper = rest.to_ascii_uppercase();
    let month_end = |m: u32| {
        ymd(m, 1)
            .and_then(|d| d.checked_add_months(Months::new(1)))
            .and_then(|d| d.pred_opt())
    };
    Some(match upper.as_str() {
        "" => (PeriodKind::Year, ymd(1, 1)?, ymd(12, 31)?),
        "H1" => (PeriodKind::Half(1), ymd(1, 1)?, ymd(6, 30)?),
        "H2" => (PeriodKind::Half(2), ymd(7, 1)?, ymd(12, 31)?),
        "Q1" | "Q2" | "Q3" | "Q4" => {
            let q = u32::from(upper.as_bytes()[1] - b'0');
            let first = 3 * q - 2;
            (
                PeriodKind::Quarter(q as u8),
                ymd(first, 1)?,
                month_end(3 * q)?,
            )
        }
        _ if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) => {
            let month: u32 = rest.parse().ok()?;
            (PeriodKind::Month, ymd(month, 1)?, month_end(month)?)
        }
        _ => return None,
    })
}

/// The official cut-off dates for a half year or a year.
fn official(kind: PeriodKind, from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let year = to.year();
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    match kind {
        PeriodKind::Half(1) | PeriodKind::Year => {
            let end = if kind == PeriodKind::Year {
                day(year, 12, 14)?
            } else {
                day(year, 6, 14)?
            };
            Some((day(from.year() - 1, 12, 15)?, end))
        }
        PeriodKind::Half(_) => Some((day(year, 6, 15)?, day(year, 12, 14)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn range(text: &str, cutoff: Cutoff) -> (NaiveDate, NaiveDate) {
        let p = Period::parse(text, cutoff).unwrap();
        (p.from, p.to)
    }

    #[test]
    fn every_form_the_administration_uses() {
        use Cutoff::*;
        assert_eq!(
            range("2021-H1", Calendar),
            (day(2021, 1, 1), day(2021, 6, 30))
        );
        assert_eq!(
            range("2021-h2", Calendar),
            (day(2021, 7, 1), day(2021, 12, 31))
        );
        assert_eq!(
            range("2021", Calendar),
            (day(2021, 1, 1), day(2021, 12, 31))
        );
        assert_eq!(
            range("2021-Q2", Calendar),
            (day(2021, 4, 1), day(2021, 6, 30))
        );
        assert_eq!(
            range("2024-02", Calendar),
            (day(2024, 2, 1), day(2024, 2, 29))
        );
        assert_eq!(
            range("2021-03-01..2021-06-30", Calendar),
            (day(2021, 3, 1), day(2021, 6, 30))
        );
        assert_eq!(
            range("2021-H1", Official),
            (day(2020, 12, 15), day(2021, 6, 14))
        );
        assert_eq!(
            range("2021-H2", Official),
            (day(2021, 6, 15), day(2021, 12, 14))
        );
        assert_eq!(
            range("2021", Official),
            (day(2020, 12, 15), day(2021, 12, 14))
        );
    }

    #[test]
    fn bad_periods_are_refused_with_a_reason() {
        for bad in [
            "",
            "21",
            "2021-H3",
            "2021-13",
            "2021-Q5",
            "2021-3",
            "x..y",
            "2021-02-30..2021-03-01",
        ] {
            assert!(
                matches!(
                    Period::parse(bad, Cutoff::Calendar),
                    Err(PeriodError::Unrecognised(_))
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            Period::parse("2021-06-30..2021-03-01", Cutoff::Calendar),
            Err(PeriodError::Backwards { .. })
        ));
        assert!(matches!(
            Period::parse("2021-Q2", Cutoff::Official),
            Err(PeriodError::CutoffNotApplicable(_))
        ));
    }

    #[test]
    fn months_and_instants_follow_the_station_zone() {
        let p = Period::parse("2021-H1", Cutoff::Official).unwrap();
        assert_eq!(p.months().len(), 7);
        assert_eq!(p.months()[0], (2020, 12));
        let zone: Tz = "Asia/Ho_Chi_Minh".parse().unwrap();
        assert_eq!(
            p.start_instant(zone),
            Utc.with_ymd_and_hms(2020, 12, 14, 17, 0, 0).unwrap()
        );
        assert_eq!(
            p.end_instant(zone),
            Utc.with_ymd_and_hms(2021, 6, 14, 17, 0, 0).unwrap()
        );
    }
}
