# Shared by tests/checkpoint.sh and tests/checkpoint-cross.sh.

# end_time_ps RPSIM SCENARIO TMP: the simulated end of a run, in ps.
end_time_ps() {
	"$1" run -q "$2" --coredump-dir "$3" --trace "$3/len.trace" >/dev/null
	"$1" trace dump "$3/len.trace" | awk 'NR > 1 { t = $1 } END {
		split(t, p, "."); frac = substr(p[2] "000000000000", 1, 12)
		printf "%.0f\n", p[1] * 1000000000000 + frac }'
}

# The records of a dump after its preamble (identities, component names
# and their cores' ISAs),
# without the trace's own snapshots (a restored run takes its first one
# where it starts).
records() {
	awk 'NR > 1 && !seen && ($3 == "IDENTITY" || $3 == "COMPONENT" || $3 == "CORE_ISA") { next }
	     $3 == "SNAPSHOT" { next } NR > 1 { seen = 1; print }' "$1"
}

# same_after_restore WRITER READER SCENARIO AT TMP [RUN-OPTIONS]: WRITER
# runs the scenario to its end with a trace and a checkpoint at AT; READER
# restores the checkpoint with a trace; the verdicts and the records after
# the checkpoint must be the same.  The reason of a difference goes to
# TMP/why.
same_after_restore() {
	w=$1 r=$2 sc=$3 at=$4 t=$5
	shift 5
	"$w" run -q "$sc" "$@" --coredump-dir "$t" --trace "$t/full.trace" --checkpoint-at "$at" \
		"$t/c.ckpt" >"$t/full.out" 2>&1
	"$r" run -q --restore "$t/c.ckpt" "$sc" "$@" --coredump-dir "$t" --trace "$t/rest.trace" \
		>"$t/rest.out" 2>&1
	if ! cmp -s "$t/full.out" "$t/rest.out"; then
		echo "verdicts differ: $(cat "$t/full.out") / $(cat "$t/rest.out")" > "$t/why"
		return 1
	fi
	"$r" trace dump "$t/full.trace" > "$t/full.dump"
	"$r" trace dump "$t/rest.trace" > "$t/rest.dump"
	records "$t/rest.dump" > "$t/rest.rec"
	n=$(wc -l < "$t/rest.rec")
	records "$t/full.dump" | tail -n "$n" > "$t/full.rec"
	if [ "$n" -lt 1 ] || ! cmp -s "$t/full.rec" "$t/rest.rec"; then
		echo "$n records after the checkpoint; first difference: $(diff "$t/full.rec" "$t/rest.rec" | head -3 | tr '\n' ' ')" > "$t/why"
		return 1
	fi
	return 0
}
