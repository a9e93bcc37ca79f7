#!/bin/sh
# Seekable traces from the command line: rpsim trace state at an
# instruction and at a time (pc, last instruction, registers, system
# registers, memory), its refusals (exit status 2 and a message), the
# instruction trace options (--trace-window bounds the file, --trace-warn
# warns once).  tests/unit/check_replay compares the states themselves with
# --trace-insns for every scenario.
: "${RPSIM:?}" "${top_srcdir:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok   $*"; }

# has STATUS TEXT ARGS...: the exit status and TEXT in stdout or stderr
has() {
	want=$1 text=$2
	shift 2
	"$RPSIM" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		fail "rpsim $*: exit status $rc, expected $want: $(head -c 300 "$tmp/err")"
	elif ! grep -qF -- "$text" "$tmp/out" "$tmp/err"; then
		fail "rpsim $*: no \"$text\" in: $(head -c 300 "$tmp/out" "$tmp/err")"
	else
		ok "rpsim $* -> $rc, \"$text\""
	fi
}

echo=$top_srcdir/scenarios/rpmsg-echo.json
"$RPSIM" run -q --trace "$tmp/e.trace" "$echo" >"$tmp/verdict" || fail "recording"
# what the run did: "PASS ...: 9 steps, simulated 174.89us, 12295 instructions"
end=$(sed -n 's/.*simulated \([^,]*\),.*/\1/p' "$tmp/verdict")
ninsns=$(sed -n 's/.*, \([0-9]*\) instructions$/\1/p' "$tmp/verdict")
[ -n "$end" ] && [ -n "$ninsns" ] || fail "no end time or instruction count in: $(cat "$tmp/verdict")"
has 0 "instant: instruction 5000 of rv0.core" trace state "$tmp/e.trace" --insn 5000
for word in "  last " "  pc " "registers" "system registers" "mstatus" "5000 instructions since power-on"; do
	grep -qF -- "$word" "$tmp/out" || fail "trace state --insn: no \"$word\""
done
has 0 "memory 0x00000000..0x0000001f (rv0.core's view)" trace state "$tmp/e.trace" --at 120us \
	--core rv0 --mem 0x0:32
grep -q "^time:    0.000120000000" "$tmp/out" || fail "trace state --at: the time is not 120 us"
has 0 "rv0.core" trace state "$tmp/e.trace" --at 120us --core remoteproc0
"$RPSIM" trace state "$tmp/e.trace" --insn 5000 >"$tmp/a" 2>/dev/null
"$RPSIM" trace state "$tmp/e.trace" --insn 5000 >"$tmp/b" 2>/dev/null
cmp -s "$tmp/a" "$tmp/b" && ok "the same state twice" || fail "two seeks to 5000 differ"
has 0 "seek: snapshot" trace state "$tmp/e.trace" --insn 100 --stats

has 2 "give the instant: --insn N or --at TIME" trace state "$tmp/e.trace"
has 2 "give the instant" trace state "$tmp/e.trace" --insn 5 --at 10us
has 2 "--insn: '0' is not an instruction number" trace state "$tmp/e.trace" --insn 0
has 2 "--mem: 'xyz' is not ADDR:LEN" trace state "$tmp/e.trace" --insn 5 --mem xyz
has 2 "LEN must be 1 to 1048576 bytes" trace state "$tmp/e.trace" --insn 5 --mem 0:0
has 2 "--core bogus: no such core" trace state "$tmp/e.trace" --insn 5 --core bogus
has 2 "retires $ninsns instructions in this run, not 99999999" trace state "$tmp/e.trace" --insn 99999999
has 2 "the run ends at $end, before 1s" trace state "$tmp/e.trace" --at 1s
has 2 "go with 'state'" trace dump "$tmp/e.trace" --insn 5
"$RPSIM" run -q --trace "$tmp/plain.trace" --snapshot-every 0 "$echo" >/dev/null
has 2 "holds no snapshots" trace state "$tmp/plain.trace" --insn 5
head -c 2000 "$tmp/e.trace" > "$tmp/cut.trace"
has 2 "byte offset" trace state "$tmp/cut.trace" --insn 5
# a moved scenario: found again with --scenario, refused when it differs
mkdir -p "$tmp/sc"
cp "$echo" "$tmp/sc/echo.json"
"$RPSIM" run -q --trace "$tmp/moved.trace" "$tmp/sc/echo.json" >/dev/null
mv "$tmp/sc/echo.json" "$tmp/echo-moved.json"
has 2 "cannot be read; give it with --scenario FILE" trace state "$tmp/moved.trace" --insn 5
has 0 "instant: instruction 5" trace state "$tmp/moved.trace" --insn 5 --scenario "$tmp/echo-moved.json"
echo " " >> "$tmp/echo-moved.json"
has 2 "is not the same file any more" trace state "$tmp/moved.trace" --insn 5 --scenario "$tmp/echo-moved.json"

# instruction traces: compressed, windowed, warned about
"$RPSIM" run -q --trace "$tmp/i.trace" --trace-insns "$echo" >/dev/null
"$RPSIM" trace dump "$tmp/i.trace" | grep -c " INSN " > "$tmp/n"
[ "$(cat "$tmp/n")" = "$ninsns" ] && ok "$ninsns INSN records, compressed" ||
	fail "$(cat "$tmp/n") INSN records, $ninsns instructions"
head -1 "$tmp/out" >/dev/null
"$RPSIM" trace dump "$tmp/i.trace" | head -1 | grep -q "flags 0x0007" && ok "flags: insns, zstd, snapshots" ||
	fail "header flags: $("$RPSIM" trace dump "$tmp/i.trace" | head -1)"
"$RPSIM" run -q --trace "$tmp/w.trace" --trace-insns --trace-window 20us "$echo" >/dev/null
n=$("$RPSIM" trace dump "$tmp/w.trace" | grep -c " INSN ")
if [ "$n" -gt 0 ] && [ "$n" -lt "$ninsns" ] && [ "$(wc -c < "$tmp/w.trace")" -lt "$(wc -c < "$tmp/i.trace")" ]; then
	ok "--trace-window 20us keeps $n of $ninsns instructions"
else
	fail "--trace-window 20us kept $n instructions"
fi
has 0 "instant: instruction 9000" trace state "$tmp/w.trace" --insn 9000
has 0 "warning: the trace $tmp/big.trace has passed 10240 bytes" run -q --trace "$tmp/big.trace" \
	--trace-insns --trace-warn 10k "$echo"
[ "$(grep -c warning "$tmp/err")" = 1 ] && ok "warned once" || fail "warned $(grep -c warning "$tmp/err") times"
has 2 "--trace-window needs --trace-insns" run -q --trace "$tmp/x.trace" --trace-window 1ms "$echo"
has 2 "--trace-window: must be more than 0" run -q --trace "$tmp/x.trace" --trace-insns --trace-window 0s "$echo"
has 2 "--snapshot-every: 'lots' is not a number" run -q --trace "$tmp/x.trace" --snapshot-every lots "$echo"

echo "trace-state: $fails failure(s)"
[ "$fails" -eq 0 ]
