//! Test harness for reports: the bundled station (config, playlists) in a
//! temporary folder under any station id, with a fixed key, its daemon run
//! on a simulated clock over any days (a week in well under a second), and
//! the real `loa` binary.

#![allow(dead_code)]

#[path = "../simulated/mod.rs"]
mod simulated_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use base64::Engine;
use chrono::{DateTime, TimeZone, Utc};
use loa::clock::{Clock, SimulatedClock};

/// A station laid out as the repository is: `config/`, `playlists/`, `var/`.
pub struct Station {
    /// Keeps the folder alive.
    pub dir: tempfile::TempDir,
    /// Its id.
    pub id: String,
}

impl Station {
    /// The bundled station under `id`, signing with the key whose seed is
    /// 32 bytes of `seed`.
    pub fn new(id: &str, seed: u8) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_tree(&repo.join("config"), &dir.path().join("config"));
        copy_tree(&repo.join("playlists"), &dir.path().join("playlists"));
        let config = dir.path().join("config/station.toml");
        let text = std::fs::read_to_string(&config).expect("config");
        let text = text.replace(
            "id = \"soc-trang/my-xuyen/thanh-phu\"",
            &format!("id = \"{id}\""),
        );
        std::fs::write(&config, text).expect("write config");
        let station = Self {
            dir,
            id: id.to_string(),
        };
        station.write_key(seed);
        station
    }

    fn write_key(&self, seed: u8) {
        use std::os::unix::fs::PermissionsExt;
        let var = self.root().join("var");
        std::fs::create_dir_all(&var).expect("var");
        let encoded = base64::engine::general_purpose::STANDARD.encode([seed; 32]);
        let path = var.join("station.key");
        std::fs::write(&path, format!("loa-ed25519-secret-key-v1\n{encoded}\n")).expect("key");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }

    /// The station's root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `config/station.toml`.
    pub fn config(&self) -> PathBuf {
        self.root().join("config/station.toml")
    }

    /// `var/airlog`.
    pub fn log_dir(&self) -> PathBuf {
        self.root().join("var/airlog")
    }

    /// `loa export` for `period` into `output` at time `now`; its output.
    pub fn export(&self, period: &str, output: &Path, now: &str, extra: &[&str]) -> String {
        let config = self.config();
        let mut args = vec!["export", "-c", arg(&config), "--period", period];
        args.extend(["-o", arg(output), "--now", now]);
        args.extend_from_slice(extra);
        loa_ok(&args, 0)
    }

    /// Runs the station's daemon on a simulated clock from `from` to `until`.
    pub fn run(&self, from: DateTime<Utc>, until: DateTime<Utc>) {
        let plan = loa::commands::station::load_station(&self.config())
            .plan
            .expect("the bundled station is valid");
        let clock = SimulatedClock::new(from).with_max_sleep(Duration::from_secs(60));
        simulated_support::run_daemon_until(&plan, &clock, until);
    }
}

/// Local midnight of a day in Ho Chi Minh City, as UTC.
pub fn local(y: i32, m: u32, d: u32, hour: u32) -> DateTime<Utc> {
    chrono_tz::Asia::Ho_Chi_Minh
        .with_ymd_and_hms(y, m, d, hour, 0, 0)
        .single()
        .expect("a local time")
        .with_timezone(&Utc)
}

/// Runs the real `loa` binary.
pub fn loa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(args)
        .env("LOA_LOG", "warn")
        .output()
        .expect("run loa")
}

/// Runs `loa` and expects exit `code`; returns stdout.
pub fn loa_ok(args: &[&str], code: i32) -> String {
    let out = loa(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "loa {args:?}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A path as a `&str` argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

impl Station {
    /// Airs `file` by hand at `at` as `loa play --file` does (the same
    /// airing, the same `air_now`), on a simulated clock; returns when the
    /// daemon it started had stopped.
    pub fn play_file(&self, file: &Path, at: DateTime<Utc>) -> DateTime<Utc> {
        use loa::playout::simulated::SimulatedPlayer;
        let plan = loa::commands::station::load_station(&self.config())
            .plan
            .expect("the bundled station is valid");
        let clock = SimulatedClock::new(at).with_max_sleep(Duration::from_secs(60));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let (daemon, _) = loa::daemon::Daemon::start(
                plan.clone(),
                std::sync::Arc::new(clock.clone()),
                Box::new(SimulatedPlayer::new(clock.clone())),
                "null",
                loa::shutdown::Shutdown::new(),
            )
            .expect("the daemon starts");
            let airing = loa::commands::play::file_airing(file, &plan).expect("a playable file");
            daemon.air_now(airing).await.expect("aired");
        });
        clock.now()
    }
}
