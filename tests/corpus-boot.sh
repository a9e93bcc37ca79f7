#!/bin/sh
# Every malformed-corpus image booted through the full platform with
# `rpsim run` (in the sanitizer build too): the host refuses or boots each,
# and the simulator never crashes. Good images must boot (exit 0); the
# others must end in a failed expectation (exit 1), never anything else.
set -u
corpus="$top_builddir/tests/corpus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for f in "$corpus"/out/*.elf "$corpus/fw-fault.elf"; do
	name=$(basename "$f")
	cat > "$tmp/s.json" <<EOS
{"firmware": "$name", "timeout": "2ms", "time_limit": "50ms",
 "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"run": "1ms"},
  {"cat": "/sys/kernel/debug/remoteproc/remoteproc0/resource_table"}
 ]}
EOS
	"$RPSIM" run -q --firmware-dir "$(dirname "$f")" "$tmp/s.json" > "$tmp/out" 2>&1
	rc=$?
	# the verdict tests/corpus/expect.txt gives (0: the host loads it);
	# fw-fault boots, then crashes: the steps still succeed
	status=$(awk -v n="${name%.elf}" '$1 == n { print $2; exit }' "$top_srcdir/tests/corpus/expect.txt")
	case "$name:$status" in fw-fault.elf:*|*:0) want=0 ;; *) want=1 ;; esac
	if [ "$rc" = "$want" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $name: exit status $rc, expected $want"
		head -5 "$tmp/out" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 50 ]
