//! whosaid: finds the direct quotes in news articles and who said them, with byte offsets that
//! point back to the exact text of the article.
//!
//! The pipeline for one article: paragraphs and quote marks ([`marks`]), tokens and sentences
//! with each quote folded into one token ([`text`]), attribution sieves ([`attribution`]), and
//! quote kinds ([`quotes`]). [`input`] reads files, folders, JSON Lines and standard input;
//! [`output`] writes CSV and JSON Lines rows.

pub mod attribution;
pub mod claims;
pub mod error;
pub mod grammar;
pub mod input;
pub mod marks;
pub mod output;
pub mod people;
pub mod pipeline;
pub mod quotes;
pub mod text;

pub use error::Error;
pub use grammar::Grammar;
pub use input::Article;
pub use quotes::{Quote, QuoteKind, extract};
