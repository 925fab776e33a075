//! The report's views as tables: summary, by topic, language, month, slot,
//! station (rolled up), what did not air, verification, silent days, and
//! every airing. Headers are the Vietnamese an officer expects.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::report::build::{Report, StationEntry, StationStatus};
use crate::report::figures::{Counts, Figures, Group};
use crate::report::labels;
use crate::report::spool::AiringRow;
use crate::report::table::{Cell, Column, Row, RowStyle, Table};

/// The names `--view` accepts, in workbook order.
pub const VIEW_NAMES: [&str; 10] = [
    "summary",
    "topics",
    "stations",
    "months",
    "languages",
    "slots",
    "not-aired",
    "verification",
    "gaps",
    "airings",
];

const fn col(header: &'static str, width: f64) -> Column {
    Column { header, width }
}

const COUNT_COLUMNS: [Column; 3] = [
    col("Số buổi phát", 12.0),
    col("Số lượt tin, bài", 14.0),
    col("Thời lượng (phút)", 16.0),
];

fn count_cells(counts: &Counts) -> [Cell; 3] {
    [
        Cell::Int(counts.airings),
        Cell::Int(counts.segments),
        Cell::Minutes(counts.minutes()),
    ]
}

fn group_cells(group: &Group) -> Vec<Cell> {
    let mut cells = count_cells(&group.counts).to_vec();
    cells.push(Cell::Int(group.distinct.len() as u64));
    cells
}

/// Every summary view (all but the per-airing one), in workbook order.
pub fn summary_tables(report: &Report) -> Vec<Table> {
    vec![
        summary(report),
        topics(report),
        stations(report),
        months(report),
        languages(report),
        slots(report),
        not_aired(report),
        verification(report),
        gaps(report),
    ]
}

/// The key figures, as label / value pairs.
pub fn summary(report: &Report) -> Table {
    let totals = &report.totals;
    let mut rows = vec![
        pair("Kỳ báo cáo", labels::period_title(&report.period).into()),
        pair("Từ ngày", Cell::Date(report.period.from)),
        pair("Đến ngày", Cell::Date(report.period.to)),
        pair("Số đài (đơn vị)", Cell::Int(report.stations.len() as u64)),
        pair(
            "Số đài có nhật ký hợp lệ, được tính",
            Cell::Int(report.counted_stations() as u64),
        ),
        pair("Số buổi phát", Cell::Int(totals.total.counts.airings)),
        pair(
            "Buổi phát có tin, bài cải cách hành chính",
            Cell::Int(totals.cchc.counts.airings),
        ),
        pair(
            "Số lượt tin, bài cải cách hành chính đã phát",
            Cell::Int(totals.cchc.counts.segments),
        ),
        pair(
            "Thời lượng phát cải cách hành chính (phút)",
            Cell::Minutes(totals.cchc.counts.minutes()),
        ),
        pair(
            "Số tin, bài cải cách hành chính khác nhau",
            Cell::Int(totals.cchc.distinct.len() as u64),
        ),
        pair(
            "Số lượt tin, bài chủ đề khác của đài",
            Cell::Int(totals.other_topics.counts.segments),
        ),
        pair(
            "Thời lượng phát chủ đề khác của đài (phút)",
            Cell::Minutes(totals.other_topics.counts.minutes()),
        ),
        pair(
            "Tổng thời lượng phát (phút)",
            Cell::Minutes(totals.total.counts.minutes()),
        ),
    ];
    let o = &totals.outcomes;
    rows.extend([
        pair("Buổi phát bị ngắt giữa chừng", Cell::Int(o.interrupted)),
        pair("Buổi phát lỗi", Cell::Int(o.failed)),
        pair("Buổi không phát", Cell::Int(o.missed)),
        pair("Buổi không ghi nhận kết thúc", Cell::Int(o.unfinished)),
        pair(
            "Buổi phát thủ công (tính riêng)",
            Cell::Int(totals.manual.counts.airings),
        ),
        pair(
            "Thời lượng phát thủ công (phút)",
            Cell::Minutes(totals.manual.counts.minutes()),
        ),
        pair(
            "Buổi phát có khoảng lặng kéo dài (tính riêng)",
            Cell::Int(totals.dead_air.counts.airings),
        ),
        pair(
            "Thời lượng lặng trên loa (phút)",
            Cell::Minutes(minutes(totals.dead_air_silent_ms)),
        ),
        pair(
            "Buổi tiếp sóng (tính riêng)",
            Cell::Int(totals.relays.values().map(|r| r.airings).sum()),
        ),
        pair(
            "Thời lượng tiếp sóng (phút)",
            Cell::Minutes(minutes(totals.relays.values().map(|r| r.relayed_ms).sum())),
        ),
        pair("Ngày lập báo cáo", Cell::Date(report.date)),
    ]);
    Table {
        name: "summary",
        sheet: "Tổng hợp",
        title: "Tổng hợp",
        columns: vec![col("Chỉ tiêu", 44.0), col("Số liệu", 40.0)],
        rows,
    }
}

