//! Building a report: every input verified first (both cores, a station
//! per core), then the stations whose logs verified counted (again a
//! station per core), then the roll-up. Stations are grouped by the id
//! their records carry, so two exports of one station (first and second
//! half of a year) count as one station, their overlap once.

use crate::parallel::parallel_map;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::airlog::verify::{StationVerdict, VerifyOptions, verify_source};
use crate::config::Units;

use crate::report::aggregate::{StationTally, Tallier, TallyError};
use crate::report::catalogue::Catalogue;
use crate::report::figures::Figures;
use crate::report::inputs::Input;
use crate::report::period::Period;
use crate::report::rollup::{RollupNode, roll_up};
use crate::report::spool::Spool;

/// How to build a report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The period to count.
    pub period: Period,
    /// How to verify (keys and checkpoints the Department holds).
    pub verify: VerifyOptions,
    /// The report's date (today, unless given).
    pub date: NaiveDate,
    /// Topic names.
    pub catalogue: Catalogue,
    /// The officer's names for stations and the levels above them.
    pub units: Units,
}

/// A report: the verification of every input and the figures of every
/// station that verified.
#[derive(Debug)]
pub struct Report {
    /// The period counted.
    pub period: Period,
    /// The report's date.
    pub date: NaiveDate,
    /// Topic names (the officer's catalogue, filled from the bundles').
    pub catalogue: Catalogue,
    /// One entry per station, by id.
    pub stations: Vec<StationEntry>,
    /// The roll-up by station id.
    pub tree: Vec<RollupNode>,
    /// All counted stations together.
    pub totals: Figures,
    spool: Spool,
}

/// One station: its inputs' verdicts and, when they verified, its figures.
#[derive(Debug)]
pub struct StationEntry {
    /// The station id (or the input's path when no record names one).
    pub station: String,
    /// Its name: the officer's units file's, else the one its bundle (or
    /// config) carries; `None` when neither names it.
    pub name: Option<String>,
    /// Its time zone.
    pub zone: Tz,
    /// Each input (log directory or bundle) and its verdict.
    pub inputs: Vec<StationVerdict>,
    /// Whether it counts towards the totals, and if not why.
    pub status: StationStatus,
    /// What was counted (also for a station whose figures were dropped
    /// because its inputs disagree, it is `None`).
    pub tally: Option<StationTally>,
}

/// Whether a station counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StationStatus {
    /// Every input verified; its figures are in the totals.
    Counted,
    /// An input did not verify: listed, not counted.
    NotVerified,
    /// Verified, but counting failed: two exports disagree, or the log
    /// changed while it was read.
    NotCounted(String),
}

impl Report {
    /// Every airing of the period, station by station (the per-airing view).
    pub fn airings(
        &self,
    ) -> impl Iterator<Item = std::io::Result<crate::report::spool::AiringRow>> + '_ {
        self.spool.rows()
    }

    /// Whether the period has not ended on the report's date: its figures
    /// are provisional, counted up to [`Report::counted_until`].
    pub fn is_provisional(&self) -> bool {
        self.period.to >= self.date
    }

    /// The newest record counted, over every station.
    pub fn counted_until(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.stations
            .iter()
            .filter_map(|s| s.tally.as_ref()?.span.map(|(_, last)| last))
            .max()
    }

    /// How many stations count.
    pub fn counted_stations(&self) -> usize {
        self.stations
            .iter()
            .filter(|s| s.status == StationStatus::Counted)
            .count()
    }
}

