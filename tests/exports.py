#!/usr/bin/env python3
"""Checks rpsim's trace exports against the trace itself (its dump).

    exports.py perfetto DUMP JSON [--insns]
        The structure trace_processor (Perfetto) needs to import the JSON
        without dropping anything: every event well-formed; per thread,
        X slices that nest (never a partial overlap); each flow an "s" and
        an "f" with the same id, both inside a slice of their thread; every
        thread named. Then what it must show: each core's states as slices
        in the dump's order, traps nested in a core state, one message
        slice per RPMSG record pair, IRQ levels 0/1, FIFO depths >= 0,
        instructions only with --insns.
    exports.py vcd DUMP VCD
        Parses the VCD back (IEEE 1364 syntax): declarations, ids, widths,
        increasing times; then each core's state and pc and each IRQ line
        change exactly as the dump's records say.
"""
import json
import re
import sys
from collections import defaultdict

STATES = ["running", "wfi", "halted", "reset"]
LINE = re.compile(r"^(\d+)\.(\d{12}) (\S+)\s+(\S+)\s+(.*)$")


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def read_dump(path):
    """[(time_ps, seq, component, type, text)], in record order"""
    recs = []
    with open(path, encoding="utf-8") as f:
        for seq, line in enumerate(f):
            m = LINE.match(line.rstrip("\n"))
            if m:
                t = int(m.group(1)) * 10**12 + int(m.group(2))
                recs.append((t, seq, m.group(3), m.group(4), m.group(5)))
    return recs


def ps(ts):
    """JSON microseconds (6 decimals: exact picoseconds) -> picoseconds"""
    return round(ts * 1e6)


