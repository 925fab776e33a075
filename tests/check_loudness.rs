//! `loa check` on the loudness and silence settings: each mistake in
//! `[station] loudness`, `trim_silence`, `dead_air` and `[[segment]] gain`
//! gives a message naming the file, line and column, with a hint; and
//! segments that will not sound right on air (far too quiet, silent, mostly
//! silence, a pause that playout would take for dead air) are warned about.
//! One test per mistake, named after it.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/levels/mod.rs"]
mod levels_support;

use common::{PLAYLIST, STATION, StationDir, expect_error, stderr, stdout};
use levels_support::{Part, write_wav};

/// Runs `loa check`, expects success, and returns stderr (the warnings),
/// but for the sound device's: whether `default` is there depends on the
/// machine's sound card, not on loudness.
fn expect_success(station: &StationDir) -> String {
    let output = station.loa(&["check"]);
    let text = stderr(&output);
    assert!(output.status.success(), "expected success, got:\n{text}");
    text.lines()
        .filter(|line| !line.contains("named by `output =` is not there now"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The minimal station with `line` added to `[station]` (as line 7).
fn station_with(line: &str) -> StationDir {
    let anchor = "key = \"../var/station.key\"\n";
    assert!(STATION.contains(anchor), "test bug: anchor not in STATION");
    let station = STATION.replacen(anchor, &format!("{anchor}{line}\n"), 1);
    StationDir::with(&station, PLAYLIST)
}

/// The minimal playlist with `line` added to its first segment (as line 8).
fn first_segment_with(line: &str) -> StationDir {
    let anchor = "topic = 1\n";
    assert!(
        PLAYLIST.contains(anchor),
        "test bug: anchor not in PLAYLIST"
    );
    let playlist = PLAYLIST.replacen(anchor, &format!("{anchor}{line}\n"), 1);
    StationDir::with(STATION, &playlist)
}

#[test]
fn loudness_settings_that_are_right_pass() {
    for line in [
        "loudness = \"-16 LUFS\"",
        "loudness = \"-23lufs\"",
        "loudness = \"off\"",
        "trim_silence = \"2s\"",
        "trim_silence = \"0s\"",
        "trim_silence = \"off\"",
        "dead_air = \"30s\"",
        "dead_air = \"off\"",
    ] {
        let text = expect_success(&station_with(line));
        assert!(!text.contains("warning"), "{line}: {text}");
    }
    expect_success(&first_segment_with("gain = \"-4.5 dB\""));
}

#[test]
fn loudness_without_its_unit() {
    expect_error(
        &station_with("loudness = \"-16\""),
        "\"-16\" is not a loudness",
        "station.toml:7:12",
    );
}

#[test]
fn loudness_as_a_bare_number() {
    expect_error(
        &station_with("loudness = -16"),
        "`loudness` must be a string",
        "station.toml:7:12",
    );
}

#[test]
fn loudness_out_of_range() {
    expect_error(
        &station_with("loudness = \"-50 LUFS\""),
        "loudness -50 LUFS is outside -36 to -8 LUFS",
        "station.toml:7:12",
    );
}

#[test]
fn trim_silence_that_is_not_a_duration() {
    expect_error(
        &station_with("trim_silence = \"1 second\""),
        "`trim_silence` = \"1 second\" is neither a duration nor \"off\"",
        "station.toml:7:16",
    );
}

#[test]
fn dead_air_too_short_for_speech() {
    expect_error(
        &station_with("dead_air = \"2s\""),
        "`dead_air` = 2s is shorter than 5s",
        "station.toml:7:12",
    );
}

#[test]
fn dead_air_in_hours_by_mistake() {
    expect_error(
        &station_with("dead_air = \"15h\""),
        "`dead_air` = 15h is longer than 12h",
        "station.toml:7:12",
    );
}

#[test]
fn gain_without_its_unit() {
    expect_error(
        &first_segment_with("gain = \"+3\""),
        "\"+3\" is not a gain",
        "cchc.toml:8:8",
    );
}

#[test]
fn gain_out_of_range() {
    expect_error(
        &first_segment_with("gain = \"+40 dB\""),
        "gain +40 dB is more than 24 dB either way",
        "cchc.toml:8:8",
    );
}

#[test]
fn a_misspelt_key_suggests_the_loudness_key() {
    let s = station_with("loudnes = \"-16 LUFS\"");
    expect_error(&s, "unknown key `loudnes`", "station.toml:7:1");
    assert!(stderr(&s.loa(&["check"])).contains("did you mean `loudness`?"));
}

/// The minimal station with its first segment replaced by `parts`, made
/// at `lufs`.
fn station_with_first_segment(parts: &[Part], lufs: Option<f64>) -> StationDir {
    let station = StationDir::new();
    write_wav(&station.root().join("playlists/cchc/01.wav"), parts, lufs);
    station
}

#[test]
fn a_segment_far_below_the_target_is_warned_about() {
    let s = station_with_first_segment(
        &[Part::Speech {
            seconds: 6.0,
            longest_pause: 0.5,
        }],
        Some(-30.0),
    );
    let text = expect_success(&s);
    assert!(
        text.contains(
            "\"cchc/01.wav\" is very quiet (-30.0 LUFS): it needs +14.0 dB to reach -16 LUFS"
        ),
        "{text}"
    );
    assert!(text.contains("cchc.toml:5:8"), "{text}");
}

#[test]
fn a_quiet_segment_with_its_own_gain_is_not_warned_about() {
    let playlist = PLAYLIST.replacen("topic = 1\n", "topic = 1\ngain = \"+6 dB\"\n", 1);
    let s = StationDir::with(STATION, &playlist);
    write_wav(
        &s.root().join("playlists/cchc/01.wav"),
        &[Part::Speech {
            seconds: 6.0,
            longest_pause: 0.5,
        }],
        Some(-30.0),
    );
    let text = expect_success(&s);
    assert!(!text.contains("very quiet"), "{text}");
}

#[test]
fn a_silent_file_is_warned_about() {
    let s = station_with_first_segment(&[Part::Silence { seconds: 4.0 }], None);
    let text = expect_success(&s);
    assert!(
        text.contains("\"cchc/01.wav\" is silent: nothing in it is above -50 dBFS"),
        "{text}"
    );
}

#[test]
fn a_mostly_silent_file_is_warned_about() {
    let s = station_with_first_segment(
        &[
            Part::Silence { seconds: 4.0 },
            Part::Tone { seconds: 1.0 },
            Part::Silence { seconds: 4.0 },
        ],
        Some(-16.0),
    );
    let text = expect_success(&s);
    assert!(
        text.contains("\"cchc/01.wav\" is mostly silence (89% of it)"),
        "{text}"
    );
}

#[test]
fn a_pause_longer_than_dead_air_is_warned_about() {
    let s = station_with_first_segment(
        &[
            Part::Tone { seconds: 2.0 },
            Part::Silence { seconds: 20.0 },
            Part::Tone { seconds: 2.0 },
        ],
        Some(-16.0),
    );
    let text = expect_success(&s);
    assert!(
        text.contains("\"cchc/01.wav\" has 20s of silence at 2s (longer than dead_air = 15s)"),
        "{text}"
    );
}

#[test]
fn a_long_edge_silence_left_on_air_by_trim_silence_off_is_warned_about() {
    let anchor = "key = \"../var/station.key\"\n";
    let station = STATION.replacen(anchor, &format!("{anchor}trim_silence = \"off\"\n"), 1);
    let s = StationDir::with(&station, PLAYLIST);
    let parts = [Part::Silence { seconds: 18.0 }, Part::Tone { seconds: 2.0 }];
    write_wav(&s.root().join("playlists/cchc/01.wav"), &parts, Some(-16.0));
    let text = expect_success(&s);
    assert!(
        text.contains("\"cchc/01.wav\" has 18s of silence at 0s"),
        "{text}"
    );
}

#[test]
fn normal_pauses_in_speech_are_not_warned_about() {
    let s = station_with_first_segment(
        &[Part::Speech {
            seconds: 20.0,
            longest_pause: 3.0,
        }],
        Some(-16.0),
    );
    let text = expect_success(&s);
    assert!(!text.contains("warning"), "{text}");
    assert!(stdout(&s.loa(&["check"])).contains("2 segments"));
}
