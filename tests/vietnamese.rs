//! `loa` speaks Vietnamese to the technician and the officer: the real
//! binary run through the main paths and error cases of `loa schedule`,
//! `loa report`, `loa export`, `loa play` and `loa devices` with
//! `LOA_LANG=vi` (and with no locale at all, as a station's service runs)
//! prints no line made of untranslated English words; with `LOA_LANG=en`
//! it prints the English. The Vietnamese output is kept as golden files
//! under `tests/golden/` for review (`LOA_BLESS=1` rewrites them).

#[path = "support/airlog/mod.rs"]
mod airlog_common;
#[path = "support/common/mod.rs"]
mod common;
#[path = "support/report/mod.rs"]
mod report_common;
// report_common keeps its runner private; this test needs the plan made
// before the audio goes missing, so it runs the daemon itself.
#[allow(clippy::duplicate_mod)]
#[path = "support/simulated/mod.rs"]
mod simulated_support;

use std::path::Path;
use std::process::{Command, Output};

use common::{PLAYLIST, STATION, StationDir, stderr, stdout};

include!("support/common/english_words.rs");

/// Fails when a line of `text`, once the user's own data (`echoed`: names,
/// titles, paths the program repeats back) is taken out, holds English.
fn assert_no_english(text: &str, echoed: &[&str]) {
    for line in text.lines() {
        let mut prose = line.to_string();
        for data in echoed {
            prose = prose.replace(data, " ");
        }
        let english: Vec<String> = common::prose_words(&prose)
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

/// The bundled station after a simulated day on which every segment of
/// playlist `cchc` went missing after the plan was made: its morning and
/// afternoon airings failed ("file missing" in the log).
fn station_with_failed_airings() -> report_common::Station {
    let station = report_common::Station::new("soc-trang/my-xuyen/thanh-phu", 7);
    let plan = loa::commands::station::load_station(&station.config())
        .plan
        .expect("the bundled station is valid");
    std::fs::remove_dir_all(station.root().join("playlists/cchc")).expect("remove cchc audio");
    let clock = loa::clock::SimulatedClock::new(report_common::local(2026, 12, 3, 0))
        .with_max_sleep(std::time::Duration::from_secs(60));
    simulated_support::run_daemon_until(&plan, &clock, report_common::local(2026, 12, 4, 0));
    station
}

/// What the report's documents repeat of the station and the log.
const REPORT_DATA: &[&str] = &["soc-trang/my-xuyen/thanh-phu", "sang", "chieu"];

fn report(lang: Lang, station: &report_common::Station, extra: &[&str]) -> (Output, String) {
    let config = station.config();
    let mut args = vec!["report", "-c", config.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    let output = loa_in(lang, station.root(), &args);
    let text = both(&output, station.root());
    (output, text)
}

/// `loa report`: the reasons the log gives in English are Vietnamese in
/// the report (and its note on standard error too); `--json` keeps them.
#[test]
fn report_reasons_are_vietnamese() {
    let station = station_with_failed_airings();
    let view = [
        "--period",
        "2026-12",
        "--format",
        "csv",
        "--view",
        "not-aired",
    ];
    let (output, text) = report(Lang::Vi, &station, &view);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("Phát lỗi,thiếu tệp,2"), "{text}");
    assert!(!text.contains("file missing"), "{text}");
    assert_no_english(&text, REPORT_DATA);
    let airings = [
        "--period", "2026-12", "--format", "csv", "--view", "airings",
    ];
    let (_, rows) = report(Lang::Vi, &station, &airings);
    assert!(rows.contains("Phát lỗi,thiếu tệp"), "{rows}");
    // The document is Vietnamese whatever the language; the note follows it.
    let (_, english) = report(Lang::En, &station, &view);
    assert!(english.contains("Phát lỗi,thiếu tệp,2"), "{english}");
    assert!(
        english.contains("1 of 1 stations verified and counted"),
        "{english}"
    );
    let (_, json) = report(
        Lang::Vi,
        &station,
        &["--period", "2026-12", "--format", "json"],
    );
    assert!(json.contains("\"file missing\""), "{json}");
    assert_golden("vi-report.txt", &text);
}

/// `loa report`'s errors, in Vietnamese and in English.
#[test]
fn report_errors_speak_vietnamese() {
    let station = report_common::Station::new("soc-trang/my-xuyen/thanh-phu", 7);
    let empty = tempfile::tempdir().expect("temp dir");
    let empty = empty.path().to_str().expect("utf-8 path");
    let cases: [&[&str]; 5] = [
        &["--period", "2026-H3", "--format", "csv"],
        &["--period", "2026-12"],
        &["--period", "2026-12", "--format", "xlsx"],
        &["--period", "2026-12", "--format", "csv", empty],
        &[
            "--period", "2026-12", "--cutoff", "official", "--format", "csv",
        ],
    ];
    let mut golden = String::new();
    for args in cases {
        let (output, text) = report(Lang::Vi, &station, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {text}");
        let text = text.replace(empty, "EMPTY");
        assert!(text.starts_with("lỗi: "), "{text}");
        assert_no_english(&text, &["EMPTY"]);
        golden.push_str(&text);
        let (_, english) = report(Lang::En, &station, args);
        assert!(english.starts_with("error: "), "{english}");
        assert_ne!(english.replace(empty, "EMPTY"), text);
    }
    assert_golden("vi-report-errors.txt", &golden);
}

/// `loa export`: what it wrote, the checkpoint and the verdict, in
/// Vietnamese; with `LOA_LANG=en`, in English.
#[test]
fn export_speaks_vietnamese() {
    let station = station_with_failed_airings();
    let config = station.config();
    let config = config.to_str().expect("utf-8 path");
    let export = |lang: Lang, name: &str| {
        let args = [
            "export",
            "-c",
            config,
            "--period",
            "2026-12",
            "-o",
            name,
            "--now",
            "2026-12-05T00:00:00Z",
        ];
        let output = loa_in(lang, station.root(), &args);
        (output.status.success(), both(&output, station.root()))
    };
    let (ok, text) = export(Lang::Vi, "vi.tar");
    assert!(ok, "{text}");
    assert!(text.contains("xác minh:  nguyên vẹn"), "{text}");
    assert_no_english(&text, &["soc-trang/my-xuyen/thanh-phu", "vi.tar"]);
    let (ok, english) = export(Lang::En, "en.tar");
    assert!(ok, "{english}");
    assert!(english.contains("verified:   OK"), "{english}");
    assert_golden("vi-export.txt", &text);
}

/// `loa play`'s errors (unknown slot, no daemon for `--now`) in
/// Vietnamese and in English.
#[test]
fn play_errors_speak_vietnamese() {
    let s = StationDir::new();
    let config = s.config();
    let config = config.to_str().expect("utf-8 path");
    let cases: [&[&str]; 2] = [
        &["play", "toi", "-c", config],
        &["play", "--now", "cchc", "-c", config],
    ];
    let mut golden = String::new();
    for args in cases {
        let output = loa_in(Lang::Vi, s.root(), args);
        let text = both(&output, s.root());
        assert!(!output.status.success(), "{text}");
        assert!(text.starts_with("lỗi: "), "{text}");
        assert_no_english(&text, &["STATION/config/../var/loa.sock"]);
        golden.push_str(&text);
        let english = both(&loa_in(Lang::En, s.root(), args), s.root());
        assert!(english.starts_with("error: "), "{english}");
    }
    assert!(
        golden.contains("không có khung giờ nào tên \"toi\""),
        "{golden}"
    );
    assert_golden("vi-play-errors.txt", &golden);
}

/// `loa play` of a slot to the null output: its outcome line is
/// Vietnamese (six seconds of real time).
#[test]
fn play_outcome_speaks_vietnamese() {
    let s = StationDir::new();
    let config = s.config();
    let args = [
        "play",
        "sang",
        "--output",
        "null",
        "-c",
        config.to_str().expect("utf-8 path"),
    ];
    let output = loa_in(Lang::Vi, s.root(), &args);
    let text = stdout(&output);
    assert!(output.status.success(), "{text}{}", stderr(&output));
    assert!(
        text.contains(
            "đã phát trọn vẹn; đã phát 6s, đã ghi vào nhật ký phát sóng là phát thủ công"
        ),
        "{text}"
    );
    assert_no_english(&text, &["sang"]);
}

/// `loa devices`: the heading and the note on the outputs that are not
/// devices are Vietnamese (the devices' own descriptions are ALSA's).
#[test]
fn devices_speaks_vietnamese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = loa_in(Lang::Vi, dir.path(), &["devices"]);
    let text = both(&output, dir.path());
    let ours: Vec<&str> = text.lines().filter(|l| !l.starts_with("  ")).collect();
    // A machine with outputs lists them under a heading; one with none
    // (as CI's) says so.
    assert!(
        ours.iter().any(|l| l.starts_with("Các thiết bị âm thanh")
            || l.starts_with("Máy này không có đầu ra âm thanh nào")),
        "{text}"
    );
    assert_no_english(&ours.join("\n"), &[]);
    let english = both(&loa_in(Lang::En, dir.path(), &["devices"]), dir.path());
    assert!(
        english.contains("Audio outputs") || english.contains("No audio output on this machine"),
        "{english}"
    );
}

/// Every command of `loa`, as a user types it before `--help`.
const COMMANDS: &[&[&str]] = &[
    &[],
    &["check"],
    &["run"],
    &["play"],
    &["schedule"],
    &["status"],
    &["key"],
    &["key", "generate"],
    &["key", "show"],
    &["key", "rotate"],
    &["log"],
    &["verify"],
    &["report"],
    &["export"],
    &["hub"],
    &["hub", "user"],
    &["hub", "user", "add"],
    &["devices"],
    &["output-worker"],
];

/// What `--help` names as the user types it: commands and the values
/// options take (and the views of `--view`).
const HELP_NAMES: &[&str] = &[
    "loa",
    "check",
    "run",
    "play",
    "schedule",
    "status",
    "key",
    "generate",
    "show",
    "rotate",
    "log",
    "verify",
    "report",
    "export",
    "hub",
    "user",
    "add",
    "devices",
    "help",
    "output-worker",
    "normal",
    "priority",
    "emergency",
    "calendar",
    "official",
    "xlsx",
    "csv",
    "json",
    "html",
];

/// The words of a help text a reader reads as prose: options (`-c`,
/// `--config`) and the names in [`HELP_NAMES`] taken out.
fn help_prose(text: &str) -> String {
    let prose = text.lines().map(|line| {
        line.split(|c: char| c.is_whitespace() || c == '|')
            .filter(|token| {
                let bare = token.trim_matches(|c: char| ",.:;[]<>()'".contains(c));
                let view = loa::report::views::VIEW_NAMES.contains(&bare);
                !bare.starts_with('-') && !HELP_NAMES.contains(&bare) && !view
            })
            .collect::<Vec<_>>()
            .join(" ")
    });
    prose.collect::<Vec<_>>().join("\n")
}

/// `-h` then `--help` of every command, in `lang`.
fn every_help(lang: Lang) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut out = String::new();
    for command in COMMANDS {
        for flag in ["-h", "--help"] {
            let mut args = command.to_vec();
            args.push(flag);
            let output = loa_in(lang, dir.path(), &args);
            assert!(output.status.success(), "{args:?}: {}", stderr(&output));
            out.push_str(&format!(
                "$ loa {}\n{}\n",
                args.join(" "),
                both(&output, dir.path())
            ));
        }
    }
    out
}

/// `--help` of every command and option is Vietnamese, clap's own words
/// ("Usage", "Options", "Print help", "[default: …]") too.
#[test]
fn help_speaks_vietnamese() {
    let text = every_help(Lang::Vi);
    assert!(text.contains("Cách dùng: loa check [TÙY-CHỌN]"), "{text}");
    assert!(text.contains("[mặc định: 7]"), "{text}");
    assert!(text.contains("- emergency: Ngắt ngay"), "{text}");
    for clap_word in [
        "Usage",
        "Options",
        "Commands",
        "Arguments",
        "Print",
        "default:",
    ] {
        assert!(!text.contains(clap_word), "{clap_word} in:\n{text}");
    }
    assert_no_english(&help_prose(&text), &[]);
    let dir = tempfile::tempdir().expect("temp dir");
    let no_locale = both(&loa_in(Lang::NoLocale, dir.path(), &["--help"]), dir.path());
    assert!(no_locale.contains("Cách dùng: loa <LỆNH>"), "{no_locale}");
    assert_golden("vi-help.txt", &text);
}

/// With `LOA_LANG=en`, `--help` is clap's English, as it was before the
/// catalogue wrote it (tests/golden/en-help.txt).
#[test]
fn help_speaks_english_when_asked() {
    let text = every_help(Lang::En);
    assert!(text.contains("Usage: loa check [OPTIONS]"), "{text}");
    assert!(
        text.contains("Print help (see more with '--help')"),
        "{text}"
    );
    assert_golden("en-help.txt", &text);
}

/// `loa help COMMAND` and a parse error still behave as clap's: the help
/// of the command, and exit status 2 for what clap refuses.
#[test]
fn help_keeps_the_parsing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let help = loa_in(Lang::Vi, dir.path(), &["help", "key", "show"]);
    assert!(help.status.success(), "{}", stderr(&help));
    assert!(
        stdout(&help).contains("Cách dùng: loa key show [TÙY-CHỌN]"),
        "{}",
        stdout(&help)
    );
    let wrong = loa_in(Lang::Vi, dir.path(), &["schedule", "--days", "0"]);
    assert_eq!(wrong.status.code(), Some(2), "{}", stderr(&wrong));
    let none = loa_in(Lang::Vi, dir.path(), &[]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("Cách dùng: loa <LỆNH>"),
        "{}",
        stderr(&none)
    );
}

