/* Scenario loader: what it accepts, every kind of error it reports (with
 * file, JSON path, line:column), the negative scenario files, the schema
 * staying in sync, and fuzzing (truncations, byte flips). */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/core/escape.h"
#include "sim/scenario/scenario.h"
#include "tests/unit/check_main.h"

#define TMPDIR "check_scenario.tmp"
#define STATE "/sys/class/remoteproc/remoteproc0/state"

static const char *srcdir(void)
{
	const char *s = getenv("top_srcdir");
	return s && s[0] ? s : ".";
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
}

/* The loader resolves firmware relative to the scenario's directory: tests
 * put scenarios and a dummy firmware in a scratch directory of the build. */
static void setup(void)
{
	mkdir(TMPDIR, 0777);
	mkdir(TMPDIR "/fw", 0777);
	mkdir(TMPDIR "/other", 0777);
	mkdir(TMPDIR "/samples", 0777);
	write_file(TMPDIR "/fw/echo.elf", "dummy");
	write_file(TMPDIR "/other/alt.elf", "dummy");
	write_file(TMPDIR "/msg.bin", "from a file");
}

static struct diag dg;

/* Loads text as TMPDIR/t.json; returns the scenario or NULL. */
static struct scenario *load(const char *text)
{
	struct scenario *sc = NULL;
	diag_free(&dg);
	diag_init(&dg, NULL);
	int rc = scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), NULL, &sc, &dg);
	ck_assert_int_eq(rc == 0, sc != NULL);
	if (rc == 0)
		ck_assert_msg(!diag_has_errors(&dg), "success with errors");
	else
		ck_assert_msg(diag_has_errors(&dg), "failure without a message");
	return sc;
}

static void dump_diag(void)
{
	diag_print(&dg, stderr);
}

static struct scenario *load_ok(const char *text)
{
	struct scenario *sc = load(text);
	if (!sc)
		dump_diag();
	ck_assert_msg(sc != NULL, "refused: %s", text);
	return sc;
}

/* Refused, and one message contains each needle. */
static void load_bad(const char *text, const char *needle)
{
	struct scenario *sc = load(text);
	if (sc)
		scenario_free(sc);
	ck_assert_msg(sc == NULL, "accepted: %s", text);
	if (!diag_find(&dg, DIAG_ERROR, needle)) {
		dump_diag();
		ck_abort_msg("no message contains \"%s\"", needle);
	}
}

#define MIN_HEAD "{\"firmware\": \"echo.elf\", \"firmware_path\": [\"fw\"], "
#define START "{\"echo\": \"start\", \"to\": \"" STATE "\"}"

START_TEST(minimal)
{
	struct scenario *sc = load_ok(MIN_HEAD "\"steps\": [" START "]}");
	ck_assert_uint_eq(sc->nsteps, 1);
	ck_assert_int_eq(sc->steps[0].kind, SCENARIO_STEP_ECHO);
	ck_assert_str_eq(sc->steps[0].u.attr.value, "start");
	ck_assert_str_eq(sc->steps[0].u.attr.attr, "state");
	ck_assert_uint_eq(sc->steps[0].u.attr.rproc, 0);
	ck_assert_str_eq(sc->steps[0].where, "$.steps[0]");
	const struct platform_desc *p = &sc->platform;
	struct platform_desc def;
	platform_desc_default(&def);
	ck_assert_uint_eq(p->dram_base, def.dram_base);
	ck_assert_uint_eq(p->dram_size, def.dram_size);
	ck_assert_uint_eq(p->nremotes, 1);
	ck_assert_str_eq(p->remotes[0].name, "rv0");
	ck_assert_str_eq(p->remotes[0].core, "rv32imac");
	ck_assert_str_eq(p->remotes[0].firmware, "echo.elf");
	ck_assert_str_eq(p->remotes[0].firmware_file, TMPDIR "/fw/echo.elf");
	ck_assert_uint_eq(sc->hash, scenario_fnv1a64(MIN_HEAD "\"steps\": [" START "]}",
						     strlen(MIN_HEAD "\"steps\": [" START "]}")));
	scenario_free(sc);
}
END_TEST

