#!/bin/sh
# Runs every Cortex-M ISA test ELF with rpsim exec; each must exit 0
# (semihosting SYS_EXIT). A failing one prints "FAIL: case N, got 0xV".
: "${RPSIM:?RPSIM must name the rpsim binary}"
: "${top_builddir:?}"
status=0
n=0
for elf in "$top_builddir"/tests/isa-armv7m/*.elf; do
	[ -e "$elf" ] || { echo "no Cortex-M ISA test ELF in $top_builddir/tests/isa-armv7m"; exit 1; }
	case "$elf" in */exec-*) continue ;; esac # exec-cli.sh runs those
	n=$((n + 1))
	if "$RPSIM" exec --max-insns 10000000 "$elf" 2>"$elf.log" >"$elf.out"; then
		echo "PASS: $(basename "$elf")"
	else
		echo "FAIL: $(basename "$elf"): $(cat "$elf.out")"
		status=1
	fi
done
echo "$n Cortex-M ISA tests run"
exit $status
