#!/bin/sh
# Every shipped scenario passes under `rpsim test` (in parallel, with a
# JUnit report); core dumps go to the build tree, never the sources.
set -u
out="$top_builddir/tests/scenarios.out"
mkdir -p "$out"
"$RPSIM" test "$top_srcdir/scenarios" -j 2 --junit "$out/junit.xml" --state "$out/state" -- --coredump-dir "$out"
status=$?
grep -q '<testsuites name="rpsim" tests="[1-9]' "$out/junit.xml" || { echo "FAIL: no JUnit report"; exit 1; }
"${XMLLINT:-xmllint}" --noout --schema "$top_srcdir/tests/junit.xsd" "$out/junit.xml" || { echo "FAIL: the JUnit report is not valid"; exit 1; }
exit $status
