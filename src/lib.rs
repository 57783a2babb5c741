//! Cuoshi (措施): compare the policy measures of Chinese government articles.
//!
//! The crate has two halves. [`core`] is the whole analysis — decode, clean, convert,
//! segment, extract, compare, report — in plain Rust with no browser imports, so it is
//! tested natively and shared by the command line and the web worker. [`ui`], [`agent`]
//! and [`helper`] are the thin browser layer (Yew components, the web-worker agent and the
//! helper worker that shares its analyses); they only convert, schedule and render. The agent and the components exist only for `wasm32`; the
//! UI's message protocol and reducer compile natively too, so `cargo test` covers them.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod agent;
#[cfg(target_arch = "wasm32")]
pub mod helper;
pub mod ui;
