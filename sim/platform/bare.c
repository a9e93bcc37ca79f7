/* The lone-core machine of `rpsim exec`: RAM shaped after the ELF, the
 * HTIF device and the platform timer as a CLINT, one core from the ISA
 * registry. */
#include "sim/platform/bare.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "devices/bus.h"
#include "devices/htif.h"
#include "devices/ram.h"
#include "devices/timer.h"
#include "sim/core/elf.h"
#include "sim/core/fileio.h"
#include "sim/core/le.h"
#include "sim/platform/isa.h"

#define CLINT_SIZE MTIMER_WINDOW_SIZE
#define MTIME_HZ 10000000u /* Spike's CLINT */
/* segments closer than this share one RAM (and the gap is RAM too) */
#define MERGE_GAP (1u << 20)
#define BARE_MAX_SEGS 32

/* What the machine takes from the firmware file. */
struct bare_seg {
	uint64_t paddr, memsz, filesz;
	const uint8_t *data; /* filesz bytes inside bare_image.elf */
};

struct bare_image {
	struct elf_image *elf; /* owned: the segments point into it */
	uint16_t machine;    /* e_machine */
	unsigned elf_class;  /* 32 or 64 */
	uint64_t entry;
	unsigned nsegs;
	struct bare_seg seg[BARE_MAX_SEGS];
	bool has_tohost, has_fromhost;
	uint64_t tohost, fromhost, tohost_size;
	bool has_signature; /* riscv-arch-test */
	uint64_t begin_signature, end_signature;
};

struct bare {
	struct sim *sim;
	struct bus bus;
	struct cpu *core;
	struct htif *htif;
	struct mtimer *timer;
	struct bare_image img;
	struct ram *rams[BARE_MAX_SEGS];
	unsigned nrams;
	FILE *out, *err, *trace_out;
	uint64_t max_insns;
	const char *signature_path;
};

/* The one place that reads the ELF file: the shared reader
 * (sim/core/elf.h) checks it; this takes what the machine needs. */
static int read_image(const char *path, struct bare_image *img, char *err, size_t errlen)
{
	size_t size = 0;
	uint8_t *data = (uint8_t *)sim_file_read(path, SIM_FILE_FIRMWARE, &size, err, errlen);
	if (!data)
		return -1;
	struct diag d;
	diag_init(&d, NULL);
	struct elf_image *e = elf_image_open(data, size, &(struct elf_open_opts){ .addr_limit = UINT32_MAX }, &d);
	free(data);
	int rc = -1;
	if (!e)
		snprintf(err, errlen, "%s: %s", path, d.n ? d.msgs[0].text : "out of memory");
	else if (e->nsegs == 0)
		snprintf(err, errlen, "%s: no loadable segment (PT_LOAD with p_memsz != 0): nothing to run",
			 path);
	else if (e->nsegs > BARE_MAX_SEGS)
		snprintf(err, errlen, "%s: %u loadable segments; at most %d are supported", path, e->nsegs,
			 BARE_MAX_SEGS);
	else
		rc = 0;
	diag_free(&d);
	if (rc < 0) {
		elf_image_free(e);
		return -1;
	}
	const struct elf_sym *to = elf_find_symbol(e, "tohost"), *from = elf_find_symbol(e, "fromhost");
	const struct elf_sym *b = elf_find_symbol(e, "begin_signature");
	const struct elf_sym *en = elf_find_symbol(e, "end_signature");
	*img = (struct bare_image){
		.elf = e, .machine = e->machine, .elf_class = e->elf_class, .entry = e->entry,
		.nsegs = e->nsegs,
		.has_tohost = to != NULL, .has_fromhost = from != NULL,
		.tohost = to ? to->value : 0, .fromhost = from ? from->value : 0,
		.tohost_size = to ? to->size : 0,
		.has_signature = b && en && b->value <= en->value,
		.begin_signature = b ? b->value : 0, .end_signature = en ? en->value : 0,
	};
	for (unsigned i = 0; i < e->nsegs; i++)
		img->seg[i] = (struct bare_seg){ e->segs[i].paddr, e->segs[i].memsz, e->segs[i].filesz,
						 elf_seg_data(e, &e->segs[i]) };
	return 0;
}

/* ---- trace ---- */

