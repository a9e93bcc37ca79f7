#!/usr/bin/env python3
"""Reads and rewrites rpsim trace files (doc/trace-format.md), for tests
that need a crafted trace: a record at a time near 2^64, an identity that
names a FIFO or a device.  Reads versions 1 and 2 (compressed blocks
through the zstd command, Debian package zstd), writes version 1 without
snapshots (rpsim reads both).  Otherwise only the standard library.

usage: tracetool.py set-time IN OUT N TIME     record N gets time TIME (ps)
       tracetool.py set-firmware IN OUT PATH   the firmware identity names PATH
       tracetool.py empty OUT                  a valid trace with no record
"""

import struct
import subprocess
import sys

MAGIC, END = b'RPSIMTRC', b'RPSIMEND'
REC_IDENTITY, REC_INDEX, REC_SNAPSHOT = 0x8001, 0x8002, 0x8003
INDEX_EVERY = 4096
MASK = (1 << 64) - 1


def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7f) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def get_varint(b, i):
    v = shift = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7f) << shift
        shift += 7
        if not c & 0x80:
            return v, i


def zigzag(d):
    d &= MASK
    return ((d << 1) ^ (MASK if d >> 63 else 0)) & MASK


def unzigzag(z):
    return (z >> 1) ^ (MASK if z & 1 else 0)


def decompressed(b):
    """The same trace with its blocks stored as they are (the record
    stream at its own offsets, which is what a reader of uncompressed
    blocks walks)."""
    index_off, _, dir_off = struct.unpack_from('<QQQ', b, len(b) - 24)
    _, i = get_varint(b, index_off)
    n, i = get_varint(b, i + 4)
    _, nent = struct.unpack_from('<IQ', b, i)
    out = bytearray(b[:16])
    entries = []
    for k in range(nent):
        e = list(struct.unpack_from('<7Q', b, i + 12 + k * 56))
        frame = b[e[4]:e[4] + e[5]]
        raw = subprocess.run(['zstd', '-dcq'], input=frame, stdout=subprocess.PIPE,
                             check=True).stdout
        assert len(raw) == e[6], 'a block holds %d bytes, %d expected' % (len(raw), e[6])
        e[4], e[5] = len(out), len(raw)
        out += raw
        entries.append(e)
    # the index again, then a trailer without a snapshot directory
    body = struct.pack('<IQ', INDEX_EVERY, len(entries))
    for e in entries:
        body += struct.pack('<7Q', *e)
    new_index = len(out)
    out += varint(0) + struct.pack('<HH', REC_INDEX, 0xffff) + varint(len(body)) + body
    out += END + struct.pack('<QQQ', new_index, 0, 0)
    return bytes(out)


def read(path):
    """The records of a version 1 or 2 trace; snapshot records are left
    out (the output is version 1)."""
    b = open(path, 'rb').read()
    assert b[:8] == MAGIC, 'not a trace'
    version, flags = struct.unpack_from('<HH', b, 8)
    if flags & 2:
        b = decompressed(b)
        flags &= ~2
    if version == 1:
        index_off, = struct.unpack_from('<Q', b, len(b) - 16)
        end, entry = index_off, 32
    else:
        index_off, _, dir_off = struct.unpack_from('<QQQ', b, len(b) - 24)
        end, entry = dir_off or index_off, 56
    # the index: where each block's delta decoding restarts
    _, i = get_varint(b, index_off)
    n, i = get_varint(b, i + 4)
    _, nent = struct.unpack_from('<IQ', b, i)
    bases = {}
    for k in range(nent):
        first, _, base = struct.unpack_from('<QQQ', b, i + 12 + k * entry)
        bases[first] = base
    recs, i, t = [], 16, 0
    while i < end:
        if len(recs) in bases:
            t = bases[len(recs)]
        delta, i = get_varint(b, i)
        typ, comp = struct.unpack_from('<HH', b, i)
        n, i = get_varint(b, i + 4)
        t = (t + unzigzag(delta)) & MASK
        recs.append([t, typ, comp, b[i:i + n]])
        i += n
    return 1, flags & 1, [r for r in recs if r[1] != REC_SNAPSHOT]


def write(path, version, flags, recs):
    out = bytearray(MAGIC + struct.pack('<HHI', version, flags, 0))
    index, prev = [], 0
    for k, (t, typ, comp, data) in enumerate(recs):
        if k % INDEX_EVERY == 0:
            index.append([k, len(out), prev, t])
        index[-1][3] = max(index[-1][3], t)
        out += varint(zigzag(t - prev)) + struct.pack('<HH', typ, comp) + varint(len(data)) + data
        prev = t
    index_off = len(out)
    body = struct.pack('<IQ', INDEX_EVERY, len(index))
    for e in index:
        body += struct.pack('<QQQQ', *e)
    out += varint(0) + struct.pack('<HH', REC_INDEX, 0xffff) + varint(len(body)) + body
    out += END + struct.pack('<QQ', index_off, len(recs))
    open(path, 'wb').write(out)


def main(argv):
    cmd = argv[1]
    if cmd == 'empty':
        write(argv[2], 1, 0, [])
        return 0
    version, flags, recs = read(argv[2])
    if cmd == 'set-time':
        recs[int(argv[4])][0] = int(argv[5]) & MASK
    elif cmd == 'set-firmware':
        for r in recs:
            if r[1] == REC_IDENTITY and r[3][0] == 1:
                r[3] = r[3][:18] + argv[4].encode()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    write(argv[3], version, flags, recs)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
