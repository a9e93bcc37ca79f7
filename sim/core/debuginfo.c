#include "sim/core/debuginfo.h"

#include <elfutils/libdw.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/debuginfo_internal.h"
#include "sim/core/elf.h"

static int cmp_range(const void *a, const void *b)
{
	const struct cu_range *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static void add_range(struct debuginfo *di, uint64_t lo, uint64_t hi, Dwarf_Off die)
{
	if (hi <= lo)
		return;
	if (di->n == di->cap) {
		size_t ncap = di->cap ? di->cap * 2 : 64;
		struct cu_range *nr = realloc(di->r, ncap * sizeof(*nr));
		if (!nr)
			return; /* fewer ranges: fewer answers, never a wrong one */
		di->r = nr;
		di->cap = ncap;
	}
	di->r[di->n++] = (struct cu_range){ lo, hi, die };
}

static void index_units(struct debuginfo *di)
{
	Dwarf_Off off = 0, next;
	size_t hsz;
	/* bounded: a hostile file cannot make this loop forever (offsets grow) */
	for (unsigned guard = 0; guard < 100000 &&
	     dwarf_nextcu(di->dw, off, &next, &hsz, NULL, NULL, NULL) == 0 && next > off; guard++) {
		Dwarf_Die cu;
		if (dwarf_offdie(di->dw, off + hsz, &cu)) {
			Dwarf_Addr base, lo, hi;
			ptrdiff_t it = 0;
			for (unsigned k = 0; k < 4096 && (it = dwarf_ranges(&cu, it, &base, &lo, &hi)) > 0; k++)
				add_range(di, lo, hi, off + hsz);
		}
		off = next;
	}
	if (di->n)
		qsort(di->r, di->n, sizeof(*di->r), cmp_range);
}

struct debuginfo *debuginfo_open(const struct elf_image *img)
{
	if (!img || elf_version(EV_CURRENT) == EV_NONE)
		return NULL;
	struct debuginfo *di = calloc(1, sizeof(*di));
	if (!di)
		return NULL;
	/* the image's bytes were checked by the ELF reader and live as long */
	di->elf = elf_memory((char *)img->data, img->size);
	if (di->elf)
		di->dw = dwarf_begin_elf(di->elf, DWARF_C_READ, NULL);
	if (!di->dw) {
		debuginfo_close(di);
		return NULL;
	}
	index_units(di);
	return di;
}

void debuginfo_close(struct debuginfo *di)
{
	if (!di)
		return;
	if (di->cfi_eh)
		dwarf_cfi_end(di->cfi_eh);
	if (di->dw)
		dwarf_end(di->dw);
	if (di->elf)
		elf_end(di->elf);
	free(di->r);
	free(di);
}

int debuginfo_line(struct debuginfo *di, uint64_t addr, const char **file, unsigned *line)
{
	if (!di)
		return -1;
	/* the last range starting at or below addr; ranges of units may nest
	 * or overlap, so look back a little for one that holds it */
	size_t lo = 0, hi = di->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (di->r[mid].lo <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	const struct cu_range *hit = NULL;
	for (size_t i = lo; i > 0 && lo - i < 16; i--) {
		if (addr < di->r[i - 1].hi) {
			hit = &di->r[i - 1];
			break;
		}
	}
	Dwarf_Die cu;
	if (!hit || !dwarf_offdie(di->dw, hit->die, &cu))
		return -1;
	Dwarf_Line *l = dwarf_getsrc_die(&cu, (Dwarf_Addr)addr);
	int lineno = 0;
	const char *src = l ? dwarf_linesrc(l, NULL, NULL) : NULL;
	if (!src || dwarf_lineno(l, &lineno) != 0 || lineno <= 0)
		return -1;
	*file = src;
	*line = (unsigned)lineno;
	return 0;
}

/* The symbol of sym_addr and the source line of line_addr. */
static char *where(const struct elf_image *img, struct debuginfo *di, uint64_t sym_addr,
		   uint64_t line_addr, char *buf, size_t cap)
{
	uint64_t off = 0;
	const struct elf_sym *s = img ? elf_symbol_at(img, sym_addr, &off) : NULL;
	const char *file;
	unsigned line;
	bool has_line = debuginfo_line(di, line_addr, &file, &line) == 0;
	if (has_line) {
		const char *base = strrchr(file, '/');
		file = base ? base + 1 : file;
	}
	if (s && has_line)
		snprintf(buf, cap, "%s+0x%" PRIx64 " %s:%u", s->name, off, file, line);
	else if (s)
		snprintf(buf, cap, "%s+0x%" PRIx64, s->name, off);
	else if (has_line)
		snprintf(buf, cap, "%s:%u", file, line);
	else
		snprintf(buf, cap, "0x%08" PRIx64, sym_addr);
	return buf;
}

char *debuginfo_where(const struct elf_image *img, struct debuginfo *di, uint64_t addr,
		      char *buf, size_t cap)
{
	return where(img, di, addr, addr, buf, cap);
}

char *debuginfo_where_return(const struct elf_image *img, struct debuginfo *di, uint64_t addr,
			     char *buf, size_t cap)
{
	/* the call is the instruction before the return address */
	return where(img, di, addr, addr ? addr - 1 : 0, buf, cap);
}
