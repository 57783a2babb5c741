//! Cuoshi's analysis engine: what the page asks, and the one engine that answers.
//!
//! [`protocol`] holds the messages between the page and the engine and the [`Engine`]
//! itself (one corpus, its dictionary built once); [`sharing`] decides which articles of a
//! request a helper worker analyzes, and in which order their documents join the corpus;
//! [`window`] cuts the report to the page of documents shown. Nothing here imports the
//! browser: the web crate runs the engine in a worker, the tests run it natively.

pub mod protocol;
pub mod sharing;
pub mod window;

pub use protocol::{Engine, Request, Response};
