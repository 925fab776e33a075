//! `loa`: a broadcast scheduling daemon for Vietnam's grassroots radio.
//!
//! Data flows one way (see `docs/architecture.md`):
//!
//! ```text
//! config/*.toml + playlists/ ──load+validate──▶ Plan (immutable, Arc)
//! Plan + clock               ──next airings──▶ Airing
//! Airing                     ──playout──────▶ audio output (device | wav | null)
//! playout events             ──append───────▶ airing log (signed, hash-chained)
//! airing log(s)              ──verify/report─▶ report
//! ```
//!
//! Each stage is a module named after it. The binary (`src/main.rs`) only
//! parses the command line and calls [`commands`].

pub mod airlog;
pub mod audio;
pub mod clock;
pub mod commands;
pub mod config;
pub mod daemon;
pub mod hub;
pub mod parallel;
pub mod plan;
pub mod playout;
pub mod relay;
pub mod report;
pub mod schedule;
pub mod selection;
pub mod shutdown;
pub mod systemd;
pub mod text;
pub mod upload;
