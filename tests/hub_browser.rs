//! The hub's pages in a real browser: headless Chromium driven over
//! WebDriver (`hub_support::browser`), on a phone-sized window, against the
//! real `loa hub` over loopback HTTPS. An officer logs in, sees the three
//! stations of the province, sees one turn "mất kết nối" when it stops
//! sending heartbeats, and downloads a report that opens as a workbook.

#[path = "support/hub/mod.rs"]
mod hub_support;

use std::time::{Duration, Instant};

use calamine::Reader;
use hub_support::airlog::{key, t0};
use hub_support::browser::Browser;
use hub_support::*;
use loa::hub::protocol::seal_heartbeat;

const A: &str = "soc-trang/my-xuyen/thanh-phu";
const B: &str = "soc-trang/my-xuyen/hoa-tu";
const C: &str = "soc-trang/tran-de/lich-hoi-thuong";

/// The state the fleet page shows for `station` (its row's `data-state`).
fn state_on_page(browser: &Browser, station: &str) -> Option<String> {
    let row = browser.find(&format!("tr[data-station=\"{station}\"]"));
    row.attribute(browser, "data-state")
}

#[test]
fn an_officer_logs_in_sees_the_fleet_one_station_go_offline_and_downloads_a_report() {
    let hub = HubDir::new(&[(A, &key(1)), (B, &key(2)), (C, &key(3))], "3s");
    let logs = tempfile::tempdir().expect("temp dir");
    for (dir, station, signer) in [("a", A, key(1)), ("b", B, key(2)), ("c", C, key(3))] {
        station_log(&logs.path().join(dir), station, &signer, t0(), 3);
    }
    let running = RunningHub::start(&hub);
    for dir in ["a", "b", "c"] {
        let lines = log_lines(&logs.path().join(dir));
        assert_eq!(running.post("/api/v1/records", batch(&lines)).status, 200);
    }
    let send_heartbeats = |stations: &[(&str, u8)], counter: u64| {
        for (station, seed) in stations {
            let line = seal_heartbeat(&key(*seed), &heartbeat(station, counter, false));
            assert_eq!(running.post("/api/v1/heartbeat", line).status, 200);
        }
    };
    send_heartbeats(&[(A, 1), (B, 2), (C, 3)], 1);

    let downloads = tempfile::tempdir().expect("temp dir");
    let browser = Browser::start(downloads.path());

    // Not logged in: the fleet sends the officer to the login form.
    browser.open(&format!("{}/", running.base));
    assert!(browser.url().contains("/login"), "{}", browser.url());
    browser
        .find("input[name=name]")
        .type_text(&browser, OFFICER);
    browser
        .find("input[name=password]")
        .type_text(&browser, PASSWORD);
    browser
        .find("form[action=\"/login\"] button[type=submit]")
        .click(&browser);

    // The fleet: the three stations by name, all heard from.
    let text = browser.text();
    for index in 0..3 {
        assert!(text.contains(&format!("Đài xã số {index}")), "{text}");
    }
    for station in [A, B, C] {
        assert_eq!(state_on_page(&browser, station).as_deref(), Some("chờ"));
    }
    // Usable on a phone: the page is no wider than the screen (wide tables
    // scroll inside their own box).
    let widths = browser.script("return [document.documentElement.scrollWidth, window.innerWidth]");
    assert!(
        widths[0].as_u64() <= widths[1].as_u64(),
        "the fleet page is wider than a phone's screen: {widths}"
    );

    // B and C keep sending heartbeats; A goes silent past offline_after.
    let began = Instant::now();
    let mut counter = 2;
    loop {
        std::thread::sleep(Duration::from_millis(1000));
        send_heartbeats(&[(B, 2), (C, 3)], counter);
        counter += 1;
        browser.open(&format!("{}/", running.base));
        if state_on_page(&browser, A).as_deref() == Some("mất kết nối") {
            break;
        }
        assert!(
            began.elapsed() < Duration::from_secs(20),
            "A never turned offline: {}",
            browser.text()
        );
    }
    assert!(browser.text().contains("mất kết nối"));
    assert_eq!(state_on_page(&browser, B).as_deref(), Some("chờ"));

    // The report: the form, filled and sent as a person would.
    browser.find("a[href=\"/report\"]").click(&browser);
    browser
        .find("input[name=period]")
        .type_text(&browser, "2021-03");
    browser
        .find("select[name=format] option[value=xlsx]")
        .click(&browser);
    browser
        .find("form[action=\"/report/download\"] button[type=submit]")
        .click(&browser);
    let saved = downloads.path().join("bao-cao-2021-03.xlsx");
    let began = Instant::now();
    while !saved.exists() {
        assert!(
            began.elapsed() < Duration::from_secs(20),
            "no download in {}: {:?} at {}: {}",
            downloads.path().display(),
            std::fs::read_dir(downloads.path()).map(|d| d.count()),
            browser.url(),
            browser.text()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&saved).expect("opens");
    let names = workbook.sheet_names();
    let mut cells = String::new();
    for name in names {
        let range = workbook.worksheet_range(&name).expect("sheet");
        for row in range.rows() {
            for cell in row {
                cells.push_str(&cell.to_string());
                cells.push('\n');
            }
        }
    }
    for station in [A, B, C] {
        assert!(cells.contains(station), "{station} in the workbook");
    }
}
