#!/bin/sh
# Hostile firmware (tests/hostile/fw_hostile.c): what it writes reaches the
# terminal escaped, and its log and trace stay within the bounds of
# doc/security.md.
set -u
fw="$top_builddir/tests/hostile"
src="$top_srcdir/tests/hostile"
out="$top_builddir/tests/hostile.out"
rm -rf "$out"
mkdir -p "$out"
pass=0
fail=0
check() { # name, condition status
	if [ "$2" = 0 ]; then pass=$((pass + 1)); else echo "FAIL: $1"; fail=$((fail + 1)); fi
}
# bytes other than printable ASCII, newline and tab in a file
raw_bytes() { LC_ALL=C tr -d '\n\t\040-\176' < "$1" | wc -c; }

# 1. names: the timeline (channel names, uart lines), the log and the FAIL
# line quoting the trace buffer, all escaped
"$RPSIM" run -v --firmware-dir "$fw" "$src/names.json" > "$out/names.out" 2>&1
check "names: exit status 1 (the cat expectation fails)" $([ $? = 1 ]; echo $?)
check "names: no raw control byte in the output ($(raw_bytes "$out/names.out") found)" \
	$([ "$(raw_bytes "$out/names.out")" = 0 ]; echo $?)
check "names: the channel name is shown escaped" \
	$(grep -qF '\x1b[2J\x1b]0;pwn\x07\nPASS x\xff' "$out/names.out"; echo $?)
check "names: the FAIL line quotes the trace buffer escaped" \
	$(grep -E '^FAIL .*trace0 reads "hostile: \\x1b\[2J' "$out/names.out" >/dev/null; echo $?)
check "names: no faked line of rpsim's own output" $(! grep -q '^PASS x' "$out/names.out"; echo $?)

# 2. inspect: carveout and trace names with control bytes (the corpus'
# good image, its names rewritten)
python3 - "$top_builddir/tests/corpus/fw-good.elf" "$out/evil-names.elf" <<'PY'
import sys
b = bytearray(open(sys.argv[1], 'rb').read())
for old in (b'fw-data\0', b'trace0\0'):
    i = b.index(old)
    new = b'\x1b[31m\n\xff' + old[:-1]
    b[i:i + len(new)] = new
open(sys.argv[2], 'wb').write(b)
PY
"$RPSIM" inspect "$out/evil-names.elf" > "$out/inspect.out" 2>&1
check "inspect: the image still loads" $?
check "inspect: no raw control byte in the output ($(raw_bytes "$out/inspect.out") found)" \
	$([ "$(raw_bytes "$out/inspect.out")" = 0 ]; echo $?)
check "inspect: the carveout name is shown escaped" \
	$(grep -qF 'carveout "\x1b[31m\n\xfffw-data' "$out/inspect.out"; echo $?)

# 3. a kick storm: the log and the trace stay within their bounds
"$RPSIM" run -v --firmware-dir "$fw" --trace "$out/storm.trace" "$src/storm.json" > "$out/storm.out" 2>&1
check "storm: exit status 1 (time limit)" $([ $? = 1 ]; echo $?)
log=$(wc -c < "$out/storm.out")
# per source (component, category) 1000 lines and their counts; two
# sources complain here (the mailbox and remoteproc0): 2 lines a message
check "storm: the -v log has $log bytes, at most 1 MB" $([ "$log" -le 1000000 ]; echo $?)
check "storm: the log says how many lines it did not show" \
	$(grep -q 'guest-error lines in total, .* not shown' "$out/storm.out"; echo $?)
"$RPSIM" trace dump "$out/storm.trace" > "$out/storm.dump"
mbox=$(grep -c ' MBOX ' "$out/storm.dump")
# a burst of 65536, then one per 250 ns for 10 ms
check "storm: $mbox MBOX records, at most 65536 + 40000" $([ "$mbox" -le 105537 ]; echo $?)
check "storm: the trace notes the dropped records" \
	$(grep -q 'trace rate limit: .* MBOX records of this component dropped in total' "$out/storm.dump"; echo $?)
for comp in rv0.mbox remoteproc0; do
	n=$(grep -c "^[0-9.]* $comp  *LOG  *guest-error" "$out/storm.dump")
	check "storm: $n guest-error LOG records of $comp, at most 1000 + 64" $([ "$n" -le 1064 ]; echo $?)
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
