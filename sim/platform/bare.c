/* The lone-core machines of `rpsim exec`, one core from the ISA registry:
 * for RISC-V, RAM as Spike gives it (2 GiB at 0x80000000 unless told
 * otherwise), the HTIF device and the platform timer as a CLINT; for Arm, QEMU's mps2-an386 memory map with
 * the program's semihosting calls as its console and exit. */
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
#include "sim/core/escape.h"
#include "sim/core/fileio.h"
#include "sim/core/le.h"
#include "sim/core/snap.h"
#include "sim/platform/isa.h"

#define CLINT_SIZE MTIMER_WINDOW_SIZE
#define MTIME_HZ 10000000u /* Spike's CLINT */
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

/* A RAM map: the machine's fixed one (QEMU's), or --ram's. */
struct bare_map {
	const char *name;
	struct { char name[BUS_NAME_LEN]; uint64_t base, size; } ram[BARE_MAX_RAM];
	unsigned nram;
};

/* RISC-V's: Spike's and qemu-system-riscv32 -M spike's DRAM, sparse (a
 * program pays only for the pages it touches). */
static const struct bare_map spike_map = {
	"Spike", { { "dram", BARE_RAM_BASE, BARE_RAM_SIZE } }, 1
};

/* Machines with a fixed RAM map and semihosting, by ELF machine. */
static const struct {
	uint16_t machine;
	struct bare_map map;
} fixed_maps[] = {
	/* QEMU's hw/arm/mps2.c for AN385/AN386: ZBT SSRAM1 (4 MiB) at 0, ZBT
	 * SSRAM2 and 3 (4 MiB) at 0x20000000, PSRAM (16 MiB) at 0x21000000;
	 * the vector table at 0 (VTOR's reset value) */
	{ ELF_EM_ARM, { "mps2-an386",
			{ { "ssram1", 0x00000000u, 4u << 20 }, { "ssram23", 0x20000000u, 4u << 20 },
			  { "psram", 0x21000000u, 16u << 20 } }, 3 } },
};

