//! The topic catalogue (`topics.toml`): the eleven administrative-reform
//! topics of the Department's letter, plus any a station adds.

use std::collections::BTreeMap;

use super::fields::{Fields, array_of_tables};
use super::problem::{Diagnostics, Problem};
use super::source::SourceFile;
use crate::plan::Topic;

/// Topic codes are small positive numbers; larger ones are typos.
const MAX_TOPIC_CODE: i64 = 9999;

/// Reads `[[topic]]` entries: `code`, `name`, `short`, `cchc`.
pub fn read_topics(source: &SourceFile, d: &mut Diagnostics) -> BTreeMap<u32, Topic> {
    let mut topics = BTreeMap::new();
    let Some(doc) = super::syntax::parse_toml(source, d) else {
        return topics;
    };
    let root = Fields::new(doc.as_table(), String::new(), 0..0, source);
    root.reject_unknown(&["topic"], d);
    let Some(item) = doc.get("topic") else {
        root.missing("topic", d);
        return topics;
    };
    let Some(tables) = array_of_tables(item, "topic", source, d) else {
        return topics;
    };
    for table in tables.iter() {
        let f = Fields::new(
            table,
            "[[topic]]".into(),
            table.span().unwrap_or(0..0),
            source,
        );
        f.reject_unknown(&["code", "name", "short", "cchc"], d);
        let code = f.integer("code", d);
        if code.is_none() && !f.has("code") {
            f.missing("code", d);
        }
        let name = f.required_string("name", d);
        let short = f.string("short", d);
        let cchc = f.bool("cchc", d);
        let (Some(code), Some(name)) = (code, name) else {
            continue;
        };
        let Some(number) = u32::try_from(code.value)
            .ok()
            .filter(|c| (1..=MAX_TOPIC_CODE).contains(&i64::from(*c)))
        else {
            d.error(f.at(code.span), Problem::BadTopicCode { code: code.value });
            continue;
        };
        if topics.contains_key(&number) {
            d.error(
                f.at(code.span),
                Problem::DuplicateTopic { code: code.value },
            );
            continue;
        }
        topics.insert(
            number,
            Topic {
                code: number,
                short: short.map_or_else(|| name.value.clone(), |s| s.value),
                name: name.value,
                cchc: cchc.map_or_else(|| Topic::cchc_by_default(number), |c| c.value),
            },
        );
    }
    topics
}
