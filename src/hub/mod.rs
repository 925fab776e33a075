//! `loa hub`: the province's service that receives every station's signed
//! records live.
//!
//! Only the wire protocol lives here so far: it is shared by the station's
//! uploader and the hub server, so neither can drift from the other.

pub mod protocol;
