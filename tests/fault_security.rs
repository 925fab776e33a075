//! Security review, as far as a test can check it on the running daemon:
//! the status socket is mode 0660 and another user cannot talk to it, the
//! daemon has no network socket at all, and it will not sign with a key
//! others can read. (Key creation and ownership: tests/airlog_cli.rs;
//! paths out of the playlists folder: tests/check_errors.rs and
//! tests/fault_bad_input.rs; the unit's hardening: packaging/loa.service.)

#[path = "support/common/mod.rs"]
mod common;
#[path = "support/fault/mod.rs"]
mod fault_support;

use std::collections::BTreeSet;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::StationDir;
use fault_support::{often_station, spawn_daemon, terminate};

/// An unprivileged user and group (Debian's `nobody`, `nogroup`).
const NOBODY: u32 = 65534;

fn running_station() -> (StationDir, std::process::Child) {
    let s = StationDir::with(&often_station("test/security"), common::PLAYLIST);
    let child = spawn_daemon(s.root(), &s.config());
    let socket = s.root().join("var/loa.sock");
    let start = Instant::now();
    while !socket.exists() {
        assert!(start.elapsed() < Duration::from_secs(20), "no socket");
        std::thread::sleep(Duration::from_millis(50));
    }
    (s, child)
}

/// Socket inodes of `pid`'s open descriptors.
fn socket_inodes(pid: u32) -> BTreeSet<String> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("fds")
        .flatten()
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter_map(|target| {
            let text = target.to_string_lossy().into_owned();
            text.strip_prefix("socket:[")
                .and_then(|rest| rest.strip_suffix(']'))
                .map(str::to_string)
        })
        .collect()
}

/// The inodes in a /proc/net table (column 10 for inet tables, 7 for unix).
fn table_inodes(table: &str, column: usize) -> BTreeSet<String> {
    std::fs::read_to_string(format!("/proc/net/{table}"))
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|line| line.split_whitespace().nth(column).map(str::to_string))
        .collect()
}

#[test]
fn the_daemon_has_no_network_socket_only_its_local_status_socket() {
    let (s, mut child) = running_station();
    let sockets = socket_inodes(child.id());
    let mut network = BTreeSet::new();
    for table in [
        "tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite", "udplite6",
    ] {
        network.extend(table_inodes(table, 9));
    }
    let unix = table_inodes("unix", 6);
    terminate(&mut child);
    assert!(!sockets.is_empty(), "the status socket is open");
    let on_network: Vec<_> = sockets.intersection(&network).collect();
    assert!(on_network.is_empty(), "network sockets: {on_network:?}");
    assert!(
        sockets.iter().all(|inode| unix.contains(inode)),
        "every socket is a local (Unix) one: {sockets:?}"
    );
    drop(s);
}

#[test]
fn the_status_socket_is_0660_and_other_users_cannot_use_it() {
    let (s, mut child) = running_station();
    let socket = s.root().join("var/loa.sock");
    let meta = std::fs::metadata(&socket).expect("socket");
    let mode = meta.mode() & 0o777;
    // Let anyone reach the folder, so only the socket's own mode decides.
    for dir in [s.root(), &s.root().join("var"), &s.root().join("config")] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let config = s.root().join("config/station.toml");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let as_owner = status(&config, None);
    // SAFETY: getuid has no preconditions.
    let other = (unsafe { libc::getuid() } == 0).then(|| status(&config, Some(NOBODY)));
    terminate(&mut child);
    assert_eq!(mode, 0o660, "socket mode {mode:o}");
    assert!(as_owner.0, "the owner gets the status: {}", as_owner.1);
    match other {
        Some((answered, text)) => {
            assert!(!answered, "another user got the status: {text}");
        }
        None => eprintln!("skipped the other-user check: not root, cannot switch users"),
    }
}

/// `loa status -c CONFIG`, as `uid` when given: (the daemon answered,
/// output). Without an answer, `loa status` says `"running":false` and
/// shows the schedule from the config.
fn status(config: &Path, uid: Option<u32>) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command.args(["status", "--json", "-c"]).arg(config);
    if let Some(uid) = uid {
        command.uid(uid).gid(uid);
    }
    let output = command.output().expect("loa status");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (
        output.status.success() && text.contains("\"station\""),
        text,
    )
}

#[test]
fn the_daemon_refuses_a_key_that_others_can_read() {
    let s = StationDir::with(&often_station("test/security"), common::PLAYLIST);
    let key = s.root().join("var/station.key");
    let made = s.loa(&["key", "generate"]);
    assert!(made.status.success(), "{}", common::stderr(&made));
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let output = s.loa(&["run"]);
    let text = common::stderr(&output);
    assert!(
        !output.status.success(),
        "the daemon ran with a readable key"
    );
    assert!(text.contains("chmod") || text.contains("600"), "{text}");
    assert!(
        !s.root().join("var/airlog").exists()
            || fault_support::read_log(&s.root().join("var/airlog"))
                .0
                .is_empty(),
        "nothing signed with it"
    );
}
