#!/usr/bin/env python3
"""Each state, step and record name is spelled once in the C sources.

The name tables live in one place each (sim/core/record.c: remoteproc
states, core states, mailbox operations; the record types are stringized
from sim/core/record.def; the scenario steps come from
sim/scenario/steps.def). This check reads
those tables and fails when one of their names appears as a string literal
anywhere else in the simulator's C sources (sim/, devices/, models/),
which would be a second copy of a vocabulary that must stay one.

A literal that equals a name by coincidence, with another meaning (the
"run" subcommand of the CLI is not the "run" step), is listed in ALLOWED
with the reason.

Usage: names.py [SRCDIR]; exit status 0, or 1 with one line per copy.
"""
import os
import re
import sys

TABLES = [  # (file, C array holding the names): the state vocabularies
    ("sim/core/record.c", "rproc_states"),
    ("sim/core/record.c", "core_states"),
    ("sim/core/record.c", "mbox_ops"),
]
DEFS = [  # X-macro lists: (file, macro, argument index of the name, stringized?)
    ("sim/core/record.def", "RECORD", 0, True),
    # SCENARIO_STEP, not STEP: models/rv32/rv32_exec.c has a STEP macro
    ("sim/scenario/steps.def", "SCENARIO_STEP", 1, False),
]
# (file, literal): a literal that is another word spelled the same way.
ALLOWED = {
    ("sim/cli/cmd_run.c", "run"): "the `rpsim run` command, not the scenario step",
    ("sim/cli/cmd_test.c", "run"): "runs `rpsim run` for each scenario",
    ("sim/cli/cmd_trace.c", "trace"): "the `rpsim trace` command",
    ("devices/mailbox.c", "read"): "the access to a hole in a guest-error message, not the step",
    ("devices/mailbox.c", "write"): "the access to a hole in a guest-error message, not the step",
    ("models/host/rproc_sysfs.c", "crash"): "the debugfs attribute, not the step",
    ("sim/scenario/scenario_operands.c", "crash"): "the debugfs attribute a step names",
    ("sim/scenario/scenario_steps.c", "crash"): "the debugfs attribute echo writes to",
    # platform.host's latencies are named after the calls they cost
    ("sim/scenario/scenario_json.c", "open"): "the platform.host latency key",
    ("sim/scenario/scenario_json.c", "close"): "the platform.host latency key",
    ("sim/scenario/scenario_json.c", "write"): "the platform.host latency key",
    ("sim/scenario/scenario_json.c", "read"): "the platform.host latency key",
    ("sim/scenario/scenario_json.c", "ioctl"): "the platform.host latency key",
    ("sim/scenario/scenario_load.c", "open"): "the platform.host latency key",
    ("sim/scenario/scenario_load.c", "close"): "the platform.host latency key",
    ("sim/scenario/scenario_load.c", "write"): "the platform.host latency key",
    ("sim/scenario/scenario_load.c", "read"): "the platform.host latency key",
    ("sim/scenario/scenario_load.c", "ioctl"): "the platform.host latency key",
    ("models/rv32/rv32_decode.c", "wfi"): "the instruction's mnemonic",
    ("models/armv7m/armv7m_decode.c", "wfi"): "the instruction's mnemonic",
    ("models/armv7m/armv7m_rows32.c", "wfi"): "the instruction's mnemonic",
    ("sim/core/elf.c", "invalid"): "an invalid EI_DATA byte, not a remoteproc state",
    ("models/host/rproc_crash.c", "CORE"): "the owner name of a core file's ELF notes, not the record",
    ("sim/platform/dt_remote.c", "crash"): "the device tree's mbox-names entry, not the step",
}
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def array_names(text, name):
    m = re.search(r"\b" + re.escape(name) + r"\s*\[[^\]]*\]\s*=\s*\{(.*?)\};", text, re.S)
    if not m:
        return None
    return LITERAL.findall(m.group(1))


def def_names(text, macro, idx, stringized):
    out = []
    for m in re.finditer(r"^\s*" + macro + r"\((.*)\)\s*$", text, re.M):
        args = [a.strip() for a in m.group(1).split(",")]
        if idx < len(args):
            a = args[idx]
            out.append(a if stringized else a.strip('"'))
    return out


def strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    problems = []
    homes = {}  # name -> set of files where it is defined
    for f, arr in TABLES:
        path = os.path.join(top, f)
        names = array_names(strip_comments(open(path).read()), arr) if os.path.exists(path) else None
        if names is None:
            problems.append(f"{f}: name table {arr} not found")
            continue
        for n in names:
            homes.setdefault(n, set()).add(f)
    for f, macro, idx, strz in DEFS:
        path = os.path.join(top, f)
        if not os.path.exists(path):
            continue  # not written yet
        for n in def_names(strip_comments(open(path).read()), macro, idx, strz):
            homes.setdefault(n, set()).add(f)
    sources = []
    for d in ("sim", "devices", "models"):
        for root, _, files in os.walk(os.path.join(top, d)):
            for fn in files:
                if fn.endswith((".c", ".h")):
                    sources.append(os.path.relpath(os.path.join(root, fn), top).replace(os.sep, "/"))
    for f in sorted(sources):
        text = strip_comments(open(os.path.join(top, f), encoding="utf-8", errors="replace").read())
        for lineno, line in enumerate(text.split("\n"), 1):
            if line.lstrip().startswith("#include"):
                continue
            for lit in LITERAL.findall(line):
                if lit in homes and f not in homes[lit] and (f, lit) not in ALLOWED:
                    problems.append(f"{f}:{lineno}: \"{lit}\" is spelled here and in "
                                    f"{', '.join(sorted(homes[lit]))}; use that table's name "
                                    "function instead")
    for p in problems:
        print("names: " + p)
    if problems:
        print(f"names: {len(problems)} copies of table names")
        return 1
    print(f"names: {len(homes)} names, each spelled once")
    return 0


if __name__ == "__main__":
    sys.exit(main())
