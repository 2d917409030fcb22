#!/usr/bin/env python3
"""Dependencies point one way: no cycle between the parts of a source tree.

A part is a file stem (x.h and x.cc together); x depends on y when x.h or x.cc
includes "y.h". plugin.cc -> epan parts -> core, and tool/main.cc -> driver ->
core, must stay a graph without cycles, so each part can be read (and tested)
knowing only what it includes.

Usage: include_cycles.py DIR... (each a tree of its own). Prints each cycle found
and exits 1.
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
SOURCES = (".h", ".cc", ".c", ".cpp")


def graph(dirs):
    files = [p for d in dirs for p in pathlib.Path(d).rglob("*") if p.suffix in SOURCES]
    parts = {p.stem for p in files}
    edges = {part: set() for part in parts}
    for path in files:
        for name in INCLUDE.findall(path.read_text(encoding="utf-8")):
            stem = pathlib.PurePath(name).stem
            if stem in parts and stem != path.stem:
                edges[path.stem].add(stem)
    return edges


def cycles(edges):
    """Every part that lies on a cycle, with one cycle through it (depth-first)."""
    found, state, stack = [], {}, []

    def visit(part):
        state[part] = "open"
        stack.append(part)
        for nxt in sorted(edges[part]):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[part] = "done"

    for part in sorted(edges):
        if part not in state:
            visit(part)
    return found


def main(dirs):
    found = [cycle for d in dirs for cycle in cycles(graph([d]))]  # each tree on its own
    for cycle in found:
        print("include cycle: " + " -> ".join(cycle))
    if not found:
        print(f"no include cycle under {', '.join(dirs)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
