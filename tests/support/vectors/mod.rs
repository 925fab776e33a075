//! The airing log's conformance vectors (`tests/vectors/airlog/`): what a
//! case is, and writing one. [`cases::all`] makes every case from fixed keys,
//! nonces and times, so making them again gives the same bytes.

#![allow(dead_code)]

pub mod bundle;
pub mod cases;
pub mod chain;

use std::path::Path;

/// The folder of the committed vectors.
pub const VECTORS: &str = "tests/vectors/airlog";

/// One conformance case: its files and the verdict it must get.
#[derive(Debug, Clone)]
pub struct Case {
    /// The folder name: what it is about, in a few words.
    pub name: String,
    /// Files relative to the case's folder, with their bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// What `loa verify` (and any verifier) must say.
    pub expected: Expected,
}

/// `expected.json`.
#[derive(Debug, Clone)]
pub struct Expected {
    /// The path to verify, relative to the case's folder.
    pub input: String,
    /// `.pub` files to give as filed keys.
    pub pubkeys: Vec<String>,
    /// Held checkpoint files (or earlier bundles) to give.
    pub checkpoints: Vec<String>,
    /// `ok`, `invalid` or `refused`.
    pub verdict: &'static str,
    /// The problem code `loa verify --json` gives (§7, problem codes).
    pub problem: Option<&'static str>,
    /// For `bad_line`, its detail code.
    pub detail: Option<&'static str>,
    /// How many logs the input holds (verdicts printed), for `ok`/`invalid`.
    pub logs: usize,
    /// The section of `docs/airlog.md` that decides the case.
    pub section: &'static str,
    /// Why, in a sentence.
    pub note: String,
}

impl Expected {
    /// An expected verdict on `input` alone (one log).
    pub fn new(input: &str, verdict: &'static str, section: &'static str, note: &str) -> Self {
        Self {
            input: input.to_string(),
            pubkeys: Vec::new(),
            checkpoints: Vec::new(),
            verdict,
            problem: None,
            detail: None,
            logs: 1,
            section,
            note: note.to_string(),
        }
    }

    /// `expected.json`'s bytes.
    pub fn to_json(&self) -> Vec<u8> {
        let value = serde_json::json!({
            "input": self.input,
            "pubkeys": self.pubkeys,
            "checkpoints": self.checkpoints,
            "verdict": self.verdict,
            "problem": self.problem,
            "detail": self.detail,
            "logs": self.logs,
            "section": self.section,
            "note": self.note,
        });
        let mut bytes = serde_json::to_vec_pretty(&value).expect("JSON");
        bytes.push(b'\n');
        bytes
    }
}

/// Writes `case` under `root` (its folder is replaced).
pub fn write_case(root: &Path, case: &Case) -> std::io::Result<()> {
    let dir = root.join(&case.name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    for (name, bytes) in &case.files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("expected.json"), case.expected.to_json())
}
