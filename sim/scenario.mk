# Scenario loader/validator and the binary trace file (reader, writer,
# `rpsim trace`).
librpsim_a_SOURCES += \
	sim/scenario.c sim/scenario.h \
	sim/scenario_json.c sim/scenario_json.h \
	sim/scenario_steps.c sim/scenario_payload.c \
	sim/tracefile.c sim/tracefile.h \
	sim/tracefile_export.c

rpsim_SOURCES += sim/cmd_trace.c