/// The `loa key` steps a technician takes, with `LOA_LANG` as `lang`:
/// generate, generate again (refused), show, show --out, rotate, and show
/// once the key is gone (refused). Fingerprints and keys as `KEY`.
fn key_steps(lang: Lang) -> String {
    let s = StationDir::new();
    let config = s.config();
    let config = config.to_str().expect("utf-8 path");
    let steps: [(&[&str], bool); 6] = [
        (&["key", "generate", "-c", config], true),
        (&["key", "generate", "-c", config], false),
        (&["key", "show", "-c", config], true),
        (&["key", "show", "--out", "station.pub", "-c", config], true),
        (&["key", "rotate", "-c", config], true),
        (&["key", "show", "-c", config], false),
    ];
    let mut out = String::new();
    for (n, (args, succeeds)) in steps.into_iter().enumerate() {
        if n == 5 {
            std::fs::remove_file(s.root().join("var/station.key")).expect("remove key");
        }
        let output = loa_in(lang, s.root(), args);
        let text = both(&output, s.root());
        assert_eq!(output.status.success(), succeeds, "{args:?}: {text}");
        out.push_str(&format!(
            "$ loa {}\n{text}",
            args[..args.len() - 2].join(" ")
        ));
    }
    hide_keys(&out)
}

/// `text` with every fingerprint and key (long runs of base64) as `KEY`.
fn hide_keys(text: &str) -> String {
    text.split_inclusive(|c: char| c.is_whitespace())
        .map(|word| {
            let bare = word.trim_end();
            let key = bare.len() >= 16
                && bare
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+/=:".contains(c));
            if key {
                word.replacen(bare, "KEY", 1)
            } else {
                word.to_string()
            }
        })
        .collect()
}

