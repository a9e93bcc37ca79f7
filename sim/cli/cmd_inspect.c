/* rpsim inspect: what the host's remoteproc would make of a firmware file,
 * without running anything.  The image goes through the real load path
 * (ELF checks, resource table checks, carveout allocation, segment and
 * table loading) against a scratch copy of the default platform, so every
 * verdict here is the verdict a boot would reach. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_load.h"
#include "sim/cli/cli.h"
#include "sim/core/fileio.h"
#include "sim/core/diag.h"
#include "sim/core/escape.h"
#include "sim/platform/isa.h"
#include "sim/platform/platform_desc.h"
#include "sim/scenario/scenario.h"


const struct cli_command cmd_inspect_cli = {
	.name = "inspect",
	.synopsis = "FIRMWARE.elf [options]",
	.summary = "show what the host sees in a firmware: segments, resource table, problems",
	.intro =
		"Shows what the host sees in a remote firmware image: ELF class, machine and\n"
		"entry, the loadable segments, the resource table entry by entry, where the\n"
		"host would place each carveout and vring on the default platform, and every\n"
		"warning. Problems go to stderr, one line each, naming the field and its\n"
		"offset.\n",
	.outro =
		"Exit status: 0 the host would load it, 2 it would be refused (or bad usage,\n"
		"unreadable file).\n",
};

/* Reads the whole file; NULL with a message on failure. */
static uint8_t *slurp(const char *path, size_t *size)
{
	char err[512];
	uint8_t *buf = (uint8_t *)sim_file_read(path, SIM_FILE_FIRMWARE, size, err, sizeof(err));
	if (!buf)
		fprintf(stderr, "rpsim inspect: %s\n", err);
	return buf;
}

static void print_elf(const struct rproc_elf *elf)
{
	const char *mn = rproc_elf_machine_name(elf->machine);
	printf("ELF%u little-endian, type %u%s, machine %u (%s), entry 0x%" PRIx64 "\n",
	       elf->elf_class, elf->type, elf->type == 2 ? " (EXEC)" : "", elf->machine,
	       mn ? mn : "unknown", elf->entry);
	if (elf->has_rsc)
		printf("section .resource_table: index %u, file offset 0x%" PRIx64 ", da 0x%" PRIx64
		       ", %" PRIu64 " bytes\n", elf->rsc_index, elf->rsc_offset, elf->rsc_da,
		       elf->rsc_size);
	else
		printf("section .resource_table: none (the firmware asks for no resources)\n");
}

/* After resource handling, so DRAM segments show the carveout they land in. */
static void print_segments(const struct rproc_elf *elf, const struct rproc_memmap *map)
{
	printf("loadable segments: %u\n", elf->nsegs);
	for (unsigned i = 0; i < elf->nsegs; i++) {
		const struct rproc_elf_seg *s = &elf->segs[i];
		char fl[4];
		printf("  phdr %u: da 0x%08" PRIx64 " filesz 0x%" PRIx64 " memsz 0x%" PRIx64 " flags %s",
		       s->index, s->da, s->filesz, s->memsz, rproc_elf_flags_str(s->flags, fl));
		const struct rproc_mem *m = rproc_memmap_find(map, s->da, s->memsz);
		if (m)
			printf(" -> %s pa 0x%" PRIx64, m->name, m->pa + (s->da - m->da));
		putchar('\n');
	}
}

