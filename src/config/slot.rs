//! Reading one `[[slot]]` of `station.toml`: when it airs (`at`, `cron`,
//! `days`), what (`playlist`, or a `relay` with its `fallback`), how
//! (`order`, `count`) and for how long (`max`, `grace`), each key checked
//! and every mistake located.

use std::ops::Range;
use std::time::Duration;

use chrono::{NaiveTime, Weekday};
use toml_edit::Item;

use super::fields::{Fields, Spanned, array_of_tables};
use super::names::is_name;
use super::problem::{Diagnostics, Problem, did_you_mean};
use super::session_limits::{DEFAULT_GRACE, read_duration};
use super::source::SourceFile;
use crate::plan::{Order, Rule, Slot, Station};
use crate::relay::RelayUrl;

/// The keys a `[[slot]]` may have; any other is reported with the nearest.
const SLOT_KEYS: &[&str] = &[
    "name", "title", "at", "cron", "days", "from", "until", "playlist", "order", "count", "max",
    "grace", "relay", "fallback",
];

/// A slot as read, with the spans the cross-file checks point at.
#[derive(Debug, Clone)]
pub struct SlotDraft {
    /// The checked slot.
    pub slot: Slot,
    /// Span of the `playlist = ...` value.
    pub playlist_span: Range<usize>,
    /// Span of the `max = ...` value.
    pub max_span: Range<usize>,
    /// Span of the slot's `name` value.
    pub name_span: Range<usize>,
}