def check_perfetto(dump, path, insns):
    recs = read_dump(dump)
    raw = open(path, encoding="utf-8").read()
    d = json.loads(raw)
    if not isinstance(d, dict) or not isinstance(d.get("traceEvents"), list):
        fail("no traceEvents array")
    named, slices, flows = set(), defaultdict(list), defaultdict(list)
    counters = defaultdict(list)
    ninsn = 0
    for e in d["traceEvents"]:
        ph = e.get("ph")
        if ph not in ("M", "X", "i", "C", "s", "f"):
            fail(f"unknown phase {ph}: {e}")
        if not isinstance(e.get("pid"), int):
            fail(f"no pid: {e}")
        if ph == "M":
            if e["name"] == "thread_name":
                named.add(e["tid"])
            continue
        if not isinstance(e.get("ts"), (int, float)) or e["ts"] < 0:
            fail(f"bad ts: {e}")
        if ph == "C":
            if not e.get("args") or not all(isinstance(v, (int, float)) for v in e["args"].values()):
                fail(f"counter without numeric args: {e}")
            counters[e["name"]].append(e)
            continue
        if not isinstance(e.get("tid"), int):
            fail(f"no tid: {e}")
        if ph == "X":
            if not isinstance(e.get("dur"), (int, float)) or e["dur"] < 0:
                fail(f"bad dur: {e}")
            slices[e["tid"]].append(e)
        elif ph == "i":
            if e.get("s") not in ("t", "p", "g"):
                fail(f"instant without scope: {e}")
            if e["name"] == "insn":
                ninsn += 1
        else:
            flows[e["id"]].append(e)
    # every thread used is named
    used = set(slices) | {e["tid"] for v in flows.values() for e in v}
    used |= {e["tid"] for e in d["traceEvents"] if e.get("ph") == "i"}
    if used - named:
        fail(f"threads without a name: {sorted(used - named)}")
    # slices nest per thread (trace_processor drops partial overlaps)
    for tid, v in slices.items():
        v.sort(key=lambda e: (ps(e["ts"]), -ps(e["dur"])))
        stack = []
        for e in v:
            a, b = ps(e["ts"]), ps(e["ts"]) + ps(e["dur"])
            while stack and stack[-1][1] <= a and not (stack[-1][1] == a == b):
                stack.pop()
            if stack and b > stack[-1][1]:
                fail(f"thread {tid}: slice {e} overlaps {stack[-1][2]} partly")
            stack.append((a, b, e))

    def inside(tid, t):
        return any(ps(s["ts"]) <= t < ps(s["ts"]) + ps(s["dur"]) for s in slices.get(tid, []))

    for fid, v in flows.items():
        phs = sorted(e["ph"] for e in v)
        if phs != ["f", "s"]:
            fail(f"flow {fid} is not one s and one f: {v}")
        s = next(e for e in v if e["ph"] == "s")
        f = next(e for e in v if e["ph"] == "f")
        if f.get("bp") != "e" or ps(f["ts"]) < ps(s["ts"]):
            fail(f"flow {fid}: bad end {f}")
        for e in (s, f):
            if not inside(e["tid"], ps(e["ts"])):
                fail(f"flow {fid}: {e['ph']} at {e['ts']} is in no slice of thread {e['tid']}")
    # what it must show: each core's states, in the dump's order
    names = {e["tid"]: e["args"]["name"] for e in d["traceEvents"]
             if e.get("ph") == "M" and e["name"] == "thread_name"}
    bycomp = defaultdict(list)
    for t, seq, comp, typ, text in recs:
        bycomp[(comp, typ)].append((t, seq, text))
    cores = {comp for (comp, typ) in bycomp if typ == "CORE"}
    for comp in cores:
        tid = next(k for k, n in names.items() if n == comp)
        # a state held for some time is a slice; one left at once an instant
        core = sorted(bycomp[(comp, "CORE")])
        end = max(r[0] for r in recs) + 1
        want_x = [(core[k][2], core[k][0]) for k in range(len(core))
                  if (core[k + 1][0] if k + 1 < len(core) else end) > core[k][0]]
        want_i = sorted((core[k][2], core[k][0]) for k in range(len(core))
                        if k + 1 < len(core) and core[k + 1][0] == core[k][0])
        got_x = [(e["name"], ps(e["ts"])) for e in sorted(slices[tid], key=lambda e: ps(e["ts"]))
                 if e.get("cat") == "core"]
        got_i = sorted((e["name"], ps(e["ts"])) for e in d["traceEvents"]
                       if e.get("ph") == "i" and e.get("cat") == "core" and e["tid"] == tid)
        if got_x != want_x or got_i != want_i:
            fail(f"{comp}: state slices {got_x[:8]}... / instants {got_i[:4]} differ from the CORE records "
                 f"{want_x[:8]}... / {want_i[:4]}")
        traps = [e for e in slices[tid] if e.get("cat") == "trap"]
        if len(traps) != len(bycomp.get((comp, "TRAP"), [])):
            fail(f"{comp}: {len(traps)} trap slices for {len(bycomp.get((comp, 'TRAP'), []))} TRAP records")
        for tr in traps:
            a = ps(tr["ts"])
            parent = [s for s in slices[tid] if s.get("cat") == "core"
                      and ps(s["ts"]) <= a and a + ps(tr["dur"]) <= ps(s["ts"]) + ps(s["dur"])]
            if not parent or parent[-1]["name"] != "running":
                fail(f"{comp}: trap {tr} is not inside a running slice")
    nmsgs = sum(1 for v in slices.values() for e in v if e.get("cat") == "rpmsg")
    sent = sum(1 for r in recs if r[3] == "RPMSG" and r[4].startswith("sent"))
    received = sum(1 for r in recs if r[3] == "RPMSG" and r[4].startswith("received"))
    if not max(sent, received) <= nmsgs <= sent + received:
        fail(f"{nmsgs} message slices for {sent} sent and {received} received RPMSG records")
    if sent + received and not any(e["name"] == "rpmsg" and e["dur"] > 0 for v in slices.values() for e in v):
        fail("no message has a duration")
    for name, v in counters.items():
        key = "level" if name.split()[-1].startswith("irq") else "depth"
        vals = [e["args"].get(key) for e in v]
        if key == "level" and not set(vals) <= {0, 1}:
            fail(f"{name}: levels {set(vals)}")
        if key == "depth" and min(vals) < 0:
            fail(f"{name}: negative depth")
    nirq = sum(len(v) for n, v in counters.items() if n.split()[-1].startswith("irq"))
    if nirq != sum(1 for r in recs if r[3] == "IRQ"):
        fail(f"{nirq} IRQ counter values for {sum(1 for r in recs if r[3] == 'IRQ')} IRQ records")
    want_insn = sum(1 for r in recs if r[3] == "INSN") if insns else 0
    if ninsn != want_insn:
        fail(f"{ninsn} instruction events, expected {want_insn}")
    print(f"perfetto ok: {sum(len(v) for v in slices.values())} slices on {len(slices)} threads, "
          f"{len(flows)} flows, {len(counters)} counters, {ninsn} instructions")


