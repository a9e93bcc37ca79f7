#!/bin/sh
# The installed rpsim on its own: `make install DESTDIR=TMP`, then the
# installed program runs from outside the source tree with the build and
# source trees hidden (a private mount namespace lays an empty tmpfs over
# them, as if they had been moved away): the default scenario, the shipped
# scenarios under `rpsim test`, a user's firmware shadowing a sample of the
# same name. The installed tree moved elsewhere still finds its samples;
# no build-tree path is compiled into the program; the man page names the
# configured prefix and the bash completion is installed; rpsim view runs
# the viewer program, which rpsim finds installed and moved.
: "${RPSIM:?}" "${top_srcdir:?}" "${top_builddir:?}"
MAKE=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok   $*"; }

src=$(cd "$top_srcdir" && pwd -P)
build=$(cd "$top_builddir" && pwd -P)
dest=$tmp/dest
if ! env -u MAKEFLAGS -u MFLAGS "$MAKE" -s -C "$build" install DESTDIR="$dest" >"$tmp/install.log" 2>&1; then
	echo "FAIL: make install DESTDIR=$dest"
	tail -20 "$tmp/install.log"
	exit 1
fi
prefix=$(sed -n 's/^prefix = //p' "$build/Makefile")
bin=$dest$prefix/bin/rpsim
data=$dest$prefix/share/rpsim
[ -x "$bin" ] && [ -f "$data/scenarios/rpmsg-echo.json" ] && [ -f "$data/firmware/rpmsg-echo.elf" ] \
	&& [ -f "$data/firmware/cortex-m4f/rpmsg-echo.elf" ] \
	&& ok "installed: the program, the scenarios, the samples" || fail "make install left out files"

# no path of the build or source tree among the program's strings (its
# debug information may name the sources; its data must not)
if command -v objcopy >/dev/null 2>&1 && objcopy -O binary --only-section=.rodata "$bin" "$tmp/rodata" 2>/dev/null; then
	if grep -aqF -e "$build" -e "$src" "$tmp/rodata"; then
		fail "a build-tree path is compiled into the installed rpsim"
	else
		ok "no build-tree path in the installed program"
	fi
fi

# the man page names the prefix; the completion is where bash-completion says
man=$dest$prefix/share/man/man1/rpsim.1
grep -q "$prefix/share/rpsim/firmware" "$man" && ! grep -q '@[a-z]*@' "$man" \
	&& ok "the man page names $prefix" || fail "the installed man page: $(grep -n 'share/rpsim' "$man")"
compdir=$(sed -n 's/^BASH_COMPLETION_DIR = //p' "$build/Makefile" | sed "s|\${datadir}|$prefix/share|; s|\$(datadir)|$prefix/share|")
[ -f "$dest$compdir/rpsim" ] && ok "bash completion in $compdir" || fail "no bash completion in $dest$compdir"

# What the installed program does, run from $tmp/user: the default
# scenario, the shipped ones, a user's firmware shadowing a sample.
mkdir -p "$tmp/user/fw"
cp "$data/firmware/crash.elf" "$tmp/user/fw/rpmsg-echo.elf"
cat >"$tmp/user/mine.json" <<'EOF'
{"firmware": "rpmsg-echo.elf", "firmware_path": "fw", "steps": [
  {"echo": "start", "to": "/sys/class/remoteproc/remoteproc0/state"},
  {"wait": {"trace": "crash: started"}, "timeout": "1ms"}]}
EOF
cat >"$tmp/user/run.sh" <<EOF
set -u
cd "$tmp/user" || exit 9
echo "build tree: \$(ls -A "$build" 2>/dev/null | wc -l) entries; source tree: \$(ls -A "$src" 2>/dev/null | wc -l) entries"
"\$1" run -q || echo "FAIL: the default scenario"
"\$1" run -q --core cortex-m4f || echo "FAIL: the default scenario on the Cortex-M4F (firmware/cortex-m4f/)"
"\$1" run mine.json >mine.out 2>&1 || echo "FAIL: the user's scenario"
grep -q "firmware $tmp/user/fw/rpmsg-echo.elf (" mine.out || { echo "FAIL: the sample shadowed the user's firmware"; cat mine.out; }
"\$1" test "\$2/scenarios" -j 2 --state "$tmp/user/state" -- --coredump-dir "$tmp/user" >test.out 2>&1 \
	|| { echo "FAIL: rpsim test of the installed scenarios"; cat test.out; }
"\$1" view --help >view.out 2>&1 && grep -q "usage: rpsim view" view.out \
	|| { echo "FAIL: rpsim view finds the installed viewer program"; cat view.out; }
EOF
hidden=""
if command -v unshare >/dev/null 2>&1 && unshare -rm true 2>/dev/null; then
	# the build tree may lie inside the source tree: hide it first
	unshare -rm sh -c "mount -t tmpfs rpsim-gone '$build' && mount -t tmpfs rpsim-gone '$src' && sh '$tmp/user/run.sh' '$bin' '$data'" \
		>"$tmp/run.out" 2>&1
	hidden=" with the build and source trees hidden"
else
	echo "note: no unprivileged mount namespace here; the trees stay visible (the rodata check above still holds)"
	sh "$tmp/user/run.sh" "$bin" "$data" >"$tmp/run.out" 2>&1
fi
cat "$tmp/run.out"
if grep -q FAIL "$tmp/run.out"; then
	fail "the installed rpsim$hidden"
else
	[ -n "$hidden" ] && ! grep -q "build tree: 0 entries; source tree: 0 entries" "$tmp/run.out" \
		&& fail "the trees were not hidden"
	ok "the installed rpsim runs from $tmp/user$hidden: default scenario, shipped scenarios, shadowing"
fi

# the viewer is a program of its own (rpsim starts without SDL2)
readelf -d "$bin" 2>/dev/null | grep -q 'NEEDED.*SDL' && fail "rpsim links SDL2 (the viewer is rpsim-view)" \
	|| ok "rpsim does not load SDL2; rpsim view runs rpsim-view"

# moved elsewhere, the installed tree still finds its data and its viewer
mv "$dest" "$tmp/moved"
"$tmp/moved$prefix/bin/rpsim" run -q >"$tmp/moved.out" 2>&1 && grep -q '^PASS' "$tmp/moved.out" \
	&& ok "the installed tree moved elsewhere still runs its default scenario" \
	|| { fail "the moved install"; cat "$tmp/moved.out"; }
"$tmp/moved$prefix/bin/rpsim" view --help >"$tmp/moved.out" 2>&1 && grep -q "usage: rpsim view" "$tmp/moved.out" \
	&& ok "the moved tree finds its viewer" || { fail "rpsim view in the moved install"; cat "$tmp/moved.out"; }

echo "$fails failed"
[ "$fails" = 0 ]
