//! Support for the uploader's tests: a protocol-faithful receiver over
//! real HTTPS, and a station running the real `loa` binary that uploads
//! to it.

#![allow(dead_code)]

#[path = "../airlog/mod.rs"]
pub mod airlog;
pub mod receiver;
pub mod station;

#[allow(unused_imports)]
pub use receiver::Receiver;
pub use station::UploadingStation;
