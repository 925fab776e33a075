//! Property (issue 13, item 3): an export of a period reports what the log
//! itself reports for that period, whatever came before it.
//!
//! A station lives through a random sequence of steps: its daemon runs for
//! some days (each run a restart, after some hours off, so the log holds
//! misses, clean stops and starts), files are aired by hand as `loa play
//! --file` airs them, and periods are exported (months, quarters, halves,
//! the year, official cut-offs and custom ranges, overlapping one another),
//! sometimes `--since` an earlier bundle, whose checkpoint the report must
//! then find. After each export, through the real binary:
//!
//! - `loa report` on the bundle gives the same figures, gaps and airings as
//!   `loa report` on the log for that period;
//! - exporting the same period again gives a bundle that reports the same;
//! - given the earlier bundle as `--checkpoint`, the report still counts
//!   the bundle it was exported `--since`.
//!
//! At the end, every period exported after it had ended is exported again:
//! the late bundle reports what the early one did.
//!
//! The daemon runs on a simulated clock (a week in well under a second).
//! Cases: [`CASES`], from the fixed seed [`SEED`], so a run is repeatable;
//! about 15 s in all on a loaded machine.

#[path = "support/report/mod.rs"]
mod report_common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use report_common::{Station, arg, loa, local};
use serde_json::Value;

/// How many random sequences are tried.
const CASES: u32 = 4;
/// The seed they come from.
const SEED: u64 = 13_003;

/// The station's time zone, as the bundled config says.
const ZONE: chrono_tz::Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// The kinds of period the Department asks for.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Month,
    Quarter,
    Half,
    Year,
    /// A half-year on the administration's cut-off dates.
    OfficialHalf,
    /// A range of this many days.
    Days(u32),
}

/// One thing that happens to the station.
#[derive(Debug, Clone)]
enum Step {
    /// The station is off for `off_hours`, then its daemon runs `days`.
    Run { off_hours: i64, days: i64 },
    /// `count` files aired by hand, one after another.
    Play { count: usize },
    /// An export of the period of `kind` around the instant `permille`
    /// of the way through the station's life so far; `--since` the
    /// previous bundle when `since`.
    Export {
        kind: Kind,
        permille: i64,
        since: bool,
    },
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Month),
        Just(Kind::Quarter),
        Just(Kind::Half),
        Just(Kind::Year),
        Just(Kind::OfficialHalf),
        (1u32..40).prop_map(Kind::Days),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => (0i64..40, 1i64..9).prop_map(|(off_hours, days)| Step::Run { off_hours, days }),
        1 => (1usize..3).prop_map(|count| Step::Play { count }),
        3 => (kind(), 0i64..=1000, any::<bool>())
            .prop_map(|(kind, permille, since)| Step::Export { kind, permille, since }),
    ]
}

/// Starts on a Tuesday in March: a month, a quarter's and nothing else's
/// end come within reach.
fn born() -> DateTime<Utc> {
    local(2026, 3, 10, 0)
}

/// The `--period` (and `--cutoff`) of `kind` around `date`.
fn period_of(kind: Kind, date: NaiveDate) -> Vec<String> {
    let (year, month) = (date.year(), date.month());
    let half = if month <= 6 { 1 } else { 2 };
    match kind {
        Kind::Month => vec![format!("{year}-{month:02}")],
        Kind::Quarter => vec![format!("{year}-Q{}", (month - 1) / 3 + 1)],
        Kind::Half => vec![format!("{year}-H{half}")],
        Kind::Year => vec![format!("{year}")],
        Kind::OfficialHalf => vec![
            format!("{year}-H{half}"),
            "--cutoff".into(),
            "official".into(),
        ],
        Kind::Days(days) => {
            let to = date + Duration::days(i64::from(days));
            vec![format!("{date}..{to}")]
        }
    }
}

