//! Why an upload did not go through, as typed values: shown by `loa
//! status` (wording in `crate::text::upload`), with a machine code for
//! `--json`.

use crate::hub::protocol::RefusalCode;

/// One failed attempt to reach or satisfy the hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadError {
    /// The certificate file in `[upload] ca` cannot be used (it was fine at
    /// `loa check`, then changed).
    Ca(String),
    /// No answer: DNS, connection, TLS or timeout.
    Unreachable(String),
    /// The hub refused, with its code and reason.
    Refused {
        /// The protocol's refusal.
        code: RefusalCode,
        /// The hub's words.
        detail: String,
        /// For `gap` and `fork`: the `seq` the hub expects next.
        next_seq: Option<u64>,
    },
    /// An HTTP status with no refusal body (a proxy's error page, a 5xx).
    Status(u16),
    /// An answer that is not the protocol's (a captive portal, a wrong
    /// address).
    BadAnswer(String),
    /// The station's own log cannot be read.
    LogUnreadable(String),
    /// A record is missing from the station's log (damage, §6.3 of
    /// `docs/airlog.md`): nothing after it can extend the hub's chain.
    LogDamaged {
        /// The `seq` that cannot be found.
        missing: u64,
    },
    /// The hub holds records the station's log does not (the log was
    /// restored from an old copy, or the hub holds another station's log).
    HubAhead {
        /// The `seq` the hub expects next.
        hub_next: u64,
        /// The `seq` the station's log writes next.
        log_next: u64,
    },
    /// The hub's record at `seq` is not the station's record at `seq`.
    Diverged {
        /// The first record that differs.
        seq: u64,
    },
    /// The station's signing key cannot be read, so no heartbeat can be
    /// signed.
    Key(String),
}

impl UploadError {
    /// The machine code, for `loa status --json`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Ca(_) => "ca",
            Self::Unreachable(_) => "unreachable",
            Self::Refused { code, .. } => code.code(),
            Self::Status(_) => "http_status",
            Self::BadAnswer(_) => "bad_answer",
            Self::LogUnreadable(_) => "log_unreadable",
            Self::LogDamaged { .. } => "log_damaged",
            Self::HubAhead { .. } => "hub_ahead",
            Self::Diverged { .. } => "diverged",
            Self::Key(_) => "key",
        }
    }
}

impl std::error::Error for UploadError {}
