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
	scenarios/two-remotes-mixed.json \
	scenarios/dsp-offload.json \
	scenarios/openamp-echo-test.json \
	scenarios/attach-detach.json \
	scenarios/rpmsg-event-idx.json \
	scenarios/rpmsg-ctrl.json \
	scenarios/rpmsg-tty.json \
	scenarios/remoteproc-cdev.json \
	scenarios/dts-default.json \
	scenarios/dts-founding.json \
	scenarios/dts-fixed-vrings.json \
	scenarios/dts-two-remotes.json
# the boards the dts-*.json scenarios name (doc/device-tree.md)
scenariosboardsdir = $(pkgdatadir)/scenarios/boards
dist_scenariosboards_DATA = \
	scenarios/boards/default.dts \
	scenarios/boards/founding.dts \
	scenarios/boards/fixed-vrings.dts \
	scenarios/boards/two-remotes.dts
scenariosfwdir = $(pkgdatadir)/scenarios/firmware
dist_scenariosfw_DATA = scenarios/firmware/not-an-elf.fw
