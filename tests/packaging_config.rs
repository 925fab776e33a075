//! The station config the Debian package installs (packaging/station.toml
//! → /etc/loa/station.toml): the bundled config with the packaged paths,
//! valid for the real `loa check` over the packaged layout, and the files
//! it names are the ones Cargo.toml's `[package.metadata.deb]` installs.

use std::path::Path;
use std::process::Command;

const PACKAGED: &str = include_str!("../packaging/station.toml");
const BUNDLED: &str = include_str!("../config/station.toml");
const CARGO_TOML: &str = include_str!("../Cargo.toml");

/// The packaged paths, and what the bundled config says instead.
const PATHS: [(&str, &str); 3] = [
    (
        r#"playlists = "/usr/share/loa/playlists""#,
        r#"playlists = "../playlists""#,
    ),
    (
        r#"log_dir = "/var/lib/loa/airlog""#,
        r#"log_dir = "../var/airlog""#,
    ),
    (
        r#"key = "/var/lib/loa/station.key""#,
        r#"key = "../var/station.key""#,
    ),
];

/// The settings, without comments and blank lines.
fn settings(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

#[test]
fn the_packaged_config_is_the_bundled_one_with_packaged_paths() {
    let mut packaged = PACKAGED.to_string();
    for (installed, bundled) in PATHS {
        assert!(packaged.contains(installed), "missing: {installed}");
        packaged = packaged.replace(installed, bundled);
    }
    assert_eq!(
        settings(&packaged),
        settings(BUNDLED),
        "packaging/station.toml drifted from config/station.toml: make the same change in both"
    );
}

/// Copies `from` into `to` (folders included).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn loa_check_passes_on_the_packaged_layout() {
    // The installed tree (/etc/loa, /usr/share/loa, /var/lib/loa), rooted
    // in a temporary folder instead of /.
    let root = tempfile::tempdir().expect("temp dir");
    let root = root.path();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rooted = PACKAGED
        .replace(
            "\"/usr/share/loa/",
            &format!("\"{}/usr/share/loa/", root.display()),
        )
        .replace(
            "\"/var/lib/loa/",
            &format!("\"{}/var/lib/loa/", root.display()),
        );
    std::fs::create_dir_all(root.join("etc/loa")).expect("mkdir");
    std::fs::write(root.join("etc/loa/station.toml"), rooted).expect("write");
    std::fs::copy(
        repo.join("config/topics.toml"),
        root.join("etc/loa/topics.toml"),
    )
    .expect("copy topics");
    copy_tree(
        &repo.join("playlists"),
        &root.join("usr/share/loa/playlists"),
    );

    let out = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["check", "--config"])
        .arg(root.join("etc/loa/station.toml"))
        .output()
        .expect("run loa check");
    assert!(
        out.status.success(),
        "loa check failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The `[package.metadata.deb]` assets, as (source, destination) pairs.
fn assets() -> Vec<(String, String)> {
    let manifest: toml_edit::DocumentMut = CARGO_TOML.parse().expect("Cargo.toml parses");
    let assets = manifest["package"]["metadata"]["deb"]["assets"]
        .as_array()
        .expect("assets");
    assets
        .iter()
        .map(|asset| {
            let pair = asset.as_array().expect("[source, dest, mode]");
            let text = |i: usize| {
                pair.get(i)
                    .and_then(|v| v.as_str())
                    .expect("text")
                    .to_string()
            };
            (text(0), text(1))
        })
        .collect()
}

#[test]
fn the_package_installs_what_the_config_and_the_unit_name() {
    let assets = assets();
    let installs = |source: &str, dest: &str| assets.iter().any(|(s, d)| s == source && d == dest);
    assert!(installs("target/release/loa", "usr/bin/"));
    assert!(installs("packaging/station.toml", "etc/loa/station.toml"));
    // `topics = "topics.toml"` is read next to the config.
    assert!(PACKAGED.contains(r#"topics = "topics.toml""#));
    assert!(installs("config/topics.toml", "etc/loa/topics.toml"));
    // Every playlist file and folder of the repository is installed.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(repo.join("playlists")).expect("playlists") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let path = repo.join("playlists").join(&name);
        let covered = if path.is_dir() {
            installs(
                &format!("playlists/{name}/*"),
                &format!("usr/share/loa/playlists/{name}/"),
            )
        } else if name.ends_with(".toml") {
            installs("playlists/*.toml", "usr/share/loa/playlists/")
        } else {
            assets
                .iter()
                .any(|(s, _)| *s == format!("playlists/{name}"))
        };
        assert!(covered, "playlists/{name} is not in the package's assets");
    }
    // The state the config names lives in the unit's StateDirectory.
    let unit = include_str!("../packaging/loa.service");
    assert!(unit.lines().any(|l| l == "StateDirectory=loa"));
    assert!(PACKAGED.contains(r#""/var/lib/loa/"#));
}
