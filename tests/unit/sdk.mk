# The firmware SDK, compiled natively: its headers against the simulator's
# devices and host models (check_sdk_consistency), its vrings and RPMsg
# layer against a fake host (check_sdk_rpmsg).
SDK_TESTS = tests/unit/check_sdk_consistency tests/unit/check_sdk_rpmsg
check_PROGRAMS += $(SDK_TESTS)
TESTS += $(SDK_TESTS)
tests_unit_check_sdk_consistency_SOURCES = tests/unit/check_sdk_consistency.c \
	firmware-samples/sdk/fw_rsc.c
tests_unit_check_sdk_consistency_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_sdk_consistency_LDADD = $(TEST_LIBS)
tests_unit_check_sdk_rpmsg_SOURCES = tests/unit/check_sdk_rpmsg.c \
	firmware-samples/sdk/fw_rsc.c firmware-samples/sdk/fw_vring.c \
	firmware-samples/sdk/fw_rpmsg.c
tests_unit_check_sdk_rpmsg_CFLAGS = $(TEST_CFLAGS)
tests_unit_check_sdk_rpmsg_LDADD = $(TEST_LIBS)
