//! `loa report` and `loa export` end to end, with the real binary, on logs
//! the daemon wrote on a simulated clock: figures against an independent
//! count from `loa log --json`, the workbook read back, tampering, a
//! district's roll-up, exports that must extend the previous one.

#[path = "support/report/mod.rs"]
mod report_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{DateTime, Utc};
use report_common::{Station, arg, loa, loa_ok, local};
use serde_json::Value;

const SATURDAY: (i32, u32, u32) = (2026, 11, 28);

/// A station that ran Saturday 28 Nov to `days` later.
fn station_that_ran(id: &str, seed: u8, days: u32) -> Station {
    let station = Station::new(id, seed);
    let (y, m, d) = SATURDAY;
    let from = local(y, m, d, 0);
    station.run(from, from + chrono::Duration::days(i64::from(days)));
    station
}

fn report_json(args: &[&str]) -> Value {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("r.json");
    let mut all = vec!["report", "-o", arg(&file), "--date", "2026-12-07"];
    all.extend_from_slice(args);
    let out = loa(&all);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(file).unwrap()).expect("json")
}

fn totals(report: &Value) -> &Value {
    &report["report"]["totals"]
}

/// The counted airings of `loa log --json`, by the rules of
/// docs/report.md, independently of the report's code: for each, the
/// (topic, aired_ms) of every segment that aired.
fn counted_airings_from_loa_log(log_dir: &Path, from: &str, to: &str) -> Vec<Vec<(u64, u64)>> {
    let out = loa_ok(
        &[
            "log",
            "--dir",
            arg(log_dir),
            "--json",
            "--from",
            from,
            "--to",
            to,
        ],
        0,
    );
    let mut airings = Vec::new();
    for line in out.lines() {
        let airing: Value = serde_json::from_str(line).unwrap();
        let counted = matches!(airing["outcome"].as_str(), Some("completed" | "cut_at_max"))
            && airing["manual"] == false;
        if !counted {
            continue;
        }
        let segments = airing["segments"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|segment| matches!(segment["outcome"].as_str(), Some("aired" | "cut")))
            .map(|segment| {
                (
                    segment["topic"].as_u64().unwrap(),
                    segment["aired_ms"].as_u64().unwrap(),
                )
            })
            .collect();
        airings.push(segments);
    }
    airings
}

/// Per topic: (airings, segments, aired_ms), counted from `loa log --json`.
fn count_from_loa_log(
    log_dir: &Path,
    from: &str,
    to: &str,
) -> (u64, BTreeMap<u64, (u64, u64, u64)>) {
    let airings = counted_airings_from_loa_log(log_dir, from, to);
    let mut topics: BTreeMap<u64, (u64, u64, u64)> = BTreeMap::new();
    for segments in &airings {
        let mut seen = Vec::new();
        for &(topic, aired_ms) in segments {
            let entry = topics.entry(topic).or_default();
            entry.1 += 1;
            entry.2 += aired_ms;
            if !seen.contains(&topic) {
                seen.push(topic);
                entry.0 += 1;
            }
        }
    }
    (airings.len() as u64, topics)
}

/// (airings, segments, aired_ms) of the topics `kind` picks, counted from
/// `loa log --json`: an airing counts when it aired one of them.
fn count_kind_from_loa_log(
    log_dir: &Path,
    from: &str,
    to: &str,
    kind: impl Fn(u64) -> bool,
) -> (u64, u64, u64) {
    let mut counts = (0, 0, 0);
    for segments in counted_airings_from_loa_log(log_dir, from, to) {
        let picked: Vec<u64> = segments
            .iter()
            .filter(|(topic, _)| kind(*topic))
            .map(|(_, aired_ms)| *aired_ms)
            .collect();
        counts.0 += u64::from(!picked.is_empty());
        counts.1 += picked.len() as u64;
        counts.2 += picked.iter().sum::<u64>();
    }
    counts
}

fn group_counts(group: &Value) -> (u64, u64, u64) {
    let field = |name: &str| group[name].as_u64().unwrap();
    (field("airings"), field("segments"), field("aired_ms"))
}

fn topics_of(figures: &Value) -> BTreeMap<u64, (u64, u64, u64)> {
    figures["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["code"].as_u64().unwrap(),
                (
                    t["airings"].as_u64().unwrap(),
                    t["segments"].as_u64().unwrap(),
                    t["aired_ms"].as_u64().unwrap(),
                ),
            )
        })
        .collect()
}

#[test]
fn figures_match_an_independent_count_from_loa_log() {
    let station = station_that_ran("soc-trang/my-xuyen/thanh-phu", 3, 5);
    let config = station.config();
    for (period, from, to) in [
        ("2026-11", "2026-11-01", "2026-11-30"),
        ("2026-12", "2026-12-01", "2026-12-31"),
        ("2026-H2", "2026-07-01", "2026-12-31"),
    ] {
        let report = report_json(&["-c", arg(&config), "--period", period]);
        let (airings, topics) = count_from_loa_log(&station.log_dir(), from, to);
        assert!(airings > 0, "{period}: the log has airings");
        assert_eq!(totals(&report)["airings"], airings, "{period}");
        assert_eq!(topics_of(totals(&report)), topics, "{period}");
        let segments: u64 = topics.values().map(|t| t.1).sum();
        assert_eq!(totals(&report)["segments"], segments, "{period}");
    }
}

