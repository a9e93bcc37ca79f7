# Check tests of the host remoteproc model.
HOST_TESTS = \
	tests/unit/check_rproc_elf \
	tests/unit/check_rproc_rsc \
	tests/unit/check_rproc_mem \
	tests/unit/check_rproc_load \
	tests/unit/check_rproc_diag

check_PROGRAMS += $(HOST_TESTS)
TESTS += $(HOST_TESTS)
EXTRA_DIST += tests/unit/rproc_fixture.h

tests_unit_check_rproc_elf_SOURCES = tests/unit/check_rproc_elf.c tests/unit/rproc_fixture.h
tests_unit_check_rproc_elf_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rproc_elf_LDADD = $(TEST_LIBS)

tests_unit_check_rproc_rsc_SOURCES = tests/unit/check_rproc_rsc.c tests/unit/rproc_fixture.h
tests_unit_check_rproc_rsc_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rproc_rsc_LDADD = $(TEST_LIBS)

tests_unit_check_rproc_mem_SOURCES = tests/unit/check_rproc_mem.c
tests_unit_check_rproc_mem_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rproc_mem_LDADD = $(TEST_LIBS)

# reads the corpus that check_DATA generates (tests/corpus/local.mk)
tests_unit_check_rproc_load_SOURCES = tests/unit/check_rproc_load.c tests/unit/rproc_fixture.h
tests_unit_check_rproc_load_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rproc_load_LDADD = $(TEST_LIBS)

tests_unit_check_rproc_diag_SOURCES = tests/unit/check_rproc_diag.c
tests_unit_check_rproc_diag_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rproc_diag_LDADD = $(TEST_LIBS)

# The host object end to end (mailbox, sysctl, a fake remote in C) and
# remoteproc_virtio.
check_PROGRAMS += tests/unit/check_host
TESTS += tests/unit/check_host
tests_unit_check_host_SOURCES = tests/unit/check_host.c tests/unit/rproc_fixture.h \
	tests/unit/host_world.h
tests_unit_check_host_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_host_LDADD = $(TEST_LIBS)
clean-local: clean-host-fw
clean-host-fw:
	rm -rf tests/unit/host-fw.*
.PHONY: clean-host-fw

# Where rpsim's host differs from Linux no more (issue 16): the same world.
check_PROGRAMS += tests/unit/check_host_linux
TESTS += tests/unit/check_host_linux
tests_unit_check_host_linux_SOURCES = tests/unit/check_host_linux.c tests/unit/rproc_fixture.h \
	tests/unit/host_world.h
tests_unit_check_host_linux_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_host_linux_LDADD = $(TEST_LIBS)