static const char full[] =
	"{\n"
	" \"$schema\": \"../doc/scenario.schema.json\",\n"
	" \"description\": \"everything\",\n"
	" \"firmware_path\": \"fw\", \"timeout\": \"50ms\", \"time_limit\": \"2s\",\n"
	" \"platform\": {\n"
	"  \"dram\": {\"base\": \"0x90000000\", \"size\": \"128MiB\"},\n"
	"  \"host\": {\"irq_entry\": \"3us\", \"sysfs_write\": \"1us\", \"sysfs_read\": \"1us\",\n"
	"           \"open\": \"1us\", \"close\": \"1us\", \"write\": \"2us\", \"read\": \"2us\",\n"
	"           \"ioctl\": \"4us\", \"mbox_op\": \"50ns\"},\n"
	"  \"rprocs\": [{\"name\": \"dsp\", \"core\": \"rv32imac\", \"clock\": \"200MHz\",\n"
	"    \"quantum\": \"1us\", \"firmware\": \"echo.elf\", \"auto_boot\": true,\n"
	"    \"memories\": [{\"name\": \"itcm\", \"da\": 0, \"pa\": \"0x40000000\", \"size\": \"64KiB\"},\n"
	"                   {\"name\": \"dtcm\", \"da\": \"0x20000\", \"pa\": \"0x40020000\", \"size\": 65536}],\n"
	"    \"mailbox\": {\"host_base\": \"0x51000000\", \"remote_base\": \"0x10000000\",\n"
	"                \"channels\": 4, \"depth\": 8, \"latency\": \"20ns\", \"host_irq\": 5,\n"
	"                \"remote_irq\": 3},\n"
	"    \"devices\": {\"intc\": \"0x10001000\", \"timer\": \"0x10010000\", \"uart\": \"0x10002000\",\n"
	"                \"sysctl\": \"0x10003000\", \"watchdog\": \"0x10004000\"},\n"
	"    \"timer_clock\": \"1MHz\", \"recovery\": \"disabled\", \"coredump\": \"inline\",\n"
	"    \"coredump_dir\": \"dumps\"}]\n"
	" },\n"
	" \"steps\": [\n"
	"  {\"cat\": \"/sys/class/remoteproc/remoteproc0/state\", \"expect\": \"running\"},\n"
	"  {\"echo\": \"alt.elf\", \"to\": \"/sys/class/remoteproc/remoteproc0/firmware\",\n"
	"   \"expect_errno\": \"EBUSY\"},\n"
	"  {\"wait\": {\"channel\": \"rpmsg-raw\"}, \"timeout\": \"5ms\", \"rproc\": \"dsp\"},\n"
	"  {\"open\": \"/dev/rpmsg0\", \"nonblock\": true},\n"
	"  {\"write\": \"/dev/rpmsg0\", \"data\": \"hello\"},\n"
	"  {\"write\": \"/dev/rpmsg0\", \"data\": {\"hex\": \"48 65:6c6C\"}},\n"
	"  {\"write\": \"/dev/rpmsg0\", \"data\": {\"file\": \"msg.bin\"}},\n"
	"  {\"write\": \"/dev/rpmsg0\", \"data\": {\"size\": 600}, \"expect_errno\": \"EMSGSIZE\"},\n"
	"  {\"read\": \"/dev/rpmsg0\", \"expect\": {\"size\": 5}, \"max_len\": 64, \"timeout\": \"1ms\"},\n"
	"  {\"read\": \"/dev/rpmsg0\", \"expect_errno\": 11},\n"
	"  {\"ioctl\": \"/dev/rpmsg_ctrl0\", \"create_ept\": {\"name\": \"x\", \"src\": 1024, \"dst\": \"any\"}},\n"
	"  {\"repeat\": {\"sizes\": [1, 496], \"by\": 5}, \"steps\": [\n"
	"    {\"write\": \"/dev/rpmsg0\", \"data\": {\"pattern\": \"byte:0x5a\"}},\n"
	"    {\"read\": \"/dev/rpmsg0\", \"expect\": {\"pattern\": \"byte:0x5a\"}}]},\n"
	"  {\"repeat\": 3, \"steps\": [{\"run\": \"1.5us\", \"comment\": \"idle\"}]},\n"
	"  {\"wait\": {\"trace\": \"ready\"}},\n"
	"  {\"wait\": {\"readable\": \"/dev/rpmsg12\"}},\n"
	"  {\"wait\": {\"time\": \"3ms\"}},\n"
	"  {\"wait\": {\"state\": \"crashed\"}},\n"
	"  {\"crash\": \"watchdog\", \"rproc\": 0},\n"
	"  {\"echo\": 2, \"to\": \"/sys/kernel/debug/remoteproc/remoteproc0/crash\"},\n"
	"  {\"close\": \"/dev/rpmsg0\"}\n"
	" ]\n"
	"}\n";

