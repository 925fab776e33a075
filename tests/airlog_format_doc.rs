//! `docs/airlog.md` specifies the format; its example log must verify, and
//! the example's fields must be what the document says they are.

#[path = "support/airlog/mod.rs"]
mod common;

use common::*;
use loa::airlog::Sha256Hash;
use loa::airlog::codec::check_line;
use loa::airlog::key::PublicKey;

fn example_lines() -> Vec<String> {
    let doc = include_str!("../docs/airlog.md");
    let block = doc
        .split("```jsonl\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("an example block in docs/airlog.md");
    block.lines().map(str::to_string).collect()
}

#[test]
fn the_documented_example_verifies() {
    let lines = example_lines();
    assert_eq!(lines.len(), 2);
    let dir = tempfile::tempdir().unwrap();
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join("air-2021-03.jsonl"), text).unwrap();
    let verdict = verify_dir(dir.path());
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    assert_eq!(verdict.keys, vec![(0, PublicKey::of(&key(1)))]);
}

#[test]
fn the_documented_hash_is_sha256_of_the_tag_and_the_body_bytes() {
    for line in example_lines() {
        let checked = check_line(line.as_bytes()).unwrap();
        let body_start = "{\"body\":".len();
        let body = &line.as_bytes()[body_start..line.len() - 172];
        let mut tagged = b"loa-airlog-record-v1\n".to_vec();
        tagged.extend_from_slice(body);
        assert_eq!(checked.hash(), Sha256Hash::of_bytes(&tagged));
    }
}
