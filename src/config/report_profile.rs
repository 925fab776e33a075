//! The report profile (`loa report --profile FILE`): what the printable
//! report's letterhead says, kept in a file so an officer types it once,
//! e.g. for a commune station since the 2025 reorganisation:
//!
//! ```toml
//! parent = "UBND XÃ AN HIỆP"
//! issuer = "ĐÀI TRUYỀN THANH XÃ AN HIỆP"
//! number = "12/BC-ĐTT"
//! place = "An Hiệp"
//! recipient = ["Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ", "UBND xã An Hiệp"]
//! signer = "TRƯỞNG ĐÀI"
//! ```
//!
//! Every key is optional; `recipient` is one name or a list of them. The
//! command line's options override the file, key by key.

use std::path::Path;

use toml_edit::Document;

use super::fields::{Fields, Spanned};
use super::problem::{Diagnostics, Problem};
use super::side_file::{SideFileInvalid, read_side_file};
use super::source::SourceFile;

/// The keys a profile may have.
const KEYS: [&str; 6] = ["parent", "issuer", "number", "place", "recipient", "signer"];

/// A report profile: the printable report's letterhead texts
/// (`report::html::Letterhead`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportProfile {
    /// The governing body (`UBND XÃ AN HIỆP`).
    pub parent: Option<String>,
    /// The issuing body (`ĐÀI TRUYỀN THANH XÃ AN HIỆP`).
    pub issuer: Option<String>,
    /// The document number (`12/BC-ĐTT`).
    pub number: Option<String>,
    /// The place the date line names (`An Hiệp`).
    pub place: Option<String>,
    /// Who the report is sent to, in order: "Kính gửi" and "Nơi nhận"
    /// list them.
    pub recipients: Vec<String>,
    /// The signer's title (`TRƯỞNG ĐÀI`).
    pub signer: Option<String>,
}

impl ReportProfile {
    /// Reads a profile; every problem is located.
    pub fn read(path: &Path) -> Result<Self, SideFileInvalid> {
        read_side_file(path, read_profile)
    }
}

fn read_profile(source: &SourceFile, doc: &Document<String>, d: &mut Diagnostics) -> ReportProfile {
    let f = Fields::new(doc.as_table(), String::new(), 0..0, source);
    f.reject_unknown(&KEYS, d);
    let mut text = |key: &str| {
        let value = f.string(key, d)?;
        non_empty(&f, key, value, d)
    };
    let (parent, issuer, number) = (text("parent"), text("issuer"), text("number"));
    let (place, signer) = (text("place"), text("signer"));
    ReportProfile {
        parent,
        issuer,
        number,
        place,
        recipients: recipients(&f, d),
        signer,
    }
}

/// `recipient`: one name, or a list of names.
fn recipients(f: &Fields, d: &mut Diagnostics) -> Vec<String> {
    let key = "recipient";
    let list = if f.is_string(key) {
        f.string(key, d).into_iter().collect()
    } else {
        f.string_list(key, d).unwrap_or_default()
    };
    list.into_iter()
        .filter_map(|value| non_empty(f, key, value, d))
        .collect()
}

fn non_empty(f: &Fields, key: &str, value: Spanned<String>, d: &mut Diagnostics) -> Option<String> {
    let trimmed = value.value.trim();
    if trimmed.is_empty() {
        d.error(f.at(value.span), Problem::EmptyText { key: key.into() });
        return None;
    }
    Some(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(text: &str) -> Result<ReportProfile, SideFileInvalid> {
        crate::config::side_file::read_written("profile.toml", text, ReportProfile::read)
    }

    #[test]
    fn recipient_is_one_name_or_a_list() {
        let one = profile("recipient = \"UBND xã An Hiệp\"\n").unwrap();
        assert_eq!(one.recipients, ["UBND xã An Hiệp"]);
        let two = profile("parent = \"UBND XÃ AN HIỆP\"\nrecipient = [\"A\", \"B\"]\n").unwrap();
        assert_eq!(two.recipients, ["A", "B"]);
        assert_eq!(two.parent.as_deref(), Some("UBND XÃ AN HIỆP"));
        assert_eq!(two.issuer, None);
    }

    #[test]
    fn unknown_keys_wrong_types_and_blanks_are_located() {
        let error = profile("isuer = \"A\"\nsigner = 3\nplace = \" \"\n").unwrap_err();
        let found: Vec<(usize, &Problem)> = error
            .diagnostics
            .sorted()
            .into_iter()
            .map(|d| (d.location.line, &d.problem))
            .collect();
        assert!(
            matches!(found[0], (1, Problem::UnknownKey { suggestion: Some(s), .. }) if s == "issuer")
        );
        assert!(matches!(found[1], (2, Problem::WrongType { .. })));
        assert!(matches!(found[2], (3, Problem::EmptyText { .. })));
        assert_eq!(found.len(), 3);
    }
}
