#!/bin/sh
# The differential tests: each bare-metal program runs on rpsim exec and
# on qemu-system-arm -M mps2-an386 -semihosting; the console output and
# the exit status must be the same.  QEMU writes the semihosting console
# to its stderr; rpsim to stdout (fd 1) and stderr (fd 2, with its own log
# lines, which are left out of the comparison).
: "${RPSIM:?RPSIM must name the rpsim binary}" "${top_builddir:?}"
QEMU_ARM=${QEMU_ARM:-qemu-system-arm}
d="$top_builddir/tests/diff-armv7m"
status=0
n=0
for elf in "$d"/*.elf; do
	[ -e "$elf" ] || { echo "no differential test program in $d"; exit 1; }
	name=$(basename "$elf" .elf)
	n=$((n + 1))
	"$RPSIM" exec --max-insns 200000000 "$elf" >"$d/$name.rpsim" 2>"$d/$name.rpsim-err" </dev/null
	rs=$?
	grep -v '^\[[0-9.]*\] ' "$d/$name.rpsim-err" >>"$d/$name.rpsim"
	timeout 300 "$QEMU_ARM" -M mps2-an386 -semihosting -nographic -kernel "$elf" \
		>/dev/null 2>"$d/$name.qemu" </dev/null
	qs=$?
	if [ $qs -eq 124 ]; then
		echo "FAIL: $name: QEMU did not finish in 300 s"
		status=1
	elif [ $rs -ne $qs ]; then
		echo "FAIL: $name: exit status $rs on rpsim, $qs on QEMU"
		status=1
	elif ! cmp -s "$d/$name.qemu" "$d/$name.rpsim"; then
		echo "FAIL: $name: the output differs (< QEMU, > rpsim):"
		diff "$d/$name.qemu" "$d/$name.rpsim" | head -20
		status=1
	else
		echo "PASS: $name ($(wc -l <"$d/$name.rpsim") lines, exit $rs)"
	fi
done
echo "$n differential tests run"
exit $status