START_TEST(everything)
{
	struct scenario *sc = load_ok(full);
	ck_assert_str_eq(sc->description, "everything");
	ck_assert_uint_eq(sc->default_timeout, 50 * SIM_MS);
	ck_assert_uint_eq(sc->time_limit, 2 * SIM_S);
	const struct platform_desc *p = &sc->platform;
	ck_assert_uint_eq(p->dram_base, 0x90000000u);
	ck_assert_uint_eq(p->dram_size, 128u << 20);
	ck_assert_uint_eq(p->host.irq_entry, 3 * SIM_US);
	ck_assert_uint_eq(p->host.mbox_op, 50 * SIM_NS);
	const struct platform_remote_desc *r = &p->remotes[0];
	ck_assert_str_eq(r->name, "dsp");
	ck_assert_uint_eq(r->clock_hz, 200000000u);
	ck_assert_uint_eq(r->quantum, SIM_US);
	ck_assert_uint_eq(r->nmemories, 2);
	ck_assert_str_eq(r->memories[1].name, "dtcm");
	ck_assert_uint_eq(r->memories[1].da, 0x20000);
	ck_assert_uint_eq(r->memories[1].size, 65536);
	ck_assert_uint_eq(r->dev_base[DEV_MAILBOX][DEV_HOST], 0x51000000u);
	ck_assert_uint_eq(r->mailbox.channels, 4);
	ck_assert_uint_eq(r->mailbox.depth, 8);
	ck_assert_uint_eq(r->mailbox.latency, 20 * SIM_NS);
	ck_assert_uint_eq(r->mailbox.host_irq, 5);
	ck_assert_uint_eq(r->mailbox.remote_irq, 3);
	ck_assert_uint_eq(r->timer_hz, 1000000u);
	ck_assert(r->auto_boot);
	ck_assert(r->recovery_disabled);
	ck_assert_int_eq(r->coredump, RPROC_COREDUMP_INLINE);
	ck_assert_str_eq(r->coredump_dir, TMPDIR "/dumps");

	ck_assert_uint_eq(sc->nsteps, 20);
	const struct scenario_step *s = sc->steps;
	ck_assert_int_eq(s[0].kind, SCENARIO_STEP_CAT);
	ck_assert_str_eq(s[0].u.attr.value, "running");
	ck_assert_int_eq(s[1].expect_errno, EBUSY);
	ck_assert_str_eq(s[1].expect_errno_name, "EBUSY");
	ck_assert_int_eq(s[2].u.wait.what, SCENARIO_WAIT_CHANNEL);
	ck_assert_str_eq(s[2].u.wait.text, "rpmsg-raw");
	ck_assert_uint_eq(s[2].u.wait.timeout, 5 * SIM_MS);
	ck_assert(s[3].u.dev.nonblock);
	ck_assert_uint_eq(s[4].u.dev.payload.len, 5);
	ck_assert_mem_eq(s[4].u.dev.payload.data, "hello", 5);
	ck_assert_uint_eq(s[5].u.dev.payload.len, 4);
	ck_assert_mem_eq(s[5].u.dev.payload.data, "Hell", 4);
	ck_assert_uint_eq(s[6].u.dev.payload.len, 11);
	ck_assert_mem_eq(s[6].u.dev.payload.data, "from a file", 11);
	ck_assert_uint_eq(s[7].u.dev.payload.len, 600);
	ck_assert_int_eq(s[7].expect_errno, EMSGSIZE);
	ck_assert_int_eq(s[8].u.dev.payload.kind, SCENARIO_PAYLOAD_SIZE_ONLY);
	ck_assert_uint_eq(s[8].u.dev.max_len, 64);
	ck_assert_uint_eq(s[8].u.dev.timeout, SIM_MS);
	ck_assert_uint_eq(s[9].u.dev.timeout, 50 * SIM_MS);
	ck_assert_int_eq(s[9].expect_errno, 11);
	ck_assert(s[10].u.dev.ctrl);
	ck_assert_str_eq(s[10].u.dev.ept_name, "x");
	ck_assert_uint_eq(s[10].u.dev.ept_src, 1024);
	ck_assert_uint_eq(s[10].u.dev.ept_dst, 0xFFFFFFFFu);
	ck_assert(s[11].u.repeat.by_size);
	ck_assert_uint_eq(s[11].u.repeat.size_from, 1);
	ck_assert_uint_eq(s[11].u.repeat.size_to, 496);
	ck_assert_uint_eq(s[11].u.repeat.size_by, 5);
	ck_assert_uint_eq(s[11].u.repeat.count, 100);
	ck_assert_uint_eq(s[11].u.repeat.nsteps, 2);
	const struct scenario_payload *pl = &s[11].u.repeat.steps[0].u.dev.payload;
	ck_assert(pl->size_from_repeat);
	ck_assert_str_eq(s[11].u.repeat.steps[1].where, "$.steps[11].steps[1]");
	ck_assert_uint_eq(s[12].u.repeat.count, 3);
	ck_assert_uint_eq(s[12].u.repeat.steps[0].u.run.duration, 1500 * SIM_NS);
	ck_assert_int_eq(s[13].u.wait.what, SCENARIO_WAIT_TRACE);
	ck_assert_int_eq(s[14].u.wait.what, SCENARIO_WAIT_READABLE);
	ck_assert_uint_eq(s[14].u.wait.index, 12);
	ck_assert_uint_eq(s[15].u.wait.time, 3 * SIM_MS);
	ck_assert_str_eq(s[16].u.wait.text, "crashed");
	ck_assert_int_eq(s[17].u.crash.type, SCENARIO_CRASH_WATCHDOG);
	ck_assert_str_eq(s[18].u.attr.value, "2");
	ck_assert_int_eq(s[18].u.attr.dir, SCENARIO_ATTR_DEBUGFS);
	ck_assert_int_eq(s[19].kind, SCENARIO_STEP_CLOSE);
	scenario_free(sc);
}
END_TEST

