//! One station's verdict as machine output: what `loa verify --json`
//! prints and what reports embed. English codes, whatever the language;
//! `message` is the problem in words, in the reader's language.

use serde_json::{Value, json};

use super::verdict::{ProblemKind, StationVerdict};
use crate::airlog::time::format_instant;

/// One station's verdict as `loa verify --json` prints it (reports embed
/// it too).
pub fn verdict_json(verdict: &StationVerdict) -> Value {
    let problems: Vec<Value> = verdict
        .problems
        .iter()
        .map(|p| {
            json!({
                "file": p.file,
                "line": p.line,
                "seq": p.seq,
                "kind": p.kind.code(),
                "detail": match &p.kind {
                    ProblemKind::BadLine(error) => Some(error.code()),
                    _ => None,
                },
                "message": p.kind.to_string(),
            })
        })
        .collect();
    let keys: Vec<Value> = verdict
        .keys
        .iter()
        .map(|(from_seq, key)| {
            json!({
                "from_seq": from_seq,
                "public_key": key.to_base64(),
                "fingerprint": key.fingerprint(),
            })
        })
        .collect();
    let held: Vec<Value> = verdict
        .held_checkpoints
        .iter()
        .map(|(seq, found)| json!({ "seq": seq, "found": found }))
        .collect();
    json!({
        "path": verdict.label,
        "station": verdict.station,
        "ok": verdict.is_ok(),
        "records": verdict.records,
        "first_seq": verdict.first_seq,
        "last_seq": verdict.head.map(|(seq, _)| seq),
        "head": verdict.head.map(|(_, hash)| hash.to_hex()),
        "period": verdict.period.map(|(from, to)| json!({
            "from": format_instant(from),
            "to": format_instant(to),
        })),
        "signatures_checked": verdict.signatures_checked,
        "origin": if verdict.origin_checked { "filed_key" } else { "not_checked" },
        "keys": keys,
        "last_checkpoint": verdict.last_checkpoint.map(|(seq, at)| json!({
            "seq": seq,
            "at": format_instant(at),
        })),
        "held_checkpoints": held,
        "problems": problems,
        "more_problems": verdict.more_problems,
    })
}
