/* Binary trace file: writer -> reader round trip of every record type,
 * identities, the index and seeking, byte-identical output, damaged files
 * refused with a byte offset, and golden dump/perfetto/vcd output. */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "sim/core/compress.h"
#include "sim/core/le.h"
#include "sim/core/sim.h"
#include "sim/core/trace_limit.h"
#include "sim/core/tracefile_write.h"
#include "sim/trace/tracefile.h"
#include "tests/unit/check_main.h"

#define TRACE "check_tracefile.tmp.trace"
#define TRACE2 "check_tracefile.tmp2.trace"

static char err[512];

static struct tracefile_writer *create(const char *path, uint16_t flags)
{
	struct tracefile_writer *w = tracefile_create(path, flags, err, sizeof(err));
	ck_assert_msg(w != NULL, "%s", err);
	return w;
}

static void finish(struct tracefile_writer *w)
{
	ck_assert_msg(tracefile_finish(w, err, sizeof(err)) == 0, "%s", err);
}

static struct tracefile_reader *open_ok(const char *path)
{
	struct tracefile_reader *r = tracefile_open(path, err, sizeof(err));
	ck_assert_msg(r != NULL, "%s", err);
	return r;
}

static void emit(struct tracefile_writer *w, sim_time_t t, uint16_t type, uint16_t comp,
		 const void *data, uint32_t len)
{
	trace_emit(tracefile_sink(w), t, type, comp, data, len);
}

static void next_ok(struct tracefile_reader *r, struct tracefile_record *rec)
{
	int rc = tracefile_next(r, rec, err, sizeof(err));
	ck_assert_msg(rc == 1, "next: %d %s", rc, err);
}

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *buf = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The two files hold the same bytes. */
static void assert_same_file(const char *p1, const char *p2)
{
	size_t a, b;
	uint8_t *x = read_all(p1, &a), *y = read_all(p2, &b);
	ck_assert_uint_eq(a, b);
	ck_assert(memcmp(x, y, a) == 0);
	free(x);
	free(y);
}

