//! The hub's state in memory: for each registered station its chain head,
//! its store folder, what the pages show, its last heartbeat counter and
//! its rate limit. All of it is rebuilt from the store at start
//! ([`crate::hub::rebuild`]), so nothing here can disagree with the logs.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::airlog::key::PublicKey;
use crate::hub::chain::ChainState;
use crate::hub::config::HubConfig;
use crate::hub::protocol::{Head, RefusalCode};
use crate::hub::rate::TokenBucket;
use crate::hub::registry::Registry;
use crate::hub::session::Sessions;
use crate::hub::store::StationStore;
use crate::hub::view::StationView;

/// Requests one station may make in a burst, and per second after it.
pub const STATION_BURST: u32 = 120;
/// See [`STATION_BURST`].
pub const STATION_PER_SECOND: f64 = 20.0;

/// One registered station.
#[derive(Debug)]
pub struct Station {
    /// Its id.
    pub id: String,
    /// Its filed keys.
    pub filed: Vec<PublicKey>,
    /// How far the store holds its chain.
    pub chain: ChainState,
    /// Its log folder.
    pub store: StationStore,
    /// What the pages show.
    pub view: StationView,
    /// The highest heartbeat counter accepted (persisted).
    pub last_counter: u64,
    /// Its request budget.
    pub bucket: TokenBucket,
}

impl Station {
    /// The answer to every accepted request.
    pub fn head(&self) -> Head {
        Head {
            station: self.id.clone(),
            next_seq: self.chain.next_seq,
            head: self.chain.head.to_hex(),
        }
    }
}

/// The whole hub.
pub struct Hub {
    /// Its configuration.
    pub config: HubConfig,
    /// The registered stations.
    pub registry: Registry,
    /// One entry per registered station.
    pub stations: HashMap<String, Mutex<Station>>,
    /// Refused requests by code, shown on the fleet page.
    pub refused: RefusedCounts,
    /// Officers' sessions and login limits.
    pub sessions: Sessions,
}

/// How many requests were refused, by code.
#[derive(Debug, Default)]
pub struct RefusedCounts {
    counts: [AtomicU64; 9],
}

impl RefusedCounts {
    /// Counts one refusal.
    pub fn count(&self, code: RefusalCode) {
        self.counts[slot(code)].fetch_add(1, Ordering::Relaxed);
    }

    /// The count of one code.
    pub fn get(&self, code: RefusalCode) -> u64 {
        self.counts[slot(code)].load(Ordering::Relaxed)
    }

    /// All refusals.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|c| c.load(Ordering::Relaxed)).sum()
    }
}

fn slot(code: RefusalCode) -> usize {
    match code {
        RefusalCode::UnknownStation => 0,
        RefusalCode::Invalid => 1,
        RefusalCode::Fork => 2,
        RefusalCode::Gap => 3,
        RefusalCode::TooLarge => 4,
        RefusalCode::RateLimited => 5,
        RefusalCode::BadRequest => 6,
        RefusalCode::Replayed => 7,
        RefusalCode::Stale => 8,
    }
}

/// Every refusal code, in the order the fleet page lists them.
pub const REFUSAL_CODES: [RefusalCode; 9] = [
    RefusalCode::Invalid,
    RefusalCode::Fork,
    RefusalCode::Replayed,
    RefusalCode::Stale,
    RefusalCode::UnknownStation,
    RefusalCode::BadRequest,
    RefusalCode::TooLarge,
    RefusalCode::RateLimited,
    RefusalCode::Gap,
];
