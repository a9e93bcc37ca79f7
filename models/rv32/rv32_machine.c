/* The lone-core machine of `rpsim exec`: RAM shaped after the ELF, HTIF
 * and a CLINT.  The HTIF words are device windows cut out of the RAM that
 * holds them, so the core's RAM fast path never tests for them. */
#include "models/rv32/rv32_machine.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "models/rv32/rv32_decode.h"
#include "models/rv32/rv32_elf.h"
#include "sim/core/le.h"

#define CLINT_BASE 0x02000000u
#define CLINT_SIZE 0x10000u
#define CLINT_MTIMECMP 0x4000u
#define CLINT_MTIME 0xbff8u
#define MTIME_HZ 10000000u
/* segments closer than this share one RAM (and the gap is RAM too) */
#define MERGE_GAP (1u << 20)

struct rv32_machine {
	struct sim *sim;
	struct bus bus;
	struct rv32_core *core;
	struct rv32_elf elf;
	struct ram *rams[RV32_ELF_MAX_SEGS];
	unsigned nrams;
	FILE *out, *err, *trace_out;
	uint64_t max_insns;
	const char *signature_path;

	uint64_t tohost, fromhost;
	bool tohost4;
	struct event htif_ev; /* a low-word write never completed by the high one */
	bool exited;
	uint64_t exit_code;

	bool has_clint;
	uint32_t msip;
	uint64_t mtimecmp;
	struct event timer_ev;
};

/* ---- HTIF ---- */

static void htif_syscall(struct rv32_machine *m, uint64_t addr)
{
	uint8_t blk[64];
	if (addr > UINT32_MAX || bus_read_block(&m->bus, addr, blk, sizeof(blk)) != BUS_OK) {
		sim_log(m->sim, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, "htif",
			"syscall block at 0x%" PRIx64 " is not in RAM; ignored", addr);
		return;
	}
	uint64_t which = le64_load(blk), a0 = le64_load(blk + 8), a1 = le64_load(blk + 16),
		 a2 = le64_load(blk + 24);
	int64_t ret;
	if (which == 93) {
		m->exited = true;
		m->exit_code = a0;
		sim_stop(m->sim, 0);
		return;
	} else if (which == 64) {
		FILE *f = a0 == 1 ? m->out : a0 == 2 ? m->err : NULL;
		ret = (int64_t)a2;
		if (!f) {
			ret = -9; /* EBADF */
		} else {
			uint8_t buf[256];
			for (uint64_t done = 0; done < a2 && ret >= 0;) {
				uint64_t n = a2 - done < sizeof(buf) ? a2 - done : sizeof(buf);
				if (bus_read_block(&m->bus, a1 + done, buf, n) != BUS_OK) {
					ret = done ? (int64_t)done : -14; /* EFAULT */
					break;
				}
				fwrite(buf, 1, (size_t)n, f);
				done += n;
			}
		}
	} else {
		sim_log(m->sim, SIM_LOG_UNIMP, SIM_NO_COMPONENT, "htif", "syscall %" PRIu64 " is not implemented", which);
		ret = -38; /* ENOSYS */
	}
	le64_store(blk, (uint64_t)ret);
	bus_write_block(&m->bus, addr, blk, 8);
	m->fromhost = 1;
}

static void htif_process(struct rv32_machine *m)
{
	uint64_t v = m->tohost;
	if (!v)
		return;
	m->tohost = 0;
	unsigned dev = (unsigned)(v >> 56), cmd = (unsigned)(v >> 48) & 0xff;
	uint64_t payload = v & 0xffffffffffffull;
	if (dev == 0 && cmd == 0) {
		if (payload & 1) {
			m->exited = true;
			m->exit_code = payload >> 1;
			sim_stop(m->sim, 0);
		} else {
			htif_syscall(m, payload);
		}
	} else if (dev == 1 && cmd == 1) {
		fputc((int)(payload & 0xff), m->out);
		m->fromhost = ((uint64_t)1 << 56) | ((uint64_t)1 << 48);
	} else {
		sim_log(m->sim, SIM_LOG_UNIMP, SIM_NO_COMPONENT, "htif",
			"device %u command %u is not implemented (tohost 0x%016" PRIx64 ")", dev, cmd, v);
	}
}

