//! Messages about the upload to the province's hub.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::daemon::UploadStatus;
use crate::hub::protocol::RefusalCode;
use crate::tr;
use crate::upload::UploadError;

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Ca(detail) => tr!("upload-error-ca", detail = detail.as_str()),
            Self::Unreachable(detail) => tr!("upload-error-unreachable", detail = detail.as_str()),
            Self::Refused { code, detail, .. } => tr!(
                "upload-error-refused",
                reason = tr!(refusal_id(*code)),
                detail = detail.as_str()
            ),
            Self::Status(status) => tr!("upload-error-status", status = status.to_string()),
            Self::BadAnswer(detail) => tr!("upload-error-bad-answer", detail = detail.as_str()),
            Self::LogUnreadable(detail) => {
                tr!("upload-error-log-unreadable", detail = detail.as_str())
            }
            Self::LogDamaged { missing } => {
                tr!("upload-error-log-damaged", seq = missing.to_string())
            }
            Self::HubAhead { hub_next, log_next } => tr!(
                "upload-error-hub-ahead",
                hub_last = hub_next.saturating_sub(1).to_string(),
                log_last = log_next.saturating_sub(1).to_string()
            ),
            Self::Diverged { seq } => tr!("upload-error-diverged", seq = seq.to_string()),
            Self::Key(detail) => tr!("upload-error-key", detail = detail.as_str()),
        })
    }
}

/// The catalogue id of what a refusal means, for the technician.
fn refusal_id(code: RefusalCode) -> &'static str {
    match code {
        RefusalCode::UnknownStation => "upload-refusal-unknown-station",
        RefusalCode::Invalid => "upload-refusal-invalid",
        RefusalCode::Fork => "upload-refusal-fork",
        RefusalCode::Gap => "upload-refusal-gap",
        RefusalCode::TooLarge => "upload-refusal-too-large",
        RefusalCode::RateLimited => "upload-refusal-rate-limited",
        RefusalCode::BadRequest => "upload-refusal-bad-request",
        RefusalCode::Replayed => "upload-refusal-replayed",
        RefusalCode::Stale => "upload-refusal-stale",
    }
}

/// An upload failure on one line.
pub fn upload_error(error: &UploadError) -> String {
    error.to_string()
}

/// The upload's lines of `loa status`: the hub, how far it holds the log,
/// the last success and the last failure. `log_next` is the log's own
/// next `seq` as the daemon knows it now.
pub fn render_upload(
    upload: &UploadStatus,
    log_next: u64,
    local: &dyn Fn(DateTime<Utc>) -> String,
) -> String {
    let log_next = log_next.max(upload.log_next_seq);
    let mut lines = vec![tr!("status-upload-hub", hub = upload.hub.as_str())];
    lines.push(match upload.acknowledged {
        Some(held) => {
            let behind = log_next.saturating_sub(held);
            let state = match behind {
                0 => tr!("status-upload-up-to-date"),
                _ => tr!("status-upload-to-send", count = behind.to_string()),
            };
            let last = log_next.saturating_sub(1).to_string();
            match held.checked_sub(1) {
                Some(held) => tr!(
                    "status-upload-acknowledged",
                    held = held.to_string(),
                    last = last,
                    state = state
                ),
                None => tr!(
                    "status-upload-acknowledged-none",
                    last = last,
                    state = state
                ),
            }
        }
        None => tr!("status-upload-not-known"),
    });
    lines.push(match upload.last_success {
        Some(at) => tr!("status-upload-last-success", at = local(at)),
        None => tr!("status-upload-never"),
    });
    if let Some(error) = &upload.last_error {
        let current = upload.last_success.is_none_or(|ok| error.at > ok);
        let id = if current {
            "status-upload-failing"
        } else {
            "status-upload-last-error"
        };
        lines.push(tr!(
            id,
            at = local(error.at),
            message = error.message.as_str()
        ));
    }
    lines.iter().map(|line| format!("{line}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::daemon::UploadProblem;

    fn at(hms: &str) -> DateTime<Utc> {
        format!("2026-12-01T{hms}Z").parse().expect("instant")
    }

    #[test]
    fn status_says_how_far_the_hub_holds_the_log_and_whether_it_fails_now() {
        let local = |t: DateTime<Utc>| t.format("%H:%M:%S").to_string();
        let mut upload = UploadStatus {
            hub: "https://hub.example.vn/".into(),
            acknowledged: Some(41),
            log_next_seq: 42,
            last_success: Some(at("10:00:00")),
            last_heartbeat: None,
            last_error: Some(UploadProblem {
                at: at("09:00:00"),
                code: "unreachable".into(),
                message: "the hub cannot be reached: timed out".into(),
            }),
        };
        let shown = render_upload(&upload, 42, &local);
        assert!(
            shown.contains("acknowledged: record 40 of the log's 41 (1 to send)"),
            "{shown}"
        );
        assert!(shown.contains("last error: 09:00:00"), "{shown}");
        upload.last_error.as_mut().expect("error").at = at("11:00:00");
        let shown = render_upload(&upload, 42, &local);
        assert!(shown.contains("FAILING: 11:00:00"), "{shown}");
        upload.acknowledged = Some(42);
        assert!(render_upload(&upload, 42, &local).contains("(up to date)"));
    }
}