static void write_all(const char *path, const uint8_t *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

START_TEST(round_trip)
{
	static const sim_time_t times[] = {
		0, 0, 1, 1000, 999, /* a step back: a core ran ahead */
		(sim_time_t)1 << 63, 5, UINT64_MAX, 0, UINT64_MAX - 1, 123456789,
	};
	enum { NT = sizeof(times) / sizeof(times[0]) };
	size_t big = 1u << 20;
	uint8_t *payload = malloc(big);
	for (size_t i = 0; i < big; i++)
		payload[i] = (uint8_t)(i * 7 + 3);
	struct tracefile_writer *w = create(TRACE, TRACEFILE_FLAG_INSNS);
	tracefile_identity(w, TRACEFILE_ID_SCENARIO, "scenarios/echo.json", 0x0123456789abcdefULL, 42);
	tracefile_identity(w, TRACEFILE_ID_FIRMWARE, "fw/echo.elf", tracefile_fnv1a64("a", 1), 1);
	/* every type, with several time deltas and lengths */
	unsigned n = 0;
	for (uint16_t type = 1; type <= TRACE_TYPE_MAX; type++) {
		uint32_t len = type % 5 == 0 ? 0 : type * 3u;
		emit(w, times[n % NT], type, (uint16_t)(type * 11), payload, len);
		n++;
	}
	emit(w, 77, TRACE_RPMSG, 65534, payload, (uint32_t)big); /* larger than the buffer */
	emit(w, 78, 0x7fff, 1, payload, 3);                      /* unknown types pass */
	ck_assert_uint_eq(tracefile_written(w), 2 + n + 2);
	finish(w);

	struct tracefile_reader *r = open_ok(TRACE);
	ck_assert_uint_eq(tracefile_version(r), TRACEFILE_VERSION);
	ck_assert_uint_eq(tracefile_flags(r), TRACEFILE_FLAG_INSNS);
	ck_assert_uint_eq(tracefile_record_count(r), 2 + n + 2);
	struct tracefile_record rec;
	enum tracefile_id_kind kind;
	uint64_t hash, size;
	const char *path;
	size_t plen;
	next_ok(r, &rec);
	ck_assert_uint_eq(rec.type, TRACEFILE_REC_IDENTITY);
	ck_assert_uint_eq(rec.offset, TRACEFILE_HEADER_SIZE);
	ck_assert_int_eq(tracefile_parse_identity(&rec, &kind, &hash, &size, &path, &plen), 0);
	ck_assert_int_eq(kind, TRACEFILE_ID_SCENARIO);
	ck_assert_uint_eq(hash, 0x0123456789abcdefULL);
	ck_assert_uint_eq(size, 42);
	ck_assert_uint_eq(plen, strlen("scenarios/echo.json"));
	ck_assert_mem_eq(path, "scenarios/echo.json", plen);
	next_ok(r, &rec);
	ck_assert_int_eq(tracefile_parse_identity(&rec, &kind, &hash, &size, &path, &plen), 0);
	ck_assert_int_eq(kind, TRACEFILE_ID_FIRMWARE);
	ck_assert_uint_eq(hash, 0xaf63dc4c8601ec8cULL); /* FNV-1a 64 of "a" */
	n = 0;
	for (uint16_t type = 1; type <= TRACE_TYPE_MAX; type++) {
		uint32_t len = type % 5 == 0 ? 0 : type * 3u;
		next_ok(r, &rec);
		ck_assert_uint_eq(rec.number, 2 + n);
		ck_assert_uint_eq(rec.time, times[n % NT]);
		ck_assert_uint_eq(rec.type, type);
		ck_assert_uint_eq(rec.component, type * 11);
		ck_assert_uint_eq(rec.len, len);
		if (len)
			ck_assert_mem_eq(rec.data, payload, len);
		n++;
	}
	next_ok(r, &rec);
	ck_assert_uint_eq(rec.time, 77);
	ck_assert_uint_eq(rec.component, 65534);
	ck_assert_uint_eq(rec.len, big);
	ck_assert(memcmp(rec.data, payload, big) == 0);
	next_ok(r, &rec);
	ck_assert_uint_eq(rec.type, 0x7fff);
	ck_assert_int_eq(tracefile_next(r, &rec, err, sizeof(err)), 0);
	ck_assert_int_eq(tracefile_next(r, &rec, err, sizeof(err)), 0);
	tracefile_rewind(r);
	next_ok(r, &rec);
	ck_assert_uint_eq(rec.number, 0);
	tracefile_close(r);
	free(payload);
}
END_TEST

/* Payloads of every length the writer copies inline (1 to 16 bytes, in
 * overlapping words) and around the length varint's boundary (127/128),
 * with time deltas of every varint length, read back the same from raw
 * and from compressed blocks (both levels rpsim writes) */
START_TEST(payload_lengths)
{
	static const int levels[] = { 0, COMPRESS_FASTEST, COMPRESS_FAST };
	uint8_t payload[300];
	for (unsigned i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)(i * 13 + 1);
	for (unsigned k = 0; k < sizeof(levels) / sizeof(levels[0]); k++) {
		struct tracefile_opts o = { .compress = levels[k] != 0, .level = levels[k] };
		struct tracefile_writer *w = tracefile_create_opts(TRACE, &o, err, sizeof(err));
		ck_assert_msg(w != NULL, "%s", err);
		sim_time_t t = 0;
		for (uint32_t len = 0; len <= 260; len++) {
			t += (sim_time_t)1 << (len % 64);
			emit(w, t, TRACE_RPMSG, (uint16_t)len, payload + (len % 7), len);
		}
		finish(w);
		struct tracefile_reader *r = open_ok(TRACE);
		ck_assert_uint_eq(!!(tracefile_flags(r) & TRACEFILE_FLAG_ZSTD), levels[k] != 0);
		struct tracefile_record rec;
		t = 0;
		for (uint32_t len = 0; len <= 260; len++) {
			t += (sim_time_t)1 << (len % 64);
			next_ok(r, &rec);
			ck_assert_uint_eq(rec.time, t);
			ck_assert_uint_eq(rec.component, len);
			ck_assert_uint_eq(rec.len, len);
			if (len)
				ck_assert_mem_eq(rec.data, payload + (len % 7), len);
		}
		ck_assert_int_eq(tracefile_next(r, &rec, err, sizeof(err)), 0);
		tracefile_close(r);
	}
}
END_TEST

/* A writer that asks a limiter (tracefile_set_limit) writes the same
 * file as the limiter put in front of it as a sink: the kept records and
 * the notes of the dropped ones, in the same order */
START_TEST(limit_inside_writer)
{
	for (int inside = 0; inside < 2; inside++) {
		struct tracefile_writer *w = create(inside ? TRACE2 : TRACE, 0);
		struct trace_limit *l = trace_limit_create(tracefile_sink(w), false);
		ck_assert_ptr_nonnull(l);
		struct trace_sink *ts = inside ? tracefile_sink(w) : trace_limit_sink(l);
		if (inside)
			tracefile_set_limit(w, l);
		for (unsigned i = 0; i < 300000; i++) {
			uint8_t b[7] = { 0, 0, 0, (uint8_t)i };
			trace_emit(ts, (sim_time_t)i * 10, TRACE_MBOX, (uint16_t)(i % 2), b, sizeof(b));
		}
		ck_assert_uint_gt(trace_limit_finish(l, 2000000), 0);
		tracefile_set_limit(w, NULL);
		finish(w);
	}
	assert_same_file(TRACE, TRACE2);
}
END_TEST

/* a record longer than TRACEFILE_RECORD_MAX is refused, not allocated */
START_TEST(huge_record)
{
	size_t big = TRACEFILE_RECORD_MAX + 1;
	uint8_t *payload = calloc(1, big);
	ck_assert_ptr_nonnull(payload);
	struct tracefile_writer *w = create(TRACE, 0);
	emit(w, 1, TRACE_UART, 0, "ok", 2);
	emit(w, 2, TRACE_UART, 0, payload, (uint32_t)big);
	finish(w);
	free(payload);
	struct tracefile_reader *r = open_ok(TRACE);
	struct tracefile_record rec;
	next_ok(r, &rec);
	ck_assert_int_eq(tracefile_next(r, &rec, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "record of 16777217 bytes; no record is longer than 16777216 bytes"));
	tracefile_close(r);
}
END_TEST

/* a trace with no IRQ line and no mailbox record: VCD with no signal
 * (memcpy and qsort were handed NULL: undefined behaviour that the
 * sanitizer build aborted on) */
START_TEST(vcd_no_signals)
{
	struct tracefile_writer *w = create(TRACE, 0);
	emit(w, 5, TRACE_UART, 0, "hello", 5);
	finish(w);
	struct tracefile_reader *r = open_ok(TRACE);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	ck_assert_int_eq(tracefile_vcd(r, f, err, sizeof(err)), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "$enddefinitions $end"));
	ck_assert_ptr_null(strstr(out, "$var"));
	free(out);
	tracefile_close(r);
	/* and one without any record */
	finish(create(TRACE, 0));
	r = open_ok(TRACE);
	f = open_memstream(&out, &len);
	ck_assert_int_eq(tracefile_vcd(r, f, err, sizeof(err)), 0);
	fclose(f);
	free(out);
	tracefile_close(r);
}
END_TEST

