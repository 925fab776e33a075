//! Property tests and regressions: the schedule keeps the rule the README
//! documents, in every zone, for `at` and `cron` rules alike.
//!
//! - the airings of `at` rules equal a brute-force oracle that walks every
//!   minute of the range, in several zones (one with a 30-minute change);
//! - every rule, `at` or `cron`, equals an independent oracle: its zone data
//!   come from jiff's bundled tzdb (not chrono-tz, which `loa` uses), it
//!   matches rules from their structure (not by parsing the expression, as
//!   `loa` does), and it walks every UTC minute around the daylight-saving
//!   changes of ten zones in 2021 and 2026, deciding what airs as Vixie cron
//!   does;
//! - regressions through the real binary (`loa schedule`, `loa check`) for
//!   each case once seen wrong.

#[path = "support/common/mod.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::time::Duration;

use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;
use common::{StationDir, stderr, stdout};
use loa::plan::{Order, Plan, Rule, Slot, Station};
use loa::schedule::{ScheduledAiring, airings_between, parse_cron};
use proptest::prelude::*;

const ZONES: [Tz; 6] = [
    chrono_tz::Asia::Ho_Chi_Minh,
    chrono_tz::America::New_York,
    chrono_tz::Europe::London,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::America::Santiago,
    chrono_tz::Asia::Kathmandu,
];
const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn plan_with(tz: Tz, slots: Vec<Slot>) -> Plan {
    Plan {
        station: Station {
            id: "test/station".into(),
            name: "Test".into(),
            timezone: tz,
            output: "null".into(),
            config_path: PathBuf::new(),
            playlists_dir: PathBuf::new(),
            topics_path: PathBuf::new(),
            log_dir: PathBuf::new(),
            key_path: PathBuf::new(),
            grace: Duration::from_secs(600),
            require_approval: false,
            audio: Default::default(),
            upload: None,
        },
        slots,
        playlists: BTreeMap::new(),
        topics: BTreeMap::new(),
        hash: String::new(),
    }
}

fn slot(name: &str, rule: Rule, from: Option<NaiveDate>, until: Option<NaiveDate>) -> Slot {
    Slot {
        name: name.into(),
        title: name.into(),
        rule,
        from,
        until,
        playlist: "p".into(),
        relay: None,
        order: Order::Sequential,
        count: None,
        max: Duration::from_secs(60),
        grace: Duration::from_secs(60),
    }
}

/// Walks every minute: an airing is due at minute `t` when its wall-clock
/// time lies in `(local(t - 1min), local(t)]` and it has not aired yet
/// (covers ordinary minutes, spring-forward gaps and fall-back repeats).
fn oracle(plan: &Plan, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<ScheduledAiring> {
    let tz = plan.station.timezone;
    let mut fired: HashSet<(usize, NaiveDateTime)> = HashSet::new();
    let mut out = Vec::new();
    let mut t = from - chrono::Duration::days(1);
    let end = to + chrono::Duration::days(1);
    let mut previous = (t - chrono::Duration::minutes(1))
        .with_timezone(&tz)
        .naive_local();
    while t < end {
        let now = t.with_timezone(&tz).naive_local();
        for (index, slot) in plan.slots.iter().enumerate() {
            let Rule::At { times, days } = &slot.rule else {
                continue;
            };
            for date in [previous.date(), now.date()] {
                if !days.contains(&date.weekday()) || !slot.valid_on(date) {
                    continue;
                }
                for time in times {
                    let wall = date.and_time(*time);
                    if previous < wall
                        && wall <= now
                        && fired.insert((index, wall))
                        && t >= from
                        && t < to
                    {
                        out.push(ScheduledAiring {
                            instant: t,
                            slot: index,
                        });
                    }
                }
            }
        }
        previous = now;
        t += chrono::Duration::minutes(1);
    }
    out.sort();
    out
}

fn arb_slot(index: usize) -> impl Strategy<Value = Slot> {
    (
        prop::collection::btree_set(
            (
                prop_oneof![0u32..24, 0u32..4, Just(23u32)],
                prop_oneof![0u32..60, Just(0u32), Just(30u32)],
            ),
            1..4,
        ),
        prop::collection::btree_set(0usize..7, 1..8),
        prop::option::of(0i64..20),
        prop::option::of(0i64..20),
    )
        .prop_map(move |(times, days, from, until)| {
            let base = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default();
            let times = times
                .into_iter()
                .filter_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0))
                .collect();
            let days = days.into_iter().map(|d| WEEK[d]).collect();
            let from = from.map(|_| base);
            let until = until.map(|n| base + chrono::Duration::days(3650 + n * 30));
            slot(&format!("s{index}"), Rule::At { times, days }, from, until)
        })
}

