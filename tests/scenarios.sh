#!/bin/sh
# Every shipped scenario passes under `rpsim test` (in parallel, with a
# JUnit report), on both remote ISAs: as it is (RV32IMAC remotes unless it
# says otherwise), then with every remote switched to the Cortex-M4F
# (`rpsim run --core cortex-m4f`: the core's own subsystem and the
# Cortex-M builds of the samples).  Core dumps go to the build tree, never
# the sources.
set -u
status=0
for core in "" cortex-m4f; do
	out="$top_builddir/tests/scenarios.out${core:+-$core}"
	mkdir -p "$out"
	if [ -n "$core" ]; then echo "== the scenarios with --core $core"; else echo "== the scenarios as they are"; fi
	"$RPSIM" test "$top_srcdir/scenarios" -j 2 --junit "$out/junit.xml" --state "$out/state" -- \
		--coredump-dir "$out" ${core:+--core "$core"} || status=1
	grep -q '<testsuites name="rpsim" tests="[1-9]' "$out/junit.xml" || { echo "FAIL: no JUnit report"; exit 1; }
	"${XMLLINT:-xmllint}" --noout --schema "$top_srcdir/tests/junit.xsd" "$out/junit.xml" ||
		{ echo "FAIL: the JUnit report is not valid"; exit 1; }
done
exit $status
