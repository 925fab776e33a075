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
pub mod lang;
mod output;
mod playout;
pub mod reason;
mod relay;
pub mod report;

pub use output::{device_not_there, render_device_list};

mod schedule;
mod status;
mod systemd;
mod upload;

pub use config::{hint, render_diagnostic};
pub use daemon::{
    PlayError, airing_summary, announcement_queued, config_on_disk_has_errors, daemon_started,
    missed_summary, outcome_summary, play_outcome, relay_never_came,
};
pub use schedule::{CheckSummary, airing_headline, airing_json, check_failed, render_schedule};
pub use status::{render_not_running, render_status};
pub use upload::{render_upload, upload_error};

/// Renders an error and its chain of causes, the way `main` prints it.
pub fn render_error(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = crate::tr!("error-line", error = error.to_string());
    let mut source = error.source();
    while let Some(cause) = source {
        let line = crate::tr!("error-cause", cause = cause.to_string());
        out.push_str(&format!("\n  {line}"));
        source = cause.source();
    }
    out
}
