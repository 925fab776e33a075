//! What reaches the loudspeakers: segments made at very different levels
//! air at the station's loudness and under the true-peak ceiling, long
//! silent edges are skipped, and dead air is recorded and skipped. The real
//! binary (`loa play`, the same player and log as scheduled airings), real
//! decoding, the WAV air-check output, measured with `ebur128`. These run
//! in real time (10 to 35 s each).

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/levels/mod.rs"]
mod levels_support;

use std::path::{Path, PathBuf};

use common::{StationDir, stderr};
use levels_support::{Part, lufs, read_wav, true_peak, write_wav};
use loa::airlog::record::{AiringEnd, DeadAir, SegmentOutcome};
use loa::airlog::{RecordKind, read_records};

/// A UTC station whose slot `thu` airs playlist `cchc` in file order.
fn station(playlist: &str) -> StationDir {
    let station = r#"[station]
id = "test/loudness"
name = "Đài thử nghiệm"
timezone = "UTC"
playlists = "../playlists"
log_dir = "../var/airlog"
key = "../var/station.key"

[[slot]]
name = "thu"
at = ["05:30"]
playlist = "cchc"
max = "2m"
"#;
    StationDir::with(station, playlist)
}

/// A playlist of `files` under `cchc/`, in this order.
fn playlist_of(files: &[&str]) -> String {
    files
        .iter()
        .map(|file| format!("[[segment]]\nfile = \"cchc/{file}\"\ntopic = 1\n\n"))
        .collect()
}

/// Airs slot `thu` now into a WAV file; returns the audio, its rate, and
/// the log's records.
fn air(station: &StationDir) -> (Vec<f32>, u32, Vec<RecordKind>) {
    air_and_say(station).0
}

/// [`air`], and what `loa play` said when the airing was over.
fn air_and_say(station: &StationDir) -> ((Vec<f32>, u32, Vec<RecordKind>), String) {
    let wav = station.root().join("air.wav");
    let output = station.loa(&["play", "thu", "--output", &format!("wav:{}", wav.display())]);
    assert!(output.status.success(), "loa play: {}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    let (samples, rate) = read_wav(&wav);
    let records = read_records(&station.root().join("var/airlog"))
        .expect("log")
        .map(|r| r.expect("record reads back").kind)
        .collect();
    ((samples, rate, records), said)
}

fn airing_end(records: &[RecordKind]) -> &AiringEnd {
    let ends: Vec<&AiringEnd> = records
        .iter()
        .filter_map(|k| match k {
            RecordKind::AiringEnd(end) => Some(end),
            _ => None,
        })
        .collect();
    assert_eq!(ends.len(), 1, "one airing: {ends:?}");
    ends[0]
}

/// Each segment's stretch of the air-check (from the aired lengths in the
/// log), less 100 ms at each end (the limiter's look-ahead straddles
/// segment boundaries).
fn segment_audio<'a>(samples: &'a [f32], rate: u32, end: &AiringEnd) -> Vec<&'a [f32]> {
    let mut start = 0usize;
    end.segments
        .iter()
        .map(|segment| {
            let length = (segment.aired_ms as usize * rate as usize / 1000) * 2;
            let margin = (rate as usize / 10) * 2;
            let stretch = &samples[(start + margin).min(samples.len())
                ..(start + length).saturating_sub(margin).min(samples.len())];
            start += length;
            stretch
        })
        .collect()
}

fn assert_even_loudness_under_the_ceiling(samples: &[f32], rate: u32, end: &AiringEnd) {
    assert!(
        end.segments
            .iter()
            .all(|s| s.outcome == SegmentOutcome::Aired),
        "{end:?}"
    );
    for (segment, audio) in end.segments.iter().zip(segment_audio(samples, rate, end)) {
        let loudness = lufs(audio, rate);
        assert!(
            (loudness - -16.0).abs() <= 1.0,
            "{} aired at {loudness:.2} LUFS, not -16 ± 1",
            segment.file
        );
    }
    let ceiling = 10f32.powf(-1.0 / 20.0);
    let sample_peak = samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
    assert!(
        sample_peak <= ceiling,
        "a sample at {sample_peak} > -1 dBFS"
    );
    let peak = true_peak(samples, rate);
    assert!(peak <= -1.0, "true peak {peak:.2} dBTP over -1 dBTP");
}

