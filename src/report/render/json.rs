//! The machine-readable report: everything, as documented in
//! `docs/report.md`. One object, `{"report": {...}, "airings": [...]}`;
//! the airings are streamed so the output never has to be held whole.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::airlog::verify::json::verdict_json;
use crate::report::build::{Report, StationEntry, StationStatus};
use crate::report::figures::{Counts, Figures, Group};
use crate::report::gaps::Silence;
use crate::report::period::Cutoff;

/// The `format` the report carries.
pub const FORMAT: &str = "loa-report";
/// Its version; raised when a field changes meaning or goes away.
pub const VERSION: u32 = 1;

/// Writes the report as JSON.
pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\"report\":")?;
    serde_json::to_writer_pretty(&mut *out, &report_value(report))?;
    out.write_all(b",\n\"airings\":[")?;
    for (index, row) in report.airings().enumerate() {
        out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &row?)?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()
}

/// Everything but the airings.
pub fn report_value(report: &Report) -> Value {
    let period = &report.period;
    json!({
        "format": FORMAT,
        "version": VERSION,
        "software": format!("loa {}", env!("CARGO_PKG_VERSION")),
        "date": report.date.to_string(),
        "provisional": report.is_provisional(),
        "counted_until": report.counted_until().map(crate::airlog::time::format_instant),
        "period": {
            "label": period.label,
            "from": period.from.to_string(),
            "to": period.to.to_string(),
            "cutoff": match period.cutoff { Cutoff::Calendar => "calendar", Cutoff::Official => "official" },
            "title": crate::report::labels::period_title(period),
        },
        "topics": report.catalogue.topics().map(|(code, t)| json!({
            "code": code, "name": t.name, "short": t.short, "cchc": t.cchc,
        })).collect::<Vec<_>>(),
        "stations": report.stations.iter().map(|s| station_value(report, s)).collect::<Vec<_>>(),
        "rollup": report.tree.iter().map(|node| json!({
            "path": node.path,
            "depth": node.depth,
            "name": node.name,
            "is_station": node.is_station,
            "stations": node.stations,
            "counted": node.counted,
            "figures": figures_value(report, &node.figures),
        })).collect::<Vec<_>>(),
        "totals": figures_value(report, &report.totals),
    })
}

fn station_value(report: &Report, entry: &StationEntry) -> Value {
    let (status, reason) = match &entry.status {
        StationStatus::Counted => ("counted", None),
        StationStatus::NotVerified => ("not_verified", None),
        StationStatus::NotCounted(reason) => ("not_counted", Some(reason.clone())),
    };
    let tally = entry.tally.as_ref();
    let local = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&entry.zone)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    };
    json!({
        "station": entry.station,
        "name": entry.name,
        "timezone": entry.zone.name(),
        "status": status,
        "reason": reason,
        "inputs": entry.inputs.iter().map(verdict_json).collect::<Vec<_>>(),
        "coverage": tally.map(|t| json!({
            "records": t.records,
            "first_seq": t.seqs.map(|(first, _)| first),
            "last_seq": t.seqs.map(|(_, last)| last),
            "from": t.span.map(|(from, _)| local(from)),
            "to": t.span.map(|(_, to)| local(to)),
            "missing_between_inputs": t.missing_between_inputs,
        })),
        "gaps": tally.map(|t| t.gaps.iter().map(|g| json!({
            "from": g.from.to_string(),
            "to": g.to.to_string(),
            "days": g.days(),
            "explained": match g.explained {
                Silence::Stopped => "stopped",
                Silence::Restarted => "restarted",
                Silence::Unexplained => "unexplained",
            },
        })).collect::<Vec<_>>()),
        "more_gaps": tally.map(|t| t.more_gaps),
        "figures": tally.map(|t| figures_value(report, &t.figures)),
    })
}

fn counts_fields(counts: &Counts, into: &mut Map<String, Value>) {
    into.insert("airings".into(), json!(counts.airings));
    into.insert("segments".into(), json!(counts.segments));
    into.insert("aired_ms".into(), json!(counts.aired_ms));
    into.insert("minutes".into(), json!(counts.minutes()));
}

