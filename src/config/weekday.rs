//! The names a technician may write in a slot's `days`.
//!
//! Technicians write days the way a Vietnamese calendar does (`T2` … `T7`,
//! `CN`, `thứ hai` … `chủ nhật`), typed with or without diacritics and
//! saved in NFC or NFD depending on the editor and keyboard; English
//! three-letter names stay valid for configs written before. All of these
//! are folded to one key before matching, so none of those differences
//! makes a valid day an error.

use chrono::Weekday;
use unicode_normalization::UnicodeNormalization;

/// English names, matched on the lowercased text as written: folding
/// diacritics away would make `thứ` (an unfinished `thứ hai`) read as `thu`.
const ENGLISH: [(&str, Weekday); 14] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Vietnamese names after [`fold`]: `T2` … `CN`, `thứ hai` … `chủ nhật`,
/// `thứ 2` … `thứ 7`.
const VIETNAMESE: [(&str, Weekday); 20] = [
    ("t2", Weekday::Mon),
    ("t3", Weekday::Tue),
    ("t4", Weekday::Wed),
    ("t5", Weekday::Thu),
    ("t6", Weekday::Fri),
    ("t7", Weekday::Sat),
    ("cn", Weekday::Sun),
    ("thu hai", Weekday::Mon),
    ("thu ba", Weekday::Tue),
    ("thu tu", Weekday::Wed),
    ("thu nam", Weekday::Thu),
    ("thu sau", Weekday::Fri),
    ("thu bay", Weekday::Sat),
    ("chu nhat", Weekday::Sun),
    ("thu 2", Weekday::Mon),
    ("thu 3", Weekday::Tue),
    ("thu 4", Weekday::Wed),
    ("thu 5", Weekday::Thu),
    ("thu 6", Weekday::Fri),
    ("thu 7", Weekday::Sat),
];

/// The whole week, Monday first: a slot's days when it names none.
pub const EVERY_DAY: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The short Vietnamese form of each day, Monday first.
#[cfg(test)]
const SHORT_NAMES: [&str; 7] = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"];

/// The day a `days` entry names, or `None` when it names none.
pub fn parse_weekday(text: &str) -> Option<Weekday> {
    let written = text.trim().to_lowercase();
    let folded = fold(text);
    let english = ENGLISH.iter().find(|(name, _)| *name == written);
    let vietnamese = VIETNAMESE.iter().find(|(name, _)| *name == folded);
    english.or(vietnamese).map(|(_, day)| *day)
}

/// The folded form of an entry, for suggesting the nearest valid spelling.
pub fn folded(text: &str) -> String {
    fold(text)
}

/// Every spelling (Vietnamese ones folded), for "did you mean".
pub fn spellings() -> impl Iterator<Item = &'static str> {
    ENGLISH
        .iter()
        .chain(VIETNAMESE.iter())
        .map(|(name, _)| *name)
}

/// Lowercase, without diacritics (NFD, combining marks dropped, `đ` → `d`),
/// runs of white space as one space, trimmed.
fn fold(text: &str) -> String {
    let bare: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Combining diacritical marks, the only ones Vietnamese letters decompose to.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn vietnamese_day_names_in_every_form() {
        let names = [
            "thứ hai",
            "thứ ba",
            "thứ tư",
            "thứ năm",
            "thứ sáu",
            "thứ bảy",
            "chủ nhật",
        ];
        let days = EVERY_DAY;
        for (name, day) in names.iter().zip(days) {
            let nfc: String = name.nfc().collect();
            let nfd: String = name.nfd().collect();
            assert_eq!(parse_weekday(&nfc), Some(day), "{name} in NFC");
            assert_eq!(parse_weekday(&nfd), Some(day), "{name} in NFD");
            assert_eq!(
                parse_weekday(&nfc.to_uppercase()),
                Some(day),
                "{name} upper"
            );
        }
        assert_eq!(parse_weekday("thu tu"), Some(Weekday::Wed));
        assert_eq!(parse_weekday("Chu  Nhat"), Some(Weekday::Sun));
    }

    #[test]
    fn short_forms_and_english_names() {
        for (short, day) in SHORT_NAMES.iter().zip(EVERY_DAY) {
            assert_eq!(parse_weekday(short), Some(day));
            assert_eq!(parse_weekday(&short.to_lowercase()), Some(day));
        }
        assert_eq!(parse_weekday("MON"), Some(Weekday::Mon));
        assert_eq!(parse_weekday("thu"), Some(Weekday::Thu));
    }

    #[test]
    fn not_a_day() {
        for text in ["", "T1", "T8", "thứ", "thứ mười", "mo"] {
            assert_eq!(parse_weekday(text), None, "{text:?}");
        }
    }
}
