//! Playing airings: the outputs audio goes to (the player loop comes later).

pub mod output;
