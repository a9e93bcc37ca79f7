#!/bin/sh
# The trace exports, checked against the trace itself (tests/exports.py):
# the Perfetto JSON has what trace_processor needs (slices that nest, flows
# bound to slices, named threads, counters) and shows each core's states,
# traps and the messages; instructions only with --insns; the VCD parses
# back and its core states, pc and IRQ lines change as the records say.
# Traces: the echo and the crash-recovery scenarios with every
# instruction, two remotes, and one with no signal at all.
: "${RPSIM:?}" "${top_srcdir:?}"
PYTHON3=${PYTHON3:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { "$PYTHON3" "$top_srcdir/tests/exports.py" "$@" || fails=$((fails + 1)); }

cat >"$tmp/quiet-scenario.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "steps": [{"cat": "/sys/class/remoteproc/remoteproc0/state", "expect": "offline"}]}
EOF
for run in "echo --trace-insns $top_srcdir/scenarios/rpmsg-echo.json" \
	"crash --trace-insns $top_srcdir/scenarios/crash-recovery.json" \
	"two $top_srcdir/scenarios/two-remotes.json" \
	"quiet $tmp/quiet-scenario.json"; do
	set -- $run
	name=$1
	shift
	"$RPSIM" run -q --coredump-dir "$tmp" --trace "$tmp/$name.trace" "$@" >/dev/null || { echo "FAIL: rpsim run $*"; fails=$((fails + 1)); continue; }
	"$RPSIM" trace dump "$tmp/$name.trace" -o "$tmp/$name.dump" &&
		"$RPSIM" trace perfetto "$tmp/$name.trace" -o "$tmp/$name.json" &&
		"$RPSIM" trace perfetto --insns "$tmp/$name.trace" -o "$tmp/$name-insns.json" &&
		"$RPSIM" trace vcd "$tmp/$name.trace" -o "$tmp/$name.vcd" || { echo "FAIL: $name: an export failed"; fails=$((fails + 1)); continue; }
	echo "$name:"
	check perfetto "$tmp/$name.dump" "$tmp/$name.json"
	check perfetto "$tmp/$name.dump" "$tmp/$name-insns.json" --insns
	check vcd "$tmp/$name.dump" "$tmp/$name.vcd"
done
# the crash trace has each state a core goes through
grep -q '"name":"reset","cat":"core"' "$tmp/crash.json" && grep -q '"name":"wfi","cat":"core"' "$tmp/crash.json" \
	|| { echo "FAIL: the crash trace lacks reset or wfi slices"; fails=$((fails + 1)); }
# --insns is perfetto's only
"$RPSIM" trace vcd --insns "$tmp/echo.trace" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "insns is for perfetto" "$tmp/err" || { echo "FAIL: vcd --insns accepted"; fails=$((fails + 1)); }
echo "$fails failed"
[ "$fails" = 0 ]
