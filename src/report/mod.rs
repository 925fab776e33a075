//! Periodic reports for the Department, built from verified logs only.
//!
//! ```text
//! PATHs ──inputs──▶ log sources (directories, export bundles)
//!       ──verify──▶ verdicts (a station that fails is listed, not counted)
//!       ──aggregate─▶ figures per station (streamed), airing rows (spooled)
//!       ──rollup───▶ province / district / commune totals
//!       ──render───▶ xlsx, csv, json, html
//! ```
//!
//! [`export`] writes the bundle a station sends up; [`bundle`] reads it.
//! The rules the figures follow are in [`figures`] and `docs/report.md`.

pub mod aggregate;
pub mod build;
pub mod bundle;
pub mod catalogue;
pub mod csv;
pub mod export;
pub mod figures;
pub mod gaps;
pub mod html;
pub mod inputs;
pub mod json;
pub mod labels;
pub mod manifest;
pub mod period;
pub mod records;
pub mod rollup;
pub mod slice;
pub mod spool;
pub mod station_config;
pub mod table;
pub mod views;
pub mod xlsx;

pub use build::{Report, ReportOptions, StationEntry, StationStatus, build_report};
pub use bundle::Bundle;
pub use catalogue::Catalogue;
pub use inputs::{Input, inputs_at};
pub use period::{Cutoff, Period};
