//! The browser's clock and event loop, for the engine's serve loop and for the page.
//!
//! [`BrowserHost`] is the [`Host`] the serve loop runs with in the worker and in the
//! in-page engine of the browser tests: `Date.now()`, a resolved promise to let other
//! tasks run, a `MessageChannel` message to itself for a new task. [`next_task`] lets the
//! page's browser handle input and paint before going on.

use cuoshi_engine::Host;
use wasm_bindgen::JsValue;

/// The clock in a page or a worker: `Date.now()`, in milliseconds (the benchmark runs for
/// seconds, so millisecond steps are precise enough).
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// Lets other tasks run (and, on the page, lets Yew render) before going on.
pub async fn yield_now() {
    let resolved = js_sys::Promise::resolve(&JsValue::UNDEFINED);
    let _ = wasm_bindgen_futures::JsFuture::from(resolved).await;
}

/// Resumes in a new task of this event loop (a message to itself through a
/// `MessageChannel`: not clamped like a nested `setTimeout`), so that the messages waiting
/// in the queue — a helper's — are handled first.
pub async fn next_macrotask() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let posted = web_sys::MessageChannel::new().is_ok_and(|channel| {
            channel.port1().set_onmessage(Some(&resolve));
            channel.port2().post_message(&JsValue::NULL).is_ok()
        });
        if !posted {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resumes in a new task of the page's event loop (`setTimeout(0)`), after the browser had
/// its chance to handle input and paint.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window()
            .map(|w| w.set_timeout_with_callback(&resolve))
            .is_some_and(|r| r.is_ok());
        if !scheduled {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The browser as the serve loop's host.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserHost;

impl Host for BrowserHost {
    fn now(&self) -> f64 {
        now()
    }

    async fn yield_now(&self) {
        yield_now().await
    }

    async fn next_macrotask(&self) {
        next_macrotask().await
    }
}
