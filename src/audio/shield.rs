//! The one place symphonia's panics are caught. Symphonia 0.5 can panic on
//! some malformed inputs (index out of bounds, arithmetic overflow); a segment
//! file must never take the daemon down, so each call into it goes through
//! [`shielded`] or [`caught`], and a panic becomes [`Undecodable::Crashed`].
//!
//! This relies on `panic = "unwind"` (the default): a build profile with
//! `panic = "abort"` would turn these back into crashes.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use super::error::{AudioError, Undecodable};

/// Runs `work`, turning a panic inside it into an error about `path`.
///
/// `AssertUnwindSafe` is sound here because callers drop whatever state
/// `work` touched once it has panicked.
pub(crate) fn shielded<T>(
    path: &Path,
    work: impl FnOnce() -> Result<T, AudioError>,
) -> Result<T, AudioError> {
    caught(work).unwrap_or_else(|message| Err(crashed(path, &message)))
}

/// Runs `work`; if it panics, returns the panic's message. For callers that
/// must mark their own state as broken (and so cannot lend `work` the path).
pub(crate) fn caught<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

/// The error that stands for a panic with `message` while decoding `path`;
/// the message goes to the log for whoever investigates.
pub(crate) fn crashed(path: &Path, message: &str) -> AudioError {
    tracing::warn!(path = %path.display(), %message, "{}", crate::tr!("journal-decoder-panicked"));
    AudioError::undecodable(path, Undecodable::Crashed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 20,000 randomly damaged files did not make symphonia 0.5.5 panic, so
    /// the shield is tested with a panic of its own.
    #[test]
    fn a_panic_becomes_crashed_about_the_file() {
        let path = Path::new("segments/bản tin.mp3");
        let result: Result<(), AudioError> = shielded(path, || panic!("index out of bounds"));
        match result {
            Err(AudioError::Undecodable {
                path: reported,
                reason: Undecodable::Crashed,
            }) => assert_eq!(reported, path),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn caught_passes_results_through_and_reports_the_message() {
        assert_eq!(caught(|| 7), Ok(7));
        let message = caught(|| panic!("{} went wrong", "decoding")).expect_err("panicked");
        assert_eq!(message, "decoding went wrong");
    }
}
