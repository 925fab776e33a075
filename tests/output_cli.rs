//! The command-line side of outputs, through the real binary: `loa
//! devices` and the hidden `loa output-worker`.

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/output/mod.rs"]
mod output_support;

use std::process::{Command, Stdio};

use output_support::*;

fn loa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_loa"))
}

#[test]
fn devices_lists_the_names_output_accepts() {
    let Some(asoundrc) = paced_asoundrc() else {
        return;
    };
    let out = loa()
        .arg("devices")
        .env("ALSA_CONFIG_PATH", &asoundrc)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert_eq!(names, ["default", "studio_a"], "{text}");
    assert!(text.contains("Studio A test output"), "{text}");
    assert!(
        text.contains("wav:PATH") && text.contains("\"null\""),
        "{text}"
    );
}

/// An ALSA configuration with no sound card and no configured output, as
/// on a machine with none (the same whatever cards the test machine has).
fn no_outputs_config(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("no-outputs.asoundrc");
    std::fs::write(&path, "# nothing: no card, no output\n").unwrap();
    path
}

/// Regression (issue 13, item 6): on a machine with no sound card, `loa
/// devices` listed `default  Default Audio Device`, a name that cannot
/// open. It lists what exists, and says when nothing does.
#[test]
fn devices_says_so_when_the_machine_has_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut configs = vec![no_outputs_config(dir.path())];
    // This machine's own ALSA, when the kernel knows no sound card.
    let no_card_here = !std::path::Path::new("/proc/asound/cards").exists();
    let system = std::path::PathBuf::from("/usr/share/alsa/alsa.conf");
    if no_card_here && system.is_file() {
        configs.push(system);
    }
    for config in configs {
        let out = loa()
            .arg("devices")
            .env("ALSA_CONFIG_PATH", &config)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("No audio output on this machine"),
            "{config:?}: {text}"
        );
        let listed: Vec<&str> = text.lines().filter(|line| line.starts_with("  ")).collect();
        assert!(listed.is_empty(), "{config:?}: nothing is listed: {text}");
        assert!(!text.contains("default"), "{config:?}: {text}");
    }
}

/// `loa check` of a station airing to `default`, under the ALSA
/// configuration `alsa`: its exit status and what it said on stderr.
fn check_with_alsa(alsa: &std::path::Path) -> (Option<i32>, String) {
    let station = common::StationDir::new();
    let out = loa()
        .args(["check", "-c"])
        .arg(station.config())
        .env("ALSA_CONFIG_PATH", alsa)
        .env("LOA_ALSA_CAPTURE", station.root().join("capture.raw"))
        .output()
        .unwrap();
    (out.status.code(), common::stderr(&out))
}

/// Regression (issue 13, item 6): with no sound card at all, `loa check`
/// of a station airing to `default` said nothing. It warns, and passes (a
/// USB card may come later); with an output there, it does not warn.
#[test]
fn check_warns_but_passes_when_the_default_output_is_not_there() {
    let dir = tempfile::tempdir().unwrap();
    let (code, said) = check_with_alsa(&no_outputs_config(dir.path()));
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("warning: the sound device \"default\" named by `output =` is not there now"),
        "{said}"
    );
    let Some(asoundrc) = paced_asoundrc() else {
        return;
    };
    let (code, said) = check_with_alsa(&asoundrc);
    assert_eq!(code, Some(0), "{said}");
    assert!(!said.contains("is not there now"), "{said}");
}

#[test]
fn the_worker_is_hidden_from_help_and_devices_is_not() {
    let out = loa().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("devices"), "{help}");
    assert!(!help.contains("output-worker"), "{help}");
}

#[test]
fn worker_reports_an_unknown_device_on_its_status_line_and_exits_3() {
    let Some(asoundrc) = paced_asoundrc() else {
        return;
    };
    let out = loa()
        .args(["output-worker", "--device", "studio-b"])
        .env("ALSA_CONFIG_PATH", &asoundrc)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let status = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        status.trim(),
        r#"{"event":"failed","failure":{"kind":"no-such-device","detail":{"suggestion":"studio_a"}}}"#
    );
}

#[test]
fn worker_with_no_input_opens_the_device_and_ends_cleanly() {
    let Some(asoundrc) = paced_asoundrc() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = loa()
        .args(["output-worker", "--device=default"])
        .env("ALSA_CONFIG_PATH", &asoundrc)
        .env("LOA_ALSA_CAPTURE", dir.path().join("capture.raw"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let status = String::from_utf8(out.stdout).unwrap();
    let events: Vec<serde_json::Value> = status
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(events.first().unwrap()["event"], "ready", "{status}");
    assert_eq!(events.first().unwrap()["format"], "i16", "{status}");
    assert_eq!(events.last().unwrap()["event"], "bye", "{status}");
}

/// Regression: with no sound card, `loa play --file …` printed `failed: the
/// audio output was used before it was opened; 0s aired` and exited 0.
/// Nothing aired is an error, worded for the technician: which output, and
/// why it would not open.
#[test]
fn play_exits_non_zero_when_nothing_aired() {
    let station = common::StationDir::new();
    station.tone("thu-loa.wav", 1.0, 440.0);
    let file = station.root().join("thu-loa.wav");
    let out = station.loa(&[
        "play",
        "--file",
        file.to_str().expect("utf-8"),
        "--output",
        "no-such-card",
    ]);
    let said = common::stderr(&out);
    assert!(!out.status.success(), "exit 0 though nothing aired: {said}");
    assert!(
        said.contains("nothing aired through the output \"no-such-card\""),
        "{said}"
    );
    assert!(said.contains("no such output"), "{said}");
    assert!(!said.contains("used before it was opened"), "{said}");
}
