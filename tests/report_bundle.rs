//! Export bundles against forgery: a slice of the chain carries its own
//! starting key, so what ties it to the station is the Department's filed
//! key or the checkpoint it kept from the previous export. A bundle whose
//! records were re-signed with another key (same bodies, same hashes) must
//! fail both.

#[path = "support/report/mod.rs"]
mod report_common;

use std::io::Read;
use std::path::Path;

use loa::airlog::codec::{NewRecord, encode_record};
use loa::airlog::key::{PublicKey, PublicKeyFile};
use loa::report::manifest::Manifest;
use loa::report::records::read_record;
use report_common::{Station, arg, loa_ok, local};

/// Reads every member of a tar.
fn members(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = tar::Archive::new(std::fs::File::open(path).unwrap());
    archive
        .entries()
        .unwrap()
        .map(|entry| {
            let mut entry = entry.unwrap();
            let name = entry.path().unwrap().to_string_lossy().into_owned();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (name, bytes)
        })
        .collect()
}

fn write_tar(path: &Path, members: &[(String, Vec<u8>)]) {
    let mut builder = tar::Builder::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in members {
        let mut header = tar::Header::new_ustar();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, name, bytes.as_slice())
            .unwrap();
    }
    builder.finish().unwrap();
}

/// Every record line re-signed by `key`: bodies and hashes unchanged.
fn resign(text: &[u8], key: &ed25519_dalek::SigningKey) -> Vec<u8> {
    let mut out = Vec::new();
    for line in text.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let record = read_record(line).unwrap();
        let encoded = encode_record(
            NewRecord {
                station: &record.station,
                seq: record.seq,
                prev: record.prev,
                at: record.at,
                kind: &record.kind,
            },
            key,
        )
        .unwrap();
        assert_eq!(encoded.hash, record.hash, "the body is unchanged");
        out.extend_from_slice(&encoded.line);
    }
    out
}

#[test]
fn a_slice_re_signed_with_another_key_fails_against_the_kept_checkpoint_and_the_filed_key() {
    let station = Station::new("soc-trang/my-xuyen/thanh-phu", 30);
    station.run(local(2026, 11, 28, 0), local(2026, 12, 1, 0));
    let dir = tempfile::tempdir().unwrap();
    let c = station.config();
    let first = dir.path().join("first.tar");
    station.export("2026-11", &first, "2026-12-01T00:00:00Z", &[]);
    station.run(local(2026, 12, 1, 8), local(2026, 12, 3, 0));
    let second = dir.path().join("second.tar");
    station.export("2026-12", &second, "2026-12-03T00:00:00Z", &[]);
    let pubkey = dir.path().join("station.pub");
    loa_ok(&["key", "show", "-c", arg(&c), "--out", arg(&pubkey)], 0);
    loa_ok(
        &[
            "verify",
            arg(&second),
            "--checkpoint",
            arg(&first),
            "--pubkey",
            arg(&pubkey),
        ],
        0,
    );

    // The forger re-signs the second export with a key of its own.
    let forger = ed25519_dalek::SigningKey::from_bytes(&[77; 32]);
    let mut forged: Vec<(String, Vec<u8>)> = members(&second)
        .into_iter()
        .map(|(name, bytes)| {
            let bytes = if name.starts_with("log/") || name == "checkpoint" {
                resign(&bytes, &forger)
            } else if name == "manifest.json" {
                let mut manifest: Manifest = serde_json::from_slice(&bytes).unwrap();
                manifest.first.key = PublicKey::of(&forger);
                serde_json::to_vec(&manifest).unwrap()
            } else if name == "station.pub" {
                let file = PublicKeyFile {
                    station: "soc-trang/my-xuyen/thanh-phu".into(),
                    key: PublicKey::of(&forger),
                };
                file.to_line().into_bytes()
            } else {
                bytes
            };
            (name, bytes)
        })
        .collect();
    let forged_path = dir.path().join("forged.tar");
    write_tar(&forged_path, &forged);
    // On its own it is self-consistent: that is all a bundle alone shows.
    loa_ok(&["verify", arg(&forged_path)], 0);
    let with_checkpoint = loa_ok(
        &[
            "verify",
            arg(&forged_path),
            "--checkpoint",
            arg(&first),
            "--json",
        ],
        1,
    );
    assert!(
        with_checkpoint.contains("forged_checkpoint"),
        "{with_checkpoint}"
    );
    let with_key = loa_ok(
        &[
            "verify",
            arg(&forged_path),
            "--pubkey",
            arg(&pubkey),
            "--json",
        ],
        1,
    );
    assert!(with_key.contains("key_not_filed"), "{with_key}");

    // A manifest that names the wrong starting key: every signature fails.
    for (name, bytes) in forged.iter_mut() {
        if name.starts_with("log/") || name == "checkpoint" {
            let original = members(&second)
                .into_iter()
                .find(|(n, _)| n == name)
                .unwrap();
            *bytes = original.1;
        }
    }
    write_tar(&forged_path, &forged);
    let wrong_key = loa_ok(&["verify", arg(&forged_path), "--json"], 1);
    assert!(wrong_key.contains("bad_signature"), "{wrong_key}");
}

