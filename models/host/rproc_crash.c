/* Crash handling, recovery and coredump, after remoteproc_core.c
 * (rproc_report_crash, rproc_crash_handler_work, rproc_boot_recovery) and
 * remoteproc_coredump.c (rproc_coredump). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_internal.h"

static const char *const crash_names[] = {
	[RPROC_MMUFAULT] = "mmufault",
	[RPROC_WATCHDOG] = "watchdog",
	[RPROC_FATAL_ERROR] = "fatal error",
};

const char *rproc_crash_name(enum rproc_crash_type type)
{
	return (unsigned)type < sizeof(crash_names) / sizeof(crash_names[0]) ? crash_names[type] : "unknown";
}

void rproc_report_crash(struct rproc *rproc, enum rproc_crash_type type, sim_time_t t)
{
	sim_log_at(rproc->sim, t, SIM_LOG_INFO, rproc->component, rproc->dev_name, "crash detected in %s: type %s",
		   rproc->name, rproc_crash_name(type));
	/* Linux queues one work item: reports before it runs coalesce, and
	 * the handler ignores reports while the state is already crashed. */
	if (rproc->crash_pending)
		return;
	rproc->crash_pending = true;
	rproc->crash_type = type;
	sim_time_t when = simtime_add(t, rproc->cfg.crash_latency);
	sim_schedule(rproc->sim, &rproc->crash_ev, when > rproc->sim->now ? when : rproc->sim->now);
}

void rproc_crash_handler(struct event *ev, void *ctx)
{
	struct rproc *rproc = ctx;
	sim_time_t t = rproc->sim->now;
	(void)ev;
	rproc->crash_pending = false;
	if (rproc->starting) {
		/* rproc_crash_handler_work takes rproc->lock, which the start
		 * holds until its subdevices are up */
		rproc->crash_deferred = true;
		return;
	}
	/* handle only the first crash detected; a stopped rproc is not recovered */
	if (rproc->state == RPROC_CRASHED || rproc->state == RPROC_OFFLINE ||
	    rproc->state == RPROC_DETACHED || rproc->state == RPROC_DELETED)
		return;
	/* counted first: whoever the state change tells can ask what crashed */
	rproc->crash_count++;
	rproc_set_state(rproc, RPROC_CRASHED, t);
	sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "handling crash #%u in %s", rproc->crash_count,
		rproc->name);
	if (!rproc->recovery_disabled)
		rproc_trigger_recovery(rproc, t);
}

/* The second half of a recovery: reload the firmware file and start with
 * the resources already handled. */
static int finish_recovery(struct rproc *rproc, sim_time_t t)
{
	diag_clear(&rproc->last_error);
	uint8_t *data = NULL;
	size_t size = 0;
	int ret = rproc_request_firmware(rproc, &data, &size, t);
	if (ret == 0) {
		struct rproc_elf *elf = rproc_elf_open(data, size, rproc->cfg.plat->machine, &rproc->last_error);
		free(data);
		if (!elf) {
			ret = -EINVAL;
		} else {
			rproc_elf_free(rproc->img.elf);
			rproc->img.elf = elf;
			rproc->boot_addr = (uint32_t)elf->entry;
			ret = rproc_start(rproc, t);
		}
	}
	if (ret) {
		for (unsigned i = 0; i < rproc->last_error.n; i++)
			sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name, "recovery: %s",
				rproc->last_error.msgs[i].text);
		sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
			"recovery of %s failed (%d); it stays offline", rproc->name, ret);
		return ret;
	}
	rproc->recoveries++;
	return 0;
}

/* The inline dump was released, or devcoredump's 5 minutes ran out. */
static void dump_done(struct rproc *rproc, sim_time_t t)
{
	rproc->dump_wait = false;
	rproc->devcd_live = false;
	sim_cancel(rproc->sim, &rproc->dump_ev);
	finish_recovery(rproc, t);
}

void rproc_dump_timeout(struct event *ev, void *ctx)
{
	struct rproc *rproc = ctx;
	(void)ev;
	if (!rproc->dump_wait) {
		/* devcoredump deletes an unread dump after 5 minutes */
		rproc->devcd_live = false;
		return;
	}
	sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "devcd%u was not read within 5 minutes; recovery goes on",
		rproc->devcd);
	dump_done(rproc, rproc->sim->now);
}

int rproc_devcd_read(struct rproc *rproc, unsigned devcd)
{
	return rproc->devcd_live && rproc->devcd == devcd ? 0 : -ENOENT;
}

int rproc_devcd_release(struct rproc *rproc, unsigned devcd, sim_time_t t)
{
	if (!rproc->devcd_live || rproc->devcd != devcd)
		return -ENOENT;
	if (rproc->dump_wait) {
		dump_done(rproc, t);
	} else {
		rproc->devcd_live = false;
		sim_cancel(rproc->sim, &rproc->dump_ev);
	}
	return 0;
}

