//! What the command-line tests share: the good seed every run gets, and a fresh directory
//! for a test's generated fixtures.
#![allow(dead_code)]

use std::path::PathBuf;

/// The seed article every run analyzes beside the bad input.
pub const SEED: &str = "001_f2e52fa04076f08f.txt";

/// The seed's path.
pub fn seed_path() -> String {
    format!(
        "{}/../../tests/fixtures/seeds/{SEED}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A fresh directory for one test's fixtures, `cuoshi-{suite}-{pid}-{test}`.
pub fn temp_dir(suite: &str, test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cuoshi-{suite}-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
