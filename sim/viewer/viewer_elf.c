/* Firmware ELF for the viewer, through the shared ELF reader
 * (sim/core/elf.h), which checks the untrusted file. */
#include "sim/viewer/viewer_elf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/core/debuginfo.h"
#include "sim/core/elf.h"
#include "sim/core/fileio.h"
#include "sim/core/tracefile_format.h"

struct viewer_elf {
	struct elf_image *img;
	struct debuginfo *di; /* NULL: no DWARF */
};

/* dir + "/" + name into out; false if it does not fit */
static bool join(char *out, size_t len, const char *dir, const char *name)
{
	int n = snprintf(out, len, "%s/%s", dir, name);
	return n > 0 && (size_t)n < len;
}

int viewer_elf_find(const char *elf_opt, const char *fw_path, const char *scenario_path, char *out,
		    size_t len)
{
	if (len == 0)
		return -1;
	out[0] = '\0';
	if (elf_opt) {
		snprintf(out, len, "%s", elf_opt);
		return access(out, R_OK) == 0 ? 0 : -1;
	}
	if (!fw_path || !fw_path[0])
		return -1;
	/* the scenario's folder ("." when the path has no folder part) */
	char dir[1024] = ".";
	const char *slash = scenario_path ? strrchr(scenario_path, '/') : NULL;
	if (slash && slash == scenario_path)
		snprintf(dir, sizeof(dir), "/");
	else if (slash && (size_t)(slash - scenario_path) < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - scenario_path), scenario_path);
	const char *base = strrchr(fw_path, '/');
	base = base ? base + 1 : fw_path;
	char cand[5][1100];
	unsigned n = 0;
	if (fw_path[0] == '/') {
		snprintf(cand[n++], sizeof(cand[0]), "%s", fw_path);
	} else {
		if (join(cand[n], sizeof(cand[0]), dir, fw_path))
			n++;
		snprintf(cand[n++], sizeof(cand[0]), "%s", fw_path);
	}
	if (base[0] && join(cand[n], sizeof(cand[0]), dir, base))
		n++;
	if (base[0])
		snprintf(cand[n++], sizeof(cand[0]), "%s", base);
	for (unsigned i = 0; i < n; i++) {
		if (access(cand[i], R_OK) == 0) {
			snprintf(out, len, "%s", cand[i]);
			return 0;
		}
	}
	snprintf(out, len, "%s", cand[0]);
	return -1;
}

struct viewer_elf *viewer_elf_open(const char *path, char *err, size_t errlen)
{
	return viewer_elf_open_expect(path, NULL, err, errlen);
}

struct viewer_elf *viewer_elf_open_expect(const char *path, const struct viewer_elf_expect *x,
					  char *err, size_t errlen)
{
	size_t size = 0;
	char why[512];
	/* regular files only, capped: the path may come from a crafted trace */
	uint8_t *data = (uint8_t *)sim_file_read(path, SIM_FILE_FIRMWARE, &size, why, sizeof(why));
	if (!data) {
		snprintf(err, errlen, "%s; pass --elf FILE", why);
		return NULL;
	}
	if (x && (size != x->size || tracefile_fnv1a64(data, size) != x->hash)) {
		snprintf(err, errlen, "%s is not the firmware the trace was recorded with (its size or "
			 "hash differs); pass --elf FILE", path);
		free(data);
		return NULL;
	}
	struct diag d;
	diag_init(&d, NULL);
	struct elf_image *img = elf_image_open(data, size, NULL, &d);
	free(data);
	if (!img || img->elf_class != 32) {
		snprintf(err, errlen, "%s: not a 32-bit ELF file the viewer can read: %s", path,
			 !img ? (d.n ? d.msgs[0].text : "out of memory") : "it is ELF64");
		diag_free(&d);
		elf_image_free(img);
		return NULL;
	}
	diag_free(&d);
	struct viewer_elf *e = calloc(1, sizeof(*e));
	if (!e) {
		snprintf(err, errlen, "%s: out of memory", path);
		elf_image_free(img);
		return NULL;
	}
	e->img = img;
	e->di = debuginfo_open(img);
	return e;
}

void viewer_elf_close(struct viewer_elf *e)
{
	if (!e)
		return;
	debuginfo_close(e->di);
	elf_image_free(e->img);
	free(e);
}

const char *viewer_elf_symbol(const struct viewer_elf *e, uint32_t addr, uint32_t *off)
{
	uint64_t o;
	const struct elf_sym *s = e ? elf_symbol_at(e->img, addr, &o) : NULL;
	if (!s)
		return NULL;
	*off = (uint32_t)o;
	return s->name;
}

int viewer_elf_lookup(const struct viewer_elf *e, const char *name, uint32_t *addr)
{
	const struct elf_sym *s = e ? elf_find_symbol(e->img, name) : NULL;
	if (!s)
		return -1;
	*addr = (uint32_t)s->value;
	return 0;
}

size_t viewer_elf_read(const struct viewer_elf *e, uint32_t addr, uint8_t *buf, bool *valid,
		       size_t len)
{
	return elf_read_loaded(e ? e->img : NULL, addr, buf, valid, len);
}

int viewer_elf_line(const struct viewer_elf *e, uint32_t addr, const char **file, unsigned *line)
{
	if (!e || !e->di || debuginfo_line(e->di, addr, file, line) < 0)
		return -1;
	const char *slash = strrchr(*file, '/');
	if (slash)
		*file = slash + 1;
	return 0;
}