fn pair(label: &str, value: Cell) -> Row {
    Row::plain(vec![label.into(), value])
}

/// By topic: every catalogue topic (zero rows too) and any code the
/// catalogue lacks; the CCHC topics first with their total, then the
/// station's own topics with theirs ("Chủ đề khác của đài"), then the
/// grand total.
pub fn topics(report: &Report) -> Table {
    let figures = &report.totals;
    let mut codes: Vec<u32> = report.catalogue.topics().map(|(code, _)| code).collect();
    codes.extend(figures.topics.keys().copied());
    codes.sort_unstable();
    codes.dedup();
    let (cchc, other): (Vec<u32>, Vec<u32>) = codes
        .into_iter()
        .partition(|code| report.catalogue.is_cchc(*code));
    let mut rows: Vec<Row> = cchc.iter().map(|code| topic_row(report, *code)).collect();
    rows.push(topic_total("Cộng cải cách hành chính", &figures.cchc));
    if !other.is_empty() {
        rows.extend(other.iter().map(|code| topic_row(report, *code)));
        rows.push(topic_total("Chủ đề khác của đài", &figures.other_topics));
    }
    rows.push(topic_total("Tổng cộng", &figures.total));
    let mut columns = vec![col("Mã", 6.0), col("Chủ đề", 70.0)];
    columns.extend(COUNT_COLUMNS);
    columns.push(col("Số tin, bài khác nhau", 18.0));
    Table {
        name: "topics",
        sheet: "Theo chủ đề",
        title: "Kết quả phát theo chủ đề",
        columns,
        rows,
    }
}

fn topic_row(report: &Report, code: u32) -> Row {
    let name = report
        .catalogue
        .name(code)
        .map_or_else(|| format!("Chủ đề {code}"), |t| t.name.clone());
    let empty = Group::default();
    let mut cells = vec![Cell::Int(u64::from(code)), name.into()];
    cells.extend(group_cells(
        report.totals.topics.get(&code).unwrap_or(&empty),
    ));
    Row::plain(cells)
}

fn topic_total(label: &str, group: &Group) -> Row {
    let mut cells = vec!["".into(), label.into()];
    cells.extend(group_cells(group));
    Row::total(cells)
}

/// By language.
pub fn languages(report: &Report) -> Table {
    let figures = &report.totals;
    let mut rows: Vec<Row> = figures
        .languages
        .iter()
        .map(|(code, group)| {
            let mut cells = vec![labels::language(code).into(), code.as_str().into()];
            cells.extend(group_cells(group));
            Row::plain(cells)
        })
        .collect();
    let mut total = vec!["Tổng cộng".into(), "".into()];
    total.extend(group_cells(&figures.total));
    rows.push(Row::total(total));
    let mut columns = vec![col("Ngôn ngữ", 18.0), col("Mã", 6.0)];
    columns.extend(COUNT_COLUMNS);
    columns.push(col("Số tin, bài khác nhau", 18.0));
    Table {
        name: "languages",
        sheet: "Theo ngôn ngữ",
        title: "Kết quả phát theo ngôn ngữ",
        columns,
        rows,
    }
}

/// By month of the scheduled start: every month of the period.
pub fn months(report: &Report) -> Table {
    let figures = &report.totals;
    let mut rows: Vec<Row> = report
        .period
        .months()
        .into_iter()
        .map(|(year, month)| {
            let counts = figures
                .months
                .get(&(year, month))
                .copied()
                .unwrap_or_default();
            let mut cells = vec![format!("{month:02}/{year}").into()];
            cells.extend(count_cells(&counts));
            Row::plain(cells)
        })
        .collect();
    let mut total = vec!["Tổng cộng".into()];
    total.extend(count_cells(&figures.total.counts));
    rows.push(Row::total(total));
    let mut columns = vec![col("Tháng", 10.0)];
    columns.extend(COUNT_COLUMNS);
    Table {
        name: "months",
        sheet: "Theo tháng",
        title: "Kết quả phát theo tháng",
        columns,
        rows,
    }
}

