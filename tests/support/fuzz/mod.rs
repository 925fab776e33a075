//! Stable-toolchain fuzzing: inputs mutated from a seed corpus of real
//! files (the `cargo fuzz` corpus under `fuzz/corpus/<target>/`), run
//! through the same harness as the `cargo fuzz` targets ([`cases`]), with
//! proptest's runner (its failures are saved beside the test as
//! `*.proptest-regressions` and replayed first on every later run).
//!
//! `LOA_FUZZ_CASES` sets the number of cases per target (CI: 40 to 300);
//! `scripts/test-fuzz` runs 100,000.

#![allow(dead_code)]

pub mod cases;

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};

/// The longest one case may take before the run counts as a hang.
pub const CASE_LIMIT: Duration = Duration::from_secs(10);

/// Pieces that mean something to the parsers, spliced in whole.
pub const TOKENS: &[&str] = &[
    "[station]\n",
    "[[slot]]\n",
    "[[segment]]\n",
    "[[topic]]\n",
    " = ",
    "\"",
    "'''",
    "\"\"\"",
    "\n",
    "\r\n",
    "#",
    "name = \"x\"\n",
    "at = [\"05:30\"]\n",
    "at = [\"23:59:59\", \"00:00\"]\n",
    "cron = \"* * * * * *\"\n",
    "cron = \"0 0 0 31 2 *\"\n",
    "cron = \"0 30 5 * * Mon-Sat\"\n",
    "max = \"0s\"\n",
    "max = \"99999999999999h\"\n",
    "grace = \"18446744073709551615s\"\n",
    "count = -1\n",
    "count = 9223372036854775807\n",
    "topic = 4294967296\n",
    "topic = -1\n",
    "from = 0001-01-01\n",
    "until = 9999-12-31\n",
    "from = 2026-02-30\n",
    "timezone = \"Asia/Ho_Chi_Minh\"\n",
    "timezone = \"America/New_York\"\n",
    "timezone = \"\"\n",
    "file = \"../../etc/passwd\"\n",
    "file = \"/etc/passwd\"\n",
    "file = \"cchc/01.wav\"\n",
    "file = \"cchc/\"\n",
    "playlist = \"folder\"\n",
    "days = [\"mon\", \"sun\"]\n",
    "order = \"shuffle\"\n",
    "order = \"rotate\"\n",
    "require_approval = true\n",
    "id = \"a/b/c\"\n",
    "language = \"km\"\n",
    "Đường dây nóng",
    "e\u{0301}",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "1979-05-27T07:32:00Z",
    "inf",
    "nan",
    "{ a = 1 }",
    "[1, 2, [3]]",
    "{\"body\":",
    ",\"hash\":\"",
    ",\"sig\":\"",
    "\"data\":{",
    "\"kind\":\"airing_end\"",
    "\"seq\":18446744073709551615",
    "\"at\":\"2021-03-01T22:30:00.000000Z\"",
    "\"prev\":\"0000000000000000000000000000000000000000000000000000000000000000\"",
    "\\u0000",
    "\\ud800",
    "null",
    "1e999",
    "-0",
    "}",
    "]",
];

/// One change to an input.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Overwrite one byte.
    Set(usize, u8),
    /// Insert random bytes.
    Insert(usize, Vec<u8>),
    /// Insert a [`TOKENS`] entry.
    Token(usize, usize),
    /// Remove a run of bytes.
    Remove(usize, usize),
    /// Cut the input short.
    Truncate(usize),
    /// Repeat a run of bytes a few times where it is.
    Repeat(usize, usize, usize),
    /// Copy a run of another seed in.
    Splice(usize, usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Set(at, b)),
        2 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..24))
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        4 => (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Mutation::Token(at, t)),
        2 => (any::<usize>(), 1usize..200).prop_map(|(at, n)| Mutation::Remove(at, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), 1usize..64, 1usize..8)
            .prop_map(|(at, len, times)| Mutation::Repeat(at, len, times)),
        2 => (any::<usize>(), any::<usize>(), 1usize..200, any::<usize>())
            .prop_map(|(seed, from, len, at)| Mutation::Splice(seed, from, len, at)),
    ]
}

