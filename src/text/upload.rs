//! Messages about the upload to the province's hub.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::daemon::UploadStatus;
use crate::hub::protocol::RefusalCode;
use crate::upload::UploadError;

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ca(detail) => write!(f, "the hub's certificate file cannot be used: {detail}"),
            Self::Unreachable(detail) => write!(f, "the hub cannot be reached: {detail}"),
            Self::Refused { code, detail, .. } => {
                write!(f, "the hub refused: {} ({detail})", refusal_words(*code))
            }
            Self::Status(status) => write!(f, "the hub answered HTTP {status}"),
            Self::BadAnswer(detail) => {
                write!(
                    f,
                    "the answer is not from a loa hub ({detail}); check [upload] hub"
                )
            }
            Self::LogUnreadable(detail) => write!(f, "the airing log cannot be read: {detail}"),
            Self::LogDamaged { missing } => write!(
                f,
                "record {missing} is missing from the airing log (damage, see `loa verify`): \
                 nothing after it can be uploaded"
            ),
            Self::HubAhead { hub_next, log_next } => write!(
                f,
                "the hub holds records up to {} but this log only up to {}: was the log \
                 restored from an old copy? Ask the province",
                hub_next.saturating_sub(1),
                log_next.saturating_sub(1)
            ),
            Self::Diverged { seq } => write!(
                f,
                "the hub's record {seq} differs from this log's: ask the province \
                 (the hub keeps both as evidence)"
            ),
            Self::Key(detail) => {
                write!(
                    f,
                    "the station key cannot be read to sign the heartbeat: {detail}"
                )
            }
        }
    }
}

/// What a refusal means, for the technician.
fn refusal_words(code: RefusalCode) -> &'static str {
    match code {
        RefusalCode::UnknownStation => "this station is not registered at the hub",
        RefusalCode::Invalid => "a record does not verify under the key the hub has",
        RefusalCode::Fork => "a record differs from the one the hub holds",
        RefusalCode::Gap => "records are missing before this batch",
        RefusalCode::TooLarge => "the request is too large",
        RefusalCode::RateLimited => "too many requests; waiting",
        RefusalCode::BadRequest => "the request is malformed",
        RefusalCode::Replayed => "a heartbeat counter was already used",
        RefusalCode::Stale => "the heartbeat's time is too far from the hub's (check the clock)",
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
    let mut out = format!("hub: {}\n", upload.hub);
    match upload.acknowledged {
        Some(held) => {
            let behind = log_next.saturating_sub(held);
            let progress = match held.checked_sub(1) {
                Some(last) => format!("record {last}"),
                None => "no record yet".to_string(),
            };
            out.push_str(&format!(
                "  acknowledged: {progress} of the log's {} ({})\n",
                log_next.saturating_sub(1),
                if behind == 0 {
                    "up to date".to_string()
                } else {
                    format!("{behind} to send")
                }
            ));
        }
        None => out.push_str("  acknowledged: not known yet (the hub has not answered)\n"),
    }
    match upload.last_success {
        Some(at) => out.push_str(&format!("  last success: {}\n", local(at))),
        None => out.push_str("  last success: never since start\n"),
    }
    if let Some(error) = &upload.last_error {
        let current = upload.last_success.is_none_or(|ok| error.at > ok);
        out.push_str(&format!(
            "  {}: {} — {}\n",
            if current { "FAILING" } else { "last error" },
            local(error.at),
            error.message
        ));
    }
    out
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
