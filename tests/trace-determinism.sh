#!/bin/sh
# Same scenario and firmware, same trace bytes: the echo scenario twice,
# with every retired instruction, compared byte for byte.
set -u
dir="$top_builddir/tests/determinism"
mkdir -p "$dir"
for n in 1 2; do
	"$RPSIM" run -q --trace "$dir/run$n.trace" --trace-insns "$top_srcdir/scenarios/rpmsg-echo.json" || exit 1
done
size=$(wc -c < "$dir/run1.trace")
[ "$size" -gt 10000 ] || { echo "FAIL: trace of $size bytes is too small to mean anything"; exit 1; }
if cmp "$dir/run1.trace" "$dir/run2.trace"; then
	echo "1 passed, 0 failed (two traces of $size bytes are identical)"
else
	echo "0 passed, 1 failed: the two traces differ"
	exit 1
fi
