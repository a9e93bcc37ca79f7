#!/usr/bin/env python3
"""Golden-output tests after SimGrid's tesh: a .tesh file runs commands and
compares what they print, simulated time stamps and all.

    # a comment
    ! expect return 1          (the next command's exit status; default 0)
    $ ${RPSIM} run --color=never ${top_srcdir}/scenarios/rpmsg-echo.json
    >      0.000 ns  remoteproc0  firmware ${top_builddir}/... (SIZE bytes, fnv1a64 HASH)
    > ...

Commands run with sh, stdout and stderr together, from a fresh temporary
directory that ${TMPDIR} names; ${RPSIM}, ${top_srcdir} and ${top_builddir}
come from the environment (the test harness sets them). Before comparing,
the output is made independent of where the trees are: those directories
are written back as ${...}, and a firmware file's size and hash as SIZE and
HASH (they change with the cross compiler; tests/timeline.sh checks them).
The firmware's timing does not: the golden files hold for the cross
compiler ./bootstrap installs.

    tesh.py FILE.tesh...        run; exit 1 on any difference (a diff shown)
    TESH_UPDATE=1 tesh.py FILE  rewrite FILE's expected output from this run
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

FW = re.compile(r"\(\d+ bytes, fnv1a64 [0-9a-f]{16}\)")
BOOTING = re.compile(r"(Booting fw image \S+, size )\d+")


def parse(path):
    """[(command, expected lines, expected status)]"""
    cases, status = [], 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("$ "):
                cases.append([line[2:], [], status, n])
                status = 0
            elif line.startswith(">"):
                if not cases:
                    sys.exit(f"{path}:{n}: output before any command")
                cases[-1][1].append(line[2:] if line.startswith("> ") else line[1:])
            elif line.startswith("! expect return "):
                status = int(line.split()[-1])
            elif line.startswith("#") or not line.strip():
                continue
            else:
                sys.exit(f"{path}:{n}: not a tesh line (use '$ ', '> ', '! expect return N' or '#')")
    return cases


def normalise(text, env):
    # longest first: the build tree may lie inside the source tree
    for name in sorted(("TMPDIR", "top_builddir", "top_srcdir"), key=lambda k: -len(env[k])):
        text = text.replace(env[name], "${" + name + "}")
    text = BOOTING.sub(r"\1SIZE", text)
    return FW.sub("(SIZE bytes, fnv1a64 HASH)", text)


def run(path, update):
    env = dict(os.environ)
    for k in ("RPSIM", "top_srcdir", "top_builddir"):
        if k not in env:
            sys.exit(f"tesh: {k} is not set (the test harness sets it)")
    env["top_srcdir"] = os.path.realpath(env["top_srcdir"])
    env["top_builddir"] = os.path.realpath(env["top_builddir"])
    env["NO_COLOR"] = "1"
    tmp = os.path.realpath(tempfile.mkdtemp(prefix="tesh."))
    env["TMPDIR"] = tmp
    fails, new = 0, []
    try:
        for cmd, want, status, line in parse(path):
            p = subprocess.run(["sh", "-c", cmd], cwd=tmp, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120)
            got = normalise(p.stdout.decode("utf-8", "replace"), env).splitlines()
            new.append((cmd, got, p.returncode))
            if update:
                continue
            if p.returncode != status:
                print(f"{path}:{line}: exit status {p.returncode}, expected {status}: {cmd}")
                fails += 1
            if got != want:
                print(f"{path}:{line}: output differs: {cmd}")
                sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(
                    want, got, "expected", "got", lineterm=""))
                fails += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if update:
        keep = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith(("$ ", ">", "! expect return ")):
                    break
                keep.append(line)
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(keep)
            for cmd, got, rc in new:
                if rc:
                    f.write(f"! expect return {rc}\n")
                f.write(f"$ {cmd}\n")
                f.writelines(f"> {l}\n" if l else ">\n" for l in got)
        print(f"{path}: rewritten from this run")
    return fails


def main():
    update = os.environ.get("TESH_UPDATE") == "1"
    fails = sum(run(p, update) for p in sys.argv[1:])
    print(f"{len(sys.argv) - 1} files, {fails} differences")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
