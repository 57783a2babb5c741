//! The browser layer: a Yew app that converts user input into requests and renders reports.
//!
//! [`forms`] (what the user
//! types, read into the core's types), [`state`] (the one state
//! and its reducer), [`view`] (how a report is shaped for display) and [`i18n`] (the two
//! interface languages) are plain Rust, built and tested on every target. The rest exists
//! only in the browser: [`backend`] connects the page to an engine — the web worker in
//! production, or an engine on the page for browser tests — [`files`] reads dropped or
//! picked files, [`store`] keeps the workspace in IndexedDB, [`platform`] does the little
//! the page asks of the browser (downloads, language, the service worker, the selection),
//! and [`components`] renders. No analysis happens here; the page only converts and renders.

pub mod forms;
pub mod i18n;
pub mod state;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod backend;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod platform;

#[cfg(target_arch = "wasm32")]
pub use backend::Backend;
#[cfg(target_arch = "wasm32")]
pub use components::app::{App, AppProps};

/// The IndexedDB database the production page keeps its workspace in.
pub const DATABASE: &str = "cuoshi";

/// Mounts the app on the page's `#app` element (or the body), talking to the worker and
/// keeping the workspace in IndexedDB; registers the service worker for offline use.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let props = AppProps {
        storage: Some(yew::AttrValue::Static(DATABASE)),
        bench: platform::bench_requested(),
        ..AppProps::default()
    };
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(host) => yew::Renderer::<App>::with_root_and_props(host, props).render(),
        None => yew::Renderer::<App>::with_props(props).render(),
    };
    platform::register_service_worker();
}