/// `loa key`: what it says and its refusals, in Vietnamese.
#[test]
fn key_speaks_vietnamese() {
    let text = key_steps(Lang::Vi);
    assert!(text.contains("đã tạo khóa ký của đài"), "{text}");
    assert!(text.contains("đã có khóa ký"), "{text}");
    assert!(text.contains("đã đổi khóa: KEY -> KEY"), "{text}");
    assert_no_english(&text, &["STATION/config/../var/station.key", "station.pub"]);
    assert_golden("vi-key.txt", &text);
}

/// `loa key` with `LOA_LANG=en` says what it said before the catalogue.
#[test]
fn key_speaks_english_when_asked() {
    let text = key_steps(Lang::En);
    assert!(text.contains("created the station key"), "{text}");
    assert!(
        text.contains("a key already exists; loa never overwrites a key"),
        "{text}"
    );
    assert!(text.contains("station:     "), "{text}");
    assert!(text.contains("key rotated: KEY -> KEY"), "{text}");
    assert!(
        text.contains("the station has no signing key yet"),
        "{text}"
    );
}

/// `loa log` of the day on which the morning and afternoon airings failed
/// (their audio gone), with `LOA_LANG` as `lang`.
fn log_of_failed_day(lang: Lang) -> String {
    let station = station_with_failed_airings();
    let config = station.config();
    let args = ["log", "-c", config.to_str().expect("utf-8 path")];
    let output = loa_in(lang, station.root(), &args);
    let text = both(&output, station.root());
    assert!(output.status.success(), "{text}");
    text
}

