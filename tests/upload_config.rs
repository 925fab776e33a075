//! `[upload]` in station.toml: `loa check` finds a wrong hub address or an
//! unusable certificate file, with file, line and column.

#[path = "support/common/mod.rs"]
mod common;

use common::{PLAYLIST, StationDir, utc_station};

const SLOT: &str =
    "[[slot]]\nname = \"sang\"\nat = [\"05:30\"]\nplaylist = \"cchc\"\nmax = \"15m\"\n";

fn station_with(upload: &str) -> StationDir {
    let config = format!("{}\n{upload}", utc_station("upload", SLOT));
    StationDir::with(&config, PLAYLIST)
}

#[test]
fn a_valid_upload_section_passes_check() {
    let station = station_with("[upload]\nhub = \"https://hub.example.vn\"\nca = \"hub-ca.pem\"\n");
    let pem = rcgen::generate_simple_self_signed(vec!["hub.example.vn".to_string()])
        .expect("certificate")
        .cert
        .pem();
    station.write("config/hub-ca.pem", &pem);
    let output = station.loa(&["check"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
}

#[test]
fn a_hub_address_that_is_not_https_is_an_error_where_it_is_written() {
    let station = station_with("[upload]\nhub = \"http://hub.example.vn\"\n");
    common::expect_error(&station, "not a hub address", "station.toml:16:7");
}

#[test]
fn a_missing_or_empty_certificate_file_is_an_error() {
    let station =
        station_with("[upload]\nhub = \"https://hub.example.vn\"\nca = \"nowhere.pem\"\n");
    common::expect_error(&station, "certificate file", "station.toml:17:6");
    station.write("config/nowhere.pem", "not a certificate\n");
    common::expect_error(&station, "no PEM certificate", "station.toml:17:6");
}

#[test]
fn upload_needs_its_hub_and_knows_its_keys() {
    let station = station_with("[upload]\nca = \"x.pem\"\nhubb = \"https://x.vn\"\n");
    common::expect_error(&station, "`hub`", "station.toml:15:1");
    common::expect_error(&station, "hubb", "station.toml:17:1");
}