START_TEST(payload_fill)
{
	struct scenario *sc = load_ok(full);
	uint8_t buf[600];
	const struct scenario_payload *pl = &sc->steps[11].u.repeat.steps[0].u.dev.payload;
	ck_assert_int_eq(scenario_payload_fill(pl, 7, buf, sizeof(buf)), 7);
	for (int i = 0; i < 7; i++)
		ck_assert_uint_eq(buf[i], 0x5a);
	ck_assert_int_eq(scenario_payload_fill(pl, 7, buf, 6), -1);
	pl = &sc->steps[7].u.dev.payload; /* size 600, default pattern counter */
	ck_assert_int_eq(scenario_payload_fill(pl, 0, buf, sizeof(buf)), 600);
	ck_assert_uint_eq(buf[0], 0);
	ck_assert_uint_eq(buf[255], 255);
	ck_assert_uint_eq(buf[256], 0);
	ck_assert_uint_eq(buf[599], 599 % 256);
	for (int i = 0; i < 600; i++) /* filled from a table a block at a time */
		ck_assert_uint_eq(buf[i], (unsigned)i % 256);
	ck_assert_uint_eq(scenario_payload_len(&sc->steps[4].u.dev.payload, 99), 5);
	scenario_free(sc);
}
END_TEST

START_TEST(syntax_line_col)
{
	load_bad("{\n  \"firmware\": \"echo.elf\",\n  \"steps\": [}\n", TMPDIR "/t.json:3:13: syntax error");
	load_bad("{\"steps\": [", TMPDIR "/t.json:1:12: syntax error: unexpected end of file");
	load_bad("", "the file is empty");
	load_bad("  \n ", "the file is empty");
	load_bad("{} extra", "1:4: syntax error near 'e'");
	char deep[3000];
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	memcpy(deep, "{\"steps\":", 9);
	load_bad(deep, "syntax error: nesting deeper than 1000 levels");
	static const char nul[] = "{\"steps\": []}\0{}";
	struct scenario *sc = NULL;
	diag_free(&dg);
	diag_init(&dg, NULL);
	ck_assert_int_eq(scenario_load_buffer("x.json", nul, sizeof(nul) - 1, NULL, &sc, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "x.json:1:14: syntax error at byte 0x00"));
}
END_TEST

START_TEST(unknown_keys)
{
	load_bad(MIN_HEAD "\"stepz\": []}", "$.stepz: unknown key \"stepz\"; did you mean \"steps\"?");
	load_bad(MIN_HEAD "\"steps\": [], \"zzzzzz\": 1}", "$.zzzzzz: unknown key \"zzzzzz\" (accepted here: $schema");
	load_bad(MIN_HEAD "\"steps\": [{\"echo\": \"start\", \"to\": \"" STATE "\", \"expect\": \"x\"}]}",
		 "$.steps[0].expect: unknown key \"expect\"");
	load_bad(MIN_HEAD "\"platform\": {\"dram\": {\"bsae\": 0}}, \"steps\": []}",
		 "$.platform.dram.bsae: unknown key \"bsae\"; did you mean \"base\"?");
	load_bad(MIN_HEAD "\"steps\": [], \"steps\": []}", "$.steps: key \"steps\" given twice");
	load_bad(MIN_HEAD "\"steps\": [{\"comment\": \"nothing\"}]}", "$.steps[0]: a step needs one action");
	load_bad(MIN_HEAD "\"steps\": [{\"wait\": {\"stat\": \"running\"}}]}",
		 "$.steps[0].wait.stat: unknown key \"stat\"; did you mean \"state\"?");
}
END_TEST