/// The last day of the period `loa report` names in its output.
fn period_end(report: &Value) -> NaiveDate {
    let to = report["report"]["period"]["to"]
        .as_str()
        .expect("period.to");
    to.parse().expect("a date")
}

/// `loa report` as JSON on `paths` (the station's own log when empty),
/// as it stands on `date`; fails the test unless every station counted.
fn report(station: &Station, paths: &[&Path], period: &[String], date: NaiveDate) -> Value {
    let out = tempfile::tempdir().expect("temp dir");
    let file = out.path().join("report.json");
    let date = date.to_string();
    let config = station.config();
    let mut args = vec!["report", "-c", arg(&config), "-f", "json"];
    args.extend(["-o", arg(&file), "--date", &date, "--period"]);
    args.extend(period.iter().map(String::as_str));
    args.extend(paths.iter().map(|path| arg(path)));
    let run = loa(&args);
    assert_eq!(
        run.status.code(),
        Some(0),
        "loa {args:?}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&std::fs::read(&file).expect("the report")).expect("JSON")
}

/// What a report counts: everything but where its records came from
/// (a bundle's slice begins at a later record than the log does).
fn counted(mut report: Value) -> Value {
    for station in report["report"]["stations"]
        .as_array_mut()
        .expect("stations")
    {
        let station = station.as_object_mut().expect("a station");
        station.remove("inputs");
        station.remove("coverage");
    }
    report
}

/// What a report counts, whenever it was made: a later export of the
/// same period holds later records (its own checkpoint, at least), so it
/// is counted until later, and says so.
fn counted_whenever(report: &Value) -> Value {
    let mut report = report.clone();
    if let Some(fields) = report["report"].as_object_mut() {
        fields.remove("counted_until");
    }
    report
}

/// Fails the test where `found` says otherwise than `expected`, naming
/// each place that differs (a report is too long to print whole).
fn assert_same(found: &Value, expected: &Value, what: String) {
    let mut differences = Vec::new();
    differ(found, expected, "", &mut differences);
    assert!(
        differences.is_empty(),
        "{what}:\n{}",
        differences.join("\n")
    );
}

fn differ(found: &Value, expected: &Value, at: &str, into: &mut Vec<String>) {
    match (found, expected) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|key| !a.contains_key(*key))) {
                let (x, y) = (&a.get(key), &b.get(key));
                match (x, y) {
                    (Some(x), Some(y)) => differ(x, y, &format!("{at}.{key}"), into),
                    _ => into.push(format!("{at}.{key}: {x:?} / {y:?}")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (n, (x, y)) in a.iter().zip(b).enumerate() {
                differ(x, y, &format!("{at}[{n}]"), into);
            }
        }
        (a, b) if a != b => into.push(format!("{at}: {a} / {b}")),
        _ => {}
    }
}

/// The station in its life so far, and what it exported.
struct Life {
    station: Station,
    now: DateTime<Utc>,
    bundles: tempfile::TempDir,
    exported: Vec<Exported>,
    file: PathBuf,
}

/// An export made along the way.
struct Exported {
    period: Vec<String>,
    bundle: PathBuf,
    /// Its report, on the day it was made.
    counted: Value,
    /// Whether the period had ended when it was made.
    ended: bool,
}

impl Life {
    fn new(seed: u8) -> Self {
        let station = Station::new("can-tho/vinh-hai", seed);
        let file = station.root().join("playlists/nhac-hieu/nhac-hieu.ogg");
        Self {
            station,
            now: born(),
            bundles: tempfile::tempdir().expect("temp dir"),
            exported: Vec::new(),
            file,
        }
    }

    fn today(&self) -> NaiveDate {
        self.now.with_timezone(&ZONE).date_naive()
    }

