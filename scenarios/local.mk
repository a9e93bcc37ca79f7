# scenarios/: runnable scenario files, installed with the program (the
# default scenario of `rpsim run` is rpmsg-echo.json).
scenariosdir = $(pkgdatadir)/scenarios
dist_scenarios_DATA = \
	scenarios/rpmsg-echo.json \
	scenarios/rpmsg-client-sample.json \
	scenarios/start-stop-restart.json \
	scenarios/crash-recovery.json \
	scenarios/crash-watchdog.json \
	scenarios/bad-firmware.json \
	scenarios/two-remotes.json \
	scenarios/dsp-offload.json \
	scenarios/openamp-echo-test.json \
	scenarios/attach-detach.json \
	scenarios/rpmsg-event-idx.json \
	scenarios/rpmsg-ctrl.json \
	scenarios/rpmsg-tty.json \
	scenarios/remoteproc-cdev.json
scenariosfwdir = $(pkgdatadir)/scenarios/firmware
dist_scenariosfw_DATA = scenarios/firmware/not-an-elf.fw
