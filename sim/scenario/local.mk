# sim/scenario/: scenario files (JSON) -> platform description + steps.
noinst_LIBRARIES += libscenario.a
libscenario_a_SOURCES = \
	sim/scenario/scenario.c sim/scenario/scenario.h \
	sim/scenario/scenario_json.c sim/scenario/scenario_json.h \
	sim/scenario/scenario_steps.c sim/scenario/scenario_payload.c
libscenario_a_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
