//! The `[station]` settings that can still be read from a file the TOML
//! parser rejects.
//!
//! One syntax error in `station.toml` must not hide the problems of the
//! playlists and topics: the technician fixes everything in one round. To
//! find those files, the plain `key = "text"` lines of the `[station]`
//! table are read line by line; anything less plain is left to the
//! defaults, exactly as when the key is absent.

use std::collections::BTreeMap;

/// The `key = "value"` lines of the `[station]` table, in a file that may
/// not parse as a whole. Lines that are not that simple are skipped.
pub fn station_strings(text: &str) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    let mut in_station = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_station = line.trim_end_matches(|c: char| c != ']') == "[station]";
            continue;
        }
        if !in_station {
            continue;
        }
        if let Some((key, value)) = simple_string(line) {
            values.entry(key.to_string()).or_insert(value.to_string());
        }
    }
    values
}

/// `key = "value"` (an optional comment after it), with no escapes in the
/// value.
fn simple_string(line: &str) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once('=')?;
    let key = key.trim();
    let rest = rest.trim().strip_prefix('"')?;
    let (value, after) = rest.split_once('"')?;
    let after = after.trim();
    let plain_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let plain_value = !value.contains('\\');
    (plain_key && plain_value && (after.is_empty() || after.starts_with('#')))
        .then_some((key, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_station_strings_around_a_syntax_error() {
        let text = "[station]\nid = \"a/b\"\nname = \"Đài\nplaylists = \"../pl\"  # here\n\n[[slot]]\nplaylists = \"no\"\n";
        let values = station_strings(text);
        assert_eq!(values.get("id").map(String::as_str), Some("a/b"));
        assert_eq!(values.get("playlists").map(String::as_str), Some("../pl"));
        assert!(!values.contains_key("name"));
    }

    #[test]
    fn a_table_header_with_a_comment_still_counts() {
        let values = station_strings("[station]  # the station\ntopics = \"t.toml\"\n");
        assert_eq!(values.get("topics").map(String::as_str), Some("t.toml"));
    }
}
