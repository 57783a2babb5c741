#!/usr/bin/env python3
"""Fails when a crate's modules import each other in a circle.

Reads the non-test code of every module of each crate under `crates/` (`super::x`,
`crate::x` and `use super::{a, b}` paths; a folder module counts as one), builds the graph
of which top-level module uses which, and prints every strongly connected component with
more than one module. Exit 1 if any: the architecture issue's rule "no import circle
inside a crate" (between crates, Cargo forbids circles itself).
"""
import glob
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates")


def module_of(src, path):
    rel = os.path.relpath(path, src)
    return rel.split(os.sep)[0][:-3] if os.sep not in rel else rel.split(os.sep)[0]


def graph(src):
    deps = {}
    for path in glob.glob(os.path.join(src, "**", "*.rs"), recursive=True):
        if os.path.relpath(path, src).startswith("bin"):
            continue
        text = open(path, encoding="utf-8").read()
        cut = text.find("#[cfg(test)]")
        if cut >= 0:
            text = text[:cut]
        text = re.sub(r"//[^\n]*", "", text)
        m = module_of(src, path)
        used = set(re.findall(r"(?:super|crate)::([a-z_]+)", text))
        for group in re.findall(r"(?:super|crate)::\{([^}]*)\}", text):
            for item in group.split(","):
                head = item.strip().split("::")[0].strip()
                if re.fullmatch(r"[a-z_]+", head):
                    used.add(head)
        used -= {m, "self", "lib"}
        deps.setdefault(m, set()).update(used)
    return deps


def circles(deps):
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in deps.get(v, ()):
            if w not in deps:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in list(deps):
        if v not in index:
            visit(v)
    return found


def main():
    bad = False
    for crate in sorted(glob.glob(os.path.join(ROOT, "*", "src"))):
        for comp in circles(graph(crate)):
            bad = True
            print(f"{os.path.basename(os.path.dirname(crate))}: modules in a circle: {', '.join(comp)}")
    if not bad:
        print("no import circle inside any crate")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
