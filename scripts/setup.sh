#!/usr/bin/env bash
# Installs what Cuoshi needs on a Debian machine that has only rustup and cargo.
# Idempotent: each step checks first, so a second run takes seconds.
#
#   scripts/setup.sh          tools to build and serve the web app
#   scripts/setup.sh --test   also the browsers, drivers and packages the tests use
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION='~0.21'
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=false
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  if ! $apt_updated; then as_root apt-get update -qq; apt_updated=true; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- build tools -----------------------------------------------------------
rustup target list --installed | grep -qx wasm32-unknown-unknown || {
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
}

# No C compiler for wasm32: the segmentation dictionary is our own text file
# (data/jieba_dict.txt), not jieba-rs's zstd blob, whose C code needed clang.
# Trunk's post-build hook (scripts/csp.py) writes the page's Content-Security-Policy.
command -v python3 >/dev/null || apt_install python3

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 7 minutes)"
  # Not --locked: one dependency of its lock file is no longer on crates.io.
  cargo install -q --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! trunk --version 2>/dev/null | grep -q "^trunk 0\.21\."; then
  say "cargo install trunk $TRUNK_VERSION (about 10 minutes)"
  cargo install -q --locked --force trunk --version "$TRUNK_VERSION"
fi

$want_test || exit 0

# --- test tools ------------------------------------------------------------
command -v wasm-pack >/dev/null || {
  say "cargo install wasm-pack"
  cargo install -q wasm-pack
}
apt_install chromium chromium-driver firefox-esr python3-pip fonts-wqy-microhei
command -v geckodriver >/dev/null || {
  say "cargo install geckodriver"
  cargo install -q geckodriver
}
python3 -c 'import opencc' 2>/dev/null || {
  say "pip install opencc-python-reimplemented (for scripts/score.py)"
  python3 -m pip install -q opencc-python-reimplemented 2>/dev/null ||
    python3 -m pip install -q --break-system-packages opencc-python-reimplemented
}
if [ ! -d e2e/node_modules/playwright-core ]; then
  say "npm ci (e2e: playwright-core, drives /usr/bin/chromium)"
  (cd e2e && npm ci --no-audit --no-fund --silent)
fi
say "ready"
