//! crossread core: from the articles about one story to a brief whose every sentence cites
//! the outlets that report it.
//!
//! The stages are plain functions over plain data (see ARCHITECTURE.md): [`ingest`] reads files
//! into [`model::Article`]s, [`summarize::Summarizer`] turns a story's articles into a
//! [`model::Brief`], [`render`] prints it, [`eval`] scores summaries with ROUGE.
//!
//! ```
//! use crossread::model::{Article, Budget};
//! use crossread::summarize::{Config, Summarizer};
//!
//! let article = |id: &str, text: &str| Article {
//!     id: id.into(), source: id.into(), title: None, date: None, url: None, text: text.into(),
//!     byline: None, lang: None,
//! };
//! let story = [
//!     article("a", "The city council approved the new stadium plan on Monday after a long debate.\n\
//!                   Opponents said the stadium would cost taxpayers far more than promised."),
//!     article("b", "After a long debate, the city council approved the new stadium plan on Monday.\n\
//!                   The team's owner thanked the council and the fans for their support today."),
//! ];
//! let mut summarizer = Summarizer::new(Config { budget: Budget::Words(20), ..Config::default() });
//! let brief = summarizer.brief(&story);
//! // The shared fact is chosen, and both outlets are cited for it.
//! assert!(brief.summary[0].text.contains("approved the new stadium plan"));
//! assert_eq!(brief.summary[0].sources.len(), 2);
//! println!("{}", crossread::render::markdown(&brief));
//! ```
#![warn(missing_docs)]

mod cite;
pub mod cluster;
pub mod dedup;
pub mod eval;
pub mod ingest;
pub mod pipeline;
pub mod render;
pub mod summarize;
pub mod xread;

pub use crossread_model as model;
