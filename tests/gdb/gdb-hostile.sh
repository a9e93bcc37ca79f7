#!/bin/sh
# Hostile clients against the GDB stub (tests/gdb/gdb-hostile.py).
exec python3 "$top_srcdir/tests/gdb/gdb-hostile.py"
