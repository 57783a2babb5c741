//! Bytes → text: encoding detection and every override label never panic.
#![no_main]
#![allow(dead_code, unused_imports)]

use libfuzzer_sys::fuzz_target;

include!("../checks.rs");

fuzz_target!(|data: &[u8]| fuzz_decode(data));
