#!/bin/sh
# Two cores of one scenario in one GDB session: each is a thread
# (remoteproc0, remoteproc1); a breakpoint stops whichever core reaches
# it, GDB switches to that thread; registers are per core; stepping one
# core runs the whole SoC.  Also rpsim exec: its lone core, stepped and
# run to its exit through tohost.
set -u
. "$top_srcdir/tests/gdb/lib.sh"

start_rpsim cores run -q --gdb 0 --gdb-wait "$top_srcdir/tests/gdb/two-echo.json" || finish
run_gdb cores "$ECHO_ELF" \
	-ex "info threads" \
	-ex "break fw_rpmsg_create_ept" \
	-ex "continue" \
	-ex "continue" \
	-ex "info threads" \
	-ex "thread 1" \
	-ex "set \$t6 = 0x11111111" \
	-ex "thread 2" \
	-ex "set \$t6 = 0x22222222" \
	-ex "thread 1" \
	-ex "printf \"T1=%x\\n\", \$t6" \
	-ex "stepi" \
	-ex "thread 2" \
	-ex "printf \"T2=%x\\n\", \$t6" \
	-ex "bt 1" \
	-ex "delete" \
	-ex "monitor state" \
	-ex "detach"
wait_rpsim cores
G="$WORK/cores.gdb"
expect cores "$G" '^\* 1 +Thread 1 "remoteproc0" ' "thread 1 is remoteproc0"
expect cores "$G" '^  2 +Thread 2 "remoteproc1" ' "thread 2 is remoteproc1"
expect cores "$G" '^Thread 1 "remoteproc0" hit Breakpoint 1, fw_rpmsg_create_ept ' "remoteproc0 stops at the breakpoint"
expect cores "$G" '^Thread 2 "remoteproc1" hit Breakpoint 1, fw_rpmsg_create_ept ' "then remoteproc1 does"
expect cores "$G" '^T1=11111111$' "thread 1 keeps its register"
expect cores "$G" '^T2=22222222$' "thread 2 keeps its own"
expect cores "$G" '^remoteproc1: running; core rv1\.core running' "monitor state names both"
expect cores "$G" '^remoteproc0: running; core rv0\.core running' "monitor state names both"
expect_status cores "$STATUS" 0

# rpsim exec: one core; the ISA test exits through tohost with code 0
ISA_ELF="$top_builddir/tests/isa/alu.elf"
start_rpsim exec exec --gdb 0 --gdb-wait "$ISA_ELF" || finish
run_gdb exec "$ISA_ELF" \
	-ex "info threads" \
	-ex "stepi" \
	-ex "stepi" \
	-ex "printf \"PC=%x\\n\", \$pc" \
	-ex "monitor time" \
	-ex "monitor channels" \
	-ex "continue"
wait_rpsim exec
G="$WORK/exec.gdb"
expect exec "$G" '^\* 1 +Thread 1 "core0"' "the lone core is thread 1"
expect exec "$G" '^PC=[0-9a-f]+$' "stepi"
expect exec "$G" '^no Linux host in this simulation' "host commands say there is no host"
expect exec "$G" 'exited normally' "continue runs to the exit through tohost"
expect_status exec "$STATUS" 0

finish
