# The rpsim command line, every command through the program: help, bad
# usage and its messages, the man page listing every option.
TESTS += tests/cli.sh
EXTRA_DIST += tests/cli.sh
# The installed program on its own: DESTDIR install, run with the build
# and source trees hidden, relocated; man page prefix; bash completion.
TESTS += tests/install.sh
EXTRA_DIST += tests/install.sh
