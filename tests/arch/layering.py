#!/usr/bin/env python3
"""The layering check (doc/architecture.md, "Layers").

Every C file of the simulator belongs to a layer by its folder. A file may
include headers of its own layer and of the layers below it, never above:

    sim/core < devices < models/<isa> < models/host < sim/platform
      < sim/scenario < sim/runner < sim/gdb < sim/trace < sim/viewer < sim/cli

ISA models are peers: models/rv32 must not include models/armv7m and the
other way round. Besides the layers:
  - no include circles between modules (a module is x.c with x.h); a
    component whose files share state does it through one private header
    (*_priv.h or *_internal.h), which only files of its own folder include;
  - every C file of the simulator is in a known layer.

With a build directory, the same circle rule holds for calls: the object
files' symbols (nm) give which file calls which, and files that call each
other in a circle must share a private header of their folder (one
component, such as the RV32 core's exec <-> csr <-> mem).

Exit status 0 when all holds, 1 with one line per violation otherwise.
Usage: layering.py [SRCDIR [BUILDDIR]]
"""
import glob
import os
import re
import subprocess
import sys

LAYERS = [
    ("sim/core", 0),
    ("devices", 1),
    ("models/host", 3),
    ("models", 2),  # models/<isa>: any other folder under models/
    ("sim/platform", 4),
    ("sim/scenario", 5),
    ("sim/runner", 6),
    ("sim/gdb", 7),
    ("sim/trace", 8),
    ("sim/viewer", 9),
    ("sim/cli", 10),
]
NAMES = {0: "sim/core", 1: "devices", 2: "models/<isa>", 3: "models/host",
         4: "sim/platform", 5: "sim/scenario", 6: "sim/runner", 7: "sim/gdb",
         8: "sim/trace", 9: "sim/viewer", 10: "sim/cli"}
CHECKED = ("sim/", "devices/", "models/")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
PRIVATE = re.compile(r'_(priv|internal)\.h$')


def layer_of(path):
    for prefix, n in LAYERS:
        if path.startswith(prefix + "/"):
            return n
    return None


def isa_of(path):
    parts = path.split("/")
    if parts[0] == "models" and parts[1] != "host":
        return parts[1]
    return None


def sccs_of(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
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
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def nm(args):
    try:
        return subprocess.run(["nm"] + args, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def call_graph(build, sources):
    """file -> files whose functions or data it uses, from the objects in
    the layer libraries and the program."""
    by_base = {}
    for f in sources:
        if f.endswith(".c"):
            by_base.setdefault(os.path.basename(f)[:-2], []).append(f)
    members = []  # (object label, source)
    for lib in sorted(glob.glob(os.path.join(build, "lib*.a"))):
        out = nm(["-A", "-g", lib])
        if out is None:
            return None
        members.append(lib)
    objs = sorted(glob.glob(os.path.join(build, "sim", "cli", "*.o")))
    defined, used = {}, {}
    def source_of(member):
        base = os.path.basename(member)[:-2]
        base = re.sub(r"^[a-z0-9_]+_a-", "", base)
        base = re.sub(r"^rpsim-", "", base)
        cands = by_base.get(base, [])
        return cands[0] if len(cands) == 1 else None
    for path in members + objs:
        out = nm(["-A", "-g", path])
        if out is None:
            return None
        for line in out.splitlines():
            # "lib.a:member.o:0000 T name" or "obj.o:0000 T name" / "         U name"
            head, _, rest = line.rpartition(":")
            fields = rest.split()
            if len(fields) < 2:
                continue
            kind, name = fields[-2], fields[-1]
            member = head.split(":")[-1] if path.endswith(".a") else path
            src = source_of(member)
            if src is None:
                continue
            if kind == "U":
                used.setdefault(src, set()).add(name)
            elif kind in "TDBRCGS":
                defined[name] = src
    graph = {}
    for src, names in used.items():
        for n in names:
            d = defined.get(n)
            if d and d != src:
                graph.setdefault(src, set()).add(d)
    return graph


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    top = os.path.normpath(top)
    files = []
    for root, _, names in os.walk(top):
        for n in names:
            if n.endswith((".c", ".h", ".def")):
                rel = os.path.relpath(os.path.join(root, n), top).replace(os.sep, "/")
                if rel.startswith(CHECKED):
                    files.append(rel)
    files.sort()
    problems = []
    graph = {}
    for f in files:
        lf = layer_of(f)
        if lf is None:
            problems.append(f"{f}: not in any layer's folder; put it under one of " +
                            ", ".join(p for p, _ in LAYERS))
            continue
        with open(os.path.join(top, f), encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        # x.c and x.h are one module; an X-macro table (x.def) is data, not part of x
        mod = f if f.endswith(".def") else f.rsplit(".", 1)[0]
        for inc in INCLUDE.findall(text):
            if inc == "config.h" or not inc.startswith(CHECKED):
                continue
            li = layer_of(inc)
            if li is None:
                problems.append(f"{f}: includes {inc}, which is in no layer")
                continue
            if li > lf:
                problems.append(f"{f}: includes {inc}: {NAMES[lf]} must not include "
                                f"a header of the higher layer {NAMES[li]}")
            elif li == lf == 2 and isa_of(inc) != isa_of(f):
                problems.append(f"{f}: includes {inc}: one ISA model must not include another's")
            if PRIVATE.search(inc):
                if os.path.dirname(inc) != os.path.dirname(f):
                    problems.append(f"{f}: includes {inc}, a private header of another folder; "
                                    "use that component's public header")
                continue  # sharing behind a private header is one component
            imod = inc if inc.endswith(".def") else inc.rsplit(".", 1)[0]
            if imod != mod:
                graph.setdefault(mod, set()).add(imod)
    sccs = sccs_of(graph)
    for comp in sccs:
        problems.append("include circle between " + " <-> ".join(comp) +
                        ": make the dependency one-way (a callback, or a lower module both use)")
    build = sys.argv[2] if len(sys.argv) > 2 else None
    if build:
        private = {}
        for f in files:
            if f.endswith(".c"):
                with open(os.path.join(top, f), encoding="utf-8", errors="replace") as fh:
                    private[f] = {i for i in INCLUDE.findall(fh.read()) if PRIVATE.search(i)}
        calls = call_graph(build, files)
        if calls is None:
            problems.append(f"cannot read the objects in {build} with nm")
        else:
            for comp in sccs_of(calls):
                shared = set.intersection(*(private.get(f, set()) for f in comp))
                if not shared:
                    problems.append("call circle between " + " <-> ".join(comp) +
                                    ": make the dependency one-way (a callback or hook, "
                                    "or a lower module both use)")
    for p in problems:
        print("layering: " + p)
    if problems:
        print(f"layering: {len(problems)} problem(s) in {len(files)} files")
        return 1
    print(f"layering: {len(files)} files, no violation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