static void print_retired(void *ctx, struct cpu *core, uint64_t pc, uint32_t insn, unsigned len,
			  unsigned reg, uint64_t value)
{
	struct bare *m = ctx;
	const struct cpu_isa *isa = core->isa;
	char text[64], enc[16], line[160];
	uint8_t b[4];
	le32_store(b, insn);
	isa->disasm(b, len, pc, text, sizeof(text));
	snprintf(enc, sizeof(enc), "(0x%0*" PRIx32 ")", (int)(2 * len), insn);
	if (reg != CPU_REG_NONE && reg < isa->nregs)
		snprintf(line, sizeof(line), "%s 0x%08" PRIx64 " %-12s %-32s %s=0x%08" PRIx64, core->name,
			 pc, enc, text, isa->regs[reg].name, value);
	else
		snprintf(line, sizeof(line), "%s 0x%08" PRIx64 " %-12s %s", core->name, pc, enc, text);
	fprintf(m->trace_out, "%s\n", line);
}

/* ---- building ---- */

static void destroy(void *obj)
{
	struct bare *m = obj;
	bus_destroy(&m->bus);
	for (unsigned i = 0; i < m->nrams; i++)
		ram_destroy(m->rams[i]);
	elf_image_free(m->img.elf);
	free(m);
}

static int cmp_seg(const void *a, const void *b)
{
	const struct bare_seg *x = a, *y = b;
	return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

/* Maps [base, end) of ram (at ram offset base - rbase), leaving holes for
 * the HTIF words. */
static int map_ram(struct bare *m, struct ram *ram, uint64_t rbase, uint64_t end,
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
		a = stop + HTIF_WORD_SIZE;
	}
	return 0;
}

/* RAM for the segments and the HTIF windows; *clint_free says whether
 * the CLINT's range is left unused. */
