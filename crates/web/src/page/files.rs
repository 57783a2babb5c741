//! Reads the browser's `File` objects into [`FilePayload`]s for the engine.
//!
//! Reading is the only work the page does with a file: its bytes go to the engine as they
//! are (the engine detects the encoding and refuses what it cannot analyze). A file the
//! browser cannot read becomes an [`InputError`] with a bilingual message, and the others
//! are still read.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use cuoshi_core::error::IngestError;
use cuoshi_core::model::InputError;
use cuoshi_engine::protocol::FilePayload;

/// The files of a `FileList` (from a drop or a file picker), in order.
pub fn from_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads every file; returns the payloads read and the files that could not be read.
pub async fn read_all(files: Vec<web_sys::File>) -> (Vec<FilePayload>, Vec<InputError>) {
    let mut payloads = Vec::with_capacity(files.len());
    let mut refused = Vec::new();
    for file in files {
        let name = file.name();
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => payloads.push(FilePayload::new(name, Uint8Array::new(&buffer).to_vec())),
            Err(e) => {
                let why = e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .or_else(|| e.as_string())
                    .unwrap_or_default();
                refused.push(InputError::refused(name, &IngestError::Unreadable(why)));
            }
        }
    }
    (payloads, refused)
}
