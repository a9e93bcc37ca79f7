# Shared by the GDB tests: start rpsim with a GDB server on a free port
# (port 0: rpsim prints the one it took), run gdb-multiarch in batch mode
# against it, check outputs.  Every wait is bounded: rpsim and gdb run
# under timeout(1), and the wait for the server's line polls for it.
: "${RPSIM:?RPSIM must name the rpsim binary}"
: "${top_builddir:?}"
: "${top_srcdir:?}"
GDB=${GDB:-gdb-multiarch}
if ! command -v "$GDB" >/dev/null 2>&1; then
	echo "FAIL: $GDB is not installed (apt-get install gdb-multiarch, or run ./bootstrap)"
	exit 1
fi
WORK=$(mktemp -d)
trap 'kill $RPSIM_PID 2>/dev/null; rm -rf "$WORK"' EXIT
ECHO_ELF="$top_builddir/firmware-samples/rpmsg-echo/rpmsg-echo.elf"
pass=0
fail=0
RPSIM_PID=
PORT=

# start_rpsim NAME ARGS...: rpsim ARGS in the background (its stdout and
# stderr in $WORK/NAME.out and .err); sets PORT once the server listens.
start_rpsim() {
	name=$1
	shift
	: >"$WORK/$name.err" # there before the poll below reads it
	timeout 120 "$RPSIM" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
	RPSIM_PID=$!
	PORT=
	i=0
	while [ $i -lt 400 ]; do
		PORT=$(sed -n 's/^rpsim: GDB server on [0-9.]*:\([0-9]*\) .*/\1/p' "$WORK/$name.err")
		[ -n "$PORT" ] && return 0
		kill -0 $RPSIM_PID 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	echo "FAIL $name: rpsim did not start its GDB server"
	sed 's/^/    /' "$WORK/$name.err"
	fail=$((fail + 1))
	return 1
}

# wait_rpsim NAME: waits for rpsim to end; sets STATUS.
wait_rpsim() {
	wait $RPSIM_PID
	STATUS=$?
	RPSIM_PID=
}

# run_gdb NAME ELF GDB-COMMANDS...: one batch session, output in $WORK/NAME.gdb
run_gdb() {
	name=$1
	elf=$2
	shift 2
	set -- -ex "set confirm off" -ex "set pagination off" -ex "target remote 127.0.0.1:$PORT" "$@"
	timeout 60 "$GDB" -nx -batch "$@" "$elf" >"$WORK/$name.gdb" 2>&1
}

# expect NAME FILE EREGEX WHAT: a line of FILE matches
expect() {
	if grep -qE -- "$3" "$2"; then
		pass=$((pass + 1))
	else
		echo "FAIL $1: $4 (no line matches: $3)"
		sed 's/^/    /' "$2" | tail -40
		fail=$((fail + 1))
	fi
}

# expect_not NAME FILE EREGEX WHAT
expect_not() {
	if grep -qE -- "$3" "$2"; then
		echo "FAIL $1: $4 (a line matches: $3)"
		sed 's/^/    /' "$2" | tail -40
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

# expect_status NAME GOT WANT
expect_status() {
	if [ "$2" = "$3" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $1: rpsim exit status $2, expected $3"
		sed 's/^/    /' "$WORK/$1.out" "$WORK/$1.err" | tail -20
		fail=$((fail + 1))
	fi
}

finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
}