static enum bus_status tohost_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				   sim_time_t t)
{
	(void)t;
	struct rv32_machine *m = opaque;
	*val = size == 8 ? m->tohost : (uint32_t)(m->tohost >> (8 * off));
	return BUS_OK;
}

static enum bus_status tohost_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				    sim_time_t t)
{
	struct rv32_machine *m = opaque;
	if (size == 8) {
		m->tohost = val;
	} else if (off == 0) {
		m->tohost = (m->tohost & ~(uint64_t)0xffffffffu) | (uint32_t)val;
		if (!m->tohost4) {
			/* the high word completes the command; environments that
			 * only ever write the low word get it handled 1 us later */
			if (!event_pending(&m->htif_ev))
				sim_schedule(m->sim, &m->htif_ev, t + SIM_US);
			return BUS_OK;
		}
	} else {
		m->tohost = (m->tohost & 0xffffffffu) | (val << 32);
	}
	sim_cancel(m->sim, &m->htif_ev);
	htif_process(m);
	return BUS_OK;
}

static void htif_late(struct event *ev, void *ctx)
{
	(void)ev;
	htif_process(ctx);
}

static enum bus_status fromhost_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				     sim_time_t t)
{
	(void)t;
	struct rv32_machine *m = opaque;
	*val = size == 8 ? m->fromhost : (uint32_t)(m->fromhost >> (8 * off));
	return BUS_OK;
}

static enum bus_status fromhost_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				      sim_time_t t)
{
	(void)t;
	struct rv32_machine *m = opaque;
	if (size == 8)
		m->fromhost = val;
	else if (off == 0)
		m->fromhost = (m->fromhost & ~(uint64_t)0xffffffffu) | (uint32_t)val;
	else
		m->fromhost = (m->fromhost & 0xffffffffu) | (val << 32);
	return BUS_OK;
}

static const struct mmio_ops tohost_ops = {
	.name = "tohost", .min_size = 4, .max_size = 8,
	.read = tohost_read, .write = tohost_write,
};
static const struct mmio_ops fromhost_ops = {
	.name = "fromhost", .min_size = 4, .max_size = 8,
	.read = fromhost_read, .write = fromhost_write,
};

/* ---- CLINT ---- */

static uint64_t mtime_at(sim_time_t t)
{
	return (uint64_t)((unsigned __int128)t * MTIME_HZ / SIM_S);
}

static uint64_t read_mtime(void *ctx, sim_time_t t)
{
	(void)ctx;
	return mtime_at(t);
}

static void timer_update(struct rv32_machine *m, sim_time_t t)
{
	sim_cancel(m->sim, &m->timer_ev);
	if (mtime_at(t) >= m->mtimecmp) {
		rv32_irq(m->core, RV32_IRQ_MTI, true, t);
		return;
	}
	rv32_irq(m->core, RV32_IRQ_MTI, false, t);
	/* first time at which mtime reaches mtimecmp */
	unsigned __int128 when = ((unsigned __int128)m->mtimecmp * SIM_S + MTIME_HZ - 1) / MTIME_HZ;
	if (when < SIM_TIME_MAX)
		sim_schedule(m->sim, &m->timer_ev, (sim_time_t)when);
}

static void timer_fire(struct event *ev, void *ctx)
{
	(void)ev;
	struct rv32_machine *m = ctx;
	rv32_irq(m->core, RV32_IRQ_MTI, true, m->sim->now);
}

static enum bus_status clint_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				  sim_time_t t)
{
	struct rv32_machine *m = opaque;
	uint64_t v;
	if (off < 4)
		v = m->msip;
	else if (off >= CLINT_MTIMECMP && off < CLINT_MTIMECMP + 8)
		v = m->mtimecmp >> (8 * (off - CLINT_MTIMECMP));
	else if (off >= CLINT_MTIME && off < CLINT_MTIME + 8)
		v = mtime_at(t) >> (8 * (off - CLINT_MTIME));
	else
		v = 0;
	*val = size == 8 ? v : (uint32_t)v;
	return BUS_OK;
}