struct bare {
	struct sim *sim;
	bool semihosted;   /* a fixed machine: semihosting, the vector table at 0 */
	struct bare_map map; /* the RAM: Spike's, a fixed machine's, or --ram's */
	bool exited;       /* semihosting SYS_EXIT */
	int exit_status;
	struct bus bus;
	struct cpu *core;
	struct htif *htif;
	struct mtimer *timer;
	struct bare_image img;
	struct ram *rams[BARE_MAX_RAM];
	unsigned nrams;
	FILE *out, *err, *trace_out;
	uint64_t max_insns;
	const char *signature_path;
	/* the run in pieces (bare_advance) */
	bool started, over, killed;
	enum sim_run_result last;
	bool quiet; /* bare_set_quiet: a re-execution prints nothing again */
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
	if (!m->quiet)
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

int bare_parse_ram(const char *arg, struct bare_ram *r, char *err, size_t errlen)
{
	const char *colon = strchr(arg, ':');
	char *end;
	if (!colon || arg[0] == '-' || colon[1] == '-' || colon == arg || !colon[1]) {
		snprintf(err, errlen, "'%s' is not BASE:SIZE, e.g. 0x80000000:256M", arg);
		return -1;
	}
	errno = 0;
	unsigned long long base = strtoull(arg, &end, 0);
	if (end != colon || errno) {
		snprintf(err, errlen, "'%.*s' is not a number (the RAM's base address, e.g. 0x80000000)",
			 (int)(colon - arg), arg);
		return -1;
	}
	unsigned long long size = strtoull(colon + 1, &end, 0), unit = 1;
	if (*end == 'K' || *end == 'k')
		unit = 1ull << 10;
	else if (*end == 'M' || *end == 'm')
		unit = 1ull << 20;
	else if (*end == 'G' || *end == 'g')
		unit = 1ull << 30;
	if (errno || end == colon + 1 || (unit != 1 && end[1]) || (unit == 1 && *end)) {
		snprintf(err, errlen, "'%s' is not a size (a number with an optional K, M or G, "
			 "e.g. 256M)", colon + 1);
		return -1;
	}
	if (size == 0 || size > (1ull << 40) / unit) {
		snprintf(err, errlen, "RAM size '%s' must be more than 0 and at most 1T", colon + 1);
		return -1;
	}
	size *= unit;
	if ((base | size) & (RAM_PAGE_SIZE - 1)) {
		snprintf(err, errlen, "RAM 0x%llx:0x%llx: base and size must be multiples of 4K", base,
			 size);
		return -1;
	}
	if (base + size < base) {
		snprintf(err, errlen, "RAM 0x%llx:0x%llx wraps around the address space", base, size);
		return -1;
	}
	*r = (struct bare_ram){ base, size };
	return 0;
}

static int cmp_ram(const void *a, const void *b)
{
	const struct bare_ram *x = a, *y = b;
	return x->base < y->base ? -1 : x->base > y->base;
}

/* --ram's regions as the map, sorted and checked against each other and
 * the address space. */
static int ram_map(struct bare_map *map, const struct bare_opts *o, unsigned elf_class, char *err,
		   size_t errlen)
{
	if (o->nram > BARE_MAX_RAM) {
		snprintf(err, errlen, "%u RAM regions given; at most %d", o->nram, BARE_MAX_RAM);
		return -1;
	}
	struct bare_ram r[BARE_MAX_RAM];
	memcpy(r, o->ram, o->nram * sizeof(*r));
	qsort(r, o->nram, sizeof(*r), cmp_ram);
	uint64_t top = elf_class == 32 ? (uint64_t)1 << 32 : UINT64_MAX;
	*map = (struct bare_map){ .name = "the --ram map", .nram = o->nram };
	for (unsigned i = 0; i < o->nram; i++) {
		if (r[i].size == 0 || ((r[i].base | r[i].size) & (RAM_PAGE_SIZE - 1)) ||
		    r[i].base + r[i].size < r[i].base) {
			snprintf(err, errlen, "RAM 0x%" PRIx64 ":0x%" PRIx64 ": base and size must be "
				 "multiples of 4K, the size more than 0", r[i].base, r[i].size);
			return -1;
		}
		if (r[i].base >= top || r[i].size > top - r[i].base) {
			snprintf(err, errlen, "RAM 0x%" PRIx64 ":0x%" PRIx64 " reaches past the %u-bit "
				 "address space", r[i].base, r[i].size, elf_class);
			return -1;
		}
		if (i && r[i - 1].base + r[i - 1].size > r[i].base) {
			snprintf(err, errlen, "RAM 0x%" PRIx64 ":0x%" PRIx64 " overlaps RAM 0x%" PRIx64
				 ":0x%" PRIx64 "; give regions that do not overlap", r[i].base, r[i].size,
				 r[i - 1].base, r[i - 1].size);
			return -1;
		}
		snprintf(map->ram[i].name, sizeof(map->ram[i].name), "ram@%" PRIx64, r[i].base);
		map->ram[i].base = r[i].base;
		map->ram[i].size = r[i].size;
	}
	return 0;
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

/* The map's RAMs (with the HTIF words cut out: holes), and the segments
 * loaded into them. */
static int build_map(struct bare *m, const uint64_t *holes, unsigned nholes, char *err, size_t errlen)
{
	const struct bare_map *f = &m->map;
	for (unsigned i = 0; i < f->nram; i++) {
		struct ram *ram = ram_create(f->ram[i].size);
		if (!ram) {
			snprintf(err, errlen, "cannot allocate the %s RAM (0x%" PRIx64 " bytes)", f->ram[i].name,
				 f->ram[i].size);
			return -1;
		}
		m->rams[m->nrams++] = ram;
		if (nholes) {
			if (map_ram(m, ram, f->ram[i].base, f->ram[i].base + f->ram[i].size, holes, nholes, err,
				    errlen) < 0)
				return -1;
		} else if (bus_map_ram(&m->bus, f->ram[i].name, f->ram[i].base, ram, 0, f->ram[i].size, err,
				       errlen) < 0) {
			return -1;
		}
	}
	for (unsigned k = 0; k < m->img.nsegs; k++) {
		const struct bare_seg *sg = &m->img.seg[k];
		unsigned i = 0;
		while (i < f->nram && !(sg->paddr >= f->ram[i].base &&
					sg->paddr - f->ram[i].base < f->ram[i].size &&
					sg->memsz <= f->ram[i].size - (sg->paddr - f->ram[i].base)))
			i++;
		if (i == f->nram) {
			int n = snprintf(err, errlen, "loadable segment %u at 0x%08" PRIx64 " (0x%" PRIx64
					 " bytes) is outside %s's RAM:", k, sg->paddr, sg->memsz, f->name);
			for (unsigned r = 0; r < f->nram && n > 0 && (size_t)n < errlen; r++)
				n += snprintf(err + n, errlen - (size_t)n, "%s %s 0x%08" PRIx64 "..0x%08" PRIx64,
					      r ? "," : "", f->ram[r].name, f->ram[r].base,
					      f->ram[r].base + f->ram[r].size - 1);
			if (n > 0 && (size_t)n < errlen)
				snprintf(err + n, errlen - (size_t)n, "; give the RAM with --ram BASE:SIZE");
			return -1;
		}
		ram_write_bytes(m->rams[i], sg->paddr - f->ram[i].base, sg->data, sg->filesz);
	}
	return 0;
}

/* Semihosting: the program's console and exit (cpu_config's host calls). */
static void host_write(void *ctx, int fd, const uint8_t *buf, size_t len)
{
	struct bare *m = ctx;
	/* the program's console text, escaped as HTIF's (doc/security.md):
	 * lines and tabs pass, control bytes do not reach the terminal */
	if (!m->quiet)
		sim_escape_write(fd == 2 ? m->err : m->out, buf, len, SIM_ESC_KEEP_NL);
}

static void host_exit(void *ctx, int status, sim_time_t t)
{
	(void)t;
	struct bare *m = ctx;
	m->exited = true;
	m->exit_status = status;
	sim_stop(m->sim, 0);
}

/* The map's RAM with the segments and the HTIF windows; *clint_free
 * says whether the CLINT's range is left unused. */
static int build_memory(struct bare *m, bool *clint_free, char *err, size_t errlen)
{
	const struct bare_image *e = &m->img;
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
	if (build_map(m, holes, nholes, err, errlen) < 0)
		return -1;
	for (unsigned i = 0; i < m->map.nram; i++)
		if (m->map.ram[i].base < (uint64_t)BARE_CLINT_BASE + CLINT_SIZE &&
		    BARE_CLINT_BASE < m->map.ram[i].base + m->map.ram[i].size)
			*clint_free = false;
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

/* Snapshots of the memories (the core and the devices save themselves). */
static int bare_save(void *obj, struct snap_writer *w)
{
	struct bare *m = obj;
	snap_begin(w, "exec");
	snap_put_bool(w, m->exited);
	snap_put_u32(w, (uint32_t)m->exit_status);
	snap_put_u32(w, m->nrams);
	for (unsigned i = 0; i < m->nrams && !w->failed; i++)
		if (ram_save(m->rams[i], w) < 0)
			w->failed = true;
	snap_end(w);
	return w->failed ? -1 : 0;
}

static int bare_restore(void *obj, struct snap_reader *r)
{
	struct bare *m = obj;
	snap_enter(r, "exec");
	m->exited = snap_get_bool(r);
	m->exit_status = (int)snap_get_u32(r);
	uint32_t n = snap_get_u32(r);
	if (!r->failed && n != m->nrams)
		snap_fail(r, "%u memories in the snapshot, %u here", n, m->nrams);
	for (unsigned i = 0; i < m->nrams && !r->failed; i++)
		ram_restore(m->rams[i], r);
	snap_leave(r);
	if (r->failed)
		return -1;
	/* back before the end (a debugger's reverse execution): the run
	 * goes on from here, and bare_advance says again when it is over */
	m->over = m->killed;
	return 0;
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
	sim_add_snapshot(sim, "exec", m, bare_save, bare_restore);
	m->map = spike_map;
	for (unsigned i = 0; i < sizeof(fixed_maps) / sizeof(fixed_maps[0]); i++)
		if (fixed_maps[i].machine == isa->elf_machine) {
			m->map = fixed_maps[i].map;
			m->semihosted = true;
		}
	if (o->nram) { /* --ram replaces the machine's map */
		char msg[256];
		if (ram_map(&m->map, o, m->img.elf_class, msg, sizeof(msg)) < 0) {
			snprintf(err, errlen, "%s: --ram: %s", path, msg);
			return NULL;
		}
	}
	if (m->semihosted) {
		char msg[512];
		if (build_map(m, NULL, 0, msg, sizeof(msg)) < 0) {
			snprintf(err, errlen, "%s: %s", path, msg);
			return NULL;
		}
		struct cpu_config cfg = {
			.name = "core0", .clock_hz = o->clock_hz, .quantum = o->quantum,
			.host_write = host_write, .host_exit = host_exit, .host_ctx = m, .jit = o->jit,
		};
		m->core = isa->create(sim, &m->bus, &cfg);
		if (!m->core) {
			snprintf(err, errlen, "cannot create the core");
			return NULL;
		}
		if (o->max_insns)
			cpu_set_insn_limit(m->core, o->max_insns);
		if (o->trace_insns)
			cpu_set_retire_hook(m->core, print_retired, m);
		return m;
	}
	m->htif = htif_create(sim, "htif", &(struct htif_config){
		.mem = &m->bus, .out = m->out, .err = m->err,
		.low_word_completes = m->img.has_tohost && m->img.tohost_size == 4 });
	m->timer = mtimer_create(sim, "clint", &(struct mtimer_config){ .freq_hz = MTIME_HZ });
	if (!m->htif || !m->timer) {
		snprintf(err, errlen, "cannot create the devices");
		return NULL;
	}
	char msg[512];
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
		.time_hz = MTIME_HZ, .read_time = core_time, .time_ctx = m->timer, .jit = o->jit,
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

/* After a halt: the exception that led to it, as the core's cause
 * registers tell it (RISC-V's mcause/mtval, Cortex-M's CFSR/HFSR with
 * the fault address), so the reader need not decode them. */
static void print_cause(struct bare *m)
{
	struct cpu_trap_info ti;
	if (cpu_last_trap(m->core, &ti) != 0 || ti.interrupt)
		return;
	if (ti.has_addr)
		fprintf(m->err, "rpsim exec: the last exception: %s at 0x%08" PRIx64 ", pc 0x%08" PRIx64
			"; %s\n", ti.what, ti.addr, ti.pc, ti.regs_text);
	else
		fprintf(m->err, "rpsim exec: the last exception: %s, pc 0x%08" PRIx64 "; %s\n", ti.what,
			ti.pc, ti.regs_text);
}

/* How a run on a fixed machine ended: the semihosting exit status, or
 * why there was none. */
static int fixed_status(struct bare *m, enum sim_run_result r)
{
	struct cpu *c = m->core;
	if (m->exited)
		return m->exit_status & 0xff;
	uint64_t pc = cpu_pc(c);
	enum cpu_state st = cpu_state(c);
	if (st == CPU_STATE_HALTED && m->max_insns && cpu_insns(c) >= m->max_insns)
		fprintf(m->err, "rpsim exec: stopped after %" PRIu64 " instructions at pc 0x%08" PRIx64
			" without a semihosting SYS_EXIT: the instruction limit (--max-insns N, %llu by "
			"default; --max-insns 0 for none)\n", cpu_insns(c), pc, BARE_DEFAULT_MAX_INSNS);
	else if (st == CPU_STATE_HALTED) {
		fprintf(m->err, "rpsim exec: the core stopped at pc 0x%08" PRIx64
			" (see the guest error above) without a semihosting SYS_EXIT\n", pc);
		print_cause(m);
	} else if (st == CPU_STATE_WFI && r == SIM_RUN_IDLE)
		fprintf(m->err, "rpsim exec: the core sleeps (WFI/WFE) at pc 0x%08" PRIx64
			" and nothing can wake it; the program never called SYS_EXIT\n", pc);
	else
		fprintf(m->err, "rpsim exec: the run stopped at pc 0x%08" PRIx64
			" without a semihosting SYS_EXIT\n", pc);
	return 1;
}

/* Whether the program ended itself: semihosting's SYS_EXIT on a fixed
 * machine, tohost otherwise; code gets its status. */
static bool program_exited(const struct bare *m, uint64_t *code)
{
	if (m->semihosted) {
		*code = (uint64_t)(m->exit_status & 0xff);
		return m->exited;
	}
	return htif_exited(m->htif, code);
}

void bare_start(struct bare *m)
{
	if (m->started)
		return;
	m->started = true;
	/* Arm: the vector table at 0; RISC-V: the ELF's entry */
	cpu_set_reset(m->core, false, m->semihosted ? 0 : m->img.entry, m->sim->now);
}

bool bare_advance(struct bare *m, sim_time_t until)
{
	bare_start(m);
	if (m->over)
		return true;
	m->last = sim_run(m->sim, until);
	uint64_t code;
	struct cpu *c = m->core;
	/* a stop that is none of these is a debugger's: the run goes on */
	if (m->last == SIM_RUN_IDLE || program_exited(m, &code) ||
	    (cpu_state(c) == CPU_STATE_HALTED && m->max_insns && cpu_insns(c) >= m->max_insns))
		m->over = true;
	return m->over;
}

void bare_set_quiet(struct bare *m, bool quiet)
{
	m->quiet = quiet;
}

void bare_kill(struct bare *m)
{
	m->over = m->killed = true;
}

int bare_finish(struct bare *m)
{
	struct cpu *c = m->core;
	sim_log_summary(m->sim);
	fflush(m->out);
	fflush(m->err);
	if (m->killed) {
		fprintf(m->err, "rpsim exec: the run was killed from GDB at pc 0x%08" PRIx64 "\n", cpu_pc(c));
		return 1;
	}
	enum sim_run_result r = m->last;
	if (m->signature_path && write_signature(m) < 0)
		return 1;
	if (m->semihosted)
		return fixed_status(m, r);
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
	else if (st == CPU_STATE_HALTED) {
		fprintf(m->err, "rpsim exec: the core halted at pc 0x%08" PRIx64
			" (see the guest error above)\n", pc);
		print_cause(m);
	} else if (st == CPU_STATE_WFI && r == SIM_RUN_IDLE)
		fprintf(m->err, "rpsim exec: the core waits in WFI at pc 0x%08" PRIx64
			" and nothing can wake it; the firmware never wrote tohost\n", pc);
	else
		fprintf(m->err, "rpsim exec: the run stopped at pc 0x%08" PRIx64
			" without an exit through tohost\n", pc);
	return 1;
}

int bare_exit_status(struct bare *m)
{
	uint64_t code;
	if (m->killed)
		return 1;
	if (program_exited(m, &code))
		return code > 255 ? 1 : (int)code;
	return 1;
}

int bare_run(struct bare *m)
{
	while (!bare_advance(m, SIM_TIME_MAX))
		;
	return bare_finish(m);
}