/* rproc_boot_recovery: stop, coredump, reload the firmware, start again.
 * The resource table is not parsed again: the cached copy (with the
 * host's vring addresses) is installed in the fresh image. With an inline
 * coredump, Linux waits until user space has read and released the dump
 * (devcoredump deletes it after 5 minutes otherwise). */
int rproc_trigger_recovery(struct rproc *rproc, sim_time_t t)
{
	if (rproc->state != RPROC_CRASHED || rproc->dump_wait)
		return 0;
	sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name, "recovering %s", rproc->name);
	int ret = rproc_stop(rproc, true, t);
	if (ret)
		return ret;
	if (rproc->dump_conf != RPROC_COREDUMP_DISABLED && rproc_coredump(rproc, t) == 0 &&
	    rproc->dump_conf == RPROC_COREDUMP_INLINE) {
		rproc->dump_wait = true;
		sim_schedule(rproc->sim, &rproc->dump_ev, simtime_add(t, RPROC_DEVCD_TIMEOUT));
		sim_log(rproc->sim, SIM_LOG_INFO, rproc->component, rproc->dev_name,
			"inline coredump: recovery waits until /sys/class/devcoredump/devcd%u/data is released",
			rproc->devcd);
		return 0;
	}
	return finish_recovery(rproc, t);
}

/* --- coredump: ELF32 ET_CORE, one PT_LOAD per memory of the rproc --- */

#define EHDR32_SIZE 52
#define PHDR32_SIZE 32
#define PT_LOAD 1
#define PT_NOTE 4
#define ET_CORE 4
#define NT_PRSTATUS 1
#define NOTE_NAME_SIZE 8   /* "CORE\0" padded to 4 bytes */
#define SIGABRT 6

/* The register note (an rpsim extension; Linux's remoteproc dump has
 * none): NT_PRSTATUS in the layout GDB reads for the ISA (struct
 * cpu_core_note).  The registers are those of the exception that led to
 * the crash when the core took one (as a process's core has the
 * registers of its faulting instruction), else the core's as they are. */
static size_t note_size(const struct cpu *core)
{
	const struct cpu_core_note *n = core ? core->isa->core_note : NULL;
	return n ? 12 + NOTE_NAME_SIZE + (((size_t)n->size + 3) & ~(size_t)3) : 0;
}

static void write_note(struct cpu *core, unsigned index, uint8_t *p)
{
	const struct cpu_core_note *n = core->isa->core_note;
	le32_store(p, 5);               /* namesz: "CORE" and its NUL */
	le32_store(p + 4, n->size);     /* descsz */
	le32_store(p + 8, NT_PRSTATUS);
	memcpy(p + 12, "CORE", 5);
	uint8_t *d = p + 12 + NOTE_NAME_SIZE;
	struct cpu_trap_info ti;
	bool exc = cpu_last_trap(core, &ti) == 0 && !ti.interrupt && ti.regs_valid;
	uint16_t sig = exc && ti.signal ? ti.signal : SIGABRT;
	le32_store(d, sig);                  /* pr_info.si_signo */
	le16_store(d + n->cursig_off, sig);  /* pr_cursig */
	le32_store(d + n->pid_off, index + 1);
	for (unsigned k = 0; k < n->nslots; k++) {
		unsigned r = n->slots[k];
		uint64_t v = 0;
		if (exc && r == core->isa->pc_regnum)
			v = ti.pc;
		else if (exc && r < 32)
			v = ti.regs[r];
		else if (r != CPU_REG_NONE && cpu_get_reg(core, r, &v) != 0)
			v = 0;
		uint8_t *slot = d + n->reg_off + (size_t)k * n->reg_bytes;
		for (unsigned b = 0; b < n->reg_bytes && b < 8; b++)
			slot[b] = (uint8_t)(v >> (8 * b));
	}
}

