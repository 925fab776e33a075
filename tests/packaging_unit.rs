//! packaging/loa.service: systemd accepts it (`systemd-analyze verify`,
//! where installed), it keeps the hardening a daemon with one state
//! directory and a sound card can take, and it starts the binary the
//! package installs with the config the package installs.

use std::process::Command;

#[path = "support/packaging/unit.rs"]
mod unit_support;
use unit_support::INSTALLED_BINARY;

const UNIT: &str = include_str!("../packaging/loa.service");
const INSTALLED_CONFIG: &str = "/etc/loa/station.toml";

fn values_of(key: &str) -> Vec<&'static str> {
    unit_support::values_of(UNIT, key)
}

#[test]
fn systemd_analyze_verify_accepts_the_unit_without_a_word() {
    if !unit_support::systemd_analyze_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let unit = unit_support::unit_for_this_build(UNIT, "loa.service", dir.path());
    unit_support::assert_verify_says_nothing(&unit);
}

#[test]
fn the_exposure_score_stays_under_two() {
    if !unit_support::systemd_analyze_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let unit = unit_support::unit_for_this_build(UNIT, "loa.service", dir.path());
    // Fail above 2.0. The score was 0.8 with no network at all; the IP
    // sockets relay slots and the province's hub need (a station installed
    // from the package must be able to relay VOV) cost 0.8 of systemd's
    // heuristic: 1.6, "OK".
    unit_support::assert_exposure_at_most(&unit, 20);
}

#[test]
fn the_unit_keeps_the_hardening_and_the_notify_protocol() {
    for (key, value) in [
        ("Type", "notify"),
        ("Restart", "always"),
        ("User", "loa"),
        ("SupplementaryGroups", "audio"),
        ("StateDirectory", "loa"),
        ("StateDirectoryMode", "0700"),
        ("UMask", "0077"),
        ("ProtectSystem", "strict"),
        ("ProtectHome", "yes"),
        ("NoNewPrivileges", "yes"),
        ("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6"),
        ("DevicePolicy", "closed"),
        ("DeviceAllow", "char-alsa rw"),
        ("CapabilityBoundingSet", ""),
        ("MemoryDenyWriteExecute", "yes"),
        ("SystemCallErrorNumber", "EPERM"),
    ] {
        assert_eq!(values_of(key), [value], "{key}=");
    }
    let watchdog = values_of("WatchdogSec");
    assert_eq!(watchdog, ["30s"], "the daemon pings at half of it");
}

#[test]
fn the_filter_lets_the_daemon_start_its_device_process() {
    // `@system-service` includes fork/exec; a filter that drops
    // @process would kill `loa output-worker` at its first airing.
    let filters = values_of("SystemCallFilter");
    assert_eq!(filters.first(), Some(&"@system-service"));
    assert!(
        !filters.iter().any(|f| f.contains("@process")),
        "{filters:?}"
    );
    // No read-only /dev: the sound card is /dev/snd.
    assert!(values_of("PrivateDevices").is_empty());
}

#[test]
fn exec_start_runs_the_daemon_on_the_packaged_config_with_arguments_loa_accepts() {
    let exec = values_of("ExecStart");
    let expected = format!("{INSTALLED_BINARY} run --config {INSTALLED_CONFIG}");
    assert_eq!(exec, [expected.as_str()]);
    // The same arguments, with a config that is not there: loa must get
    // as far as looking for it (clap accepted the command line).
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("station.toml");
    let out = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["run", "--config"])
        .arg(&missing)
        .output()
        .expect("run loa");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(!stderr.contains("Usage:"), "{stderr}");
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
}
