#!/bin/sh
# make check: each state, step and record name is spelled once (names.py).
exec "${PYTHON3:-python3}" "$top_srcdir/tests/arch/names.py" "$top_srcdir"
