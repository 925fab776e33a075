//! `POST /api/v1/heartbeat`: a station's signed status every minute. It is
//! accepted only under the station's key in force, within the allowed
//! clock skew and with a counter above every one accepted before; the last
//! counter is kept on disk so a restart does not reopen old heartbeats to
//! replay.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::hub::chain::Refused;
use crate::hub::ingest::IngestError;
use crate::hub::protocol::{
    Head, HeartbeatError, MAX_HEARTBEAT_BYTES, RefusalCode, heartbeat_station, open_heartbeat,
};
use crate::hub::state::{Hub, Station};
use crate::hub::store::replace_file_durably;

/// The file in a station's folder holding its last heartbeat counter (not
/// a month file: `loa verify` ignores it).
pub const COUNTER_FILE: &str = ".heartbeat-counter";

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
    let file = counter_path(station.store.dir());
    replace_file_durably(&file, format!("{}\n", heartbeat.counter).as_bytes(), 0o640)
        .map_err(IngestError::Io)?;
    station.last_counter = heartbeat.counter;
    station.view.heartbeat = Some((heartbeat, now));
    station.view.last_contact = Some(now);
    Ok(station.head())
}

/// Where a station's last counter is kept.
pub fn counter_path(station_dir: &Path) -> PathBuf {
    station_dir.join(COUNTER_FILE)
}

/// The last counter kept for a station (0 when none).
pub fn read_counter(station_dir: &Path) -> u64 {
    std::fs::read_to_string(counter_path(station_dir))
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(0)
}
