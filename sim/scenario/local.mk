# sim/scenario/: scenario files (JSON) -> platform description + steps.
# scenario.h is the interface; the step vocabulary is steps.def.
noinst_LIBRARIES += libscenario.a
libscenario_a_SOURCES = \
	sim/scenario/scenario.h sim/scenario/steps.def \
	sim/scenario/scenario_load.c \
	sim/scenario/scenario_steps.c sim/scenario/scenario_steps.h \
	sim/scenario/scenario_operands.c sim/scenario/scenario_operands.h \
	sim/scenario/scenario_payload.c sim/scenario/scenario_payload.h \
	sim/scenario/scenario_firmware.c sim/scenario/scenario_firmware.h \
	sim/scenario/scenario_time.c sim/scenario/scenario_time.h \
	sim/scenario/scenario_dts.c sim/scenario/scenario_dts.h \
	sim/scenario/scenario_json.c sim/scenario/scenario_json.h
libscenario_a_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