/// The CCHC total counts the catalogue's administrative-reform topics
/// only: the bundled station airs the commune's own topic 90 ("Thông báo
/// của xã") too, which the tables show under a total of its own.
#[test]
fn the_cchc_total_leaves_out_the_stations_own_topic_90() {
    let station = station_that_ran("can-tho/thanh-phu", 5, 3);
    let config = station.config();
    let report = report_json(&["-c", arg(&config), "--period", "2026-11"]);
    let log_dir = station.log_dir();
    let (from, to) = ("2026-11-01", "2026-11-30");
    let cchc = count_kind_from_loa_log(&log_dir, from, to, |t| (1..=11).contains(&t));
    let other = count_kind_from_loa_log(&log_dir, from, to, |t| t == 90);
    assert!(
        cchc.1 > 0 && other.1 > 0,
        "the log airs both: {cchc:?} {other:?}"
    );
    assert_eq!(group_counts(&totals(&report)["cchc"]), cchc);
    assert_eq!(group_counts(&totals(&report)["other_topics"]), other);

    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("r.html");
    let args = ["report", "-c", arg(&config), "--period", "2026-11"];
    loa_ok(
        &[&args[..], &["--date", "2026-12-07", "-o", arg(&html)]].concat(),
        0,
    );
    let html = std::fs::read_to_string(html).unwrap();
    let minutes = |ms: u64| {
        let tenths = (ms as f64 / 6_000.0).round() as u64;
        format!("{},{}", tenths / 10, tenths % 10)
    };
    let summary = format!(
        "về cải cách hành chính với tổng thời lượng {} phút",
        minutes(cchc.2)
    );
    assert!(html.contains(&summary), "{summary} in\n{html}");
    assert!(
        html.contains("<td>Thông báo của xã</td>"),
        "topic 90 listed"
    );
    assert!(html.contains("<td>Chủ đề khác của đài</td>"), "its total");
}

