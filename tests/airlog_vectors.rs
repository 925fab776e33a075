//! The airing log's conformance vectors (`tests/vectors/airlog/`, see its
//! README): `loa verify --json` and `loa verify --strict --json` must each
//! give every vector its expected verdict, and both the same output, on
//! every run. The vectors are made by committed code
//! ([`vectors_support::cases`]); `regenerate_vectors` writes them again, and
//! `the_committed_vectors_are_what_the_generator_makes` fails when they
//! drift.

#[path = "support/vectors/mod.rs"]
mod vectors_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use vectors_support::{VECTORS, cases, write_case};

fn vectors_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(VECTORS)
}

/// The case folders, in name order.
fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(vectors_root())
        .expect("tests/vectors/airlog")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// What one run of `loa verify` said.
#[derive(Debug, PartialEq)]
struct Run {
    status: Option<i32>,
    stdout: String,
}

fn run(dir: &Path, expected: &Value, strict: bool) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command.current_dir(dir).arg("verify").arg("--json");
    if strict {
        command.arg("--strict");
    }
    for key in strings(&expected["pubkeys"]) {
        command.arg("--pubkey").arg(key);
    }
    for checkpoint in strings(&expected["checkpoints"]) {
        command.arg("--checkpoint").arg(checkpoint);
    }
    command.arg(expected["input"].as_str().expect("input"));
    let output = command.output().expect("loa runs");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `run` is the verdict `expected` asks for; why not, if not.
fn judge(run: &Run, expected: &Value) -> Result<(), String> {
    let verdict = expected["verdict"].as_str().unwrap_or_default();
    let want_status = match verdict {
        "ok" => 0,
        "invalid" => 1,
        _ => 2,
    };
    if run.status != Some(want_status) {
        return Err(format!(
            "exit status {:?}, expected {want_status}",
            run.status
        ));
    }
    if verdict == "refused" {
        return Ok(());
    }
    let objects: Vec<Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).map_err(|e| format!("{e}: {line}")))
        .collect::<Result<_, _>>()?;
    let logs = objects.iter().filter(|o| o.get("path").is_some()).count();
    if Some(logs as u64) != expected["logs"].as_u64() {
        return Err(format!(
            "{logs} logs verified, expected {}",
            expected["logs"]
        ));
    }
    let problems: Vec<&Value> = objects
        .iter()
        .flat_map(|o| match o.get("problems").and_then(Value::as_array) {
            Some(problems) => problems.iter().collect(),
            None => vec![o],
        })
        .collect();
    match verdict {
        "ok" if problems.is_empty() && objects.iter().all(|o| o["ok"] == true) => Ok(()),
        "ok" => Err("problems found in a valid case".into()),
        _ => {
            let found = problems.iter().any(|p| {
                p["kind"] == expected["problem"]
                    && (expected["detail"].is_null() || p["detail"] == expected["detail"])
            });
            if found {
                Ok(())
            } else {
                Err(format!(
                    "no problem {} (detail {}) among those found",
                    expected["problem"], expected["detail"]
                ))
            }
        }
    }
}

/// Every vector, both ways: the expected verdict, and the same output from
/// batch and single signature checks. The ZIP 215 vectors run several times:
/// a verdict must not depend on the batch's random weights.
#[test]
fn every_vector_gets_its_verdict_from_loa_verify_and_loa_verify_strict() {
    let dirs = case_dirs();
    assert!(dirs.len() >= 100, "only {} vectors", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        let text = std::fs::read_to_string(dir.join("expected.json")).expect("expected.json");
        let expected: Value = serde_json::from_str(&text).expect("expected.json is JSON");
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        let runs = if name.starts_with("zip215") { 8 } else { 1 };
        for _ in 0..runs {
            let batch = run(dir, &expected, false);
            let strict = run(dir, &expected, true);
            if let Err(why) = judge(&batch, &expected) {
                failures.push(format!("{name}: loa verify: {why}\n{}", batch.stdout));
            }
            if batch != strict {
                failures.push(format!(
                    "{name}: --strict differs:\n{}\n{}",
                    batch.stdout, strict.stdout
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The committed vectors are exactly what the generator makes now: no
/// case missing, stale or extra, byte for byte (which also shows that
/// making them is deterministic).
#[test]
fn the_committed_vectors_are_what_the_generator_makes() {
    let fresh = tempfile::tempdir().expect("a temporary folder");
    let cases = cases::all();
    for case in &cases {
        write_case(fresh.path(), case).expect("written");
    }
    let mut names: Vec<String> = cases.iter().map(|c| c.name.clone()).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "two cases share a name");
    let committed: Vec<String> = case_dirs()
        .iter()
        .map(|d| {
            d.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        committed, names,
        "run: cargo test --test airlog_vectors -- --ignored regenerate_vectors"
    );
    for name in &names {
        let made = files_under(&fresh.path().join(name));
        let kept = files_under(&vectors_root().join(name));
        assert_eq!(made, kept, "{name} differs from what the generator makes");
    }
}

fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(here) = stack.pop() {
        for entry in std::fs::read_dir(&here).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside").to_path_buf();
                found.push((relative, std::fs::read(&path).expect("readable")));
            }
        }
    }
    found.sort();
    found
}

/// Writes the vectors again (after a change to the generator or the
/// format): `cargo test --test airlog_vectors -- --ignored regenerate_vectors`.
#[test]
#[ignore = "writes tests/vectors/airlog; run on purpose"]
fn regenerate_vectors() {
    let root = vectors_root();
    for dir in case_dirs() {
        std::fs::remove_dir_all(dir).expect("removed");
    }
    for case in cases::all() {
        write_case(&root, &case).expect("written");
    }
}
