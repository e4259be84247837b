#!/usr/bin/env python3
"""Fails when modules of src/ import each other in a cycle.

Nodes are the top-level modules (`ingest`, `writer`, ...) and their direct
submodules (`extract::speakers`); an edge is a `crate::` or `super::` path in a
module's code (comments and `#[cfg(test)] mod tests` blocks left out). A module's
own submodules count as part of it.

    python3 scripts/check_module_cycles.py [SRC_DIR]
"""
import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src")


def module_of(path):
    parts = os.path.relpath(path, src)[:-3].split(os.sep)
    if parts[-1] == "mod":
        parts = parts[:-1]
    return parts


def code(text):
    text = text.split("#[cfg(test)]\nmod tests")[0]
    return "\n".join(line.split("//")[0] for line in text.splitlines())


edges = {}
for root, _, files in os.walk(src):
    for f in files:
        if not f.endswith(".rs"):
            continue
        path = os.path.join(root, f)
        parts = module_of(path)
        if parts in (["lib"], ["main"]) or parts[0] == "bin":
            continue
        node = "::".join(parts[:2])
        body = code(open(path, encoding="utf-8").read())
        targets = edges.setdefault(node, set())
        for m in re.finditer(r"\bcrate::(\w+)(?:::([a-z_]\w*))?", body):
            targets.add((m.group(1), m.group(2)))
        # `crate::writer::{self, sink::X}`: each item of the group.
        for m in re.finditer(r"\bcrate::(\w+)::\{([^}]*)\}", body):
            for item in m.group(2).split(","):
                first = item.strip().split("::")[0]
                if re.fullmatch(r"[a-z_]\w*", first) and first != "self":
                    targets.add((m.group(1), first))
        if len(parts) == 2:
            for m in re.finditer(r"\bsuper::([a-z_]\w*)", body):
                targets.add((parts[0], m.group(1)))
            for m in re.finditer(r"\bsuper::\{([^}]*)\}", body):
                for item in m.group(1).split(","):
                    first = item.strip().split("::")[0]
                    if re.fullmatch(r"[a-z_]\w*", first) and first != "self":
                        targets.add((parts[0], first))


def find_cycles(graph):
    found = set()

    def visit(node, stack, on_stack):
        for nxt in graph.get(node, ()):
            if nxt in on_stack:
                cycle = stack[stack.index(nxt):]
                i = cycle.index(min(cycle))
                found.add(tuple(cycle[i:] + cycle[:i]))
            elif len(stack) < 12:
                visit(nxt, stack + [nxt], on_stack | {nxt})

    for n in sorted(graph):
        visit(n, [n], {n})
    return found


# Between top-level modules (ingest, writer, ...).
top_graph = {}
for node, targets in edges.items():
    top = node.split("::")[0]
    top_graph.setdefault(top, set()).update(t for t, _ in targets if t != top)
# Between the submodules of one top-level module (extract::speakers, ...).
sub_graph = {}
for node, targets in edges.items():
    top = node.split("::")[0]
    for t, sub in targets:
        if t == top and sub and f"{t}::{sub}" in edges and f"{t}::{sub}" != node and "::" in node:
            sub_graph.setdefault(node, set()).add(f"{t}::{sub}")

cycles = find_cycles(top_graph) | find_cycles(sub_graph)
for c in sorted(cycles):
    print("import cycle: " + " -> ".join(c + (c[0],)), file=sys.stderr)
print(f"{len(edges)} modules, {len(cycles)} import cycles")
sys.exit(1 if cycles else 0)
