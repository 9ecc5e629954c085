//! Pure text utilities for crossread. Nothing here does I/O.
//!
//! - [`clean`]: marks the lines of an article that are not prose (photo credits, tweet embeds,
//!   share/subscribe lines, bylines, datelines) so later stages skip them;
//! - [`segment`]: sentence segmentation into byte spans of the original text;
//! - [`tokenize`]: words, stop words and stems;
//! - [`normalize`]: normalization (quotes, dashes, whitespace, case) with a byte-offset map back
//!   to the original text.
#![warn(missing_docs)]

pub mod clean;
pub mod normalize;
pub mod segment;
pub mod tokenize;
