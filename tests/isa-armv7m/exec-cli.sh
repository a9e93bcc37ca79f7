#!/bin/sh
# rpsim exec on Cortex-M ELFs (mps2-an386): the semihosting console and
# exit status, lockup, sleep with nothing to wake (SysTick running or
# not), --max-insns, the instruction trace with Capstone's disassembly, and bad input: a
# big-endian ELF (Linux's message), a segment outside the memory map.
: "${RPSIM:?}" "${top_builddir:?}"
d="$top_builddir/tests/isa-armv7m"
tmp="$d/exec-cli.tmp"
rm -rf "$tmp"; mkdir -p "$tmp"
fails=0
check() { # name expected-status actual-status
	if [ "$2" = "$3" ]; then echo "PASS: $1"; else echo "FAIL: $1 (exit $3, expected $2)"; fails=$((fails + 1)); fi
}
grepcheck() { # name pattern file
	if grep -q -- "$2" "$3"; then echo "PASS: $1"; else echo "FAIL: $1 ('$2' not in output:)"; cat "$3"; fails=$((fails + 1)); fi
}

"$RPSIM" exec "$d/exec-hello.elf" >"$tmp/out" 2>"$tmp/err"; check "semihosting exit status" 5 $?
printf 'hello\nA!' >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/out"; then echo "PASS: stdout"; else echo "FAIL: stdout"; cat "$tmp/out"; fails=$((fails + 1)); fi
grepcheck "stderr" "^err$" "$tmp/err"
grepcheck "unknown operation logged" "semihosting operation 0x99 is not implemented" "$tmp/err"

"$RPSIM" exec "$d/exec-lockup.elf" 2>"$tmp/err"; check "lockup" 1 $?
grepcheck "lockup message" "locked up at pc 0x" "$tmp/err"
grepcheck "lockup cause" "HardFault (escalated UsageFault: undefined instruction)" "$tmp/err"
grepcheck "lockup: the last exception decoded" "the last exception: HardFault (escalated UsageFault: undefined instruction), pc 0x[0-9a-f]*; CFSR 0x00010000 (UNDEFINSTR), HFSR 0x40000000 (FORCED)" "$tmp/err"

"$RPSIM" exec "$d/exec-wfi.elf" 2>"$tmp/err"; check "WFI with nothing to wake it" 1 $?
grepcheck "WFI message" "nothing can wake it" "$tmp/err"

# SysTick wrapping on while nothing it does can wake or move the core:
# each run ends (timeout turns a hang into exit 124, a failure here)
timeout 60 "$RPSIM" exec "$d/exec-sleep-tick.elf" 2>"$tmp/err"; check "HardFault handler asleep, SysTick ticking" 1 $?
grepcheck "asleep in HardFault: message" "the core sleeps (WFI/WFE) at pc 0x[0-9a-f]* and nothing can wake it" "$tmp/err"
timeout 60 "$RPSIM" exec "$d/exec-sleep-count.elf" 2>"$tmp/err"; check "asleep, SysTick counting without TICKINT" 1 $?
grepcheck "asleep, counting: message" "nothing can wake it" "$tmp/err"
timeout 60 "$RPSIM" exec "$d/exec-lockup-tick.elf" 2>"$tmp/err"; check "lockup, SysTick ticking" 1 $?
grepcheck "lockup with SysTick: message" "locked up at pc 0x" "$tmp/err"

# console text is escaped: no control byte reaches the terminal
"$RPSIM" exec "$d/exec-escape.elf" >"$tmp/out" 2>"$tmp/err"; check "console with control bytes" 0 $?
printf 'a\\x1b]0;title\\x07\tb\\xff\n' >"$tmp/want"
if cmp -s "$tmp/out" "$tmp/want"; then echo "PASS: stdout escaped"; else echo "FAIL: stdout escaped:"; od -c "$tmp/out"; fails=$((fails + 1)); fi
printf 'e\\x1b[2J\n' >"$tmp/want"
if cmp -s "$tmp/err" "$tmp/want"; then echo "PASS: stderr escaped"; else echo "FAIL: stderr escaped:"; od -c "$tmp/err"; fails=$((fails + 1)); fi

"$RPSIM" exec --max-insns 1000 "$d/exec-loop.elf" 2>"$tmp/err"; check "--max-insns stops a loop" 1 $?
grepcheck "--max-insns message" "stopped after 1000 instructions" "$tmp/err"
grepcheck "--max-insns message names the way out" "--max-insns 0 for none" "$tmp/err"

# an instruction limit inside a byte-copy loop (mem.elf's case 905, which
# the interpreter runs whole iterations of) stops at the same instruction
# as single steps do (--trace-insns), at each of the loop's four
n=1000
while [ $n -lt 1008 ]; do
	"$RPSIM" exec --max-insns $n "$d/mem.elf" 2>"$tmp/err1" >/dev/null
	"$RPSIM" exec --trace-insns --max-insns $n "$d/mem.elf" 2>"$tmp/err2" >/dev/null
	pc1=$(sed -n 's/.*stopped after [0-9]* instructions at pc \(0x[0-9a-f]*\).*/\1/p' "$tmp/err1")
	pc2=$(sed -n 's/.*stopped after [0-9]* instructions at pc \(0x[0-9a-f]*\).*/\1/p' "$tmp/err2")
	if [ -n "$pc1" ] && [ "$pc1" = "$pc2" ]; then echo "PASS: --max-insns $n in a copy loop: pc $pc1"; else echo "FAIL: --max-insns $n in a copy loop: pc '$pc1', single steps '$pc2'"; fails=$((fails + 1)); fi
	n=$((n + 1))
done

"$RPSIM" exec --trace-insns --stats "$d/dp.elf" >"$tmp/out" 2>"$tmp/err"; check "trace and stats" 0 $?
grepcheck "trace line" "^core0 0x000000.. (0x.*) mov.w ip, #0 .* r12=0x00000000" "$tmp/out"
grepcheck "32-bit encoding" "(0x[0-9a-f]\{8\}) adds.w " "$tmp/out"
grepcheck "stats" "^MIPS: " "$tmp/err"

# bad input: exit status 2, the file and what is wrong
cp "$d/exec-loop.elf" "$tmp/be.elf"; chmod u+w "$tmp/be.elf"
printf '\002' | dd of="$tmp/be.elf" bs=1 seek=5 conv=notrunc 2>/dev/null
"$RPSIM" exec "$tmp/be.elf" 2>"$tmp/err"; check "big-endian ELF" 2 $?
grepcheck "Linux's message" "be.elf: e_ident\[EI_DATA\] (offset 0x5) is 2 (big-endian): Unsupported firmware endianness" "$tmp/err"
"$RPSIM" exec "$d/exec-outside.elf" 2>"$tmp/err"; check "segment outside the map" 2 $?
grepcheck "map message" "is outside mps2-an386's RAM: ssram1 0x00000000..0x003fffff" "$tmp/err"

echo "$fails failed"
[ $fails -eq 0 ]
