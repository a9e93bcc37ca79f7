# Check tests of the host's virtio-rpmsg bus.
RPMSG_TESTS = \
	tests/unit/check_vring \
	tests/unit/check_rpmsg \
	tests/unit/check_rpmsg_char \
	tests/unit/check_rpmsg_hostile

check_PROGRAMS += $(RPMSG_TESTS)
TESTS += $(RPMSG_TESTS)

tests_unit_check_vring_SOURCES = tests/unit/check_vring.c
tests_unit_check_vring_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_vring_LDADD = $(TEST_LIBS)

RPMSG_FAKE = tests/unit/check_rpmsg_fake.c tests/unit/check_rpmsg_fake.h tests/unit/check_rpmsg_fixture.h

tests_unit_check_rpmsg_SOURCES = tests/unit/check_rpmsg.c $(RPMSG_FAKE)
tests_unit_check_rpmsg_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rpmsg_LDADD = $(TEST_LIBS)

tests_unit_check_rpmsg_char_SOURCES = tests/unit/check_rpmsg_char.c $(RPMSG_FAKE)
tests_unit_check_rpmsg_char_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rpmsg_char_LDADD = $(TEST_LIBS)

tests_unit_check_rpmsg_hostile_SOURCES = tests/unit/check_rpmsg_hostile.c $(RPMSG_FAKE)
tests_unit_check_rpmsg_hostile_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rpmsg_hostile_LDADD = $(TEST_LIBS)

# The rpmsg core: matching, binding, removal (fake transport and the real one).
check_PROGRAMS += tests/unit/check_rpmsg_core
TESTS += tests/unit/check_rpmsg_core
tests_unit_check_rpmsg_core_SOURCES = tests/unit/check_rpmsg_core.c $(RPMSG_FAKE)
tests_unit_check_rpmsg_core_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rpmsg_core_LDADD = $(TEST_LIBS)

# The user-space interface of issue 16: rpmsg_tty, the ctrl device's
# channel ioctls, poll masks, class attributes.
check_PROGRAMS += tests/unit/check_rpmsg_uapi
TESTS += tests/unit/check_rpmsg_uapi
tests_unit_check_rpmsg_uapi_SOURCES = tests/unit/check_rpmsg_uapi.c $(RPMSG_FAKE)
tests_unit_check_rpmsg_uapi_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_rpmsg_uapi_LDADD = $(TEST_LIBS)
