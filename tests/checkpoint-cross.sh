#!/bin/sh
# Checkpoints across builds: a checkpoint written by another build of rpsim
# (-O0, -O2, ASan+UBSan: the snapshot stream depends on none of them)
# restores here and runs on exactly as the run that never stopped, and the
# other way round.  Both use this build's firmware (each build dir compiles
# its own, whose debug information names its own folder).  The other builds are $RPSIM_CROSS_BUILDS (rpsim
# programs, space-separated), else the other build*/rpsim of this checkout;
# skipped (exit 77) when there is none.  By hand, from the checkout:
#   RPSIM=build/rpsim RPSIM_CROSS_BUILDS="build-O0/rpsim build-san/rpsim" \
#     top_srcdir=. top_builddir=build sh tests/checkpoint-cross.sh
: "${RPSIM:?}" "${top_srcdir:?}" "${top_builddir:?}"
. "$top_srcdir/tests/checkpoint-lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
me=$(readlink -f "$RPSIM")
others=""
# A build directory found by itself may be stale (built from an older checkout):
# it takes part only when its 'rpsim run --help' is ours, i.e. the same
# options; builds named in RPSIM_CROSS_BUILDS always take part.
myhelp=$("$RPSIM" run --help 2>&1 | cksum)
for p in ${RPSIM_CROSS_BUILDS:-"$top_srcdir"/build*/rpsim}; do
	[ -x "$p" ] && [ "$(readlink -f "$p")" != "$me" ] || continue
	if [ -z "${RPSIM_CROSS_BUILDS:-}" ] && [ "$("$p" run --help 2>&1 | cksum)" != "$myhelp" ]; then
		echo "note: $p is left out: its options differ from $RPSIM's (a stale build?)"
		continue
	fi
	others="$others $p"
done
if [ -z "$others" ]; then
	echo "SKIP: no other build of rpsim (set RPSIM_CROSS_BUILDS)"
	exit 77
fi
fw="$top_builddir/firmware-samples"
fwopts="--firmware-dir $fw/rpmsg-echo --firmware-dir $fw/crash --firmware-dir $fw/openamp-echo --firmware-dir $fw/fir"
fails=0
for other in $others; do
	for sc in rpmsg-echo two-remotes crash-recovery openamp-echo-test; do
		f="$top_srcdir/scenarios/$sc.json"
		end=$(end_time_ps "$RPSIM" "$f" "$tmp")
		at="$((end / 2 + 3))ps"
		# shellcheck disable=SC2086
		if same_after_restore "$other" "$RPSIM" "$f" "$at" "$tmp" $fwopts; then
			echo "ok   $sc: written by $other at $at, restored by $RPSIM"
		else
			echo "FAIL: $sc: written by $other, restored by $RPSIM: $(cat "$tmp/why")"
			fails=$((fails + 1))
		fi
		# shellcheck disable=SC2086
		if same_after_restore "$RPSIM" "$other" "$f" "$at" "$tmp" $fwopts; then
			echo "ok   $sc: written by $RPSIM at $at, restored by $other"
		else
			echo "FAIL: $sc: written by $RPSIM, restored by $other: $(cat "$tmp/why")"
			fails=$((fails + 1))
		fi
	done
done
echo "checkpoint-cross: $fails failure(s)"
[ "$fails" -eq 0 ]