/// `loa log`: outcomes, reasons, days and segment lines in Vietnamese.
#[test]
fn log_speaks_vietnamese() {
    let text = log_of_failed_day(Lang::Vi);
    assert!(text.contains("PHÁT LỖI: thiếu tệp"), "{text}");
    assert!(text.contains("2026-12-03 T5 "), "{text}");
    // The segments' files, "  (cchc/09-chuong-trinh-tong-the.ogg)", are
    // the station's own names.
    let without_files: Vec<&str> = text
        .lines()
        .map(|line| line.split("  (").next().unwrap_or(line))
        .collect();
    assert_no_english(&without_files.join("\n"), &["sang", "chieu", " vi]"]);
    assert_golden("vi-log.txt", &text);
}

/// `loa check` of a station whose playlist names a missing, an empty and
/// a non-audio file, and whose `output =` is not one: every problem is
/// Vietnamese, the files' paths kept.
#[test]
fn check_speaks_vietnamese_about_audio_files_and_the_output() {
    let station = STATION.replace("[station]\n", "[station]\noutput = \"wav:\"\n");
    let playlist = r#"title = "Cải cách hành chính"
language = "vi"

[[segment]]
file = "cchc/01-khong-co.mp3"
title = "Ý nghĩa cải cách hành chính"
topic = 1

[[segment]]
file = "cchc/02-rong.mp3"
title = "Thành tựu của tỉnh"
topic = 2

[[segment]]
file = "cchc/03-van-ban.mp3"
title = "Thủ tục một cửa"
topic = 3
"#;
    let s = StationDir::with(&station, playlist);
    s.write("playlists/cchc/02-rong.mp3", "");
    s.write(
        "playlists/cchc/03-van-ban.mp3",
        "Kính gửi ông bà trong ấp\n",
    );
    let config = s.config();
    let args = ["check", "-c", config.to_str().expect("utf-8 path")];
    let output = loa_in(Lang::Vi, s.root(), &args);
    let text = both(&output, s.root());
    assert_eq!(output.status.code(), Some(1), "{text}");
    for said in [
        "tệp rỗng (0 byte); hãy chép lại tệp",
        "không phải tệp âm thanh ở định dạng loa phát được",
        "không tìm thấy tệp âm thanh \"cchc/01-khong-co.mp3\"",
        "output = \"wav:\"",
    ] {
        assert!(text.contains(said), "{said:?} missing in:\n{text}");
    }
    assert!(!text.contains("symphonia"), "{text}");
    // The quoted lines of the station's own files are its words.
    let prose: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_no_english(
        &prose.join("\n"),
        &[
            "STATION/config/station.toml",
            "STATION/playlists/cchc.toml",
            "STATION/playlists/cchc/02-rong.mp3",
            "STATION/playlists/cchc/03-van-ban.mp3",
            "mp3, ogg/vorbis, flac, wav",
        ],
    );
    assert_golden("vi-check-audio.txt", &text);
    let english = both(&loa_in(Lang::En, s.root(), &args), s.root());
    assert!(
        english.contains("the file is empty (0 bytes); copy it again"),
        "{english}"
    );
}

