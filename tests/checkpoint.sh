#!/bin/sh
# Checkpoint files end to end (doc/checkpoints.md): for every shipped
# scenario, `rpsim run --checkpoint-at T FILE` then `rpsim run --restore
# FILE` gives the verdict of the run that never stopped and the same trace
# records from the checkpoint on (compared as `rpsim trace dump` prints
# them); and every bad checkpoint is refused with exit status 2 and a
# message: truncated, corrupt, of another version, of a changed scenario or
# firmware, of another scenario, not a checkpoint at all.
: "${RPSIM:?}" "${top_srcdir:?}" "${top_builddir:?}"
. "$top_srcdir/tests/checkpoint-lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok   $*"; }

for sc in "$top_srcdir"/scenarios/*.json; do
	name=$(basename "$sc" .json)
	end=$(end_time_ps "$RPSIM" "$sc" "$tmp")
	for frac in 3 2; do
		at="$((end / frac + 7))ps"
		if same_after_restore "$RPSIM" "$RPSIM" "$sc" "$at" "$tmp"; then
			ok "$name: restored at $at = never stopped"
		else
			fail "$name: restored at $at differs: $(cat "$tmp/why")"
		fi
	done
done

# the same on the Cortex-M4F remote (`--core`, at restore too)
if same_after_restore "$RPSIM" "$RPSIM" "$top_srcdir/scenarios/rpmsg-echo.json" 150007ps "$tmp" --core cortex-m4f; then
	ok "rpmsg-echo --core cortex-m4f: restored = never stopped"
else
	fail "rpmsg-echo --core cortex-m4f: restored differs: $(cat "$tmp/why")"
fi

# expect TEXT ARGS...: exit status 2 and TEXT on stderr
expect() {
	text=$1
	shift
	"$RPSIM" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != 2 ] || ! grep -qF -- "$text" "$tmp/err"; then
		fail "rpsim $*: exit status $rc (2 expected), stderr: $(head -c 300 "$tmp/err")"
	else
		ok "refused: $text"
	fi
}

echo=$top_srcdir/scenarios/rpmsg-echo.json
"$RPSIM" run -q "$echo" --checkpoint-at 100us "$tmp/good.ckpt" >/dev/null || fail "writing a checkpoint"
size=$(wc -c < "$tmp/good.ckpt")
head -c $((size / 2)) "$tmp/good.ckpt" > "$tmp/cut.ckpt"
expect "the checksum does not match" run --restore "$tmp/cut.ckpt"
head -c 10 "$tmp/good.ckpt" > "$tmp/tiny.ckpt"
expect "cut short" run --restore "$tmp/tiny.ckpt"
cp "$tmp/good.ckpt" "$tmp/flip.ckpt"
printf '\377' | dd of="$tmp/flip.ckpt" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
expect "corrupt" run --restore "$tmp/flip.ckpt"
cp "$tmp/good.ckpt" "$tmp/v9.ckpt"
printf '\011' | dd of="$tmp/v9.ckpt" bs=1 seek=8 conv=notrunc 2>/dev/null
expect "checkpoint format version 9; this rpsim reads version 1" run --restore "$tmp/v9.ckpt"
expect "not an rpsim checkpoint" run --restore "$echo"
expect "cannot read the checkpoint" run --restore "$tmp/none.ckpt"
mkfifo "$tmp/fifo.ckpt"
expect "is a FIFO (named pipe), not a regular file" run --restore "$tmp/fifo.ckpt"
mkdir "$tmp/dir.ckpt"
expect "is a directory" run --restore "$tmp/dir.ckpt"
expect "is not the same file" run --restore "$tmp/good.ckpt" "$top_srcdir/scenarios/two-remotes.json"
cp "$echo" "$tmp/echo.json"
"$RPSIM" run -q "$tmp/echo.json" --firmware-dir "$top_builddir/firmware-samples/rpmsg-echo" \
	--checkpoint-at 100us "$tmp/mine.ckpt" >/dev/null || fail "writing a checkpoint"
echo " " >> "$tmp/echo.json"
expect "is not the same file" run --restore "$tmp/mine.ckpt"
mkdir -p "$tmp/fw"
cp "$top_builddir/firmware-samples/rpmsg-echo/rpmsg-echo.elf" "$tmp/fw/"
"$RPSIM" run -q "$echo" --firmware-dir "$tmp/fw" --checkpoint-at 100us "$tmp/fw.ckpt" >/dev/null ||
	fail "writing a checkpoint"
printf 'x' >> "$tmp/fw/rpmsg-echo.elf"
expect "firmware" run --restore "$tmp/fw.ckpt" --firmware-dir "$tmp/fw"
expect "before --checkpoint-at 10s" run -q "$echo" --checkpoint-at 10s "$tmp/late.ckpt"
expect "--checkpoint-at needs a time and a file" run "$echo" --checkpoint-at 10us
expect "--checkpoint-at: TIME must be after the start" run "$echo" --checkpoint-at 0us "$tmp/x.ckpt"
expect "must be after the restored checkpoint's time" run --restore "$tmp/good.ckpt" --checkpoint-at 50us "$tmp/x.ckpt"

echo "checkpoint: $fails failure(s)"
[ "$fails" -eq 0 ]
