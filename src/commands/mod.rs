//! One file per `loa` subcommand: its arguments (clap) and what it does.
//!
//! `main.rs` only dispatches here, so every command can also be driven from
//! tests through the library.

pub mod check;
pub mod devices;
pub mod export;
pub mod hub;
pub mod key;
pub mod log;
pub mod output_worker;
pub mod play;
pub mod report;
pub mod run;
pub mod schedule;
pub mod station;
pub mod status;
pub mod verify;

use std::process::ExitCode;

/// What a command hands back to `main`: an exit code, or an error whose
/// `Display` (written in [`crate::text`]) is the message the user sees.
pub type CommandResult = Result<ExitCode, Box<dyn std::error::Error + Send + Sync>>;
