#!/bin/sh
# Runs every ISA test ELF with rpsim exec; each must exit 0 (tohost = 1).
# A failing one exits with the number of its failing case.  Each runs
# three ways: the default (hot blocks compiled), --jit-eager (every block
# compiled the first time it runs: the code generator on everything) and
# --no-jit (the reference interpreter alone).
: "${RPSIM:?RPSIM must name the rpsim binary}"
: "${top_builddir:?}"
status=0
n=0
for elf in "$top_builddir"/tests/isa/*.elf; do
	[ -e "$elf" ] || { echo "no ISA test ELF in $top_builddir/tests/isa"; exit 1; }
	case "$elf" in */exec-*) continue ;; esac # exec-cli.sh runs those
	for mode in "" --jit-eager --no-jit; do
		n=$((n + 1))
		if "$RPSIM" exec --max-insns 10000000 $mode "$elf"; then
			echo "PASS: $(basename "$elf") ${mode:-(default)}"
		else
			rc=$?
			echo "FAIL: $(basename "$elf") ${mode:-(default)} (exit $rc: failing case number)"
			status=1
		fi
	done
done
echo "$n ISA test runs"
exit $status