static enum bus_status clint_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				   sim_time_t t)
{
	struct rv32_machine *m = opaque;
	if (off < 4) {
		m->msip = (uint32_t)val & 1;
		rv32_irq(m->core, RV32_IRQ_MSI, m->msip, t);
	} else if (off >= CLINT_MTIMECMP && off < CLINT_MTIMECMP + 8) {
		if (size == 8)
			m->mtimecmp = val;
		else if (off == CLINT_MTIMECMP)
			m->mtimecmp = (m->mtimecmp & ~(uint64_t)0xffffffffu) | (uint32_t)val;
		else
			m->mtimecmp = (m->mtimecmp & 0xffffffffu) | (val << 32);
		timer_update(m, t);
	} else if (off >= CLINT_MTIME && off < CLINT_MTIME + 8) {
		sim_log_at(m->sim, t, SIM_LOG_UNIMP, SIM_NO_COMPONENT, "clint", "mtime is read-only here; write ignored");
	}
	return BUS_OK;
}

static const struct mmio_ops clint_ops = {
	.name = "clint", .min_size = 4, .max_size = 8,
	.read = clint_read, .write = clint_write,
};

/* ---- trace ---- */

static void print_retired(void *ctx, struct rv32_core *core, uint32_t pc, uint32_t insn,
			  unsigned rd, uint32_t value)
{
	struct rv32_machine *m = ctx;
	char text[64], enc[16], line[160];
	unsigned len = rv32_disasm(insn, pc, text, sizeof(text));
	snprintf(enc, sizeof(enc), "(0x%0*" PRIx32 ")", len == 2 ? 4 : 8, insn);
	if (rd)
		snprintf(line, sizeof(line), "%s 0x%08" PRIx32 " %-12s %-32s %s=0x%08" PRIx32,
			 rv32_name(core), pc, enc, text, rv32_reg_name(rd), value);
	else
		snprintf(line, sizeof(line), "%s 0x%08" PRIx32 " %-12s %s", rv32_name(core), pc, enc,
			 text);
	fprintf(m->trace_out, "%s\n", line);
}

/* ---- building ---- */

static void destroy(void *obj)
{
	struct rv32_machine *m = obj;
	bus_destroy(&m->bus);
	for (unsigned i = 0; i < m->nrams; i++)
		ram_destroy(m->rams[i]);
	rv32_elf_free(&m->elf);
	free(m);
}

