#!/bin/bash
# tests/viewer-xvfb.sh [RPSIM]: the viewer in a real window, by hand (not
# part of make check: it needs Xvfb, xdotool and ImageMagick's import).
# Records a seekable trace of scenarios/two-remotes.json, opens it under
# Xvfb, drives it with xdotool (stepping n/p on both cores, messages m/M,
# run to an address backward R and forward r, g and PageUp/PageDown,
# ]/[, zoom, pan, clicks, wheel, F1, F12, q), captures each stage with
# import into the output folder and fails unless the viewer exits 0.
# Best with the AddressSanitizer build (build-san/rpsim): LeakSanitizer
# then also checks the exit.  Two leaks are the libraries', not rpsim's,
# and kept out: libdbus's (SDL's, suppressed) and those of Mesa's swrast
# driver, which is unloaded at exit (a dlclose that does nothing keeps it).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
rpsim=$(realpath "${1:-$top/build/rpsim}")
out=$(mktemp -d /tmp/rpsim-viewer-xvfb.XXXXXX)
cd "$out" || exit 1
for t in Xvfb xdotool import cc; do
	command -v $t >/dev/null || { echo "viewer-xvfb: needs $t"; exit 77; }
done
"$rpsim" run "$top/scenarios/two-remotes.json" --trace two.trace >run.log 2>&1 ||
	{ echo "viewer-xvfb: the run failed (run.log)"; exit 1; }
printf 'leak:libdbus-1.so\n' >lsan.supp
printf '#include <dlfcn.h>\nint dlclose(void *h) { (void)h; return 0; }\n' >nodlclose.c
cc -shared -fPIC nodlclose.c -o nodlclose.so || exit 1
pre=$out/nodlclose.so
asan=$(ldd "$rpsim" | awk '/libasan/ { print $3 }')
[ -n "$asan" ] && pre=$asan:$pre
disp=:$((100 + $$ % 800))
Xvfb $disp -screen 0 1400x900x24 >xvfb.log 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null' EXIT
sleep 2
export DISPLAY=$disp
LD_PRELOAD=$pre LSAN_OPTIONS=suppressions=$out/lsan.supp "$rpsim" view two.trace --at 300us \
	>view.out 2>view.err &
vpid=$!
w=$(timeout 60 xdotool search --sync --name 'rpsim view' | head -1)
[ -n "$w" ] || { echo "viewer-xvfb: no window (view.err)"; exit 1; }
sleep 3
k() { xdotool key --window "$w" --delay 150 "$@" 2>/dev/null; sleep 0.6; }
t() { xdotool type --window "$w" --delay 120 "$1"; sleep 0.4; }
shot() { import -window root "$1.png"; }
shot 00-open
k n n n n n; shot 01-next
k p p p; shot 02-prev
k Tab; k n n n p; shot 03-core1
k m m m; k shift+m; shot 04-messages
k Tab
k shift+r; t main; k Return; sleep 2; shot 05-back-to-main
k r; t fw_wait_kick; k Return; sleep 2; shot 06-forward-to-fw_wait_kick
k g; t 3ffa0; k Return; shot 07-memory
k Next Next Prior; shot 08-pages
k g; k Return
k bracketright bracketright bracketleft
k plus plus minus; k Left Right; k 0
xdotool mousemove --window "$w" 600 300 click 1; sleep 0.6
xdotool mousemove --window "$w" 700 200 click 1; sleep 0.6
xdotool mousemove --window "$w" 640 250 click 4 click 4 click 5; sleep 0.6
shot 09-clicks
k F1; shot 10-help
k Escape
k F12; sleep 1; shot 11-f12
k q
wait $vpid
rc=$?
echo "viewer-xvfb: exit $rc; screenshots and logs in $out"
[ $rc -eq 0 ] || cat view.err
exit $rc