#[test]
fn a_bundle_with_a_member_twice_is_refused() {
    let station = Station::new("soc-trang/my-xuyen/thanh-phu", 31);
    station.run(local(2026, 11, 28, 0), local(2026, 11, 29, 0));
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("b.tar");
    station.export("2026-11", &bundle, "2026-11-29T00:00:00Z", &[]);
    let mut all = members(&bundle);
    let log = all
        .iter()
        .find(|(n, _)| n.starts_with("log/"))
        .unwrap()
        .clone();
    all.push(log);
    write_tar(&bundle, &all);
    let out = report_common::loa(&["verify", arg(&bundle)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("appears twice"));
}

/// Regression: a bundle whose `checkpoint` member was another station's
/// checkpoint record was accepted, though a bundle's checkpoint must be in
/// its own log (docs/report.md).
#[test]
fn a_bundle_carrying_another_stations_checkpoint_is_rejected() {
    let ours = Station::new("soc-trang/my-xuyen/thanh-phu", 30);
    let theirs = Station::new("can-tho/vinh-hai", 31);
    for station in [&ours, &theirs] {
        station.run(local(2026, 11, 28, 0), local(2026, 12, 1, 0));
    }
    let dir = tempfile::tempdir().unwrap();
    let (our_bundle, their_bundle) = (dir.path().join("ours.tar"), dir.path().join("theirs.tar"));
    ours.export("2026-11", &our_bundle, "2026-12-01T00:00:00Z", &[]);
    theirs.export("2026-11", &their_bundle, "2026-12-01T00:00:00Z", &[]);
    let their_checkpoint = members(&their_bundle)
        .into_iter()
        .find(|(name, _)| name == "checkpoint")
        .expect("a checkpoint member")
        .1;
    let swapped: Vec<(String, Vec<u8>)> = members(&our_bundle)
        .into_iter()
        .map(|(name, bytes)| match name.as_str() {
            "checkpoint" => (name, their_checkpoint.clone()),
            _ => (name, bytes),
        })
        .collect();
    let swapped_path = dir.path().join("swapped.tar");
    write_tar(&swapped_path, &swapped);
    loa_ok(&["verify", arg(&our_bundle)], 0);
    let verdict = loa_ok(&["verify", arg(&swapped_path), "--json"], 1);
    assert!(verdict.contains("foreign_checkpoint"), "{verdict}");
}

/// Regression: the first export of a period said `records: 0 to 5`;
/// exporting the same period again began at the first export's checkpoint
/// (`records: 5 to 14`), verified, and reported one manual airing instead
/// of two. A checkpoint proves continuity; it never moves a slice's start
/// past the period's.
#[test]
fn re_export_of_a_period_holds_every_record() {
    let station = Station::new("can-tho/vinh-hai", 32);
    // The station starts within the period: no checkpoint before it.
    station.run(local(2026, 11, 28, 0), local(2026, 12, 1, 0));
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first.tar"), dir.path().join("second.tar"));
    station.export("2026-11", &first, "2026-12-01T00:00:00Z", &[]);
    station.export("2026-11", &second, "2026-12-01T00:05:00Z", &[]);
    let manifest = |path: &Path| -> Manifest {
        let bytes = members(path)
            .into_iter()
            .find(|(name, _)| name == "manifest.json")
            .expect("a manifest")
            .1;
        serde_json::from_slice(&bytes).unwrap()
    };
    assert_eq!(manifest(&first).first.seq, 0);
    assert_eq!(
        manifest(&second).first.seq,
        0,
        "the second export starts at the log's start too"
    );
    // What the Department counts: the totals, and per station its figures
    // and where its records begin.
    let counts = |path: &Path| -> serde_json::Value {
        let text = loa_ok(
            &["report", arg(path), "--period", "2026-11", "-f", "json"],
            0,
        );
        let report: serde_json::Value = serde_json::from_str(&text).unwrap();
        let report = &report["report"];
        let stations: Vec<serde_json::Value> = report["stations"]
            .as_array()
            .expect("stations")
            .iter()
            .map(|s| serde_json::json!([s["figures"], s["coverage"]["first_seq"], s["gaps"]]))
            .collect();
        serde_json::json!([report["totals"], stations])
    };
    let (first_counts, second_counts) = (counts(&first), counts(&second));
    assert!(
        first_counts == second_counts,
        "the two exports report differently"
    );
}

/// Regression (issue: a re-export dropped records): a bundle whose records
/// begin after its period began, and not with the log's first record, is
/// missing records of its period; `loa verify` and `loa report` say so.
/// Made here by a manifest that claims an earlier period than its slice
/// covers (the manifest is not signed; the records decide).
#[test]
fn a_bundle_whose_records_start_after_its_period_began_is_flagged() {
    let station = Station::new("can-tho/vinh-hai", 33);
    station.run(local(2026, 10, 20, 0), local(2026, 12, 1, 0));
    let dir = tempfile::tempdir().unwrap();
    let genuine = dir.path().join("genuine.tar");
    station.export("2026-11", &genuine, "2026-12-01T02:00:00Z", &[]);
    let verified = report_common::loa(&["verify", arg(&genuine)]);
    assert!(
        verified.status.success(),
        "the genuine bundle verifies:\n{}",
        String::from_utf8_lossy(&verified.stdout)
    );

    let claimed_earlier = dir.path().join("claims-october.tar");
    let edited: Vec<(String, Vec<u8>)> = members(&genuine)
        .into_iter()
        .map(|(name, bytes)| {
            if name != "manifest.json" {
                return (name, bytes);
            }
            let mut manifest: Manifest = serde_json::from_slice(&bytes).unwrap();
            assert!(manifest.first.seq > 0, "a slice, not the whole log");
            manifest.period.from = "2026-10-01".into();
            (name, serde_json::to_vec(&manifest).unwrap())
        })
        .collect();
    write_tar(&claimed_earlier, &edited);
    let verdict = report_common::loa(&["verify", arg(&claimed_earlier), "--json"]);
    assert_eq!(verdict.status.code(), Some(1));
    let text = String::from_utf8_lossy(&verdict.stdout);
    assert!(text.contains("starts_after_period"), "{text}");
    let report = report_common::loa(&[
        "report",
        arg(&claimed_earlier),
        "--period",
        "2026-10",
        "-f",
        "html",
    ]);
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&report.stdout),
        String::from_utf8_lossy(&report.stderr)
    );
    assert!(
        shown.contains("after its period began"),
        "the report flags it:\n{shown}"
    );
}

