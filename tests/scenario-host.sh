#!/bin/sh
# Host-model scenarios that need test firmware (tests/corpus), not samples.
exec "$RPSIM" test "$top_srcdir/tests/scenario-host" -j 2 -- --firmware-dir "$top_builddir/tests/corpus"