pub fn read_slots(
    item: Option<&Item>,
    station: Option<&Station>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Vec<SlotDraft> {
    let Some(item) = item else { return Vec::new() };
    let Some(tables) = array_of_tables(item, "slot", source, d) else {
        return Vec::new();
    };
    let default_grace = station.map_or(DEFAULT_GRACE, |s| s.grace);
    let mut drafts: Vec<SlotDraft> = Vec::new();
    for table in tables.iter() {
        let header = table.span().unwrap_or(0..0);
        let Some(draft) = read_slot(table, header, default_grace, source, d) else {
            continue;
        };
        if let Some(first) = drafts.iter().find(|s| s.slot.name == draft.slot.name) {
            d.error(
                source.locate(draft.name_span.clone()),
                Problem::DuplicateSlot {
                    name: draft.slot.name.clone(),
                    first_line: source.locate(first.name_span.clone()).line,
                },
            );
            continue;
        }
        drafts.push(draft);
    }
    drafts
}

fn read_slot(
    table: &toml_edit::Table,
    header: Range<usize>,
    default_grace: Duration,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<SlotDraft> {
    let label = table
        .get("name")
        .and_then(|n| n.as_str())
        .map_or("[[slot]]".to_string(), |n| format!("[[slot]] \"{n}\""));
    let f = Fields::new(table, label, header, source);
    f.reject_unknown(SLOT_KEYS, d);
    let name = f
        .required_string("name", d)
        .filter(|n| check_name(&f, n, d));
    let title = f.string("title", d);
    let rule = read_rule(&f, d);
    let (from, until) = f.validity(d);
    let source = read_source(&f, d);
    let order = read_order(&f, d);
    let count = read_count(&f, d);
    let max = read_duration(&f, "max", d, false);
    let grace = read_duration(&f, "grace", d, true);
    let name = name?;
    let (playlist, relay) = source?;
    let max = max??;
    Some(SlotDraft {
        slot: Slot {
            title: title.map_or_else(|| name.value.clone(), |t| t.value),
            name: name.value,
            rule: rule?,
            from: from.map(|f| f.value),
            until: until.map(|u| u.value),
            playlist: playlist.value,
            relay,
            order: order?,
            count: count?,
            max: max.value,
            grace: match grace {
                Some(g) => g?.value,
                None => default_grace,
            },
        },
        playlist_span: playlist.span,
        max_span: max.span,
        name_span: name.span,
    })
}

/// What a slot airs: its `playlist`, or the stream it `relay`s with the
/// `fallback` playlist (empty: none) aired when the stream cannot be had.
/// The span is the one playlist checks point at.
fn read_source(f: &Fields<'_>, d: &mut Diagnostics) -> Option<(Spanned<String>, Option<RelayUrl>)> {
    let playlist = f.string("playlist", d);
    let relay = f.string("relay", d);
    let fallback = f.string("fallback", d);
    match (playlist, relay) {
        (Some(playlist), None) => {
            if let Some(fallback) = fallback {
                d.error(f.at(fallback.span), Problem::FallbackWithoutRelay);
                return None;
            }
            Some((playlist, None))
        }
        (Some(_), Some(relay)) => {
            d.error(f.at(relay.span), Problem::PlaylistAndRelay);
            None
        }
        (None, Some(relay)) => {
            let url = RelayUrl::parse(&relay.value)
                .map_err(|error| {
                    d.error(
                        f.at(relay.span.clone()),
                        Problem::BadRelayUrl {
                            value: relay.value.clone(),
                            detail: error.to_string(),
                        },
                    )
                })
                .ok()?;
            let fallback = fallback.unwrap_or(Spanned {
                value: String::new(),
                span: relay.span,
            });
            Some((fallback, Some(url)))
        }
        (None, None) => {
            if f.has("playlist") || f.has("relay") {
                return None;
            }
            d.error(f.at(f.header()), Problem::NeitherPlaylistNorRelay);
            None
        }
    }
}

fn read_rule(f: &Fields, d: &mut Diagnostics) -> Option<Rule> {
    let at = f.string_list("at", d);
    let cron = f.string("cron", d);
    let days = f.string_list("days", d);
    match (at, cron) {
        (Some(at), None) => {
            let times = read_times(f, at, d);
            let days = match days {
                Some(days) => read_days(f, days, d),
                None => Some(super::weekday::EVERY_DAY.to_vec()),
            };
            Some(Rule::At {
                times: times?,
                days: days?,
            })
        }
        (None, Some(cron)) => {
            if let Some(first) = days.as_ref().and_then(|d| d.first()) {
                d.error(f.at(first.span.clone()), Problem::DaysWithCron);
                return None;
            }
            read_cron(f, cron, d)
        }
        (Some(_), Some(cron)) => {
            d.error(f.at(cron.span), Problem::AtAndCron);
            None
        }
        (None, None) => {
            // A wrongly typed `at`/`cron` was already reported.
            if !f.has("at") && !f.has("cron") {
                d.error(f.at(f.header()), Problem::NeitherAtNorCron);
            }
            None
        }
    }
}

fn read_times(f: &Fields, at: Vec<Spanned<String>>, d: &mut Diagnostics) -> Option<Vec<NaiveTime>> {
    if at.is_empty() {
        d.error(f.at(f.header()), Problem::EmptyAt);
        return None;
    }
    let mut times = Vec::with_capacity(at.len());
    let mut ok = true;
    for text in at {
        let parsed = NaiveTime::parse_from_str(&text.value, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(&text.value, "%H:%M"))
            .ok()
            .filter(|_| is_clock_time_form(&text.value));
        match parsed {
            Some(time) if times.contains(&time) => {
                d.error(
                    f.at(text.span),
                    Problem::DuplicateTime { value: text.value },
                );
                ok = false;
            }
            Some(time) => times.push(time),
            None => {
                d.error(f.at(text.span), Problem::BadTime { value: text.value });
                ok = false;
            }
        }
    }
    times.sort();
    ok.then_some(times)
}

/// `HH:MM` or `HH:MM:SS` with two digits each (chrono alone accepts `5:3`).
fn is_clock_time_form(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    (parts.len() == 2 || parts.len() == 3)
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn read_days(f: &Fields, days: Vec<Spanned<String>>, d: &mut Diagnostics) -> Option<Vec<Weekday>> {
    let mut out = Vec::new();
    let mut ok = true;
    for text in days {
        match super::weekday::parse_weekday(&text.value) {
            Some(day) if out.contains(&day) => {
                d.error(f.at(text.span), Problem::DuplicateDay { value: text.value });
                ok = false;
            }
            Some(day) => out.push(day),
            None => {
                let folded = super::weekday::folded(&text.value);
                let suggestion = did_you_mean(&folded, super::weekday::spellings()).or_else(|| {
                    folded
                        .get(..3)
                        .filter(|p| super::weekday::parse_weekday(p).is_some())
                        .map(str::to_string)
                });
                d.error(
                    f.at(text.span),
                    Problem::BadDay {
                        value: text.value,
                        suggestion,
                    },
                );
                ok = false;
            }
        }
    }
    if ok && out.is_empty() {
        d.error(f.at(f.header()), Problem::EmptyAt);
        return None;
    }
    out.sort_by_key(|d| d.num_days_from_monday());
    ok.then_some(out)
}

fn read_cron(f: &Fields, cron: Spanned<String>, d: &mut Diagnostics) -> Option<Rule> {
    match crate::schedule::parse_cron(&cron.value) {
        Ok(parsed) => Some(Rule::Cron {
            expression: cron.value,
            cron: Box::new(parsed),
        }),
        Err(detail) => {
            d.error(
                f.at(cron.span),
                Problem::BadCron {
                    value: cron.value,
                    detail,
                },
            );
            None
        }
    }
}

const ORDERS: [(&str, Order); 3] = [
    ("sequential", Order::Sequential),
    ("shuffle", Order::Shuffle),
    ("rotate", Order::Rotate),
];

fn read_order(f: &Fields, d: &mut Diagnostics) -> Option<Order> {
    let Some(text) = f.string("order", d) else {
        return Some(Order::Sequential);
    };
    match ORDERS.iter().find(|(name, _)| *name == text.value) {
        Some((_, order)) => Some(*order),
        None => {
            d.error(
                f.at(text.span),
                Problem::BadOrder {
                    suggestion: did_you_mean(&text.value, ORDERS.iter().map(|(n, _)| *n)),
                    value: text.value,
                },
            );
            None
        }
    }
}

fn read_count(f: &Fields, d: &mut Diagnostics) -> Option<Option<u32>> {
    let Some(count) = f.integer("count", d) else {
        return Some(None);
    };
    match u32::try_from(count.value) {
        Ok(n) if (1..=1000).contains(&n) => Some(Some(n)),
        _ => {
            d.error(f.at(count.span), Problem::BadCount { value: count.value });
            None
        }
    }
}

fn check_name(f: &Fields, name: &Spanned<String>, d: &mut Diagnostics) -> bool {
    let ok = is_name(&name.value);
    if !ok {
        d.error(
            f.at(name.span.clone()),
            Problem::BadSlotName {
                value: name.value.clone(),
            },
        );
    }
    ok
}
