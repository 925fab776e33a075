//! Where the records come from and go: log folders and export bundles read (inputs, bundle, manifest, slice), and the bundle a station writes (export).

pub mod bundle;
pub mod export;
pub mod inputs;
pub mod manifest;
pub mod slice;
pub mod station_config;
