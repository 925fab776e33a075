//! The station's configuration: TOML model, loading, validation with spans,
//! and the topic catalogue.

mod station_files;

pub use station_files::{StationFiles, StationFilesError, default_config_path};
