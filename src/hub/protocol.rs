//! The wire protocol between a station's uploader and the province's hub.
//!
//! Records travel as the exact bytes of their log lines (`docs/airlog.md`
//! §2): the hub never re-serialises a record, so what it stores verifies
//! exactly as the station's own log does. Heartbeats are not records (they
//! are status, not history) but are signed with the station key the same way
//! and bound to a time and a counter so a captured one cannot be replayed.
//!
//! Endpoints (all under [`API_PREFIX`]):
//!
//! | request | body | answer |
//! |---|---|---|
//! | `GET /api/v1/head?station=ID` | none | 200 [`Head`] |
//! | `POST /api/v1/records` | log lines of one station, consecutive `seq`, each ending in LF | 200 [`Head`] after the batch |
//! | `POST /api/v1/heartbeat` | one signed heartbeat line ([`seal_heartbeat`]) | 200 [`Head`] |
//!
//! Every refusal is a 4xx with a [`Refusal`] body whose `error` is one of
//! [`RefusalCode`]'s codes. A batch that starts before the hub's head is
//! compared line by line with what is stored: identical lines are
//! acknowledged again (uploads are idempotent), a different one is a fork.

use std::time::Duration;

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::airlog::b64;
use crate::airlog::verify::signatures::zip215_valid;

/// Where the hub's API lives, so a reverse proxy can route it apart from the
/// officers' pages.
pub const API_PREFIX: &str = "/api/v1";
/// Where a station asks how far the hub holds its log.
pub const HEAD_PATH: &str = "/api/v1/head";
/// Where a station posts its log lines.
pub const RECORDS_PATH: &str = "/api/v1/records";
/// Where a station posts its heartbeat.
pub const HEARTBEAT_PATH: &str = "/api/v1/heartbeat";

/// The largest body of a records batch: one station cannot make the hub
/// hold more than this in memory for it.
pub const MAX_BATCH_BYTES: usize = 1 << 20;
/// The most lines in one batch.
pub const MAX_BATCH_RECORDS: usize = 2_000;
/// The largest heartbeat line.
pub const MAX_HEARTBEAT_BYTES: usize = 4_096;
/// How far a heartbeat's `at` may be from the hub's clock: older ones are
/// stale (a replay), newer ones come from a station whose clock is wrong.
pub const HEARTBEAT_MAX_SKEW: Duration = Duration::from_secs(300);
/// How often a station sends its heartbeat.
pub const HEARTBEAT_EVERY: Duration = Duration::from_secs(60);

/// Signed heartbeats start with these bytes, so no heartbeat signature can
/// ever be taken for a record signature (those sign a 32-byte hash).
const HEARTBEAT_DOMAIN: &[u8] = b"loa-heartbeat-v1\n";
const LINE_START: &[u8] = b"{\"body\":";
const SIG_START: &[u8] = b",\"sig\":\"";
const SIG_LEN: usize = 88;

/// How far the hub holds a station's log: the answer to every accepted
/// request, from which the station's uploader resumes after any outage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// The station id, as in its records.
    pub station: String,
    /// The `seq` the hub expects next (0 when it holds nothing).
    pub next_seq: u64,
    /// The record hash of record `next_seq - 1`, or 64 zeros.
    pub head: String,
}

/// Why the hub refused a request, as a machine code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalCode {
    /// The station is not in the hub's registry.
    UnknownStation,
    /// A line is not a valid record, or does not verify under the station's
    /// key, or does not extend its chain.
    Invalid,
    /// A line has the `seq` of a stored record but different bytes.
    Fork,
    /// The batch starts after the hub's head: records are missing between.
    Gap,
    /// The body is larger than the protocol allows.
    TooLarge,
    /// The station sent more than its share of requests.
    RateLimited,
    /// The body is not what the endpoint takes (garbage, two stations …).
    BadRequest,
    /// A heartbeat whose counter is not above the last one seen.
    Replayed,
    /// A heartbeat whose time is too far from the hub's clock.
    Stale,
}

impl RefusalCode {
    /// The code as it appears in a [`Refusal`].
    pub fn code(self) -> &'static str {
        match self {
            RefusalCode::UnknownStation => "unknown_station",
            RefusalCode::Invalid => "invalid",
            RefusalCode::Fork => "fork",
            RefusalCode::Gap => "gap",
            RefusalCode::TooLarge => "too_large",
            RefusalCode::RateLimited => "rate_limited",
            RefusalCode::BadRequest => "bad_request",
            RefusalCode::Replayed => "replayed",
            RefusalCode::Stale => "stale",
        }
    }

    /// The code named `text`, if it is one.
    pub fn from_code(text: &str) -> Option<Self> {
        ALL_CODES.iter().copied().find(|code| code.code() == text)
    }

    /// The HTTP status the hub answers with.
    pub fn http_status(self) -> u16 {
        match self {
            RefusalCode::UnknownStation => 404,
            RefusalCode::Fork | RefusalCode::Gap | RefusalCode::Replayed => 409,
            RefusalCode::TooLarge => 413,
            RefusalCode::Invalid | RefusalCode::Stale => 422,
            RefusalCode::RateLimited => 429,
            RefusalCode::BadRequest => 400,
        }
    }
}