#[test]
fn segments_made_at_minus_30_minus_16_and_minus_6_lufs_air_at_the_target() {
    let s = station(&playlist_of(&["quiet.wav", "normal.wav", "hot.wav"]));
    let dir = s.root().join("playlists/cchc");
    let speech = [Part::Speech {
        seconds: 8.0,
        longest_pause: 0.6,
    }];
    write_wav(&dir.join("quiet.wav"), &speech, Some(-30.0));
    write_wav(&dir.join("normal.wav"), &speech, Some(-16.0));
    write_wav(
        &dir.join("hot.wav"),
        &[Part::Hot { seconds: 8.0 }],
        Some(-6.0),
    );
    let (samples, rate, records) = air(&s);
    assert_even_loudness_under_the_ceiling(&samples, rate, airing_end(&records));
}

/// The demo playlists were produced at about -30, -16 and -8 LUFS on
/// purpose (playlists/README.md); one of each airs at an even loudness.
#[test]
fn the_bundled_demo_segments_air_at_an_even_loudness() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("playlists");
    let picks: [(PathBuf, &str); 3] = [
        (
            demo.join("cchc/16-nhac-lai-duong-day-nong.wav"),
            "quiet.wav",
        ),
        (demo.join("cchc/08-bo-phan-mot-cua.flac"), "normal.flac"),
        (demo.join("khmer/03-duong-day-nong-km.ogg"), "hot.ogg"),
    ];
    let s = station(&playlist_of(&picks.each_ref().map(|(_, name)| *name)));
    for (from, name) in &picks {
        std::fs::copy(from, s.root().join("playlists/cchc").join(name)).expect("copy demo");
    }
    let (samples, rate, records) = air(&s);
    assert_even_loudness_under_the_ceiling(&samples, rate, airing_end(&records));
}

