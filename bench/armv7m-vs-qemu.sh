#!/bin/sh
# rpsim exec vs qemu-system-arm -M mps2-an386 on the same Cortex-M4F
# programs, interleaved (rpsim, QEMU, rpsim, QEMU, ...), three rounds
# each.  Prints the CPU time (user + system of the child, the steadier
# figure on a shared machine) and the wall time of the best round, and
# the ratio QEMU time / rpsim time (above 1: rpsim is faster).  Figures
# only: it never fails on timing, only when a program fails.
set -eu
: "${RPSIM:?}"
QEMU_ARM=${QEMU_ARM:-qemu-system-arm}
ROUNDS=${ROUNDS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }
# the children's CPU time (user + system) is read from the shell's
# `times`, in this shell (a command substitution would be another one)
run() { # which elf: sets CPU and WALL (ms)
	times >"$tmp/times"
	c0=$(tail -1 "$tmp/times" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] } printf "%d\n", t * 1000 }')
	w0=$(now)
	if [ "$1" = rpsim ]; then
		"$RPSIM" exec "$2" >/dev/null 2>&1 || { echo "armv7m bench: $2 failed on rpsim" >&2; exit 1; }
	else
		"$QEMU_ARM" -M mps2-an386 -semihosting -nographic -kernel "$2" </dev/null >/dev/null 2>&1 ||
			{ echo "armv7m bench: $2 failed on QEMU" >&2; exit 1; }
	fi
	w1=$(now)
	times >"$tmp/times"
	c1=$(tail -1 "$tmp/times" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] } printf "%d\n", t * 1000 }')
	CPU=$((c1 - c0))
	WALL=$(((w1 - w0) / 1000000))
}
min() { [ "$1" -lt "$2" ] && echo "$1" || echo "$2"; }
for elf in "$@"; do
	name=$(basename "$elf" .elf)
	insns=$("$RPSIM" exec --stats "$elf" 2>&1 >/dev/null | sed -n 's/^instructions: //p')
	rc=999999; rw=999999; qc=999999; qw=999999
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		run rpsim "$elf"; rc=$(min "$rc" "$CPU"); rw=$(min "$rw" "$WALL")
		run qemu "$elf"; qc=$(min "$qc" "$CPU"); qw=$(min "$qw" "$WALL")
		i=$((i + 1))
	done
	[ "$rc" -gt 0 ] || rc=1
	[ "$rw" -gt 0 ] || rw=1
	awk -v n="$name" -v i="$insns" -v rc="$rc" -v rw="$rw" -v qc="$qc" -v qw="$qw" 'BEGIN {
		printf "%-13s %10s insns  rpsim cpu %5d ms (%4.0f MIPS) wall %5d ms | qemu cpu %5d ms wall %5d ms | qemu/rpsim cpu %.2fx wall %.2fx\n",
			n, i, rc, i / rc / 1000, rw, qc, qw, qc / rc, qw / rw }'
done
