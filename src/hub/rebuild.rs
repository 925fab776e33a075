//! Starting the hub: every station's state is rebuilt from the store by
//! verifying its log with `loa verify`'s engine and reading its records
//! again. The hub keeps no other database, so nothing can disagree with
//! the logs.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::airlog::key::PublicKeyFile;
use crate::airlog::read_records;
use crate::airlog::verify::{DirSource, VerifyOptions, verify_source};
use crate::hub::chain::ChainState;
use crate::hub::config::HubConfig;
use crate::hub::ingest::conflicts_dir;
use crate::hub::rate::TokenBucket;
use crate::hub::registry::Registry;
use crate::hub::state::{STATION_BURST, STATION_PER_SECOND, Station};
use crate::hub::store::{StationStore, repair_torn_tail};
use crate::hub::view::StationView;

/// Every registered station, loaded from the store (both cores, a station
/// each at a time).
pub fn load_stations(
    config: &HubConfig,
    registry: &Registry,
) -> std::io::Result<HashMap<String, Mutex<Station>>> {
    let ids: Vec<&str> = registry.stations().collect();
    let loaded = crate::parallel::parallel_map(&ids, crate::parallel::cpus(), |id| {
        let keys = registry.keys(id).unwrap_or_default();
        load_station(config, id, keys)
    });
    let mut stations = HashMap::with_capacity(loaded.len());
    for station in loaded {
        let station = station?;
        stations.insert(station.id.clone(), Mutex::new(station));
    }
    Ok(stations)
}

/// One station from its folder: a torn tail (a write the hub never
/// acknowledged) moved aside, the log verified against its filed keys,
/// its records read into the view.
pub fn load_station(
    config: &HubConfig,
    id: &str,
    filed: &[crate::airlog::PublicKey],
) -> std::io::Result<Station> {
    let store = StationStore::open(&config.store, id)?;
    let moved = repair_torn_tail(store.dir())?;
    if moved > 0 {
        tracing::warn!(
            station = id,
            bytes = moved,
            "moved an unacknowledged torn write aside"
        );
    }
    let mut station = Station {
        id: id.to_string(),
        filed: filed.to_vec(),
        chain: ChainState::default(),
        last_counter: 0,
        store,
        view: StationView::default(),
        bucket: TokenBucket::new(STATION_BURST, STATION_PER_SECOND),
    };
    station.view.conflicts = count_files(&conflicts_dir(&config.store, id));
    reload_chain(&mut station);
    if station.view.store_problem.is_none() {
        fill_view(&mut station, config);
    }
    crate::hub::heartbeat::restore(&mut station);
    Ok(station)
}

/// Sets the station's chain head from its verified log (after start, or
/// after a failed write left the store in doubt).
pub fn reload_chain(station: &mut Station) {
    let source = match DirSource::open(station.store.dir()) {
        Ok(source) => source,
        Err(error) => {
            station.view.store_problem = Some(error.to_string());
            return;
        }
    };
    if source.is_empty() {
        station.chain = ChainState::default();
        return;
    }
    let options = VerifyOptions {
        filed_keys: station
            .filed
            .iter()
            .map(|key| PublicKeyFile {
                station: station.id.clone(),
                key: *key,
            })
            .collect(),
        threads: 1,
        ..VerifyOptions::default()
    };
    let verdict = verify_source(&source, &options);
    let wrong_station = verdict.station.as_deref().is_some_and(|s| s != station.id);
    if !verdict.is_ok() || wrong_station {
        let problem = verdict
            .problems
            .first()
            .map(|p| format!("{} {}: {}", p.file, p.line.unwrap_or(0), p.kind))
            .unwrap_or_else(|| "records of another station".into());
        tracing::error!(station = %station.id, %problem, "{}", crate::tr!("hub-journal-store-unverified"));
        station.view.store_problem = Some(problem);
        return;
    }
    station.view.store_problem = None;
    if let Some((seq, hash)) = verdict.head {
        station.chain = ChainState {
            next_seq: seq + 1,
            head: hash,
            key: verdict.keys.last().and_then(|(_, key)| key.verifying_key()),
        };
    }
}

fn fill_view(station: &mut Station, config: &HubConfig) {
    let Ok(records) = read_records(station.store.dir()) else {
        return;
    };
    let mut view = StationView {
        conflicts: station.view.conflicts,
        ..StationView::default()
    };
    for record in records.flatten() {
        view.apply(record.at, &record.kind, config.timezone);
    }
    station.view = view;
}

fn count_files(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |entries| entries.filter_map(Result::ok).count() as u64)
}