/// By slot: what aired and what did not.
pub fn slots(report: &Report) -> Table {
    let rows = report
        .totals
        .slots
        .iter()
        .map(|(name, slot)| {
            let n = &slot.not_aired;
            let mut cells = vec![name.as_str().into()];
            cells.extend(count_cells(&slot.counts));
            cells.extend(
                [n.interrupted, n.failed, n.missed, n.unfinished, n.dead_air].map(Cell::Int),
            );
            Row::plain(cells)
        })
        .collect();
    let mut columns = vec![col("Khung giờ phát", 16.0)];
    columns.extend(COUNT_COLUMNS);
    columns.extend([
        col("Bị ngắt", 9.0),
        col("Lỗi", 7.0),
        col("Không phát", 11.0),
        col("Không ghi nhận kết thúc", 14.0),
        col("Có khoảng lặng", 11.0),
    ]);
    Table {
        name: "slots",
        sheet: "Theo khung giờ",
        title: "Kết quả phát theo khung giờ",
        columns,
        rows,
    }
}

/// By station, rolled up along the id: each level's subtotal, then the
/// stations beneath it.
pub fn stations(report: &Report) -> Table {
    let mut rows = Vec::new();
    for node in &report.tree {
        let entry = report.stations.iter().find(|s| s.station == node.path);
        let is_group = node.stations > 1 || !node.is_station;
        let status: Cell = match entry {
            Some(entry) if !is_group => match &entry.status {
                StationStatus::Counted => labels::verified(true).into(),
                StationStatus::NotVerified => labels::verified(false).into(),
                StationStatus::NotCounted(_) => "Không tính được".into(),
            },
            _ => format!("{}/{} đài được tính", node.counted, node.stations).into(),
        };
        let mut cells = vec![node.name.as_str().into(), node.path.as_str().into(), status];
        cells.extend(station_cells(&node.figures));
        let warning = entry.is_some_and(|e| e.status != StationStatus::Counted) && !is_group;
        rows.push(Row {
            cells,
            style: if is_group {
                RowStyle::Total
            } else if warning {
                RowStyle::Warning
            } else {
                RowStyle::Plain
            },
            indent: (node.depth.saturating_sub(1)).min(8) as u8,
        });
    }
    let mut total = vec!["Tổng cộng".into(), "".into(), "".into()];
    total.extend(station_cells(&report.totals));
    rows.push(Row::total(total));
    let mut columns = vec![
        col("Đơn vị", 22.0),
        col("Mã đơn vị", 34.0),
        col("Nhật ký", 18.0),
    ];
    columns.extend(COUNT_COLUMNS);
    columns.extend([
        col("Số tin, bài khác nhau", 14.0),
        col("Không phát", 11.0),
        col("Lỗi, bị ngắt", 11.0),
        col("Phát thủ công", 12.0),
        col("Có khoảng lặng", 11.0),
    ]);
    Table {
        name: "stations",
        sheet: "Theo đơn vị",
        title: "Kết quả phát theo đơn vị",
        columns,
        rows,
    }
}

fn station_cells(figures: &Figures) -> Vec<Cell> {
    let mut cells = group_cells(&figures.total);
    let o = &figures.outcomes;
    cells.extend([
        Cell::Int(o.missed),
        Cell::Int(o.failed + o.interrupted),
        Cell::Int(figures.manual.counts.airings),
        Cell::Int(o.dead_air),
    ]);
    cells
}

/// Airings that did not air (or not to the end), by reason.
pub fn not_aired(report: &Report) -> Table {
    let figures = &report.totals;
    let mut rows = Vec::new();
    type Reasons<'a> = (
        &'a str,
        &'a std::collections::BTreeMap<String, u64>,
        fn(&str) -> String,
    );
    let groups: [Reasons<'_>; 3] = [
        ("Không phát", &figures.missed_reasons, |r| {
            labels::miss_reason(r).to_string()
        }),
        ("Phát lỗi", &figures.failed_reasons, labels::reason),
        (
            "Bị ngắt giữa chừng",
            &figures.interrupted_reasons,
            labels::reason,
        ),
    ];
    for (kind, reasons, label) in groups {
        for (reason, count) in reasons {
            rows.push(Row::plain(vec![
                kind.into(),
                label(reason).into(),
                Cell::Int(*count),
            ]));
        }
    }
    let o = &figures.outcomes;
    if o.unfinished > 0 {
        rows.push(Row::plain(vec![
            labels::outcome("unfinished").into(),
            "Máy dừng hoặc mất điện khi đang phát".into(),
            Cell::Int(o.unfinished),
        ]));
    }
    if o.dead_air > 0 {
        rows.push(Row::plain(vec![
            labels::outcome("dead_air").into(),
            format!(
                "Loa im lặng quá thời gian cho phép, tổng cộng {} phút",
                Cell::Minutes(minutes(figures.dead_air_silent_ms)).display()
            )
            .into(),
            Cell::Int(o.dead_air),
        ]));
    }
    rows.push(Row::total(vec![
        "Tổng cộng".into(),
        "".into(),
        Cell::Int(o.missed + o.failed + o.interrupted + o.unfinished + o.dead_air),
    ]));
    Table {
        name: "not-aired",
        sheet: "Không phát được",
        title: "Buổi phát không thực hiện được và lý do",
        columns: vec![
            col("Tình trạng", 22.0),
            col("Lý do", 60.0),
            col("Số buổi", 10.0),
        ],
        rows,
    }
}