/// A catalogue that marks topic 90 `cchc = true` counts it as CCHC.
#[test]
fn a_topic_marked_cchc_counts_in_the_cchc_total() {
    let station = station_that_ran("can-tho/thanh-phu", 6, 2);
    let topics = station.root().join("config/topics.toml");
    let text = std::fs::read_to_string(&topics).unwrap();
    std::fs::write(&topics, text.replace("cchc = false", "cchc = true")).unwrap();
    let report = report_json(&["-c", arg(&station.config()), "--period", "2026-11"]);
    let all = count_kind_from_loa_log(&station.log_dir(), "2026-11-01", "2026-11-30", |_| true);
    assert_eq!(group_counts(&totals(&report)["cchc"]), all);
    assert_eq!(totals(&report)["other_topics"]["segments"], 0);
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = open_workbook(path).expect("calamine opens the workbook");
    let range = workbook.worksheet_range(name).expect("sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_workbook_holds_the_same_numbers_as_the_json() {
    let station = station_that_ran("soc-trang/my-xuyen/thanh-phu", 4, 3);
    let out = tempfile::tempdir().unwrap();
    let xlsx = out.path().join("r.xlsx");
    let c = station.config();
    loa_ok(
        &[
            "report",
            "-c",
            arg(&c),
            "--period",
            "2026-H2",
            "-o",
            arg(&xlsx),
        ],
        0,
    );
    let report = report_json(&["-c", arg(&c), "--period", "2026-H2"]);
    let rows = sheet(&xlsx, "Theo chủ đề");
    assert_eq!(rows[0][0], Data::String("Mã".into()));
    let json_topics = topics_of(totals(&report));
    let mut checked = 0;
    for row in &rows[1..rows.len() - 1] {
        if row[0] == Data::Empty {
            // A subtotal: the CCHC topics', or the station's own topics'.
            let group = match &row[1] {
                Data::String(label) if label == "Cộng cải cách hành chính" => "cchc",
                Data::String(label) if label == "Chủ đề khác của đài" => "other_topics",
                other => panic!("an unexpected subtotal {other:?}"),
            };
            let (airings, segments, _) = group_counts(&totals(&report)[group]);
            assert_eq!(number(&row[2]) as u64, airings, "{group}");
            assert_eq!(number(&row[3]) as u64, segments, "{group}");
            continue;
        }
        let code = number(&row[0]) as u64;
        let (airings, segments, _) = json_topics.get(&code).copied().unwrap_or_default();
        assert_eq!(number(&row[2]) as u64, airings, "topic {code}");
        assert_eq!(number(&row[3]) as u64, segments, "topic {code}");
        checked += 1;
    }
    assert!(checked >= 11, "every catalogue topic has a row");
    let total = rows.last().unwrap();
    assert_eq!(total[1], Data::String("Tổng cộng".into()));
    assert_eq!(
        number(&total[2]),
        totals(&report)["airings"].as_f64().unwrap()
    );
    assert_eq!(
        number(&total[4]),
        totals(&report)["minutes"].as_f64().unwrap()
    );
    let airings = sheet(&xlsx, "Chi tiết buổi phát");
    let listed = report["airings"].as_array().unwrap().len();
    assert_eq!(
        airings.len(),
        listed + 1,
        "one row per airing, plus the header"
    );
    let months = sheet(&xlsx, "Theo tháng");
    assert_eq!(months.len(), 1 + 6 + 1, "header, every month of H2, total");
}

/// Flips one digit of an `aired_ms` in the log: the hash no longer matches.
fn tamper(log_dir: &Path) {
    let file = log_dir.join("air-2026-11.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    let at = text.find("\"aired_ms\":").expect("an airing") + "\"aired_ms\":".len();
    let mut bytes = text.into_bytes();
    bytes[at] = if bytes[at] == b'9' { b'8' } else { b'9' };
    std::fs::write(&file, bytes).unwrap();
}

#[test]
fn a_tampered_log_is_flagged_and_left_out_of_the_totals() {
    let good = station_that_ran("soc-trang/my-xuyen/a", 5, 2);
    let bad = station_that_ran("soc-trang/my-xuyen/b", 6, 2);
    tamper(&bad.log_dir());
    let alone = report_json(&["--period", "2026-11", arg(&good.log_dir())]);
    let both = report_json(&[
        "--period",
        "2026-11",
        arg(&good.log_dir()),
        arg(&bad.log_dir()),
    ]);
    let out = loa(&[
        "report",
        "--period",
        "2026-11",
        "--format",
        "json",
        arg(&good.log_dir()),
        arg(&bad.log_dir()),
    ]);
    assert_eq!(out.status.code(), Some(1), "a station left out is exit 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("NOT counted") && stderr.contains("soc-trang/my-xuyen/b"),
        "{stderr}"
    );
    assert_eq!(totals(&both)["airings"], totals(&alone)["airings"]);
    assert_eq!(totals(&both)["aired_ms"], totals(&alone)["aired_ms"]);
    let stations = both["report"]["stations"].as_array().unwrap();
    let b = stations
        .iter()
        .find(|s| s["station"] == "soc-trang/my-xuyen/b")
        .unwrap();
    assert_eq!(b["status"], "not_verified");
    assert_eq!(b["figures"], Value::Null);
    assert_eq!(b["inputs"][0]["problems"][0]["kind"], "bad_line");
    let district = both["report"]["rollup"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["path"] == "soc-trang/my-xuyen")
        .unwrap();
    assert_eq!(
        (district["stations"].as_u64(), district["counted"].as_u64()),
        (Some(2), Some(1))
    );
}

#[test]
fn a_district_rolls_up_three_communes_in_two_districts_from_their_exports() {
    let exports = tempfile::tempdir().unwrap();
    let communes = [("st/d1/c1", 2), ("st/d1/c2", 3), ("st/d2/c3", 4)];
    let mut alone = BTreeMap::new();
    for (index, (id, days)) in communes.iter().enumerate() {
        let station = station_that_ran(id, 10 + index as u8, *days);
        let file = exports.path().join(format!("{}.tar", id.replace('/', "-")));
        let said = station.export("2026-H2", &file, "2026-12-06T00:00:00Z", &[]);
        assert!(said.contains("verified:   OK"), "{said}");
        let own = report_json(&["--period", "2026-H2", arg(&station.log_dir())]);
        alone.insert(*id, totals(&own)["airings"].as_u64().unwrap());
    }
    // The officer's two commands, on the folder of bundles.
    let folder = exports.path();
    // A damaged file among them is listed, not counted, and stops nothing.
    std::fs::write(folder.join("broken.tar"), b"not a tar").unwrap();
    let report = report_json(&["--period", "2026-H2", arg(folder)]);
    let broken = report["report"]["stations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["station"].as_str().unwrap().ends_with("broken.tar"))
        .expect("the broken bundle is listed");
    assert_eq!(broken["status"], "not_verified");
    assert_eq!(broken["inputs"][0]["problems"][0]["kind"], "unreadable");
    assert_eq!(
        report["report"]["rollup"].as_array().unwrap().len(),
        6,
        "not in the tree"
    );
    std::fs::remove_file(folder.join("broken.tar")).unwrap();
    let xlsx = folder.join("district.xlsx");
    loa_ok(
        &[
            "report",
            arg(folder),
            "--period",
            "2026-H2",
            "-o",
            arg(&xlsx),
        ],
        0,
    );
    let node = |path: &str| {
        report["report"]["rollup"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["path"] == path)
            .unwrap_or_else(|| panic!("no node {path}"))["figures"]["airings"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(node("st/d1/c1"), alone["st/d1/c1"]);
    assert_eq!(node("st/d1"), alone["st/d1/c1"] + alone["st/d1/c2"]);
    assert_eq!(node("st/d2"), alone["st/d2/c3"]);
    assert_eq!(node("st"), alone.values().sum::<u64>());
    assert_eq!(totals(&report)["airings"].as_u64(), Some(node("st")));
    let rows = sheet(&xlsx, "Theo đơn vị");
    let names: Vec<String> = rows.iter().skip(1).map(|r| r[1].to_string()).collect();
    assert_eq!(
        names,
        [
            "st", "st/d1", "st/d1/c1", "st/d1/c2", "st/d2", "st/d2/c3", ""
        ]
    );
}

#[test]
fn each_export_extends_the_last_and_deleting_records_between_them_is_caught() {
    let station = station_that_ran("soc-trang/my-xuyen/thanh-phu", 20, 4);
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("2026-11.tar");
    station.export("2026-11", &first, "2026-12-02T00:00:00Z", &[]);
    loa_ok(&["verify", arg(&first)], 0);
    // The next period: the daemon runs on; the second export begins at or
    // before the first one's checkpoint.
    station.run(local(2026, 12, 2, 8), local(2026, 12, 4, 0));
    let second = dir.path().join("2026-12.tar");
    station.export("2026-12", &second, "2026-12-05T00:00:00Z", &[]);
    let verified = loa_ok(&["verify", arg(&second), "--checkpoint", arg(&first)], 0);
    assert!(
        verified.contains("kept checkpoint: record") && verified.contains("contained"),
        "{verified}"
    );
    // The checkpoint file inside the bundle works the same.
    let checkpoint = dir.path().join("last.checkpoint");
    let held = tar_member(&first, "checkpoint");
    std::fs::write(&checkpoint, held).unwrap();
    loa_ok(
        &["verify", arg(&second), "--checkpoint", arg(&checkpoint)],
        0,
    );
    // Both halves together count each airing once.
    let both = report_json(&["--period", "2026-H2", arg(&first), arg(&second)]);
    let log = report_json(&["--period", "2026-H2", arg(&station.log_dir())]);
    assert_eq!(totals(&both)["airings"], totals(&log)["airings"]);
    assert_eq!(totals(&both)["aired_ms"], totals(&log)["aired_ms"]);

    // Now the station deletes the tail of its log (the first export's
    // checkpoint with it), hides its tracks and goes on.
    let tampered = station_that_ran("soc-trang/my-xuyen/thanh-phu", 20, 4);
    let first = dir.path().join("t-2026-11.tar");
    tampered.export("2026-11", &first, "2026-12-02T00:00:00Z", &[]);
    cut_tail(&tampered.log_dir().join("air-2026-12.jsonl"), 12);
    std::fs::remove_file(tampered.log_dir().join("exports/last.checkpoint")).unwrap();
    tampered.run(local(2026, 12, 2, 8), local(2026, 12, 4, 0));
    let second = dir.path().join("t-2026-12.tar");
    tampered.export("2026-12", &second, "2026-12-05T00:00:00Z", &[]);
    loa_ok(&["verify", arg(&second)], 0);
    let caught = loa_ok(
        &[
            "verify",
            arg(&second),
            "--checkpoint",
            arg(&first),
            "--json",
        ],
        1,
    );
    assert!(
        caught.contains("checkpoint_differs") || caught.contains("starts_after_checkpoint"),
        "{caught}"
    );
    let report = report_json(&[
        "--period",
        "2026-12",
        arg(&second),
        "--checkpoint",
        arg(&first),
    ]);
    assert_eq!(report["report"]["stations"][0]["status"], "not_verified");
}

fn cut_tail(file: &Path, lines: usize) {
    let text = std::fs::read_to_string(file).unwrap();
    let kept: Vec<&str> = text.lines().collect();
    let kept = &kept[..kept.len() - lines];
    std::fs::write(file, format!("{}\n", kept.join("\n"))).unwrap();
}

fn tar_member(bundle: &Path, name: &str) -> Vec<u8> {
    let mut archive = tar::Archive::new(std::fs::File::open(bundle).unwrap());
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        if entry.path().unwrap().to_str() == Some(name) {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            return bytes;
        }
    }
    panic!("no {name} in {}", bundle.display());
}

#[test]
fn an_export_that_begins_after_the_held_checkpoint_says_so() {
    let station = station_that_ran("soc-trang/my-xuyen/thanh-phu", 21, 3);
    let dir = tempfile::tempdir().unwrap();
    let early = dir.path().join("early.tar");
    station.export("2026-11", &early, "2026-12-01T00:00:00Z", &[]);
    std::fs::remove_file(station.log_dir().join("exports/last.checkpoint")).unwrap();
    station.run(local(2026, 12, 1, 8), local(2026, 12, 6, 0));
    // A period that begins after that checkpoint, nothing remembered.
    let late = dir.path().join("late.tar");
    station.export("2026-12-05..2026-12-31", &late, "2026-12-06T00:00:00Z", &[]);
    let said = loa_ok(
        &["verify", arg(&late), "--checkpoint", arg(&early), "--json"],
        1,
    );
    assert!(said.contains("starts_after_checkpoint"), "{said}");
    // --since makes the export begin there.
    let fixed = dir.path().join("fixed.tar");
    let since = ["--since", arg(&early)];
    station.export(
        "2026-12-05..2026-12-31",
        &fixed,
        "2026-12-06T00:00:01Z",
        &since,
    );
    loa_ok(&["verify", arg(&fixed), "--checkpoint", arg(&early)], 0);
}

#[test]
fn export_while_the_daemon_runs_uses_its_newest_hourly_checkpoint() {
    let station = station_that_ran("soc-trang/my-xuyen/thanh-phu", 22, 2);
    let key = loa::airlog::load_signing_key(&station.root().join("var/station.key")).unwrap();
    let now = local(2026, 11, 30, 1);
    let (log, _) = loa::airlog::AirLog::open(&station.log_dir(), &station.id, key, now).unwrap();
    let bundle = station.root().join("live.tar");
    let said = station.export("2026-11", &bundle, "2026-11-30T00:00:00Z", &[]);
    assert!(
        said.contains("is writing the log, so this is its newest checkpoint"),
        "{said}"
    );
    drop(log);
    loa_ok(&["verify", arg(&bundle)], 0);
    let report = report_json(&["--period", "2026-11", arg(&bundle)]);
    assert_eq!(report["report"]["stations"][0]["status"], "counted");
}

/// Writes a log by hand: airings scheduled at the instants given (local),
/// each lasting `minutes`, in a station of id `x`.
fn log_with_airings(dir: &Path, airings: &[(i32, u32, u32, u32, u32)], minutes: i64) -> PathBuf {
    use loa::airlog::record::SegmentOutcome;
    let ends = airings
        .iter()
        .map(|&(y, m, d, h, min)| {
            let scheduled = local(y, m, d, h) + chrono::Duration::minutes(i64::from(min));
            airing_end(scheduled, vec![(minutes, SegmentOutcome::Aired)])
        })
        .collect();
    write_log(dir, ends)
}

/// A completed airing of slot `khuya` with segments of the given minutes
/// and outcomes, back to back, all topic 5.
fn airing_end(
    scheduled: DateTime<Utc>,
    segments: Vec<(i64, loa::airlog::record::SegmentOutcome)>,
) -> loa::airlog::record::AiringEnd {
    use loa::airlog::Sha256Hash;
    use loa::airlog::record::*;
    let total: i64 = segments.iter().map(|(minutes, _)| minutes).sum();
    let segments = segments
        .into_iter()
        .enumerate()
        .map(|(i, (minutes, outcome))| SegmentAired {
            file: format!("{i}.wav"),
            sha256: Sha256Hash::ZERO,
            title: "A".into(),
            topic: 5,
            language: "vi".into(),
            aired_ms: u64::try_from(minutes * 60_000).unwrap(),
            outcome,
        })
        .collect();
    AiringEnd {
        slot: "khuya".into(),
        scheduled,
        started: scheduled,
        ended: scheduled + chrono::Duration::minutes(total),
        outcome: AiringOutcome::Completed,
        late_ms: 0,
        manual: false,
        segments,
        interruptions: Vec::new(),
        relay: None,
    }
}

/// Writes `ends` (in order) into a signed log of station `x` in `dir`.
fn write_log(dir: &Path, ends: Vec<loa::airlog::record::AiringEnd>) -> PathBuf {
    use loa::airlog::{AirLog, RecordKind};
    let log_dir = dir.join("airlog");
    let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let first = local(2021, 1, 1, 0) - chrono::Duration::days(30);
    let (mut log, _) = AirLog::open(&log_dir, "x", key, first).unwrap();
    for end in ends {
        log.checkpoint(end.scheduled).unwrap();
        log.append(end.ended, RecordKind::AiringEnd(end)).unwrap();
    }
    log.stop(local(2022, 1, 10, 0)).unwrap();
    log_dir
}

#[test]
fn airings_with_dead_air_are_counted_apart_from_the_totals() {
    use loa::airlog::record::SegmentOutcome;
    let dir = tempfile::tempdir().unwrap();
    let dead = SegmentOutcome::DeadAir {
        at_ms: 60_000,
        silent_ms: 15_000,
    };
    let log = write_log(
        dir.path(),
        vec![
            airing_end(local(2021, 3, 1, 6), vec![(5, SegmentOutcome::Aired)]),
            airing_end(
                local(2021, 3, 2, 6),
                vec![(5, SegmentOutcome::Aired), (1, dead)],
            ),
        ],
    );
    let report = report_json(&["--period", "2021-03", arg(&log)]);
    let t = totals(&report);
    assert_eq!(t["airings"], 1, "only the airing without dead air counts");
    assert_eq!(t["aired_ms"], 5 * 60_000);
    assert_eq!(t["outcomes"]["completed"], 1);
    assert_eq!(t["outcomes"]["dead_air"], 1);
    assert_eq!(t["dead_air"]["airings"], 1);
    assert_eq!(t["dead_air"]["silent_ms"], 15_000);
    assert_eq!(
        t["dead_air"]["aired_ms"],
        5 * 60_000,
        "the sound before the silence, shown apart"
    );
    assert_eq!(t["slots"][0]["dead_air"], 1);
    let rows = report["airings"].as_array().unwrap();
    let outcomes: Vec<&str> = rows
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["completed", "dead_air"]);
    assert_eq!(rows[1]["counted"], false);
}

#[test]
fn an_airing_counts_in_the_period_of_its_scheduled_start() {
    let dir = tempfile::tempdir().unwrap();
    // 23:50 on 30 June, running 20 minutes past midnight; 23:55 on 14 June
    // (the official cut-off); 00:05 on 15 June; 23:59 on 31 December.
    let log = log_with_airings(
        dir.path(),
        &[
            (2021, 6, 30, 23, 50),
            (2021, 6, 14, 23, 55),
            (2021, 6, 15, 0, 5),
            (2021, 12, 31, 23, 59),
        ],
        20,
    );
    let count = |period: &str, cutoff: &str| {
        let report = report_json(&["--period", period, "--cutoff", cutoff, arg(&log)]);
        let t = totals(&report);
        (
            t["airings"].as_u64().unwrap(),
            t["aired_ms"].as_u64().unwrap(),
        )
    };
    let twenty = 20 * 60_000;
    assert_eq!(
        count("2021-H1", "calendar"),
        (3, 3 * twenty),
        "all of the 30 June airing"
    );
    assert_eq!(
        count("2021-H2", "calendar"),
        (1, twenty),
        "31 Dec 23:59 is in H2"
    );
    assert_eq!(count("2021-06", "calendar"), (3, 3 * twenty));
    assert_eq!(
        count("2021-07", "calendar"),
        (0, 0),
        "nothing counted after midnight"
    );
    assert_eq!(count("2021-06-30..2021-06-30", "calendar"), (1, twenty));
    assert_eq!(
        count("2021-H1", "official"),
        (1, twenty),
        "only 14 June 23:55"
    );
    assert_eq!(
        count("2021-H2", "official"),
        (2, 2 * twenty),
        "15 and 30 June"
    );
    assert_eq!(
        count("2022", "official"),
        (1, twenty),
        "31 Dec 2021 is in the 2022 cut-off year"
    );
    let report = report_json(&["--period", "2021-H1", arg(&log)]);
    let months = &totals(&report)["months"];
    assert_eq!(months[0]["month"], "2021-06");
}

#[test]
fn bad_requests_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["report", ".", "--period", "2021-H3", "--format", "json"],
            "period \"2021-H3\" not understood",
        ),
        (
            &[
                "report", ".", "--period", "2021-Q2", "--cutoff", "official", "--format", "json",
            ],
            "--cutoff official applies",
        ),
        (&["report", ".", "--period", "2021"], "say which format"),
        (
            &["report", ".", "--period", "2021", "--format", "xlsx"],
            "needs a file",
        ),
        (
            &[
                "report",
                arg(dir.path()),
                "--period",
                "2021",
                "--format",
                "json",
            ],
            "no airing log and no export bundle",
        ),
    ];
    for (args, expected) in cases {
        let out = loa(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let not_a_bundle = dir.path().join("x.tar");
    std::fs::write(&not_a_bundle, b"hello").unwrap();
    for command in ["report", "verify"] {
        let out = loa(&[
            command,
            arg(&not_a_bundle),
            "--period",
            "2021",
            "--format",
            "json",
        ][..if command == "verify" { 2 } else { 6 }]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("export bundle"), "{command}: {stderr}");
    }
}

/// Regression: a period that had not ended showed its future days as "log
/// ends before this day", in red. The report is provisional up to the last
/// record, and only past days can be gaps.
#[test]
fn a_period_not_yet_ended_is_provisional_and_its_future_days_are_not_gaps() {
    let station = station_that_ran("can-tho/vinh-hai", 41, 3);
    let log_dir = station.log_dir();
    // The log runs 28 Nov to 1 Dec; the report is made on 2 Dec for December.
    let report_on = |date: &str| {
        let out = tempfile::tempdir().unwrap();
        let file = out.path().join("r.json");
        let args = [
            "report",
            "-o",
            arg(&file),
            "--date",
            date,
            "--period",
            "2026-12",
            arg(&log_dir),
        ];
        let run = loa(&args);
        assert!(
            run.status.code() == Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let gaps = tempfile::tempdir().unwrap();
        let csv = gaps.path().join("gaps.csv");
        let gaps_args = [
            "report",
            "-o",
            arg(&csv),
            "-f",
            "csv",
            "--view",
            "gaps",
            "--date",
            date,
            "--period",
            "2026-12",
            arg(&log_dir),
        ];
        assert_eq!(loa(&gaps_args).status.code(), Some(0));
        let report: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        (report, std::fs::read_to_string(csv).unwrap())
    };
    let (report, gaps) = report_on("2026-12-02");
    assert_eq!(report["report"]["provisional"], true);
    assert!(
        report["report"]["counted_until"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-11-30"))
    );
    assert!(
        !gaps.contains("kết thúc trước"),
        "no future day is a gap: {gaps}"
    );
    // Made after the period: the days without a record are gaps.
    let (report, gaps) = report_on("2027-01-05");
    assert_eq!(report["report"]["provisional"], false);
    assert!(gaps.contains("kết thúc trước"), "{gaps}");
}

/// Regression: export while `loa play` aired said "the daemon is running and
/// owns the log". It names what holds the log: here `loa play`, with its pid.
#[test]
fn export_names_what_holds_the_log() {
    let station = station_that_ran("can-tho/vinh-hai", 42, 1);
    let config = station.config();
    let mut play = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["play", "sang", "--output", "null", "-c", arg(&config)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("loa play");
    let lock = station.log_dir().join(".lock");
    let holder = format!("`loa play` (pid {})", play.id());
    let started = std::time::Instant::now();
    while !std::fs::read_to_string(&lock).is_ok_and(|t| t.starts_with(&play.id().to_string())) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "loa play did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("b.tar");
    let export = loa(&[
        "export",
        "-c",
        arg(&config),
        "--period",
        "2026-11",
        "-o",
        arg(&bundle),
        "--now",
        "2026-12-01T00:00:00Z",
    ]);
    let _ = play.kill();
    let _ = play.wait();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&export.stdout),
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(said.contains(&holder), "{said}");
    assert!(!said.contains("daemon is running"), "{said}");
}

/// Gives the station's config another `[station] name`.
fn rename(station: &Station, name: &str) {
    let config = station.config();
    let text = std::fs::read_to_string(&config).unwrap();
    let renamed = text.replace(
        "name = \"Đài truyền thanh xã Thạnh Phú\"",
        &format!("name = \"{name}\""),
    );
    assert_ne!(text, renamed, "the bundled config names the station");
    std::fs::write(config, renamed).unwrap();
}

fn rollup_names(report: &Value) -> Vec<(String, String)> {
    report["report"]["rollup"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let field = |key: &str| n[key].as_str().unwrap().to_string();
            (field("path"), field("name"))
        })
        .collect()
}

/// The report names units: a station by the name its bundle carries, the
/// levels above (two-level and three-level ids together) by the officer's
/// units file, which also overrides a station's name; an id is the last
/// resort.
#[test]
fn stations_and_levels_are_shown_by_name_from_bundles_and_the_units_file() {
    let exports = tempfile::tempdir().unwrap();
    let folder = exports.path();
    for (index, (id, name)) in [
        ("can-tho/an-hiep", "Đài truyền thanh xã An Hiệp"),
        (
            "soc-trang/my-xuyen/vinh-hai",
            "Đài truyền thanh xã Vĩnh Hải",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let station = Station::new(id, 50 + index as u8);
        rename(&station, name);
        let from = local(2026, 11, 30, 0);
        station.run(from, from + chrono::Duration::days(1));
        let file = folder.join(format!("{}.tar", id.replace('/', "-")));
        station.export("2026-H2", &file, "2026-12-06T00:00:00Z", &[]);
        let manifest: Value = serde_json::from_slice(&tar_member(&file, "manifest.json")).unwrap();
        assert_eq!(manifest["station_name"], name);
        assert_eq!(manifest["version"], 2);
    }
    let units = folder.join("don-vi.toml");
    std::fs::write(
        &units,
        "\"can-tho\" = \"Thành phố Cần Thơ\"\n\
         \"soc-trang/my-xuyen/vinh-hai\" = \"Xã Vĩnh Hải\"\n",
    )
    .unwrap();
    let report = report_json(&["--period", "2026-H2", "--units", arg(&units), arg(folder)]);
    let expected = [
        ("can-tho", "Thành phố Cần Thơ"),
        ("can-tho/an-hiep", "Đài truyền thanh xã An Hiệp"),
        ("soc-trang", "soc-trang"),
        ("soc-trang/my-xuyen", "my-xuyen"),
        ("soc-trang/my-xuyen/vinh-hai", "Xã Vĩnh Hải"),
    ]
    .map(|(path, name)| (path.to_string(), name.to_string()));
    assert_eq!(rollup_names(&report), expected);
    let stations = report["report"]["stations"].as_array().unwrap();
    assert_eq!(stations[0]["name"], "Đài truyền thanh xã An Hiệp");
    assert_eq!(stations[1]["name"], "Xã Vĩnh Hải");

    let html = folder.join("r.html");
    let args = ["report", "--period", "2026-H2", "--date", "2026-12-07"];
    loa_ok(
        &[
            &args[..],
            &["--units", arg(&units), "-o", arg(&html), arg(folder)],
        ]
        .concat(),
        0,
    );
    let html = std::fs::read_to_string(html).unwrap();
    for (_, name) in &expected {
        assert!(
            html.contains(&format!(">{name}</td>")),
            "{name} in the html"
        );
    }

    // The per-airing view names each airing's station beside its id.
    let csv = folder.join("airings.csv");
    let view = ["--format", "csv", "--view", "airings", "-o", arg(&csv)];
    loa_ok(
        &[&args[..], &view[..], &["--units", arg(&units), arg(folder)]].concat(),
        0,
    );
    let csv = std::fs::read_to_string(csv).unwrap();
    let mut rows = csv.lines().skip(1).map(|line| {
        let mut cells = line.split(',');
        (cells.next().unwrap_or(""), cells.next().unwrap_or(""))
    });
    assert!(
        rows.any(|row| row == ("Xã Vĩnh Hải", "soc-trang/my-xuyen/vinh-hai")),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|line| line.starts_with("Đài truyền thanh xã An Hiệp,can-tho/an-hiep,")),
        "{csv}"
    );
}

/// Regression: bundles made before they carried a name (manifest version 1)
/// still verify and report, their station shown by its id.
#[test]
fn a_bundle_without_a_name_still_reports_under_its_id() {
    let bundle = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/airlog/ok-bundle-whole-log/bundle.tar");
    let manifest: Value = serde_json::from_slice(&tar_member(&bundle, "manifest.json")).unwrap();
    assert_eq!(manifest["version"], 1);
    assert!(manifest.get("station_name").is_none());
    let report = report_json(&["--period", "2021-03", arg(&bundle)]);
    assert_eq!(report["report"]["stations"][0]["status"], "counted");
    assert_eq!(report["report"]["stations"][0]["name"], Value::Null);
    let names: Vec<String> = rollup_names(&report).into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["soc-trang", "my-xuyen", "thanh-phu"]);
}

/// A units file with mistakes is refused, each mistake named with its
/// file, line and column; nothing is written.
#[test]
fn a_units_file_with_mistakes_names_file_line_and_column() {
    let station = station_that_ran("can-tho/an-hiep", 52, 1);
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("don-vi.toml");
    std::fs::write(
        &units,
        "\"can-tho\" = \"Thành phố Cần Thơ\"\n\"can-tho/an-hiep\" = 5\n\"Can Tho\" = \"x\"\n",
    )
    .unwrap();
    let output = dir.path().join("r.json");
    let run = loa(&[
        "report",
        "--period",
        "2026-11",
        "--units",
        arg(&units),
        "-o",
        arg(&output),
        arg(&station.log_dir()),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:2:21", units.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:3:1", units.display())),
        "{stderr}"
    );
    assert!(!output.exists(), "nothing written");
}

