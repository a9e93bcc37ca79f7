#!/bin/sh
# Runs every ISA test ELF with rpsim exec; each must exit 0 (tohost = 1).
# A failing one exits with the number of its failing case.
: "${RPSIM:?RPSIM must name the rpsim binary}"
: "${top_builddir:?}"
status=0
n=0
for elf in "$top_builddir"/tests/isa/*.elf; do
	[ -e "$elf" ] || { echo "no ISA test ELF in $top_builddir/tests/isa"; exit 1; }
	case "$elf" in */exec-*) continue ;; esac # exec-cli.sh runs those
	n=$((n + 1))
	if "$RPSIM" exec --max-insns 10000000 "$elf"; then
		echo "PASS: $(basename "$elf")"
	else
		rc=$?
		echo "FAIL: $(basename "$elf") (exit $rc: failing case number)"
		status=1
	fi
done
echo "$n ISA tests run"
exit $status
