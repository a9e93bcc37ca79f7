#!/bin/sh
# rpsim exec against qemu-system-riscv32 on the same ELF files (figures
# only, never pass/fail): each workload runs ROUNDS times on each, the two
# interleaved (who goes first alternates), and the medians are compared.
# Times are whole-process (start-up included, as a user sees them): wall
# time, and CPU time (user + system, all threads), the steadier figure on
# a shared machine. "speed vs QEMU" is QEMU's time over rpsim's: above
# 1.00x rpsim is faster.
#   usage: vs-qemu.sh   (RPSIM, top_builddir from make bench; ROUNDS=5)
set -eu
: "${RPSIM:?}" "${top_builddir:?}"
ROUNDS=${ROUNDS:-5}
QEMU=${QEMU:-qemu-system-riscv32}
if ! command -v "$QEMU" >/dev/null 2>&1; then
	echo "vs-qemu: $QEMU not found: install the Debian package qemu-system-misc (./bootstrap does)"
	exit 0
fi
if ! command -v /usr/bin/time >/dev/null 2>&1; then
	echo "vs-qemu: /usr/bin/time not found: install the Debian package time"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one timed run: appends "wall cpu" to $3; fails if the program did not pass
timed() { # name outfile cmd...
	name=$1 out=$2
	shift 2
	if ! /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" >"$tmp/o" 2>&1; then
		echo "vs-qemu: $name failed:"; cat "$tmp/o"; return 1
	fi
	awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$tmp/t" >>"$out"
}

median() { # file column
	sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

printf '%-28s %10s %10s %10s %10s %9s %9s\n' "workload (instructions)" "rpsim wall" "qemu wall" \
	"rpsim cpu" "qemu cpu" "wall x" "cpu x"
for w in dhry:Dhrystone-like cmark:CoreMark-like calls:call-heavy; do
	elf="$top_builddir/bench/rv32_${w%%:*}.elf"
	label=${w#*:}
	rm -f "$tmp/r" "$tmp/q"
	insns=$("$RPSIM" exec --stats "$elf" 2>&1 >/dev/null | awk '/^instructions:/ { print $2 }')
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		if [ $((i % 2)) -eq 0 ]; then
			timed rpsim "$tmp/r" "$RPSIM" exec "$elf"
			timed qemu "$tmp/q" "$QEMU" -M spike -bios none -nographic -kernel "$elf"
		else
			timed qemu "$tmp/q" "$QEMU" -M spike -bios none -nographic -kernel "$elf"
			timed rpsim "$tmp/r" "$RPSIM" exec "$elf"
		fi
		i=$((i + 1))
	done
	rw=$(median "$tmp/r" 1) qw=$(median "$tmp/q" 1) rc=$(median "$tmp/r" 2) qc=$(median "$tmp/q" 2)
	awk -v l="$label" -v n="$insns" -v rw="$rw" -v qw="$qw" -v rc="$rc" -v qc="$qc" 'BEGIN {
		printf "%-28s %9.3fs %9.3fs %9.3fs %9.3fs %8.2fx %8.2fx\n", l " (" int(n / 1e6) "M)",
		       rw, qw, rc, qc, (rw > 0 ? qw / rw : 0), (rc > 0 ? qc / rc : 0)
		printf "%-28s %7.0f MIPS rpsim, %7.0f MIPS qemu (wall)\n", "", n / rw / 1e6, n / qw / 1e6 }'
done
echo "(medians of $ROUNDS interleaved runs; speed vs QEMU = QEMU time / rpsim time)"
