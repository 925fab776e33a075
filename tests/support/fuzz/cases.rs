//! One fuzz input through the real code: the harness shared by the stable
//! proptest fuzz tests (`tests/fuzz_*.rs`) and the `cargo fuzz` targets
//! (`fuzz/fuzz_targets/*.rs`, which include this file by path). Each
//! function must return normally for any bytes: a panic is the bug.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone, Utc};
use loa::airlog::checkpoint::HeldCheckpoint;
use loa::airlog::codec::{check_envelope, check_line, parse_header, split_line};
use loa::airlog::record::{KIND_NAMES, RecordKind};
use loa::airlog::verify::{DirSource, SignatureCheck, VerifyOptions, verify_source};
use loa::airlog::{AirLog, PublicKeyFile, load_signing_key, read_records};
use loa::audio::ProbeCache;
use loa::config::{StationFiles, load_plan};
use loa::report::period::Cutoff;
use loa::report::{Bundle, Catalogue, Period, ReportOptions, build_report, inputs_at};
use loa::text::{TimesIn, VerdictText};

/// The station every config/playlist case is loaded in: `config/`,
/// `playlists/` with a TOML playlist and a folder playlist of real WAVs.
pub struct FuzzStation {
    pub root: PathBuf,
    _dir: tempfile::TempDir,
}

const STATION: &str = r#"[station]
id = "fuzz/station"
name = "Fuzz"
timezone = "Asia/Ho_Chi_Minh"
output = "null"

[[slot]]
name = "sang"
at = ["05:30"]
playlist = "cchc"
order = "rotate"
max = "15m"

[[slot]]
name = "chieu"
cron = "0 0 17 * * *"
playlist = "folder"
max = "10m"
"#;

const PLAYLIST: &str = r#"title = "Cải cách hành chính"
language = "vi"

[[segment]]
file = "cchc/01.wav"
title = "Một"
topic = 1

[[segment]]
file = "cchc/02.wav"
topic = 2
approved_by = "Phó Chủ tịch UBND xã"
from = 2021-01-01
until = 2030-12-31
"#;

impl FuzzStation {
    fn build() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().to_path_buf();
        let write = |relative: &str, bytes: &[u8]| {
            let path = root.join(relative);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, bytes).expect("write");
        };
        write("config/station.toml", STATION.as_bytes());
        write(
            "config/topics.toml",
            include_bytes!("../../../config/topics.toml"),
        );
        write("playlists/cchc.toml", PLAYLIST.as_bytes());
        write("playlists/folder/playlist.toml", b"topic = 90\n");
        for (name, seconds) in [
            ("cchc/01.wav", 0.5),
            ("cchc/02.wav", 0.3),
            ("folder/a.wav", 0.2),
        ] {
            write_tone(&root.join("playlists").join(name), seconds);
        }
        Self { root, _dir: dir }
    }

    /// The config path.
    pub fn config(&self) -> PathBuf {
        self.root.join("config/station.toml")
    }
}

fn write_tone(path: &Path, seconds: f64) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec).expect("wav");
    for n in 0..(seconds * 8_000.0) as u32 {
        let sample = ((n as f64 * 0.3).sin() * 8_000.0) as i16;
        writer.write_sample(sample).expect("sample");
    }
    writer.finalize().expect("finalize");
}

/// Which file of the station a config case replaces.
#[derive(Debug, Clone, Copy)]
pub enum StationFile {
    Station,
    Topics,
    Playlist,
    FolderPlaylist,
}

impl StationFile {
    fn relative(self) -> &'static str {
        match self {
            Self::Station => "config/station.toml",
            Self::Topics => "config/topics.toml",
            Self::Playlist => "playlists/cchc.toml",
            Self::FolderPlaylist => "playlists/folder/playlist.toml",
        }
    }

    /// The file as the station ships it.
    pub fn original(self) -> &'static [u8] {
        match self {
            Self::Station => STATION.as_bytes(),
            Self::Topics => include_bytes!("../../../config/topics.toml"),
            Self::Playlist => PLAYLIST.as_bytes(),
            Self::FolderPlaylist => b"topic = 90\n",
        }
    }
}

thread_local! {
    /// One station per thread (tests run in parallel), with the probe
    /// cache the daemon would keep in memory.
    static FUZZ_STATION: std::cell::RefCell<Option<(FuzzStation, ProbeCache)>> =
        const { std::cell::RefCell::new(None) };
}

/// Loads the station with `file` replaced by `bytes`, as `loa check` and
/// the daemon do: the quick pre-read, the full load and validation, every
/// diagnostic rendered, and for a valid plan two days of its schedule and
/// each slot's first airing built.
pub fn config_case(file: StationFile, bytes: &[u8]) {
    FUZZ_STATION.with(|cell| {
        let mut cell = cell.borrow_mut();
        let (station, prober) =
            cell.get_or_insert_with(|| (FuzzStation::build(), ProbeCache::load(Path::new(""))));
        let path = station.root.join(file.relative());
        std::fs::write(&path, bytes).expect("write case");
        load_and_schedule(&station.config(), prober);
        std::fs::write(&path, file.original()).expect("restore");
    });
}

/// Whether the unmodified fuzz station loads to a plan with both slots:
/// a broken harness would make every case an early error.
pub fn fuzz_station_is_valid() -> bool {
    let station = FuzzStation::build();
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let mut prober = ProbeCache::load(Path::new(""));
    load_plan(&station.config(), today, &mut prober)
        .plan
        .is_some_and(|plan| plan.slots.len() == 2)
}