/// Start instants chosen near daylight-saving changes of the zones above
/// (March/April and October/November), plus ordinary dates.
fn arb_start() -> impl Strategy<Value = DateTime<Utc>> {
    (
        2021i32..2030,
        prop::sample::select(vec![3u32, 4, 9, 10, 11, 6]),
        prop_oneof![1u32..29, 1u32..8, 24u32..29],
        0u32..24,
    )
        .prop_map(|(y, m, d, h)| {
            Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
                .single()
                .unwrap_or_else(Utc::now)
        })
}

/// Instants in `year` where the zone's UTC offset changes (hourly scan).
fn offset_changes(tz: Tz, year: i32) -> Vec<DateTime<Utc>> {
    use chrono::Offset;
    let mut t = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(year + 1, 1, 1, 0, 0, 0).unwrap();
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    let mut changes = Vec::new();
    while t < end {
        let next = t + chrono::Duration::hours(1);
        if offset(t) != offset(next) {
            changes.push(next);
        }
        t = next;
    }
    changes
}

/// A start a little before one of the zone's offset changes, when it has
/// any, so that gaps and repeats are exercised in most cases.
fn start_near_change(
    zone: usize,
    year: i32,
    pick: usize,
    hours_before: i64,
    fallback: DateTime<Utc>,
) -> DateTime<Utc> {
    let changes = offset_changes(ZONES[zone], year);
    if changes.is_empty() {
        return fallback;
    }
    changes[pick % changes.len()] - chrono::Duration::hours(hours_before)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn at_rules_match_the_minute_by_minute_oracle(
        zone in 0usize..ZONES.len(),
        slots in prop::collection::vec(any::<u8>(), 1..4).prop_flat_map(|v| {
            v.into_iter().enumerate().map(|(i, _)| arb_slot(i)).collect::<Vec<_>>()
        }),
        start in arb_start(),
        near_change in (any::<bool>(), 2021i32..2030, 0usize..4, 0i64..60),
        days in 1i64..12,
    ) {
        let (near, year, pick, hours) = near_change;
        let start = if near { start_near_change(zone, year, pick, hours, start) } else { start };
        let plan = plan_with(ZONES[zone], slots);
        let end = start + chrono::Duration::days(days);
        prop_assert_eq!(airings_between(&plan, start, end), oracle(&plan, start, end));
    }

    #[test]
    fn cron_rules_agree_with_equivalent_at_rules(
        zone in 0usize..ZONES.len(),
        hour in 0u32..24,
        minute in 0u32..60,
        days in prop::collection::btree_set(0usize..7, 1..8),
        start in arb_start(),
        near_change in (2021i32..2030, 0usize..4, 0i64..60),
    ) {
        let (year, pick, hours) = near_change;
        let start = start_near_change(zone, year, pick, hours, start);
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let day_list: Vec<&str> = days.iter().map(|d| names[*d]).collect();
        let expression = format!("0 {minute} {hour} * * {}", day_list.join(","));
        let cron = parse_cron(&expression).map_err(TestCaseError::fail)?;
        let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default();
        let at = Rule::At { times: vec![time], days: days.iter().map(|d| WEEK[*d]).collect() };
        let end = start + chrono::Duration::days(20);
        let by_at = plan_with(ZONES[zone], vec![slot("a", at, None, None)]);
        let by_cron = plan_with(ZONES[zone], vec![slot("a", Rule::Cron { expression, cron: Box::new(cron) }, None, None)]);
        prop_assert_eq!(airings_between(&by_at, start, end), airings_between(&by_cron, start, end));
    }
}