/* component names from the file reach the terminal escaped */
START_TEST(dump_escapes_names)
{
	struct tracefile_writer *w = create(TRACE, 0);
	uint8_t comp[] = { 3, 0, 0x1b, '[', '2', 'J', 'x' };
	emit(w, 0, TRACE_COMPONENT, 3, comp, sizeof(comp));
	emit(w, 1, TRACE_UART, 3, "\x1b]0;t\x07", 6);
	finish(w);
	struct tracefile_reader *r = open_ok(TRACE);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	ck_assert_int_eq(tracefile_dump(r, f, err, sizeof(err)), 0);
	fclose(f);
	ck_assert_ptr_null(strchr(out, 0x1b));
	ck_assert_ptr_null(strchr(out, 0x07));
	ck_assert_ptr_nonnull(strstr(out, "\\x1b[2Jx"));
	free(out);
	tracefile_close(r);
}
END_TEST

START_TEST(empty_trace)
{
	finish(create(TRACE, 0));
	struct tracefile_reader *r = open_ok(TRACE);
	struct tracefile_record rec;
	size_t n;
	tracefile_index(r, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(tracefile_record_count(r), 0);
	ck_assert_int_eq(tracefile_next(r, &rec, err, sizeof(err)), 0);
	tracefile_close(r);
}
END_TEST

static sim_time_t seek_time_of(uint32_t i)
{
	/* roughly increasing, with steps back inside each block */
	return (sim_time_t)i * 1000 - (i % 3 == 2 ? 1500 : 0);
}

START_TEST(index_and_seek)
{
	enum { N = 3 * TRACEFILE_INDEX_EVERY + 17 };
	struct tracefile_writer *w = create(TRACE, 0);
	uint8_t p[8];
	for (uint32_t i = 0; i < N; i++) {
		le32_store(p, i);
		emit(w, seek_time_of(i), TRACE_IRQ, 1, p, 5);
	}
	finish(w);
	struct tracefile_reader *r = open_ok(TRACE);
	size_t n;
	const struct tracefile_index_entry *ix = tracefile_index(r, &n);
	ck_assert_uint_eq(n, 4);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(ix[i].number, i * TRACEFILE_INDEX_EVERY);
	ck_assert_uint_eq(ix[0].offset, TRACEFILE_HEADER_SIZE);
	ck_assert_uint_eq(ix[1].max_time, (sim_time_t)(2 * TRACEFILE_INDEX_EVERY - 1) * 1000 - 0);
	struct tracefile_record rec;
	ck_assert_int_eq(tracefile_seek_record(r, 2 * TRACEFILE_INDEX_EVERY + 5, err, sizeof(err)), 0);
	next_ok(r, &rec);
	ck_assert_uint_eq(rec.number, 2 * TRACEFILE_INDEX_EVERY + 5);
	ck_assert_uint_eq(le32_load(rec.data), 2 * TRACEFILE_INDEX_EVERY + 5);
	/* seek by time: the block that holds time T, then skip earlier ones */
	sim_time_t target = (sim_time_t)(TRACEFILE_INDEX_EVERY + 100) * 1000;
	tracefile_seek_time(r, target);
	next_ok(r, &rec);
	ck_assert_uint_eq(rec.number, TRACEFILE_INDEX_EVERY);
	ck_assert_uint_eq(rec.time, seek_time_of(TRACEFILE_INDEX_EVERY));
	while (rec.time < target)
		next_ok(r, &rec);
	uint32_t first = 0;
	while (seek_time_of(first) < target)
		first++;
	ck_assert_uint_eq(le32_load(rec.data), first);
	tracefile_seek_time(r, UINT64_MAX);
	ck_assert_int_eq(tracefile_next(r, &rec, err, sizeof(err)), 0);
	tracefile_seek_time(r, 0);
	next_ok(r, &rec);
	ck_assert_uint_eq(rec.number, 0);
	ck_assert_int_eq(tracefile_seek_record(r, N + 5, err, sizeof(err)), 0);
	ck_assert_int_eq(tracefile_next(r, &rec, err, sizeof(err)), 0);
	tracefile_close(r);
}
END_TEST

static void write_sample(const char *path)
{
	struct tracefile_writer *w = create(path, 0);
	struct sim sim;
	sim_init(&sim);
	sim.trace = tracefile_sink(w);
	sim.log_fn = NULL;
	tracefile_identity(w, TRACEFILE_ID_TOOL, "rpsim test", 0, 0);
	sim_add_component(&sim, "host", NULL, NULL);
	sim_add_component(&sim, "mbox", NULL, NULL);
	sim_add_component(&sim, "rv0", NULL, NULL);
	uint8_t b[64];
	b[0] = SIM_LOG_INFO;
	memcpy(b + 1, "boot \"fw\"\n", 10);
	sim_trace(&sim, 1500, TRACE_LOG, 0, b, 11);
	le32_store(b, 0);
	le32_store(b + 4, 2);
	sim_trace(&sim, 2000, TRACE_STATE, 0, b, 8);
	b[0] = 0; b[1] = 1; b[2] = 0;
	le32_store(b + 3, 0xdeadbeef);
	sim_trace(&sim, 2500, TRACE_MBOX, 1, b, 7);
	le32_store(b, 3);
	b[4] = 1;
	sim_trace(&sim, 2600, TRACE_IRQ, 1, b, 5);
	b[0] = 0;
	le32_store(b + 1, 1024);
	le32_store(b + 5, 53);
	le16_store(b + 9, 5);
	memcpy(b + 11, "hi\x01!\n", 5);
	sim_trace(&sim, 3000, TRACE_RPMSG, 0, b, 16);
	b[0] = 1;
	sim_trace(&sim, 4000, TRACE_RPMSG, 2, b, 16);
	/* only the host traces these messages: the remote's side is the mailbox */
	b[0] = 0;
	le32_store(b + 1, 53);
	le32_store(b + 5, 1024);
	le16_store(b + 9, 1);
	b[11] = 'x';
	sim_trace(&sim, 4500, TRACE_RPMSG, 0, b, 12);
	uint8_t m[7] = { 0, 0, 1, 1, 0, 0, 0 }; /* to-remote chan 0 recv 1 */
	sim_trace(&sim, 4600, TRACE_MBOX, 1, m, 7);
	m[0] = 1; m[2] = 0; m[3] = 0;           /* to-host chan 0 send 0 */
	sim_trace(&sim, 4700, TRACE_MBOX, 1, m, 7);
	b[0] = 1;
	le32_store(b + 1, 1024);
	le32_store(b + 5, 53);
	b[11] = 'y';
	sim_trace(&sim, 4800, TRACE_RPMSG, 0, b, 12);
	le32_store(b, 0x80000000);
	le32_store(b + 4, 0x00000513);
	b[8] = 10;
	le32_store(b + 9, 42);
	sim_trace(&sim, 3500, TRACE_INSN, 2, b, 13); /* earlier than the last: ran ahead */
	le32_store(b, 3);
	b[4] = 0;
	sim_trace(&sim, 5000, TRACE_IRQ, 1, b, 5);
	b[0] = 1;
	memcpy(b + 1, "echo ok", 7);
	sim_trace(&sim, 5000, TRACE_EXPECT, 0, b, 8);
	/* the core's states and a trap: slices in Perfetto, signals in the
	 * VCD; the trap returns when the core is back at its epc */
	uint8_t st = 0; /* running */
	sim_trace(&sim, 1000, TRACE_CORE, 2, &st, 1);
	st = 1; /* wfi */
	sim_trace(&sim, 4200, TRACE_CORE, 2, &st, 1);
	st = 0;
	sim_trace(&sim, 4550, TRACE_CORE, 2, &st, 1);
	le32_store(b, 0x8000000b);
	le32_store(b + 4, 0x80000008);
	le32_store(b + 8, 0);
	sim_trace(&sim, 4560, TRACE_TRAP, 2, b, 12);
	le32_store(b, 0x80000100);
	le32_store(b + 4, 0x30200073);
	b[8] = 0;
	le32_store(b + 9, 0);
	sim_trace(&sim, 4570, TRACE_INSN, 2, b, 13);
	le32_store(b, 0x80000008);
	le32_store(b + 4, 0x00000013);
	sim_trace(&sim, 4590, TRACE_INSN, 2, b, 13);
	b[0] = 1;
	memcpy(b + 1, "echo ok", 7); /* what the malformed record below cuts */
	sim_trace(&sim, 6000, 40, 2, "\x01\x02", 2);
	sim_trace(&sim, 6001, TRACE_MBOX, 1, b, 3); /* malformed: short */
	sim.trace = NULL;
	sim_destroy(&sim);
	finish(w);
}

static char *export(int (*fn)(struct tracefile_reader *, FILE *, char *, size_t))
{
	write_sample(TRACE);
	struct tracefile_reader *r = open_ok(TRACE);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	ck_assert_int_eq(fn(r, out, err, sizeof(err)), 0);
	fclose(out);
	tracefile_close(r);
	return buf;
}

static void golden(const char *got, const char *want)
{
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "---- got:\n%s---- want:\n%s----\n", got, want);
		ck_abort_msg("output differs from the golden text");
	}
}

