#!/bin/sh
# rpsim dts: every shipped scenario's board written as a device tree and
# run back with --dts gives the same trace, byte for byte (the JSON
# platform and its device tree are the same board); a tree written from a
# tree is the same text (the writer and the reader agree).
set -u
: "${RPSIM:?}" "${top_srcdir:?}" "${top_builddir:?}"
out="$top_builddir/tests/dts-export"
rm -rf "$out"
mkdir -p "$out"
pass=0
fail=0
for s in "$top_srcdir"/scenarios/*.json; do
	n=$(basename "$s" .json)
	if ! "$RPSIM" dts "$s" -o "$out/$n.dts" 2>"$out/$n.err"; then
		echo "FAIL $n: rpsim dts: $(head -1 "$out/$n.err")"
		fail=$((fail + 1))
		continue
	fi
	"$RPSIM" run -q --coredump-dir "$out" --trace-events --trace "$out/$n.json.trace" "$s" >/dev/null 2>&1
	a=$?
	"$RPSIM" run -q --coredump-dir "$out" --trace-events --trace "$out/$n.dts.trace" --dts "$out/$n.dts" "$s" \
		>"$out/$n.run" 2>&1
	b=$?
	if [ "$a" != "$b" ]; then
		echo "FAIL $n: exit status $a from the JSON, $b with --dts"
		head -3 "$out/$n.run" | sed 's/^/    /'
		fail=$((fail + 1))
	elif ! cmp -s "$out/$n.json.trace" "$out/$n.dts.trace"; then
		echo "FAIL $n: the traces differ ($out/$n.json.trace, $out/$n.dts.trace)"
		fail=$((fail + 1))
	elif ! "$RPSIM" dts --dts "$out/$n.dts" "$s" -o "$out/$n.again.dts" ||
	     ! diff -I '^/\* the platform of' "$out/$n.dts" "$out/$n.again.dts" >/dev/null; then
		echo "FAIL $n: the tree written from its own tree differs ($out/$n.again.dts)"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 10 ]
