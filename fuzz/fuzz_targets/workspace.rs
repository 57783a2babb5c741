//! The workspace import, `workspace::from_bytes`, on any bytes: no panic, and what it reads
//! is written back to the same workspace, its settings and inputs read as the import does.
#![no_main]
#![allow(dead_code, unused_imports)]

use libfuzzer_sys::fuzz_target;

include!("../checks.rs");

fuzz_target!(|data: &[u8]| fuzz_workspace(data));
