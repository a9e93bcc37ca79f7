# Architecture checks: the layering (includes and calls) of doc/architecture.md.
TESTS += tests/arch/layering.sh
EXTRA_DIST += tests/arch/layering.sh tests/arch/layering.py
TESTS += tests/arch/names.sh
EXTRA_DIST += tests/arch/names.sh tests/arch/names.py
