//! Golden tests: every format rendered from a fixed log
//! (`tests/fixtures/report/airlog`, a week of the bundled station written
//! by its daemon on a simulated clock, with a missed airing and a silent
//! day) must match the files in `tests/fixtures/report/golden/` byte for
//! byte; the workbook is read back with calamine and compared cell by
//! cell. After an intended change: `UPDATE_GOLDEN=1 cargo test --test
//! report_golden`, then review the diff.
//!
//! The fixture itself is made by `cargo test --test report_golden --
//! --ignored regenerate_fixture_log`.

#[path = "support/report/mod.rs"]
mod report_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use report_common::{Station, local};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

/// Runs `loa report` in the fixture folder, so paths in the output are
/// relative and stable.
fn report(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_loa"))
        .current_dir(fixture())
        .args([
            "report",
            "airlog",
            "--period",
            "2026-H2",
            "--date",
            "2026-12-07",
        ])
        .args(args)
        .output()
        .expect("run loa");
    assert!(
        out.status.success(),
        "loa report {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn check_golden(name: &str, actual: &[u8]) {
    let path = fixture().join("golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|_| panic!("{} missing", path.display()));
    if expected != actual {
        let actual_path = std::env::temp_dir().join(format!("loa-golden-{name}"));
        std::fs::write(&actual_path, actual).unwrap();
        panic!(
            "{name} differs from the golden file; see diff {} {}",
            path.display(),
            actual_path.display()
        );
    }
}

#[test]
fn csv_json_and_html_match_the_golden_files() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path();
    let csv = dir.join("csv");
    report(&["--format", "csv", "-o", csv.to_str().unwrap()]);
    for view in loa::report::views::VIEW_NAMES {
        let bytes = std::fs::read(csv.join(format!("{view}.csv"))).unwrap();
        check_golden(&format!("{view}.csv"), &bytes);
    }
    for ext in ["json", "html"] {
        let file = dir.join(format!("report.{ext}"));
        report(&["-o", file.to_str().unwrap()]);
        check_golden(&format!("report.{ext}"), &std::fs::read(file).unwrap());
    }
}

/// The letterhead of a commune station's report after the 2025
/// reorganisation, from a report profile (`tests/fixtures/report/
/// profile.toml`: two recipients) with one option overriding it.
#[test]
fn the_letterhead_from_a_profile_matches_the_golden_file() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("report.html");
    report(&[
        "--profile",
        "profile.toml",
        "--number",
        "15/BC-ĐTT",
        "-o",
        file.to_str().unwrap(),
    ]);
    check_golden("report-letterhead.html", &std::fs::read(file).unwrap());
}

#[test]
fn the_workbook_reads_back_cell_for_cell() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("report.xlsx");
    report(&["-o", file.to_str().unwrap()]);
    let mut workbook: Xlsx<_> = open_workbook(&file).expect("a workbook calamine reads");
    let mut dump = String::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).expect("sheet");
        dump.push_str(&format!("== {name}\n"));
        for row in range.rows() {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            dump.push_str(&cells.join(" | "));
            dump.push('\n');
        }
    }
    check_golden("workbook-cells.txt", dump.as_bytes());
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => format!("{i}"),
        Data::DateTime(d) => d.as_datetime().map_or_else(
            || format!("{d}"),
            |t| t.format("%Y-%m-%d %H:%M:%S").to_string(),
        ),
        other => other.to_string(),
    }
}

#[test]
#[ignore = "writes the fixture log; run once, then commit it"]
fn regenerate_fixture_log() {
    let station = Station::new("soc-trang/my-xuyen/thanh-phu", 1);
    // Saturday 28 Nov 2026 to Saturday 5 Dec: a month boundary.
    station.run(local(2026, 11, 28, 0), local(2026, 11, 30, 5));
    // Down over Monday's 05:30 session, past its grace: missed.
    station.run(local(2026, 11, 30, 6), local(2026, 12, 2, 20));
    // Stopped all of Thursday 3 Dec: a silent day the log explains.
    station.run(local(2026, 12, 4, 8), local(2026, 12, 5, 0));
    let target = fixture().join("airlog");
    let _ = std::fs::remove_dir_all(&target);
    std::fs::create_dir_all(&target).unwrap();
    for entry in std::fs::read_dir(station.log_dir()).unwrap().flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with("air-") {
            std::fs::copy(entry.path(), target.join(name)).unwrap();
        }
    }
}
