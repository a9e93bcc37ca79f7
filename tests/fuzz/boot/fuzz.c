/* Fuzz target: a full boot of a firmware file through the host, as
 * `rpsim run` does it: request_firmware, ELF and resource table checks,
 * carveouts, loading, the core running the image, the virtio/RPMsg
 * exchange with whatever the image does, a debugfs look, an injected
 * crash with its coredump and recovery, stop. Two scenarios per input,
 * each bounded to 1 ms of simulated time, with a trace written (record
 * encoders, the trace limit, the writer). */
#include "sim/runner/runner.h"
#include "sim/scenario/scenario.h"
#include "tests/fuzz/fuzz.h"

/* the RPMsg flow of the echo sample */
static const char exchange[] =
	"{\"firmware\": \"fw.elf\", \"time_limit\": \"1ms\", \"timeout\": \"300us\",\n"
	" \"steps\": [\n"
	"  {\"echo\": \"start\", \"to\": \"/sys/class/remoteproc/remoteproc0/state\"},\n"
	"  {\"wait\": {\"channel\": \"rpmsg-raw\"}},\n"
	"  {\"open\": \"/dev/rpmsg0\"},\n"
	"  {\"write\": \"/dev/rpmsg0\", \"data\": \"Hello Remote Processor\"},\n"
	"  {\"read\": \"/dev/rpmsg0\", \"expect\": \"Hello Remote Processor\"},\n"
	"  {\"close\": \"/dev/rpmsg0\"},\n"
	"  {\"echo\": \"stop\", \"to\": \"/sys/class/remoteproc/remoteproc0/state\"}]}\n";

/* what the host shows of a running image, a crash and its recovery */
static const char inspect[] =
	"{\"firmware\": \"fw.elf\", \"time_limit\": \"1ms\", \"timeout\": \"300us\",\n"
	" \"platform\": {\"rprocs\": [{\"coredump\": \"enabled\"}]},\n"
	" \"steps\": [\n"
	"  {\"echo\": \"start\", \"to\": \"/sys/class/remoteproc/remoteproc0/state\"},\n"
	"  {\"run\": \"100us\"},\n"
	"  {\"cat\": \"/sys/kernel/debug/remoteproc/remoteproc0/resource_table\"},\n"
	"  {\"cat\": \"/sys/kernel/debug/remoteproc/remoteproc0/carveout_memories\"},\n"
	"  {\"wait\": {\"trace\": \"never printed\"}, \"timeout\": \"100us\"},\n"
	"  {\"crash\": \"fatal\"},\n"
	"  {\"wait\": {\"state\": \"running\"}},\n"
	"  {\"cat\": \"/sys/kernel/debug/remoteproc/remoteproc0/trace0\"},\n"
	"  {\"echo\": \"stop\", \"to\": \"/sys/class/remoteproc/remoteproc0/state\"}]}\n";

static struct scenario *load(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", fuzz_tmpdir(), name);
	struct scenario *sc = NULL;
	struct diag d;
	diag_init(&d, NULL);
	/* the firmware is checked at run time, as a boot would */
	struct scenario_options o = { .no_firmware_check = true };
	if (scenario_load_buffer(path, text, strlen(text), &o, &sc, &d) != 0) {
		diag_print(&d, stderr);
		abort(); /* the scenarios above are valid */
	}
	diag_free(&d);
	free(sc->platform.remotes[0].coredump_dir);
	sc->platform.remotes[0].coredump_dir = strdup(fuzz_tmpdir());
	return sc;
}

FUZZ_TARGET(boot)
{
	static struct scenario *sc[2];
	if (!sc[0]) {
		sc[0] = load("exchange.json", exchange);
		sc[1] = load("inspect.json", inspect);
	}
	char fw[512], tr[512];
	fuzz_write_file("fw.elf", data, size, fw, sizeof(fw));
	snprintf(tr, sizeof(tr), "%s/boot.trace", fuzz_tmpdir());
	for (unsigned i = 0; i < 2; i++) {
		/* the firmware the scenario names is the input, wherever the
		 * loader resolved it */
		free(sc[i]->platform.remotes[0].firmware_file);
		sc[i]->platform.remotes[0].firmware_file = strdup(fw);
		struct runner_options opt = {
			.verbosity = 2, .out = fuzz_null_stream(), .trace_path = tr,
		};
		struct runner_result res;
		runner_run(sc[i], &opt, &res);
	}
	return 0;
}
