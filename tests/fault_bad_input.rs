//! Bad input from the station's disk, through the real binary: audio files
//! that are truncated, empty, misnamed, huge or not audio at all, and
//! paths that try to leave the playlists folder or cannot be named in
//! UTF-8. Each must be reported with its reason (`loa check`), or skipped
//! with its reason at airing time (`loa run`), never a crash or a hang, and
//! never a read outside the playlists folder.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/fault/mod.rs"]
mod fault_support;

use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{StationDir, stderr, stdout};
use loa::airlog::RecordKind;
use loa::airlog::record::{AiringEnd, SegmentOutcome};

/// A station in UTC with one slot, `thu`, whose rule and playlist follow.
fn station_with_slot(slot: &str) -> String {
    format!(
        "[station]\nid = \"test/bad-input\"\nname = \"Đài thử nghiệm\"\ntimezone = \"UTC\"\noutput = \"null\"\n\
         playlists = \"../playlists\"\nlog_dir = \"../var/airlog\"\nkey = \"../var/station.key\"\n\
         grace = \"1s\"\n\n[[slot]]\nname = \"thu\"\n{slot}"
    )
}

/// A station whose slot airs the folder playlist `thu` (topic 1).
fn folder_station(max: &str) -> StationDir {
    let station = station_with_slot(&format!(
        "at = [\"05:30\"]\nplaylist = \"thu\"\nmax = \"{max}\"\n"
    ));
    let s = StationDir::with(&station, common::PLAYLIST);
    s.write("playlists/thu/playlist.toml", "topic = 1\n");
    s.tone("playlists/thu/00-good.wav", 1.0, 440.0);
    s
}

/// `loa check`, failing the test on a crash or a run over 60 s.
fn check(station: &StationDir) -> Output {
    let started = Instant::now();
    let output = station.loa(&["check"]);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "loa check took {:?}",
        started.elapsed()
    );
    assert!(
        !stderr(&output).contains("panicked"),
        "loa check panicked:\n{}",
        stderr(&output)
    );
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    output
}

fn reported(output: &Output, name: &str, reason: &str) {
    let text = format!("{}{}", stdout(output), stderr(output));
    let line = text
        .lines()
        .find(|l| l.contains(name) && l.contains(reason))
        .unwrap_or_else(|| panic!("no {reason:?} for {name} in:\n{text}"));
    assert!(!line.is_empty());
}

/// A file's first half: a recording cut short by a failed copy.
fn truncated_copy(from: &Path, to: &Path) {
    let bytes = std::fs::read(from).expect("read");
    std::fs::write(to, &bytes[..bytes.len() / 2]).expect("write");
}

/// The first halves of a bundled ogg, mp3 and flac recording in `dir`.
fn truncated_bundled_files(dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("playlists/cchc");
    for (from, to) in [
        ("01-y-nghia-muc-tieu.ogg", "01-truncated.ogg"),
        ("02-thanh-tuu-cua-tinh.mp3", "02-truncated.mp3"),
        ("08-bo-phan-mot-cua.flac", "03-truncated.flac"),
    ] {
        truncated_copy(&repo.join(from), &dir.join(to));
    }
}

/// A WAV header for 8 kHz mono 16-bit and a sparse data part of `bytes`
/// (takes no disk space; reading it gives zeros).
fn huge_wav(path: &Path, bytes: u64) {
    let data = u32::try_from(bytes).unwrap_or(u32::MAX);
    let mut header = Vec::new();
    header.extend_from_slice(b"RIFF");
    header.extend_from_slice(&data.saturating_add(36).to_le_bytes());
    header.extend_from_slice(b"WAVEfmt ");
    header.extend_from_slice(&16u32.to_le_bytes());
    header.extend_from_slice(&1u16.to_le_bytes());
    header.extend_from_slice(&1u16.to_le_bytes());
    header.extend_from_slice(&8_000u32.to_le_bytes());
    header.extend_from_slice(&16_000u32.to_le_bytes());
    header.extend_from_slice(&2u16.to_le_bytes());
    header.extend_from_slice(&16u16.to_le_bytes());
    header.extend_from_slice(b"data");
    header.extend_from_slice(&data.to_le_bytes());
    std::fs::write(path, &header).expect("header");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open");
    file.set_len(44 + bytes).expect("sparse");
}