#[test]
fn spring_forward_gap_airs_once_at_the_end_of_the_gap() {
    // New York, 14 March 2021: 02:00 EST jumps to 03:00 EDT.
    let tz = chrono_tz::America::New_York;
    let at = Rule::At {
        times: vec![NaiveTime::from_hms_opt(2, 30, 0).unwrap_or_default()],
        days: WEEK.to_vec(),
    };
    let plan = plan_with(tz, vec![slot("a", at, None, None)]);
    let from = Utc.with_ymd_and_hms(2021, 3, 14, 0, 0, 0).unwrap();
    let airings = airings_between(&plan, from, from + chrono::Duration::days(1));
    assert_eq!(airings.len(), 1);
    assert_eq!(
        airings[0].instant,
        Utc.with_ymd_and_hms(2021, 3, 14, 7, 0, 0).unwrap()
    );
}

#[test]
fn fall_back_repeat_airs_once_at_the_first_occurrence() {
    // London, 31 October 2021: 02:00 BST goes back to 01:00 GMT.
    let tz = chrono_tz::Europe::London;
    let at = Rule::At {
        times: vec![NaiveTime::from_hms_opt(1, 30, 0).unwrap_or_default()],
        days: WEEK.to_vec(),
    };
    let plan = plan_with(tz, vec![slot("a", at, None, None)]);
    let from = Utc.with_ymd_and_hms(2021, 10, 30, 12, 0, 0).unwrap();
    let airings = airings_between(&plan, from, from + chrono::Duration::days(1));
    assert_eq!(airings.len(), 1);
    assert_eq!(
        airings[0].instant,
        Utc.with_ymd_and_hms(2021, 10, 31, 0, 30, 0).unwrap()
    );
}

#[test]
fn validity_dates_are_local_dates() {
    // 05:30 in Ho Chi Minh City is 22:30 UTC the day before.
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    let day = NaiveDate::from_ymd_opt(2021, 3, 3).unwrap();
    let at = Rule::At {
        times: vec![NaiveTime::from_hms_opt(5, 30, 0).unwrap_or_default()],
        days: WEEK.to_vec(),
    };
    let plan = plan_with(tz, vec![slot("a", at, Some(day), Some(day))]);
    let from = Utc.with_ymd_and_hms(2021, 3, 1, 0, 0, 0).unwrap();
    let airings = airings_between(&plan, from, from + chrono::Duration::days(5));
    assert_eq!(airings.len(), 1);
    assert_eq!(
        airings[0].instant,
        Utc.with_ymd_and_hms(2021, 3, 2, 22, 30, 0).unwrap()
    );
}

// ---------------------------------------------------------------------------
// Regressions through the real binary
// ---------------------------------------------------------------------------

/// A station in `zone` whose one slot has `rule` (an `at = …` or `cron = …`
/// line).
fn station_in(zone: &str, rule: &str) -> StationDir {
    let station = format!(
        r#"[station]
id = "test/dst"
name = "Đài thử nghiệm"
timezone = "{zone}"
playlists = "../playlists"
log_dir = "../var/airlog"
key = "../var/station.key"

[[slot]]
name = "tin"
{rule}
playlist = "cchc"
max = "20s"
"#
    );
    StationDir::with(&station, common::PLAYLIST)
}