/// Verifies and counts `inputs` for `options.period`.
pub fn build_report(inputs: Vec<Input>, options: ReportOptions) -> std::io::Result<Report> {
    let threads = options.verify.threads.max(1);
    let one_thread = VerifyOptions {
        threads: 1,
        ..options.verify.clone()
    };
    let single = inputs.len() == 1;
    let verdicts = parallel_map(&inputs, threads, |input| {
        let verify = if single { &options.verify } else { &one_thread };
        verify_source(input.source.as_ref(), verify)
    });
    let mut catalogue = options.catalogue.clone();
    for input in &inputs {
        if let Some(carried) = &input.catalogue {
            catalogue.fill_from(carried);
        }
    }
    let groups = group_by_station(&inputs, verdicts);
    let mut spool = Spool::new()?;
    let tallies = parallel_map(&groups, threads, |group| {
        tally_group(group, &inputs, &options.period, &catalogue, &spool)
    });
    let mut stations = Vec::with_capacity(groups.len());
    for (group, result) in groups.into_iter().zip(tallies) {
        let (status, tally) = match result {
            Tallied::Skipped => (StationStatus::NotVerified, None),
            Tallied::Failed(reason) => (StationStatus::NotCounted(reason), None),
            Tallied::Done(tally, writer) => {
                spool.keep(writer)?;
                (StationStatus::Counted, Some(*tally))
            }
        };
        let name = options
            .units
            .name(&group.station)
            .map(str::to_string)
            .or_else(|| carried_name(&group, &inputs));
        stations.push(StationEntry {
            name,
            station: group.station,
            zone: group.zone,
            inputs: group.verdicts,
            status,
            tally,
        });
    }
    // Inputs that name no station (unreadable) are listed, not placed in
    // the tree.
    let mut tree = roll_up(
        stations
            .iter()
            .filter(|s| s.inputs.iter().any(|v| v.station.is_some()))
            .map(|s| (s.station.as_str(), s.tally.as_ref().map(|t| &t.figures))),
    );
    name_levels(&mut tree, &stations, &options.units);
    let mut totals = Figures::default();
    for tally in stations.iter().filter_map(|s| s.tally.as_ref()) {
        totals.merge(&tally.figures);
    }
    Ok(Report {
        period: options.period,
        date: options.date,
        catalogue,
        stations,
        tree,
        totals,
        spool,
    })
}

/// The name the station's inputs carry (the newest input's, in chain
/// order, so a renamed station shows its current name).
fn carried_name(group: &Group, inputs: &[Input]) -> Option<String> {
    group
        .members
        .iter()
        .rev()
        .find_map(|&index| inputs[index].name.clone())
}

/// Names each level of the roll-up: the officer's units file first, then a
/// station's own name, else the last component of its id.
fn name_levels(tree: &mut [RollupNode], stations: &[StationEntry], units: &Units) {
    for node in tree {
        let station_name = || {
            stations
                .iter()
                .find(|s| node.is_station && s.station == node.path)
                .and_then(|s| s.name.clone())
        };
        if let Some(name) = units
            .name(&node.path)
            .map(str::to_string)
            .or_else(station_name)
        {
            node.name = name;
        }
    }
}

struct Group {
    index: usize,
    station: String,
    zone: Tz,
    /// Indexes into the inputs, in chain order.
    members: Vec<usize>,
    verdicts: Vec<StationVerdict>,
}

fn group_by_station(inputs: &[Input], verdicts: Vec<StationVerdict>) -> Vec<Group> {
    let mut keyed: Vec<(String, u64, usize, StationVerdict)> = verdicts
        .into_iter()
        .enumerate()
        .map(|(index, verdict)| {
            let station = verdict
                .station
                .clone()
                .unwrap_or_else(|| verdict.label.clone());
            let head = verdict.head.map_or(0, |(seq, _)| seq);
            (station, head, index, verdict)
        })
        .collect();
    keyed.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    let mut groups: Vec<Group> = Vec::new();
    for (station, _, index, verdict) in keyed {
        match groups.last_mut() {
            Some(group) if group.station == station => {
                group.members.push(index);
                group.verdicts.push(verdict);
            }
            _ => groups.push(Group {
                index: groups.len(),
                station,
                zone: inputs[index].zone,
                members: vec![index],
                verdicts: vec![verdict],
            }),
        }
    }
    groups
}

enum Tallied {
    Skipped,
    Failed(String),
    Done(Box<StationTally>, crate::report::spool::SpoolWriter),
}

fn tally_group(
    group: &Group,
    inputs: &[Input],
    period: &Period,
    catalogue: &Catalogue,
    spool: &Spool,
) -> Tallied {
    if !group.verdicts.iter().all(StationVerdict::is_ok) {
        return Tallied::Skipped;
    }
    let mut writer = match spool.writer(group.index) {
        Ok(writer) => writer,
        Err(e) => return Tallied::Failed(e.to_string()),
    };
    let mut tallier = Tallier::new(&group.station, group.zone, period, catalogue, &mut writer);
    for (&index, verdict) in group.members.iter().zip(&group.verdicts) {
        let Some(head) = verdict.head else { continue };
        if let Err(e) = tallier.read(inputs[index].source.as_ref(), head) {
            return Tallied::Failed(tally_failure(&e));
        }
    }
    match tallier.finish() {
        Ok(tally) => Tallied::Done(Box::new(tally), writer),
        Err(e) => Tallied::Failed(tally_failure(&e)),
    }
}

fn tally_failure(error: &TallyError) -> String {
    crate::text::report::tally_failure(error)
}