/// The printable report's default letterhead fits the two-level structure
/// of 2025: the issuer is the station's own name, the rest is left to fill
/// in, and no body that no longer exists (the Department of Information
/// and Communications, a district) is named.
#[test]
fn the_default_letterhead_names_no_body_that_no_longer_exists() {
    let station = station_that_ran("can-tho/an-hiep", 53, 1);
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let config = station.config();
    let args = ["report", "-c", arg(&config), "--period", "2026-11"];
    loa_ok(&[&args[..], &["-o", arg(&html)]].concat(), 0);
    let html = std::fs::read_to_string(html).unwrap();
    assert!(
        html.contains(">ĐÀI TRUYỀN THANH XÃ THẠNH PHÚ</div>"),
        "{html}"
    );
    let lower = html.to_lowercase();
    for gone in ["huyện", "thông tin và truyền thông"] {
        assert!(!lower.contains(gone), "{gone} in the default letterhead");
    }
}

/// Several recipients on the command line replace the profile's; a
/// profile with a mistake is refused with its file, line and column.
#[test]
fn recipients_override_the_profile_and_a_bad_profile_is_located() {
    let station = station_that_ran("can-tho/an-hiep", 54, 1);
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("ho-so.toml");
    std::fs::write(
        &profile,
        "parent = \"UBND XÃ AN HIỆP\"\nrecipient = \"Cũ\"\n",
    )
    .unwrap();
    let html = dir.path().join("r.html");
    let log = station.log_dir();
    let args = ["report", "--period", "2026-11", "--profile", arg(&profile)];
    let recipients = ["--recipient", "Sở A", "--recipient", "UBND xã B"];
    loa_ok(
        &[&args[..], &recipients, &["-o", arg(&html), arg(&log)]].concat(),
        0,
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains(">UBND XÃ AN HIỆP</div>"),
        "the profile's parent"
    );
    assert!(
        page.contains("Kính gửi:<br>- Sở A;<br>- UBND xã B.</div>"),
        "{page}"
    );
    assert!(
        !page.contains("Cũ"),
        "the options replace the profile's recipients"
    );

    std::fs::write(
        &profile,
        "parent = \"UBND XÃ AN HIỆP\"\nsinger = \"TRƯỞNG ĐÀI\"\n",
    )
    .unwrap();
    let run = loa(&[&args[..], &["-o", arg(&html), arg(&log)]].concat());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:2:1", profile.display())),
        "{stderr}"
    );
    assert!(stderr.contains("signer"), "the key it means: {stderr}");
}
