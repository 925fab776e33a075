//! Test harness: builds a station in a temporary directory (config, topic
//! catalogue, playlists, real WAV audio) and runs the real `loa` binary on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's topic catalogue, used by every test station.
pub const TOPICS: &str = include_str!("../../../config/topics.toml");

/// A valid minimal station: one morning slot airing playlist `cchc`.
pub const STATION: &str = r#"[station]
id = "soc-trang/my-xuyen/thanh-phu"
name = "Đài truyền thanh xã Thạnh Phú"
playlists = "../playlists"
log_dir = "../var/airlog"
key = "../var/station.key"

[[slot]]
name = "sang"
at = ["05:30"]
playlist = "cchc"
max = "15m"
"#;

/// The playlist the minimal station airs: two 3-second segments.
pub const PLAYLIST: &str = r#"title = "Cải cách hành chính"
language = "vi"

[[segment]]
file = "cchc/01.wav"
title = "Ý nghĩa cải cách hành chính"
topic = 1

[[segment]]
file = "cchc/02.wav"
title = "Thành tựu của tỉnh"
topic = 2
"#;

/// A station laid out as in the repository: `config/`, `playlists/`, `var/`.
pub struct StationDir {
    /// Keeps the directory alive for the test.
    pub dir: tempfile::TempDir,
}

impl StationDir {
    /// The minimal valid station.
    pub fn new() -> Self {
        Self::with(STATION, PLAYLIST)
    }

    /// A station with the given `station.toml` and `playlists/cchc.toml`.
    pub fn with(station: &str, playlist: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let this = Self { dir };
        this.write("config/station.toml", station);
        this.write("config/topics.toml", TOPICS);
        this.write("playlists/cchc.toml", playlist);
        this.tone("playlists/cchc/01.wav", 3.0, 440.0);
        this.tone("playlists/cchc/02.wav", 3.0, 660.0);
        this
    }

    /// The root of the station.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `config/station.toml`.
    pub fn config(&self) -> PathBuf {
        self.root().join("config/station.toml")
    }

    /// Writes a file (creating folders).
    pub fn write(&self, relative: &str, contents: &str) {
        self.write_bytes(relative, contents.as_bytes());
    }

    /// Writes raw bytes (creating folders).
    pub fn write_bytes(&self, relative: &str, contents: &[u8]) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
    }

    /// Writes a real 16-bit mono 22.05 kHz WAV file with a sine tone.
    pub fn tone(&self, relative: &str, seconds: f64, hertz: f64) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        write_tone(&path, seconds, hertz);
    }

    /// Runs `loa ARGS... -c config/station.toml`.
    pub fn loa(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
        command
            .args(args)
            .arg("-c")
            .arg(self.config())
            .current_dir(self.root());
        command.output().expect("run loa")
    }
}

/// Writes a WAV sine tone (mono, 22.05 kHz, 16-bit, -12 dBFS).
pub fn write_tone(path: &Path, seconds: f64, hertz: f64) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 22_050,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec).expect("wav");
    let frames = (seconds * 22_050.0) as u64;
    for n in 0..frames {
        let t = n as f64 / 22_050.0;
        let sample = (t * hertz * std::f64::consts::TAU).sin() * 0.25;
        writer
            .write_sample((sample * i16::MAX as f64) as i16)
            .expect("sample");
    }
    writer.finalize().expect("finalize");
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The next whole second at least `lead` from now, and its HH:MM:SS: a slot
/// time for tests that watch a real airing.
pub fn slot_time(lead: std::time::Duration) -> (chrono::DateTime<chrono::Utc>, String) {
    use chrono::Timelike;
    let at = chrono::Utc::now() + chrono::Duration::from_std(lead).unwrap_or_default();
    let at = at.with_nanosecond(0).unwrap_or(at) + chrono::Duration::seconds(1);
    (at, at.format("%H:%M:%S").to_string())
}

/// Starts `loa run` on `station`, airing to the WAV air check `air.wav`
/// in its root, its log in `loa.err`.
pub fn spawn_daemon_to_wav(station: &StationDir) -> std::process::Child {
    let wav = station.root().join("air.wav");
    spawn_daemon(station, &format!("wav:{}", wav.display()))
}

/// Starts `loa run` on `station` airing to `output`, its log in `loa.err`.
pub fn spawn_daemon(station: &StationDir, output: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["run", "-c"])
        .arg(station.config())
        .args(["--output", output])
        .current_dir(station.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(station.root().join("loa.err")).expect("log file"))
        .spawn()
        .expect("spawn loa run")
}

/// A station config in UTC with the usual folders, id `test/{id}`, and
/// `slots` (TOML `[[slot]]` tables) after it.
pub fn utc_station(id: &str, slots: &str) -> String {
    format!(
        r#"[station]
id = "test/{id}"
name = "Đài thử nghiệm"
timezone = "UTC"
playlists = "../playlists"
log_dir = "../var/airlog"
key = "../var/station.key"

{slots}"#
    )
}

/// Runs `loa check` and expects failure with `message` at `location`
/// (`file:line:col`, file name only), plus a `help:` line.
pub fn expect_error(station: &StationDir, message: &str, location: &str) {
    let output = station.loa(&["check"]);
    let text = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "expected failure, got:\n{text}"
    );
    assert!(text.contains(message), "expected {message:?} in:\n{text}");
    assert!(
        text.contains(location),
        "expected location {location:?} in:\n{text}"
    );
    assert!(text.contains("help:"), "expected a hint in:\n{text}");
}

/// The words of `line` outside backticks and double quotes (values and
/// code the user wrote stay as written): what the tests of translated
/// output check against a list of English words.
pub fn prose_words(line: &str) -> Vec<String> {
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