START_TEST(golden_dump)
{
	char *got = export(tracefile_dump);
	golden(got,
#include "tests/unit/check_tracefile_dump.golden"
	);
	free(got);
}
END_TEST

START_TEST(golden_perfetto)
{
	char *got = export(tracefile_perfetto);
	golden(got,
#include "tests/unit/check_tracefile_perfetto.golden"
	);
	free(got);
}
END_TEST

START_TEST(golden_vcd)
{
	char *got = export(tracefile_vcd);
	golden(got,
#include "tests/unit/check_tracefile_vcd.golden"
	);
	free(got);
}
END_TEST

START_TEST(deterministic)
{
	write_sample(TRACE);
	write_sample(TRACE2);
	assert_same_file(TRACE, TRACE2);
}
END_TEST

/* Reads everything; returns 0 if the file was accepted in full, -1 if it
 * was refused with a message that gives a byte offset. */
static int read_everything(const char *path)
{
	struct tracefile_reader *r = tracefile_open(path, err, sizeof(err));
	if (!r) {
		ck_assert_msg(strstr(err, "byte offset") != NULL, "message without offset: %s", err);
		return -1;
	}
	struct tracefile_record rec;
	int rc;
	char desc[1024];
	while ((rc = tracefile_next(r, &rec, err, sizeof(err))) > 0)
		tracefile_describe(&rec, desc, sizeof(desc));
	/* the exporters must survive whatever the reader lets through */
	FILE *null = fopen("/dev/null", "w");
	tracefile_dump(r, null, err, sizeof(err));
	tracefile_perfetto(r, null, err, sizeof(err));
	tracefile_vcd(r, null, err, sizeof(err));
	fclose(null);
	tracefile_close(r);
	if (rc < 0)
		ck_assert_msg(strstr(err, "byte offset") != NULL, "message without offset: %s", err);
	return rc;
}

