# Hostile firmware (fw_hostile.c, one image per attack) and the scenarios
# that run it: rpsim's output stays escaped and its log and trace within
# the bounds of doc/security.md (tests/hostile.sh).
HOSTILE_FW = tests/hostile/fw-names.elf tests/hostile/fw-storm.elf

tests/hostile/fw-names.rvo: tests/hostile/fw_hostile.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CC) -DHOSTILE_NAMES -c -o $@ $(srcdir)/tests/hostile/fw_hostile.c
tests/hostile/fw-storm.rvo: tests/hostile/fw_hostile.c $(FW_SDK_HDRS)
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FW_CC) -DHOSTILE_STORM -c -o $@ $(srcdir)/tests/hostile/fw_hostile.c
tests/hostile/%.elf: tests/hostile/%.rvo $(FW_SDK_OBJS) $(FW_SDK_LDS)
	$(AM_V_GEN)$(FW_LINK) $<

check_DATA += $(HOSTILE_FW)
CLEANFILES += $(HOSTILE_FW) $(HOSTILE_FW:.elf=.rvo)
TESTS += tests/hostile.sh
EXTRA_DIST += tests/hostile/fw_hostile.c tests/hostile.sh tests/hostile/names.json \
	tests/hostile/storm.json
clean-local: clean-hostile
clean-hostile:
	rm -rf tests/hostile.out
.PHONY: clean-hostile
