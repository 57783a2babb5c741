//! The whole pipeline, `Analyzer::analyze_document`, on any bytes: no panic, and every
//! measure, slogan and figure inside the text, every measure inside its sentence and its
//! original span mapping back over it. The analyzer (the dictionary) is built once.
#![no_main]
#![allow(dead_code, unused_imports)]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

include!("../checks.rs");

static ANALYZER: OnceLock<Analyzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| fuzz_extract(ANALYZER.get_or_init(Analyzer::new), data));
