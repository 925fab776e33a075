//! The officers' side of the real `loa hub` over loopback HTTPS: login
//! (argon2id accounts from `loa hub user add`, a strict session cookie,
//! attempts limited), the fleet with its states and today's counts, a
//! station's page, and report downloads equal to `loa report` on the
//! store. Also: `hub.toml` errors name their file, line and column.

#[path = "support/hub/mod.rs"]
mod hub_support;

use chrono::{Duration, Utc};
use hub_support::airlog::{key, t0};
use hub_support::heartbeat as beat;
use hub_support::*;
use loa::airlog::AirLog;
use loa::airlog::record::{MissReason, Missed, RecordKind};
use loa::hub::protocol::{Heartbeat, HeartbeatStatus, seal_heartbeat};

const A: &str = "soc-trang/my-xuyen/thanh-phu";
const B: &str = "soc-trang/my-xuyen/hoa-tu";
const C: &str = "soc-trang/tran-de/lich-hoi-thuong";

#[test]
fn pages_need_a_login_and_the_session_cookie_is_strict() {
    let hub = HubDir::new(&[(A, &key(1))], "15m");
    let running = RunningHub::start(&hub);
    let anonymous = running.get("/", None);
    assert_eq!(anonymous.status, 303);
    assert_eq!(anonymous.headers["location"], "/login");
    assert_eq!(
        running.get("/report/download?period=2021", None).status,
        303
    );
    let wrong = running.login(OFFICER, "not-the-password");
    assert_eq!(wrong.status, 401);
    assert!(wrong.text().contains("Sai tên đăng nhập hoặc mật khẩu"));
    assert!(!wrong.headers.contains_key("set-cookie"));
    let right = running.login(OFFICER, PASSWORD);
    assert_eq!(right.status, 303);
    let cookie = right.headers["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_string();
    for flag in ["HttpOnly", "Secure", "SameSite=Strict"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    let session = cookie.split(';').next().expect("pair");
    assert_eq!(session.len(), "loa_hub_session=".len() + 64);
    let fleet = running.get("/", Some(session));
    assert_eq!(fleet.status, 200);
    assert!(fleet.text().contains("Đài xã số 0"));
    let forged = running.get("/", Some("loa_hub_session=0000"));
    assert_eq!(forged.status, 303);
}

#[test]
fn login_attempts_are_limited_per_name() {
    let hub = HubDir::new(&[(A, &key(1))], "15m");
    let running = RunningHub::start(&hub);
    let statuses: Vec<u16> = (0..7)
        .map(|_| running.login(OFFICER, "guess-guess-guess").status)
        .collect();
    assert_eq!(&statuses[..5], &[401; 5]);
    assert_eq!(statuses[5], 429, "{statuses:?}");
    // Even the right password waits now.
    assert_eq!(running.login(OFFICER, PASSWORD).status, 429);
}

#[test]
fn the_fleet_shows_three_stations_problems_first_and_one_turns_offline() {
    let hub = HubDir::new(&[(A, &key(1)), (B, &key(2)), (C, &key(3))], "3s");
    hub.set_timezone(&zone_where_it_is_noon());
    let logs = tempfile::tempdir().expect("temp dir");
    // Station A aired today and missed one airing for a failed device.
    let now = Utc::now();
    let a_dir = logs.path().join("a");
    {
        let start = now - Duration::minutes(30);
        let (mut log, _) = AirLog::open(&a_dir, A, key(1), start).expect("log");
        let (begin, end) = hub_support::airlog::airing("sang", start, 1);
        log.append(start, begin).expect("start");
        log.append(start + Duration::minutes(5), end).expect("end");
        let missed = RecordKind::Missed(Missed {
            slot: "trua".into(),
            scheduled: now - Duration::minutes(10),
            reason: MissReason::DeviceFailure {
                detail: "USB card gone".into(),
            },
        });
        log.append(now - Duration::minutes(10), missed)
            .expect("missed");
    }
    let running = RunningHub::start(&hub);
    let posted = running.post("/api/v1/records", batch(&log_lines(&a_dir)));
    assert_eq!(posted.status, 200, "{}", posted.text());
    let cookie = running.officer_cookie();
    for (station, signer, counter) in [(A, key(1), 1), (B, key(2), 1), (C, key(3), 1)] {
        let line = seal_heartbeat(&signer, &beat(station, counter, station == B));
        assert_eq!(running.post("/api/v1/heartbeat", line).status, 200);
    }
    let fleet = running.get("/", Some(&cookie)).text();
    let state_of = |page: &str, station: &str| -> String {
        let marker = format!("data-station=\"{station}\" data-state=\"");
        let at = page.find(&marker).expect("station row") + marker.len();
        page[at..].split('"').next().unwrap_or("").to_string()
    };
    assert_eq!(state_of(&fleet, A), "chờ");
    assert_eq!(state_of(&fleet, B), "đang phát");
    assert_eq!(state_of(&fleet, C), "chờ");
    // Problems first: A missed an airing and its device failed.
    let first_row = fleet.find("data-station=").expect("rows");
    assert!(fleet[first_row..].starts_with(&format!("data-station=\"{A}\"")));
    let row_a = &fleet[first_row..fleet[first_row..].find("</tr>").expect("end") + first_row];
    assert!(
        row_a.contains("<td>1</td><td class=\"bad\">1</td>"),
        "{row_a}"
    );

    // A's heartbeat says its log holds 5 more records than the hub has.
    let behind = Heartbeat {
        status: HeartbeatStatus {
            log_next_seq: 10,
            dead_air_count: 2,
            last_dead_air: Some("2026-12-01T01:30:00.000000Z".into()),
            ..beat(A, 2, false).status
        },
        ..beat(A, 2, false)
    };
    assert_eq!(
        running
            .post("/api/v1/heartbeat", seal_heartbeat(&key(1), &behind))
            .status,
        200
    );
    let fleet = running.get("/", Some(&cookie)).text();
    assert!(fleet.contains("còn 5 bản ghi chưa gửi lên"), "{fleet}");

    // B and C keep sending; A goes silent past offline_after.
    for counter in 2..5 {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        for (station, signer) in [(B, key(2)), (C, key(3))] {
            let line = seal_heartbeat(&signer, &beat(station, counter, false));
            assert_eq!(running.post("/api/v1/heartbeat", line).status, 200);
        }
    }
    let fleet = running.get("/", Some(&cookie)).text();
    assert_eq!(state_of(&fleet, A), "mất kết nối");
    assert_eq!(state_of(&fleet, B), "chờ");
    assert_eq!(state_of(&fleet, C), "chờ");

    let page = running.get(
        &format!("/station?id={}", A.replace('/', "%2F")),
        Some(&cookie),
    );
    assert_eq!(page.status, 200);
    let page = page.text();
    assert!(
        page.contains("Thiết bị âm thanh hỏng: USB card gone"),
        "{page}"
    );
    assert!(page.contains("Phát đủ"));
    assert!(
        page.contains("Khoảng lặng (mất tiếng) khi đang phát: 2 lần"),
        "the heartbeat's dead air: {page}"
    );
    assert!(page.contains("id=\"topics\""), "minutes per topic: {page}");
}

#[test]
fn the_report_downloads_are_loa_reports_of_the_store() {
    let hub = HubDir::new(&[(A, &key(1)), (B, &key(2))], "15m");
    let logs = tempfile::tempdir().expect("temp dir");
    station_log(&logs.path().join("a"), A, &key(1), t0(), 5);
    station_log(&logs.path().join("b"), B, &key(2), t0(), 2);
    let running = RunningHub::start(&hub);
    for dir in ["a", "b"] {
        let lines = log_lines(&logs.path().join(dir));
        assert_eq!(running.post("/api/v1/records", batch(&lines)).status, 200);
    }
    let cookie = running.officer_cookie();
    let csv = running.get(
        "/report/download?period=2021-03&cutoff=calendar&format=csv&view=stations",
        Some(&cookie),
    );
    assert_eq!(csv.status, 200, "{}", csv.text());
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .expect("header")
            .contains("bao-cao-2021-03.csv")
    );
    let store = hub.store();
    let expected = loa(&[
        "report",
        &store.display().to_string(),
        "--period",
        "2021-03",
        "--format",
        "csv",
        "--view",
        "stations",
        "--tz",
        "Asia/Ho_Chi_Minh",
    ]);
    assert!(
        expected.status.success(),
        "{}",
        String::from_utf8_lossy(&expected.stderr)
    );
    assert_eq!(csv.text(), String::from_utf8_lossy(&expected.stdout));
    assert!(csv.text().contains(A) && csv.text().contains(B));

    let xlsx = running.get("/report/download?period=2021-H1&format=xlsx", Some(&cookie));
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.body.starts_with(b"PK"), "an xlsx is a zip file");
    let saved = hub.root().join("report.xlsx");
    std::fs::write(&saved, &xlsx.body).expect("save");
    use calamine::Reader;
    let workbook: calamine::Xlsx<_> = calamine::open_workbook(&saved).expect("opens");
    assert!(!workbook.sheet_names().is_empty());

    let html = running.get(
        "/report/download?period=2021&cutoff=official&format=html",
        Some(&cookie),
    );
    assert_eq!(html.status, 200);
    assert!(html.text().contains("<html lang=\"vi\">"));

    let bad = running.get("/report/download?period=2021-13&format=csv", Some(&cookie));
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("Kỳ không hợp lệ"));
}