START_TEST(truncated_refused)
{
	write_sample(TRACE);
	size_t len;
	uint8_t *data = read_all(TRACE, &len);
	for (size_t cut = 0; cut < len; cut++) {
		write_all(TRACE2, data, cut);
		ck_assert_int_eq(read_everything(TRACE2), -1);
	}
	write_all(TRACE2, data, len);
	ck_assert_int_eq(read_everything(TRACE2), 0);
	free(data);
	ck_assert_ptr_null(tracefile_open("no-such-file.trace", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "no-such-file.trace: cannot read the trace file"));
}
END_TEST

static void expect_refused(const uint8_t *data, size_t len, const char *needle)
{
	write_all(TRACE2, data, len);
	ck_assert_int_eq(read_everything(TRACE2), -1);
	ck_assert_msg(strstr(err, needle) != NULL, "\"%s\" lacks \"%s\"", err, needle);
}

START_TEST(corrupt_refused)
{
	write_sample(TRACE);
	size_t len;
	uint8_t *data = read_all(TRACE, &len);
	uint8_t *bad = malloc(len);
	memcpy(bad, data, len);
	bad[0] = 'X';
	expect_refused(bad, len, TRACE2 ": byte offset 0: not an rpsim trace file");
	memcpy(bad, data, len);
	bad[8] = 9;
	expect_refused(bad, len, "byte offset 8: format version 9");
	/* the trailer: magic, index offset, record count, directory offset */
	memcpy(bad, data, len);
	le64_store(bad + len - 24, len);
	expect_refused(bad, len, "is outside the file");
	memcpy(bad, data, len);
	le64_store(bad + len - 16, 3);
	expect_refused(bad, len, "the records of block 0 do not match its index entry");
	memcpy(bad, data, len);
	uint64_t nrec = le64_load(data + len - 16);
	le64_store(bad + len - 16, nrec + 1);
	char want[80];
	snprintf(want, sizeof(want), "%llu records found, the trailer says %llu", (unsigned long long)nrec,
		 (unsigned long long)nrec + 1);
	expect_refused(bad, len, want);
	memcpy(bad, data, len);
	le64_store(bad + len - 8, le64_load(data + len - 24) - 3);
	expect_refused(bad, len, "index entry 0 is inconsistent");
	memcpy(bad, data, len);
	/* the index record: delta, type, component, length (1 + 2 + 2 + 2
	 * bytes here), then u32 every and u64 count */
	le64_store(bad + le64_load(data + len - 24) + 7 + 4, 2);
	expect_refused(bad, len, "the index does not match the record count");
	memcpy(bad, data, len);
	le64_store(bad + len - 16, 2 * TRACEFILE_INDEX_EVERY);
	expect_refused(bad, len, "records cannot fit in");
	/* a record length pointing past the records */
	memcpy(bad, data, len);
	bad[TRACEFILE_HEADER_SIZE + 5] = 0xff;
	bad[TRACEFILE_HEADER_SIZE + 6] = 0x7f;
	expect_refused(bad, len, "byte offset 16: record of 16383 bytes runs past the end of its block");
	/* a time delta that never ends */
	memcpy(bad, data, len);
	memset(bad + TRACEFILE_HEADER_SIZE, 0xff, 11);
	expect_refused(bad, len, "byte offset 16: malformed time delta");
	/* seeded random damage: never a crash, always an offset */
	uint64_t s = 0x0ddba11c0ffee123ULL;
	for (int round = 0; round < 4000; round++) {
		memcpy(bad, data, len);
		for (int k = 0; k < 1 + round % 3; k++) {
			s ^= s << 13;
			s ^= s >> 7;
			s ^= s << 17;
			bad[s % len] = (uint8_t)(s >> 32);
		}
		write_all(TRACE2, bad, len);
		read_everything(TRACE2);
	}
	free(bad);
	free(data);
}
END_TEST

