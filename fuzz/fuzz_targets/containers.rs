//! Containers through the public API, `container::expand_within`: any bytes as a zip, a
//! Word document, a JSON or a JSONL corpus (the first byte picks which) within a small
//! budget — no panic, every refusal named and bilingual, nothing yielded past the budget.
#![no_main]
#![allow(dead_code, unused_imports)]

use libfuzzer_sys::fuzz_target;

include!("../checks.rs");

fuzz_target!(|data: &[u8]| fuzz_containers(data));
