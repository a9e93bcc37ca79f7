#!/bin/sh
# Same scenario and firmware, same trace bytes: each scenario below twice,
# with every retired instruction, compared byte for byte: the echo on the
# RV32 remote, the echo on the Cortex-M4F remote (--core), and the two
# remotes of different ISAs at once.
set -u
dir="$top_builddir/tests/determinism"
mkdir -p "$dir"
passed=0
failed=0
check() { # NAME SCENARIO [RUN-OPTIONS...]
	name=$1 scen=$2
	shift 2
	for n in 1 2; do
		"$RPSIM" run -q --trace "$dir/$name$n.trace" --trace-insns "$@" "$top_srcdir/scenarios/$scen" ||
			{ echo "FAIL: $name: the run failed"; failed=$((failed + 1)); return; }
	done
	size=$(wc -c < "$dir/${name}1.trace")
	if [ "$size" -le 10000 ]; then
		echo "FAIL: $name: trace of $size bytes is too small to mean anything"
		failed=$((failed + 1))
	elif cmp "$dir/${name}1.trace" "$dir/${name}2.trace"; then
		echo "PASS: $name: two traces of $size bytes are identical"
		passed=$((passed + 1))
	else
		echo "FAIL: $name: the two traces differ"
		failed=$((failed + 1))
	fi
}
check rv32 rpmsg-echo.json
check cm4 rpmsg-echo.json --core cortex-m4f
check mixed two-remotes-mixed.json
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