const ALL_CODES: [RefusalCode; 9] = [
    RefusalCode::UnknownStation,
    RefusalCode::Invalid,
    RefusalCode::Fork,
    RefusalCode::Gap,
    RefusalCode::TooLarge,
    RefusalCode::RateLimited,
    RefusalCode::BadRequest,
    RefusalCode::Replayed,
    RefusalCode::Stale,
];

/// The body of every refusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// A [`RefusalCode`]'s code.
    pub error: String,
    /// What was wrong, in English, for the station's journal.
    pub detail: String,
    /// For `gap` and `fork`: the `seq` the hub expects next, so the
    /// uploader can resume from there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_seq: Option<u64>,
    /// For `invalid` and `fork`: the 1-based line of the batch at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

/// What a station tells the hub every minute about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeartbeatStatus {
    /// The slot on air now, if any.
    pub on_air: Option<String>,
    /// Whether the audio output works: `"ok"` or `"failing"`.
    pub output: String,
    /// Why the output fails, when it does.
    pub output_detail: Option<String>,
    /// How many errors the station's configuration has (0 when it loads).
    pub config_errors: u32,
    /// The next scheduled airing, as an instant (`docs/airlog.md` §3.1).
    pub next_airing: Option<String>,
    /// The `seq` the station's log will write next.
    pub log_next_seq: u64,
    /// How many times the loudspeakers went silent while airing since the
    /// daemon started (the failure stations fear most). Absent in the
    /// heartbeats of stations older than this field: read as 0.
    #[serde(default)]
    pub dead_air_count: u64,
    /// When the newest of those silences began, an instant (§3.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_dead_air: Option<String>,
}

/// A heartbeat as signed: who, when, which one, and the status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat {
    /// The station id.
    pub station: String,
    /// Strictly increasing per station across restarts (the station uses
    /// its clock's milliseconds, bumped past the last one it sent), so the
    /// hub refuses one it has seen.
    pub counter: u64,
    /// When it was made, an instant (`docs/airlog.md` §3.1).
    pub at: String,
    /// The station's state.
    pub status: HeartbeatStatus,
}

/// Why a heartbeat line was refused before its counter was looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeartbeatError {
    /// Not of the form `{"body":…,"sig":"…"}` or the body is not a heartbeat.
    Malformed,
    /// The signature does not verify under the key given.
    BadSignature,
    /// `at` is not an instant, or too far from `now`.
    Stale,
}

/// The signed line a station posts: `{"body":BODY,"sig":"SIG"}`, SIG being
/// the Ed25519 signature of the heartbeat domain followed by BODY's bytes.
pub fn seal_heartbeat(key: &SigningKey, heartbeat: &Heartbeat) -> Vec<u8> {
    let body = serde_json::to_vec(heartbeat).unwrap_or_default();
    let signature = key.sign(&heartbeat_message(&body));
    let mut line = Vec::with_capacity(body.len() + 110);
    line.extend_from_slice(LINE_START);
    line.extend_from_slice(&body);
    line.extend_from_slice(SIG_START);
    line.extend_from_slice(b64::encode(&signature.to_bytes()).as_bytes());
    line.extend_from_slice(b"\"}");
    line
}

/// The station a heartbeat line claims to come from, read before its
/// signature can be checked (the hub needs it to find the key).
pub fn heartbeat_station(line: &[u8]) -> Result<String, HeartbeatError> {
    let (body, _) = split_heartbeat(line)?;
    let heartbeat: Heartbeat =
        serde_json::from_slice(body).map_err(|_| HeartbeatError::Malformed)?;
    Ok(heartbeat.station)
}

/// The heartbeat in `line` if it is well formed, signed by `key` and made
/// within [`HEARTBEAT_MAX_SKEW`] of `now`. The caller still checks that its
/// counter is above the last one it accepted from that station.
pub fn open_heartbeat(
    line: &[u8],
    key: &VerifyingKey,
    now: DateTime<Utc>,
) -> Result<Heartbeat, HeartbeatError> {
    let (body, signature) = split_heartbeat(line)?;
    if !zip215_valid(key, &heartbeat_message(body), &signature) {
        return Err(HeartbeatError::BadSignature);
    }
    let heartbeat: Heartbeat =
        serde_json::from_slice(body).map_err(|_| HeartbeatError::Malformed)?;
    let at =
        crate::airlog::time::parse_instant(heartbeat.at.as_bytes()).ok_or(HeartbeatError::Stale)?;
    let skew = (now - at).abs().to_std().unwrap_or(Duration::MAX);
    if skew > HEARTBEAT_MAX_SKEW {
        return Err(HeartbeatError::Stale);
    }
    Ok(heartbeat)
}