#[test]
fn bad_audio_files_in_a_folder_playlist_are_each_reported_with_a_reason() {
    let s = folder_station("15m");
    let dir = s.root().join("playlists/thu");
    truncated_bundled_files(&dir);
    s.write("playlists/thu/04-empty.mp3", "");
    s.write(
        "playlists/thu/05-text.ogg",
        "Thông báo: họp dân lúc 19 giờ\n",
    );
    let noise: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    s.write_bytes("playlists/thu/06-noise.flac", &noise);
    s.write_bytes(
        "playlists/thu/07-program.wav",
        &std::fs::read("/bin/true").expect("elf"),
    );
    huge_wav(&dir.join("08-huge.wav"), 3 << 30);
    std::fs::create_dir(dir.join("09-folder.ogg")).expect("mkdir");
    // A WAV named .mp3: read by its content, it is fine.
    s.tone("playlists/thu/10-wav-named.mp3", 1.0, 550.0);

    let output = check(&s);
    assert_eq!(output.status.code(), Some(1), "errors reported");
    reported(&output, "03-truncated.flac", "cut short");
    for name in [
        "04-empty.mp3",
        "05-text.ogg",
        "06-noise.flac",
        "07-program.wav",
    ] {
        reported(&output, name, "error");
    }
    reported(&output, "08-huge.wav", "longer than slot");
    let text = stderr(&output);
    assert!(
        !text.contains("10-wav-named.mp3"),
        "a WAV named .mp3 plays: {text}"
    );
}

/// Regression: half of an Ogg Vorbis file (its last page lacks the
/// end-of-stream flag) and half of a CBR MP3 (no Xing header: its last
/// frame is incomplete) were taken as shorter recordings and aired cut off
/// mid-word, without a message, where FLAC and WAV truncations are
/// reported ("the file is cut short").
#[test]
fn truncated_ogg_and_mp3_are_reported_as_cut_short() {
    let s = folder_station("15m");
    truncated_bundled_files(&s.root().join("playlists/thu"));
    let output = check(&s);
    reported(&output, "01-truncated.ogg", "cut short");
    reported(&output, "02-truncated.mp3", "cut short");
}

#[test]
fn device_files_and_pipes_in_the_playlists_folder_neither_hang_nor_read_forever() {
    let s = folder_station("15m");
    let dir = s.root().join("playlists/thu");
    let fifo =
        std::ffi::CString::new(dir.join("01-pipe.wav").as_os_str().as_bytes()).expect("path");
    // SAFETY: mkfifo on a NUL-terminated path this test owns.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    // A character device like /dev/zero, inside the folder (root only).
    let zero =
        std::ffi::CString::new(dir.join("02-zero.wav").as_os_str().as_bytes()).expect("path");
    // SAFETY: mknod on a NUL-terminated path this test owns.
    let made = unsafe { libc::mknod(zero.as_ptr(), libc::S_IFCHR | 0o644, libc::makedev(1, 5)) };
    std::os::unix::fs::symlink("/dev/zero", dir.join("03-link-to-zero.wav")).expect("link");
    std::os::unix::fs::symlink("/dev/stdin", dir.join("04-link-to-stdin.wav")).expect("link");
    let output = check(&s);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    reported(&output, "01-pipe.wav", "error");
    if made == 0 {
        reported(&output, "02-zero.wav", "error");
    }
    reported(
        &output,
        "03-link-to-zero.wav",
        "outside the playlists folder",
    );
    reported(
        &output,
        "04-link-to-stdin.wav",
        "outside the playlists folder",
    );
}

#[test]
fn vietnamese_names_in_nfc_and_nfd_both_air() {
    use unicode_normalization::UnicodeNormalization;
    let s = folder_station("15m");
    let nfc: String = "01-đường-dây-nóng.wav".nfc().collect();
    let nfd: String = "02-thông-báo-xâm-nhập-mặn.wav".nfd().collect();
    s.tone(&format!("playlists/thu/{nfc}"), 0.5, 440.0);
    s.tone(&format!("playlists/thu/{nfd}"), 0.5, 660.0);
    let output = check(&s);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let schedule = s.loa(&["schedule", "--days", "1", "--json"]);
    let text = stdout(&schedule);
    assert!(text.contains("đường-dây-nóng"), "{text}");
    let nfc_of_nfd: String = "thông-báo-xâm-nhập-mặn".nfc().collect();
    assert!(
        text.contains(&nfc_of_nfd),
        "the log and reports use NFC: {text}"
    );
}

