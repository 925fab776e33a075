//! Playout: from an [`crate::selection::Airing`] to sound at the output,
//! and a report of what really aired.

pub mod announcement;
pub mod loudness;
pub mod output;
pub mod player;
pub mod report;
pub mod silence;
pub mod simulated;
