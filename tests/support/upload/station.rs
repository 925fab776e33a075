//! A station with `[upload]` pointing at a test receiver, its daemon (the
//! real binary, null output) and what its log holds.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use loa::airlog::record::AiringEnd;
use loa::airlog::{RecordKind, read_records};

use crate::common::{PLAYLIST, StationDir, utc_station};

/// The station id every upload test uses.
pub const STATION_ID: &str = "test/upload";

/// A station directory and its daemon, if running.
pub struct UploadingStation {
    /// The station's files.
    pub dir: StationDir,
    daemon: Option<Child>,
}

impl UploadingStation {
    /// A station uploading to `hub`, trusting `cert_pem`, with `slots`.
    pub fn new(hub: &str, cert_pem: &str, slots: &str) -> Self {
        let config = format!(
            "{}\n[upload]\nhub = \"{hub}\"\nca = \"hub-ca.pem\"\n",
            utc_station("upload", slots)
        );
        let dir = StationDir::with(&config, PLAYLIST);
        dir.write("config/hub-ca.pem", cert_pem);
        Self { dir, daemon: None }
    }

    /// The same station without `[upload]`: the baseline of the figures.
    pub fn without_upload(slots: &str) -> Self {
        let dir = StationDir::with(&utc_station("upload", slots), PLAYLIST);
        Self { dir, daemon: None }
    }

    /// The running daemon's process id.
    pub fn pid(&self) -> u32 {
        self.daemon.as_ref().expect("running").id()
    }

    /// Makes the station key (`loa key generate`) and its public half, for
    /// the receiver's registry.
    pub fn generate_key(&self) -> ed25519_dalek::VerifyingKey {
        let output = self.dir.loa(&["key", "generate"]);
        assert!(
            output.status.success(),
            "{}",
            crate::common::stderr(&output)
        );
        loa::airlog::load_signing_key(&self.dir.root().join("var/station.key"))
            .expect("station key")
            .verifying_key()
    }

    /// Starts `loa run --output null`; its journal in `loa.err`.
    pub fn start(&mut self) {
        assert!(self.daemon.is_none(), "already running");
        let journal = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.root().join("loa.err"))
            .expect("journal");
        let child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["run", "--output", "null", "-c"])
            .arg(self.dir.config())
            .current_dir(self.dir.root())
            .env("LOA_LOG", "info")
            .stdout(Stdio::null())
            .stderr(journal)
            .spawn()
            .expect("spawn loa run");
        self.daemon = Some(child);
    }

    /// SIGTERM, and how long the daemon took to exit (cleanly).
    pub fn stop(&mut self) -> Duration {
        let mut child = self.daemon.take().expect("running");
        // SAFETY: kill(2) on the pid of a child this test started.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        let asked = Instant::now();
        loop {
            if let Some(status) = child.try_wait().expect("wait") {
                assert!(
                    status.success(),
                    "loa run exited with {status}: {}",
                    self.journal()
                );
                return asked.elapsed();
            }
            assert!(
                asked.elapsed() < Duration::from_secs(20),
                "loa run did not stop"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The daemon's journal so far.
    pub fn journal(&self) -> String {
        std::fs::read_to_string(self.dir.root().join("loa.err")).unwrap_or_default()
    }

    /// The log folder.
    pub fn log_dir(&self) -> PathBuf {
        self.dir.root().join("var/airlog")
    }

    /// Every complete line of the log, in chain order, without its LF.
    pub fn log_lines(&self) -> Vec<Vec<u8>> {
        log_lines(&self.log_dir())
    }

    /// The log's `airing_end` records.
    pub fn airing_ends(&self) -> Vec<AiringEnd> {
        let Ok(records) = read_records(&self.log_dir()) else {
            return Vec::new();
        };
        records
            .flatten()
            .filter_map(|record| match record.kind {
                RecordKind::AiringEnd(end) => Some(end),
                _ => None,
            })
            .collect()
    }

    /// Waits until the log has `count` airing ends.
    pub fn wait_for_airings(&self, count: usize, limit: Duration) -> Vec<AiringEnd> {
        let began = Instant::now();
        loop {
            let ends = self.airing_ends();
            if ends.len() >= count {
                return ends;
            }
            assert!(
                began.elapsed() < limit,
                "{count} airing(s) did not end in {limit:?}: {}",
                self.journal()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// `loa status --json`, when the daemon answers.
    pub fn status(&self) -> Option<serde_json::Value> {
        let output = self.dir.loa(&["status", "--json"]);
        output
            .status
            .success()
            .then(|| serde_json::from_slice(&output.stdout).expect("status JSON"))
    }

    /// `loa status` as the technician reads it (English: the tests' own
    /// language, `.cargo/config.toml`).
    pub fn status_text(&self) -> String {
        crate::common::stdout(&self.dir.loa(&["status"]))
    }

    /// `loa status` in `lang` (`vi`, `en`).
    pub fn status_text_in(&self, lang: &str) -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["status", "-c"])
            .arg(self.dir.config())
            .current_dir(self.dir.root())
            .env("LOA_LANG", lang)
            .output()
            .expect("loa status");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Polls `loa status --json` until `check` holds.
    pub fn wait_for_status(
        &self,
        limit: Duration,
        what: &str,
        check: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let began = Instant::now();
        loop {
            let status = self.status();
            if let Some(status) = &status
                && check(status)
            {
                return status.clone();
            }
            assert!(
                began.elapsed() < limit,
                "status: {what} not seen in {limit:?}: {status:#?}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for UploadingStation {
    fn drop(&mut self) {
        if let Some(mut child) = self.daemon.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Every complete line of the log in `dir`, in chain order, without its LF
/// (as the receiver stores them).
pub fn log_lines(dir: &Path) -> Vec<Vec<u8>> {
    crate::upload_support::airlog::log_lines(dir)
        .into_iter()
        .map(|mut line| {
            line.pop();
            line
        })
        .collect()
}
