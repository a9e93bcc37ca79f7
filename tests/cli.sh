#!/bin/sh
# The rpsim command line, command by command: --help, -h and 'rpsim help
# CMD' print the same text; an unknown option and an option without its
# value are refused with exit status 2 and a message naming the command
# and what to do; every option --help lists is in the man page
# (doc/rpsim.1.in), so the two cannot drift apart; the built page names
# the configured prefix.
: "${RPSIM:?}" "${top_srcdir:?}" "${top_builddir:?}"
man="$top_srcdir/doc/rpsim.1.in"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok   $*"; }

# expect STATUS TEXT ARGS...: exit status and a line of stderr containing TEXT
expect() {
	want=$1 text=$2
	shift 2
	"$RPSIM" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		fail "rpsim $*: exit status $rc, expected $want"
		sed 's/^/    /' "$tmp/err" | head -3
	elif ! grep -qF -- "$text" "$tmp/err"; then
		fail "rpsim $*: stderr lacks: $text"
		sed 's/^/    /' "$tmp/err" | head -3
	else
		ok "rpsim $* (exit $rc)"
	fi
}

# The options of a --help text: "-q, --quiet", "--trace FILE", "-j N", one
# a line (what comes before the help column).
options_of() {
	awk '/^options:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  +-/ {
		sub(/^ +/, ""); sub(/  .*/, ""); print }' "$1"
}

# "--trace-insns" as the man page writes it: "\-\-trace\-insns"
man_form() {
	printf '%s\n' "$1" | sed 's/-/\\-/g'
}

for cmd in "" run test exec inspect dts trace view help version; do
	name="rpsim${cmd:+ $cmd}"
	"$RPSIM" $cmd --help >"$tmp/help" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != 0 ] || [ -s "$tmp/err" ] || ! head -1 "$tmp/help" | grep -q "^usage: $name"; then
		fail "$name --help: exit status $rc, or no usage line"
		continue
	fi
	ok "$name --help"
	"$RPSIM" $cmd -h >"$tmp/h" 2>&1
	cmp -s "$tmp/help" "$tmp/h" || fail "$name -h differs from --help"
	if [ -n "$cmd" ]; then
		"$RPSIM" help $cmd >"$tmp/h" 2>&1
		cmp -s "$tmp/help" "$tmp/h" || fail "rpsim help $cmd differs from $name --help"
	fi
	expect 2 "$name: unknown option '--bogus'; see '$name --help'" $cmd --bogus
	options_of "$tmp/help" >"$tmp/opts"
	[ -s "$tmp/opts" ] || fail "$name --help lists no option"
	while read -r left; do
		long=$(printf '%s\n' "$left" | grep -o -- '--[a-z][a-z-]*' | head -1)
		short=$(printf '%s\n' "$left" | grep -o -- '^-[a-zA-Z]')
		arg=$(printf '%s\n' "$left" | awk '{ if ($NF !~ /^-/) print $NF }')
		opt=${long:-$short}
		[ "$opt" = --help ] && continue
		if grep -qF -- "$(man_form "$opt")" "$man"; then
			ok "$name $opt is in rpsim.1"
		else
			fail "$name $opt is not in doc/rpsim.1.in"
		fi
		# an option that takes a value, given none
		[ -n "$arg" ] && expect 2 "$name: $opt needs" $cmd "$opt"
	done <"$tmp/opts"
done

