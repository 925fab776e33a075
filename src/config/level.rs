//! Levels as technicians write them: `"-16 LUFS"` for a loudness target,
//! `"+3 dB"` for a gain. The unit is required, so a bare `-16` is not
//! silently read as one or the other.

/// Parses a signed decimal number followed by `unit` (any case, with or
/// without a space): `"-16 LUFS"`, `"-16lufs"`, `"+3 dB"`, `"-4.5dB"`.
/// `None` for anything else.
pub fn parse_level(text: &str, unit: &str) -> Option<f64> {
    let text = text.trim();
    let split = text.len().checked_sub(unit.len())?;
    let (number, found_unit) = (text.get(..split)?, text.get(split..)?);
    if !found_unit.eq_ignore_ascii_case(unit) {
        return None;
    }
    let number = number.trim_end();
    let digits = number.strip_prefix(['+', '-']).unwrap_or(number);
    let well_formed = !digits.is_empty()
        && digits.len() <= 8
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if !well_formed {
        return None;
    }
    number.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `"off"` (any case): the setting is turned off.
pub fn is_off(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("off")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_signed_decimals_with_the_unit() {
        assert_eq!(parse_level("-16 LUFS", "LUFS"), Some(-16.0));
        assert_eq!(parse_level("-23lufs", "LUFS"), Some(-23.0));
        assert_eq!(parse_level("+3 dB", "dB"), Some(3.0));
        assert_eq!(parse_level("-4.5 DB", "dB"), Some(-4.5));
        assert_eq!(parse_level(" 0 dB ", "dB"), Some(0.0));
    }

    #[test]
    fn rejects_missing_or_wrong_units_and_junk() {
        for bad in [
            "-16",
            "LUFS",
            "-16 dB",
            "- 16 LUFS",
            "--16 LUFS",
            "-1.6.0 LUFS",
            ".5 LUFS",
            "5. LUFS",
            "1e3 LUFS",
            "inf LUFS",
            "NaN LUFS",
            "-16 LUFS!",
            "",
        ] {
            assert_eq!(parse_level(bad, "LUFS"), None, "{bad:?}");
        }
        assert_eq!(parse_level("+3", "dB"), None);
        assert_eq!(parse_level("é dB", "dB"), None);
    }
}
