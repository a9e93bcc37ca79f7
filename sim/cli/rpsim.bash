# bash completion for rpsim (installed as "rpsim" where bash-completion's
# pkg-config file says).  The commands and their options are read from
# rpsim's own --help, which comes from the same option tables as the
# parser, so this file never lists an option that does not exist.

_rpsim_commands()
{
	"$1" --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }'
}

_rpsim_options()
{
	"$1" "$2" --help 2>/dev/null | awk '/^options:/ { on = 1; next } on && /^$/ { on = 0 }
		on && /^  +-/ { for (i = 1; i <= NF; i++) if ($i ~ /^-/) { sub(/,$/, "", $i); print $i } else break }'
}

_rpsim()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion || return
	else
		COMPREPLY=()
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	local rpsim=${words[0]} cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$(_rpsim_commands "$rpsim") --help --version" -- "$cur"))
		return
	fi
	# values of the options that take one
	case $prev in
	--color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	--time-format) COMPREPLY=($(compgen -W "auto ns us ms s ps" -- "$cur")); return ;;
	--core) COMPREPLY=($(compgen -W "rv32imac cortex-m4f" -- "$cur")); return ;;
	--firmware-dir|--coredump-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--scenario) COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur")); return ;;
	--trace|--junit|--json|--state|-o|--signature|--screenshot) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--elf) COMPREPLY=($(compgen -f -X '!*.elf' -- "$cur") $(compgen -d -- "$cur")); return ;;
	--dts) COMPREPLY=($(compgen -f -X '!*.dt[sb]' -- "$cur") $(compgen -d -- "$cur")); return ;;
	--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--time-limit|--timeout|--at|--span|--quantum|--clock|--size|--shard|-j|-k|--max-insns|--machine|--ram) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_rpsim_options "$rpsim" "$cmd")" -- "$cur"))
		return
	fi
	case $cmd in
	run|dts) COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur")) ;;
	test) COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur")) ;;
	inspect|exec) COMPREPLY=($(compgen -f -X '!*.elf' -- "$cur") $(compgen -d -- "$cur")) ;;
	trace)
		if [[ $prev == trace ]]; then
			COMPREPLY=($(compgen -W "dump perfetto vcd" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -X '!*.trace' -- "$cur") $(compgen -d -- "$cur"))
		fi ;;
	view) COMPREPLY=($(compgen -f -X '!*.trace' -- "$cur") $(compgen -d -- "$cur")) ;;
	help) COMPREPLY=($(compgen -W "$(_rpsim_commands "$rpsim")" -- "$cur")) ;;
	esac
}
complete -o filenames -F _rpsim rpsim
