//! `loa hub`: the province's service that receives every station's signed
//! records live, shows the fleet to its officers and builds reports from
//! what it holds.
//!
//! ```text
//! station ──POST /api/v1/records──▶ chain (extends? signed by its key?)
//!                                     ──▶ store (station log folders, fsynced)
//!                                     ──▶ view (what the pages show)
//!         ──POST /api/v1/heartbeat─▶ view (live state), counter on disk
//! officer ──pages──▶ fleet, station, report (built by `src/report` from the store)
//! ```
//!
//! The store is the only truth: at start every station's log is verified
//! and read again ([`rebuild`]). The wire protocol ([`protocol`]) is shared
//! with the station's uploader.

pub mod chain;
pub mod config;
pub mod heartbeat;
pub mod ingest;
pub mod pages;
pub mod protocol;
pub mod rate;
pub mod rebuild;
pub mod registry;
pub mod report;
pub mod run;
pub mod server;
pub mod session;
pub mod state;
pub mod store;
pub mod tls;
pub mod users;
pub mod view;
