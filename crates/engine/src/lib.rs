//! Cuoshi's analysis engine: what the page asks, the one engine that answers, and the one
//! loop that serves it.
//!
//! [`protocol`] holds the messages between the page and the engine, and nothing else;
//! [`Engine`] (one corpus, its dictionary built once) answers them; [`serve`] is the one
//! loop that drives it — in the web worker, in the browser tests' in-page engine and in
//! the native tests alike — with its storage, its helper, its clock and its page given as
//! traits. [`sharing`] decides which articles of a request a helper worker analyzes, and in
//! which order their documents join the corpus; [`window`] cuts the report to the page of
//! documents shown; [`wire`] is how messages cross between workers (JSON with the files'
//! bytes beside it). Nothing here imports the browser.

#![warn(missing_docs)]

mod engine;
pub mod protocol;
pub mod serve;
pub mod sharing;
pub mod window;
pub mod wire;

pub use engine::{count_adds, steps, Engine, Step};
pub use protocol::{Request, Response};
pub use serve::{Helper, Host, Outcome, Page, Session, Storage};
