#!/bin/sh
# rpsim exec: exit statuses, HTIF output, bad input and its messages.
: "${RPSIM:?}" "${top_builddir:?}"
d="$top_builddir/tests/isa"
tmp="$top_builddir/tests/isa/exec-cli.tmp"
rm -rf "$tmp"; mkdir -p "$tmp"
fails=0
check() { # name expected-status actual-status
	if [ "$2" = "$3" ]; then echo "PASS: $1"; else echo "FAIL: $1 (exit $3, expected $2)"; fails=$((fails + 1)); fi
}
grepcheck() { # name pattern file
	if grep -q -- "$2" "$3"; then echo "PASS: $1"; else echo "FAIL: $1 ('$2' not in output:)"; cat "$3"; fails=$((fails + 1)); fi
}

"$RPSIM" exec "$d/exec-fail.elf" 2>"$tmp/err"; check "failing test number is the exit status" 7 $?
grepcheck "failure message" "code 7" "$tmp/err"

"$RPSIM" exec --max-insns 1000 "$d/exec-loop.elf" 2>"$tmp/err"; check "--max-insns stops a loop" 1 $?
grepcheck "--max-insns message" "stopped after 1000 instructions" "$tmp/err"

"$RPSIM" exec "$d/exec-wfi.elf" 2>"$tmp/err"; check "WFI with nothing to wake it" 1 $?
grepcheck "WFI message" "waits in WFI" "$tmp/err"

"$RPSIM" exec "$d/exec-fatal.elf" 2>"$tmp/err"; check "trap with no usable handler" 1 $?
grepcheck "fatal message" "no usable trap handler" "$tmp/err"

"$RPSIM" exec "$d/exec-hello.elf" >"$tmp/out" 2>"$tmp/err"; check "HTIF syscalls and console" 0 $?
printf 'hello\nA\n' >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/out"; then echo "PASS: stdout"; else echo "FAIL: stdout"; cat "$tmp/out"; fails=$((fails + 1)); fi
grepcheck "stderr" "^err$" "$tmp/err"

"$RPSIM" exec --trace-insns --stats "$d/alu.elf" >"$tmp/out" 2>"$tmp/err"; check "trace and stats" 0 $?
grepcheck "trace line" "^core0 0x80000000 (0x00000297) auipc t0,0x0 .* t0=0x80000000" "$tmp/out"
grepcheck "stats" "^MIPS: " "$tmp/err"

"$RPSIM" exec --signature "$tmp/sig" "$d/exec-sig.elf" 2>"$tmp/err"; check "signature run" 0 $?
printf 'deadbeef\n01020304\n00000012\n' >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/sig"; then echo "PASS: signature file"; else echo "FAIL: signature file"; cat "$tmp/sig"; fails=$((fails + 1)); fi
"$RPSIM" exec --signature "$tmp/sig" "$d/alu.elf" 2>"$tmp/err"; check "signature without symbols" 2 $?
grepcheck "signature message" "begin_signature" "$tmp/err"

"$RPSIM" exec --max-insns 100000 "$d/exec-lowonly.elf" 2>"$tmp/err"; check "tohost low word only" 3 $?

# a spinning ELF ends by default (10^9 instructions: a few seconds);
# --max-insns 0 removes the limit
timeout 300 "$RPSIM" exec "$d/exec-loop.elf" 2>"$tmp/err"; check "the default instruction limit ends a loop" 1 $?
grepcheck "default limit message" "stopped after 1000000000 instructions" "$tmp/err"
grepcheck "default limit names the option" "--max-insns 0 for none" "$tmp/err"
"$RPSIM" exec --max-insns 0 "$d/exec-hello.elf" >/dev/null 2>"$tmp/err"; check "--max-insns 0: no limit" 0 $?
"$RPSIM" exec --max-insns -1 "$d/exec-hello.elf" 2>"$tmp/err"; check "--max-insns -1 refused" 2 $?
# RAM as Spike gives it: 2 GiB at 0x80000000, past the program's image
"$RPSIM" exec "$d/exec-stack.elf" 2>"$tmp/err"; check "RAM past _end" 0 $?
"$RPSIM" exec --ram 0x80000000:16K "$d/exec-stack.elf" 2>"$tmp/err"; check "--ram limits RAM" 2 $?
grepcheck "store past --ram faults (case 2)" "code 2" "$tmp/err"
"$RPSIM" exec --ram 0x80000000:16K --ram 0x80100000:1M --ram 0xfffff000:4K "$d/exec-stack.elf" \
	2>"$tmp/err"; check "--ram repeated" 3 $?
