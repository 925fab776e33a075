//! The station's configuration: TOML model, loading, validation with spans,
//! and the topic catalogue. The one entry point is [`load_plan`].

mod cached;
mod duration;
mod fields;
mod level;
mod load;
mod loudness;
mod names;
mod paths;
mod playlist_file;
mod playlist_folder;
mod playlists;
mod prober;
mod problem;
mod relative_path;
mod report_profile;
mod salvage;
mod segment_fields;
mod session_limits;
mod side_file;
mod slot;
mod source;
mod station;
mod station_files;
mod syntax;
mod topics;
mod units;
mod upload;
mod validate;
mod weekday;

pub use cached::{load_station, probe_cache_path};
pub use duration::{format_duration, parse_duration};
pub use load::{Loaded, hex, load_plan};
pub use names::is_name;
pub use paths::{nfc, resolve_segment_path};
pub use playlists::AUDIO_EXTENSIONS;
pub use prober::{AudioFacts, Prober};
pub use problem::{
    ConfigInvalid, Diagnostic, Diagnostics, Escape, Expected, IoFailure, Problem, Severity,
    did_you_mean,
};
pub use report_profile::ReportProfile;
pub use side_file::SideFileInvalid;
pub use source::{Location, SourceFile};
pub use station_files::{StationFileProblem, StationFiles, StationFilesError, default_config_path};
pub use syntax::SyntaxFix;
pub use units::Units;
pub use upload::load_ca;
