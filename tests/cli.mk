# The rpsim command line, every command through the program: help, bad
# usage and its messages, the man page listing every option.
TESTS += tests/cli.sh
EXTRA_DIST += tests/cli.sh
