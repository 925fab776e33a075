//! The durations a station's config gives (a slot's `max` and `grace`,
//! silences to trim or to count as dead air), and the one limit they share:
//! nothing on a loudspeaker runs longer than a session.

use std::ops::Range;
use std::time::Duration;

use super::duration::parse_duration;
use super::fields::{Fields, Spanned};
use super::problem::{Diagnostics, Problem};

/// `grace` when neither the slot nor `[station]` gives one.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(600);
/// No real session runs longer; a larger `max` is a typo (`15h` for `15m`).
const LONGEST_SESSION: Duration = Duration::from_secs(12 * 3600);

/// `None`: the key is absent. `Some(None)`: present but wrong (reported).
/// A missing required key is reported here too, as `Some(None)`.
pub fn read_duration(
    f: &Fields,
    key: &str,
    d: &mut Diagnostics,
    optional: bool,
) -> Option<Option<Spanned<Duration>>> {
    let Some(text) = f.string(key, d) else {
        if !optional {
            f.missing(key, d);
            return Some(None);
        }
        return None;
    };
    let Some(value) = parse_duration(&text.value) else {
        d.error(f.at(text.span), Problem::BadDuration { value: text.value });
        return Some(None);
    };
    if !optional && value.is_zero() {
        d.error(f.at(text.span), Problem::ZeroDuration { key: key.into() });
        return Some(None);
    }
    if is_too_long(f, key, value, &text.span, d) {
        return Some(None);
    }
    Some(Some(Spanned {
        value,
        span: text.span,
    }))
}

/// Reports a duration longer than any session as the typo it must be.
pub fn is_too_long(
    f: &Fields,
    key: &str,
    value: Duration,
    span: &Range<usize>,
    d: &mut Diagnostics,
) -> bool {
    let too_long = value > LONGEST_SESSION;
    if too_long {
        d.error(
            f.at(span.clone()),
            Problem::DurationTooLong {
                key: key.into(),
                value,
                limit: LONGEST_SESSION,
            },
        );
    }
    too_long
}
