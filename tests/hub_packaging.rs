//! packaging/loa-hub.service and packaging/hub.toml: systemd accepts the
//! unit without a word, its exposure stays low, it starts the hub on the
//! packaged config, and the packaged config is one `loa hub` reads (only
//! its registry folder is missing until the province makes it).

use std::process::Command;

#[path = "support/packaging/unit.rs"]
mod unit_support;

const UNIT: &str = include_str!("../packaging/loa-hub.service");
const CARGO: &str = include_str!("../Cargo.toml");

fn values_of(key: &str) -> Vec<&'static str> {
    unit_support::values_of(UNIT, key)
}

#[test]
fn systemd_accepts_the_hub_unit_and_its_exposure_stays_low() {
    if !unit_support::systemd_analyze_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let unit = unit_support::unit_for_this_build(UNIT, "loa-hub.service", dir.path());
    unit_support::assert_verify_says_nothing(&unit);
    // A network service cannot be as closed as the station's daemon; the
    // exposure stays at or under 2.0, "OK".
    unit_support::assert_exposure_at_most(&unit, 20);
}

#[test]
fn the_unit_runs_the_hub_on_the_packaged_config_with_its_hardening() {
    assert_eq!(
        values_of("ExecStart"),
        ["/usr/bin/loa hub --config /etc/loa/hub.toml"]
    );
    for (key, value) in [
        ("Type", "notify"),
        ("User", "loa"),
        ("StateDirectory", "loa-hub"),
        ("UMask", "0077"),
        ("ProtectSystem", "strict"),
        ("NoNewPrivileges", "yes"),
        ("PrivateDevices", "yes"),
        ("CapabilityBoundingSet", "CAP_NET_BIND_SERVICE"),
        ("MemoryDenyWriteExecute", "yes"),
    ] {
        assert_eq!(values_of(key), [value], "{key}=");
    }
    assert!(
        CARGO.contains("unit-name = \"loa-hub\""),
        "the .deb installs the unit"
    );
    assert!(CARGO.contains("[\"packaging/hub.toml\", \"etc/loa/hub.toml\", \"644\"]"));
}

#[test]
fn the_packaged_hub_toml_loads_and_stops_at_the_registry_not_yet_made() {
    let output = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args([
            "hub",
            "-c",
            concat!(env!("CARGO_MANIFEST_DIR"), "/packaging/hub.toml"),
        ])
        .output()
        .expect("run loa hub");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    // The config loads; what stops it is the registry folder the province
    // has not made yet on this machine.
    assert!(stderr.contains("/etc/loa/hub/stations"), "{stderr}");
    assert!(!stderr.contains("hub.toml:"), "{stderr}");
}