expect 2 "usage: rpsim COMMAND" 
expect 2 "rpsim: unknown command 'bogus'; 'rpsim --help' lists the commands" bogus
expect 2 "rpsim help: unknown command 'bogus'" help bogus
expect 2 "rpsim run: --quiet takes no value" run --quiet=1
expect 2 "rpsim run: unknown option '--qui'" run --qui
expect 2 "rpsim run: one scenario at a time" run a.json b.json
expect 2 "rpsim test: -j needs a number from 1 to 256" test -j 0 x.json
expect 2 "rpsim test: --shard needs I/N" test --shard 3/2 x.json
expect 2 "rpsim inspect: --machine: 'none' is not an ELF machine number" inspect --machine=none x.elf
expect 2 "rpsim inspect: --core: 'z80' is not a modelled core; known: rv32imac, cortex-m4f" inspect --core z80 x.elf
expect 2 "--core and --scenario both give the remote's core" inspect --core cortex-m4f --scenario x.json x.elf
expect 2 "--core z80: not a modelled core; known: rv32imac, cortex-m4f" run --core z80 "$top_srcdir/scenarios/rpmsg-echo.json"
# inspect checks e_machine against the remote's core: the Cortex-M build
# is refused for the default core and loads for --core cortex-m4f
cm4fw="$top_builddir/firmware-samples/rpmsg-echo/cortex-m4f/rpmsg-echo.elf"
expect 2 "e_machine (offset 0x12) is 40 (ARM), but the remote core is 243 (RISC-V)" inspect "$cm4fw"
"$RPSIM" inspect --core cortex-m4f "$cm4fw" >"$tmp/out" 2>"$tmp/err" &&
	grep -q "remote: core cortex-m4f, expecting e_machine 40" "$tmp/out" &&
	grep -q "verdict: the host would load it" "$tmp/out" &&
	ok "rpsim inspect --core cortex-m4f loads the Cortex-M build" ||
	fail "rpsim inspect --core cortex-m4f $cm4fw: $(head -3 "$tmp/err")"
"$RPSIM" inspect --scenario "$top_srcdir/scenarios/two-remotes-mixed.json" \
	"$top_builddir/firmware-samples/rpmsg-echo/rpmsg-echo.elf" >"$tmp/out" 2>&1 &&
	grep -q "remote: core rv32imac" "$tmp/out" &&
	ok "rpsim inspect --scenario takes the first remote's core" ||
	fail "rpsim inspect --scenario: $(tail -3 "$tmp/out")"
expect 2 "--dts: $tmp/none.dts: cannot read the device tree file: No such file or directory" run --dts "$tmp/none.dts"
expect 2 "--dts: $tmp/none.dts: cannot read the device tree file" dts --dts "$tmp/none.dts"
expect 2 "rpsim view: --span: must be more than 0" view --span 0ps x.trace
expect 2 "rpsim trace: missing the trace FILE" trace dump
"$RPSIM" --version | grep -q '^rpsim ' && ok "rpsim --version" || fail "rpsim --version"

# the built man page names the configured directories, no placeholder left
built="$top_builddir/doc/rpsim.1"
if [ -f "$built" ] && ! grep -q '@[a-zA-Z]*@' "$built" && grep -q '/share/rpsim/firmware' "$built"; then
	ok "doc/rpsim.1 is built with the configured prefix"
else
	fail "doc/rpsim.1 is missing or keeps a placeholder"
fi

# bash completion (sim/cli/rpsim.bash): commands, options, values
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _rpsim; printf "%s\n" "${COMPREPLY[@]}"' \
		x "$top_srcdir/sim/cli/rpsim.bash" "$RPSIM" "$@" 2>"$tmp/bash-err"
}
if command -v bash >/dev/null 2>&1; then
	[ "$(complete_words ru)" = run ] && ok "completion: a command" || fail "completion of 'ru': $(complete_words ru)"
	[ "$(complete_words run --time-f)" = --time-format ] && ok "completion: an option" \
		|| fail "completion of 'run --time-f': $(complete_words run --time-f)"
	[ "$(complete_words run --color '' | tr '\n' ' ')" = "auto always never " ] && ok "completion: a value" \
		|| fail "completion of 'run --color': $(complete_words run --color '')"
	for cmd in $("$RPSIM" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }'); do
		[ "$cmd" = help ] || [ "$cmd" = version ] && continue
		"$RPSIM" $cmd --help >"$tmp/help"
		options_of "$tmp/help" | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/want"
		complete_words $cmd -- | grep -- '^--' | sort -u >"$tmp/got"
		comm -23 "$tmp/want" "$tmp/got" >"$tmp/missing"
		[ ! -s "$tmp/missing" ] && [ ! -s "$tmp/bash-err" ] && ok "completion: every option of rpsim $cmd" \
			|| fail "completion of rpsim $cmd lacks: $(cat "$tmp/missing" "$tmp/bash-err")"
	done
fi

echo "cli: $fails failure(s)"
[ "$fails" -eq 0 ]
