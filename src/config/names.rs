//! Names that go into file names, URLs and reports (a station id's parts,
//! a slot's name, a unit's id): one rule for all of them.

/// Lowercase a-z, 0-9 and inner '-': safe in file names, URLs and reports.
pub fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}
