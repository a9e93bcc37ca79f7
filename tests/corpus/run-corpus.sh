#!/bin/sh
# Runs `rpsim inspect` on every corpus file and checks its verdict against
# expect.txt (exit status and a message substring), then on a few hundred
# seeded random variants, where only "no crash, exit 0 or 2" is required.
# Needs: RPSIM, top_srcdir, top_builddir (exported by `make check`).
set -u
here="$top_srcdir/tests/corpus"
corpus="$top_builddir/tests/corpus/out"
fuzzdir="$top_builddir/tests/corpus/fuzz"
fails=0
n=0

if [ ! -f "$corpus/good.elf" ]; then
	echo "run-corpus: $corpus/good.elf is missing; 'make check' generates the corpus" >&2
	exit 99
fi

while read -r name status text; do
	case "$name" in ''|'#'*) continue ;; esac
	n=$((n + 1))
	f="$corpus/$name.elf"
	if [ ! -f "$f" ]; then
		echo "FAIL $name: $f was not generated (gen-corpus.py and expect.txt disagree)"
		fails=$((fails + 1))
		continue
	fi
	out=$("$RPSIM" inspect "$f" 2>&1)
	rc=$?
	if [ "$rc" -ne "$status" ]; then
		echo "FAIL $name: exit status $rc, expected $status"
		echo "$out" | sed 's/^/    /'
		fails=$((fails + 1))
	elif ! printf '%s\n' "$out" | grep -qF -- "$text"; then
		echo "FAIL $name: output lacks \"$text\""
		echo "$out" | sed 's/^/    /'
		fails=$((fails + 1))
	else
		echo "ok   $name (exit $rc)"
	fi
done < "$here/expect.txt"

# every generated file must have an expectation
for f in "$corpus"/*.elf; do
	name=$(basename "$f" .elf)
	if ! grep -q "^$name " "$here/expect.txt"; then
		echo "FAIL $name: generated but not listed in expect.txt"
		fails=$((fails + 1))
	fi
done

# the command line itself
cli() {
	want=$1
	shift
	"$RPSIM" inspect "$@" >/dev/null 2>&1
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL rpsim inspect $*: exit status $rc, expected $want"
		fails=$((fails + 1))
	else
		echo "ok   rpsim inspect $* (exit $rc)"
	fi
}
cli 0 --help
cli 2
cli 2 "$corpus/does-not-exist.elf"
cli 2 "$corpus"
cli 2 --bogus "$corpus/good.elf"
cli 2 "$corpus/good.elf" "$corpus/good.elf"
cli 2 --machine=none "$corpus/good.elf"
cli 2 --machine
cli 0 --machine=any "$corpus/machine-arm.elf"
cli 0 --machine 40 "$corpus/machine-arm.elf"
cli 2 --machine=40 "$corpus/good.elf"
# a devmem entry: refused without an IOMMU (Linux's rproc_handle_devmem),
# mapped with one
cli 2 "$corpus/rsc-devmem.elf"
cli 0 --iommu "$corpus/rsc-devmem.elf"
cli 0 --iommu "$corpus/rsc-devmem-dram.elf"

# fuzz-ish: truncations and seeded byte flips through the real program
rm -rf "$fuzzdir"
${PYTHON3:-python3} "$here/gen-corpus.py" --fuzz "$corpus/good.elf" "$fuzzdir" 300 20261123 || exit 99
nf=0
for f in "$fuzzdir"/*.elf; do
	nf=$((nf + 1))
	"$RPSIM" inspect "$f" >/dev/null 2>"$fuzzdir/last.err"
	rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
		echo "FAIL fuzz $(basename "$f"): exit status $rc (crash or internal error)"
		sed 's/^/    /' "$fuzzdir/last.err" | head -20
		fails=$((fails + 1))
	fi
done
rm -rf "$fuzzdir"

echo "run-corpus: $n corpus cases, $nf fuzz variants, $fails failure(s)"
[ "$fails" -eq 0 ]
