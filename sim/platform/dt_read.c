/* The device-tree reader's top: the blob checked whole, /memory, the
 * /reserved-memory regions, the walk that finds the remoteproc nodes (in
 * document order: remoteproc0, remoteproc1, ...), and the mailbox and
 * sysctl nodes a remote points at.  dt_remote.c reads each remote. */
#include "sim/platform/dt.h"

#include <errno.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/mailbox.h"
#include "sim/core/fileio.h"
#include "sim/platform/dt_internal.h"
#include "sim/platform/isa.h"

const char *dt_isa_compatible(const struct cpu_isa *isa, char *buf, size_t len)
{
	snprintf(buf, len, "rpsim,%s", isa->name);
	return buf;
}

const char *dt_known_compatibles(char *buf, size_t len)
{
	size_t n = 0;
	if (len)
		buf[0] = '\0';
	for (unsigned i = 0; i < isa_count() && n < len; i++) {
		char c[64];
		int k = snprintf(buf + n, len - n, "%s\"%s\"", i ? ", " : "",
				 dt_isa_compatible(isa_list(i), c, sizeof(c)));
		if (k < 0)
			break;
		n += (size_t)k;
	}
	if (n < len)
		snprintf(buf + n, len - n, " or \"%s\" (the generic remote)", DT_COMPAT_GENERIC);
	return buf;
}

/* The ISA a remoteproc node's compatible names (its first known entry),
 * or NULL. */
static const char *remote_core(const struct dt *t, int node)
{
	int n = fdt_stringlist_count(t->fdt, node, "compatible");
	for (int i = 0; i < n; i++) {
		const char *c = fdt_stringlist_get(t->fdt, node, "compatible", i, NULL);
		if (!c)
			return NULL;
		if (strcmp(c, DT_COMPAT_GENERIC) == 0)
			return ISA_DEFAULT;
		for (unsigned k = 0; k < isa_count(); k++) {
			char want[64];
			if (strcmp(c, dt_isa_compatible(isa_list(k), want, sizeof(want))) == 0)
				return isa_list(k)->name;
		}
	}
	return NULL;
}

/* A compatible "rpsim,..." that names nothing rpsim models: the first
 * such entry (escaped into buf), or NULL. */
static const char *unknown_rpsim_compatible(const struct dt *t, int node, char *buf, size_t len)
{
	int n = fdt_stringlist_count(t->fdt, node, "compatible");
	for (int i = 0; i < n; i++) {
		int l = 0;
		const char *c = fdt_stringlist_get(t->fdt, node, "compatible", i, &l);
		if (!c || strncmp(c, "rpsim,", 6) != 0)
			continue;
		if (dev_find(c + 6) || isa_find(c + 6))
			return NULL; /* a device, or a core */
		return dt_escape(c, (size_t)l, buf, len);
	}
	return NULL;
}

/* A node a user meant as a remote processor: named "remoteproc", or
 * carrying a firmware name. */
static bool looks_like_remote(const struct dt *t, int node)
{
	char name[64];
	dt_base_name(t, node, name, sizeof(name));
	return strcmp(name, "remoteproc") == 0 || fdt_getprop(t->fdt, node, "firmware-name", NULL) ||
	       fdt_getprop(t->fdt, node, "firmware", NULL);
}

