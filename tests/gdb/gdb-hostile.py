#!/usr/bin/env python3
"""The GDB stub against hostile clients (raw sockets, no GDB): noise,
bad checksums, oversized and malformed packets are answered or dropped; a
second client is refused with a message while one is attached; a client
that disconnects in the middle of a packet is detached; one that stops
reading its replies is dropped.  Through all of it rpsim neither crashes
nor hangs, and the run goes on to its verdict (PASS).  Also ^C, raw: it
stops a target that would run forever (rpsim exec on an endless loop),
and k ends that run.

Environment: RPSIM, top_srcdir (as automake's test harness sets them).
Exit status 0 when every check held, 1 otherwise."""
import os
import re
import select
import socket
import subprocess
import sys
import time

RPSIM = os.environ["RPSIM"]
SCENARIO = os.path.join(os.environ["top_srcdir"], "scenarios", "rpmsg-echo.json")
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def start(cmd=None):
    p = subprocess.Popen(cmd or [RPSIM, "run", "-q", "--gdb", "0", "--gdb-wait", SCENARIO],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = b""
    deadline = time.time() + 20
    while time.time() < deadline:
        r, _, _ = select.select([p.stderr], [], [], 1)
        if r:
            chunk = os.read(p.stderr.fileno(), 4096)
            if not chunk:
                break
            err += chunk
            m = re.search(rb"GDB server on [0-9.]+:([0-9]+) ", err)
            if m:
                return p, int(m.group(1)), err
    p.kill()
    print("FAIL: rpsim did not start its GDB server: " + err.decode(errors="replace"))
    sys.exit(1)


def finish(p, err, what, status=0):
    try:
        out, more = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        check(False, what + ": rpsim did not end")
        return "", ""
    check(p.returncode == status, "%s: rpsim exit status %d, expected %d" % (what, p.returncode, status))
    return out.decode(errors="replace"), (err + more).decode(errors="replace")


def frame(payload):
    if isinstance(payload, str):
        payload = payload.encode()
    return b"$" + payload + b"#%02x" % (sum(payload) % 256)


def connect(port, rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    return s


class Client:
    def __init__(self, sock):
        self.s = sock
        self.buf = b""

    def reply(self):
        """The next packet's payload (acks skipped); None when closed."""
        while True:
            m = re.match(rb"[+-]*\$([^#]*)#[0-9a-f]{2}", self.buf, re.S)
            if m:
                self.buf = self.buf[m.end():]
                return m.group(1)
            chunk = self.s.recv(65536)
            if not chunk:
                return None
            self.buf += chunk

    def raw(self, n=1):
        while len(self.buf) < n:
            chunk = self.s.recv(65536)
            if not chunk:
                break
            self.buf += chunk
        got, self.buf = self.buf[:n], self.buf[n:]
        return got

    def ask(self, payload):
        self.s.sendall(frame(payload))
        return self.reply()


# ---- one run: malformed input, a second client, a disconnect mid-packet
p, port, err = start()
a = Client(connect(port))
a.s.sendall(b"+")
check(a.ask("?") == b"T05thread:1;", "'?' gives the stop at attach")

# a second client while one is attached: refused with a message
b = Client(connect(port))
msg = b.reply()
check(msg is not None and msg.startswith(b"E.rpsim: another GDB client is attached"),
      "a second client is told it is refused: %r" % (msg,))
check(b.reply() is None, "then its connection is closed")
b.s.close()

# noise between packets is ignored; a bad checksum is answered '-'
a.s.sendall(b"hello world")
a.s.sendall(b"$g#00")
check(a.raw(1) == b"-", "a bad checksum is answered '-'")
a.s.sendall(b"$g#zz")
check(a.raw(1) == b"-", "a malformed checksum is answered '-'")
# an oversized packet is read to its end and refused
big = b"m" * 20000
a.s.sendall(b"$" + big + b"#%02x" % (sum(big) % 256))
check(a.reply() == b"E01", "an oversized packet is refused")
# malformed packets: errors
for bad in ["m", "mzz,4", "m0", "m0,", "mffffffffffffffffff,1", "Z9,0,0", "Z0,1000", "z2,0,0",
            "p999", "pzz", "P0=zz", "P0=12", "Hg99", "Hx1", "T99", "vCont;x", "vCont;c:99",
            "X0,4:ab", "M0,2:zz", "M0,2:1", "G12", "qRcmd,zz", "qRcmd,1",
            "qXfer:features:read:target.xml:zz", "qXfer:features:read:other.xml:0,10",
            "qThreadExtraInfo,99", "c1zz", "C", "S9;zz"]:
    r = a.ask(bad)
    check(r is not None and r.startswith(b"E"), "%r is refused with an error, got %r" % (bad, r))
# unknown packets: the empty reply
for unknown in ["Y", "qTStatus", "vMustReplyEmpty", "!", "R00", "qOffsets"]:
    r = a.ask(unknown)
    check(r == b"", "%r gets the empty reply, got %r" % (unknown, r))
check(a.ask("") == b"", "an empty packet gets the empty reply")
# memory: unmapped and at the top of the space, and a long read is capped
check(a.ask("mfffffffffffffff0,20") == b"E14", "unmapped memory: E14")
r = a.ask("m0,ffffffff")
check(r is not None and 0 < len(r) <= 16384 and re.fullmatch(rb"[0-9a-f]+", r), "a long read is capped")
# a monitor command with control bytes is echoed without them
cmd = "\x1b[31mevil\x07".encode().hex()
a.s.sendall(frame("qRcmd," + cmd))
out = a.reply()
check(out is not None and out.startswith(b"O"), "monitor output comes as an O packet")
text = bytes.fromhex(out[1:].decode()) if out else b""
check(b"unknown monitor command" in text and b"\x1b" not in text and b"\x07" not in text,
      "an unknown command is named without its control bytes: %r" % text)
check(a.reply() == b"OK", "then OK")
# the target description and the threads
xml = a.ask("qXfer:features:read:target.xml:0,ffff")
check(xml is not None and xml.startswith(b"l<?xml") and b"riscv:rv32" in xml,
      "the target description")
check(a.ask("qfThreadInfo") == b"m1", "one thread")
# no-ack mode: no more '+'
check(a.ask("QStartNoAckMode") == b"OK", "QStartNoAckMode")
a.s.sendall(b"+")
a.s.sendall(frame("qC"))
check(a.raw(1) == b"$", "no '+' once acks are off")
# gone in the middle of a packet: detached, the run goes on
a.s.sendall(b"$m0,4")
a.s.close()
out, err = finish(p, err, "hostile run")
check("PASS " in out, "the run passes after the client left: " + out)
check("disconnected in the middle of a packet" in err, "rpsim says the client left mid-packet")
check("refused GDB connection from 127.0.0.1" in err, "rpsim says it refused the second client")

# ---- one run: a client that asks and never reads is dropped
p, port, err = start()
c = connect(port, rcvbuf=4096)
c.sendall(b"+" + frame("QStartNoAckMode"))
flood = frame("m0,2000") * 1500
try:
    c.sendall(flood)
except OSError:
    pass  # the server may drop us before taking it all
out, err = finish(p, err, "flooded run")
check("does not read its replies (dropped)" in err, "a client that does not read is dropped")
check("PASS " in out, "the run goes on and passes")
c.close()

# ---- ^C stops a run that would never end; k ends it
loop = os.path.join(os.environ["top_builddir"], "tests", "isa", "exec-loop.elf")
p, port, err = start([RPSIM, "exec", "--gdb", "0", "--gdb-wait", loop])
d = Client(connect(port))
d.s.sendall(b"+")
check(d.ask("?") == b"T05thread:1;", "attached to the endless loop")
d.s.sendall(frame("c"))
d.s.settimeout(0.3)
try:
    early = d.s.recv(100)  # nothing: it runs
except socket.timeout:
    early = b""
d.s.settimeout(10)
check(early in (b"", b"+"), "continue gives no reply while running: %r" % early)
d.s.sendall(b"\x03")
check(d.reply() == b"T02thread:1;", "^C stops it with SIGINT")
check(d.ask("?") == b"T02thread:1;", "'?' says so again")
d.s.sendall(b"+" + frame("k"))
out, err = finish(p, err, "interrupted run", status=1)
check("killed from GDB" in err, "rpsim exec says the run was killed: " + err)
d.s.close()

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