    fn take(&mut self, step: &Step) {
        match *step {
            Step::Run { off_hours, days } => {
                let from = self.now + Duration::hours(off_hours);
                self.now = from + Duration::days(days);
                self.station.run(from, self.now);
            }
            Step::Play { count } => {
                for _ in 0..count {
                    self.now = self.station.play_file(&self.file, self.now);
                }
            }
            Step::Export {
                kind,
                permille,
                since,
            } => {
                let around = born() + (self.now - born()) * permille as i32 / 1000;
                let period = period_of(kind, around.with_timezone(&ZONE).date_naive());
                let since = if since { self.exported.last() } else { None };
                let since = since.map(|earlier| earlier.bundle.clone());
                self.export_and_check(period, since.as_deref());
            }
        }
    }

    /// `loa export` of `period` now, into a new bundle; its path.
    fn export(&mut self, period: &[String], since: Option<&Path>) -> PathBuf {
        let bundle = self.bundles.path().join(format!(
            "{}.tar",
            self.exported.len() * 2 + usize::from(since.is_some())
        ));
        let now = self.now.to_rfc3339();
        let mut extra: Vec<&str> = period[1..].iter().map(String::as_str).collect();
        if let Some(since) = since {
            extra.extend(["--since", arg(since)]);
        }
        self.station.export(&period[0], &bundle, &now, &extra);
        self.now += Duration::minutes(1);
        bundle
    }

    fn export_and_check(&mut self, period: Vec<String>, since: Option<&Path>) {
        let bundle = self.export(&period, since);
        let today = self.today();
        let own_log = counted(report(&self.station, &[], &period, today));
        let of_bundle = counted(report(&self.station, &[&bundle], &period, today));
        assert_same(
            &of_bundle,
            &own_log,
            format!("{period:?}: the bundle reports otherwise than the log"),
        );
        if let Some(since) = since {
            let args = ["--checkpoint".to_string(), arg(since).to_string()];
            let with_checkpoint: Vec<String> = period.iter().chain(&args).cloned().collect();
            let checked = counted(report(&self.station, &[&bundle], &with_checkpoint, today));
            assert_same(
                &checked,
                &of_bundle,
                format!("{period:?}: counted with its checkpoint"),
            );
        }
        let again = self.export(&period, None);
        let of_again = counted(report(&self.station, &[&again], &period, today));
        assert_same(
            &counted_whenever(&of_again),
            &counted_whenever(&of_bundle),
            format!("{period:?}: exported twice, reported differently"),
        );
        let ended = period_end(&of_bundle) < today;
        self.exported.push(Exported {
            period,
            bundle,
            counted: of_bundle,
            ended,
        });
    }

    /// Every period exported after it had ended, exported again now: the
    /// same report as on the day.
    fn re_export_the_ended_periods(&mut self) {
        let ended: Vec<(Vec<String>, Value)> = self
            .exported
            .iter()
            .filter(|earlier| earlier.ended)
            .map(|earlier| (earlier.period.clone(), earlier.counted.clone()))
            .collect();
        for (period, on_the_day) in ended {
            let late = self.export(&period, None);
            let date = on_the_day["report"]["date"].as_str().expect("date");
            let date: NaiveDate = date.parse().expect("a date");
            let of_late = counted(report(&self.station, &[&late], &period, date));
            assert_same(
                &counted_whenever(&of_late),
                &counted_whenever(&on_the_day),
                format!("{period:?}: re-exported later"),
            );
        }
    }
}

#[test]
fn every_export_of_a_period_reports_what_the_log_reports() {
    let config = Config {
        cases: CASES,
        rng_seed: RngSeed::Fixed(SEED),
        failure_persistence: None,
        // A case takes seconds: shrink a little, not for minutes.
        max_shrink_iters: 8,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(
        &(
            any::<u8>(),
            (1i64..6).prop_map(|days| Step::Run { off_hours: 0, days }),
            prop::collection::vec(step(), 3..8),
        ),
        |(key_seed, first, steps)| {
            let mut life = Life::new(key_seed);
            life.take(&first);
            for step in &steps {
                life.take(step);
            }
            life.re_export_the_ended_periods();
            Ok(())
        },
    );
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
