//! Bytes → text: detects the encoding (BOM, UTF-8, GB18030/GBK, Big5, UTF-16) and decodes.
//!
//! STUB — owned by the ingestion work; see the signature contract below.

use super::error::IngestError;

/// Decoded text with the name of the encoding it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// encoding_rs name, e.g. `UTF-8`, `GBK`, `Big5`, `UTF-16LE`.
    pub encoding: String,
}

/// Detects the encoding of `bytes` and decodes them.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    Ok(Decoded { text, encoding: "UTF-8".into() })
}
