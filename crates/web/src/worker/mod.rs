//! The analysis web worker ([`agent`]) and the helper worker it starts ([`helper`]), both
//! from the same Wasm.

pub mod agent;
pub mod helper;
