#!/bin/sh
# tests/run-scenario-table.sh DIR [RUN-OPTIONS...]
# Runs `rpsim run` on every file listed in DIR/expected.tsv and checks its
# exit status and that its output contains the expected text.
# Prints "N passed, N failed"; exits 1 if any case failed.
set -u
dir=$1
shift
: "${RPSIM:?RPSIM must name the rpsim binary}"
pass=0
fail=0
tab=$(printf '\t')
out=$(mktemp)
cd "$dir" || exit 1
while IFS="$tab" read -r file status text; do
	case "$file" in ''|'#'*) continue ;; esac
	"$RPSIM" run "$@" "$file" >"$out" 2>&1
	got=$?
	if [ "$got" != "$status" ]; then
		echo "FAIL $file: exit status $got, expected $status"
		sed 's/^/    /' "$out" | head -5
		fail=$((fail + 1))
	elif ! grep -qF -- "$text" "$out"; then
		echo "FAIL $file: output lacks: $text"
		sed 's/^/    /' "$out" | head -5
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done < expected.tsv
rm -f "$out"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
