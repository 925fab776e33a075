//! `loa::audio::resolve_name`: a playlist written in NFC finds a file stored
//! in NFD, and the other way round.

use std::fs;
use std::path::Path;

use loa::audio::resolve_name;
use unicode_normalization::UnicodeNormalization;

const NAME: &str = "Bản tin thời sự – Phường Vĩnh Hải.mp3";

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

fn touch(path: &Path) {
    fs::write(path, b"x").expect("write");
}

#[test]
fn the_two_forms_really_differ() {
    assert_ne!(nfc(NAME).as_bytes(), nfd(NAME).as_bytes());
}

#[test]
fn nfc_playlist_finds_nfd_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    touch(&dir.path().join(nfd(NAME)));
    let found = resolve_name(dir.path(), &nfc(NAME)).expect("found");
    assert_eq!(found, dir.path().join(nfd(NAME)), "the name on disk");
    assert!(found.is_file());
}

#[test]
fn nfd_playlist_finds_nfc_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    touch(&dir.path().join(nfc(NAME)));
    let found = resolve_name(dir.path(), &nfd(NAME)).expect("found");
    assert_eq!(found, dir.path().join(nfc(NAME)));
}

#[test]
fn exact_name_is_preferred_when_both_forms_exist() {
    let dir = tempfile::tempdir().expect("temp dir");
    touch(&dir.path().join(nfc(NAME)));
    touch(&dir.path().join(nfd(NAME)));
    assert_eq!(
        resolve_name(dir.path(), &nfd(NAME)),
        Some(dir.path().join(nfd(NAME)))
    );
    assert_eq!(
        resolve_name(dir.path(), &nfc(NAME)),
        Some(dir.path().join(nfc(NAME)))
    );
}

#[test]
fn each_folder_of_a_nested_name_is_resolved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join(nfd("Cải cách hành chính"));
    fs::create_dir(&folder).expect("mkdir");
    touch(&folder.join(nfd(NAME)));
    let wanted = format!("{}/{}", nfc("Cải cách hành chính"), nfc(NAME));
    assert_eq!(
        resolve_name(dir.path(), &wanted),
        Some(folder.join(nfd(NAME)))
    );
}

#[test]
fn no_match_is_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    touch(&dir.path().join(nfc("Bản tin sáng.mp3")));
    assert_eq!(resolve_name(dir.path(), &nfc("Bản tin chiều.mp3")), None);
    assert_eq!(resolve_name(&dir.path().join("missing"), "a.mp3"), None);
}

/// Normalisation is not case folding or accent stripping: "Ban tin" is
/// another name than "Bản tin".
#[test]
fn names_that_differ_in_letters_do_not_match() {
    let dir = tempfile::tempdir().expect("temp dir");
    touch(&dir.path().join(nfc(NAME)));
    assert_eq!(
        resolve_name(dir.path(), "Ban tin thoi su – Phuong Vinh Hai.mp3"),
        None
    );
    assert_eq!(resolve_name(dir.path(), &nfc(NAME).to_uppercase()), None);
}