/// Applies `mutation` to `bytes` (positions wrap around the length).
pub fn apply(bytes: &mut Vec<u8>, mutation: &Mutation, seeds: &[Vec<u8>]) {
    let len = bytes.len();
    let at = |i: usize| i % (len + 1);
    match mutation {
        Mutation::Set(i, b) => {
            if len > 0 {
                bytes[i % len] = *b;
            }
        }
        Mutation::Insert(i, new) => {
            let i = at(*i);
            bytes.splice(i..i, new.iter().copied());
        }
        Mutation::Token(i, t) => {
            let i = at(*i);
            bytes.splice(i..i, TOKENS[*t].bytes());
        }
        Mutation::Remove(i, n) => {
            let i = at(*i);
            let end = (i + n).min(len);
            bytes.drain(i..end);
        }
        Mutation::Truncate(i) => bytes.truncate(at(*i)),
        Mutation::Repeat(i, n, times) => {
            let i = at(*i);
            let end = (i + n).min(len);
            let run = bytes[i..end].to_vec();
            for _ in 0..*times {
                bytes.splice(end..end, run.iter().copied());
            }
        }
        Mutation::Splice(seed, from, n, i) => {
            let Some(other) = seeds.get(seed % seeds.len().max(1)) else {
                return;
            };
            let from = from % (other.len() + 1);
            let end = (from + n).min(other.len());
            let i = at(*i);
            bytes.splice(i..i, other[from..end].iter().copied());
        }
    }
}

/// The seed corpus of a `cargo fuzz` target: `fuzz/corpus/<target>/*`.
pub fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read(p).expect("seed"))
        .collect()
}

/// How many cases each target runs: `LOA_FUZZ_CASES`, or `ci_default`.
pub fn case_count(ci_default: u32) -> u32 {
    std::env::var("LOA_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ci_default)
}

/// Runs `case` on [`case_count`] inputs (`ci_default` in CI), each a seed with up to eight
/// mutations; fails on a panic or a case slower than [`CASE_LIMIT`].
/// Prints the figures for docs/reliability.md.
pub fn fuzz(
    name: &str,
    source_file: &'static str,
    ci_default: u32,
    seeds: &[Vec<u8>],
    case: impl Fn(&[u8]),
) {
    let cases = case_count(ci_default);
    let config = Config {
        cases,
        source_file: Some(source_file),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        max_shrink_iters: 2_000,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = (0..seeds.len(), proptest::collection::vec(mutation(), 0..8));
    let started = Instant::now();
    let slowest = std::cell::Cell::new(Duration::ZERO);
    let largest = std::cell::Cell::new(0usize);
    let result = runner.run(&strategy, |(seed, mutations)| {
        let mut input = seeds[seed].clone();
        for m in &mutations {
            apply(&mut input, m, seeds);
        }
        largest.set(largest.get().max(input.len()));
        let began = Instant::now();
        case(&input);
        let took = began.elapsed();
        slowest.set(slowest.get().max(took));
        prop_assert!(took < CASE_LIMIT, "a case took {took:?}: a hang");
        Ok(())
    });
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
    println!(
        "fuzz {name}: {cases} cases from {} seeds in {:.1?}, no panic, slowest case {:.1?}, \
         largest input {} bytes, peak RSS of the test process {} kB",
        seeds.len(),
        started.elapsed(),
        slowest.get(),
        largest.get(),
        peak_rss_kb()
    );
}

/// The process's peak resident memory (VmHWM), in kB: a case that
/// allocated without bound would show here.
pub fn peak_rss_kb() -> u64 {
    status_kb("VmHWM:")
}

/// A memory figure of this process from `/proc/self/status`, in kB
/// (`field` as written there, with its colon: `VmHWM:`, `VmPeak:`).
pub fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
