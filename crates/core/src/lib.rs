//! The analysis core: everything Cuoshi computes, with no browser dependency.
//!
//! Data flows one way: bytes → [`decode`] → [`clean`] (HTML, front matter, pinyin,
//! boilerplate, traditional → simplified, metadata) → [`sentence`] split and [`segment`]
//! (jieba-rs) → [`measures`], [`slogans`], [`figures`] → [`compare`] across documents →
//! the [`model::Report`] of `report.md`. [`pipeline::Analyzer`] strings the stages
//! together and holds what is expensive to build (the dictionary) once.

pub mod actors;
pub mod bench;
pub mod boilerplate;
pub mod classify;
pub mod clauses;
pub mod clean;
pub mod compare;
pub mod concordance;
pub mod container;
pub mod convert;
pub mod corpus;
pub mod corrections;
pub mod deadline;
pub mod decode;
pub mod distinct;
pub mod duplicates;
pub mod error;
pub mod examples;
pub mod export;
pub mod figures;
pub mod gazetteer;
pub mod html;
pub mod input;
pub mod keywords;
pub mod learn;
pub mod measures;
pub mod members;
pub mod meta;
pub mod meta_edit;
pub mod model;
pub mod numerals;
pub mod offsets;
pub mod pipeline;
#[cfg(test)]
mod seed_tests;
pub mod segment;
pub mod sentence;
pub mod settings;
pub mod slogans;
pub mod structure;
#[cfg(test)]
mod structure_corpus_tests;
pub mod taxonomy;
pub mod training;
pub mod workspace;