/// Regression: a file whose name is not UTF-8 (an old Windows copy, a
/// Latin-1 USB stick) was passed over in silence; the station must say so.
#[test]
fn a_file_name_that_is_not_utf8_is_reported() {
    let s = folder_station("15m");
    let dir = s.root().join("playlists/thu");
    let name = std::ffi::OsStr::from_bytes(b"05-th\xf4ng-b\xe1o.wav");
    common::write_tone(&dir.join(name), 0.5, 440.0);
    let output = check(&s);
    let text = format!("{}{}", stdout(&output), stderr(&output));
    assert!(
        text.contains("05-th"),
        "the file is named in a message:\n{text}"
    );
}

#[test]
fn a_file_name_that_is_not_utf8_never_crashes() {
    let s = folder_station("15m");
    let dir = s.root().join("playlists/thu");
    common::write_tone(
        &dir.join(std::ffi::OsStr::from_bytes(b"05-th\xf4ng-b\xe1o.wav")),
        0.5,
        440.0,
    );
    std::fs::write(
        s.root()
            .join("playlists")
            .join(std::ffi::OsStr::from_bytes(b"l\xe0ng.toml")),
        "title = \"x\"\n",
    )
    .expect("write");
    let output = check(&s);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// A playlist may only make the daemon read audio inside the playlists
/// folder. Segment paths are checked (`..`, absolute, links: see
/// tests/check_errors.rs); here, the playlist files themselves.
/// (Regression: a playlist TOML linked from outside was read, and its
/// lines were shown in the TOML error.)
#[test]
fn a_playlist_file_linked_from_outside_the_playlists_folder_is_not_read() {
    let s = StationDir::new();
    s.write("secret.txt", "password = \"hunter2\"\n");
    std::os::unix::fs::symlink(
        s.root().join("secret.txt"),
        s.root().join("playlists/x.toml"),
    )
    .expect("link");
    let output = check(&s);
    let text = format!("{}{}", stdout(&output), stderr(&output));
    assert!(!text.contains("hunter2"), "outside file shown:\n{text}");
}

#[test]
fn a_folder_playlist_linked_out_of_the_playlists_folder_airs_nothing_from_outside() {
    let s = StationDir::new();
    s.write("outside/playlist.toml", "topic = 1\n");
    s.tone("outside/a.wav", 0.5, 440.0);
    std::os::unix::fs::symlink(s.root().join("outside"), s.root().join("playlists/ngoai"))
        .expect("link");
    let output = check(&s);
    let text = stderr(&output);
    assert!(
        text.contains("outside the playlists folder"),
        "the link is refused:\n{text}"
    );
}

// ---- at airing time -------------------------------------------------------

fn every_5s() -> String {
    station_with_slot("cron = \"*/5 * * * * *\"\nplaylist = \"cchc\"\nmax = \"4s\"\n")
}

fn four_segments() -> String {
    (1..=4)
        .map(|n| format!("[[segment]]\nfile = \"cchc/0{n}.wav\"\ntopic = 1\n\n"))
        .collect()
}

fn airing_ends(station: &StationDir) -> Vec<AiringEnd> {
    loa::airlog::read_records(&station.root().join("var/airlog"))
        .map(|records| {
            records
                .flatten()
                .filter_map(|r| match r.kind {
                    RecordKind::AiringEnd(end) => Some(end),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Files damaged on disk after the station was loaded: each is skipped at
/// airing time with its reason, the good one airs, the daemon goes on, and
/// once the files are repaired the next airing airs them all. The daemon
/// speaks Vietnamese, as a station's service does, yet the log holds the
/// reasons in English (machine output), which readers recognise and show in
/// their own language.
#[test]
fn audio_damaged_after_loading_is_skipped_at_airing_time_with_a_reason() {
    let s = StationDir::with(&every_5s(), &four_segments());
    for n in 1..=4 {
        s.tone(
            &format!("playlists/cchc/0{n}.wav"),
            0.5,
            300.0 + 100.0 * n as f64,
        );
    }
    let mut child =
        fault_support::spawn_daemon_with(s.root(), &s.config(), &[("LOA_LANG", Path::new("vi"))]);
    let started = Instant::now();
    while !s.root().join("var/loa.sock").exists() {
        assert!(started.elapsed() < Duration::from_secs(20), "never started");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Damage three of the four files (the reload this triggers fails: the
    // loaded plan stays in force).
    let dir = s.root().join("playlists/cchc");
    truncated_copy(&dir.join("01.wav"), &dir.join("01.tmp"));
    std::fs::rename(dir.join("01.tmp"), dir.join("01.wav")).expect("rename");
    std::fs::write(dir.join("02.wav"), b"").expect("empty");
    std::fs::write(dir.join("03.wav"), b"not audio at all").expect("text");
    let damaged_at = chrono::Utc::now();
    let wait_for = |n: usize| {
        let limit = Instant::now() + Duration::from_secs(30);
        loop {
            let ends: Vec<_> = airing_ends(&s)
                .into_iter()
                .filter(|e| e.scheduled > damaged_at + chrono::Duration::seconds(2))
                .collect();
            if ends.len() >= n {
                return ends;
            }
            assert!(Instant::now() < limit, "airings stopped: {ends:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let damaged = wait_for(1)[0].clone();
    for n in 1..=4 {
        s.tone(
            &format!("playlists/cchc/0{n}.wav"),
            0.5,
            300.0 + 100.0 * n as f64,
        );
    }
    let repaired_at = chrono::Utc::now();
    let limit = Instant::now() + Duration::from_secs(30);
    let repaired = loop {
        if let Some(end) = airing_ends(&s)
            .into_iter()
            .find(|e| e.scheduled > repaired_at + chrono::Duration::seconds(2))
        {
            break end;
        }
        assert!(Instant::now() < limit, "no airing after the repair");
        std::thread::sleep(Duration::from_millis(100));
    };
    fault_support::terminate(&mut child);

    let outcomes: Vec<&SegmentOutcome> = damaged.segments.iter().map(|s| &s.outcome).collect();
    assert!(
        matches!(outcomes[1], SegmentOutcome::Skipped { reason } if !reason.is_empty()),
        "empty file skipped with a reason: {outcomes:?}"
    );
    assert!(
        matches!(outcomes[2], SegmentOutcome::Skipped { reason } if !reason.is_empty()),
        "text file skipped with a reason: {outcomes:?}"
    );
    assert!(
        damaged.segments[0].aired_ms < 500,
        "the truncated file aired only what it holds: {:?}",
        damaged.segments[0]
    );
    assert_eq!(outcomes[3], &SegmentOutcome::Aired, "{outcomes:?}");
    for outcome in &outcomes[1..3] {
        let SegmentOutcome::Skipped { reason } = outcome else {
            continue;
        };
        assert!(reason.is_ascii(), "not English in the log: {reason}");
        let shown = loa::text::reason::logged_in(loa::text::lang::Lang::Vi, reason);
        assert_ne!(
            &shown, reason,
            "a reason readers cannot translate: {reason}"
        );
    }
    assert!(
        repaired
            .segments
            .iter()
            .all(|s| s.outcome == SegmentOutcome::Aired),
        "after the repair all air: {repaired:?}"
    );
    let verdict = {
        let source =
            loa::airlog::verify::DirSource::open(&s.root().join("var/airlog")).expect("log");
        loa::airlog::verify::verify_source(&source, &Default::default())
    };
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
}

/// The same truncated files at airing time (damaged after `loa check`):
/// the playout's decoder refuses them with the reason, so the segment is
/// skipped rather than aired until it stops mid-word.
#[test]
fn truncated_ogg_and_mp3_are_refused_by_the_playout_decoder() {
    let dir = tempfile::tempdir().expect("temp dir");
    truncated_bundled_files(dir.path());
    for name in ["01-truncated.ogg", "02-truncated.mp3"] {
        let refused = loa::audio::Decoder::open(&dir.path().join(name))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(refused.contains("cut short"), "{name}: {refused:?}");
    }
}
