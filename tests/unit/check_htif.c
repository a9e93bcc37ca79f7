/* HTIF: exits (64-bit, low-then-high, low word only after 1 us, a 4-byte
 * tohost), the console, syscall blocks (write, exit, bad fd, bad buffer,
 * unknown call, block outside RAM), fromhost, reset. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/htif.h"
#include "devices/ram.h"
#include "sim/core/le.h"
#include "sim/core/sim.h"
#include "tests/unit/check_main.h"

#define RAM_BASE 0x80000000u
#define TOHOST 0x80001000u
#define FROMHOST 0x80001008u
#define BLOCK 0x80002000u
#define BUF 0x80002100u

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *who,
		  const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)who, (void)msg;
}

struct fx {
	struct sim sim;
	struct bus bus;
	struct ram *ram;
	struct htif *h;
	char *out, *err;
	size_t outlen, errlen;
	FILE *fout, *ferr;
};

/* RAM at RAM_BASE with the two words cut out, as the bare machine maps it. */
static void fx_init(struct fx *f, bool low_word_completes)
{
	memset(f, 0, sizeof(*f));
	sim_init(&f->sim);
	f->sim.log_fn = quiet;
	bus_init(&f->bus, "target");
	f->ram = ram_create(0x4000);
	ck_assert_ptr_nonnull(f->ram);
	char e[200];
	ck_assert_int_eq(bus_map_ram(&f->bus, "lo", RAM_BASE, f->ram, 0, 0x1000, e, sizeof(e)), 0);
	ck_assert_int_eq(bus_map_ram(&f->bus, "hi", FROMHOST + 8, f->ram, 0x1010, 0x2ff0, e, sizeof(e)), 0);
	f->fout = open_memstream(&f->out, &f->outlen);
	f->ferr = open_memstream(&f->err, &f->errlen);
	f->h = htif_create(&f->sim, "htif", &(struct htif_config){
		.mem = &f->bus, .out = f->fout, .err = f->ferr, .low_word_completes = low_word_completes });
	ck_assert_ptr_nonnull(f->h);
	ck_assert_int_eq(htif_map_tohost(f->h, &f->bus, TOHOST, e, sizeof(e)), 0);
	ck_assert_int_eq(htif_map_fromhost(f->h, &f->bus, FROMHOST, e, sizeof(e)), 0);
}

static void fx_free(struct fx *f)
{
	sim_destroy(&f->sim);
	bus_destroy(&f->bus);
	ram_destroy(f->ram);
	fclose(f->fout);
	fclose(f->ferr);
	free(f->out);
	free(f->err);
}

static void w32(struct fx *f, uint64_t addr, uint32_t v, sim_time_t t)
{
	ck_assert_int_eq(bus_write(&f->bus, addr, 4, v, t), BUS_OK);
}

static void w64(struct fx *f, uint64_t addr, uint64_t v, sim_time_t t)
{
	ck_assert_int_eq(bus_write(&f->bus, addr, 8, v, t), BUS_OK);
}

static uint64_t r64(struct fx *f, uint64_t addr)
{
	uint64_t v = 0;
	ck_assert_int_eq(bus_read(&f->bus, addr, 8, &v, 0), BUS_OK);
	return v;
}

/* A syscall block: number and three arguments. */
static void block(struct fx *f, uint64_t n, uint64_t a0, uint64_t a1, uint64_t a2)
{
	uint8_t b[64] = { 0 };
	le64_store(b, n);
	le64_store(b + 8, a0);
	le64_store(b + 16, a1);
	le64_store(b + 24, a2);
	ck_assert_int_eq(bus_write_block(&f->bus, BLOCK, b, sizeof(b)), BUS_OK);
}

static int64_t result(struct fx *f)
{
	uint8_t b[8];
	ck_assert_int_eq(bus_read_block(&f->bus, BLOCK, b, 8), BUS_OK);
	return (int64_t)le64_load(b);
}

START_TEST(exit_64bit_write)
{
	struct fx f;
	fx_init(&f, false);
	uint64_t code = 99;
	ck_assert(!htif_exited(f.h, &code));
	ck_assert_uint_eq(code, 99); /* untouched when not exited */
	w64(&f, TOHOST, (7 << 1) | 1, 0);
	ck_assert(htif_exited(f.h, &code));
	ck_assert_uint_eq(code, 7);
	ck_assert(f.sim.stop_requested);
	ck_assert_int_eq(f.sim.stop_code, 0);
	ck_assert_uint_eq(r64(&f, TOHOST), 0); /* handled */
	fx_free(&f);
}
END_TEST

START_TEST(exit_low_then_high)
{
	struct fx f;
	fx_init(&f, false);
	w32(&f, TOHOST, 1, 100);
	ck_assert(!htif_exited(f.h, NULL)); /* waits for the high word */
	ck_assert_uint_eq(r64(&f, TOHOST), 1);
	w32(&f, TOHOST + 4, 0, 200);
	ck_assert(htif_exited(f.h, NULL));
	/* the pending low-word event was cancelled: nothing fires later */
	f.sim.stop_requested = false;
	ck_assert_int_eq(sim_run(&f.sim, SIM_TIME_MAX), SIM_RUN_IDLE);
	fx_free(&f);
}
END_TEST

