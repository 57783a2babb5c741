//! The browser layer: a Yew app that converts user input into requests and renders reports.
//!
//! [`protocol`] (the messages and the engine that answers them), [`state`] (the one state
//! and its reducer) and [`view`] (how a report is shaped for display) are plain Rust, built
//! and tested on every target. The rest exists only in the browser: [`backend`] connects
//! the page to an engine — the web worker in production, or an engine on the page for
//! browser tests — [`files`] reads dropped or picked files, and [`components`] renders.
//! No analysis happens here; the page only converts and renders.

pub mod protocol;
pub mod state;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod backend;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod files;

#[cfg(target_arch = "wasm32")]
pub use backend::Backend;
#[cfg(target_arch = "wasm32")]
pub use components::app::{App, AppProps};

/// Mounts the app on the page's `#app` element (or the body), talking to the worker.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(host) => yew::Renderer::<App>::with_root(host).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
