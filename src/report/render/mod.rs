//! The report in its formats: the views (tables) every format shows, and xlsx, csv, json and the printable html.

pub mod csv;
pub mod html;
pub mod json;
pub mod labels;
pub mod table;
pub mod views;
pub mod xlsx;