START_TEST(exit_low_word_only)
{
	struct fx f;
	fx_init(&f, false);
	w32(&f, TOHOST, (3 << 1) | 1, 5 * SIM_NS);
	ck_assert(!htif_exited(f.h, NULL));
	ck_assert_int_eq(sim_run(&f.sim, 5 * SIM_NS + SIM_US - 1), SIM_RUN_TIME);
	ck_assert(!htif_exited(f.h, NULL));
	ck_assert_int_eq(sim_run(&f.sim, SIM_TIME_MAX), SIM_RUN_STOPPED);
	uint64_t code;
	ck_assert(htif_exited(f.h, &code));
	ck_assert_uint_eq(code, 3);
	ck_assert_uint_eq(f.sim.now, 5 * SIM_NS + SIM_US);
	fx_free(&f);
}
END_TEST

START_TEST(exit_four_byte_tohost)
{
	struct fx f;
	fx_init(&f, true);
	w32(&f, TOHOST, (2 << 1) | 1, 0);
	uint64_t code;
	ck_assert(htif_exited(f.h, &code));
	ck_assert_uint_eq(code, 2);
	fx_free(&f);
}
END_TEST

START_TEST(console)
{
	struct fx f;
	fx_init(&f, false);
	w64(&f, TOHOST, (1ull << 56) | (1ull << 48) | 'h', 0);
	w64(&f, TOHOST, (1ull << 56) | (1ull << 48) | 'i', 0);
	fflush(f.fout);
	ck_assert_uint_eq(f.outlen, 2);
	ck_assert_mem_eq(f.out, "hi", 2);
	ck_assert_uint_eq(r64(&f, FROMHOST), 0x0101000000000000ull);
	/* the target acknowledges by clearing fromhost, word by word */
	w32(&f, FROMHOST + 4, 0, 0);
	ck_assert_uint_eq(r64(&f, FROMHOST), 0);
	/* unknown device: logged, ignored */
	w64(&f, TOHOST, 5ull << 56, 0);
	ck_assert_uint_eq(f.sim.log_counts[SIM_LOG_UNIMP], 1);
	ck_assert(!htif_exited(f.h, NULL));
	fx_free(&f);
}
END_TEST

START_TEST(syscalls)
{
	struct fx f;
	fx_init(&f, false);
	ck_assert_int_eq(bus_write_block(&f.bus, BUF, "hello", 5), BUS_OK);
	block(&f, 64, 1, BUF, 5);
	w64(&f, TOHOST, BLOCK, 0);
	ck_assert_int_eq(result(&f), 5);
	ck_assert_uint_eq(r64(&f, FROMHOST), 1);
	block(&f, 64, 2, BUF, 3);
	w64(&f, TOHOST, BLOCK, 0);
	ck_assert_int_eq(result(&f), 3);
	fflush(f.fout);
	fflush(f.ferr);
	ck_assert_uint_eq(f.outlen, 5);
	ck_assert_mem_eq(f.out, "hello", 5);
	ck_assert_uint_eq(f.errlen, 3);
	ck_assert_mem_eq(f.err, "hel", 3);
	/* bad fd, buffer outside RAM, unknown call */
	block(&f, 64, 3, BUF, 5);
	w64(&f, TOHOST, BLOCK, 0);
	ck_assert_int_eq(result(&f), -9);
	block(&f, 64, 1, 0x10000000, 5);
	w64(&f, TOHOST, BLOCK, 0);
	ck_assert_int_eq(result(&f), -14);
	block(&f, 99, 0, 0, 0);
	w64(&f, TOHOST, BLOCK, 0);
	ck_assert_int_eq(result(&f), -38);
	ck_assert_uint_eq(f.sim.log_counts[SIM_LOG_UNIMP], 1);
	/* a block that is not in RAM: a guest error, nothing else */
	w64(&f, TOHOST, 0x10000000, 0);
	ck_assert_uint_eq(f.sim.log_counts[SIM_LOG_GUEST_ERROR], 1);
	/* exit(4) */
	block(&f, 93, 4, 0, 0);
	w64(&f, TOHOST, BLOCK, 0);
	uint64_t code;
	ck_assert(htif_exited(f.h, &code));
	ck_assert_uint_eq(code, 4);
	fx_free(&f);
}
END_TEST

START_TEST(reset_clears)
{
	struct fx f;
	fx_init(&f, false);
	w32(&f, TOHOST, 1, 0);            /* a pending low-word command */
	w64(&f, FROMHOST, 0x1234, 0);
	htif_reset(f.h, 0);
	ck_assert_uint_eq(r64(&f, TOHOST), 0);
	ck_assert_uint_eq(r64(&f, FROMHOST), 0);
	ck_assert_int_eq(sim_run(&f.sim, SIM_TIME_MAX), SIM_RUN_IDLE); /* dropped */
	ck_assert(!htif_exited(f.h, NULL));
	/* 4-byte reads of either half */
	w64(&f, FROMHOST, 0x1122334455667788ull, 0);
	uint64_t v;
	ck_assert_int_eq(bus_read(&f.bus, FROMHOST + 4, 4, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0x11223344);
	ck_assert_int_eq(bus_read(&f.bus, FROMHOST, 4, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0x55667788);
	fx_free(&f);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("htif");
	TCase *tc = tcase_create("htif");
	tcase_add_test(tc, exit_64bit_write);
	tcase_add_test(tc, exit_low_then_high);
	tcase_add_test(tc, exit_low_word_only);
	tcase_add_test(tc, exit_four_byte_tohost);
	tcase_add_test(tc, console);
	tcase_add_test(tc, syscalls);
	tcase_add_test(tc, reset_clears);
	suite_add_tcase(s, tc);
	return s;
}
