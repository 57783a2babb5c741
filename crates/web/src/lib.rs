//! Cuoshi (措施) in the browser: the page and the analysis workers.
//!
//! [`page`] is the Yew app: it converts what the user does into the engine's requests
//! (`cuoshi_engine::protocol`) and renders the responses; it never analyzes. [`worker`]
//! runs the engine in a web worker, with a helper worker nested in it for the other core.
//! [`store`] keeps the workspace and the page's settings in IndexedDB; [`host`] is the
//! browser's clock and event loop and [`codec`] the encoding of messages between them, used
//! by both sides. The components and
//! the workers exist only for `wasm32`; the page's state, reducer, view shaping and forms
//! compile natively too, so `cargo test` covers them.

#[cfg(target_arch = "wasm32")]
pub mod codec;
#[cfg(target_arch = "wasm32")]
pub mod host;
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod worker;
