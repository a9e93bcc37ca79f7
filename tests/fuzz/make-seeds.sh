#!/bin/sh
# tests/fuzz/make-seeds.sh HARNESS DIR: inputs made from real runs for a
# harness (RPSIM_FUZZ_SEEDS makes it write them and exit), so the fuzzer
# starts from files as they really are.
set -eu
RPSIM_FUZZ_SEEDS=$2 ASAN_OPTIONS=detect_leaks=0 "$1"
