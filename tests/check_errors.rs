//! `loa check` on broken stations: each mistake a technician can make gives
//! a message naming the file, line and column, showing the line, with a hint.
//! One test per mistake, named after it.

#[path = "support/common/mod.rs"]
mod common;

use common::{PLAYLIST, STATION, StationDir, expect_error, stderr};

fn station_edit(from: &str, to: &str) -> StationDir {
    assert!(STATION.contains(from), "test bug: {from:?} not in STATION");
    StationDir::with(&STATION.replacen(from, to, 1), PLAYLIST)
}

fn playlist_edit(from: &str, to: &str) -> StationDir {
    assert!(
        PLAYLIST.contains(from),
        "test bug: {from:?} not in PLAYLIST"
    );
    StationDir::with(STATION, &PLAYLIST.replacen(from, to, 1))
}

#[test]
fn the_minimal_station_is_valid() {
    let output = StationDir::new().loa(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(common::stdout(&output).contains("1 slots, 1 playlists, 2 segments"));
}

#[test]
fn toml_syntax_error() {
    let s = station_edit(
        "name = \"Đài truyền thanh xã Thạnh Phú\"",
        "name = \"Đài truyền thanh",
    );
    expect_error(&s, "not valid TOML", "station.toml:3:");
}

#[test]
fn unquoted_text_says_put_it_in_quotes() {
    let s = station_edit("playlist = \"cchc\"", "playlist = \"cchc\"\norder = rotate");
    expect_error(&s, "not valid TOML", "station.toml:12:");
    let text = stderr(&s.loa(&["check"]));
    assert!(
        text.contains("put text in quotes: `order = \"rotate\"`"),
        "{text}"
    );
}

#[test]
fn a_syntax_error_in_station_toml_still_checks_the_playlists() {
    let s = StationDir::with(
        &STATION.replacen(
            "name = \"Đài truyền thanh xã Thạnh Phú\"",
            "name = \"Đài",
            1,
        ),
        &PLAYLIST.replacen("topic = 2", "topic = 2\ntopik = 3", 1),
    );
    let text = stderr(&s.loa(&["check"]));
    assert!(text.contains("station.toml:3:"), "{text}");
    assert!(text.contains("unknown key `topik`"), "{text}");
    assert!(text.contains("cchc.toml:"), "{text}");
}

#[test]
fn unknown_key_suggests_the_near_miss() {
    let s = station_edit("playlist = \"cchc\"", "playlsit = \"cchc\"");
    expect_error(&s, "unknown key `playlsit`", "station.toml:11:1");
    assert!(stderr(&s.loa(&["check"])).contains("did you mean `playlist`?"));
}

#[test]
fn wrong_type() {
    expect_error(
        &station_edit("max = \"15m\"", "max = 15"),
        "`max` must be a string",
        "station.toml:12:7",
    );
}

#[test]
fn missing_required_key() {
    expect_error(
        &station_edit("max = \"15m\"\n", ""),
        "is missing `max`",
        "station.toml:8:1",
    );
}

#[test]
fn a_slot_with_neither_playlist_nor_relay() {
    expect_error(
        &station_edit("playlist = \"cchc\"\n", ""),
        "neither what to air (`playlist`) nor a stream to relay (`relay`)",
        "station.toml:8:1",
    );
}

#[test]
fn a_slot_with_both_playlist_and_relay() {
    expect_error(
        &station_edit(
            "playlist = \"cchc\"\n",
            "playlist = \"cchc\"\nrelay = \"http://radio.example.vn/vov1\"\n",
        ),
        "either `playlist` or `relay`, not both",
        "station.toml:12:9",
    );
}

#[test]
fn bad_station_id() {
    let s = station_edit("\"soc-trang/my-xuyen/thanh-phu\"", "\"Sóc Trăng/Mỹ Xuyên\"");
    expect_error(&s, "invalid station id", "station.toml:2:6");
}

#[test]
fn bad_slot_name() {
    expect_error(
        &station_edit("name = \"sang\"", "name = \"Sáng\""),
        "invalid slot name",
        "station.toml:9:8",
    );
}

#[test]
fn duplicate_slot_names() {
    let twice = format!(
        "{STATION}\n[[slot]]\nname = \"sang\"\nat = [\"17:00\"]\nplaylist = \"cchc\"\nmax = \"15m\"\n"
    );
    let s = StationDir::with(&twice, PLAYLIST);
    expect_error(&s, "already defined on line 9", "station.toml:15:8");
}

#[test]
fn time_out_of_range() {
    expect_error(
        &station_edit("\"05:30\"", "\"25:00\""),
        "\"25:00\" is not a time of day",
        "station.toml:10:7",
    );
}

#[test]
fn time_without_leading_zero() {
    expect_error(
        &station_edit("\"05:30\"", "\"5:30\""),
        "\"5:30\" is not a time of day",
        "station.toml:10:7",
    );
}

#[test]
fn duplicate_time() {
    let s = station_edit("[\"05:30\"]", "[\"05:30\", \"05:30\"]");
    expect_error(&s, "listed twice", "station.toml:10:16");
}

#[test]
fn cron_with_five_fields() {
    let s = station_edit("at = [\"05:30\"]", "cron = \"30 5 * * *\"");
    expect_error(&s, "invalid cron expression", "station.toml:10:8");
}

#[test]
fn cron_with_bad_field() {
    let s = station_edit("at = [\"05:30\"]", "cron = \"0 30 5 * * Funday\"");
    expect_error(&s, "invalid cron expression", "station.toml:10:8");
}

#[test]
fn both_at_and_cron() {
    let s = station_edit(
        "at = [\"05:30\"]",
        "at = [\"05:30\"]\ncron = \"0 30 5 * * *\"",
    );
    expect_error(&s, "either `at` or `cron`", "station.toml:11:8");
}

#[test]
fn neither_at_nor_cron() {
    expect_error(
        &station_edit("at = [\"05:30\"]\n", ""),
        "neither when to air",
        "station.toml:8:1",
    );
}

#[test]
fn days_with_cron() {
    let s = station_edit(
        "at = [\"05:30\"]",
        "cron = \"0 30 5 * * *\"\ndays = [\"mon\"]",
    );
    expect_error(&s, "`days` only goes with `at`", "station.toml:11:9");
}

#[test]
fn misspelled_day() {
    let s = station_edit("at = [\"05:30\"]", "at = [\"05:30\"]\ndays = [\"mondy\"]");
    expect_error(
        &s,
        "\"mondy\" is not a day of the week",
        "station.toml:11:9",
    );
    assert!(stderr(&s.loa(&["check"])).contains("did you mean \"monday\"?"));
}

#[test]
fn vietnamese_day_names_are_days() {
    // T2 (Monday), "thứ tư" in NFD (Wednesday), "CHỦ NHẬT" (Sunday), "thu sau"
    // typed without diacritics (Friday).
    let nfd_wednesday = "th\u{1b0}\u{301} t\u{1b0}";
    let days = format!("days = [\"T2\", \"{nfd_wednesday}\", \"CHỦ NHẬT\", \"thu sau\"]");
    let s = station_edit("at = [\"05:30\"]", &format!("at = [\"05:30\"]\n{days}"));
    let output = s.loa(&["schedule", "--from", "2030-01-07", "--days", "7", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let dates: Vec<String> = common::stdout(&output)
        .lines()
        .map(|line| {
            let airing: serde_json::Value = serde_json::from_str(line).expect("an airing");
            let scheduled = airing["scheduled"].as_str().expect("scheduled");
            scheduled[..10].to_string()
        })
        .collect();
    // 2030-01-07 is a Monday.
    assert_eq!(
        dates,
        ["2030-01-07", "2030-01-09", "2030-01-11", "2030-01-13"]
    );
}

#[test]
fn an_unfinished_vietnamese_day_is_not_thursday() {
    let s = station_edit("at = [\"05:30\"]", "at = [\"05:30\"]\ndays = [\"thứ\"]");
    expect_error(&s, "\"thứ\" is not a day of the week", "station.toml:11:9");
}

#[test]
fn duration_in_words() {
    let s = station_edit("max = \"15m\"", "max = \"15 minutes\"");
    expect_error(&s, "\"15 minutes\" is not a duration", "station.toml:12:7");
}

#[test]
fn zero_max() {
    expect_error(
        &station_edit("max = \"15m\"", "max = \"0s\""),
        "`max` must be longer than zero",
        "station.toml:12:7",
    );
}

#[test]
fn hours_for_minutes() {
    expect_error(
        &station_edit("max = \"15m\"", "max = \"15h\""),
        "is longer than 12h",
        "station.toml:12:7",
    );
}

#[test]
fn from_after_until() {
    let s = station_edit(
        "max = \"15m\"",
        "max = \"15m\"\nfrom = 2021-12-31\nuntil = 2021-03-03",
    );
    expect_error(
        &s,
        "`from` (2021-12-31) is after `until` (2021-03-03)",
        "station.toml:13:8",
    );
}

#[test]
fn quoted_date() {
    let s = station_edit("max = \"15m\"", "max = \"15m\"\nfrom = \"2021-03-03\"");
    expect_error(
        &s,
        "`from` must be a date without quotes",
        "station.toml:13:8",
    );
}

#[test]
fn misspelled_time_zone() {
    let s = station_edit(
        "playlists = ",
        "timezone = \"Asia/Ho_Chi_Min\"\nplaylists = ",
    );
    expect_error(
        &s,
        "unknown time zone \"Asia/Ho_Chi_Min\"",
        "station.toml:4:12",
    );
    assert!(stderr(&s.loa(&["check"])).contains("did you mean \"Asia/Ho_Chi_Minh\"?"));
}

#[test]
fn wav_output_without_path() {
    let s = station_edit("playlists = ", "output = \"wav:\"\nplaylists = ");
    expect_error(&s, "invalid output \"wav:\"", "station.toml:4:10");
}

#[test]
fn misspelled_order() {
    let s = station_edit("max = \"15m\"", "max = \"15m\"\norder = \"rotation\"");
    expect_error(&s, "unknown order \"rotation\"", "station.toml:13:9");
    assert!(stderr(&s.loa(&["check"])).contains("did you mean \"rotate\"?"));
}

#[test]
fn zero_count() {
    let s = station_edit("max = \"15m\"", "max = \"15m\"\ncount = 0");
    expect_error(&s, "count = 0 is not a usable number", "station.toml:13:9");
}

#[test]
fn overlapping_slots_name_the_first_date() {
    let s = station_edit(
        "max = \"15m\"",
        "max = \"15m\"\nfrom = 2030-01-07\n\n[[slot]]\nname = \"sang-2\"\nat = [\"05:40\"]\ndays = [\"wed\"]\nplaylist = \"cchc\"\nmax = \"5m\"",
    );
    // 2030-01-07 is a Monday; the first Wednesday is the 9th.
    expect_error(
        &s,
        "slot \"sang\" can run until 05:45:00 on 2030-01-09, past the start of \"sang-2\" at 05:40:00",
        "station.toml:12:7",
    );
}

#[test]
fn unknown_playlist() {
    let s = station_edit("playlist = \"cchc\"", "playlist = \"cchc-2021\"");
    expect_error(
        &s,
        "there is no playlist named \"cchc-2021\"",
        "station.toml:11:12",
    );
}

#[test]
fn missing_playlists_folder() {
    let s = station_edit("playlists = \"../playlists\"", "playlists = \"../audio\"");
    // Regression: shown at the file's first line, not at the line to fix.
    expect_error(&s, "the playlists folder", "station.toml:4:13");
}

/// Regression: a topics file that is not there was reported on the topics
/// file itself, with the system's English ("No such file or directory"),
/// instead of on the `topics =` line that names it.
#[test]
fn missing_topics_file_is_shown_on_the_line_that_names_it() {
    let s = station_edit(
        "playlists = \"../playlists\"",
        "playlists = \"../playlists\"\ntopics = \"chu-de.toml\"",
    );
    expect_error(&s, "there is no file", "station.toml:5:10");
    let text = stderr(&s.loa(&["check"]));
    assert!(text.contains("chu-de.toml"), "{text}");
    assert!(text.contains("correct the name on this line"), "{text}");
}

/// The topics file the station does not name (the default `topics.toml`)
/// is missing: shown at `[station]`, and the fix says to write the key or
/// create the file, not to correct a name that is not there.
#[test]
fn missing_default_topics_file_says_to_write_the_key_or_create_it() {
    let s = StationDir::new();
    std::fs::remove_file(s.root().join("config/topics.toml")).expect("remove topics");
    expect_error(&s, "there is no file", "station.toml:1:1");
    let text = stderr(&s.loa(&["check"]));
    assert!(
        text.contains("or write `topics = \"…\"` in [station]"),
        "{text}"
    );
}

#[test]
fn segment_file_missing() {
    let s = playlist_edit("cchc/02.wav", "cchc/03.wav");
    expect_error(&s, "audio file \"cchc/03.wav\" not found", "cchc.toml:10:8");
}

#[test]
fn segment_not_audio() {
    let s = StationDir::new();
    s.write(
        "playlists/cchc/02.wav",
        "this is a text file, not a recording\n",
    );
    expect_error(
        &s,
        "audio file \"cchc/02.wav\" cannot be played",
        "cchc.toml:10:8",
    );
}

#[test]
fn segment_of_zero_length() {
    let s = StationDir::new();
    s.write("playlists/cchc/01.wav", "");
    expect_error(
        &s,
        "audio file \"cchc/01.wav\" cannot be played",
        "cchc.toml:5:8",
    );
}

/// The README says a segment longer than the time left airs and fades out
/// at `max`; `check` used to reject it. It warns instead.
#[test]
fn segment_longer_than_max_is_a_warning_as_the_readme_says_it_fades() {
    let s = station_edit("max = \"15m\"", "max = \"2s\"");
    let output = s.loa(&["check"]);
    let text = stderr(&output);
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains(
            "warning: \"cchc/01.wav\" lasts 3s, longer than slot \"sang\" allows (max = 2s)"
        ),
        "{text}"
    );
    assert!(text.contains("cchc.toml:5:8"), "{text}");
}

#[test]
fn unknown_topic() {
    let s = playlist_edit("topic = 2", "topic = 12");
    expect_error(
        &s,
        "topic 12 is not in the topic catalogue",
        "cchc.toml:12:9",
    );
}

#[test]
fn path_with_parent_dir() {
    let s = playlist_edit("cchc/02.wav", "../config/topics.toml");
    expect_error(
        &s,
        "uses `..` to leave the playlists folder",
        "cchc.toml:10:8",
    );
}

#[test]
fn absolute_path() {
    let s = playlist_edit("cchc/02.wav", "/etc/passwd");
    expect_error(&s, "is an absolute path", "cchc.toml:10:8");
}

#[test]
fn symlink_out_of_playlists() {
    let s = StationDir::new();
    common::write_tone(&s.root().join("outside.wav"), 1.0, 440.0);
    std::fs::remove_file(s.root().join("playlists/cchc/02.wav")).expect("rm");
    std::os::unix::fs::symlink(
        s.root().join("outside.wav"),
        s.root().join("playlists/cchc/02.wav"),
    )
    .expect("link");
    expect_error(
        &s,
        "is a link that points outside the playlists folder",
        "cchc.toml:10:8",
    );
}

#[test]
fn bad_language_code() {
    let s = playlist_edit("language = \"vi\"", "language = \"Tiếng Việt\"");
    expect_error(&s, "is not a language code", "cchc.toml:2:12");
}

#[test]
fn unknown_key_in_segment() {
    let s = playlist_edit("topic = 1", "topic = 1\napproved = \"Chủ tịch\"");
    expect_error(
        &s,
        "unknown key `approved` in [[segment]] #1",
        "cchc.toml:8:1",
    );
    assert!(stderr(&s.loa(&["check"])).contains("did you mean `approved_by`?"));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let s = StationDir::with(
        &STATION
            .replace("\"05:30\"", "\"25:00\"")
            .replace("max = \"15m\"", "max = \"forever\""),
        &PLAYLIST.replace("topic = 2", "topic = 99"),
    );
    let text = stderr(&s.loa(&["check"]));
    for expected in [
        "\"25:00\" is not a time",
        "\"forever\" is not a duration",
        "topic 99 is not in",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn nfc_playlist_finds_nfd_file() {
    // "thông báo" stored decomposed (NFD) on disk, written composed (NFC).
    let nfd = "tho\u{0302}ng-ba\u{0301}o.wav";
    let s = StationDir::with(
        STATION,
        &PLAYLIST.replace("cchc/02.wav", "cchc/thông-báo.wav"),
    );
    common::write_tone(&s.root().join("playlists/cchc").join(nfd), 2.0, 500.0);
    let output = s.loa(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn nfd_playlist_finds_nfc_file() {
    let nfd = "cchc/tho\u{0302}ng-ba\u{0301}o.wav";
    let s = StationDir::with(STATION, &PLAYLIST.replace("cchc/02.wav", nfd));
    common::write_tone(&s.root().join("playlists/cchc/thông-báo.wav"), 2.0, 500.0);
    let output = s.loa(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn expired_playlist_is_a_warning_with_the_date() {
    let s = playlist_edit("topic = 1", "topic = 1\nuntil = 2021-06-30").with_second_expired();
    let output = s.loa(&["check"]);
    let text = stderr(&output);
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("warning: slot \"sang\" has nothing to air on"),
        "{text}"
    );
}

trait SecondExpired {
    fn with_second_expired(self) -> Self;
}

impl SecondExpired for StationDir {
    fn with_second_expired(self) -> Self {
        let playlist =
            std::fs::read_to_string(self.root().join("playlists/cchc.toml")).expect("read");
        self.write(
            "playlists/cchc.toml",
            &playlist.replace("topic = 2", "topic = 2\nuntil = 2021-06-30"),
        );
        self
    }
}

#[test]
fn unused_playlist_is_a_warning() {
    let s = StationDir::new();
    s.write(
        "playlists/khmer.toml",
        "language = \"km\"\n[[segment]]\nfile = \"cchc/01.wav\"\ntopic = 5\n",
    );
    let output = s.loa(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("playlist \"khmer\" is not aired by any slot"));
}

/// `loa schedule | head -1`: the reader closes the pipe early. Rust's
/// `println!` used to panic there ("failed printing to stdout").
#[test]
fn regression_output_piped_into_head_does_not_panic() {
    let station = StationDir::new();
    // A year of airings is far more than a pipe holds, so the writes after
    // `head` has gone meet a closed pipe.
    let script = format!(
        "'{}' schedule --days 366 -c '{}' | head -n 1 >/dev/null",
        env!("CARGO_BIN_EXE_loa"),
        station.config().display()
    );
    let output = std::process::Command::new("sh")
        .args(["-c", &script])
        .output()
        .expect("sh");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!said.contains("panicked"), "{said}");
}

/// Regression: `loa check` said nothing when the configured sound device
/// did not exist. It warns (a USB card may come later), and passes.
#[test]
fn a_sound_device_that_is_not_there_is_a_warning() {
    let s = station_edit("playlists = ", "output = \"no-such-card\"\nplaylists = ");
    let output = s.loa(&["check"]);
    let text = stderr(&output);
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains(
            "warning: the sound device \"no-such-card\" named by `output =` is not there now"
        ),
        "{text}"
    );
}

/// English words that give away an untranslated sentence.
const ENGLISH_WORDS: [&str; 24] = [
    "the", "is", "not", "a", "an", "of", "to", "and", "or", "must", "error", "warning", "help",
    "file", "slot", "playlist", "found", "missing", "invalid", "unknown", "twice", "listed",
    "with", "run",
];

/// `loa check` in Vietnamese (`LOA_LANG=vi`, and with no locale at all, as
/// a station's service runs): every diagnostic, hint and summary line is
/// Vietnamese; no line is made of untranslated English. The whole output
/// is kept as a golden file for review (`tests/golden/check-vi.txt`;
/// `LOA_BLESS=1` rewrites it).
#[test]
fn check_speaks_vietnamese_to_the_technician() {
    let s = station_edit(
        "at = [\"05:30\"]\nplaylist = \"cchc\"",
        "at = [\"25:00\"]\ndays = [\"thu\"]\nplaylist = \"cchx\"\norder = \"rotat\"",
    );
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_loa"));
    command
        .args(["check", "-c"])
        .arg(s.config())
        .current_dir(s.root())
        .env_remove("LOA_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    let output = command.output().expect("run loa check");
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output).replace(&s.root().display().to_string(), "STATION");
    assert!(text.contains("lỗi:"), "{text}");
    assert!(text.contains("cách sửa:"), "{text}");
    for line in text.lines() {
        // The technician's own line of TOML, quoted back under the location.
        if line.trim_start().starts_with(|c: char| c.is_ascii_digit()) || line.contains("-->") {
            continue;
        }
        let english: Vec<String> = common::prose_words(line)
            .into_iter()
            .filter(|w| ENGLISH_WORDS.contains(&w.to_lowercase().as_str()))
            .collect();
        assert!(english.is_empty(), "untranslated {english:?} in: {line}");
    }
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/check-vi.txt");
    if std::env::var_os("LOA_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().expect("folder")).expect("mkdir");
        std::fs::write(&golden, &text).expect("write golden");
    }
    let expected = std::fs::read_to_string(&golden).expect("tests/golden/check-vi.txt");
    assert_eq!(text, expected, "LOA_BLESS=1 rewrites the golden file");
}