"$RPSIM" exec --ram 0x1000:4K "$d/alu.elf" 2>"$tmp/err"; check "segment outside RAM" 2 $?
grepcheck "segment outside RAM message" "alu.elf: loadable segment 0 at 0x80000000 (.*) is outside the --ram map's RAM: ram@1000 0x00001000..0x00001fff; give the RAM with --ram BASE:SIZE" "$tmp/err"
"$RPSIM" exec --ram 0x80000000 "$d/alu.elf" 2>"$tmp/err"; check "bad --ram" 2 $?
grepcheck "bad --ram message" "rpsim exec: --ram: '0x80000000' is not BASE:SIZE" "$tmp/err"
"$RPSIM" exec --ram 0x80000000:1M --ram 0x80080000:1M "$d/alu.elf" 2>"$tmp/err"; check "overlapping --ram" 2 $?
grepcheck "overlap message" "overlaps RAM 0x80000000:0x100000" "$tmp/err"
"$RPSIM" exec --ram 0x80000000:64K "$d/alu.elf" 2>"$tmp/err"; check "--ram replaces Spike's RAM" 0 $?
"$RPSIM" exec --ram 0x10000:64K "$d/alu.elf" 2>"$tmp/err"; check "--ram without the program" 2 $?
grepcheck "--ram message" "is outside the --ram map's RAM" "$tmp/err"

# bad input: exit status 2 and a message naming the file
"$RPSIM" exec "$tmp/missing.elf" 2>"$tmp/err"; check "missing file" 2 $?
grepcheck "missing file message" "missing.elf: cannot read the firmware file" "$tmp/err"
echo "not an elf" >"$tmp/text.elf"
"$RPSIM" exec "$tmp/text.elf" 2>"$tmp/err"; check "not ELF" 2 $?
grepcheck "not ELF message" "smaller than an ELF header" "$tmp/err"
"$RPSIM" exec "$RPSIM" 2>"$tmp/err"; check "64-bit host ELF" 2 $?
grepcheck "class message" "no core model runs ELF machine 62 (64-bit)" "$tmp/err"
cp "$d/alu.elf" "$tmp/x86.elf"; chmod u+w "$tmp/x86.elf"
printf '\076' | dd of="$tmp/x86.elf" bs=1 seek=18 conv=notrunc 2>/dev/null
"$RPSIM" exec "$tmp/x86.elf" 2>"$tmp/err"; check "wrong machine" 2 $?
grepcheck "machine message" "no core model runs ELF machine 62 (32-bit); known: rv32imac" "$tmp/err"
cp "$d/alu.elf" "$tmp/nophdr.elf"; chmod u+w "$tmp/nophdr.elf"
printf '\000\000' | dd of="$tmp/nophdr.elf" bs=1 seek=44 conv=notrunc 2>/dev/null
"$RPSIM" exec "$tmp/nophdr.elf" 2>"$tmp/err"; check "no program headers" 2 $?
head -c 200 "$d/alu.elf" >"$tmp/trunc.elf"
"$RPSIM" exec "$tmp/trunc.elf" 2>"$tmp/err"; check "truncated file" 2 $?
grepcheck "truncated message" "trunc.elf: " "$tmp/err"
"$RPSIM" exec 2>"$tmp/err"; check "no file" 2 $?
"$RPSIM" exec --bogus "$d/alu.elf" 2>"$tmp/err"; check "unknown option" 2 $?
"$RPSIM" exec --max-insns x "$d/alu.elf" 2>"$tmp/err"; check "bad --max-insns" 2 $?
"$RPSIM" exec --clock 5 "$d/alu.elf" 2>"$tmp/err"; check "bad --clock" 2 $?
"$RPSIM" exec --clock 1GHz --quantum 1us "$d/alu.elf" 2>"$tmp/err"; check "--clock and --quantum" 0 $?

rm -rf "$tmp"
[ $fails -eq 0 ]
