#!/bin/sh
# A user's first day with `rpsim run`: the golden timelines
# (tests/timeline/*.tesh), then what they cannot show: the right firmware
# file (a user's file shadows a sample of the same name; the search order;
# its full path and its FNV-1a hash in the timeline), the instruction
# count over core resets, the hints when no channel comes or the firmware
# is a raw binary, colour (NO_COLOR, --color), the progress line on a
# terminal, refused zero limits, the default scenario from anywhere.
: "${RPSIM:?}" "${top_srcdir:?}" "${top_builddir:?}"
PYTHON3=${PYTHON3:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok   $*"; }
has() { grep -qF -- "$2" "$1" || { fail "$3: no '$2' in"; sed 's/^/    /' "$1" | head -30; return 1; }; }

"$PYTHON3" "$top_srcdir/tests/tesh.py" "$top_srcdir"/tests/timeline/*.tesh || fail "golden timelines differ (tests/timeline/*.tesh)"

samples=$top_builddir/firmware-samples
echo_elf=$samples/rpmsg-echo/rpmsg-echo.elf
crash_elf=$samples/crash/crash.elf

# --- the right firmware ---
# A scenario whose firmware_path holds its own rpmsg-echo.elf (here the
# crash sample under that name) boots that file, not the sample.
mkdir -p "$tmp/proj/fw" "$tmp/env" "$tmp/cwd"
cp "$crash_elf" "$tmp/proj/fw/rpmsg-echo.elf"
cat >"$tmp/proj/shadow.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "firmware_path": "fw", "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"wait": {"trace": "crash: started"}, "timeout": "1ms"}]}
EOF
(cd "$tmp/cwd" && "$RPSIM" run ../proj/shadow.json) >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 0 ] && has "$tmp/out" "firmware $tmp/proj/fw/rpmsg-echo.elf (" "shadow" \
	&& ok "firmware_path's rpmsg-echo.elf wins over the sample of that name" || fail "shadow (exit $rc)"
# the timeline's hash is FNV-1a 64 of the file loaded
want=$("$PYTHON3" -c '
import sys
h = 0xcbf29ce484222325
for b in open(sys.argv[1], "rb").read():
    h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
print("%016x" % h)' "$tmp/proj/fw/rpmsg-echo.elf")
size=$(wc -c <"$tmp/proj/fw/rpmsg-echo.elf" | tr -d ' ')
has "$tmp/out" "rpmsg-echo.elf ($size bytes, fnv1a64 $want)" "hash" && ok "the timeline's size and FNV-1a hash are the file's"

# RPSIM_FIRMWARE_PATH shadows the sample too, but not firmware_path
cp "$echo_elf" "$tmp/env/rpmsg-echo.elf"
RPSIM_FIRMWARE_PATH="$tmp/env" "$RPSIM" run "$tmp/proj/shadow.json" >"$tmp/out" 2>&1
has "$tmp/out" "firmware $tmp/proj/fw/rpmsg-echo.elf (" "order" && ok "firmware_path comes before RPSIM_FIRMWARE_PATH"
sed 's/"firmware_path": "fw", //; s/crash: started/rpmsg-echo: started/' "$tmp/proj/shadow.json" >"$tmp/proj/noshadow.json"
RPSIM_FIRMWARE_PATH="$tmp/env" "$RPSIM" run "$tmp/proj/noshadow.json" >"$tmp/out" 2>&1
has "$tmp/out" "firmware $tmp/env/rpmsg-echo.elf (" "env" && ok "RPSIM_FIRMWARE_PATH comes before the samples"
# --firmware-dir comes first of all
"$RPSIM" run --firmware-dir "$tmp/env" "$tmp/proj/noshadow.json" >"$tmp/out" 2>&1
has "$tmp/out" "firmware $tmp/env/rpmsg-echo.elf (" "--firmware-dir" && ok "--firmware-dir comes first"
# the scenario's own folder, before the samples
cp "$echo_elf" "$tmp/proj/rpmsg-echo.elf"
"$RPSIM" run "$tmp/proj/noshadow.json" >"$tmp/out" 2>&1
has "$tmp/out" "firmware $tmp/proj/rpmsg-echo.elf (" "scenario dir" && ok "the scenario's folder comes before the samples"
rm "$tmp/proj/rpmsg-echo.elf"
"$RPSIM" run "$tmp/proj/noshadow.json" >"$tmp/out" 2>&1
has "$tmp/out" "firmware $echo_elf (" "samples" && ok "the samples come last"

# a firmware attribute write searches the same path: with --firmware-dir,
# bad-firmware.json still finds its not-an-elf.fw through firmware_path
"$RPSIM" run -q --firmware-dir "$tmp/env" --coredump-dir "$tmp" "$top_srcdir/scenarios/bad-firmware.json" >"$tmp/out" 2>&1 \
	&& ok "bad-firmware.json passes with --firmware-dir" || { fail "bad-firmware.json with --firmware-dir"; cat "$tmp/out"; }

# --- counters ---
# stop and start again: the count goes on over the core's reset
cat >"$tmp/once.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"wait": {"channel": "rpmsg-raw"}},
  {"echo": "stop", "to": "/sys/class/remoteproc/remoteproc0/state"}]}
EOF
cat >"$tmp/twice.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"wait": {"channel": "rpmsg-raw"}},
  {"echo": "stop", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"wait": {"channel": "rpmsg-raw"}},
  {"echo": "stop", "to": "/sys/class/remoteproc/remoteproc0/state"}]}
EOF
n1=$("$RPSIM" run -q "$tmp/once.json" | sed -n 's/.*, \([0-9]*\) instructions$/\1/p')
n2=$("$RPSIM" run -q "$tmp/twice.json" | sed -n 's/.*, \([0-9]*\) instructions$/\1/p')
# (not exactly twice: the second boot meets the host at other times)
if [ -n "$n1" ] && [ -n "$n2" ] && [ "$n1" -gt 1000 ] && [ "$n2" -gt $((19 * n1 / 10)) ]; then
	ok "instructions count over a stop and a start ($n1, then $n2)"
else
	fail "instruction counts: one boot $n1, two boots $n2 (expected about twice as many)"
fi
"$RPSIM" run -q --coredump-dir "$tmp" "$top_srcdir/scenarios/crash-recovery.json" >"$tmp/out" 2>&1
n3=$(sed -n 's/.*, \([0-9]*\) instructions$/\1/p' "$tmp/out")
[ -n "$n3" ] && [ "$n3" -gt $((2 * n1)) ] && ok "after two crashes and recoveries: $n3 instructions" \
	|| { fail "instruction count after a recovery: '$n3'"; cat "$tmp/out"; }

# --- hints ---
# the firmware without a resource table, and with one but no vdev
fwgood=$top_builddir/tests/corpus/fw-good.elf
"$PYTHON3" - "$fwgood" "$tmp/fw-norsc.elf" "$tmp/fw-novdev.elf" <<'EOF' || fail "cannot derive the test firmware"
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
# no table: rename the section (same length), the host then finds none
i = data.find(b".resource_table\0")
norsc = bytearray(data)
norsc[i:i + 16] = b".resource_tabl_\0"
open(sys.argv[2], "wb").write(norsc)
# no vdev: the vdev entry's type (3) becomes an unknown type, skipped
shoff, = struct.unpack_from("<I", data, 0x20)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2e)
strtab_off, = struct.unpack_from("<I", data, shoff + shstrndx * shentsize + 0x10)
for k in range(shnum):
    name, _, _, _, off, size = struct.unpack_from("<IIIIII", data, shoff + k * shentsize)
    if data[strtab_off + name:].startswith(b".resource_table\0"):
        num, = struct.unpack_from("<I", data, off + 4)
        for e in range(num):
            eoff, = struct.unpack_from("<I", data, off + 16 + 4 * e)
            if struct.unpack_from("<I", data, off + eoff)[0] == 3:
                struct.pack_into("<I", data, off + eoff, 77)
open(sys.argv[3], "wb").write(data)
EOF
for v in norsc:"the firmware has no resource table, so the host makes no virtio device and no channel can come" \
	novdev:"the firmware's resource table has no vdev entry, so the host makes no virtio device"; do
	name=${v%%:*}
	cat >"$tmp/$name.json" <<EOF
{"firmware": "fw-$name.elf", "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"wait": {"channel": "rpmsg-raw"}, "timeout": "200us"}]}
EOF
	"$RPSIM" run "$tmp/$name.json" >"$tmp/out" 2>&1
	rc=$?
	[ "$rc" = 1 ] && has "$tmp/out" "${v#*:}" "$name" && ok "hint: $name"
done
# a channel wait names what was announced (tests/timeline/fail.tesh) and a
# stopped remote
cat >"$tmp/offline.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "steps": [{"wait": {"channel": "rpmsg-raw"}, "timeout": "10us"}]}
EOF
"$RPSIM" run "$tmp/offline.json" >"$tmp/out" 2>&1
has "$tmp/out" "(none was); remoteproc0 is offline: start it first" "offline" && ok "hint: the remote is offline"
# a raw binary as firmware
head -c 4096 "$echo_elf" | tail -c 2048 >"$tmp/raw.bin"
cat >"$tmp/raw.json" <<'EOF'
{"firmware": "raw.bin", "steps": [{"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"}]}
EOF
"$RPSIM" run "$tmp/raw.json" >"$tmp/out" 2>&1
has "$tmp/out" "remoteproc loads ELF images: give the .elf the linker wrote, not a raw image from 'objcopy -O binary'" "raw" \
	&& ok "hint: a raw binary"

# --- colour and progress ---
"$RPSIM" run --color=always "$tmp/once.json" >"$tmp/out" 2>&1
grep -q "$(printf '\033')\[" "$tmp/out" && ok "--color=always colours" || fail "--color=always: no colour"
"$RPSIM" run "$tmp/once.json" >"$tmp/out" 2>&1
! grep -q "$(printf '\033')" "$tmp/out" && ok "no colour into a file" || fail "colour codes in a file"
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$RPSIM' run '$tmp/once.json'" /dev/null >"$tmp/tty" 2>&1
	grep -q "$(printf '\033')\[" "$tmp/tty" && ok "colour on a terminal" || fail "no colour on a terminal"
	NO_COLOR=1 script -qec "'$RPSIM' run '$tmp/once.json'" /dev/null >"$tmp/tty" 2>&1
	! grep -q "$(printf '\033')\[3" "$tmp/tty" && ok "NO_COLOR: none on a terminal" || fail "NO_COLOR ignored"
	# a long run on a terminal shows its progress on stderr
	cat >"$tmp/long.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "time_limit": "100s", "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"wait": {"channel": "rpmsg-raw"}},
  {"repeat": 1000000, "steps": [{"write": "/dev/rpmsg0", "data": "x"}, {"read": "/dev/rpmsg0", "expect": "x"}]}]}
EOF
	# the first line comes after 0.5 s of wall time: a run far longer than
	# that on any machine (the JIT makes 100k round trips a matter of
	# 0.4 s), ended after 2 s
	script -qec "timeout 2 '$RPSIM' run -q '$tmp/long.json' 2>&1 >/dev/null" /dev/null >"$tmp/tty" 2>&1
	grep -qE 'rpsim: [0-9.]+[munp]?s simulated, [0-9]+ instructions, [0-9.]+ MIPS' "$tmp/tty" \
		&& ok "progress line on a terminal: simulated time, instructions, MIPS" \
		|| { fail "no progress line"; cat -v "$tmp/tty" | head -5; }
else
	echo "skip colour and progress on a terminal: no usable script(1)"
fi

# --- limits and options ---
"$RPSIM" run --time-limit 0s "$tmp/once.json" >"$tmp/out" 2>&1
[ $? = 2 ] && has "$tmp/out" "rpsim run: --time-limit" "zero limit" && ok "--time-limit 0s refused"
"$RPSIM" run --time-format minutes "$tmp/once.json" >"$tmp/out" 2>&1
[ $? = 2 ] && has "$tmp/out" "one of auto, ns, us, ms, s, ps" "time format" && ok "--time-format refuses an unknown unit"
"$RPSIM" run --color=sometimes "$tmp/once.json" >"$tmp/out" 2>&1
[ $? = 2 ] && has "$tmp/out" "auto, always or never" "color" && ok "--color refuses a bad value"

# --- rpsim view finds the trace's firmware from another directory ---
mkdir -p "$tmp/v/sc" "$tmp/v/fw" "$tmp/v/elsewhere"
cp "$echo_elf" "$tmp/v/fw/upper.elf"
sed 's/"firmware": "rpmsg-echo.elf"/"firmware": "upper.elf", "firmware_path": "..\/fw"/' \
	"$tmp/once.json" >"$tmp/v/sc/view.json"
(cd "$tmp/v" && "$RPSIM" run -q --trace "$tmp/v/t.trace" sc/view.json >/dev/null 2>&1)
(cd "$tmp/v/elsewhere" && "$RPSIM" view ../t.trace --screenshot "$tmp/v/shot.png") >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 0 ] && ! grep -q warning "$tmp/out" && ok "rpsim view finds the firmware from another directory" \
	|| { fail "rpsim view from another directory (exit $rc)"; cat "$tmp/out"; }
mv "$tmp/v/fw/upper.elf" "$tmp/v/fw/gone.elf"
(cd "$tmp/v/elsewhere" && "$RPSIM" view ../t.trace --screenshot "$tmp/v/shot.png") >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 0 ] && has "$tmp/out" "warning: the trace's firmware $tmp/v/fw/upper.elf is not found" "view missing" \
	&& ok "rpsim view: a missing firmware is a warning"

# the default scenario, from another directory
(cd "$tmp" && "$RPSIM" run -q) >"$tmp/out" 2>&1 && has "$tmp/out" "PASS" "default" && ok "rpsim run from anywhere"

echo "$fails failed"
[ "$fails" = 0 ]