static int build_memory(struct bare *m, bool *clint_free, char *err, size_t errlen)
{
	const struct bare_image *e = &m->img;
	struct bare_seg segs[BARE_MAX_SEGS];
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
	if (nholes == 2 && holes[1] - holes[0] < HTIF_WORD_SIZE) {
		snprintf(err, errlen, "tohost (0x%08" PRIx64 ") and fromhost (0x%08" PRIx64
			 ") are closer than 8 bytes", e->tohost, e->fromhost);
		return -1;
	}
	*clint_free = true;
	for (unsigned i = 0; i < e->nsegs;) {
		uint64_t lo = segs[i].paddr & ~(uint64_t)(RAM_PAGE_SIZE - 1);
		uint64_t hi = segs[i].paddr + segs[i].memsz;
		unsigned j = i + 1;
		while (j < e->nsegs && segs[j].paddr <= hi + MERGE_GAP) {
			uint64_t h = segs[j].paddr + segs[j].memsz;
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
		if (lo < (uint64_t)BARE_CLINT_BASE + CLINT_SIZE && BARE_CLINT_BASE < hi)
			*clint_free = false;
		i = j;
	}
	if (e->has_tohost && htif_map_tohost(m->htif, &m->bus, e->tohost, err, errlen) < 0)
		return -1;
	if (e->has_fromhost && e->fromhost != e->tohost &&
	    htif_map_fromhost(m->htif, &m->bus, e->fromhost, err, errlen) < 0)
		return -1;
	if ((e->has_tohost && e->tohost - BARE_CLINT_BASE < CLINT_SIZE) ||
	    (e->has_fromhost && e->fromhost - BARE_CLINT_BASE < CLINT_SIZE))
		*clint_free = false;
	return 0;
}

static uint64_t core_time(void *ctx, sim_time_t t)
{
	return mtimer_mtime(ctx, t);
}

/* Frees m when it is not yet a component; returns NULL for the caller. */
static struct bare *fail(struct bare *m, bool registered)
{
	if (!registered)
		destroy(m);
	return NULL;
}

struct bare *bare_create(struct sim *sim, const char *path, const struct bare_opts *o, char *err,
			 size_t errlen)
{
	struct bare *m = calloc(1, sizeof(*m));
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
	if (read_image(path, &m->img, err, errlen) < 0)
		return fail(m, false);
	const struct cpu_isa *isa = isa_by_elf(m->img.machine, m->img.elf_class);
	if (!isa) {
		char names[128];
		snprintf(err, errlen, "%s: no core model runs ELF machine %u (%u-bit); known: %s", path,
			 m->img.machine, m->img.elf_class, isa_names(names, sizeof(names)));
		return fail(m, false);
	}
	if (o->signature_path && !m->img.has_signature) {
		snprintf(err, errlen, "%s: --signature needs the symbols begin_signature and "
			 "end_signature (riscv-arch-test), which this ELF does not have", path);
		return fail(m, false);
	}
	/* registered before the devices and the core: destroyed after them,
	 * so the RAM outlives everything that points into it */
	if (sim_add_component(sim, "exec", m, destroy) < 0) {
		snprintf(err, errlen, "too many components");
		return fail(m, false);
	}
	m->htif = htif_create(sim, "htif", &(struct htif_config){
		.mem = &m->bus, .out = m->out, .err = m->err,
		.low_word_completes = m->img.has_tohost && m->img.tohost_size == 4 });
	m->timer = mtimer_create(sim, "clint", &(struct mtimer_config){ .freq_hz = MTIME_HZ });
	if (!m->htif || !m->timer) {
		snprintf(err, errlen, "cannot create the devices");
		return NULL;
	}
	char msg[256];
	bool clint_free;
	if (build_memory(m, &clint_free, msg, sizeof(msg)) < 0) {
		snprintf(err, errlen, "%s: %s", path, msg);
		return NULL;
	}
	bool timer_inputs = isa->irq.timer >= 0 || isa->irq.software >= 0;
	if (clint_free && timer_inputs &&
	    mtimer_map(m->timer, &m->bus, BARE_CLINT_BASE, msg, sizeof(msg)) < 0) {
		snprintf(err, errlen, "%s: %s", path, msg);
		return NULL;
	}
	struct cpu_config cfg = {
		.name = "core0", .clock_hz = o->clock_hz, .quantum = o->quantum,
		.time_hz = MTIME_HZ, .read_time = core_time, .time_ctx = m->timer,
	};
	m->core = isa->create(sim, &m->bus, &cfg);
	if (!m->core) {
		snprintf(err, errlen, "cannot create the core");
		return NULL;
	}
	if (isa->irq.timer >= 0)
		irq_connect(mtimer_mtip(m->timer), cpu_irq_sink(m->core), m->core, (unsigned)isa->irq.timer);
	if (isa->irq.software >= 0)
		irq_connect(mtimer_msip(m->timer), cpu_irq_sink(m->core), m->core,
			    (unsigned)isa->irq.software);
	if (o->max_insns)
		cpu_set_insn_limit(m->core, o->max_insns);
	if (o->trace_insns)
		cpu_set_retire_hook(m->core, print_retired, m);
	return m;
}

struct cpu *bare_cpu(struct bare *m)
{
	return m->core;
}

/* Returns 0, or -1 with a message on err. */
static int write_signature(struct bare *m)
{
	FILE *f = fopen(m->signature_path, "w");
	if (!f) {
		fprintf(m->err, "rpsim exec: cannot write the signature to %s\n", m->signature_path);
		return -1;
	}
	for (uint64_t a = m->img.begin_signature & ~(uint64_t)3; a < m->img.end_signature; a += 4) {
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

int bare_run(struct bare *m)
{
	struct cpu *c = m->core;
	cpu_set_reset(c, false, m->img.entry, m->sim->now);
	enum sim_run_result r = sim_run(m->sim, SIM_TIME_MAX);
	sim_log_summary(m->sim);
	fflush(m->out);
	if (m->signature_path && write_signature(m) < 0)
		return 1;
	uint64_t code;
	if (htif_exited(m->htif, &code)) {
		if (code == 0)
			return 0;
		fprintf(m->err, "rpsim exec: the firmware reported failure through tohost: code %" PRIu64
			" (riscv-tests: failing test number)\n", code);
		return code > 255 ? 1 : (int)code;
	}
	uint64_t pc = cpu_pc(c);
	enum cpu_state st = cpu_state(c);
	if (st == CPU_STATE_HALTED && m->max_insns && cpu_insns(c) >= m->max_insns)
		fprintf(m->err, "rpsim exec: stopped after %" PRIu64 " instructions at pc 0x%08" PRIx64
			" without an exit through tohost: the instruction limit (--max-insns N, %llu by "
			"default; --max-insns 0 for none)\n", cpu_insns(c), pc, BARE_DEFAULT_MAX_INSNS);
	else if (st == CPU_STATE_HALTED)
		fprintf(m->err, "rpsim exec: the core halted at pc 0x%08" PRIx64
			" (see the guest error above)\n", pc);
	else if (st == CPU_STATE_WFI && r == SIM_RUN_IDLE)
		fprintf(m->err, "rpsim exec: the core waits in WFI at pc 0x%08" PRIx64
			" and nothing can wake it; the firmware never wrote tohost\n", pc);
	else
		fprintf(m->err, "rpsim exec: the run stopped at pc 0x%08" PRIx64
			" without an exit through tohost\n", pc);
	return 1;
}
