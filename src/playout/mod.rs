//! Playout: from an [`crate::selection::ReadyAiring`] to sound at the output,
//! and a report of what really aired.

pub mod announcement;
pub mod loudness;
pub mod output;
pub mod player;
pub mod report;
pub mod silence;
pub mod simulated;
