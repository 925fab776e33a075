//! Shared helpers of the hub's tests: a hub folder (config, registry, a
//! test certificate made here with rcgen, an officer), the real `loa hub`
//! binary started on a loopback port, an HTTPS client that trusts only the
//! test certificate, and station logs written by the real airlog writer.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use loa::airlog::{AirLog, PublicKey, PublicKeyFile};

#[path = "../airlog/mod.rs"]
pub mod airlog;
#[allow(unused_imports)] // hub_api reads logs; the other hub tests do not
pub use airlog::log_lines;
pub mod browser;

pub const OFFICER: &str = "can-bo-so";
pub const PASSWORD: &str = "mat-khau-cua-so-2026";

/// A hub's folder: hub.toml, its certificate, registry and store.
pub struct HubDir {
    dir: tempfile::TempDir,
    /// The test certificate (PEM), which the client trusts.
    pub cert_pem: String,
}

impl HubDir {
    /// A hub registering `stations` (id, key), offline after `offline`.
    pub fn new(stations: &[(&str, &SigningKey)], offline: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let certified = rcgen::generate_simple_self_signed(vec![
            "localhost".to_string(),
            "127.0.0.1".to_string(),
        ])
        .expect("test certificate");
        let cert_pem = certified.cert.pem();
        std::fs::write(dir.path().join("cert.pem"), &cert_pem).expect("cert");
        std::fs::write(
            dir.path().join("key.pem"),
            certified.signing_key.serialize_pem(),
        )
        .expect("key");
        std::fs::create_dir(dir.path().join("stations")).expect("stations");
        let mut names = String::new();
        for (index, (id, key)) in stations.iter().enumerate() {
            PublicKeyFile {
                station: id.to_string(),
                key: PublicKey::of(key),
            }
            .write(&dir.path().join(format!("stations/{index}.pub")))
            .expect("pub file");
            names.push_str(&format!("{id:?} = \"Đài xã số {index}\"\n"));
        }
        let config = format!(
            "[hub]\nlisten = \"127.0.0.1:0\"\nstore = \"store\"\nstations = \"stations\"\n\
             users = \"users\"\noffline_after = \"{offline}\"\n\n[tls]\ncert = \"cert.pem\"\n\
             key = \"key.pem\"\n\n[names]\n{names}"
        );
        std::fs::write(dir.path().join("hub.toml"), config).expect("hub.toml");
        let hub = Self { dir, cert_pem };
        let added = hub.loa_with_stdin(&["hub", "user", "add", OFFICER], &format!("{PASSWORD}\n"));
        assert!(
            added.status.success(),
            "{}",
            String::from_utf8_lossy(&added.stderr)
        );
        hub
    }

    /// Makes the hub listen on `address` (it listens on a port the system
    /// picks otherwise): a station's `[upload] hub` names one address, and a
    /// hub restarted must be found there again.
    pub fn listen_on(&self, address: std::net::SocketAddr) {
        let config = std::fs::read_to_string(self.config()).expect("hub.toml");
        let moved = config.replace(
            "listen = \"127.0.0.1:0\"",
            &format!("listen = \"{address}\""),
        );
        assert_ne!(moved, config, "hub.toml names its listen address");
        std::fs::write(self.config(), moved).expect("hub.toml");
    }

    /// Sets the hub's time zone (`[hub] timezone`), which decides what
    /// "today" is on its pages.
    pub fn set_timezone(&self, zone: &str) {
        let path = self.root().join("hub.toml");
        let config = std::fs::read_to_string(&path).expect("hub.toml");
        let config = config.replacen("[hub]\n", &format!("[hub]\ntimezone = \"{zone}\"\n"), 1);
        std::fs::write(&path, config).expect("hub.toml");
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("hub.toml")
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// Runs `loa ARGS -c hub.toml` with `input` on stdin.
    pub fn loa_with_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(args)
            .arg("-c")
            .arg(self.config())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn loa");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("loa output")
    }

    /// Every file under the store with its bytes: what "nothing written"
    /// is checked against.
    pub fn store_snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        collect(&self.store(), &mut files);
        files.sort();
        files
    }
}

fn collect(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            let bytes = std::fs::read(&path).expect("read store file");
            out.push((path, bytes));
        }
    }
}

/// The real `loa hub` binary, running.
pub struct RunningHub {
    child: Child,
    /// `https://127.0.0.1:PORT`.
    pub base: String,
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
}

