#!/bin/sh
# make check: every committed corpus file and reproducer of every fuzz
# target (tests/fuzz/NAME/corpus, tests/fuzz/NAME/repro) through its
# target, compiled with the normal compiler; no clang needed.  A crash, a
# sanitizer report or a hang fails the test.
set -u
replay="$top_builddir/tests/fuzz/replay"
pass=0
fail=0
targets=$("$replay" --list) || exit 1
[ -n "$targets" ] || { echo "FAIL: no fuzz target linked into $replay"; exit 1; }
for name in $targets; do
	d="$top_srcdir/tests/fuzz/$name"
	for sub in corpus repro; do
		if [ ! -d "$d/$sub" ]; then
			echo "FAIL: $name: no directory $d/$sub (README.md: a target has both)"
			fail=$((fail + 1))
			continue
		fi
		if timeout 600 "$replay" "$name" "$d/$sub"; then
			pass=$((pass + 1))
		else
			echo "FAIL: $name: an input of $d/$sub crashed or hung (status $?)"
			fail=$((fail + 1))
		fi
	done
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