fn heartbeat_message(body: &[u8]) -> Vec<u8> {
    [HEARTBEAT_DOMAIN, body].concat()
}

fn split_heartbeat(line: &[u8]) -> Result<(&[u8], [u8; 64]), HeartbeatError> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let tail = SIG_START.len() + SIG_LEN + 2;
    if line.len() > MAX_HEARTBEAT_BYTES
        || line.len() < LINE_START.len() + tail
        || !line.starts_with(LINE_START)
        || !line.ends_with(b"\"}")
    {
        return Err(HeartbeatError::Malformed);
    }
    let body = &line[LINE_START.len()..line.len() - tail];
    let sig_part = &line[line.len() - tail..];
    if !sig_part.starts_with(SIG_START) {
        return Err(HeartbeatError::Malformed);
    }
    let sig_text = &sig_part[SIG_START.len()..SIG_START.len() + SIG_LEN];
    let signature = b64::decode_array::<64>(sig_text).ok_or(HeartbeatError::Malformed)?;
    Ok((body, signature))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(station: &str, at: DateTime<Utc>) -> Heartbeat {
        Heartbeat {
            station: station.into(),
            counter: 7,
            at: crate::airlog::time::format_instant(at),
            status: HeartbeatStatus {
                on_air: None,
                output: "ok".into(),
                output_detail: None,
                config_errors: 0,
                next_airing: None,
                log_next_seq: 12,
                dead_air_count: 0,
                last_dead_air: None,
            },
        }
    }

    /// Stations upgrade one by one: a heartbeat from a station older than
    /// the dead-air fields still opens, with no dead air.
    #[test]
    fn a_heartbeat_without_the_dead_air_fields_opens() {
        let key = SigningKey::from_bytes(&[3; 32]);
        let now = Utc::now();
        let body = format!(
            "{{\"station\":\"x\",\"counter\":1,\"at\":\"{}\",\"status\":{{\"on_air\":null,\
             \"output\":\"ok\",\"output_detail\":null,\"config_errors\":0,\"next_airing\":null,\
             \"log_next_seq\":3}}}}",
            crate::airlog::time::format_instant(now)
        );
        let signature = key.sign(&heartbeat_message(body.as_bytes()));
        let line = [
            LINE_START,
            body.as_bytes(),
            SIG_START,
            b64::encode(&signature.to_bytes()).as_bytes(),
            b"\"}",
        ]
        .concat();
        let opened = open_heartbeat(&line, &key.verifying_key(), now).expect("opens");
        assert_eq!(opened.status.dead_air_count, 0);
        assert_eq!(opened.status.last_dead_air, None);
        assert_eq!(opened.status.log_next_seq, 3);
    }

    #[test]
    fn a_sealed_heartbeat_opens_with_its_key_only() {
        let key = SigningKey::from_bytes(&[3; 32]);
        let other = SigningKey::from_bytes(&[4; 32]);
        let now = Utc::now();
        let line = seal_heartbeat(&key, &sample("xa-an-hiep", now));
        assert_eq!(heartbeat_station(&line).as_deref(), Ok("xa-an-hiep"));
        let opened = open_heartbeat(&line, &key.verifying_key(), now);
        assert_eq!(opened, Ok(sample("xa-an-hiep", now)));
        assert_eq!(
            open_heartbeat(&line, &other.verifying_key(), now),
            Err(HeartbeatError::BadSignature)
        );
    }

    #[test]
    fn an_old_heartbeat_is_stale_and_an_edited_one_is_refused() {
        let key = SigningKey::from_bytes(&[3; 32]);
        let now = Utc::now();
        let line = seal_heartbeat(&key, &sample("x", now - chrono::Duration::minutes(6)));
        assert_eq!(
            open_heartbeat(&line, &key.verifying_key(), now),
            Err(HeartbeatError::Stale)
        );
        let fresh = seal_heartbeat(&key, &sample("x", now));
        let edited = String::from_utf8(fresh)
            .unwrap()
            .replace("\"counter\":7", "\"counter\":8");
        assert_eq!(
            open_heartbeat(edited.as_bytes(), &key.verifying_key(), now),
            Err(HeartbeatError::BadSignature)
        );
        assert_eq!(
            open_heartbeat(b"{\"body\":{}}", &key.verifying_key(), now),
            Err(HeartbeatError::Malformed)
        );
    }

    #[test]
    fn every_refusal_code_reads_back() {
        for code in ALL_CODES {
            assert_eq!(RefusalCode::from_code(code.code()), Some(code));
        }
    }
}