int rproc_coredump(struct rproc *rproc, sim_time_t t)
{
	/* devcoredump keeps one dump per failing device: while the last one
	 * is there (not released, not 5 minutes old), a new one is dropped
	 * (dev_coredumpm finds the existing entry). This also bounds what a
	 * firmware crashing in a loop writes to the coredump directory. */
	if (rproc->devcd_live) {
		sim_log_at(rproc->sim, t, SIM_LOG_INFO, rproc->component, rproc->dev_name,
			   "devcoredump: devcd%u of an earlier crash is still there; this dump is dropped",
			   rproc->devcd);
		return -EBUSY;
	}
	const struct rproc_memmap *map = &rproc->map;
	uint16_t machine = rproc->img_valid && rproc->img.elf ? rproc->img.elf->machine : rproc->cfg.plat->machine;
	struct cpu *core = !rproc->cfg.coredump_no_regs && rproc->cfg.ops->cpu ? rproc->cfg.ops->cpu(rproc) : NULL;
	size_t nsz = note_size(core);
	unsigned nph = map->n + (nsz ? 1 : 0);
	uint64_t total = EHDR32_SIZE + (uint64_t)PHDR32_SIZE * nph + nsz;
	for (unsigned i = 0; i < map->n; i++)
		total += map->mems[i].size;
	if (nph > 0xffff || total > RPROC_FW_MAX_SIZE) {
		sim_log(rproc->sim, SIM_LOG_UNIMP, rproc->component, rproc->dev_name, "coredump of %llu bytes not written (too large)",
			(unsigned long long)total);
		return -EFBIG;
	}
	uint8_t *buf = calloc(1, (size_t)total);
	if (!buf)
		return -ENOMEM;
	static const uint8_t ident[16] = { 0x7f, 'E', 'L', 'F', 1 /* 32 */, 1 /* LSB */, 1 /* current */ };
	memcpy(buf, ident, sizeof(ident));
	le16_store(buf + 16, ET_CORE);
	le16_store(buf + 18, machine);
	le32_store(buf + 20, 1);
	le32_store(buf + 24, rproc->boot_addr);
	le32_store(buf + 28, EHDR32_SIZE);     /* e_phoff */
	le16_store(buf + 40, EHDR32_SIZE);     /* e_ehsize */
	le16_store(buf + 42, PHDR32_SIZE);     /* e_phentsize */
	le16_store(buf + 44, (uint16_t)nph);
	uint64_t off = EHDR32_SIZE + (uint64_t)PHDR32_SIZE * nph;
	uint8_t *ph = buf + EHDR32_SIZE;
	if (nsz) {
		/* the note first, as in Linux's process cores */
		le32_store(ph + 0, PT_NOTE);
		le32_store(ph + 4, (uint32_t)off);
		le32_store(ph + 16, (uint32_t)nsz);   /* p_filesz; vaddr, memsz 0 */
		le32_store(ph + 28, 4);               /* p_align */
		write_note(core, rproc->cfg.index, buf + off);
		off += nsz;
		ph += PHDR32_SIZE;
	}
	for (unsigned i = 0; i < map->n; i++, ph += PHDR32_SIZE) {
		const struct rproc_mem *m = &map->mems[i];
		le32_store(ph + 0, PT_LOAD);
		le32_store(ph + 4, (uint32_t)off);
		le32_store(ph + 8, (uint32_t)m->da);  /* p_vaddr */
		le32_store(ph + 12, (uint32_t)m->da); /* p_paddr */
		le32_store(ph + 16, (uint32_t)m->size);
		le32_store(ph + 20, (uint32_t)m->size);
		le32_store(ph + 24, 7);               /* PF_R | PF_W | PF_X */
		/* what cannot be read is filled with 0xff, as Linux does */
		if (bus_read_block(rproc->cfg.host_bus, m->pa, buf + off, m->size) != BUS_OK)
			memset(buf + off, 0xff, (size_t)m->size);
		off += m->size;
	}
	char path[600];
	snprintf(path, sizeof(path), "%s/%s-coredump-%u.elf",
		 rproc->cfg.coredump_dir ? rproc->cfg.coredump_dir : ".", rproc->dev_name, rproc->coredumps + 1);
	FILE *f = rproc->cfg.coredump_dry ? NULL : fopen(path, "wb");
	int ret = 0;
	if (!rproc->cfg.coredump_dry && (!f || fwrite(buf, 1, (size_t)total, f) != total)) {
		sim_log(rproc->sim, SIM_LOG_GUEST_ERROR, rproc->component, rproc->dev_name,
			"cannot write the coredump to %s; check the coredump directory", path);
		ret = -EIO;
	} else {
		rproc->coredumps++;
		snprintf(rproc->last_coredump, sizeof(rproc->last_coredump), "%s", path);
		unsigned *seq = rproc->cfg.devcd_seq ? rproc->cfg.devcd_seq : &rproc->devcd_own_seq;
		rproc->devcd = ++*seq;
		rproc->devcd_live = true;
		sim_schedule(rproc->sim, &rproc->dump_ev, simtime_add(t, RPROC_DEVCD_TIMEOUT));
		sim_log_at(rproc->sim, t, SIM_LOG_INFO, rproc->component, rproc->dev_name, "coredump of %s written to %s (%llu bytes)",
			   rproc->name, path, (unsigned long long)total);
	}
	if (f && fclose(f) != 0)
		ret = -EIO;
	free(buf);
	return ret;
}