/// `loa log` of an airing whose segment was skipped (its file cannot be
/// decoded) and which then failed (the sound card busy): the log file
/// holds the English sentences, as the daemon writes them; `loa log`
/// shows them in Vietnamese with the file's path, codec and device kept.
#[test]
fn log_shows_a_skipped_segments_reason_in_vietnamese() {
    use loa::airlog::record::{AiringOutcome, RecordKind, SegmentOutcome};
    use loa::text::reason::english;

    let s = StationDir::new();
    let audio = "/srv/loa/playlists/cai-cach/ban-tin-00.mp3";
    let skipped = english(&loa::audio::AudioError::Undecodable {
        path: audio.into(),
        reason: loa::audio::Undecodable::UnsupportedCodec {
            codec: "aac".into(),
        },
    });
    let failed = english(&loa::playout::output::OutputError::Device {
        device: "hw:1,0".into(),
        failure: loa::playout::output::DeviceFailure::Busy,
    });
    let log_dir = s.root().join("var/airlog");
    let (mut log, _) = loa::airlog::AirLog::open(
        &log_dir,
        "soc-trang/my-xuyen/thanh-phu",
        airlog_common::key(1),
        airlog_common::t0(),
    )
    .expect("open the log");
    let at = airlog_common::t0() + airlog_common::minutes(1);
    let (start, mut end) = airlog_common::airing("sang", at, 2);
    if let RecordKind::AiringEnd(end) = &mut end {
        end.segments[0].outcome = SegmentOutcome::Skipped {
            reason: skipped.clone(),
        };
        end.segments[0].aired_ms = 0;
        end.segments[1].outcome = SegmentOutcome::Failed {
            reason: failed.clone(),
        };
        end.outcome = AiringOutcome::Failed {
            reason: failed.clone(),
        };
    }
    log.append(at, start).expect("append");
    log.append(at + airlog_common::minutes(10), end)
        .expect("append");
    log.stop(at + airlog_common::minutes(11)).expect("stop");

    let written: String = std::fs::read_dir(&log_dir)
        .expect("log dir")
        .map(|entry| std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default())
        .collect();
    assert!(
        written.contains("its audio is coded as aac, which loa cannot decode"),
        "{written}"
    );
    assert!(written.contains("the device is busy"), "{written}");

    let config = s.config();
    let args = [
        "log",
        "--from",
        "2021-03-01",
        "--to",
        "2021-03-03",
        "-c",
        config.to_str().expect("utf-8 path"),
    ];
    let output = loa_in(Lang::Vi, s.root(), &args);
    let text = both(&output, s.root());
    assert!(output.status.success(), "{text}");
    for said in [
        "không giải mã được: âm thanh trong tệp được mã hóa bằng aac, loa không giải mã được",
        "thiết bị âm thanh \"hw:1,0\": thiết bị đang bận",
    ] {
        assert!(text.contains(said), "{said:?} missing in:\n{text}");
    }
    assert!(text.contains(audio), "{text}");
    let without_files: Vec<&str> = text
        .lines()
        .map(|line| line.split("  (").next().unwrap_or(line))
        .collect();
    assert_no_english(
        &without_files.join("\n"),
        &[audio, "sang", " vi]", "hw:1,0", "aac"],
    );
    assert_golden("vi-log-reasons.txt", &text);
}