fn load_and_schedule(config: &Path, prober: &mut ProbeCache) {
    let _ = StationFiles::load(config);
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let loaded = load_plan(config, today, prober);
    for diagnostic in loaded.diagnostics.iter() {
        let _ = loa::text::render_diagnostic(diagnostic);
    }
    let Some(plan) = &loaded.plan else {
        return;
    };
    let from = Utc
        .with_ymd_and_hms(2026, 11, 29, 17, 0, 0)
        .single()
        .expect("time");
    let due = loa::schedule::airings_between(plan, from, from + chrono::Duration::days(2));
    let history = loa::selection::History::default();
    for slot in &plan.slots {
        if let Some(first) = due.iter().find(|a| plan.slots[a.slot].name == slot.name) {
            let _ =
                loa::selection::build_airing(plan, slot, first.instant, &history.slot(&slot.name));
        }
    }
}

/// Every reading of one log line: layout, header, hash, the kind's fields,
/// the checkpoint reading, and each kind's data reader on its `data`.
pub fn airlog_line_case(line: &[u8]) {
    if let Ok(raw) = split_line(line) {
        let _ = parse_header(raw.body);
    }
    let _ = check_envelope(line);
    if let Ok(checked) = check_line(line) {
        let _ = checked.kind();
        let _ = checked.hash();
    }
    let _ = HeldCheckpoint::from_line(line);
    if let Some(at) = memchr_data(line) {
        for name in KIND_NAMES {
            let _ = RecordKind::read_data(name, &line[at..]);
        }
    }
}

/// Where a `"data":` value would begin, if anywhere.
fn memchr_data(line: &[u8]) -> Option<usize> {
    let needle = b"\"data\":";
    line.windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + needle.len())
}

/// A whole month file: read back, verified (signatures and chain-only),
/// recovered as the daemon's start would, verified again, and reopened.
pub fn airlog_file_case(bytes: &[u8], key_seed: u8) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("air-2021-03.jsonl"), bytes).expect("write");
    if let Ok(records) = read_records(dir.path()) {
        for record in records {
            if let Err(error) = record {
                let _ = error.to_string();
            }
        }
    }
    let verify = |signatures| {
        let source = DirSource::open(dir.path()).expect("dir");
        let options = VerifyOptions {
            signatures,
            threads: 1,
            ..VerifyOptions::default()
        };
        let verdict = verify_source(&source, &options);
        let _ = verdict_text(&verdict, TimesIn::Unknown);
    };
    verify(SignatureCheck::Batch);
    verify(SignatureCheck::Skip);
    let key = ed25519_dalek::SigningKey::from_bytes(&[key_seed; 32]);
    let at = Utc
        .with_ymd_and_hms(2021, 3, 31, 23, 0, 0)
        .single()
        .expect("time");
    for _ in 0..2 {
        if let Ok((log, _)) = AirLog::open(dir.path(), "fuzz/station", key.clone(), at) {
            drop(log);
        }
        verify(SignatureCheck::Batch);
    }
}

/// A key file and a public key file holding `bytes`.
pub fn key_file_case(bytes: &[u8]) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let secret = dir.path().join("station.key");
    std::fs::write(&secret, bytes).expect("write");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let _ = load_signing_key(&secret).map_err(|e| e.to_string());
    let public = dir.path().join("station.pub");
    std::fs::write(&public, bytes).expect("write");
    let _ = PublicKeyFile::read(&public).map_err(|e| e.to_string());
    let _ = HeldCheckpoint::read(&public).map_err(|e| e.to_string());
}

/// An export bundle as `loa verify FILE` and `loa report FILE` read it:
/// opened (its small members read), its month files verified in place from
/// the tar (with and without signatures), `report.json` read, and a report
/// of its period built from it and written as JSON.
pub fn bundle_case(bytes: &[u8]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("export.tar");
    std::fs::write(&path, bytes).expect("write");
    match Bundle::open(&path) {
        Err(error) => {
            let _ = error.to_string();
        }
        Ok(bundle) => {
            let _ = bundle.timezone();
            let _ = bundle.read_member("report.json");
            for signatures in [SignatureCheck::Batch, SignatureCheck::Skip] {
                let options = VerifyOptions {
                    signatures,
                    threads: 1,
                    ..VerifyOptions::default()
                };
                let verdict = verify_source(&bundle, &options);
                let _ = verdict_text(&verdict, TimesIn::Manifest(bundle.timezone()));
            }
        }
    }
    let Ok(inputs) = inputs_at(&path, chrono_tz::Asia::Ho_Chi_Minh) else {
        return;
    };
    let options = ReportOptions {
        period: Period::parse("2026-Q4", Cutoff::Calendar).expect("period"),
        verify: VerifyOptions {
            threads: 1,
            ..VerifyOptions::default()
        },
        date: NaiveDate::from_ymd_opt(2027, 1, 5).expect("date"),
        catalogue: Catalogue::default(),
        units: loa::config::Units::default(),
    };
    if let Ok(report) = build_report(inputs, options) {
        let _ = loa::report::json::write_json(&report, &mut Vec::new());
    }
}

/// Whether every seed bundle opens and verifies unmodified: a broken
/// harness (or seeds) would make every case an early error.
pub fn seed_bundles_verify(seeds: &[Vec<u8>]) -> bool {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("export.tar");
    seeds.iter().all(|bytes| {
        std::fs::write(&path, bytes).expect("write");
        let options = VerifyOptions {
            threads: 1,
            ..VerifyOptions::default()
        };
        Bundle::open(&path).is_ok_and(|bundle| verify_source(&bundle, &options).is_ok())
    })
}

/// The verdict as `loa verify` prints it: rendering must not panic either.
fn verdict_text(verdict: &loa::airlog::verify::StationVerdict, times_in: TimesIn) -> String {
    VerdictText { verdict, times_in }.to_string()
}