START_TEST(types_and_units)
{
	load_bad(MIN_HEAD "\"steps\": {}}", "$.steps: expected an array of steps, got an object");
	load_bad(MIN_HEAD "\"steps\": [{\"run\": 5}]}", "$.steps[0].run: expected a duration with a unit");
	load_bad(MIN_HEAD "\"steps\": [{\"run\": \"5\"}]}", "$.steps[0].run: \"5\" has no unit");
	load_bad(MIN_HEAD "\"steps\": [{\"run\": \"5 min\"}]}", "unknown unit \"min\"");
	load_bad(MIN_HEAD "\"platform\": {\"rprocs\": [{\"clock\": \"10us\"}]}, \"steps\": []}",
		 "$.platform.rprocs[0].clock: \"10us\" is a duration where a frequency");
	load_bad(MIN_HEAD "\"platform\": {\"rprocs\": [{\"core\": \"rv64gc\"}]}, \"steps\": []}",
		 "core \"rv64gc\" is not modelled; known: rv32imac");
	load_bad(MIN_HEAD "\"platform\": {\"rprocs\": [{\"mailbox\": {\"channels\": 2.5}}]}, \"steps\": []}",
		 "$.platform.rprocs[0].mailbox.channels: 2.5 is not an integer");
	load_bad(MIN_HEAD "\"platform\": {\"rprocs\": [{\"mailbox\": {\"channels\": 9}}]}, \"steps\": []}",
		 "9 is out of range (1..8)");
	load_bad(MIN_HEAD "\"platform\": {\"dram\": {\"size\": \"12 parsecs\"}}, \"steps\": []}",
		 "\"12 parsecs\" is not a size");
	load_bad(MIN_HEAD "\"platform\": {\"dram\": {\"base\": \"0xF0000000\", \"size\": \"512MiB\"}}, \"steps\": []}",
		 "ends beyond 4 GiB");
	load_bad(MIN_HEAD "\"platform\": {\"dram\": {\"base\": 4294967296}}, \"steps\": []}",
		 "does not fit in 32 bits");
	load_bad(MIN_HEAD "\"platform\": {\"rprocs\": [{\"name\": \"a b\"}]}, \"steps\": []}",
		 "a name may use letters");
	/* a second default processor moves its host-side windows by itself */
	struct scenario *two = load_ok(MIN_HEAD "\"platform\": {\"rprocs\": [{}, {}]}, \"steps\": []}");
	ck_assert_str_eq(two->platform.remotes[1].name, "rv1");
	ck_assert_uint_eq(two->platform.remotes[1].memories[0].pa, 0x41000000u);
	ck_assert_uint_eq(two->platform.remotes[1].dev_base[DEV_MAILBOX][DEV_HOST], 0x50010000u);
	ck_assert_uint_eq(two->platform.remotes[1].dev_base[DEV_SYSCTL][DEV_HOST], 0x50011000u);
	ck_assert_uint_eq(two->platform.remotes[0].dev_base[DEV_SYSCTL][DEV_HOST], 0x50001000u);
	scenario_free(two);
	/* host-side windows that collide are refused, the sysctl included */
	load_bad(MIN_HEAD "\"platform\": {\"rprocs\": [{}, {\"mailbox\": {\"host_base\": \"0x50000000\"}}]}, \"steps\": []}",
		 "overlaps");
	load_bad(MIN_HEAD "\"platform\": {\"rprocs\": [{\"devices\": {\"sysctl\": \"0x50000800\"}}]}, \"steps\": []}",
		 "overlaps");
	load_bad(MIN_HEAD "\"platform\": {\"rprocs\": []}, \"steps\": []}", "0 remote processors");
	load_bad(MIN_HEAD "\"steps\": [{\"repeat\": 0, \"steps\": [{\"run\": \"1us\"}]}]}",
		 "$.steps[0].repeat: 0 is out of range");
	load_bad(MIN_HEAD "\"steps\": [{\"repeat\": 2}]}", "\"repeat\" needs \"steps\"");
	load_bad(MIN_HEAD "\"steps\": [{\"write\": \"/dev/rpmsg0\"}]}", "\"write\" needs \"data\"");
	load_bad(MIN_HEAD "\"steps\": [{\"write\": \"/dev/rpmsg_ctrl0\", \"data\": \"x\"}]}",
		 "\"/dev/rpmsg_ctrl0\": expected /dev/rpmsgN, /dev/ttyRPMSGN or /dev/remoteprocN");
	load_bad(MIN_HEAD "\"steps\": [{\"write\": \"/dev/rpmsg0\", \"data\": {\"text\": \"a\", \"hex\": \"61\"}}]}",
		 "this one mixes them");
	load_bad(MIN_HEAD "\"steps\": [{\"write\": \"/dev/rpmsg0\", \"data\": {\"file\": \"nope.bin\"}}]}",
		 "$.steps[0].data.file: cannot use \"nope.bin\" as a payload: " TMPDIR "/nope.bin: cannot read the payload file");
	load_bad(MIN_HEAD "\"steps\": [{\"read\": \"/dev/rpmsg0\", \"expect\": {\"size\": 497}}]}",
		 "so it can never be read");
	load_bad(MIN_HEAD "\"steps\": [{\"cat\": \"/sys/kernel/debug/remoteproc/remoteproc0/crash\"}]}",
		 "is write-only");
	load_bad(MIN_HEAD "\"steps\": [{\"echo\": \"x\", \"to\": \"/sys/class/remoteproc/remoteproc0/name\"}]}",
		 "is read-only");
	load_bad(MIN_HEAD "\"steps\": [{\"echo\": \"x\", \"to\": \"/proc/cpuinfo\"}]}",
		 "is not a remoteproc attribute");
	load_bad(MIN_HEAD "\"steps\": [{\"open\": \"/dev/rpmsg0\", \"expect_errno\": \"EWHAT\"}]}",
		 "unknown errno \"EWHAT\"");
	load_bad(MIN_HEAD "\"steps\": [{\"wait\": {\"state\": \"running\", \"time\": \"1ms\"}}]}",
		 "wait for exactly one of");
	load_bad(MIN_HEAD "\"steps\": [{\"crash\": 3}]}", "$.steps[0].crash: 3 is out of range (0..2)");
	load_bad(MIN_HEAD "\"steps\": [{\"crash\": \"fatal\", \"rproc\": \"nobody\"}]}",
		 "no remote processor is named \"nobody\"");
	load_bad(MIN_HEAD "\"steps\": [{\"write\": \"/dev/rpmsg0\", \"data\": {\"size\": 4, \"pattern\": \"byte:256\"}}]}",
		 "unknown pattern \"byte:256\"");
}
END_TEST

