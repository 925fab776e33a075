//! `loa` speaks Vietnamese to the technician and the officer: the real
//! binary run through the main paths and error cases of `loa schedule`,
//! `loa report`, `loa export`, `loa play` and `loa devices` with
//! `LOA_LANG=vi` (and with no locale at all, as a station's service runs)
//! prints no line made of untranslated English words; with `LOA_LANG=en`
//! it prints the English. The Vietnamese output is kept as golden files
//! under `tests/golden/` for review (`LOA_BLESS=1` rewrites them).

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{PLAYLIST, STATION, StationDir, stderr, stdout};

/// English words that give away an untranslated sentence.
const ENGLISH_WORDS: &[&str] = &[
    "the",
    "is",
    "not",
    "a",
    "an",
    "of",
    "to",
    "and",
    "or",
    "must",
    "error",
    "warning",
    "help",
    "file",
    "slot",
    "playlist",
    "found",
    "missing",
    "invalid",
    "unknown",
    "twice",
    "listed",
    "with",
    "run",
    "no",
    "nothing",
    "cannot",
    "could",
    "wrote",
    "for",
    "from",
    "in",
    "on",
    "at",
    "by",
    "max",
    "segment",
    "segments",
    "airing",
    "aired",
    "relay",
    "stream",
    "fallback",
    "caused",
    "period",
    "report",
    "station",
    "stations",
    "verified",
    "counted",
    "checkpoint",
    "records",
    "device",
    "output",
    "audio",
    "sound",
    "card",
    "daemon",
    "queued",
    "announcement",
    "interrupted",
    "failed",
    "completed",
    "missed",
    "shutdown",
    "silence",
    "while",
    "away",
    "scheduled",
    "next",
    "say",
    "which",
    "format",
    "workbook",
    "needs",
    "add",
    "here",
    "also",
    "plays",
    "records",
    "named",
    "there",
    "are",
    "slots",
];

