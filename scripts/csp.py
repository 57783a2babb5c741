#!/usr/bin/env python3
"""Trunk post-build hook: adds a Content-Security-Policy <meta> to the built index.html.

The policy keeps the page to its own origin: scripts, styles, images, workers and
connections from 'self' only; no plugins, no form posts. Trunk writes one inline module
script (the loader that starts the Wasm app, plus the live-reload client under `trunk
serve`), and its text changes with every build's hashed file names, so this hook hashes each
inline script as built and allows exactly those ('sha256-…'), never 'unsafe-inline' for
scripts. Inline style attributes stay allowed: the heat map and bar chart set colours and
widths that way, and a style cannot run code.

Trunk runs it with TRUNK_STAGING_DIR set (see Trunk.toml [[hooks]]); by hand:
    python3 scripts/csp.py dist/index.html
"""
import base64
import hashlib
import os
import re
import sys

META_RE = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
SCRIPT_RE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)


def policy(html: str) -> str:
    hashes = [
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        for body in SCRIPT_RE.findall(html)
    ]
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        # yew-agent starts the analysis worker from a small blob: script that imports worker.js.
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


def add_policy(html: str) -> str:
    html = META_RE.sub("", html)
    meta = '<meta http-equiv="Content-Security-Policy" content="%s">' % policy(html)
    # After <meta charset> (which must come first), else right after <head>.
    anchor = re.search(r"<meta charset[^>]*>", html, re.I) or re.search(r"<head[^>]*>", html, re.I)
    if anchor is None:
        raise SystemExit("csp.py: no <head> in the page")
    return html[: anchor.end()] + "\n  " + meta + html[anchor.end():]


def main() -> None:
    if len(sys.argv) > 1:
        path = sys.argv[1]
    else:
        staging = os.environ.get("TRUNK_STAGING_DIR")
        if not staging:
            raise SystemExit("csp.py: give the page's path, or run it as a Trunk hook")
        path = os.path.join(staging, "index.html")
    with open(path, encoding="utf-8") as f:
        html = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(add_policy(html))


if __name__ == "__main__":
    main()
