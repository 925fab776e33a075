//! `POST /api/v1/heartbeat`: a station's signed status every minute. It is
//! accepted only under the station's key in force, within the allowed
//! clock skew and with a counter above every one accepted before. The last
//! accepted heartbeat is kept on disk, as signed, so a restart neither
//! reopens old heartbeats to replay nor forgets when the station was last
//! heard from.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::hub::chain::Refused;
use crate::hub::ingest::IngestError;
use serde::Deserialize;

use crate::hub::protocol::{
    Head, Heartbeat, HeartbeatError, MAX_HEARTBEAT_BYTES, RefusalCode, heartbeat_station,
    open_heartbeat,
};
use crate::hub::state::{Hub, Station};
use crate::hub::store::replace_file_durably;

/// The file in a station's folder holding its last accepted heartbeat line
/// (not a month file: `loa verify` ignores it).
pub const LAST_HEARTBEAT_FILE: &str = ".last-heartbeat";

/// Takes one heartbeat line; answers the station's head.
pub fn take_heartbeat(hub: &Hub, body: &[u8], now: DateTime<Utc>) -> Result<Head, IngestError> {
    let refuse = |code: RefusalCode, detail: &str| {
        hub.refused.count(code);
        IngestError::Refused(Refused::new(code, detail))
    };
    if body.len() > MAX_HEARTBEAT_BYTES {
        return Err(refuse(RefusalCode::TooLarge, "heartbeat too large"));
    }
    let station_id = heartbeat_station(body)
        .map_err(|_| refuse(RefusalCode::BadRequest, "not a signed heartbeat"))?;
    let Some(slot) = hub.stations.get(&station_id) else {
        return Err(refuse(
            RefusalCode::UnknownStation,
            "station not registered",
        ));
    };
    let mut station = slot.lock().unwrap_or_else(|poison| poison.into_inner());
    let result = accept(&mut station, body, now);
    if let Err(IngestError::Refused(refused)) = &result {
        hub.refused.count(refused.code);
        station.view.refused += 1;
    }
    result
}

fn accept(station: &mut Station, body: &[u8], now: DateTime<Utc>) -> Result<Head, IngestError> {
    if !station.bucket.take() {
        return Err(Refused::new(RefusalCode::RateLimited, "too many requests").into());
    }
    let keys: Vec<ed25519_dalek::VerifyingKey> = match station.chain.key {
        Some(key) => vec![key],
        None => station
            .filed
            .iter()
            .filter_map(|k| k.verifying_key())
            .collect(),
    };
    let mut outcome = Err(HeartbeatError::BadSignature);
    for key in &keys {
        outcome = open_heartbeat(body, key, now);
        if !matches!(outcome, Err(HeartbeatError::BadSignature)) {
            break;
        }
    }
    let heartbeat = outcome.map_err(|error| {
        let (code, detail) = match error {
            HeartbeatError::Malformed => (RefusalCode::BadRequest, "not a signed heartbeat"),
            HeartbeatError::BadSignature => (
                RefusalCode::Invalid,
                "the signature does not verify under the station's key",
            ),
            HeartbeatError::Stale => (RefusalCode::Stale, "made too far from the hub's clock"),
        };
        Refused::new(code, detail)
    })?;
    if heartbeat.counter <= station.last_counter {
        return Err(Refused::new(RefusalCode::Replayed, "counter not above the last one").into());
    }
    let file = last_heartbeat_path(station.store.dir());
    replace_file_durably(&file, body, 0o640).map_err(IngestError::Io)?;
    station.last_counter = heartbeat.counter;
    remember(station, heartbeat);
    Ok(station.head())
}

/// Puts an accepted heartbeat into the view: the station was heard from
/// at its signed `at` (within the allowed skew of the hub's clock).
fn remember(station: &mut Station, heartbeat: Heartbeat) {
    if let Some(at) = crate::airlog::time::parse_instant(heartbeat.at.as_bytes()) {
        station.view.last_contact = station.view.last_contact.max(Some(at));
    }
    station.view.heartbeat = Some((heartbeat, Utc::now()));
}

/// Where a station's last heartbeat is kept.
pub fn last_heartbeat_path(station_dir: &Path) -> PathBuf {
    station_dir.join(LAST_HEARTBEAT_FILE)
}

#[derive(Deserialize)]
struct SignedLine {
    body: Heartbeat,
}

/// Restores the last accepted heartbeat at start: its counter (replays stay
/// refused) and the station's last contact and status.
pub fn restore(station: &mut Station) {
    let path = last_heartbeat_path(station.store.dir());
    let Ok(bytes) = std::fs::read(&path) else {
        return;
    };
    match serde_json::from_slice::<SignedLine>(&bytes) {
        Ok(line) => {
            station.last_counter = line.body.counter;
            remember(station, line.body);
        }
        Err(error) => {
            // Refuse every heartbeat rather than accept a replay.
            tracing::error!(path = %path.display(), %error, "{}", crate::tr!("hub-journal-heartbeat-unreadable"));
            station.last_counter = u64::MAX;
        }
    }
}
