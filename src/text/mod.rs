//! Every message a user reads is rendered here, one file per area, so the
//! interface can be translated (Vietnamese) without a hunt through the code.
//!
//! Code elsewhere builds typed values (error enums, diagnostics, reports);
//! the `Display` impls and formatting live in this module.

pub mod airlog;
mod audio;
pub mod catalogue;
mod config;
mod daemon;
pub mod help;
pub mod hub;
pub mod key;
pub mod lang;
pub mod log;
mod output;
pub mod parse_error;
mod playout;
pub mod reason;
mod relay;
pub mod report;

pub use output::{device_not_there, render_device_list};

mod schedule;
mod status;
mod systemd;
mod upload;
mod verify;

pub use config::{hint, render_diagnostic};
pub use daemon::{
    PlayError, airing_summary, announcement_queued, config_on_disk_has_errors, daemon_started,
    missed_summary, outcome_summary, play_outcome, relay_never_came,
};
pub use schedule::{CheckSummary, airing_headline, airing_json, check_failed, render_schedule};
pub use status::{render_not_running, render_status};
pub use upload::{render_upload, upload_error};
pub use verify::{TimesIn, VerdictText};

/// A path as messages show it.
pub(crate) fn shown(path: &std::path::Path) -> String {
    path.display().to_string()
}

/// Renders an error and its chain of causes, the way `main` prints it. A
/// cause that says what the line above it said (an error that wraps
/// another and shows it) is not repeated.
pub fn render_error(error: &(dyn std::error::Error + 'static)) -> String {
    let mut said = error.to_string();
    let mut out = crate::tr!("error-line", error = said.as_str());
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause_text(cause);
        if text != said {
            let line = crate::tr!("error-cause", cause = text.as_str());
            out.push_str(&format!("\n  {line}"));
        }
        said = text;
        source = cause.source();
    }
    out
}

/// A cause in the reader's words: the system's own sentence for a failed
/// file operation ("No such file or directory (os error 2)") from the
/// catalogue when it has that kind of failure, any other as it says.
fn cause_text(cause: &(dyn std::error::Error + 'static)) -> String {
    match cause.downcast_ref::<std::io::Error>() {
        Some(io) => io_error_text(io),
        None => cause.to_string(),
    }
}

/// An I/O error in the reader's words (see [`io_failure_text_in`]).
pub(crate) fn io_error_text(error: &std::io::Error) -> String {
    io_error_text_in(lang::current(), error)
}

/// [`io_error_text`] in `lang`.
pub(crate) fn io_error_text_in(lang: lang::Lang, error: &std::io::Error) -> String {
    io_failure_text_in(lang, error.kind(), error.raw_os_error(), &error.to_string())
}

/// A failed file operation in `lang`: the catalogue's sentence for the kinds
/// it names (with the system's error number), else `said`, the system's
/// own words.
pub(crate) fn io_failure_text_in(
    lang: lang::Lang,
    kind: std::io::ErrorKind,
    code: Option<i32>,
    said: &str,
) -> String {
    let id = match kind {
        std::io::ErrorKind::NotFound => "io-not-found",
        std::io::ErrorKind::PermissionDenied => "io-permission-denied",
        std::io::ErrorKind::AlreadyExists => "io-already-exists",
        std::io::ErrorKind::StorageFull => "io-storage-full",
        _ => return said.to_string(),
    };
    match code {
        Some(code) => crate::tr_lang!(
            lang,
            "io-error",
            text = crate::tr_lang!(lang, id),
            code = code.to_string()
        ),
        None => said.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error that shows its cause, and the cause beneath it.
    #[derive(Debug)]
    struct Wrapping(std::io::Error);

    impl std::fmt::Display for Wrapping {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.fmt(f)
        }
    }

    impl std::error::Error for Wrapping {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    /// Regression: `loa verify` on a file that is not a bundle printed
    /// its error line twice, the second time as its own cause.
    #[test]
    fn a_cause_that_repeats_the_error_is_not_printed_again() {
        let error = Wrapping(std::io::Error::other("bundle.tar: not a bundle"));
        let rendered = render_error(&error);
        assert_eq!(
            rendered.matches("bundle.tar: not a bundle").count(),
            1,
            "{rendered}"
        );
        assert_eq!(rendered.lines().count(), 1, "{rendered}");
    }
}
