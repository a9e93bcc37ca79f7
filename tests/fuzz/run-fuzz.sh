#!/bin/sh
# tests/fuzz/run-fuzz.sh NAME [MINUTES | SECONDSs]: runs the libFuzzer
# target tests/fuzz/fuzz-NAME (built by `make fuzz`, run from the build
# directory) for MINUTES minutes (default 10; "30s": 30 seconds) on one
# core, starting from the committed corpus.  New inputs go to tests/fuzz/work/NAME (the committed corpus is
# not touched); a crash, a leak, a timeout (25 s per input, wall clock: the livelock seeds take a few seconds under the sanitizers) or an
# out-of-memory (4 GB) is written to tests/fuzz/artifacts/NAME/ as the
# reproducer to commit under tests/fuzz/NAME/repro/ with the fix.
set -eu
name=$1
case ${2:-10} in
*s) seconds=${2%s} ;;
*) seconds=$((${2:-10} * 60)) ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
bin=tests/fuzz/fuzz-$name
[ -x "$bin" ] || { echo "run-fuzz: $bin is not built; run 'make fuzz' in the build directory" >&2; exit 2; }
[ -d "$here/$name/corpus" ] || { echo "run-fuzz: no target '$name' in $here" >&2; exit 2; }
mkdir -p "tests/fuzz/work/$name" "tests/fuzz/artifacts/$name"
# where the targets find the sample firmware and the shipped scenarios
top_builddir=$(pwd)
top_srcdir=$(cd "$here/../.." && pwd)
export top_builddir top_srcdir
dict=
[ -f "$here/$name/dict" ] && dict="-dict=$here/$name/dict"
exec "$bin" -max_total_time=$seconds -timeout=25 -rss_limit_mb=4096 \
	-print_final_stats=1 -artifact_prefix="tests/fuzz/artifacts/$name/" $dict \
	"tests/fuzz/work/$name" "$here/$name/corpus" "$here/$name/repro"