/* Checks Linux would fail with an errno are skipped when the step expects
 * that errno: the limits must not stop a scenario testing them. */
START_TEST(expect_errno_relaxes)
{
	scenario_free(load_ok(MIN_HEAD "\"steps\": [{\"echo\": \"begin\", \"to\": \"" STATE "\", "
			      "\"expect_errno\": \"EINVAL\"}]}"));
	scenario_free(load_ok(MIN_HEAD "\"steps\": [{\"echo\": \"start\", \"to\": "
			      "\"/sys/class/remoteproc/remoteproc3/state\", \"expect_errno\": \"ENOENT\"}]}"));
	scenario_free(load_ok(MIN_HEAD "\"steps\": [{\"echo\": \"missing.elf\", \"to\": "
			      "\"/sys/class/remoteproc/remoteproc0/firmware\", \"expect_errno\": \"ENOENT\"}]}"));
	load_bad(MIN_HEAD "\"steps\": [{\"write\": \"/dev/rpmsg0\", \"data\": {\"size\": 65537}, "
		 "\"expect_errno\": \"EMSGSIZE\"}]}", "is too large (at most 65536)");
	{
		char big[200000];
		int n = snprintf(big, sizeof(big), MIN_HEAD "\"steps\": [{\"write\": \"/dev/rpmsg0\", "
				 "\"expect_errno\": \"EMSGSIZE\", \"data\": \"");
		memset(big + n, 'a', 70000);
		strcpy(big + n + 70000, "\"}]}");
		load_bad(big, "70000 bytes: a payload has at most 65536 bytes");
	}
	load_bad(MIN_HEAD "\"steps\": [{\"echo\": \"missing.elf\", \"to\": "
		 "\"/sys/class/remoteproc/remoteproc0/firmware\"}]}",
		 "$.steps[0].echo: firmware \"missing.elf\" not found");
	scenario_free(load_ok(MIN_HEAD "\"steps\": [{\"repeat\": {\"sizes\": [490, 499], \"by\": 5}, \"steps\": ["
			      "{\"write\": \"/dev/rpmsg0\", \"data\": {\"pattern\": \"zero\"}}]}]}"));
	load_bad(MIN_HEAD "\"steps\": [{\"repeat\": {\"sizes\": [490, 501], \"by\": 5}, \"steps\": ["
		 "{\"write\": \"/dev/rpmsg0\", \"data\": {\"pattern\": \"zero\"}}]}]}", "500 bytes");
}
END_TEST

