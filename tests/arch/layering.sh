#!/bin/sh
# make check: the layering and circle rules of doc/architecture.md over the
# sources (includes) and the built objects (calls). See layering.py.
exec "${PYTHON3:-python3}" "$top_srcdir/tests/arch/layering.py" "$top_srcdir" "$top_builddir"
