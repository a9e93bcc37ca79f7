#!/bin/sh
# rpsim exec vs qemu-system-arm -M mps2-an386 on the same Cortex-M4F
# programs, interleaved (rpsim, QEMU, rpsim, QEMU, ...), ROUNDS rounds
# each (default 5).  Prints the CPU time (user + system of the child, the
# steadier figure on a shared machine) and the wall time, each the median
# of the rounds, and the ratio QEMU time / rpsim time of the medians
# (above 1: rpsim is faster), then the ratio of the best rounds.  Figures
# only: it never fails on timing, only when a program fails.
set -eu
: "${RPSIM:?}"
QEMU_ARM=${QEMU_ARM:-qemu-system-arm}
ROUNDS=${ROUNDS:-5}
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
# the median of the numbers on stdin (the lower middle one for an even count)
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for elf in "$@"; do
	name=$(basename "$elf" .elf)
	insns=$("$RPSIM" exec --stats "$elf" 2>&1 >/dev/null | sed -n 's/^instructions: //p')
	: >"$tmp/rc"; : >"$tmp/rw"; : >"$tmp/qc"; : >"$tmp/qw"
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		run rpsim "$elf"; echo "$CPU" >>"$tmp/rc"; echo "$WALL" >>"$tmp/rw"
		run qemu "$elf"; echo "$CPU" >>"$tmp/qc"; echo "$WALL" >>"$tmp/qw"
		i=$((i + 1))
	done
	rc=$(median <"$tmp/rc"); rw=$(median <"$tmp/rw"); qc=$(median <"$tmp/qc"); qw=$(median <"$tmp/qw")
	rcb=$(sort -n "$tmp/rc" | head -1); qcb=$(sort -n "$tmp/qc" | head -1)
	[ "$rc" -gt 0 ] || rc=1
	[ "$rw" -gt 0 ] || rw=1
	[ "$rcb" -gt 0 ] || rcb=1
	awk -v n="$name" -v i="$insns" -v rc="$rc" -v rw="$rw" -v qc="$qc" -v qw="$qw" -v rcb="$rcb" -v qcb="$qcb" 'BEGIN {
		printf "%-13s %10s insns  rpsim cpu %5d ms (%4.0f MIPS) wall %5d ms | qemu cpu %5d ms wall %5d ms | qemu/rpsim median cpu %.2fx wall %.2fx, best cpu %.2fx\n",
			n, i, rc, i / rc / 1000, rw, qc, qw, qc / rc, qw / rw, qcb / rcb }'
done