START_TEST(firmware_search)
{
	const char *text = "{\"firmware\": \"alt.elf\", \"steps\": [" START "]}";
	struct scenario *sc = NULL;
	diag_free(&dg);
	diag_init(&dg, NULL);
	ck_assert_int_eq(scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), NULL, &sc, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "$.firmware: firmware \"alt.elf\" not found "
					"(searched: " TMPDIR ")"));
	/* the environment's path */
	struct scenario_options o = { .env_firmware_path = "/nonexistent:" TMPDIR "/other" };
	diag_clear(&dg);
	ck_assert_int_eq(scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), &o, &sc, &dg), 0);
	ck_assert_str_eq(sc->platform.remotes[0].firmware_file, TMPDIR "/other/alt.elf");
	scenario_free(sc);
	/* the command line's directories come first */
	const char *dirs[] = { TMPDIR "/fw" };
	write_file(TMPDIR "/fw/alt.elf", "shadow");
	o.firmware_dirs = dirs;
	o.nfirmware_dirs = 1;
	ck_assert_int_eq(scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), &o, &sc, &dg), 0);
	ck_assert_str_eq(sc->platform.remotes[0].firmware_file, TMPDIR "/fw/alt.elf");
	char *found = scenario_find_firmware(sc, "echo.elf", NULL);
	ck_assert_str_eq(found, TMPDIR "/fw/echo.elf");
	free(found);
	ck_assert_ptr_null(scenario_find_firmware(sc, "none.elf", NULL));
	scenario_free(sc);
	unlink(TMPDIR "/fw/alt.elf");
	/* the samples (fallback_dirs) come last: after the scenario's folder,
	 * whatever else is on the path; each directory once */
	const char *samples[] = { TMPDIR "/samples", TMPDIR "/samples" };
	write_file(TMPDIR "/samples/alt.elf", "sample");
	struct scenario_options so = { .fallback_dirs = samples, .nfallback_dirs = 2 };
	ck_assert_int_eq(scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), &so, &sc, &dg), 0);
	ck_assert_str_eq(sc->platform.remotes[0].firmware_file, TMPDIR "/samples/alt.elf");
	ck_assert_str_eq(sc->fw_dirs[sc->nfw_dirs - 1], TMPDIR "/samples");
	ck_assert_str_eq(sc->fw_dirs[sc->nfw_dirs - 2], TMPDIR);
	ck_assert_uint_eq(sc->nfw_dirs, 2);
	scenario_free(sc);
	write_file(TMPDIR "/alt.elf", "mine");
	ck_assert_int_eq(scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), &so, &sc, &dg), 0);
	ck_assert_str_eq(sc->platform.remotes[0].firmware_file, TMPDIR "/alt.elf");
	scenario_free(sc);
	unlink(TMPDIR "/alt.elf");
	unlink(TMPDIR "/samples/alt.elf");
	/* at most SCENARIO_MAX_FW_DIRS directories, with a message */
	char env[4096] = "";
	for (int i = 0; i < 40; i++)
		snprintf(env + strlen(env), sizeof(env) - strlen(env), "%s/d%d:", TMPDIR, i);
	struct scenario_options many = { .env_firmware_path = env, .no_firmware_check = true };
	diag_clear(&dg);
	ck_assert_int_eq(scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), &many, &sc, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "more than 32 firmware directories in all"));
	diag_clear(&dg);
	/* no check at all */
	struct scenario_options skip = { .no_firmware_check = true };
	ck_assert_int_eq(scenario_load_buffer(TMPDIR "/t.json", text, strlen(text), &skip, &sc, &dg), 0);
	scenario_free(sc);
	/* started without firmware */
	load_bad("{\"steps\": [" START "]}", "$: remoteproc0 (rv0) is started but has no firmware");
	load_bad("{\"platform\": {\"rprocs\": [{\"firmware\": \"echo.elf\"}]}, \"firmware\": \"echo.elf\", \"steps\": []}",
		 "$.firmware: the firmware is also given in $.platform.rprocs[0].firmware");
}
END_TEST

START_TEST(reports_all_problems)
{
	load_bad(MIN_HEAD "\"timeout\": 3, \"steps\": [{\"run\": 1}, {\"crash\": \"x\"}, {\"bogus\": 1}]}",
		 "$.timeout");
	ck_assert_uint_ge(diag_count(&dg, DIAG_ERROR), 4);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "$.steps[0].run"));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "$.steps[1].crash"));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "$.steps[2].bogus"));
	/* a flood is capped, not unbounded */
	size_t n = 5000;
	char *big = malloc(n * 16 + 64);
	strcpy(big, MIN_HEAD "\"steps\": [");
	for (size_t i = 0; i < n; i++)
		strcat(big, i ? ",{\"run\": 1}" : "{\"run\": 1}");
	strcat(big, "]}");
	load_bad(big, "$.steps[0].run");
	free(big);
	ck_assert_uint_eq(diag_count(&dg, DIAG_ERROR), 5000);
	ck_assert_uint_le(dg.n, DIAG_MAX_MSGS);
}
END_TEST

/* Each negative file of tests/scenario-bad is refused with its message. */
START_TEST(negative_files)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/tests/scenario-bad/expected.tsv", srcdir());
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	char line[1024];
	unsigned checked = 0;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		char *file = strtok(line, "\t"), *status = strtok(NULL, "\t"), *msg = strtok(NULL, "");
		ck_assert_msg(file && status && msg, "malformed line in expected.tsv");
		ck_assert_str_eq(status, "2");
		snprintf(path, sizeof(path), "%s/tests/scenario-bad/%s", srcdir(), file);
		struct scenario *sc = NULL;
		diag_free(&dg);
		diag_init(&dg, NULL);
		ck_assert_int_eq(scenario_load(path, NULL, &sc, &dg), -1);
		ck_assert_ptr_null(sc);
		/* messages start with the path as given; the table has the file
		 * name, and the message as rpsim prints it (escaped) */
		bool found = false;
		for (unsigned i = 0; i < dg.n && !found; i++) {
			char shown[SIM_ESCAPE_SIZE(1024)];
			sim_escape(shown, sizeof(shown), dg.msgs[i].text, strlen(dg.msgs[i].text), 0);
			found = dg.msgs[i].sev == DIAG_ERROR && strstr(shown, msg);
		}
		if (!found) {
			dump_diag();
			ck_abort_msg("%s: no message contains \"%s\"", file, msg);
		}
		checked++;
	}
	fclose(f);
	ck_assert_uint_ge(checked, 20);
	diag_free(&dg);
	diag_init(&dg, NULL);
	ck_assert_int_eq(scenario_load(TMPDIR "/does-not-exist.json", NULL, &(struct scenario *){ NULL }, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "does-not-exist.json: cannot read the scenario"));
}
END_TEST

