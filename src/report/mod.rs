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
//! The folders follow that flow: [`source`] (log folders and bundles read,
//! and [`export`], the bundle a station sends up), [`count`] (what the
//! verified records add up to; the rules are in [`figures`] and
//! `docs/report.md`) and [`render`] (the formats). Each module is also
//! re-exported here under its own name (`report::xlsx`), as before.

pub mod count;
pub mod render;
pub mod source;

pub use count::{aggregate, build, catalogue, figures, gaps, period, records, rollup, spool};
pub use render::{csv, html, json, labels, table, views, xlsx};
pub use source::{bundle, export, inputs, manifest, slice, station_config};

pub use build::{Report, ReportOptions, StationEntry, StationStatus, build_report};
pub use bundle::Bundle;
pub use catalogue::Catalogue;
pub use inputs::{Input, inputs_at};
pub use period::{Cutoff, Period};