static int cmp_seg(const void *a, const void *b)
{
	const struct rv32_elf_seg *x = a, *y = b;
	return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

/* Maps [base, end) of ram (at ram offset base - rbase), leaving holes for
 * the HTIF words. */
static int map_ram(struct rv32_machine *m, struct ram *ram, uint64_t rbase, uint64_t end,
		   const uint64_t *holes, unsigned nholes, char *err, size_t errlen)
{
	uint64_t a = rbase;
	char name[BUS_NAME_LEN];
	for (unsigned i = 0; i <= nholes; i++) {
		uint64_t stop = i < nholes ? holes[i] : end;
		if (i < nholes && (holes[i] < rbase || holes[i] >= end))
			continue;
		if (stop > a) {
			snprintf(name, sizeof(name), "ram@%" PRIx64, a);
			if (bus_map_ram(&m->bus, name, a, ram, a - rbase, stop - a, err, errlen) < 0)
				return -1;
		}
		a = stop + 8;
	}
	return 0;
}

static int build(struct rv32_machine *m, char *err, size_t errlen)
{
	struct rv32_elf *e = &m->elf;
	struct rv32_elf_seg segs[RV32_ELF_MAX_SEGS];
	memcpy(segs, e->seg, sizeof(segs[0]) * e->nsegs);
	qsort(segs, e->nsegs, sizeof(segs[0]), cmp_seg);
	uint64_t holes[2];
	unsigned nholes = 0;
	if (e->has_tohost)
		holes[nholes++] = e->tohost;
	if (e->has_fromhost && (!e->has_tohost || e->fromhost != e->tohost))
		holes[nholes++] = e->fromhost;
	if (nholes == 2 && holes[0] > holes[1]) {
		uint64_t t = holes[0];
		holes[0] = holes[1];
		holes[1] = t;
	}
	if (nholes == 2 && holes[1] - holes[0] < 8) {
		snprintf(err, errlen, "tohost (0x%08" PRIx32 ") and fromhost (0x%08" PRIx32
			 ") are closer than 8 bytes", e->tohost, e->fromhost);
		return -1;
	}
	bool clint_free = true;
	for (unsigned i = 0; i < e->nsegs;) {
		uint64_t lo = segs[i].paddr & ~(uint64_t)(RAM_PAGE_SIZE - 1);
		uint64_t hi = (uint64_t)segs[i].paddr + segs[i].memsz;
		unsigned j = i + 1;
		while (j < e->nsegs && segs[j].paddr <= hi + MERGE_GAP) {
			uint64_t h = (uint64_t)segs[j].paddr + segs[j].memsz;
			hi = h > hi ? h : hi;
			j++;
		}
		hi = (hi + RAM_PAGE_SIZE - 1) & ~(uint64_t)(RAM_PAGE_SIZE - 1);
		struct ram *ram = ram_create(hi - lo);
		if (!ram) {
			snprintf(err, errlen, "cannot allocate 0x%" PRIx64 " bytes of RAM at 0x%" PRIx64,
				 hi - lo, lo);
			return -1;
		}
		m->rams[m->nrams++] = ram;
		for (unsigned k = i; k < j; k++)
			ram_write_bytes(ram, segs[k].paddr - lo, segs[k].data, segs[k].filesz);
		if (map_ram(m, ram, lo, hi, holes, nholes, err, errlen) < 0)
			return -1;
		if (lo < (uint64_t)CLINT_BASE + CLINT_SIZE && CLINT_BASE < hi)
			clint_free = false;
		i = j;
	}
	if (e->has_tohost &&
	    bus_map_device(&m->bus, "tohost", e->tohost, 8, &tohost_ops, m, err, errlen) < 0)
		return -1;
	if (e->has_fromhost && e->fromhost != e->tohost &&
	    bus_map_device(&m->bus, "fromhost", e->fromhost, 8, &fromhost_ops, m, err, errlen) < 0)
		return -1;
	if (clint_free && (!e->has_tohost || e->tohost - CLINT_BASE >= CLINT_SIZE) &&
	    (!e->has_fromhost || e->fromhost - CLINT_BASE >= CLINT_SIZE)) {
		if (bus_map_device(&m->bus, "clint", CLINT_BASE, CLINT_SIZE, &clint_ops, m, err, errlen) < 0)
			return -1;
		m->has_clint = true;
	}
	m->tohost4 = e->has_tohost && e->tohost_size == 4;
	return 0;
}

struct rv32_machine *rv32_machine_create(struct sim *sim, const char *path,
					 const struct rv32_machine_opts *o,
					 char *err, size_t errlen)
{
	struct rv32_machine *m = calloc(1, sizeof(*m));
	if (!m) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	m->sim = sim;
	bus_init(&m->bus, "exec");
	m->out = o->out ? o->out : stdout;
	m->err = o->err ? o->err : stderr;
	m->trace_out = o->trace_out ? o->trace_out : stdout;
	m->max_insns = o->max_insns;
	m->signature_path = o->signature_path;
	m->mtimecmp = UINT64_MAX;
	event_init(&m->timer_ev, "clint-timer", timer_fire, m);
	event_init(&m->htif_ev, "htif", htif_late, m);
	char msg[256];
	if (rv32_elf_read(path, &m->elf, err, errlen) < 0) {
		destroy(m);
		return NULL;
	}
	if (o->signature_path && !m->elf.has_signature) {
		snprintf(err, errlen, "%s: --signature needs the symbols begin_signature and "
			 "end_signature (riscv-arch-test), which this ELF does not have", path);
		destroy(m);
		return NULL;
	}
	if (build(m, msg, sizeof(msg)) < 0) {
		snprintf(err, errlen, "%s: %s", path, msg);
		destroy(m);
		return NULL;
	}
	/* registered before the core: destroyed after it, RAM outlives it */
	if (sim_add_component(sim, "exec", m, destroy) < 0) {
		snprintf(err, errlen, "too many components");
		destroy(m);
		return NULL;
	}
	struct rv32_config cfg = {
		.name = "core0", .clock_hz = o->clock_hz, .quantum = o->quantum,
		.mtime_hz = MTIME_HZ, .read_mtime = read_mtime, .mtime_ctx = m,
	};
	m->core = rv32_create(sim, &m->bus, &cfg);
	if (!m->core) {
		snprintf(err, errlen, "cannot create the core");
		return NULL;
	}
	if (o->max_insns)
		rv32_set_insn_limit(m->core, o->max_insns);
	if (o->trace_insns)
		rv32_set_retire_hook(m->core, print_retired, m);
	return m;
}

struct rv32_core *rv32_machine_core(struct rv32_machine *m)
{
	return m->core;
}

/* Returns 0, or -1 with a message on err. */
static int write_signature(struct rv32_machine *m)
{
	FILE *f = fopen(m->signature_path, "w");
	if (!f) {
		fprintf(m->err, "rpsim exec: cannot write the signature to %s\n", m->signature_path);
		return -1;
	}
	for (uint64_t a = m->elf.begin_signature & ~3u; a < m->elf.end_signature; a += 4) {
		uint8_t b[4] = { 0 };
		if (bus_read_block(&m->bus, a, b, 4) != BUS_OK) {
			fprintf(m->err, "rpsim exec: signature word at 0x%08" PRIx64 " is not in RAM\n", a);
			fclose(f);
			return -1;
		}
		fprintf(f, "%08" PRIx32 "\n", le32_load(b));
	}
	if (fclose(f) != 0) {
		fprintf(m->err, "rpsim exec: cannot write the signature to %s\n", m->signature_path);
		return -1;
	}
	return 0;
}

int rv32_machine_run(struct rv32_machine *m)
{
	struct rv32_core *c = m->core;
	rv32_set_reset(c, false, m->elf.entry, m->sim->now);
	enum sim_run_result r = sim_run(m->sim, SIM_TIME_MAX);
	fflush(m->out);
	if (m->signature_path && write_signature(m) < 0)
		return 1;
	if (m->exited) {
		if (m->exit_code == 0)
			return 0;
		fprintf(m->err, "rpsim exec: the firmware reported failure through tohost: code %" PRIu64
			" (riscv-tests: failing test number)\n", m->exit_code);
		return m->exit_code > 255 ? 1 : (int)m->exit_code;
	}
	uint32_t pc = rv32_get_pc(c);
	enum rv32_state st = rv32_get_state(c);
	if (st == RV32_STATE_HALTED && m->max_insns && rv32_insns_retired(c) >= m->max_insns)
		fprintf(m->err, "rpsim exec: stopped after %" PRIu64 " instructions (--max-insns) at pc "
			"0x%08" PRIx32 " without an exit through tohost\n", rv32_insns_retired(c), pc);
	else if (st == RV32_STATE_HALTED)
		fprintf(m->err, "rpsim exec: the core halted at pc 0x%08" PRIx32
			" (see the guest error above)\n", pc);
	else if (st == RV32_STATE_WFI && r == SIM_RUN_IDLE)
		fprintf(m->err, "rpsim exec: the core waits in WFI at pc 0x%08" PRIx32
			" and nothing can wake it; the firmware never wrote tohost\n", pc);
	else
		fprintf(m->err, "rpsim exec: the run stopped at pc 0x%08" PRIx32
			" without an exit through tohost\n", pc);
	return 1;
}