/* doc/scenario.schema.json names every key the loader accepts. */
START_TEST(schema_in_sync)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/doc/scenario.schema.json", srcdir());
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static char text[1 << 18];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "https://json-schema.org/draft/2020-12/schema"));
	unsigned i = 0;
	for (const char *k; (k = scenario_known_key(i)) != NULL; i++) {
		char quoted[64];
		snprintf(quoted, sizeof(quoted), "\"%s\"", k);
		ck_assert_msg(strstr(text, quoted) != NULL, "the schema lacks key %s", quoted);
	}
	ck_assert_uint_gt(i, 60);
}
END_TEST

static void load_example(const char *text)
{
	struct scenario_options o = { .no_firmware_check = true };
	struct scenario *sc = NULL;
	diag_free(&dg);
	diag_init(&dg, NULL);
	if (scenario_load_buffer("doc.json", text, strlen(text), &o, &sc, &dg) != 0) {
		dump_diag();
		ck_abort_msg("the documented example is refused:\n%s", text);
	}
	scenario_free(sc);
}

/* Every example in doc/scenario-format.md loads: whole scenarios (blocks
 * that start with "{" on a line of its own) and one-line steps. */
START_TEST(doc_examples)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/doc/scenario-format.md", srcdir());
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static char text[1 << 17];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	unsigned whole = 0, steps = 0;
	for (char *p = text; (p = strstr(p, "```json\n")) != NULL;) {
		p += 8;
		char *end = strstr(p, "```");
		ck_assert_ptr_nonnull(end);
		*end = '\0';
		if (p[0] == '{' && p[1] == '\n') {
			load_example(p);
			whole++;
		} else {
			for (char *line = strtok(p, "\n"); line; line = strtok(NULL, "\n")) {
				char wrapped[2048];
				snprintf(wrapped, sizeof(wrapped), "{\"firmware\": \"x.elf\", \"steps\": [%s]}", line);
				load_example(wrapped);
				steps++;
			}
		}
		p = end + 3;
	}
	ck_assert_uint_ge(whole, 3);
	ck_assert_uint_ge(steps, 15);
}
END_TEST

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Never crash, leak or loop on damaged input (run under ASan in CI). */
START_TEST(fuzz_truncations)
{
	size_t len = strlen(full);
	for (size_t cut = 0; cut + 1 < len; cut++) { /* the last byte is a newline */
		struct scenario *sc = NULL;
		diag_free(&dg);
		diag_init(&dg, NULL);
		int rc = scenario_load_buffer(TMPDIR "/t.json", full, cut, NULL, &sc, &dg);
		ck_assert_int_eq(rc, -1);
		ck_assert(diag_has_errors(&dg));
	}
}
END_TEST

START_TEST(fuzz_flips)
{
	size_t len = strlen(full);
	char *buf = malloc(len);
	uint64_t seed = 0x5eed5eed12345678ULL;
	unsigned ok = 0;
	for (int round = 0; round < 3000; round++) {
		memcpy(buf, full, len);
		unsigned flips = 1 + (unsigned)(rng_next(&seed) % 4);
		for (unsigned k = 0; k < flips; k++) {
			size_t at = rng_next(&seed) % len;
			buf[at] = (char)(rng_next(&seed) & 0xff);
		}
		struct scenario *sc = NULL;
		diag_free(&dg);
		diag_init(&dg, NULL);
		int rc = scenario_load_buffer(TMPDIR "/t.json", buf, len, NULL, &sc, &dg);
		if (rc == 0) {
			ok++;
			scenario_free(sc);
		} else {
			ck_assert(diag_has_errors(&dg));
		}
	}
	free(buf);
	ck_assert_uint_lt(ok, 3000);
}
END_TEST

/* Leaves nothing behind in the build directory (make distcheck). */
static void teardown(void)
{
	diag_free(&dg);
	static const char *const files[] = {
		TMPDIR "/fw/echo.elf", TMPDIR "/fw/alt.elf", TMPDIR "/other/alt.elf",
		TMPDIR "/msg.bin", TMPDIR "/fw", TMPDIR "/other", TMPDIR,
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		remove(files[i]);
}

Suite *make_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, minimal);
	tcase_add_test(tc, everything);
	tcase_add_test(tc, payload_fill);
	tcase_add_test(tc, syntax_line_col);
	tcase_add_test(tc, unknown_keys);
	tcase_add_test(tc, types_and_units);
	tcase_add_test(tc, expect_errno_relaxes);
	tcase_add_test(tc, firmware_search);
	tcase_add_test(tc, reports_all_problems);
	tcase_add_test(tc, negative_files);
	tcase_add_test(tc, schema_in_sync);
	tcase_add_test(tc, doc_examples);
	tcase_add_test(tc, fuzz_truncations);
	tcase_add_test(tc, fuzz_flips);
	suite_add_tcase(s, tc);
	return s;
}