/* The command line: same text as the library, exit 2 on a bad file. */
START_TEST(cli)
{
	const char *rpsim = getenv("RPSIM");
	if (!rpsim || !rpsim[0])
		return; /* run outside make check */
	write_sample(TRACE);
	char cmd[4096];
	snprintf(cmd, sizeof(cmd), "'%s' trace dump " TRACE " -o " TRACE ".txt", rpsim);
	int st = system(cmd);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	size_t len;
	char *got = (char *)read_all(TRACE ".txt", &len);
	got[len] = '\0';
	golden(got,
#include "tests/unit/check_tracefile_dump.golden"
	);
	free(got);
	remove(TRACE ".txt");
	snprintf(cmd, sizeof(cmd), "'%s' trace vcd no-such.trace 2>/dev/null", rpsim);
	st = system(cmd);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 2);
	snprintf(cmd, sizeof(cmd), "'%s' trace frobnicate " TRACE " 2>/dev/null", rpsim);
	st = system(cmd);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 2);
	snprintf(cmd, sizeof(cmd), "'%s' trace perfetto " TRACE " >/dev/null", rpsim);
	st = system(cmd);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}
END_TEST

/* Leaves nothing behind in the build directory (make distcheck). */
static void teardown(void)
{
	remove(TRACE);
	remove(TRACE2);
	remove(TRACE ".txt");
}

Suite *make_suite(void)
{
	Suite *s = suite_create("tracefile");
	TCase *tc = tcase_create("tracefile");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, empty_trace);
	tcase_add_test(tc, huge_record);
	tcase_add_test(tc, payload_lengths);
	tcase_add_test(tc, limit_inside_writer);
	tcase_add_test(tc, vcd_no_signals);
	tcase_add_test(tc, dump_escapes_names);
	tcase_add_test(tc, index_and_seek);
	tcase_add_test(tc, golden_dump);
	tcase_add_test(tc, golden_perfetto);
	tcase_add_test(tc, golden_vcd);
	tcase_add_test(tc, deterministic);
	tcase_add_test(tc, truncated_refused);
	tcase_add_test(tc, corrupt_refused);
	tcase_add_test(tc, cli);
	suite_add_tcase(s, tc);
	return s;
}
