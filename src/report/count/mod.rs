//! What the verified records count: airings per station, topic, month and slot, gaps, periods, the roll-up of stations into communes and the province.

pub mod aggregate;
pub mod build;
pub mod catalogue;
pub mod figures;
pub mod gaps;
pub mod period;
pub mod records;
pub mod rollup;
pub mod spool;