/// Regression (issue 13, item 10): `loa verify` showed times in UTC. It
/// shows them as local times with their offset, and says which zone and
/// how it knows it: a bundle's manifest, the station's config, `--tz`;
/// a log directory alone does not say, so it shows UTC and says so.
#[test]
fn verify_shows_times_in_the_stations_zone_and_says_which() {
    let station = Station::new("can-tho/vinh-hai", 34);
    // Its first record is written at local midnight, 17:00 UTC the day before.
    station.run(local(2026, 11, 2, 0), local(2026, 11, 3, 0));
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("bundle.tar");
    station.export("2026-11", &bundle, "2026-11-03T00:00:00Z", &[]);
    let log_dir = station.log_dir();
    let config = station.config();
    let verify = |args: &[&str]| {
        let mut all = vec!["verify"];
        all.extend_from_slice(args);
        loa_ok(&all, 0)
    };
    let of_bundle = verify(&[arg(&bundle)]);
    assert!(
        of_bundle.contains("Asia/Ho_Chi_Minh, the zone the bundle's manifest names"),
        "{of_bundle}"
    );
    let of_config = verify(&["-c", arg(&config)]);
    assert!(
        of_config.contains("Asia/Ho_Chi_Minh, the zone of the station's config"),
        "{of_config}"
    );
    let given = verify(&[arg(&log_dir), "--tz", "Asia/Bangkok"]);
    assert!(given.contains("Asia/Bangkok, as --tz gives it"), "{given}");
    let unknown = verify(&[arg(&log_dir)]);
    assert!(
        unknown.contains("UTC: a log directory does not say its station's time zone"),
        "{unknown}"
    );
    // The same first record, in each zone.
    let period_from = |text: &str| -> String {
        let line = text
            .lines()
            .find(|line| line.trim_start().starts_with("period:"))
            .unwrap_or_else(|| panic!("a period line:\n{text}"));
        line.split_whitespace()
            .skip(1)
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let first = |zone: chrono_tz::Tz| {
        let records = loa::airlog::read_records(&log_dir).unwrap();
        let first = records.into_iter().next().unwrap().unwrap();
        first
            .at
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string()
    };
    assert_eq!(period_from(&of_config), first(chrono_tz::Asia::Ho_Chi_Minh));
    assert_eq!(period_from(&unknown), first(chrono_tz::UTC));
    assert!(period_from(&of_bundle).ends_with("+07:00"), "{of_bundle}");
}