/// `loa log` with `LOA_LANG=en` keeps its English words.
#[test]
fn log_speaks_english_when_asked() {
    let text = log_of_failed_day(Lang::En);
    assert!(text.contains("FAILED: file missing"), "{text}");
    assert!(text.contains("2026-12-03 Thu "), "{text}");
}

/// The daemon's journal: its human-readable sentences are Vietnamese, its
/// fields machine codes (`outcome=completed`). One airing of the test
/// playlist on the null output, about ten seconds of real time.
#[test]
fn the_daemons_journal_speaks_vietnamese_with_machine_codes() {
    let (_, at) = common::slot_time(std::time::Duration::from_secs(3));
    let slots =
        format!("[[slot]]\nname = \"sang\"\nat = [\"{at}\"]\nplaylist = \"cchc\"\nmax = \"1m\"\n");
    let s = StationDir::with(&common::utc_station("journal", &slots), PLAYLIST);
    let key = loa_in(
        Lang::Vi,
        s.root(),
        &["key", "generate", "-c", &s.config().display().to_string()],
    );
    assert!(key.status.success(), "{}", stderr(&key));
    let mut daemon = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["run", "--output", "null", "-c"])
        .arg(s.config())
        .current_dir(s.root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("LOA_LANG", "vi")
        .env("LOA_LOG", "info")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(s.root().join("loa.err")).expect("journal"))
        .spawn()
        .expect("spawn loa run");
    let journal = || std::fs::read_to_string(s.root().join("loa.err")).unwrap_or_default();
    let began = std::time::Instant::now();
    while !journal().contains("outcome=") {
        assert!(
            began.elapsed() < std::time::Duration::from_secs(40),
            "no airing ended: {}",
            journal()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // `loa status` of the running daemon, in Vietnamese too.
    let status = loa_in(
        Lang::Vi,
        s.root(),
        &["status", "-c", &s.config().display().to_string()],
    );
    let shown = stdout(&status);
    assert!(shown.contains("phần mềm loa đang chạy từ"), "{shown}");
    assert!(shown.contains("đã phát:"), "{shown}");
    // The log head's hash prefix is hex, not words.
    let is_hex = |w: &str| w.len() == 16 && w.chars().all(|c| c.is_ascii_hexdigit());
    let shown: String = shown
        .lines()
        .map(|line| {
            line.split(' ')
                .map(|w| if is_hex(w) { "HEX" } else { w })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_no_english(&shown, &["sang", "null", "Đài thử nghiệm", "test/journal"]);
    let _ = daemon.kill();
    let _ = daemon.wait();
    let stopped = loa_in(
        Lang::Vi,
        s.root(),
        &["status", "-c", &s.config().display().to_string()],
    );
    let shown = stdout(&stopped);
    assert!(shown.contains("phần mềm loa không chạy cho"), "{shown}");
    assert_no_english(&shown, &["sang", "Đài thử nghiệm", "test/journal"]);
    let text = journal();
    let ended = text
        .lines()
        .find(|l| l.contains("outcome="))
        .expect("the airing's line");
    assert!(
        ended.contains("buổi phát đã kết thúc: đã phát trọn vẹn"),
        "{ended}"
    );
    assert!(ended.contains("outcome=completed"), "{ended}");
    // The sentence, without the fields (key=value) and the target.
    let sentence: String = ended
        .split_whitespace()
        .filter(|w| !w.contains('=') && !w.starts_with("loa"))
        .collect::<Vec<_>>()
        .join(" ");
    assert_no_english(&sentence, &[]);
}

/// `loa verify` of a tampered log, for an officer: the verdict and the
/// problem found are Vietnamese (a record whose body was changed).
#[test]
fn verify_speaks_vietnamese_about_a_tampered_log() {
    let station = station_with_failed_airings();
    let parts: Vec<_> = std::fs::read_dir(station.log_dir())
        .expect("log dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    let part = parts.first().expect("a month file");
    // Change the slot name in one record: its hash no longer matches.
    let text = std::fs::read_to_string(part).expect("read");
    let tampered = text.replacen("\"slot\":\"sang\"", "\"slot\":\"sanG\"", 1);
    assert_ne!(text, tampered, "a record names the slot");
    std::fs::write(part, tampered).expect("write");
    let dir = station.log_dir().display().to_string();
    let output = loa_in(Lang::Vi, station.root(), &["verify", &dir]);
    assert!(!output.status.success());
    let shown = both(&output, station.root());
    assert!(
        shown.contains("mã băm không khớp với nội dung: nội dung hoặc mã băm đã bị sửa"),
        "{shown}"
    );
    assert_no_english(
        &shown,
        &["soc-trang/my-xuyen/thanh-phu", "STATION/var/airlog", "UTC"],
    );
}

/// Mistakes on the command line: said in Vietnamese with the usage line
/// and a pointer to `--help`, exit 2; in English, clap's own words.
#[test]
fn command_line_mistakes_speak_vietnamese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&[&str], &str); 4] = [
        (&["check", "--bogus"], "lỗi: không có tùy chọn '--bogus'"),
        (&["report"], "lỗi: thiếu đối số bắt buộc: --period"),
        (
            &["play", "--priority", "urgent", "--now", "x"],
            "lỗi: giá trị 'urgent' không hợp lệ cho '--priority",
        ),
        (&["chek"], "lỗi: không có lệnh 'chek'"),
    ];
    for (args, expected) in cases {
        let output = loa_in(Lang::Vi, dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let text = stderr(&output);
        assert!(text.contains(expected), "{args:?}: {text}");
        let mut echoed: Vec<&str> = args.to_vec();
        echoed.extend([
            "--help",
            "--period",
            "--priority",
            "normal, priority, emergency",
        ]);
        assert_no_english(&text, &echoed);
        let english = stderr(&loa_in(Lang::En, dir.path(), args));
        assert!(english.starts_with("error:"), "{args:?}: {english}");
        // Where clap shows the usage, so does the Vietnamese.
        assert_eq!(
            english.contains("Usage:"),
            text.contains("Cách dùng:"),
            "{args:?}: {text}"
        );
    }
}

/// Regression: `loa hub` said a missing file in the system's English ("No
/// such file or directory (os error 2)") inside its Vietnamese sentence.
#[test]
fn hub_errors_about_missing_files_speak_vietnamese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("hub.toml");
    let shown = missing.display().to_string();
    let output = loa_in(Lang::Vi, dir.path(), &["hub", "-c", &shown]);
    let text = stderr(&output);
    assert!(!output.status.success(), "{text}");
    assert!(text.contains("không có tệp hoặc thư mục này"), "{text}");
    assert_no_english(&text, &[&shown]);

    std::fs::write(
        &missing,
        "[hub]\nlisten = \"127.0.0.1:0\"\nstore = \"store\"\nstations = \"khong-co\"\n\
         users = \"users\"\n\n[tls]\nproxy = true\n",
    )
    .expect("hub.toml");
    let output = loa_in(Lang::Vi, dir.path(), &["hub", "-c", &shown]);
    let text = stderr(&output);
    assert!(!output.status.success(), "{text}");
    assert!(text.contains("không có tệp hoặc thư mục này"), "{text}");
    let stations = dir.path().join("khong-co").display().to_string();
    assert_no_english(&text, &[&stations]);
}