/// Each input's verification.
pub fn verification(report: &Report) -> Table {
    let mut rows = Vec::new();
    for entry in &report.stations {
        for verdict in &entry.inputs {
            let span = verdict.period.map(|(from, to)| {
                (
                    from.with_timezone(&entry.zone).naive_local(),
                    to.with_timezone(&entry.zone).naive_local(),
                )
            });
            let seqs = match (verdict.first_seq.unwrap_or(0), verdict.head) {
                (first, Some((last, _))) => format!("{first}–{last}"),
                _ => String::new(),
            };
            let problems = verdict.problems.len() as u64 + verdict.more_problems;
            let first_problem = verdict
                .problems
                .first()
                .map(crate::text::report::problem_line)
                .unwrap_or_default();
            let mut status = labels::verified(verdict.is_ok()).to_string();
            if let StationStatus::NotCounted(reason) = &entry.status {
                status = format!("{status}; không tính được: {reason}");
            }
            rows.push(Row {
                cells: vec![
                    station_name(entry).into(),
                    entry.station.as_str().into(),
                    verdict.label.as_str().into(),
                    status.into(),
                    Cell::Int(verdict.records),
                    seqs.into(),
                    span.map_or(Cell::Empty, |(from, _)| Cell::DateTime(from)),
                    span.map_or(Cell::Empty, |(_, to)| Cell::DateTime(to)),
                    Cell::Int(problems),
                    first_problem.into(),
                ],
                style: if verdict.is_ok() {
                    RowStyle::Plain
                } else {
                    RowStyle::Warning
                },
                indent: 0,
            });
        }
    }
    Table {
        name: "verification",
        sheet: "Kiểm tra nhật ký",
        title: "Kết quả kiểm tra nhật ký phát sóng",
        columns: vec![
            col("Đơn vị", 28.0),
            col("Mã đơn vị", 34.0),
            col("Tệp nhật ký", 40.0),
            col("Kết quả", 16.0),
            col("Số bản ghi", 11.0),
            col("Bản ghi số", 14.0),
            col("Từ", 17.0),
            col("Đến", 17.0),
            col("Số lỗi", 8.0),
            col("Lỗi đầu tiên", 60.0),
        ],
        rows,
    }
}

/// Silent days and the period a station's log does not cover.
pub fn gaps(report: &Report) -> Table {
    let mut rows = Vec::new();
    for entry in &report.stations {
        let Some(tally) = &entry.tally else { continue };
        let covered = tally.span.map(|(first, last)| {
            (
                first.with_timezone(&entry.zone).date_naive(),
                last.with_timezone(&entry.zone).date_naive(),
            )
        });
        let (period_from, period_to) = (report.period.from, report.period.to);
        let uncovered = |from: NaiveDate, to: NaiveDate, why: &str| {
            (from <= to).then(|| gap_row(entry, from, to, why, RowStyle::Warning))
        };
        let (before, after) = match covered {
            None => (uncovered(period_from, period_to, "Không có bản ghi"), None),
            Some((first, last)) => (
                first.pred_opt().and_then(|day| {
                    uncovered(
                        period_from,
                        day.min(period_to),
                        "Nhật ký bắt đầu sau ngày này",
                    )
                }),
                // Only past days are gaps: a period that has not ended is
                // covered up to now (the report is provisional).
                last.succ_opt().and_then(|day| {
                    uncovered(
                        day.max(period_from),
                        period_to.min(report.date.pred_opt().unwrap_or(report.date)),
                        "Nhật ký kết thúc trước ngày này",
                    )
                }),
            ),
        };
        rows.extend(before);
        for gap in &tally.gaps {
            let style = match gap.explained {
                crate::report::gaps::Silence::Unexplained => RowStyle::Warning,
                _ => RowStyle::Plain,
            };
            rows.push(gap_row(
                entry,
                gap.from,
                gap.to,
                labels::silence(gap.explained),
                style,
            ));
        }
        rows.extend(after);
    }
    Table {
        name: "gaps",
        sheet: "Ngày không có bản ghi",
        title: "Những ngày nhật ký không có bản ghi",
        columns: vec![
            col("Đơn vị", 28.0),
            col("Mã đơn vị", 34.0),
            col("Từ ngày", 12.0),
            col("Đến ngày", 12.0),
            col("Số ngày", 9.0),
            col("Ghi chú", 50.0),
        ],
        rows,
    }
}