#[test]
fn hub_toml_errors_name_file_line_and_column() {
    let hub = HubDir::new(&[(A, &key(1))], "15m");
    let text = std::fs::read_to_string(hub.config()).expect("config");
    std::fs::write(
        hub.config(),
        text.replace("offline_after = \"15m\"", "offline_after = \"15\"")
            .replace("cert = \"cert.pem\"\nkey = \"key.pem\"", "proxy = true")
            .replace("127.0.0.1:0", "0.0.0.0:8443"),
    )
    .expect("write");
    // The hub speaks Vietnamese, as a province's machine with no locale.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["hub", "-c"])
        .arg(hub.config())
        .env("LOA_LANG", "vi")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let path = hub.config().display().to_string();
    assert!(stderr.contains(&format!("{path}:6:17")), "{stderr}");
    assert!(
        stderr.contains("offline_after = \"15\" không phải khoảng thời gian"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{path}:2:10")), "{stderr}");
    assert!(stderr.contains("listen phải là 127.0.0.1"), "{stderr}");
}

#[test]
fn behind_a_reverse_proxy_the_hub_speaks_plain_http_on_loopback_only() {
    let hub = HubDir::new(&[(A, &key(1))], "15m");
    let text = std::fs::read_to_string(hub.config()).expect("config");
    std::fs::write(
        hub.config(),
        text.replace("cert = \"cert.pem\"\nkey = \"key.pem\"", "proxy = true"),
    )
    .expect("write");
    struct KillOnDrop(std::process::Child);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = KillOnDrop(
        std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["hub", "-c"])
            .arg(hub.config())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn"),
    );
    let stderr = child.0.stderr.take().expect("stderr");
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    let base = loop {
        let line = lines.next().expect("hub started").expect("line");
        if let Some(at) = line.find("http://") {
            break line[at..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
        }
    };
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let _ = rustls::crypto::ring::default_provider().install_default();
    let status = runtime.block_on(async {
        reqwest::get(format!("{base}/login"))
            .await
            .expect("plain http")
            .status()
            .as_u16()
    });
    drop(child);
    assert_eq!(status, 200);
}