static void print_host(const struct rproc_image *img)
{
	/* names come from the firmware: escaped */
	char name[SIM_ESCAPE_SIZE(RPROC_MEM_NAME_LEN + RSC_NAME_LEN)];
	printf("host resource handling (default platform):\n");
	for (unsigned i = 0; i < img->ncarveouts; i++) {
		const struct rproc_carveout *c = &img->carveouts[i];
		sim_escape(name, sizeof(name), c->name, strlen(c->name), SIM_ESC_QUOTE);
		printf("  carveout \"%s\" (entry %d): da 0x%08" PRIx32 " pa 0x%08" PRIx64 " size 0x%"
		       PRIx64 "%s\n", name, c->rsc_index, c->da, c->pa, c->size,
		       c->pooled ? " from the DRAM pool" : " in platform memory");
	}
	for (unsigned v = 0; v < img->nvdevs; v++) {
		const struct rproc_vdev_info *vd = &img->vdevs[v];
		for (unsigned i = 0; i < vd->nvrings; i++)
			printf("  vdev%u vring%u: da 0x%08" PRIx32 " num %" PRIu32 " align 0x%" PRIx32
			       " notifyid %" PRIu32 " (desc 0x%" PRIx64 ", avail 0x%" PRIx64 ", used 0x%"
			       PRIx64 ", %" PRIu64 " bytes)\n", v, i, vd->vring[i].da,
			       vd->vring[i].num, vd->vring[i].align, vd->vring[i].notifyid,
			       vd->vring[i].layout.desc, vd->vring[i].layout.avail,
			       vd->vring[i].layout.used, vd->vring[i].layout.size);
	}
	for (unsigned i = 0; i < img->ntraces; i++) {
		const struct rproc_trace_info *tr = &img->traces[i];
		sim_escape(name, sizeof(name), tr->name, strlen(tr->name), SIM_ESC_QUOTE);
		if (tr->pa_valid)
			printf("  trace \"%s\": da 0x%08" PRIx32 " pa 0x%08" PRIx64 " len 0x%" PRIx32 "\n",
			       name, tr->da, tr->pa, tr->len);
		else
			printf("  trace \"%s\": da 0x%08" PRIx32 " (in no memory) len 0x%" PRIx32 "\n",
			       name, tr->da, tr->len);
	}
	if (img->table_loaded)
		printf("  resource table copied to pa 0x%08" PRIx64 "\n", img->table_pa);
}

/* The remote's memories and expected machine: its core's defaults
 * (platform_remote_default), or remote 0 of a scenario's platform. */
static void remote_platform(struct rproc_platform *plat, const struct platform_remote_desc *r)
{
	const struct cpu_isa *isa = isa_find(r->core);
	plat->machine = isa ? isa->elf_machine : RPROC_EM_RISCV;
	plat->nmems = 0;
	for (unsigned k = 0; k < r->nmemories && k < RPROC_PLAT_MAX_MEMS; k++) {
		plat->mems[k].name = r->memories[k].name;
		plat->mems[k].da = r->memories[k].da;
		plat->mems[k].pa = r->memories[k].pa;
		plat->mems[k].size = r->memories[k].size;
		plat->nmems++;
	}
}

static int inspect(const char *path, const struct platform_remote_desc *remote, int machine, bool iommu)
{
	size_t size = 0;
	uint8_t *data = slurp(path, &size);
	if (!data)
		return RPSIM_EXIT_USAGE;

	struct rproc_platform plat;
	rproc_platform_default(&plat);
	remote_platform(&plat, remote);
	if (machine >= 0) /* --machine overrides the core's */
		plat.machine = (uint16_t)machine;
	uint16_t expect = plat.machine;
	plat.iommu.present = iommu; /* mappings recorded, no remote bus to map on */
	struct rproc_sandbox sb;
	char err[256];
	if (rproc_sandbox_init(&sb, &plat, err, sizeof(err)) != 0) {
		fprintf(stderr, "rpsim inspect: platform: %s\n", err); /* a bug in the defaults */
		free(data);
		return RPSIM_EXIT_FAIL;
	}
	struct diag d;
	diag_init(&d, path);
	char epath[SIM_ESCAPE_SIZE(256)];
	printf("%s: %zu bytes\n", sim_escape_str(epath, sizeof(epath), path), size);

	struct rproc_image img;
	printf("remote: core %s, expecting e_machine %u%s\n", remote->core, (unsigned)expect,
	       expect ? "" : " (any)");
	rproc_image_init(&img, rproc_elf_open(data, size, expect, &d), &sb.map, &sb.pool);
	rproc_image_set_iommu(&img, &plat.iommu);
	if (img.elf) {
		print_elf(img.elf);
		int rc = rproc_image_parse_rsc(&img, &d);
		if (img.table)
			rsc_table_print(&img.rsc, stdout, "");
		if (rc == 0)
			rc = rproc_image_handle_rsc(&img, &d);
		print_segments(img.elf, &sb.map);
		if (rc == 0)
			rc = rproc_image_load_segments(&img, &sb.bus, &d);
		if (rc == 0)
			rc = rproc_image_load_table(&img, &sb.bus, &d);
		if (rc == 0)
			print_host(&img);
	}
	fflush(stdout);
	diag_print(&d, stderr);
	unsigned nerr = diag_count(&d, DIAG_ERROR);
	if (nerr)
		fprintf(stderr, "rpsim inspect: %s would be refused by the host (%u problem%s)\n", path,
			nerr, nerr == 1 ? "" : "s");
	else
		printf("verdict: the host would load it (%u warning%s)\n", diag_count(&d, DIAG_WARNING),
		       diag_count(&d, DIAG_WARNING) == 1 ? "" : "s");
	rproc_image_release(&img);
	rproc_sandbox_destroy(&sb);
	diag_free(&d);
	free(data);
	return nerr ? RPSIM_EXIT_USAGE : RPSIM_EXIT_OK;
}

