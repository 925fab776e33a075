//! `POST /api/v1/records`: a station's log lines, accepted only when they
//! extend its chain under its registered key. Re-sent lines are
//! acknowledged again; a line that differs from the stored one at its
//! `seq` is a fork, refused and kept as evidence; nothing is acknowledged
//! before it is on disk.

use chrono::{DateTime, Utc};

use crate::hub::chain::{BatchLine, Refused, extend, parse_batch};
use crate::hub::protocol::{Head, RefusalCode};
use crate::hub::state::{Hub, Station};
use crate::hub::store::{CONFLICTS_DIR, NewLine, write_new_file_durably};

/// Why a request was not acknowledged.
#[derive(Debug)]
pub enum IngestError {
    /// Refused: the station's fault (or an attacker's).
    Refused(Refused),
    /// The hub could not write: its fault; the station retries later.
    Io(std::io::Error),
}

impl From<Refused> for IngestError {
    fn from(refused: Refused) -> Self {
        IngestError::Refused(refused)
    }
}

/// Takes a batch of log lines; answers the head after it.
pub fn ingest_records(hub: &Hub, body: &[u8], now: DateTime<Utc>) -> Result<Head, IngestError> {
    let lines = match parse_batch(body) {
        Ok(lines) => lines,
        Err(refused) => {
            hub.refused.count(refused.code);
            if let Some(station) = claimed_station(body) {
                note_refusal(hub, &station);
            }
            return Err(refused.into());
        }
    };
    let Some(first) = lines.first() else {
        return Err(Refused::new(RefusalCode::BadRequest, "empty batch").into());
    };
    let Some(slot) = hub.stations.get(&first.station) else {
        hub.refused.count(RefusalCode::UnknownStation);
        return Err(Refused::new(RefusalCode::UnknownStation, "station not registered").into());
    };
    let mut station = slot.lock().unwrap_or_else(|poison| poison.into_inner());
    let result = take_lines(hub, &mut station, &lines, now);
    if let Err(IngestError::Refused(refused)) = &result {
        hub.refused.count(refused.code);
        station.view.refused += 1;
    }
    result
}

fn take_lines(
    hub: &Hub,
    station: &mut Station,
    lines: &[BatchLine<'_>],
    now: DateTime<Utc>,
) -> Result<Head, IngestError> {
    if !station.bucket.take() {
        return Err(Refused::new(RefusalCode::RateLimited, "too many requests").into());
    }
    if let Some(problem) = &station.view.store_problem {
        return Err(Refused::new(
            RefusalCode::Invalid,
            format!("the hub's copy of this log does not verify: {problem}"),
        )
        .into());
    }
    let next_seq = station.chain.next_seq;
    let first_seq = lines[0].seq;
    if first_seq > next_seq {
        return Err(Refused {
            next_seq: Some(next_seq),
            ..Refused::new(RefusalCode::Gap, "records are missing before this batch")
        }
        .into());
    }
    let overlap = usize::try_from(next_seq - first_seq)
        .unwrap_or(usize::MAX)
        .min(lines.len());
    compare_with_stored(hub, station, &lines[..overlap], body_of(lines), now)?;
    let new = &lines[overlap..];
    if new.is_empty() {
        station.view.last_contact = station.view.last_contact.max(Some(now));
        return Ok(station.head());
    }
    let after = extend(&station.chain, &station.filed, new, overlap)?;
    let to_write: Vec<NewLine<'_>> = new
        .iter()
        .map(|line| NewLine {
            bytes: line.bytes,
            at: line.at,
        })
        .collect();
    if let Err(error) = station.store.append(&to_write) {
        tracing::error!(station = %station.id, %error, "{}", crate::tr!("hub-journal-store-write"));
        crate::hub::rebuild::reload_chain(station);
        return Err(IngestError::Io(error));
    }
    station.chain = after;
    for line in new {
        station.view.apply(line.at, &line.kind, hub.config.timezone);
    }
    station.view.last_contact = station.view.last_contact.max(Some(now));
    Ok(station.head())
}

/// Lines the hub already holds must be byte for byte the stored ones.
fn compare_with_stored(
    hub: &Hub,
    station: &mut Station,
    lines: &[BatchLine<'_>],
    batch: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<(), IngestError> {
    let Some(first) = lines.first() else {
        return Ok(());
    };
    let stored = station
        .store
        .lines_from(first.seq, lines.len())
        .map_err(IngestError::Io)?;
    for (index, line) in lines.iter().enumerate() {
        let same = stored
            .get(index)
            .is_some_and(|s| s.as_slice() == &line.bytes[..line.bytes.len() - 1]);
        if !same {
            keep_evidence(hub, station, first.seq, &batch, now).map_err(IngestError::Io)?;
            return Err(Refused {
                line: Some(index as u64 + 1),
                next_seq: Some(station.chain.next_seq),
                ..Refused::new(RefusalCode::Fork, "differs from the stored record")
            }
            .into());
        }
    }
    Ok(())
}

fn body_of(lines: &[BatchLine<'_>]) -> Vec<u8> {
    lines.iter().flat_map(|l| l.bytes.iter().copied()).collect()
}

/// Saves a forking batch under `_conflicts/`, where it is counted again
/// at start and never read as a log.
fn keep_evidence(
    hub: &Hub,
    station: &mut Station,
    seq: u64,
    batch: &[u8],
    now: DateTime<Utc>,
) -> std::io::Result<()> {
    let dir = conflicts_dir(&hub.config.store, &station.id);
    let stamp = now.format("%Y%m%dT%H%M%S%.6fZ");
    write_new_file_durably(&dir.join(format!("{seq}-{stamp}.lines")), batch)?;
    station.view.conflicts += 1;
    tracing::warn!(station = %station.id, seq, "{}", crate::tr!("hub-journal-fork-refused"));
    Ok(())
}

/// Where a station's fork evidence is kept: one flat folder per station,
/// its id with `/` written as `+`.
pub fn conflicts_dir(store: &std::path::Path, station: &str) -> std::path::PathBuf {
    store.join(CONFLICTS_DIR).join(station.replace('/', "+"))
}

/// The station a refused body claims to be from, when its first line says.
fn claimed_station(body: &[u8]) -> Option<String> {
    let line = body.split(|&b| b == b'\n').next()?;
    let raw = crate::airlog::codec::split_line(line).ok()?;
    let header = crate::airlog::codec::parse_header(raw.body).ok()?;
    Some(header.station.into_owned())
}

fn note_refusal(hub: &Hub, station: &str) {
    if let Some(slot) = hub.stations.get(station) {
        let mut station = slot.lock().unwrap_or_else(|poison| poison.into_inner());
        station.view.refused += 1;
    }
}
