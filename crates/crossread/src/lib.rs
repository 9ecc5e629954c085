//! crossread core: from the articles about one story to a brief whose every sentence cites
//! the outlets that report it.
#![warn(missing_docs)]

mod cite;
pub mod eval;
pub mod ingest;
pub mod render;
pub mod summarize;

pub use crossread_model as model;
