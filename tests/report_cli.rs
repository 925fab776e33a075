//! `loa report` and `loa export` end to end, on logs the daemon wrote on a
//! simulated clock.

mod report_common;

use report_common::{Station, arg, loa_ok, local};

#[test]
fn smoke() {
    let station = Station::new("soc-trang/my-xuyen/thanh-phu", 7);
    station.run(local(2026, 11, 28, 0), local(2026, 12, 5, 0));
    let out = tempfile::tempdir().unwrap();
    for ext in ["xlsx", "json", "html"] {
        let file = out.path().join(format!("r.{ext}"));
        loa_ok(
            &[
                "report",
                "-c",
                arg(&station.config()),
                "--period",
                "2026-H2",
                "-o",
                arg(&file),
                "--date",
                "2026-12-06",
            ],
            0,
        );
    }
    loa_ok(
        &[
            "report",
            "-c",
            arg(&station.config()),
            "--period",
            "2026-H2",
            "--format",
            "csv",
            "-o",
            arg(&out.path().join("csv")),
        ],
        0,
    );
    let keep = std::path::Path::new("/tmp/loa-report-smoke");
    let _ = std::fs::remove_dir_all(keep);
    std::fs::create_dir_all(keep).unwrap();
    for e in std::fs::read_dir(out.path()).unwrap().flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), keep.join(e.file_name())).unwrap();
        }
    }
    let csvs = out.path().join("csv");
    for e in std::fs::read_dir(&csvs).unwrap().flatten() {
        std::fs::copy(e.path(), keep.join(e.file_name())).unwrap();
    }
    copy(&station.log_dir(), &keep.join("airlog"));
    std::fs::copy(station.config(), keep.join("station.toml")).unwrap();
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}