/// An HTTP answer.
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The refusal code, for a refused request.
    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl RunningHub {
    /// Starts `loa hub -c hub.toml` and waits until it listens.
    pub fn start(hub: &HubDir) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["hub", "-c"])
            .arg(hub.config())
            .env("LOA_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn loa hub");
        let stderr = child.stderr.take().expect("stderr");
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !sent && let Some(at) = line.find("https://") {
                    let address = line[at..]
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_string();
                    let _ = sender.send(Ok(address));
                    sent = true;
                } else if !sent {
                    let _ = sender.send(Err(line));
                }
            }
        });
        let mut seen = Vec::new();
        let base = loop {
            match receiver.recv_timeout(Duration::from_secs(60)) {
                Ok(Ok(address)) => break address,
                Ok(Err(line)) => seen.push(line),
                Err(_) => {
                    let _ = child.kill();
                    panic!("loa hub did not start: {}", seen.join("\n"));
                }
            }
        };
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .tls_certs_only([
                reqwest::Certificate::from_pem(hub.cert_pem.as_bytes()).expect("certificate")
            ])
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        Self {
            child,
            base,
            runtime,
            client,
        }
    }

    /// `POST path` with `body`.
    pub fn post(&self, path: &str, body: Vec<u8>) -> Answer {
        self.send(self.client.post(format!("{}{path}", self.base)).body(body))
    }

    /// `GET path`, with a session cookie when given.
    pub fn get(&self, path: &str, cookie: Option<&str>) -> Answer {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        self.send(request)
    }

    /// Logs in; the `Set-Cookie` header's value.
    pub fn login(&self, name: &str, password: &str) -> Answer {
        self.send(
            self.client
                .post(format!("{}/login", self.base))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!(
                    "name={}&password={}",
                    loa::hub::pages::query_value(name),
                    loa::hub::pages::query_value(password)
                )),
        )
    }

    /// Logs in as the test officer; the cookie to send.
    pub fn officer_cookie(&self) -> String {
        let answer = self.login(OFFICER, PASSWORD);
        assert_eq!(answer.status, 303, "{}", answer.text());
        let set = answer.headers["set-cookie"].to_str().expect("cookie");
        set.split(';').next().expect("cookie pair").to_string()
    }

    fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        self.runtime.block_on(async {
            let response = request.send().await.expect("request");
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response.bytes().await.expect("body").to_vec();
            Answer {
                status,
                headers,
                body,
            }
        })
    }

    /// Kills the hub at once (SIGKILL), as a power cut would.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for RunningHub {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A heartbeat of `station` made now: output ok, no config error, no dead
/// air, on air (slot `sang`) or not.
pub fn heartbeat(station: &str, counter: u64, on_air: bool) -> loa::hub::protocol::Heartbeat {
    use loa::hub::protocol::{Heartbeat, HeartbeatStatus};
    Heartbeat {
        station: station.into(),
        counter,
        at: loa::airlog::time::format_instant(Utc::now()),
        status: HeartbeatStatus {
            on_air: on_air.then(|| "sang".to_string()),
            output: "ok".into(),
            output_detail: None,
            config_errors: 0,
            next_airing: None,
            log_next_seq: 0,
            dead_air_count: 0,
            last_dead_air: None,
        },
    }
}

/// A station's log written by the real writer: genesis, start, config,
/// `airings` airings of two segments from `from`, a stop.
pub fn station_log(dir: &Path, station: &str, key: &SigningKey, from: DateTime<Utc>, airings: i64) {
    let (mut log, _) = AirLog::open(dir, station, key.clone(), from).expect("open log");
    log.append(from, airlog::config_applied()).expect("config");
    for n in 0..airings {
        let at = from + chrono::Duration::hours(n + 1);
        let (start, end) = airlog::airing("sang", at, 2);
        log.append(at, start).expect("start");
        log.append(at + chrono::Duration::minutes(10), end)
            .expect("end");
    }
    log.stop(from + chrono::Duration::hours(airings + 1))
        .expect("stop");
}

/// Lines joined into one request body.
pub fn batch(lines: &[Vec<u8>]) -> Vec<u8> {
    lines.concat()
}

/// `loa ARGS` (no config), its output.
pub fn loa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(args)
        .output()
        .expect("run loa")
}

/// A fixed-offset zone (`Etc/GMT…`) in which it is now between noon and one
/// o'clock, so that a test's "within the last half hour" is today there
/// whatever time the test runs (regression: a test of today's figures
/// failed when CI ran just after midnight in Vietnam).
pub fn zone_where_it_is_noon() -> String {
    use chrono::Timelike;
    let hour = Utc::now().hour() as i32;
    // Etc/GMT-N is N hours ahead of UTC (the sign is POSIX's, reversed).
    let ahead = 12 - hour;
    match ahead {
        0 => "Etc/GMT".to_string(),
        n if n > 0 => format!("Etc/GMT-{n}"),
        n => format!("Etc/GMT+{}", -n),
    }
}
