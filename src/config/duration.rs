//! Durations as technicians write them: `90s`, `15m`, `1h30m`, `2h`.

use std::time::Duration;

/// Parses `1h30m`, `15m`, `90s`, `1h2m3s` (units in that order, each at most
/// once, at least one). Returns `None` for anything else, including a bare
/// number, so that "15" is not silently read as seconds or minutes.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    let mut total: u64 = 0;
    let mut last_unit_rank = 0;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 || digits > 6 {
            return None;
        }
        let number: u64 = rest[..digits].parse().ok()?;
        let unit = rest[digits..].chars().next()?;
        let (rank, seconds) = match unit {
            'h' => (1, 3600),
            'm' => (2, 60),
            's' => (3, 1),
            _ => return None,
        };
        if rank <= last_unit_rank {
            return None;
        }
        last_unit_rank = rank;
        total = total.checked_add(number.checked_mul(seconds)?)?;
        rest = &rest[digits + 1..];
    }
    Some(Duration::from_secs(total))
}

/// Formats a duration the way it is written in config: `1h30m`, `15m`, `42s`,
/// `11m40s`. Sub-second parts are rounded to the nearest second.
pub fn format_duration(duration: Duration) -> String {
    let total = (duration.as_millis() + 500) / 1000;
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms() {
        assert_eq!(parse_duration("90s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("15m"), Some(Duration::from_secs(900)));
        assert_eq!(parse_duration("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_duration("1h2m3s"), Some(Duration::from_secs(3723)));
    }

    #[test]
    fn rejects_bare_numbers_and_disorder() {
        for bad in [
            "", "15", "m", "1m1h", "1h1h", "1.5h", "-5m", "5 m", "10x", "9999999s",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for text in ["1h30m", "15m", "42s", "11m40s", "2h", "1h0m5s"] {
            let d = parse_duration(text).unwrap();
            assert_eq!(parse_duration(&format_duration(d)), Some(d));
        }
        assert_eq!(format_duration(Duration::from_millis(700_400)), "11m40s");
    }
}
