#!/bin/sh
# Host-model scenarios that need test firmware (tests/corpus), not samples;
# core dumps go to the build tree.
out="$top_builddir/tests/scenario-host.out"
mkdir -p "$out"
exec "$RPSIM" test "$top_srcdir/tests/scenario-host" -j 2 -- --firmware-dir "$top_builddir/tests/corpus" \
	--firmware-dir "$top_builddir/tests/corpus/out" \
	--coredump-dir "$out"
