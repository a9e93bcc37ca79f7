#!/bin/sh
# tests/fuzz/checkpoint/seeds.sh [DIR]: the checkpoint target's seed
# corpus, made from real runs of scenarios/rpmsg-echo.json (checkpoint
# files and bare snapshot streams at 30, 115 and 150 us), into DIR
# (default: the committed corpus/).  Run from the build directory after
# `make check` has built tests/fuzz/replay (or `make fuzz`).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/corpus}
mkdir -p "$out"
top_srcdir=$(cd "$here/../../.." && pwd) top_builddir=$(pwd) RPSIM_FUZZ_SEEDS=$out \
	tests/fuzz/replay checkpoint "$here/repro/README"
