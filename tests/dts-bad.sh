#!/bin/sh
# Bad boards given as device trees: `rpsim run` refuses each with exit 2
# and a message naming the tree's file and node (dtc's line:column for
# source it cannot parse).
exec sh "$top_srcdir/tests/run-scenario-table.sh" "$top_srcdir/tests/dts-bad"
