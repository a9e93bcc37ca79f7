#!/usr/bin/env python3
"""Reference output of the fir sample firmware (firmware-samples/fir/fir.c).

Usage: fir_ref.py [--hex HEX... | SAMPLE ...]
  SAMPLE ...  int16 input samples in decimal (e.g. 1000 -2000 32767)
  --hex HEX   the input message as hex bytes (little-endian int16 pairs)
Prints the expected reply as hex bytes (what /dev/rpmsg0 returns), one
line, lower case, no separators; with SAMPLEs also the int16 values on a
second line.  Exit status 2 on bad input.

The taps are read from fir_taps.h next to this script, so the firmware
and the reference cannot disagree.
"""
import os
import re
import struct
import sys


def taps():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "fir_taps.h"), encoding="ascii") as f:
        m = re.search(r"#define FIR_TAPS \{([^}]*)\}", f.read())
    if not m:
        sys.exit("fir_ref.py: fir_taps.h has no '#define FIR_TAPS { ... }' line")
    return [int(t) for t in m.group(1).split(",")]


def fir(x, h):
    y = []
    for i in range(len(x)):
        acc = 16384
        for k in range(min(len(h), i + 1)):
            acc += h[k] * x[i - k]
        v = acc >> 15  # Python's >> on negatives is arithmetic, as in the firmware
        y.append(max(-32768, min(32767, v)))
    return y


def main(argv):
    try:
        if len(argv) >= 2 and argv[0] == "--hex":
            raw = bytes.fromhex("".join(argv[1:]))
            raw = raw[: len(raw) // 2 * 2]
            x = list(struct.unpack("<%dh" % (len(raw) // 2), raw))
            decimal = False
        elif argv and argv[0] != "--hex":
            x = [int(a, 0) for a in argv]
            if any(v < -32768 or v > 32767 for v in x):
                raise ValueError("a sample is outside int16 (-32768..32767)")
            decimal = True
        else:
            raise ValueError("give int16 samples, or --hex HEX")
        if len(x) > 248:
            raise ValueError("%d samples: one message carries at most 248" % len(x))
    except ValueError as e:
        print("fir_ref.py: %s" % e, file=sys.stderr)
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    y = fir(x, taps())
    print(struct.pack("<%dh" % len(y), *y).hex())
    if decimal:
        print(" ".join(str(v) for v in y))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