/* --machine: an ELF machine number or "any" (0: no check) */
static int set_machine(const struct cli_opt *o, const char *s, char *err, size_t errlen)
{
	int *out = o->dst;
	if (strcmp(s, "any") == 0) {
		*out = 0;
		return 0;
	}
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v == 0 || v > 0xffff) {
		snprintf(err, errlen, "'%s' is not an ELF machine number (1..65535) or 'any'", s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* --core: an ISA registry name */
static int set_core(const struct cli_opt *o, const char *s, char *err, size_t errlen)
{
	if (!isa_find(s)) {
		char known[128];
		snprintf(err, errlen, "'%s' is not a modelled core; known: %s", s,
			 isa_names(known, sizeof(known)));
		return -1;
	}
	*(const char **)o->dst = s;
	return 0;
}

int cmd_inspect(int argc, char **argv)
{
	int machine = -1;
	const char *core = NULL, *scenario = NULL;
	bool iommu = false;
	const struct cli_opt opts[] = {
		CLI_CALL("core", 0, "NAME", "the remote's core (default rv32imac): its e_machine "
			 "(cortex-m4f: 40, EM_ARM) and its memories", set_core, &core,
			 "rv32imac or cortex-m4f"),
		CLI_STRING("scenario", 0, "FILE", "take the remote (core and memories) from this "
			   "scenario's platform, its first remote", &scenario),
		CLI_CALL("machine", 0, "N|any", "expected e_machine instead of the core's; 'any' skips "
			 "the check", set_machine, &machine, "a number or 'any'"),
		CLI_FLAG("iommu", 0, "the remote sits behind an IOMMU: devmem entries are mapped "
			 "(without one Linux refuses them)", &iommu),
		CLI_END,
	};
	struct cli_args args;
	int rc = cli_parse(&cmd_inspect_cli, opts, argc, argv, &args);
	if (rc >= 0)
		return rc;
	if (args.noperands > 1) {
		fprintf(stderr, "rpsim inspect: one firmware file at a time ('%s' and '%s' given)\n",
			args.operands[0], args.operands[1]);
		return RPSIM_EXIT_USAGE;
	}
	if (args.noperands == 0) {
		fprintf(stderr, "rpsim inspect: no firmware file given\n");
		cli_usage(stderr, &cmd_inspect_cli, opts);
		return RPSIM_EXIT_USAGE;
	}
	if (core && scenario) {
		fprintf(stderr, "rpsim inspect: --core and --scenario both give the remote's core: keep one\n");
		return RPSIM_EXIT_USAGE;
	}
	struct platform_desc pd;
	struct platform_remote_desc *remote = &pd.remotes[0];
	struct scenario *sc = NULL;
	if (scenario) {
		struct diag d;
		diag_init(&d, NULL);
		struct scenario_options so = { .no_firmware_check = true };
		if (scenario_load(scenario, &so, &sc, &d) != 0) {
			diag_print(&d, stderr);
			diag_free(&d);
			return RPSIM_EXIT_USAGE;
		}
		diag_free(&d);
		remote = &sc->platform.remotes[0];
	} else {
		platform_desc_default(&pd);
		platform_remote_default(remote, 0, "--core", core);
	}
	rc = inspect(args.operands[0], remote, machine, iommu);
	scenario_free(sc);
	return rc;
}