static const char *known_devices(char *buf, size_t len)
{
	size_t n = 0;
	buf[0] = '\0';
	for (unsigned k = 0; k < DEV_COUNT && n < len; k++) {
		int w = snprintf(buf + n, len - n, "%s\"rpsim,%s\"", k ? ", " : "", dev_table[k].name);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	return buf;
}

/* early_init_dt_scan_memory: the root's children of device_type
 * "memory"; rpsim models one DRAM range. */
static void read_memory(struct dt *t)
{
	int found = -1;
	int node;
	fdt_for_each_subnode(node, t->fdt, 0) {
		int len = 0;
		const char *type = fdt_getprop(t->fdt, node, "device_type", &len);
		if (!type || len != 7 || memcmp(type, "memory", 7) != 0 || !dt_available(t, node))
			continue;
		if (found >= 0) {
			char p[DT_PATH_MAX];
			dt_err(t, node, "a second memory node (the first is %s): rpsim models one DRAM "
			       "range; keep one", dt_path(t, found, p, sizeof(p)));
			return;
		}
		found = node;
	}
	if (found < 0) {
		dt_err(t, -1, "no memory node: add memory@80000000 { device_type = \"memory\"; "
		       "reg = <0x80000000 0x10000000>; }; (the DRAM)");
		return;
	}
	struct dt_range r[2];
	int n = dt_reg(t, found, "reg", r, 2);
	if (n < 0)
		return;
	if (n != 1) {
		dt_err(t, found, "reg has %d ranges; rpsim models one DRAM range", n);
		return;
	}
	uint32_t pa, size;
	if (dt_reg32(t, found, &pa, &size) != 0)
		return;
	if (size < 4096 || size % 4096) {
		dt_err(t, found, "DRAM size 0x%" PRIx32 " is not a whole number of 4 KiB pages", size);
		return;
	}
	t->p->dram_base = pa;
	t->p->dram_size = size;
	dt_path(t, found, t->p->dram_where, sizeof(t->p->dram_where));
}

/* /reserved-memory: each child with a static reg is a region, by name
 * (the node's name before '@') and phandle. */
static void read_reserved(struct dt *t)
{
	int rm = fdt_path_offset(t->fdt, "/reserved-memory");
	if (rm < 0)
		return;
	int node;
	fdt_for_each_subnode(node, t->fdt, rm) {
		if (!dt_available(t, node))
			continue;
		if (!fdt_getprop(t->fdt, node, "reg", NULL)) {
			dt_warn(t, node, "ignored: rpsim places only regions with a static \"reg\"");
			continue;
		}
		if (t->p->nregions == PLATFORM_MAX_REGIONS) {
			dt_err(t, node, "more than %d reserved regions", PLATFORM_MAX_REGIONS);
			return;
		}
		struct platform_region_desc *g = &t->p->regions[t->p->nregions];
		memset(g, 0, sizeof(*g));
		char name[64];
		dt_base_name(t, node, name, sizeof(name));
		if (strlen(name) >= sizeof(g->name)) {
			dt_err(t, node, "the region's name \"%s\" is longer than %d characters (Linux "
			       "compares carveout names of 32 bytes)", name, PLATFORM_NAME_MAX - 1);
			continue;
		}
		snprintf(g->name, sizeof(g->name), "%s", name);
		dt_path(t, node, g->where, sizeof(g->where));
		if (dt_reg32(t, node, &g->pa, &g->size) != 0)
			continue;
		g->pool = dt_compatible(t, node, "shared-dma-pool") &&
			  fdt_getprop(t->fdt, node, "linux,cma-default", NULL);
		for (unsigned k = 0; k < t->p->nregions; k++)
			if (g->pool && t->p->regions[k].pool)
				dt_err(t, node, "a second linux,cma-default pool (the first is %s)",
				       t->p->regions[k].where);
		t->region_node[t->p->nregions++] = node;
	}
}

int dt_region_of(const struct dt *t, int node)
{
	for (unsigned k = 0; k < t->p->nregions; k++)
		if (t->region_node[k] == node)
			return (int)k;
	return -1;
}

/* The device node a remote points at: available, of the right
 * compatible, used by this remote only. */
static int claim(struct dt *t, int remote_node, int node, const char *prop, const char *compat,
		 int *owners, unsigned index)
{
	char p[DT_PATH_MAX];
	if (!dt_compatible(t, node, compat)) {
		dt_err(t, remote_node, "%s: %s is not a device rpsim models here (compatible \"%s\")",
		       prop, dt_path(t, node, p, sizeof(p)), compat);
		return -1;
	}
	if (!dt_available(t, node)) {
		dt_err(t, remote_node, "%s: %s is disabled (status)", prop, dt_path(t, node, p, sizeof(p)));
		return -1;
	}
	for (unsigned k = 0; k < index; k++)
		if (owners[k] == node) {
			dt_err(t, remote_node, "%s: %s is already the device of %s: each remote has its "
			       "own", prop, dt_path(t, node, p, sizeof(p)), t->p->remotes[k].where);
			return -1;
		}
	owners[index] = node;
	return 0;
}

int dt_read_mailbox(struct dt *t, int remote_node, int node, struct platform_remote_desc *r,
		    unsigned index)
{
	if (claim(t, remote_node, node, "mboxes", "rpsim,mailbox", t->mbox_node, index) != 0)
		return -1;
	uint32_t pa, size, v;
	if (dt_reg32(t, node, &pa, &size) != 0)
		return -1;
	if (size < MBOX_WINDOW_SIZE || pa % 4) {
		dt_err(t, node, "reg [0x%08" PRIx32 ", +0x%" PRIx32 "): the mailbox's host window takes "
		       "0x%x bytes at a word-aligned address", pa, size, MBOX_WINDOW_SIZE);
		return -1;
	}
	r->dev_base[DEV_MAILBOX][DEV_HOST] = pa;
	dt_path(t, node, r->dev_where[DEV_MAILBOX][DEV_HOST], PLATFORM_WHERE_LEN);
	struct platform_mbox_desc *mb = &r->mailbox;
	const uint32_t *irq = NULL;
	int n = dt_cells(t, node, "interrupts", &irq);
	if (n > 0) {
		uint32_t w;
		memcpy(&w, irq, 4);
		mb->host_irq = fdt32_to_cpu(w);
		if (mb->host_irq > 1023)
			dt_err(t, node, "interrupts: %u is not a host interrupt number (0..1023)", mb->host_irq);
	}
	if (dt_u32(t, node, "rpsim,channels", &v) > 0) {
		if (v < 1 || v > MBOX_MAX_CHANNELS)
			dt_err(t, node, "rpsim,channels: %" PRIu32 ", expected 1 to %d", v, MBOX_MAX_CHANNELS);
		else
			mb->channels = v;
	}
	if (dt_u32(t, node, "rpsim,depth", &v) > 0) {
		if (v < 1 || v > MBOX_MAX_DEPTH)
			dt_err(t, node, "rpsim,depth: %" PRIu32 ", expected 1 to %d", v, MBOX_MAX_DEPTH);
		else
			mb->depth = v;
	}
	char s[64];
	if (dt_string(t, node, "rpsim,latency", 0, s, sizeof(s)) > 0) {
		char err[128];
		if (simtime_parse(s, &mb->latency, err, sizeof(err)) != 0)
			dt_err(t, node, "rpsim,latency: %s", err);
	}
	return 0;
}

int dt_read_sysctl(struct dt *t, int remote_node, int node, struct platform_remote_desc *r,
		   unsigned index)
{
	if (claim(t, remote_node, node, "resets", "rpsim,sysctl", t->sysctl_node, index) != 0)
		return -1;
	uint32_t pa, size;
	if (dt_reg32(t, node, &pa, &size) != 0)
		return -1;
	if (size < dev_table[DEV_SYSCTL].window) {
		dt_err(t, node, "reg size 0x%" PRIx32 " is smaller than the sysctl's 0x%" PRIx64
		       "-byte window", size, dev_table[DEV_SYSCTL].window);
		return -1;
	}
	r->dev_base[DEV_SYSCTL][DEV_HOST] = pa;
	dt_path(t, node, r->dev_where[DEV_SYSCTL][DEV_HOST], PLATFORM_WHERE_LEN);
	return 0;
}

/* Every node in document order; a remoteproc node's subtree is its own
 * (its children are its devices), a disabled node's is skipped. */
static void walk(struct dt *t)
{
	int depth = 0, skip_below = -1;
	unsigned count = 0;
	for (int node = fdt_next_node(t->fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(t->fdt, node, &depth)) {
		if (++count > DT_MAX_NODES) {
			dt_err(t, -1, "more than %d nodes: is it really a board's device tree?", DT_MAX_NODES);
			return;
		}
		if (skip_below >= 0 && depth > skip_below)
			continue;
		skip_below = -1;
		if (depth == 0)
			continue;
		if (!dt_available(t, node)) {
			skip_below = depth;
			continue;
		}
		char buf[128];
		const char *core = remote_core(t, node);
		if (core) {
			dt_read_remote(t, node, core);
			skip_below = depth;
		} else if (unknown_rpsim_compatible(t, node, buf, sizeof(buf))) {
			char known[512], devs[256];
			dt_err(t, node, "compatible \"%s\" is not modelled; known: remote processors %s; "
			       "devices %s", buf, dt_known_compatibles(known, sizeof(known)),
			       known_devices(devs, sizeof(devs)));
		} else if (looks_like_remote(t, node)) {
			char known[512], got[128] = "none";
			dt_string(t, node, "compatible", 0, got, sizeof(got));
			dt_err(t, node, "a remote processor with compatible \"%s\", which rpsim does not "
			       "model; known: %s", got, dt_known_compatibles(known, sizeof(known)));
		}
	}
}

int dt_read_blob(const void *blob, size_t size, const char *file, struct platform_desc *out,
		 struct diag *d)
{
	struct dt t = { .file = file, .d = d, .p = out };
	platform_desc_default(out);
	out->nremotes = 0;
	for (unsigned i = 0; i < PLATFORM_MAX_REMOTES; i++)
		t.mbox_node[i] = t.sysctl_node[i] = -1;
	if (size < sizeof(struct fdt_header) || size > INT32_MAX) {
		dt_err(&t, -1, "%zu bytes: not a device-tree blob (a header is %zu bytes)", size,
		       sizeof(struct fdt_header));
		return -1;
	}
	/* libfdt 1.6's fdt_check_full() dereferences NULL on some blobs of
	 * the old formats (found by fuzzing, version 12): rpsim reads the
	 * format dtc writes (17) and nothing older */
	if (fdt_magic(blob) == FDT_MAGIC && (fdt_version(blob) < 17 || fdt_last_comp_version(blob) > 17)) {
		dt_err(&t, -1, "a device-tree blob of version %u (compatible with %u): rpsim reads version "
		       "17, what dtc writes; recompile it", fdt_version(blob), fdt_last_comp_version(blob));
		return -1;
	}
	int rc = fdt_check_full(blob, size);
	if (rc != 0) {
		dt_err(&t, -1, "not a valid device-tree blob (%s): give the source (.dts) or a blob "
		       "dtc wrote", fdt_strerror(rc));
		return -1;
	}
	t.fdt = blob;
	read_memory(&t);
	read_reserved(&t);
	if (!t.errors)
		walk(&t);
	if (!t.errors && out->nremotes == 0)
		dt_err(&t, -1, "no remote processor: add a node such as remoteproc@40000000 { "
		       "compatible = \"rpsim,%s\"; ... } (see doc/device-tree.md)", ISA_DEFAULT);
	/* a remote's memory inside the /memory node's DRAM is a window of it
	 * (a DDR alias on its bus, as i.MX trees give their M4's DDR) */
	for (unsigned i = 0; i < out->nremotes; i++)
		for (unsigned m = 0; m < out->remotes[i].nmemories; m++) {
			struct platform_mem_desc *mem = &out->remotes[i].memories[m];
			struct platform_mem_desc probe = *mem;
			probe.dram_alias = true;
			mem->dram_alias = platform_mem_in_dram(out, &probe);
		}
	if (!t.errors && platform_desc_check(out, file, d))
		t.errors++;
	return t.errors ? -1 : 0;
}

static bool is_blob(const char *data, size_t n)
{
	return n >= 4 && (unsigned char)data[0] == 0xd0 && (unsigned char)data[1] == 0x0d &&
	       (unsigned char)data[2] == 0xfe && (unsigned char)data[3] == 0xed;
}

int dt_load_file(const char *path, struct platform_desc *out, struct diag *d)
{
	platform_desc_default(out);
	size_t n = 0;
	char err[512];
	/* the one reader of input files: regular files only, capped; dtc
	 * then compiles a file already known to be one */
	char *data = sim_file_read(path, SIM_FILE_DEVICE_TREE, &n, err, sizeof(err));
	if (!data) {
		diag_error(d, "%s", err);
		return -1;
	}
	void *blob = data;
	size_t size = n;
	if (!is_blob(data, n)) {
		free(data);
		blob = dt_compile(path, &size, d);
		if (!blob)
			return -1;
	}
	int rc = dt_read_blob(blob, size, path, out, d);
	free(blob);
	return rc;
}
