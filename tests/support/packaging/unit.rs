//! What the tests of the packaged systemd units share: reading a unit's
//! settings, writing it for the binary under test, and asking
//! `systemd-analyze` (where installed) whether it accepts the unit
//! without a word and how exposed it leaves the service.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the package installs the binary the units start.
pub const INSTALLED_BINARY: &str = "/usr/bin/loa";

/// The values `unit` sets for `key`, in order (comments dropped).
pub fn values_of<'a>(unit: &'a str, key: &str) -> Vec<&'a str> {
    unit.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with(['#', ';', '[']))
        .filter_map(|line| line.split_once('='))
        .filter(|(k, _)| *k == key)
        .map(|(_, v)| v)
        .collect()
}

/// Whether `systemd-analyze` is installed; says so when it is not (the
/// tests that need it then pass without checking).
pub fn systemd_analyze_available() -> bool {
    let found = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("skipped: systemd-analyze not installed (apt-get install systemd)");
    }
    found
}

/// `unit` with its ExecStart pointed at the binary under test (verify
/// checks that the command exists), written as `dir/name`.
pub fn unit_for_this_build(unit: &str, name: &str, dir: &Path) -> PathBuf {
    let ours = unit.replace(
        &format!("ExecStart={INSTALLED_BINARY} "),
        &format!("ExecStart={} ", env!("CARGO_BIN_EXE_loa")),
    );
    assert_ne!(ours, unit, "ExecStart no longer starts {INSTALLED_BINARY}");
    let path = dir.join(name);
    std::fs::write(&path, ours).expect("write the unit");
    path
}

/// `systemd-analyze verify` accepts the unit at `path` and says nothing
/// about it (unknown keys and bad values are only warnings, exit 0).
pub fn assert_verify_says_nothing(path: &Path) {
    let out = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(path)
        .output()
        .expect("run systemd-analyze");
    let said =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "verify failed: {said}");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let about_the_unit: Vec<&str> = said.lines().filter(|l| l.contains(name)).collect();
    assert!(about_the_unit.is_empty(), "{about_the_unit:#?}");
}

/// `systemd-analyze security` rates the unit at `path` at most
/// `tenths` / 10 (its `--threshold` is the exposure times ten).
pub fn assert_exposure_at_most(path: &Path, tenths: u32) {
    let out = Command::new("systemd-analyze")
        .args(["security", "--offline=yes", "--no-pager"])
        .arg(format!("--threshold={tenths}"))
        .arg(path)
        .output()
        .expect("run systemd-analyze security");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