/// Longest run of silent 10 ms blocks (below -50 dBFS RMS) between the
/// first and last sound, in seconds.
fn longest_inner_silence(samples: &[f32], rate: u32) -> f64 {
    let block = (rate as usize / 100) * 2;
    let silent: Vec<bool> = samples.chunks(block).map(loa::audio::is_silent).collect();
    let first = silent.iter().position(|s| !s).unwrap_or(0);
    let last = silent.iter().rposition(|s| !s).unwrap_or(0);
    let (mut longest, mut run) = (0, 0);
    for &s in &silent[first..=last] {
        run = if s { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest as f64 / 100.0
}

#[test]
fn long_silence_at_the_edges_of_segments_is_skipped() {
    let s = station(&playlist_of(&["tail.wav", "head.wav"]));
    let dir = s.root().join("playlists/cchc");
    let tone = Part::Tone { seconds: 2.0 };
    let (tail, head) = (
        [tone, Part::Silence { seconds: 10.0 }],
        [Part::Silence { seconds: 4.0 }, tone],
    );
    write_wav(&dir.join("tail.wav"), &tail, Some(-16.0));
    write_wav(&dir.join("head.wav"), &head, Some(-16.0));
    let (samples, rate, records) = air(&s);
    let end = airing_end(&records);
    assert!(
        end.segments
            .iter()
            .all(|s| s.outcome == SegmentOutcome::Aired)
    );
    let aired: Vec<u64> = end.segments.iter().map(|s| s.aired_ms).collect();
    assert!(
        aired.iter().all(|&ms| (2_900..3_100).contains(&ms)),
        "{aired:?}"
    );
    // One second of each edge is kept: two seconds between the tones, not
    // fourteen. (The air-check records as silence any moment the player
    // fell behind, which a debug build on a loaded machine can: hence the
    // upper bound; the aired lengths above are exact.)
    let gap = longest_inner_silence(&samples, rate);
    assert!(
        (1.9..3.0).contains(&gap),
        "silence between the tones: {gap} s"
    );
}

#[test]
fn a_thirty_second_silence_is_dead_air_and_skipped_but_pauses_in_speech_are_not() {
    let s = station(&playlist_of(&["speech.wav", "gap.wav", "after.wav"]));
    let dir = s.root().join("playlists/cchc");
    let speech = [Part::Speech {
        seconds: 10.0,
        longest_pause: 3.0,
    }];
    let gap = [
        Part::Speech {
            seconds: 2.0,
            longest_pause: 0.3,
        },
        Part::Silence { seconds: 30.0 },
        Part::Speech {
            seconds: 2.0,
            longest_pause: 0.3,
        },
    ];
    write_wav(&dir.join("speech.wav"), &speech, Some(-16.0));
    write_wav(&dir.join("gap.wav"), &gap, Some(-16.0));
    write_wav(
        &dir.join("after.wav"),
        &[Part::Tone { seconds: 2.0 }],
        Some(-16.0),
    );
    let ((samples, rate, records), said) = air_and_say(&s);
    assert!(said.contains("DEAD AIR 15"), "loa play says so: {said}");
    let dead_air: Vec<&DeadAir> = records
        .iter()
        .filter_map(|k| match k {
            RecordKind::DeadAir(d) => Some(d),
            _ => None,
        })
        .collect();
    assert_eq!(dead_air.len(), 1, "one dead_air record: {dead_air:?}");
    let record = dead_air[0];
    assert_eq!(record.file, "cchc/gap.wav");
    assert!((1_800..2_300).contains(&record.at_ms), "{record:?}");
    assert!((15_000..15_200).contains(&record.silent_ms), "{record:?}");
    let end = airing_end(&records);
    let outcomes: Vec<&SegmentOutcome> = end.segments.iter().map(|s| &s.outcome).collect();
    assert_eq!(
        outcomes[0],
        &SegmentOutcome::Aired,
        "pauses are not dead air"
    );
    assert!(
        matches!(outcomes[1], SegmentOutcome::DeadAir { silent_ms, .. } if *silent_ms == record.silent_ms),
        "{outcomes:?}"
    );
    assert_eq!(outcomes[2], &SegmentOutcome::Aired, "the next segment airs");
    // On air: the silence lasted the dead_air limit, not thirty seconds
    // (plus any moment a loaded machine made the player fall behind).
    let silence = longest_inner_silence(&samples, rate);
    assert!(
        (15.0..16.0).contains(&silence),
        "silent on air for {silence} s"
    );
    // The dead_air record comes before the airing_end that it explains.
    let position = |f: fn(&RecordKind) -> bool| records.iter().position(f);
    assert!(
        position(|k| matches!(k, RecordKind::DeadAir(_)))
            < position(|k| matches!(k, RecordKind::AiringEnd(_)))
    );
}

/// Regression: the 2 s fade began at `max − 2 s` whether or not the segment
/// ran that far, so a 4 s tone in a 5 s slot ended 5.6 dB down. A segment
/// that fits ends as its source does, after the loudness gain.
#[test]
fn a_segment_that_fits_its_slot_ends_at_full_level_without_a_fade() {
    let station = station(&playlist_of(&["tone.wav"]));
    station.write(
        "config/station.toml",
        &std::fs::read_to_string(station.config())
            .expect("station.toml")
            .replace("max = \"2m\"", "max = \"5s\""),
    );
    let source_path = station.root().join("playlists/cchc/tone.wav");
    // At the output's own rate, so that no resampling stands between the
    // source and the air-check.
    let source = tone_48k(4.0, 997.0, 0.1);
    write_48k(&source_path, &source);
    let (aired, rate, _) = air(&station);
    assert_eq!(rate, 48_000);
    let aired = trim_trailing_zeros(&aired);
    assert!(
        aired.len() >= source.len() / 2,
        "aired {} samples",
        aired.len()
    );
    // Ends aligned: compare the last half second, sample by sample.
    let tail = 48_000;
    let aired_tail = &aired[aired.len() - tail..];
    let source_tail = &source[source.len() - tail..];
    let middle = |s: &[f32]| rms(&s[s.len() / 2 - tail / 2..s.len() / 2 + tail / 2]);
    let gain = middle(aired) / middle(&source);
    let worst = aired_tail
        .iter()
        .zip(source_tail)
        .map(|(a, s)| (a - s * gain).abs())
        .fold(0.0f32, f32::max);
    assert!(
        worst <= 3.0 / 32_768.0,
        "the last half second differs from the source by up to {worst} (gain {gain})"
    );
    assert!(
        (rms(aired_tail) / (rms(source_tail) * gain) - 1.0).abs() < 0.001,
        "the end is at full level"
    );
}

/// A stereo sine tone at 48 kHz, as the 16-bit file will hold it.
fn tone_48k(seconds: f64, hertz: f64, amplitude: f64) -> Vec<f32> {
    (0..(seconds * 48_000.0) as usize)
        .flat_map(|n| {
            let value = (n as f64 / 48_000.0 * hertz * std::f64::consts::TAU).sin() * amplitude;
            let quantised = (value * f64::from(i16::MAX)).round() / f64::from(i16::MAX);
            [quantised as f32, quantised as f32]
        })
        .collect()
}

fn write_48k(path: &Path, interleaved: &[f32]) {
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: 48_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec).expect("wav");
    for sample in interleaved {
        let value = (sample * f32::from(i16::MAX)).round() as i16;
        writer.write_sample(value).expect("sample");
    }
    writer.finalize().expect("finalize");
}

fn trim_trailing_zeros(samples: &[f32]) -> &[f32] {
    let end = samples.iter().rposition(|s| *s != 0.0).map_or(0, |i| i + 1);
    &samples[..end + end % 2]
}

fn rms(samples: &[f32]) -> f32 {
    (samples.iter().map(|s| s * s).sum::<f32>() / samples.len().max(1) as f32).sqrt()
}
