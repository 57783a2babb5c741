//! How messages cross between the page, the worker and the helper: the engine's wire
//! format ([`cuoshi_engine::wire`]: JSON text, file bytes set aside) as a `[string,
//! Uint8Array…]` array, so that a corpus of megabytes is copied once, not escaped.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use yew_agent::Codec;

/// The page ⇄ worker ⇄ helper encoding.
#[derive(Debug)]
pub struct Json;

impl Codec for Json {
    fn encode<I: Serialize>(input: I) -> JsValue {
        let (text, buffers) = cuoshi_engine::wire::encode(&input);
        let message = js_sys::Array::of1(&JsValue::from_str(&text));
        for buffer in buffers {
            message.push(&js_sys::Uint8Array::from(buffer.as_slice()));
        }
        message.into()
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let message = js_sys::Array::from(&input);
        let text = message.get(0).as_string().unwrap_or_default();
        let buffers = (1..message.length())
            .map(|i| js_sys::Uint8Array::new(&message.get(i)).to_vec())
            .collect();
        cuoshi_engine::wire::decode(&text, buffers)
            .expect("page and worker exchange the same message types")
    }
}
