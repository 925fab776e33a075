//! Property tests: the schedule's airings equal a brute-force oracle that
//! walks every minute of the range, in several time zones, including zones
//! with daylight saving (one with a 30-minute change), and cron rules agree
//! with the equivalent `at` rules.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
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