/// The words of `line` outside backticks and double quotes (values and
/// code the user wrote stay as written).
fn prose_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let (mut in_code, mut in_quote) = (false, false);
    let mut word = String::new();
    for c in line.chars() {
        match c {
            '`' => in_code = !in_code,
            '"' => in_quote = !in_quote,
            _ if !in_code && !in_quote && c.is_alphabetic() => word.push(c),
            _ => {}
        }
        if !c.is_alphabetic() && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Fails when a line of `text`, once the user's own data (`echoed`: names,
/// titles, paths the program repeats back) is taken out, holds English.
fn assert_no_english(text: &str, echoed: &[&str]) {
    for line in text.lines() {
        let mut prose = line.to_string();
        for data in echoed {
            prose = prose.replace(data, " ");
        }
        let english: Vec<String> = prose_words(&prose)
            .into_iter()
            .filter(|w| ENGLISH_WORDS.contains(&w.to_lowercase().as_str()))
            .collect();
        assert!(
            english.is_empty(),
            "untranslated {english:?} in: {line}\n{text}"
        );
    }
}

/// Compares `text` with `tests/golden/{name}`; `LOA_BLESS=1` rewrites it.
fn assert_golden(name: &str, text: &str) {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("LOA_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().expect("folder")).expect("mkdir");
        std::fs::write(&golden, text).expect("write golden");
    }
    let expected = std::fs::read_to_string(&golden)
        .unwrap_or_else(|e| panic!("{}: {e} (LOA_BLESS=1 writes it)", golden.display()));
    assert_eq!(text, expected, "LOA_BLESS=1 rewrites {}", golden.display());
}

/// Which language a run asks for.
#[derive(Clone, Copy)]
enum Lang {
    /// `LOA_LANG=vi`.
    Vi,
    /// No `LOA_LANG` and no locale: a station's service.
    NoLocale,
    /// `LOA_LANG=en`.
    En,
}

/// Runs the real `loa` with `args` in `dir`, in `lang`.
fn loa_in(lang: Lang, dir: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    match lang {
        Lang::Vi => command.env("LOA_LANG", "vi"),
        Lang::NoLocale => command.env_remove("LOA_LANG"),
        Lang::En => command.env("LOA_LANG", "en"),
    };
    command.output().expect("run loa")
}

/// Standard output then standard error, the station's folder as `STATION`.
fn both(output: &Output, root: &Path) -> String {
    format!("{}{}", stdout(output), stderr(output)).replace(&root.display().to_string(), "STATION")
}

/// A station with a morning playlist slot and two relay slots (one with a
/// fallback, one without), on Vietnam's time.
fn schedule_station() -> StationDir {
    let station = STATION.replace(
        "[station]\n",
        "[station]\ntimezone = \"Asia/Ho_Chi_Minh\"\n",
    ) + r#"
[[slot]]
name = "tiep-song"
title = "Tiếp sóng đài tỉnh"
at = ["18:00"]
relay = "http://radio.example.vn/tinh.mp3"
fallback = "cchc"
max = "30m"

[[slot]]
name = "thoi-su"
at = ["19:00"]
days = ["T7"]
relay = "http://radio.example.vn/vov1.mp3"
max = "1h"
"#;
    StationDir::with(&station, PLAYLIST)
}

/// What the schedule repeats of the station's own config.
const SCHEDULE_DATA: &[&str] = &[
    "Ý nghĩa cải cách hành chính",
    "Thành tựu của tỉnh",
    "cchc/01.wav",
    "cchc/02.wav",
    "http://radio.example.vn/tinh.mp3",
    "http://radio.example.vn/vov1.mp3",
];

fn schedule(lang: Lang, s: &StationDir, extra: &[&str]) -> (Output, String) {
    let config = s.config();
    let mut args = vec!["schedule", "-c", config.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    let output = loa_in(lang, s.root(), &args);
    let text = both(&output, s.root());
    (output, text)
}

/// `loa schedule`: day names, totals, relays and fallbacks in Vietnamese.
#[test]
fn schedule_speaks_vietnamese() {
    let s = schedule_station();
    let (output, text) = schedule(Lang::Vi, &s, &["--from", "2026-12-03", "--days", "3"]);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Thứ Năm 2026-12-03"), "{text}");
    assert!(text.contains("Thứ Bảy 2026-12-05"), "{text}");
    assert!(
        text.contains("tiếp sóng http://radio.example.vn/tinh.mp3"),
        "{text}"
    );
    assert_no_english(&text, SCHEDULE_DATA);
    let (_, one_day) = schedule(Lang::Vi, &s, &["--from", "2026-12-03", "--days", "1"]);
    assert_eq!(
        schedule(Lang::NoLocale, &s, &["--from", "2026-12-03", "--days", "3"]).1,
        text,
        "no locale speaks Vietnamese"
    );
    assert_golden("vi-schedule.txt", &format!("{text}\n---\n{one_day}"));
}

/// `loa schedule` with `LOA_LANG=en` keeps the English words.
#[test]
fn schedule_speaks_english_when_asked() {
    let s = schedule_station();
    let (output, text) = schedule(Lang::En, &s, &["--from", "2026-12-03", "--days", "3"]);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Thursday 2026-12-03"), "{text}");
    assert!(text.contains("of max 15m"), "{text}");
    assert!(
        text.contains("no fallback: silence while the stream is away"),
        "{text}"
    );
}

/// A week with no slot on it says so in Vietnamese.
#[test]
fn an_empty_schedule_says_so_in_vietnamese() {
    let s = StationDir::with(
        &STATION.replace("at = [\"05:30\"]", "at = [\"05:30\"]\ndays = [\"CN\"]"),
        PLAYLIST,
    );
    let (output, text) = schedule(Lang::Vi, &s, &["--from", "2026-12-03", "--days", "2"]);
    assert!(output.status.success(), "{text}");
    assert_eq!(text, "không có buổi phát nào trong khoảng thời gian này\n");
    let (_, english) = schedule(Lang::En, &s, &["--from", "2026-12-03", "--days", "2"]);
    assert_eq!(english, "nothing scheduled in this range\n");
}
