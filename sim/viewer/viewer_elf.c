/* Firmware ELF for the viewer, through the shared ELF reader
 * (sim/core/elf.h), which checks the untrusted file. */
#include "sim/viewer/viewer_elf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/elf.h"
#include "sim/core/fileio.h"
#include "sim/core/tracefile_format.h"

struct viewer_elf {
	struct elf_image *img;
};

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
	return e;
}

void viewer_elf_close(struct viewer_elf *e)
{
	if (!e)
		return;
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