def parse_vcd(path):
    """(vars {id: (scope, name, width)}, initial {id: value}, changes [(t, id, value)])"""
    text = open(path, encoding="ascii").read()
    tokens = text.split()
    i, scopes, vars_, changes = 0, [], {}, []
    timescale = None
    while i < len(tokens):
        tok = tokens[i]
        if tok == "$enddefinitions":
            i += 2
            break
        if tok in ("$version", "$comment", "$date"):
            i = tokens.index("$end", i) + 1
        elif tok == "$timescale":
            timescale = tokens[i + 1]
            i += 3
        elif tok == "$scope":
            scopes.append(tokens[i + 2])
            i += 4
        elif tok == "$upscope":
            scopes.pop()
            i += 2
        elif tok == "$var":
            _, kind, width, vid, name, end = tokens[i:i + 6]
            if end != "$end" or kind not in ("wire", "reg"):
                fail(f"bad $var at token {i}")
            if vid in vars_:
                fail(f"id {vid} declared twice")
            vars_[vid] = (".".join(scopes), name, int(width))
            i += 6
        else:
            fail(f"unexpected {tok} in the declarations")
    if timescale != "1ps" or scopes:
        fail(f"timescale {timescale}, open scopes {scopes}")
    t, last, initial, dumping = 0, -1, {}, False
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if tok in ("$dumpvars", "$end"):
            dumping = tok == "$dumpvars"
            continue
        if tok.startswith("#"):
            t = int(tok[1:])
            if t <= last and last >= 0 and t != 0:
                fail(f"time {t} after {last}")
            last = t
            continue
        if tok[0] in "bB":
            value, vid = tok[1:], tokens[i]
            i += 1
        else:
            value, vid = tok[0], tok[1:]
        if vid not in vars_:
            fail(f"change of undeclared id {vid}")
        width = vars_[vid][2]
        if not re.fullmatch(r"[01xz]+", value) or len(value) > width:
            fail(f"value {value} for a {width}-bit signal")
        if dumping:
            initial[vid] = value
        else:
            changes.append((t, vid, value))
    if set(initial) != set(vars_):
        fail("$dumpvars does not give every signal its initial value")
    return vars_, initial, changes


def check_vcd(dump, path):
    recs = read_dump(dump)
    vars_, initial, changes = parse_vcd(path)
    byname = {(scope.split(".")[-1], name): vid for vid, (scope, name, w) in vars_.items()}
    series = defaultdict(list)
    for t, vid, value in changes:
        series[vid].append((t, int(value, 2)))

    def expected(comp, typ, parse, start):
        """the values records give, in time order, each change once"""
        out, prev = [], start
        for t, seq, c, ty, text in sorted(r for r in recs if r[2] == comp and r[3] == typ):
            v = parse(text)
            if v is not None and v != prev:
                out.append((t, v))
                prev = v
        return out

    ncheck = 0
    for comp in sorted({r[2] for r in recs}):
        s = re.sub(r"[^A-Za-z0-9_]", "_", comp)
        if (s, "state") in byname:
            vid = byname[(s, "state")]
            if initial[vid] != "x":
                fail(f"{comp}: the state starts at {initial[vid]}, not unknown")
            w = expected(comp, "CORE", STATES.index, None)
            if series[vid] != w:
                fail(f"{comp}: state changes {series[vid][:6]} differ from the CORE records {w[:6]}")
            ncheck += len(w)
        if (s, "pc") in byname:
            # the pc follows the instructions, and each trap's epc
            vid = byname[(s, "pc")]
            w, prev = [], None
            for t, seq, c, ty, text in sorted(r for r in recs if r[2] == comp and r[3] in ("INSN", "TRAP")):
                v = int(re.search(r"pc=0x([0-9a-f]+)", text).group(1), 16)
                if v != prev:
                    w.append((t, v))
                    prev = v
            if initial[vid] != "x" or series[vid] != w:
                fail(f"{comp}: pc changes {series[vid][:6]} differ from the INSN/TRAP records {w[:6]}")
            ncheck += len(w)
        lines = sorted({re.match(r"line=(\d+)", r[4]).group(1) for r in recs if r[2] == comp and r[3] == "IRQ"})
        for line in lines:
            if (s, f"irq{line}") not in byname:
                fail(f"{comp}: no signal for IRQ line {line}")
            vid = byname[(s, f"irq{line}")]
            if initial[vid] != "0":
                fail(f"{comp} irq{line}: starts at {initial[vid]}")
            w = expected(comp, "IRQ", lambda text, l=line: int(text.split("level=")[1])
                         if text.startswith(f"line={l} ") else None, 0)
            if series[vid] != w:
                fail(f"{comp} irq{line}: {series[vid][:6]} differ from the IRQ records {w[:6]}")
            ncheck += len(w)
    if ncheck == 0 and any(r[3] in ("CORE", "IRQ") for r in recs):
        fail("nothing compared")
    print(f"vcd ok: {len(vars_)} signals, {len(changes)} changes, {ncheck} compared with the dump")


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "perfetto":
        check_perfetto(sys.argv[2], sys.argv[3], "--insns" in sys.argv[4:])
    elif len(sys.argv) == 4 and sys.argv[1] == "vcd":
        check_vcd(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
