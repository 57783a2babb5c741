//! The wire between the page and the worker, and between the worker and its helper: JSON
//! text, with every file's bytes set aside as a buffer of its own.
//!
//! The report's optional fields make a self-describing format the safe choice, so
//! messages are JSON; but a corpus of megabytes escaped into JSON text and parsed back
//! would be copied three times. [`encode`] writes the JSON with each byte field replaced by
//! the number of a buffer beside it, and [`decode`] puts them back; the web crate sends the
//! text and the buffers as a `[string, Uint8Array…]` array. Free of the browser, so the
//! round trip is tested natively.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// `message` as JSON text and the buffers of its byte fields, in the order written.
pub fn encode<T: Serialize>(message: &T) -> (String, Vec<Vec<u8>>) {
    // Our own message types always serialize (no maps with non-string keys).
    byte_string::bytes_aside(|| serde_json::to_string(message).unwrap_or_else(|_| "null".into()))
}

/// The message of [`encode`]'s text and buffers; an error when the text is not one.
pub fn decode<T: DeserializeOwned>(
    text: &str,
    buffers: Vec<Vec<u8>>,
) -> Result<T, serde_json::Error> {
    byte_string::bytes_from(buffers, || serde_json::from_str(text))
}

/// Serializes bytes as a string of chars U+0000..=U+00FF, one per byte — or, inside
/// [`bytes_aside`], as the number of a buffer set aside, which is how files cross between
/// the page and the worker: the JSON stays small and the bytes travel as `Uint8Array`s,
/// copied once, never escaped into text and parsed back ([`encode`], [`decode`]).
pub mod byte_string {
    use std::cell::RefCell;

    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};

    thread_local! {
        /// The buffers of the message being encoded or decoded, while one is.
        static ASIDE: RefCell<Option<Vec<Option<Vec<u8>>>>> = const { RefCell::new(None) };
    }

    /// Runs `encode` with every byte field set aside: returns its result and the buffers,
    /// numbered in the order the fields were written.
    pub fn bytes_aside<T>(encode: impl FnOnce() -> T) -> (T, Vec<Vec<u8>>) {
        ASIDE.with(|a| *a.borrow_mut() = Some(Vec::new()));
        let out = encode();
        let buffers = ASIDE.with(|a| a.borrow_mut().take()).unwrap_or_default();
        (
            out,
            buffers.into_iter().map(Option::unwrap_or_default).collect(),
        )
    }

    /// Runs `decode` with `buffers` as the byte fields set aside by [`bytes_aside`].
    pub fn bytes_from<T>(buffers: Vec<Vec<u8>>, decode: impl FnOnce() -> T) -> T {
        ASIDE.with(|a| *a.borrow_mut() = Some(buffers.into_iter().map(Some).collect()));
        let out = decode();
        ASIDE.with(|a| a.borrow_mut().take());
        out
    }

    /// Writes `bytes` as a byte string, or sets them aside (inside [`bytes_aside`]).
    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        let aside = ASIDE.with(|a| {
            a.borrow_mut().as_mut().map(|buffers| {
                buffers.push(Some(bytes.to_vec()));
                buffers.len() - 1
            })
        });
        match aside {
            Some(index) => s.serialize_u64(index as u64),
            None => s.serialize_str(&bytes.iter().map(|&b| char::from(b)).collect::<String>()),
        }
    }

    struct Bytes;

    impl Visitor<'_> for Bytes {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a byte string or the number of a buffer set aside")
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Vec<u8>, E> {
            text.chars()
                .map(|c| u8::try_from(u32::from(c)).map_err(|_| E::custom("not a byte string")))
                .collect()
        }

        fn visit_u64<E: Error>(self, index: u64) -> Result<Vec<u8>, E> {
            ASIDE
                .with(|a| {
                    a.borrow_mut()
                        .as_mut()
                        .and_then(|b| b.get_mut(usize::try_from(index).ok()?)?.take())
                })
                .ok_or_else(|| E::custom("no such buffer"))
        }
    }

    /// Reads a byte string, or takes a buffer set aside (inside [`bytes_from`]).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        d.deserialize_any(Bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{FilePayload, Request};

    #[test]
    fn files_travel_beside_the_text() {
        let request = Request::Add(vec![
            FilePayload::new("a.txt", "市政府".as_bytes()),
            FilePayload::new("b.bin", vec![0u8, 255, 10]),
        ]);
        let (text, buffers) = encode(&request);
        assert_eq!(buffers.len(), 2);
        assert!(!text.contains("市政府"), "{text}");
        let back: Request = decode(&text, buffers).unwrap();
        assert_eq!(back, request);
        assert!(decode::<Request>("{", Vec::new()).is_err());
    }
}
