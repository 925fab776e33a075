//! Instants in the log: UTC, to the microsecond, in one fixed spelling
//! (`2021-03-01T05:30:00.123456Z`, always 27 characters).
//!
//! A fixed spelling keeps bodies canonical and lets the verifier parse an
//! instant without a general date parser.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

/// Length of the fixed spelling.
pub const INSTANT_LEN: usize = 27;

/// Drops the nanoseconds below a microsecond, as the log stores them.
pub fn truncate_to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    let nanos = at.nanosecond() / 1_000 * 1_000;
    at.with_nanosecond(nanos).unwrap_or(at)
}

/// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, appended to `out`.
pub fn write_instant(at: DateTime<Utc>, out: &mut Vec<u8>) {
    // Years outside 0..=9999 cannot occur from a real clock; clamp rather than
    // write a spelling the parser rejects.
    let year = at.year().clamp(0, 9999);
    let micros = (at.nanosecond() / 1_000).min(999_999);
    let text = format!(
        "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{micros:06}Z",
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
    );
    out.extend_from_slice(text.as_bytes());
}

/// The fixed spelling as a `String`.
pub fn format_instant(at: DateTime<Utc>) -> String {
    let mut out = Vec::with_capacity(INSTANT_LEN);
    write_instant(at, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Parses exactly the fixed spelling; anything else is `None`.
pub fn parse_instant(text: &[u8]) -> Option<DateTime<Utc>> {
    if text.len() != INSTANT_LEN {
        return None;
    }
    let punctuation = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'.'),
        (26, b'Z'),
    ];
    if punctuation.iter().any(|&(at, c)| text[at] != c) {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        text[from..to].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0, 4)?).ok()?,
        number(5, 7)?,
        number(8, 10)?,
    )?;
    let time = NaiveTime::from_hms_micro_opt(
        number(11, 13)?,
        number(14, 16)?,
        number(17, 19)?,
        number(20, 26)?,
    )?;
    // A leap second (60) parses in chrono as 59 + 1s of micros; refuse it so
    // every instant has one spelling.
    if time.second() > 59 || time.nanosecond() >= 1_000_000_000 {
        return None;
    }
    Some(NaiveDateTime::new(date, time).and_utc())
}

/// `#[serde(with = "crate::airlog::time::serde_instant")]` for instants in
/// record fields.
pub mod serde_instant {
    use chrono::{DateTime, Utc};
    use serde::{Deserializer, Serializer};

    /// Writes the fixed spelling.
    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_instant(*at))
    }

    /// Reads exactly the fixed spelling.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(InstantVisitor)
    }

    struct InstantVisitor;

    impl serde::de::Visitor<'_> for InstantVisitor {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a UTC instant like 2021-03-01T05:30:00.000000Z")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
            super::parse_instant(text.as_bytes())
                .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(text), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instants_round_trip_to_the_microsecond() {
        let at = Utc.with_ymd_and_hms(2021, 3, 1, 5, 30, 0).unwrap()
            + chrono::Duration::nanoseconds(123_456_789);
        let text = format_instant(at);
        assert_eq!(text, "2021-03-01T05:30:00.123456Z");
        assert_eq!(parse_instant(text.as_bytes()), Some(truncate_to_micros(at)));
    }

    #[test]
    fn other_spellings_are_refused() {
        for bad in [
            "2021-03-01T05:30:00Z",
            "2021-03-01T05:30:00.123456+00:00",
            "2021-03-01 05:30:00.123456Z",
            "2021-02-30T05:30:00.123456Z",
            "2021-03-01T05:30:60.000000Z",
            "+021-03-01T05:30:00.123456Z",
        ] {
            assert_eq!(parse_instant(bad.as_bytes()), None, "{bad}");
        }
    }
}
