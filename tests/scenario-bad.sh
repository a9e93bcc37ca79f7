#!/bin/sh
# Bad scenario files: `rpsim run` refuses each with exit 2 and its message.
exec sh "$top_srcdir/tests/run-scenario-table.sh" "$top_srcdir/tests/scenario-bad"
