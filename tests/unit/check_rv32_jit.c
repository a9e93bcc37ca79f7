/* The RV32 JIT against the interpreter it must agree with: the same
 * programs run with no JIT (the reference), with the JIT as it is used
 * (blocks compiled once hot) and with every block compiled the first
 * time, and everything observable must be equal: registers, pc, memory,
 * instructions retired, local time, run state, trap registers, and the
 * times at which a device saw the core's accesses.  Random loop bodies
 * (seeded), with per-class costs and with quanta of a few instructions
 * (a block then often does not fit the cycles left), self-modifying code
 * inside a hot loop, device accesses and interrupts, traps inside
 * compiled code. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/rv32/rv32.h"
#include "sim/core/le.h"
#include "tests/unit/check_main.h"

#define BASE 0x80000000u
#define DATA 0x8000u /* offset of the data area in RAM */
#define RAM_SIZE 0x10000u
#define DEV 0x10000000u

/* ---- encodings ---- */
static uint32_t R(uint32_t f7, unsigned rs2, unsigned rs1, uint32_t f3, unsigned rd, uint32_t op)
{
	return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static uint32_t I(uint32_t op, uint32_t f3, unsigned rd, unsigned rs1, int32_t imm)
{
	return ((uint32_t)imm << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}
static uint32_t S(uint32_t f3, unsigned rs2, unsigned rs1, int32_t imm)
{
	uint32_t u = (uint32_t)imm;
	return ((u >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 31) << 7) | 0x23;
}
static uint32_t B(uint32_t f3, unsigned rs1, unsigned rs2, int32_t off)
{
	uint32_t u = (uint32_t)off;
	return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) |
	       (f3 << 12) | (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
static uint32_t J(unsigned rd, int32_t off)
{
	uint32_t u = (uint32_t)off;
	return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
	       (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}
#define LUI(rd, v) (((uint32_t)(v) & 0xfffff000u) | ((rd) << 7) | 0x37)
#define AUIPC(rd, v) (((uint32_t)(v) & 0xfffff000u) | ((rd) << 7) | 0x17)
#define ADDI(rd, rs1, imm) I(0x13, 0, rd, rs1, imm)
#define WFI 0x10500073u
#define CSRRW(rd, csr, rs1) I(0x73, 1, rd, rs1, csr)
#define CSRRS(rd, csr, rs1) I(0x73, 2, rd, rs1, csr)
#define MRET 0x30200073u

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* li rd, v */
static unsigned li(uint32_t *p, unsigned rd, uint32_t v)
{
	uint32_t lo = v & 0xfff, hi = v - (uint32_t)((int32_t)(lo << 20) >> 20);
	p[0] = LUI(rd, hi);
	p[1] = ADDI(rd, rd, (int32_t)(lo << 20) >> 20);
	return 2;
}

/* A random program: registers seeded, then `iters` runs of a body of
 * ALU, multiply/divide, load/store (x31 is the data area), forward
 * branch and jump instructions, then wfi (interrupts off: the core
 * parks).  x30 counts the loop, x29 holds BASE for jalr; the body
 * writes neither, and x28 only as a burst's base. Returns the number of
 * words. */
static unsigned gen_program(uint32_t *p, unsigned cap, uint64_t seed, unsigned body, unsigned iters)
{
	uint64_t s = seed;
	unsigned n = 0;
	n += li(p + n, 31, BASE + DATA);
	n += li(p + n, 30, iters);
	n += li(p + n, 29, BASE);
	for (unsigned r = 1; r < 29; r++)
		n += li(p + n, r, (uint32_t)rnd(&s));
	unsigned loop = n;
	unsigned end = n + body;
	while (n < end && n + 2 < cap) {
		uint64_t x = rnd(&s);
		unsigned rd = (unsigned)(x >> 8) % 28, rs1 = (unsigned)(x >> 16) % 30,
			 rs2 = (unsigned)(x >> 24) % 30;
		if ((x >> 40) % 8 == 0)
			rd = 0;
		int32_t imm = (int32_t)((x >> 32) & 0xfff) - 2048;
		unsigned left = end - n - 1; /* instructions after this one in the body */
		switch ((x >> 52) % 17) {
		case 0: case 1: case 2: { /* R-type ALU */
			static const uint32_t f[][2] = { { 0, 0 }, { 0x20, 0 }, { 0, 1 }, { 0, 2 }, { 0, 3 },
							 { 0, 4 }, { 0, 5 }, { 0x20, 5 }, { 0, 6 }, { 0, 7 } };
			unsigned k = (unsigned)(x >> 4) % 10;
			p[n++] = R(f[k][0], rs2, rs1, f[k][1], rd, 0x33);
			break;
		}
		case 3: /* M extension */
			p[n++] = R(1, rs2, rs1, (uint32_t)(x >> 4) % 8, rd, 0x33);
			break;
		case 4: case 5: { /* I-type ALU */
			unsigned f3 = (unsigned)(x >> 4) % 8;
			if (f3 == 1)
				p[n++] = I(0x13, 1, rd, rs1, imm & 31);
			else if (f3 == 5)
				p[n++] = I(0x13, 5, rd, rs1, (imm & 31) | ((x >> 3) & 1 ? 0x400 : 0));
			else
				p[n++] = I(0x13, f3, rd, rs1, imm);
			break;
		}
		case 6:
			p[n++] = (x >> 3) & 1 ? LUI(rd, x) : AUIPC(rd, x);
			break;
		case 7: case 8: { /* loads, misaligned ones too */
			static const uint32_t f3[] = { 0, 1, 2, 4, 5 };
			p[n++] = I(0x03, f3[(x >> 4) % 5], rd, 31, (imm & 0x7ff));
			break;
		}
		case 9: case 10: /* stores, misaligned ones too (x31 stays) */
			p[n++] = S((uint32_t)(x >> 4) % 3, rs2, 31, (imm & 0x7ff));
			break;
		case 11: case 12: { /* forward branch inside the body */
			static const uint32_t f3[] = { 0, 1, 4, 5, 6, 7 };
			unsigned skip = left ? 1 + (unsigned)(x >> 4) % (left < 5 ? left : 5) : 0;
			p[n++] = B(f3[(x >> 12) % 6], rs1, rs2, 4 * (int32_t)(skip + 1));
			break;
		}
		case 13: { /* jal forward */
			unsigned skip = left ? (unsigned)(x >> 4) % (left < 4 ? left + 1 : 4) : 0;
			p[n++] = J(rd, 4 * (int32_t)(skip + 1));
			break;
		}
		case 14: { /* jalr forward from x29 = BASE (bit 0 of the target
			    * is dropped) */
			unsigned skip = left ? (unsigned)(x >> 4) % (left < 4 ? left + 1 : 4) : 0;
			p[n] = I(0x67, 0, rd, 29, 4 * (int32_t)(n + 1 + skip) + (int32_t)(x & 1));
			n++;
			break;
		}
		case 15: { /* a burst, as prologues and epilogues: accesses of one
			    * size from one base, which x28 holds (x31 plus 0..3,
			    * so sometimes misaligned; a load may overwrite it) */
			static const uint32_t lf3[] = { 0, 1, 2 }, sf3[] = { 0, 1, 2 };
			unsigned lg = (unsigned)(x >> 4) % 3, cnt = 2 + (unsigned)(x >> 6) % 5;
			bool store = (x >> 9) & 1;
			if (left < cnt + 1)
				cnt = left > 1 ? left - 1 : 0;
			if (cnt < 2) {
				p[n++] = ADDI(rd, rs1, imm);
				break;
			}
			p[n++] = ADDI(28, 31, (int32_t)((x >> 10) & 3));
			int32_t o = (int32_t)((x >> 12) & 0x3f0);
			for (unsigned k = 0; k < cnt && n < end; k++) {
				int32_t off = o + (int32_t)(((x >> (16 + 2 * k)) & 3) << lg) * ((k & 1) ? -1 : 1);
				unsigned r = (unsigned)(x >> (24 + k)) % 29;
				if (store)
					p[n++] = S(sf3[lg], r, 28, off);
				else
					p[n++] = I(0x03, lf3[lg] | ((x >> (30 + k)) & 1 ? 4 : 0) * (lg < 2), r, 28, off);
			}
			break;
		}
		default: /* addi, the commonest instruction */
			p[n++] = ADDI(rd, rs1, imm);
			break;
		}
	}
	p[n++] = ADDI(30, 30, -1);
	p[n] = B(1, 30, 0, 4 * ((int32_t)loop - (int32_t)n)); /* bne x30, x0, loop */
	n++;
	p[n++] = WFI;
	return n;
}

/* ---- a machine ---- */

struct m {
	struct sim sim;
	struct bus bus;
	struct ram *ram;
	struct cpu *core;
	struct event ev;
	uint64_t seen[64]; /* when the device saw each access */
	unsigned nseen;
};

static void m_irq(struct event *ev, void *ctx)
{
	(void)ev;
	struct m *m = ctx;
	cpu_irq_sink(m->core)(m->core, RV32_IRQ_MEI, true, m->sim.now);
}

/* a read returns the time in ns; a write of N raises MEI N ns later, of
 * 0 lowers it */
static enum bus_status dev_read(void *o, uint64_t off, unsigned size, uint64_t *v, sim_time_t t)
{
	(void)off, (void)size;
	struct m *m = o;
	if (m->nseen < 64)
		m->seen[m->nseen++] = t;
	*v = (uint32_t)(t / SIM_NS);
	return BUS_OK;
}

static enum bus_status dev_write(void *o, uint64_t off, unsigned size, uint64_t v, sim_time_t t)
{
	(void)off, (void)size;
	struct m *m = o;
	if (m->nseen < 64)
		m->seen[m->nseen++] = t;
	if (v)
		sim_schedule(&m->sim, &m->ev, t + v * SIM_NS);
	else
		cpu_irq_sink(m->core)(m->core, RV32_IRQ_MEI, false, t);
	return BUS_OK;
}

static const struct mmio_ops dev_ops = {
	.name = "testdev", .min_size = 4, .max_size = 4, .read = dev_read, .write = dev_write,
};

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *c,
		  const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)c, (void)msg;
}

static struct m *m_new(uint8_t jit, sim_time_t quantum, bool costed)
{
	struct m *m = calloc(1, sizeof(*m));
	ck_assert_ptr_nonnull(m);
	sim_init(&m->sim);
	m->sim.log_fn = quiet;
	bus_init(&m->bus, "core");
	m->ram = ram_create(RAM_SIZE);
	ck_assert_ptr_nonnull(m->ram);
	char err[200];
	ck_assert_int_eq(bus_map_ram(&m->bus, "ram", BASE, m->ram, 0, RAM_SIZE, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_device(&m->bus, "dev", DEV, 0x100, &dev_ops, m, err, sizeof(err)), 0);
	event_init(&m->ev, "dev", m_irq, m);
	struct rv32_config cfg = { .cpu = { .name = "core0", .clock_hz = 100000000,
					    .quantum = quantum, .jit = jit } };
	if (costed) {
		static const uint8_t cost[RV32_NCLASS] = { 1, 3, 17, 2, 2, 2, 3, 5 };
		memcpy(cfg.cost, cost, sizeof(cfg.cost));
	}
	m->core = rv32_create(&m->sim, &m->bus, &cfg);
	ck_assert_ptr_nonnull(m->core);
	return m;
}

static void m_free(struct m *m)
{
	sim_destroy(&m->sim);
	bus_destroy(&m->bus);
	ram_destroy(m->ram);
	free(m);
}

static void m_load(struct m *m, const uint32_t *w, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint8_t b[4];
		le32_store(b, w[i]);
		ck_assert_int_eq(ram_write_bytes(m->ram, 4 * i, b, 4), 0);
	}
}

/* what must agree */
struct outcome {
	uint64_t reg[128];
	unsigned nregs;
	uint64_t insns, time, pc;
	int state;
	uint8_t data[0x1000];
	uint64_t seen[64];
	unsigned nseen;
};

static void run(uint8_t jit, sim_time_t quantum, bool costed, const uint32_t *prog, unsigned n,
		const uint8_t *data, struct outcome *o)
{
	struct m *m = m_new(jit, quantum, costed);
	m_load(m, prog, n);
	if (data)
		ck_assert_int_eq(ram_write_bytes(m->ram, DATA, data, sizeof(o->data)), 0);
	cpu_set_reset(m->core, false, BASE, 0);
	sim_run(&m->sim, 100 * SIM_MS);
	memset(o, 0, sizeof(*o));
	o->nregs = m->core->isa->nregs;
	for (unsigned r = 0; r < o->nregs && r < 128; r++)
		cpu_get_reg(m->core, r, &o->reg[r]);
	o->insns = cpu_insns(m->core);
	o->time = cpu_local_time(m->core);
	o->pc = cpu_pc(m->core);
	o->state = cpu_state(m->core);
	ck_assert_int_eq(ram_read_bytes(m->ram, DATA, o->data, sizeof(o->data)), 0);
	memcpy(o->seen, m->seen, sizeof(o->seen));
	o->nseen = m->nseen;
	m_free(m);
}

static void same(const struct outcome *a, const struct outcome *b, const char *what)
{
	for (unsigned r = 0; r < a->nregs && r < 128; r++)
		ck_assert_msg(a->reg[r] == b->reg[r], "%s: register %u: 0x%llx, the interpreter 0x%llx",
			      what, r, (unsigned long long)b->reg[r], (unsigned long long)a->reg[r]);
	ck_assert_msg(a->insns == b->insns, "%s: %llu instructions, the interpreter %llu", what,
		      (unsigned long long)b->insns, (unsigned long long)a->insns);
	ck_assert_msg(a->time == b->time, "%s: local time %llu, the interpreter %llu", what,
		      (unsigned long long)b->time, (unsigned long long)a->time);
	ck_assert_uint_eq(a->pc, b->pc);
	ck_assert_int_eq(a->state, b->state);
	ck_assert_msg(memcmp(a->data, b->data, sizeof(a->data)) == 0, "%s: data differs", what);
	ck_assert_uint_eq(a->nseen, b->nseen);
	for (unsigned k = 0; k < a->nseen && k < 64; k++)
		ck_assert_msg(a->seen[k] == b->seen[k], "%s: device access %u at %llu, the interpreter %llu",
			      what, k, (unsigned long long)b->seen[k], (unsigned long long)a->seen[k]);
}

/* each program in every mode, with a long and a short quantum */
static void agree(const uint32_t *prog, unsigned n, const uint8_t *data, bool costed,
		  const char *what)
{
	static const sim_time_t quanta[] = { SIM_MS, 37 * SIM_NS };
	for (unsigned q = 0; q < 2; q++) {
		struct outcome *ref = malloc(sizeof(*ref)), *o = malloc(sizeof(*o));
		run(CPU_JIT_OFF, quanta[q], costed, prog, n, data, ref);
		char label[96];
		snprintf(label, sizeof(label), "%s, quantum %s, jit on", what, q ? "37ns" : "1ms");
		run(CPU_JIT_ON, quanta[q], costed, prog, n, data, o);
		same(ref, o, label);
		snprintf(label, sizeof(label), "%s, quantum %s, jit eager", what, q ? "37ns" : "1ms");
		run(CPU_JIT_EAGER, quanta[q], costed, prog, n, data, o);
		same(ref, o, label);
		free(ref);
		free(o);
	}
}

START_TEST(random_programs)
{
	uint32_t prog[400];
	uint8_t data[0x1000];
	for (unsigned t = 0; t < 150; t++) {
		uint64_t s = 0x9E3779B97F4A7C15ull * (t + 1);
		for (unsigned i = 0; i < sizeof(data); i++)
			data[i] = (uint8_t)rnd(&s);
		unsigned n = gen_program(prog, 400, s, 20 + (unsigned)(s % 200), 30);
		char what[64];
		snprintf(what, sizeof(what), "program %u (%s costs)", t, t % 3 == 2 ? "class" : "unit");
		agree(prog, n, data, t % 3 == 2, what);
	}
}
END_TEST

/* A hot loop rewrites an instruction of its own body half way: the new
 * instruction must run from then on, compiled or not. */
START_TEST(self_modifying_loop)
{
	uint32_t p[64];
	unsigned n = 0;
	n += li(p + n, 5, 100);                    /* t0: iterations */
	n += li(p + n, 6, 0);                      /* t1: sum */
	n += li(p + n, 7, ADDI(6, 6, 7));          /* t2: the replacement */
	unsigned loop = n + 2, patch_at = loop + 1;
	n += li(p + n, 8, BASE + 4 * patch_at);    /* s0: its address */
	ck_assert_uint_eq(n, loop);
	p[n++] = ADDI(5, 5, -1);
	p[n++] = ADDI(6, 6, 1);                    /* patch_at: sum += 1, later += 7 */
	p[n++] = ADDI(9, 5, -50);                  /* s1 = t0 - 50 */
	p[n++] = B(1, 9, 0, 12);                   /* bne s1, x0: over the patch */
	p[n++] = S(2, 7, 8, 0);                    /* sw t2, 0(s0): once, at t0 == 50 */
	unsigned fence = n;
	p[n++] = 0x0000100f;                       /* fence.i */
	p[n] = B(1, 5, 0, 4 * ((int32_t)loop - (int32_t)n)); /* bne t0, x0, loop */
	n++;
	p[n++] = WFI;
	agree(p, n, NULL, false, "self-modifying loop");
	struct outcome *o = malloc(sizeof(*o));
	run(CPU_JIT_EAGER, SIM_MS, false, p, n, NULL, o);
	ck_assert_uint_eq(o->reg[6], 50 * 1 + 50 * 7); /* the patch lands after t0 == 50 */
	/* without fence.i the store alone must be seen too (the decode cache
	 * and the JIT watch the code lines) */
	p[fence] = ADDI(0, 0, 0);
	agree(p, n, NULL, false, "self-modifying loop without fence.i");
	run(CPU_JIT_EAGER, SIM_MS, false, p, n, NULL, o);
	ck_assert_uint_eq(o->reg[6], 50 * 1 + 50 * 7);
	free(o);
}
END_TEST

/* Device accesses inside a hot loop: the device sees each at the
 * interpreter's time; an interrupt it raises is taken at the same
 * instruction. */
START_TEST(device_and_interrupt)
{
	uint32_t p[64];
	unsigned n = 0;
	n += li(p + n, 31, BASE + DATA);
	n += li(p + n, 10, DEV);
	n += li(p + n, 5, 200);                    /* t0: iterations */
	n += li(p + n, 6, BASE + 4 * 40);          /* mtvec: the handler at word 40 */
	p[n++] = CSRRW(0, 0x305, 6);
	n += li(p + n, 6, 0x800);                  /* mie.MEIE */
	p[n++] = CSRRW(0, 0x304, 6);
	p[n++] = I(0x73, 6, 0, 8, 0x300);          /* csrrsi mstatus, MIE */
	n += li(p + n, 7, 3);
	p[n++] = S(2, 7, 10, 0);                   /* sw t2, 0(a0): MEI in 3 ns */
	unsigned loop = n;
	p[n++] = I(0x03, 2, 11, 10, 0);            /* lw a1, 0(a0): the time */
	p[n++] = R(0, 11, 12, 0, 12, 0x33);        /* a2 += a1 */
	p[n++] = ADDI(5, 5, -1);
	p[n] = B(1, 5, 0, 4 * ((int32_t)loop - (int32_t)n));
	n++;
	p[n++] = WFI;                              /* until no interrupt is left */
	p[n++] = J(0, -4);
	ck_assert_uint_le(n, 40);
	while (n < 40)
		p[n++] = ADDI(0, 0, 0);
	/* the handler: count, lower the line, re-arm after 97 ns (20 times),
	 * return */
	p[n++] = ADDI(13, 13, 1);
	p[n++] = S(2, 0, 10, 4);                   /* sw x0, 4(a0): lower MEI */
	p[n++] = ADDI(7, 0, 97);
	p[n++] = ADDI(14, 0, 20);
	p[n++] = B(0, 13, 14, 8);                  /* a3 == 20: no more */
	p[n++] = S(2, 7, 10, 0);                   /* re-arm */
	p[n++] = MRET;
	agree(p, n, NULL, false, "device loop");
	agree(p, n, NULL, true, "device loop (class costs)");
	struct outcome *o = malloc(sizeof(*o));
	run(CPU_JIT_EAGER, SIM_MS, false, p, n, NULL, o);
	ck_assert_uint_eq(o->reg[13], 20); /* the interrupts were taken */
	ck_assert_uint_eq(o->nseen, 64);   /* the device saw the accesses */
	free(o);
}
END_TEST

/* Device stores that schedule an event (the device's, rescheduled each
 * time, N ns ahead) from a hot compiled loop, interrupts off: compiled
 * code shrinks its slice in place to the event where the rest of the
 * block fits (shrink_in_place) and leaves where it does not; either way
 * the same instructions run at the same times as in the interpreter
 * (a2 sums the times every device read saw).  Delays from 0 (no event)
 * to 255 ns, so the event falls inside the block, past it, or on a
 * slice of a few cycles. */
START_TEST(events_from_compiled_code)
{
	for (unsigned step = 1; step <= 29; step += 7) {
		uint32_t p[64];
		unsigned n = 0;
		n += li(p + n, 10, DEV);
		n += li(p + n, 5, 400);                    /* t0: iterations */
		n += li(p + n, 7, 5);                      /* t2: the first delay */
		unsigned loop = n;
		p[n++] = S(2, 7, 10, 0);                   /* sw t2: the event in t2 ns */
		p[n++] = ADDI(7, 7, (int32_t)step);
		p[n++] = I(0x13, 7, 7, 7, 255);            /* andi t2, t2, 255 */
		p[n++] = I(0x03, 2, 11, 10, 0);            /* lw a1: the time */
		p[n++] = R(0, 11, 12, 0, 12, 0x33);        /* a2 += a1 */
		p[n++] = ADDI(13, 13, 3);
		p[n++] = ADDI(14, 13, 1);
		p[n++] = ADDI(5, 5, -1);
		p[n] = B(1, 5, 0, 4 * ((int32_t)loop - (int32_t)n));
		n++;
		p[n++] = WFI;                              /* MEI is off: parks */
		p[n++] = J(0, -4);
		char what[64];
		snprintf(what, sizeof(what), "device events, delay step %u", step);
		agree(p, n, NULL, false, what);
		snprintf(what, sizeof(what), "device events, delay step %u (class costs)", step);
		agree(p, n, NULL, true, what);
	}
}
END_TEST

/* The end of an interrupt loop: sleep, and at word 40 the handler, which
 * notes mepc and minstret (and swaps mtval with mepc when asked), lowers
 * MEI and raises it again again_ns later, six times. */
static unsigned irq_tail(uint32_t *p, unsigned n, int32_t again_ns, bool swap_mtval)
{
	p[n++] = WFI;
	p[n++] = J(0, -4);
	while (n < 40)
		p[n++] = ADDI(0, 0, 0);
	p[n++] = CSRRS(20, 0x341, 0);              /* s4 = mepc */
	p[n++] = CSRRS(21, 0xb02, 0);              /* s5 = minstret */
	if (swap_mtval)
		p[n++] = CSRRW(22, 0x343, 20);     /* s6 = mtval, mtval = s4 */
	p[n++] = S(2, 0, 10, 4);                   /* lower MEI */
	p[n++] = ADDI(14, 14, 1);
	p[n++] = ADDI(7, 0, again_ns);
	p[n++] = ADDI(9, 0, 6);
	p[n++] = B(0, 14, 9, 8);                   /* six times, then no more */
	p[n++] = S(2, 7, 10, 0);                   /* again in again_ns */
	p[n++] = MRET;
	return n;
}

/* A hot loop with a critical section (csrrci/csrs on mstatus.MIE, the
 * CSR instructions compiled code does in place) and scratch CSRs; the
 * interrupts arrive inside and outside the section. */
static unsigned critical_loop(uint32_t *p, uint32_t delay_ns)
{
	unsigned n = 0;
	n += li(p + n, 10, DEV);
	n += li(p + n, 6, BASE + 4 * 40);
	p[n++] = CSRRW(0, 0x305, 6);
	n += li(p + n, 6, 0x800);
	p[n++] = CSRRW(0, 0x304, 6);
	p[n++] = I(0x73, 6, 0, 8, 0x300);          /* csrrsi mstatus, MIE */
	n += li(p + n, 5, 2000);
	n += li(p + n, 7, delay_ns);
	p[n++] = S(2, 7, 10, 0);                   /* MEI after delay_ns */
	unsigned loop = n;
	p[n++] = I(0x73, 7, 15, 8, 0x300);         /* csrrci a5, mstatus, MIE */
	p[n++] = ADDI(12, 12, 3);
	p[n++] = CSRRW(0, 0x340, 12);              /* mscratch = a2 */
	p[n++] = CSRRS(13, 0x340, 0);              /* a3 = mscratch */
	p[n++] = I(0x73, 2, 0, 15, 0x300);         /* csrs mstatus, a5: MIE back */
	p[n++] = ADDI(5, 5, -1);
	p[n] = B(1, 5, 0, 4 * ((int32_t)loop - (int32_t)n));
	n++;
	return irq_tail(p, n, 211, true);
}

/* The interpreter and compiled code agree on build's program with the
 * interrupt after each of count delays from first (odd delays with class
 * costs); then the program with the first delay, run compiled, took its
 * six interrupts.  That run's outcome is returned (the caller frees it). */
static struct outcome *agree_over_delays(unsigned (*build)(uint32_t *, uint32_t),
					 uint32_t first, uint32_t count, const char *label)
{
	uint32_t p[64];
	for (uint32_t d = first; d < first + count; d++) {
		char what[64];
		unsigned n = build(p, d);
		snprintf(what, sizeof(what), "%s, interrupt after %u ns", label, d);
		agree(p, n, NULL, d & 1, what);
	}
	struct outcome *o = malloc(sizeof(*o));
	run(CPU_JIT_EAGER, SIM_MS, false, p, build(p, first), NULL, o);
	ck_assert_uint_eq(o->reg[14], 6);          /* the interrupts were taken */
	return o;
}

START_TEST(critical_sections)
{
	free(agree_over_delays(critical_loop, 3000, 12, "critical sections"));
}
END_TEST

/* The same with the interrupt enabled and disabled in mie (as the SDK's
 * sleep does with MTIE), mstatus.MIE on throughout: compiled code writes
 * mie in place and leaves when it enables a pending interrupt. */
static unsigned mie_loop(uint32_t *p, uint32_t delay_ns)
{
	unsigned n = 0;
	n += li(p + n, 10, DEV);
	n += li(p + n, 6, BASE + 4 * 40);
	p[n++] = CSRRW(0, 0x305, 6);
	p[n++] = I(0x73, 6, 0, 8, 0x300);          /* csrrsi mstatus, MIE */
	n += li(p + n, 28, 0x888);                 /* t3: MSIE | MTIE | MEIE */
	n += li(p + n, 5, 2000);
	n += li(p + n, 7, delay_ns);
	p[n++] = S(2, 7, 10, 0);                   /* MEI after delay_ns */
	unsigned loop = n;
	p[n++] = CSRRS(15, 0x304, 28);             /* csrrs a5, mie, t3: enable */
	p[n++] = ADDI(12, 12, 3);
	p[n++] = I(0x73, 3, 0, 28, 0x304);         /* csrrc x0, mie, t3: disable */
	p[n++] = I(0x73, 7, 16, 8, 0x304);         /* csrrci a6, mie, 8: MSIE off */
	p[n++] = ADDI(5, 5, -1);
	p[n] = B(1, 5, 0, 4 * ((int32_t)loop - (int32_t)n));
	n++;
	return irq_tail(p, n, 173, false);
}

START_TEST(mie_in_place)
{
	struct outcome *o = agree_over_delays(mie_loop, 2000, 10, "mie toggled");
	ck_assert_uint_eq(o->reg[15], 0);          /* mie as the loop found it */
	free(o);
}
END_TEST

/* a hot loop (mul, div, add) that an interrupt stops after delay_ns */
static unsigned irq_loop(uint32_t *p, uint32_t delay_ns)
{
	unsigned n = 0;
	n += li(p + n, 10, DEV);
	n += li(p + n, 6, BASE + 4 * 40);          /* mtvec: word 40 */
	p[n++] = CSRRW(0, 0x305, 6);
	n += li(p + n, 6, 0x800);
	p[n++] = CSRRW(0, 0x304, 6);               /* mie.MEIE */
	p[n++] = I(0x73, 6, 0, 8, 0x300);          /* csrrsi mstatus, MIE */
	n += li(p + n, 5, 3000);                   /* t0: iterations */
	n += li(p + n, 7, delay_ns);
	p[n++] = S(2, 7, 10, 0);                   /* MEI after delay_ns */
	unsigned loop = n;
	p[n++] = R(1, 5, 5, 0, 11, 0x33);          /* mul a1, t0, t0 */
	p[n++] = R(1, 7, 11, 4, 12, 0x33);         /* div a2, a1, t2 */
	p[n++] = R(0, 12, 13, 0, 13, 0x33);        /* add a3, a3, a2 */
	p[n++] = ADDI(5, 5, -1);
	p[n] = B(1, 5, 0, 4 * ((int32_t)loop - (int32_t)n));
	n++;
	p[n++] = WFI;
	p[n++] = J(0, -4);
	while (n < 40)
		p[n++] = ADDI(0, 0, 0);
	p[n++] = CSRRS(20, 0x341, 0);              /* s4 = mepc */
	p[n++] = CSRRS(21, 0xb02, 0);              /* s5 = minstret */
	p[n++] = CSRRS(22, 0xb00, 0);              /* s6 = mcycle */
	p[n++] = S(2, 0, 10, 4);                   /* lower MEI */
	p[n++] = MRET;
	return n;
}

/* An interrupt raised while a compiled loop runs (no device access in
 * it to stop at) is taken at the same instruction: the budget a block
 * is given ends exactly at the event.  With per-class costs a block's
 * last instruction may end past the budget (it starts before): swept
 * over 30 delays, one lands there. */
START_TEST(interrupt_in_hot_loop)
{
	uint32_t p[64];
	unsigned n = irq_loop(p, 4321);
	agree(p, n, NULL, false, "interrupt in a hot loop");
	for (uint32_t d = 4300; d < 4330; d++) {
		char what[64];
		snprintf(what, sizeof(what), "interrupt after %u ns (class costs)", d);
		n = irq_loop(p, d);
		agree(p, n, NULL, true, what);
	}
	struct outcome *o = malloc(sizeof(*o));
	run(CPU_JIT_EAGER, SIM_MS, true, p, n, NULL, o);
	ck_assert_uint_gt(o->reg[21], 100);        /* taken inside the loop */
	free(o);
}
END_TEST

/* A load from nowhere on the 30th run of a compiled loop traps there:
 * mepc, mcause, mtval and the count at the trap agree. */
START_TEST(trap_in_compiled_code)
{
	uint32_t p[64];
	unsigned n = 0;
	n += li(p + n, 5, 60);
	n += li(p + n, 6, BASE + 4 * 30);          /* mtvec: word 30 */
	p[n++] = CSRRW(0, 0x305, 6);
	n += li(p + n, 10, BASE + DATA);
	unsigned loop = n;
	p[n++] = ADDI(5, 5, -1);
	p[n++] = ADDI(9, 5, -30);
	p[n++] = B(1, 9, 0, 12);                   /* bne s1, x0, +12 */
	n += li(p + n, 10, 0x40000000);            /* at t0 == 30: nowhere */
	p[n++] = I(0x03, 2, 11, 10, 8);            /* lw a1, 8(a0) */
	p[n++] = S(2, 11, 10, 12);                 /* sw a1, 12(a0) */
	p[n] = B(1, 5, 0, 4 * ((int32_t)loop - (int32_t)n));
	n++;
	p[n++] = WFI;
	ck_assert_uint_le(n, 30);
	while (n < 30)
		p[n++] = ADDI(0, 0, 0);
	p[n++] = CSRRS(20, 0x341, 0);              /* s4 = mepc */
	p[n++] = CSRRS(21, 0x342, 0);              /* s5 = mcause */
	p[n++] = CSRRS(22, 0x343, 0);              /* s6 = mtval */
	p[n++] = CSRRS(23, 0xb02, 0);              /* s7 = minstret */
	p[n++] = WFI;
	agree(p, n, NULL, false, "trap");
	agree(p, n, NULL, true, "trap (class costs)");
	struct outcome *o = malloc(sizeof(*o));
	run(CPU_JIT_EAGER, SIM_MS, false, p, n, NULL, o);
	ck_assert_uint_eq(o->reg[21], 5);           /* load access fault */
	ck_assert_uint_eq(o->reg[22], 0x40000008);
	free(o);
}
END_TEST

/* Two cores on one RAM: core 1 runs a loop core 0 patches.  Core 0 cuts
 * a store window over core 1's page before core 1 runs (a store next to
 * its code); core 1 then marks that page while core 0 is not running;
 * core 0's window must be emptied before its next slice, or its patch
 * never reaches core 1's decoded and compiled code. */
static uint64_t two_cores(uint8_t jit)
{
	struct sim sim;
	sim_init(&sim);
	sim.log_fn = quiet;
	struct bus bus;
	bus_init(&bus, "shared");
	struct ram *ram = ram_create(RAM_SIZE);
	char err[200];
	ck_assert_int_eq(bus_map_ram(&bus, "ram", BASE, ram, 0, RAM_SIZE, err, sizeof(err)), 0);
	struct cpu *core[2];
	for (unsigned k = 0; k < 2; k++) {
		struct rv32_config cfg = { .cpu = { .name = k ? "core1" : "core0", .clock_hz = 100000000,
						    .quantum = 50 * SIM_NS, .jit = jit } };
		core[k] = rv32_create(&sim, &bus, &cfg);
		ck_assert_ptr_nonnull(core[k]);
	}
	uint32_t c1[2] = { ADDI(10, 10, 1), J(0, -4) }; /* at 0x1000: a0 += 1 (patched) */
	uint32_t p[64];
	unsigned n = 0;                            /* core 0 at 0x2000 */
	n += li(p + n, 6, BASE + 0x1000);          /* t1: core 1's code */
	n += li(p + n, 7, ADDI(10, 10, 100));
	p[n++] = S(2, 0, 6, 0x7f0);                /* a store in core 1's page: the window */
	n += li(p + n, 5, 1000);                   /* spin while core 1 starts */
	unsigned loop = n;
	p[n++] = ADDI(5, 5, -1);
	p[n] = B(1, 5, 0, 4 * ((int32_t)loop - (int32_t)n));
	n++;
	p[n++] = S(2, 7, 6, 0);                    /* the patch */
	p[n++] = WFI;
	for (unsigned i = 0; i < 2; i++) {
		uint8_t b[4];
		le32_store(b, c1[i]);
		ck_assert_int_eq(ram_write_bytes(ram, 0x1000 + 4 * i, b, 4), 0);
	}
	for (unsigned i = 0; i < n; i++) {
		uint8_t b[4];
		le32_store(b, p[i]);
		ck_assert_int_eq(ram_write_bytes(ram, 0x2000 + 4 * i, b, 4), 0);
	}
	cpu_set_reset(core[0], false, BASE + 0x2000, 0);
	cpu_set_reset(core[1], false, BASE + 0x1000, 2 * SIM_US);
	sim_run(&sim, 200 * SIM_US);
	uint64_t a0 = 0;
	cpu_get_reg(core[1], 10, &a0);
	sim_destroy(&sim);
	bus_destroy(&bus);
	ram_destroy(ram);
	return a0;
}

/* Runs of accesses (a prologue-like burst) across the boundary of two
 * RAMs side by side: the window holds one, so the run's test fails and
 * the accesses go one by one, each to its RAM; and runs all in the RAM
 * the second window holds, done there as a whole. */
static void burst_machine(uint8_t jit, uint64_t *regs, uint8_t *tail)
{
	struct sim sim;
	sim_init(&sim);
	sim.log_fn = quiet;
	struct bus bus;
	bus_init(&bus, "two");
	struct ram *a = ram_create(RAM_SIZE), *b = ram_create(0x1000);
	char err[200];
	ck_assert_int_eq(bus_map_ram(&bus, "a", BASE, a, 0, RAM_SIZE, err, sizeof(err)), 0);
	ck_assert_int_eq(bus_map_ram(&bus, "b", BASE + RAM_SIZE, b, 0, 0x1000, err, sizeof(err)), 0);
	struct rv32_config cfg = { .cpu = { .name = "core0", .clock_hz = 100000000, .quantum = SIM_MS,
					    .jit = jit } };
	struct cpu *core = rv32_create(&sim, &bus, &cfg);
	uint32_t p[64];
	unsigned n = 0;
	n += li(p + n, 5, 50);                     /* t0: iterations */
	n += li(p + n, 2, BASE + 0x4000);          /* sp: in RAM a */
	n += li(p + n, 28, BASE + RAM_SIZE - 8);   /* t3: 8 bytes before RAM b */
	unsigned loop = n;
	p[n++] = ADDI(10, 10, 3);
	p[n++] = ADDI(11, 11, 5);
	p[n++] = ADDI(12, 12, 7);
	p[n++] = S(2, 10, 28, 0);                  /* a burst: two words in a, the last in b */
	p[n++] = S(2, 11, 28, 4);
	p[n++] = S(2, 5, 28, 8);
	p[n++] = S(2, 10, 2, 0);                   /* a burst inside a */
	p[n++] = S(2, 11, 2, 4);
	p[n++] = S(2, 12, 2, 8);
	p[n++] = S(2, 11, 28, 12);                 /* a burst all in b: the second window */
	p[n++] = S(2, 12, 28, 16);
	p[n++] = I(0x03, 2, 14, 28, 4);            /* and back, across: the first in a */
	p[n++] = I(0x03, 2, 13, 28, 8);
	p[n++] = I(0x03, 1, 16, 28, 6);            /* lh, misaligned */
	p[n++] = I(0x03, 2, 15, 28, 12);           /* all in b */
	p[n++] = I(0x03, 2, 6, 28, 16);
	p[n++] = I(0x03, 2, 7, 28, 20);
	p[n++] = I(0x03, 2, 29, 2, 0);             /* and the stack's, in a */
	p[n++] = I(0x03, 2, 30, 2, 4);
	p[n++] = R(0, 13, 17, 0, 17, 0x33);        /* a7 += a3 */
	p[n++] = ADDI(5, 5, -1);
	p[n] = B(1, 5, 0, 4 * ((int32_t)loop - (int32_t)n));
	n++;
	p[n++] = WFI;
	for (unsigned i = 0; i < n; i++) {
		uint8_t w[4];
		le32_store(w, p[i]);
		ck_assert_int_eq(ram_write_bytes(a, 4 * i, w, 4), 0);
	}
	cpu_set_reset(core, false, BASE, 0);
	sim_run(&sim, SIM_MS);
	for (unsigned r = 0; r < 32; r++)
		cpu_get_reg(core, r, &regs[r]);
	ck_assert_int_eq(ram_read_bytes(b, 0, tail, 16), 0);
	sim_destroy(&sim);
	bus_destroy(&bus);
	ram_destroy(a);
	ram_destroy(b);
}

START_TEST(bursts_across_rams)
{
	uint64_t ref[32], got[32];
	uint8_t rt[16], gt[16];
	burst_machine(CPU_JIT_OFF, ref, rt);
	for (uint8_t jit = CPU_JIT_ON; jit <= CPU_JIT_EAGER; jit++) {
		burst_machine(jit, got, gt);
		ck_assert_mem_eq(got, ref, sizeof(ref));
		ck_assert_mem_eq(gt, rt, sizeof(rt));
	}
	ck_assert_uint_eq(le32_load(rt), 1);       /* t0 in the last round, before it counts down */
	ck_assert_uint_eq(le32_load(rt + 4), 50 * 5); /* a1 */
	ck_assert_uint_eq(le32_load(rt + 8), 50 * 7); /* a2 */
	ck_assert_uint_eq(ref[15], 50 * 5);
	ck_assert_uint_eq(ref[6], 50 * 7);
	ck_assert_uint_eq(ref[7], 0);
	ck_assert_uint_eq(ref[29], 50 * 3);
	ck_assert_uint_eq(ref[30], 50 * 5);
	ck_assert_uint_eq(ref[17], 50 * 51 / 2);   /* a7: the sum of t0 read back from b */
}
END_TEST

START_TEST(store_to_another_cores_code)
{
	uint64_t ref = two_cores(CPU_JIT_OFF);
	ck_assert_uint_eq(two_cores(CPU_JIT_ON), ref);
	ck_assert_uint_eq(two_cores(CPU_JIT_EAGER), ref);
	/* core 1 did run the patched instruction */
	ck_assert_uint_gt(ref, 20000);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rv32_jit");
	TCase *tc = tcase_create("jit");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, random_programs);
	tcase_add_test(tc, self_modifying_loop);
	tcase_add_test(tc, device_and_interrupt);
	tcase_add_test(tc, events_from_compiled_code);
	tcase_add_test(tc, interrupt_in_hot_loop);
	tcase_add_test(tc, critical_sections);
	tcase_add_test(tc, mie_in_place);
	tcase_add_test(tc, trap_in_compiled_code);
	tcase_add_test(tc, store_to_another_cores_code);
	tcase_add_test(tc, bursts_across_rams);
	suite_add_tcase(s, tc);
	return s;
}