/// The instants, in UTC, that `loa schedule --json` lists from `from` for
/// `days` days.
fn scheduled(station: &StationDir, from: &str, days: u32) -> Vec<String> {
    let days = days.to_string();
    let output = station.loa(&["schedule", "--from", from, "--days", &days, "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .map(|line| {
            let airing: serde_json::Value = serde_json::from_str(line).expect("an airing");
            let scheduled = airing["scheduled"].as_str().expect("scheduled");
            DateTime::parse_from_rfc3339(scheduled)
                .expect("an RFC 3339 time")
                .with_timezone(&Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        })
        .collect()
}

#[test]
fn cron_with_an_hour_list_airs_at_the_end_of_a_spring_gap() {
    // New York, 14 March 2021: 02:00 EST jumps to 03:00 EDT. 02:30 airs at
    // 03:00 EDT = 07:00 UTC, as `at = ["01:30", "02:30"]` would.
    let s = station_in("America/New_York", r#"cron = "0 30 1,2 * * *""#);
    let airings = scheduled(&s, "2021-03-14", 1);
    assert_eq!(airings, ["2021-03-14T06:30:00Z", "2021-03-14T07:00:00Z"]);
}

#[test]
fn cron_with_an_hour_list_airs_once_in_a_repeated_hour() {
    // New York, 7 November 2021: 02:00 EDT goes back to 01:00 EST; 01:30
    // airs at its first occurrence only (05:30 UTC), then 02:30 EST.
    let s = station_in("America/New_York", r#"cron = "0 30 1,2 * * *""#);
    let airings = scheduled(&s, "2021-11-07", 1);
    assert_eq!(airings, ["2021-11-07T05:30:00Z", "2021-11-07T07:30:00Z"]);
}

#[test]
fn cron_with_a_range_or_a_second_list_keeps_the_rule() {
    // London, 28 March 2021: 01:00 GMT jumps to 02:00 BST.
    let range = station_in("Europe/London", r#"cron = "0 10 1-2 * * *""#);
    assert_eq!(
        scheduled(&range, "2021-03-28", 1),
        ["2021-03-28T01:00:00Z", "2021-03-28T01:10:00Z"]
    );
    // New York, 7 November 2021: 02:00 EDT goes back to 01:00 EST; 01:10:00
    // and 01:10:30 air once each, in EDT.
    let seconds = station_in("America/New_York", r#"cron = "0,30 10 1 * * *""#);
    assert_eq!(
        scheduled(&seconds, "2021-11-07", 1),
        ["2021-11-07T05:10:00Z", "2021-11-07T05:10:30Z"]
    );
}

#[test]
fn two_cron_times_in_one_gap_are_an_overlap_as_with_at() {
    // In London's spring gap 01:50 and 01:53 both air at 02:00 BST: the
    // same instant, so `check` must reject the cron form as it does the at
    // form (`check` looks a year ahead, which always holds a spring change).
    for rule in [r#"cron = "0 50,53 1 * * *""#, r#"at = ["01:50", "01:53"]"#] {
        let s = station_in("Europe/London", rule);
        let output = s.loa(&["check"]);
        assert_eq!(output.status.code(), Some(1), "{rule}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("past the start of"),
            "{rule}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_gap_at_midnight_on_the_first_day_still_airs() {
    // Santiago, 5 September 2021: 00:00 jumps to 01:00. From that very day,
    // 00:30 airs at 01:00 local (04:00 UTC), as it does seen from the day
    // before.
    let s = station_in("America/Santiago", r#"cron = "0 30 0 * * *""#);
    assert_eq!(scheduled(&s, "2021-09-05", 1), ["2021-09-05T04:00:00Z"]);
    let at = station_in("America/Havana", r#"at = ["00:30"]"#);
    // Havana, 14 March 2021: 00:00 CST jumps to 01:00 CDT.
    assert_eq!(scheduled(&at, "2021-03-14", 1), ["2021-03-14T05:00:00Z"]);
}

#[test]
fn a_cron_over_every_hour_follows_the_wall_clock_as_vixie_does() {
    // New York, 7 November 2021: an hourly rule airs in both 01:00s, and on
    // 14 March 2021 not at all in the gap (no 02:00 that day).
    let s = station_in("America/New_York", r#"cron = "0 0 * * * *""#);
    let fall = scheduled(&s, "2021-11-07", 1);
    assert_eq!(fall.len(), 25, "{fall:?}");
    assert!(fall.contains(&"2021-11-07T05:00:00Z".to_string()));
    assert!(fall.contains(&"2021-11-07T06:00:00Z".to_string()));
    let spring = scheduled(&s, "2021-03-14", 1);
    assert_eq!(spring.len(), 23, "{spring:?}");
    let every_two = station_in("America/New_York", r#"cron = "0 0 */2 * * *""#);
    assert_eq!(scheduled(&every_two, "2021-03-14", 1).len(), 11);
}

#[test]
fn day_of_month_and_weekday_are_or_ed_only_when_neither_starts_with_a_star() {
    // `*/10` starts with `*`: both fields must match, so only Mondays that
    // are the 1st, 11th, 21st or 31st (March 2021: Monday the 1st).
    let starred = station_in("UTC", r#"cron = "0 0 12 */10 * MON""#);
    assert_eq!(
        scheduled(&starred, "2021-03-01", 31),
        ["2021-03-01T12:00:00Z"]
    );
    // `1,15` does not: the 1st, the 15th, and every Monday.
    let listed = station_in("UTC", r#"cron = "0 0 12 1,15 * MON""#);
    assert_eq!(
        scheduled(&listed, "2021-03-01", 31).len(),
        ["01", "08", "15", "22", "29"].len()
    );
}

#[test]
fn the_documented_day_extensions_name_the_days_they_say() {
    for (rule, day) in [
        (r#"cron = "0 0 12 * * 5L""#, "2021-03-26"),
        (r#"cron = "0 0 12 * * 1#2""#, "2021-03-08"),
        (r#"cron = "0 0 12 L * *""#, "2021-03-31"),
        (r#"cron = "0 0 12 ? * 1#2""#, "2021-03-08"),
    ] {
        let s = station_in("UTC", rule);
        assert_eq!(
            scheduled(&s, "2021-03-01", 31),
            [format!("{day}T12:00:00Z")],
            "{rule}"
        );
    }
}

// ---------------------------------------------------------------------------
// The independent oracle
// ---------------------------------------------------------------------------

/// Ten zones with daylight-saving changes of every shape: at 02:00, at
/// midnight (Santiago, Havana, Cairo), 30 minutes (Lord Howe), at 02:45
/// with a 45-minute offset (Chatham), southern hemisphere, and Tehran
/// (changes in 2021, none in 2026).
const DST_ZONES: [&str; 10] = [
    "America/New_York",
    "Europe/London",
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Africa/Cairo",
    "Asia/Tehran",
    "America/St_Johns",
    "Australia/Sydney",
];

/// One cron field, as structure: the oracle takes its values from this,
/// never from the text `loa` parses.
#[derive(Debug, Clone)]
enum Field {
    Star,
    StarStep(u32),
    List(Vec<Part>),
}

#[derive(Debug, Clone)]
enum Part {
    Value(u32),
    Range(u32, u32),
    RangeStep(u32, u32, u32),
}

impl Field {
    fn text(&self) -> String {
        match self {
            Field::Star => "*".into(),
            Field::StarStep(step) => format!("*/{step}"),
            Field::List(parts) => parts
                .iter()
                .map(|part| match part {
                    Part::Value(v) => v.to_string(),
                    Part::Range(a, b) => format!("{a}-{b}"),
                    Part::RangeStep(a, b, s) => format!("{a}-{b}/{s}"),
                })
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    fn values(&self, min: u32, max: u32) -> BTreeSet<u32> {
        match self {
            Field::Star => (min..=max).collect(),
            Field::StarStep(step) => (min..=max).step_by(*step as usize).collect(),
            Field::List(parts) => parts
                .iter()
                .flat_map(|part| match *part {
                    Part::Value(v) => vec![v],
                    Part::Range(a, b) => (a..=b).collect(),
                    Part::RangeStep(a, b, s) => (a..=b).step_by(s as usize).collect(),
                })
                .collect(),
        }
    }

    fn starts_with_star(&self) -> bool {
        !matches!(self, Field::List(_))
    }
}

/// A random rule: a cron expression or an `at` list, as structure.
#[derive(Debug, Clone)]
enum OracleRule {
    Cron {
        second: Field,
        minute: Field,
        hour: Field,
        dom: Field,
        month: Field,
        dow: Field,
    },
    At {
        times: BTreeSet<(u32, u32)>,
        days: BTreeSet<u32>,
    },
}

/// A rule resolved to value sets, ready to match civil times.
struct Matcher {
    seconds: BTreeSet<u32>,
    minutes: BTreeSet<u32>,
    hours: BTreeSet<u32>,
    doms: BTreeSet<u32>,
    months: BTreeSet<u32>,
    /// Sunday = 0.
    dows: BTreeSet<u32>,
    days_and: bool,
    times: Option<BTreeSet<(u32, u32)>>,
    follows_wall_clock: bool,
}

impl OracleRule {
    fn matcher(&self) -> Matcher {
        match self {
            OracleRule::Cron {
                second,
                minute,
                hour,
                dom,
                month,
                dow,
            } => Matcher {
                seconds: second.values(0, 59),
                minutes: minute.values(0, 59),
                hours: hour.values(0, 23),
                doms: dom.values(1, 31),
                months: month.values(1, 12),
                dows: dow.values(0, 7).into_iter().map(|d| d % 7).collect(),
                days_and: dom.starts_with_star() || dow.starts_with_star(),
                times: None,
                follows_wall_clock: minute.starts_with_star() || hour.starts_with_star(),
            },
            OracleRule::At { times, days } => Matcher {
                seconds: [0].into(),
                minutes: (0..60).collect(),
                hours: (0..24).collect(),
                doms: BTreeSet::new(),
                months: (1..=12).collect(),
                dows: days.clone(),
                days_and: false,
                times: Some(times.clone()),
                follows_wall_clock: false,
            },
        }
    }

    fn rule(&self) -> Rule {
        match self {
            OracleRule::Cron {
                second,
                minute,
                hour,
                dom,
                month,
                dow,
            } => {
                let expression = [second, minute, hour, dom, month, dow]
                    .map(Field::text)
                    .join(" ");
                let cron = parse_cron(&expression).expect("a valid expression");
                Rule::Cron {
                    expression,
                    cron: Box::new(cron),
                }
            }
            OracleRule::At { times, days } => Rule::At {
                times: times
                    .iter()
                    .filter_map(|(h, m)| NaiveTime::from_hms_opt(*h, *m, 0))
                    .collect(),
                days: days
                    .iter()
                    .map(|d| Weekday::try_from(((*d + 6) % 7) as u8).expect("weekday"))
                    .collect(),
            },
        }
    }
}

impl Matcher {
    fn matches(&self, civil: NaiveDateTime) -> bool {
        let dow = civil.weekday().num_days_from_sunday();
        let day_ok = match &self.times {
            Some(_) => self.dows.contains(&dow),
            None => {
                let dom_ok = self.doms.contains(&civil.day());
                let dow_ok = self.dows.contains(&dow);
                if self.days_and {
                    dom_ok && dow_ok
                } else {
                    dom_ok || dow_ok
                }
            }
        };
        let time_ok = match &self.times {
            Some(times) => civil.second() == 0 && times.contains(&(civil.hour(), civil.minute())),
            None => {
                self.seconds.contains(&civil.second())
                    && self.minutes.contains(&civil.minute())
                    && self.hours.contains(&civil.hour())
            }
        };
        day_ok && time_ok && self.months.contains(&civil.month())
    }
}

/// The civil (wall-clock) time of `t` in `zone`, from jiff's tzdb.
fn civil(zone: &jiff::tz::TimeZone, t: DateTime<Utc>) -> NaiveDateTime {
    let stamp = jiff::Timestamp::from_second(t.timestamp()).expect("timestamp");
    let dt = zone.to_datetime(stamp);
    NaiveDate::from_ymd_opt(dt.year().into(), dt.month() as u32, dt.day() as u32)
        .and_then(|d| d.and_hms_opt(dt.hour() as u32, dt.minute() as u32, dt.second() as u32))
        .expect("civil time")
}

/// Walks every UTC minute from a day before `from` to `to`: a civil time
/// the rule names airs when the wall clock shows it; a rule that names fixed
/// times airs each civil time once (its first occurrence) and the times a
/// gap skips at the instant the gap ends; a rule that follows the wall clock
/// airs every time the clock shows a matching time, and never in a gap.
fn independent_oracle(
    zone: &jiff::tz::TimeZone,
    rule: &Matcher,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let minute = chrono::Duration::minutes(1);
    let mut fired: HashSet<NaiveDateTime> = HashSet::new();
    let mut out = Vec::new();
    let mut t = from - chrono::Duration::days(1);
    let mut previous = civil(zone, t - minute);
    while t < to {
        let now = civil(zone, t);
        let mut airs = Vec::new();
        if !rule.follows_wall_clock {
            let mut skipped = previous + minute;
            while skipped < now {
                for second in &rule.seconds {
                    let time = skipped + chrono::Duration::seconds((*second).into());
                    if rule.matches(time) && fired.insert(time) {
                        airs.push(t);
                    }
                }
                skipped += minute;
            }
        }
        for second in &rule.seconds {
            let time = now + chrono::Duration::seconds((*second).into());
            if rule.matches(time) && (rule.follows_wall_clock || fired.insert(time)) {
                airs.push(t + chrono::Duration::seconds((*second).into()));
            }
        }
        out.extend(airs.into_iter().filter(|at| *at >= from && *at < to));
        previous = now;
        t += minute;
    }
    out.sort();
    out
}

/// The zone's offset changes in 2021 and 2026, from jiff's tzdb.
fn changes(zone: &jiff::tz::TimeZone) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    for year in [2021, 2026] {
        let start = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(year + 1, 1, 1, 0, 0, 0).unwrap();
        let stamp = jiff::Timestamp::from_second(start.timestamp()).expect("timestamp");
        for transition in zone.following(stamp) {
            let at = transition.timestamp().as_second();
            let Some(at) = DateTime::from_timestamp(at, 0) else {
                break;
            };
            if at >= end {
                break;
            }
            out.push(at);
        }
    }
    out
}

/// Hours and minutes near where the zones above change their clocks.
fn near_change_hour() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..4, Just(23u32), 0u32..24]
}

fn arb_part(min: u32, max: u32, near: BoxedStrategy<u32>) -> impl Strategy<Value = Part> {
    prop_oneof![
        3 => near.clone().prop_map(Part::Value),
        1 => (near.clone(), 0u32..3).prop_map(move |(a, n)| Part::Range(a, (a + n).min(max))),
        1 => (Just(min), 1u32..4, 2u32..4)
            .prop_map(move |(a, n, s)| Part::RangeStep(a, (a + n * s).min(max), s)),
    ]
}

fn arb_list(min: u32, max: u32, near: BoxedStrategy<u32>) -> impl Strategy<Value = Field> {
    prop::collection::vec(arb_part(min, max, near), 1..3).prop_map(Field::List)
}

fn arb_cron() -> impl Strategy<Value = OracleRule> {
    let second = prop_oneof![
        3 => Just(Field::List(vec![Part::Value(0)])),
        1 => prop::collection::vec((0u32..60).prop_map(Part::Value), 1..3).prop_map(Field::List),
    ];
    let minute = prop_oneof![
        4 => arb_list(0, 59, prop_oneof![Just(0u32), Just(30u32), 0u32..60].boxed()),
        1 => prop::sample::select(vec![15u32, 20, 30]).prop_map(Field::StarStep),
    ];
    let hour = prop_oneof![
        4 => arb_list(0, 23, near_change_hour().boxed()),
        1 => Just(Field::Star),
        1 => prop::sample::select(vec![2u32, 3, 6]).prop_map(Field::StarStep),
    ];
    let dom = prop_oneof![
        4 => Just(Field::Star),
        1 => Just(Field::StarStep(10)),
        1 => arb_list(1, 31, (1u32..32).boxed()),
    ];
    let month = prop_oneof![
        4 => Just(Field::Star),
        1 => arb_list(1, 12, (1u32..13).boxed()),
    ];
    let dow = prop_oneof![
        4 => Just(Field::Star),
        2 => arb_list(0, 6, (0u32..7).boxed()),
        1 => Just(Field::List(vec![Part::Value(7)])),
    ];
    (second, minute, hour, dom, month, dow).prop_map(|(second, minute, hour, dom, month, dow)| {
        OracleRule::Cron {
            second,
            minute,
            hour,
            dom,
            month,
            dow,
        }
    })
}

fn arb_at() -> impl Strategy<Value = OracleRule> {
    (
        prop::collection::btree_set(
            (
                near_change_hour(),
                prop_oneof![Just(0u32), Just(30u32), 0u32..60],
            ),
            1..4,
        ),
        prop::collection::btree_set(0u32..7, 1..8),
    )
        .prop_map(|(times, days)| OracleRule::At { times, days })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_rule_matches_the_independent_oracle_around_dst_changes(
        zone in 0usize..DST_ZONES.len(),
        rule in prop_oneof![3 => arb_cron(), 1 => arb_at()],
        pick in any::<prop::sample::Index>(),
        hours_before in 0i64..36,
        days in 1i64..3,
    ) {
        let tz = jiff::tz::TimeZone::get(DST_ZONES[zone]).expect("zone in jiff's tzdb");
        let changes = changes(&tz);
        prop_assume!(!changes.is_empty());
        let from = *pick.get(&changes) - chrono::Duration::hours(hours_before);
        let to = from + chrono::Duration::days(days);
        let zone: Tz = DST_ZONES[zone].parse().expect("zone in chrono-tz");
        let plan = plan_with(zone, vec![slot("a", rule.rule(), None, None)]);
        let by_loa: Vec<DateTime<Utc>> =
            airings_between(&plan, from, to).into_iter().map(|a| a.instant).collect();
        prop_assert_eq!(by_loa, independent_oracle(&tz, &rule.matcher(), from, to), "rule {:?}", rule);
    }
}