fn group_value(key: (&str, Value), group: &Group) -> Value {
    let mut map = Map::new();
    map.insert(key.0.into(), key.1);
    group_fields(group, &mut map);
    Value::Object(map)
}

fn group_fields(group: &Group, into: &mut Map<String, Value>) {
    counts_fields(&group.counts, into);
    into.insert("distinct_segments".into(), json!(group.distinct.len()));
}

/// A group with no key of its own (`cchc`, `other_topics`).
fn bare_group(group: &Group) -> Value {
    let mut map = Map::new();
    group_fields(group, &mut map);
    Value::Object(map)
}

fn figures_value(report: &Report, figures: &Figures) -> Value {
    let mut value = group_value(("scope", json!("counted")), &figures.total);
    let Value::Object(map) = &mut value else {
        return value;
    };
    map.remove("scope");
    let topics: Vec<Value> = figures
        .topics
        .iter()
        .map(|(code, group)| {
            let mut topic = group_value(("code", json!(code)), group);
            if let Value::Object(fields) = &mut topic {
                let name = report.catalogue.name(*code).map(|t| t.name.clone());
                fields.insert("name".into(), json!(name));
                fields.insert("cchc".into(), json!(report.catalogue.is_cchc(*code)));
            }
            topic
        })
        .collect();
    map.insert("topics".into(), json!(topics));
    map.insert("cchc".into(), bare_group(&figures.cchc));
    map.insert("other_topics".into(), bare_group(&figures.other_topics));
    let languages: Vec<Value> = figures
        .languages
        .iter()
        .map(|(language, group)| group_value(("language", json!(language)), group))
        .collect();
    map.insert("languages".into(), json!(languages));
    let months: Vec<Value> = figures
        .months
        .iter()
        .map(|((year, month), counts)| {
            let mut fields = Map::new();
            fields.insert("month".into(), json!(format!("{year:04}-{month:02}")));
            counts_fields(counts, &mut fields);
            Value::Object(fields)
        })
        .collect();
    map.insert("months".into(), json!(months));
    let slots: Vec<Value> = figures
        .slots
        .iter()
        .map(|(slot, figures)| {
            let mut fields = Map::new();
            fields.insert("slot".into(), json!(slot));
            counts_fields(&figures.counts, &mut fields);
            let n = &figures.not_aired;
            fields.insert("interrupted".into(), json!(n.interrupted));
            fields.insert("failed".into(), json!(n.failed));
            fields.insert("missed".into(), json!(n.missed));
            fields.insert("unfinished".into(), json!(n.unfinished));
            fields.insert("dead_air".into(), json!(n.dead_air));
            Value::Object(fields)
        })
        .collect();
    map.insert("slots".into(), json!(slots));
    let o = &figures.outcomes;
    map.insert(
        "outcomes".into(),
        json!({
            "completed": o.completed, "cut_at_max": o.cut_at_max,
            "interrupted": o.interrupted, "failed": o.failed,
            "missed": o.missed, "unfinished": o.unfinished,
            "dead_air": o.dead_air,
        }),
    );
    map.insert("missed_reasons".into(), json!(figures.missed_reasons));
    map.insert("failed_reasons".into(), json!(figures.failed_reasons));
    map.insert(
        "interrupted_reasons".into(),
        json!(figures.interrupted_reasons),
    );
    let mut manual = group_value(
        ("not_aired", json!(figures.manual_not_aired)),
        &figures.manual,
    );
    if let Value::Object(fields) = &mut manual {
        let not_aired = fields.remove("not_aired");
        fields.insert("not_aired".into(), not_aired.unwrap_or_default());
    }
    map.insert("manual".into(), manual);
    let dead_air = group_value(
        ("silent_ms", json!(figures.dead_air_silent_ms)),
        &figures.dead_air,
    );
    map.insert("dead_air".into(), dead_air);
    let relays: Vec<Value> = figures
        .relays
        .iter()
        .map(|(url, r)| {
            json!({
                "url": url, "airings": r.airings, "relayed_ms": r.relayed_ms,
                "fallback_ms": r.fallback_ms, "silent_ms": r.silent_ms, "failed": r.failed,
            })
        })
        .collect();
    map.insert("relays".into(), json!(relays));
    value
}
