//! The analysis core: everything Cuoshi computes, with no browser dependency.
//!
//! Data flows one way: bytes → [`decode`] → [`clean`] (HTML, front matter, pinyin,
//! boilerplate, traditional → simplified, metadata) → [`sentence`] split and [`segment`]
//! (jieba-rs) → [`measures`], [`slogans`], [`figures`] → [`compare`] across documents →
//! the [`model::Report`] of `report.md`. [`pipeline::Analyzer`] strings the stages
//! together and holds what is expensive to build (the dictionary) once.

pub mod clean;
pub mod compare;
pub mod container;
pub mod corpus;
pub mod decode;
pub mod error;
pub mod examples;
pub mod figures;
pub mod keywords;
pub mod measures;
pub mod meta;
pub mod model;
pub mod pipeline;
pub mod segment;
pub mod sentence;
pub mod slogans;
pub mod taxonomy;
