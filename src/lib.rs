//! navne finds people (PER), places (LOC) and organisations (ORG) in Danish text at corpus
//! scale.
//!
//! Gazetteer lists are compiled into one trie of names; Danish token rules (æøå
//! boundaries, genitives, hyphen compounds, words that are also names) sit on top, and rule
//! layers find names no list holds (`Susan Mackensie`), later references to earlier names and
//! labels decided by context; a rayon pipeline streams documents through it all and writes one
//! CSV row per mention (or JSON Lines, TSV, or a JSON line per document: see [`format`](mod@format)), in
//! input order, with code-point offsets. [`eval`] scores the result against gold-annotated
//! text.
//!
//! ```
//! use navne::{Entry, Gazetteer, Label, Tagger};
//!
//! let mut gazetteer = Gazetteer::new();
//! gazetteer.push(Entry {
//!     id: "cldr:DK".into(),
//!     name: "Danmark".into(),
//!     aliases: vec![],
//!     label: Label::Loc,
//!     ambiguous: false,
//!     prior: 0.0,
//! });
//! let tagger = Tagger::new(gazetteer).unwrap();
//! let text = "Æbler fra Danmarks haver";
//! let mentions = tagger.tag_text(text, 0);
//! assert_eq!(mentions[0].text(text), "Danmarks");
//! assert_eq!((mentions[0].start, mentions[0].end), (10, 18)); // code points
//! ```
//!
//! The stages, each in its own module: [`gazetteer`] files → [`matcher`] → [`corpus`] of
//! [`document`]s → [`mention`]s by the [`tagger`] (the matcher, then the [`rules`] over
//! tokens with the [`lexicon`] word lists) → CSV [`rows`] or another [`format`](mod@format) in an
//! [`output`] file, driven by the [`pipeline`].
#![deny(missing_docs)]

mod articles;
mod compose;
pub mod corpus;
pub mod document;
pub mod error;
pub mod eval;
mod fold;
pub mod format;
pub mod gazetteer;
mod gzip;
pub mod label;
pub mod lexicon;
mod links;
pub mod matcher;
pub mod mention;
pub mod output;
mod person_forms;
pub mod pipeline;
mod prefetch;
/// The CSV rows under the name they had before there were other formats: [`format::csv`].
pub use format::csv as rows;
mod room;
pub mod rules;
mod syllables;
pub mod tagger;
mod text;
mod tokens;
mod trie;
mod utf8;
mod walk;
mod word_class;

pub use corpus::{Fields, Input, Units};
pub use document::Document;
pub use error::{Error, ErrorKind, Result};
pub use format::{Format, OutputFormat};
pub use gazetteer::{Entry, Gazetteer, GazetteerFile};
pub use label::{Label, LabelNames, Method};
pub use lexicon::Lexicon;
pub use matcher::{EntryId, Matcher, MatcherBuilder};
pub use mention::Mention;
pub use pipeline::{Pipeline, Summary};
pub use rules::{Layer, Layers};
pub use tagger::Tagger;
