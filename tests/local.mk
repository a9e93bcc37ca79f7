# tests/: unit tests (Check), ISA tests, scenario tests.
include $(srcdir)/tests/unit/local.mk
