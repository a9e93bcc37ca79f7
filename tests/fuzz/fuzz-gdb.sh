#!/bin/sh
# Replays the GDB stub's fuzz corpus (tests/fuzz/gdb-corpus) through its
# harness: no input crashes it (in a sanitizer build, none trips ASan or
# UBSan either).
exec "$top_builddir/tests/fuzz/fuzz_gdb_replay" "$top_srcdir/tests/fuzz/gdb-corpus"
