//! Inputs the fuzzers found (`tests/fixtures/fuzz/{decode,clean,extract,containers,workspace}/`) and the fuzz
//! seed corpora (`fuzz/seeds/`, `fuzz/seeds-containers/`, `fuzz/seeds-workspace/`), replayed through the very entry points the fuzz targets
//! run (`fuzz/checks.rs`, included here): none may panic or break an invariant again.
//! See README, "Fuzzing", for running the fuzzers themselves.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]

include!("../../../fuzz/checks.rs");

use std::path::PathBuf;

/// The files of `dir` (relative to the crate), sorted; none when it does not exist.
fn files(dir: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Runs `check` on each file, naming the file that fails.
fn replay(dirs: &[&str], check: impl Fn(&[u8])) -> usize {
    let mut n = 0;
    for dir in dirs {
        for (path, bytes) in files(dir) {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
            assert!(outcome.is_ok(), "{} fails again", path.display());
            n += 1;
        }
    }
    n
}

#[test]
fn decode_regressions_and_seeds() {
    assert!(
        replay(
            &["../../tests/fixtures/fuzz/decode", "../../fuzz/seeds"],
            fuzz_decode
        ) > 0
    );
}

#[test]
fn clean_regressions_and_seeds() {
    assert!(
        replay(
            &["../../tests/fixtures/fuzz/clean", "../../fuzz/seeds"],
            fuzz_clean
        ) > 0
    );
}

#[test]
fn extract_regressions_and_seeds() {
    let analyzer = Analyzer::new();
    assert!(
        replay(
            &["../../tests/fixtures/fuzz/extract", "../../fuzz/seeds"],
            |b| { fuzz_extract(&analyzer, b) }
        ) > 0
    );
}

#[test]
fn containers_regressions_and_seeds() {
    assert!(
        replay(
            &[
                "../../tests/fixtures/fuzz/containers",
                "../../fuzz/seeds-containers",
                "../../fuzz/seeds"
            ],
            fuzz_containers
        ) > 0
    );
}

#[test]
fn workspace_regressions_and_seeds() {
    assert!(
        replay(
            &[
                "../../tests/fixtures/fuzz/workspace",
                "../../fuzz/seeds-workspace"
            ],
            fuzz_workspace
        ) > 0
    );
}
