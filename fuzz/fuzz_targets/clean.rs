//! Any text through the cleaner (HTML, front matter, pinyin, boilerplate, conversion) and
//! the metadata reader: no panic, and the offset map fits the two texts.
#![no_main]
#![allow(dead_code, unused_imports)]

use libfuzzer_sys::fuzz_target;

include!("../checks.rs");

fuzz_target!(|data: &[u8]| fuzz_clean(data));
