//! The signed airing log: what the station really aired, in a form the
//! Department can verify (see `docs/airlog.md` for the format).
//!
//! - [`writer::AirLog`] appends records durably and recovers after a crash;
//! - [`reader::read_records`] streams a station's records in order;
//! - [`verify`] checks logs: hashes, chain, signatures, key rotations and
//!   checkpoints;
//! - [`key`] creates and guards the station's signing key.

pub mod airings;
pub mod b64;
pub mod checkpoint;
pub mod codec;
pub mod error;
pub mod hash;
pub mod key;
mod lock;
mod part_file;
pub mod parts;
pub mod reader;
pub mod record;
pub mod recovery;
pub mod rules;
pub mod time;
pub mod verify;
pub mod writer;

pub use error::{AirlogError, KeyError, LineError, ReadError};
pub use hash::Sha256Hash;
pub use key::{PublicKey, PublicKeyFile, generate_key, load_or_generate_key, load_signing_key};
pub use reader::read_records;
pub use record::{Record, RecordKind};
pub use writer::{AirLog, Appended, StartReport};
