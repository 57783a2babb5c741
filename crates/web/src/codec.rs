//! How messages cross between the page, the worker and the helper: the engine's wire
//! format ([`cuoshi_engine::wire`]: JSON text, file bytes set aside) as a `[string,
//! Uint8Array…]` array, so that a corpus of megabytes is copied once, not escaped.
//!
//! A worker's first message is [`READY`], a plain string: it says the worker listens, and
//! the page holds its requests until then (a message that reaches a worker before its
//! Wasm has started would be lost).

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// What a worker posts once it listens.
pub const READY: &str = "cuoshi-ready";

/// The page ⇄ worker ⇄ helper encoding.
#[derive(Debug)]
pub struct Json;

impl Json {
    /// `input` as a message to post.
    pub fn encode<I: Serialize>(input: I) -> JsValue {
        let (text, buffers) = cuoshi_engine::wire::encode(&input);
        let message = js_sys::Array::of1(&JsValue::from_str(&text));
        for buffer in buffers {
            message.push(&js_sys::Uint8Array::from(buffer.as_slice()));
        }
        message.into()
    }

    /// A message received; `None` for anything that is not one of ours (the [`READY`]
    /// signal, a message of another version).
    pub fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> Option<O> {
        if !js_sys::Array::is_array(&input) {
            return None;
        }
        let message = js_sys::Array::from(&input);
        let text = message.get(0).as_string()?;
        let buffers = (1..message.length())
            .map(|i| js_sys::Uint8Array::new(&message.get(i)).to_vec())
            .collect();
        cuoshi_engine::wire::decode(&text, buffers).ok()
    }
}
