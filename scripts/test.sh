#!/usr/bin/env bash
# README command 2: install what is missing, then run every test:
#   1. native `cargo test` (core unit tests, seed integration tests, CLI tests)
#   2. the seeds' report scored against the gold annotations (scripts/score.py)
#   3. browser tests with wasm-pack in headless Chrome and Firefox
#   4. the end-to-end test: release build served under /cuoshi/, driven by headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "native tests"
cargo test --workspace --quiet

step "no import circle inside a crate"
python3 scripts/import_cycles.py

step "seeds scored against the gold annotations"
mkdir -p target
cargo run --quiet --bin cuoshi -- analyze --examples > target/seeds-report.json
python3 scripts/score.py target/seeds-report.json tests/fixtures/gold \
  --min-recall 0.6 --min-slogan-f1 0.6 --max-violations 0

step "development set scored against its annotations (metadata, structure, slogans, figures)"
cargo run --quiet --bin cuoshi -- analyze tests/fixtures/dev/docs/* > target/dev-report.json
python3 scripts/score.py target/dev-report.json tests/fixtures/dev/gold \
  --min-meta 0.9 --min-structure 0.9 --min-slogan-f1 0.9 --min-figure-f1 0.9

# The browser tests run the in-page engine in a debug build of the Wasm: on a loaded
# 2-core machine one test can take longer than the runner's default 20 s.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"

step "browser tests: headless Chrome"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome --mode no-install crates/web

step "browser tests: headless Firefox"
GECKODRIVER="$(command -v geckodriver)" wasm-pack test --headless --firefox --mode no-install crates/web

step "end-to-end: release build under /cuoshi/"
trunk build --release --public-url /cuoshi/ --dist target/e2e-dist
node e2e/run.mjs target/e2e-dist
node e2e/walk.mjs target/e2e-dist
node e2e/reliability.mjs target/e2e-dist

step "all tests passed"
