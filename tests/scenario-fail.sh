#!/bin/sh
# Runtime failures: each scenario runs and fails with exit 1 and its message.
exec sh "$top_srcdir/tests/run-scenario-table.sh" "$top_srcdir/tests/scenario-fail" \
	--firmware-dir "$top_builddir/tests/corpus" --firmware-dir "$top_builddir/tests/corpus/out"