fn gap_row(
    entry: &StationEntry,
    from: NaiveDate,
    to: NaiveDate,
    why: &str,
    style: RowStyle,
) -> Row {
    Row {
        cells: vec![
            station_name(entry).into(),
            entry.station.as_str().into(),
            Cell::Date(from),
            Cell::Date(to),
            Cell::Int(((to - from).num_days() + 1).max(0) as u64),
            why.into(),
        ],
        style,
        indent: 0,
    }
}

/// The stations' names by id, for the per-airing view, whose rows carry
/// only the id.
pub struct StationNames(HashMap<String, String>);

impl StationNames {
    /// The names of the report's stations (its units file, bundles or
    /// configs), else their ids.
    pub fn of(report: &Report) -> Self {
        Self(
            report
                .stations
                .iter()
                .map(|entry| (entry.station.clone(), station_name(entry)))
                .collect(),
        )
    }

    /// The name of `station`, else its id.
    fn name<'a>(&'a self, station: &'a str) -> &'a str {
        self.0.get(station).map_or(station, String::as_str)
    }
}

/// The per-airing view's columns.
pub fn airing_columns() -> Vec<Column> {
    vec![
        col("Đơn vị", 30.0),
        col("Mã đơn vị", 34.0),
        col("Khung giờ", 12.0),
        col("Giờ phát theo lịch", 17.0),
        col("Bắt đầu", 17.0),
        col("Kết thúc", 17.0),
        col("Kết quả", 22.0),
        col("Lý do", 30.0),
        col("Thủ công", 9.0),
        col("Được tính", 9.0),
        col("Số lượt tin, bài", 12.0),
        col("Thời lượng (phút)", 12.0),
        col("Chủ đề", 14.0),
        col("Ngôn ngữ", 10.0),
    ]
}

/// One airing as a row of the per-airing view, its station named.
pub fn airing_row(row: &AiringRow, names: &StationNames) -> Row {
    let yes_no = |b: bool| Cell::from(if b { "Có" } else { "Không" });
    let join = |items: Vec<String>| Cell::Text(items.join(", "));
    Row::plain(vec![
        names.name(&row.station).into(),
        row.station.as_str().into(),
        row.slot.as_str().into(),
        Cell::DateTime(row.scheduled),
        row.started.map_or(Cell::Empty, Cell::DateTime),
        row.ended.map_or(Cell::Empty, Cell::DateTime),
        labels::outcome(&row.outcome).into(),
        match (&row.outcome[..], &row.reason) {
            ("missed", Some(code)) => labels::miss_reason(code).into(),
            (_, Some(reason)) => labels::reason(reason).into(),
            _ => Cell::Empty,
        },
        yes_no(row.manual),
        yes_no(row.counted),
        Cell::Int(row.segments),
        Cell::Minutes(
            Counts {
                aired_ms: row.aired_ms,
                ..Counts::default()
            }
            .minutes(),
        ),
        join(row.topics.iter().map(u32::to_string).collect()),
        join(row.languages.clone()),
    ])
}

/// The per-airing view's names.
pub const AIRINGS_VIEW: (&str, &str, &str) =
    ("airings", "Chi tiết buổi phát", "Chi tiết các buổi phát");

/// Milliseconds as minutes rounded to a tenth, like [`Counts::minutes`].
fn minutes(ms: u64) -> f64 {
    Counts {
        aired_ms: ms,
        ..Counts::default()
    }
    .minutes()
}

/// A station as an officer names it: its name (from the units file, its
/// bundle or its config), else its id.
fn station_name(entry: &StationEntry) -> String {
    entry.name.clone().unwrap_or_else(|| entry.station.clone())
}
