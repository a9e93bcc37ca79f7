/* Firmware ELF for the viewer, read with libelf.  The file is untrusted:
 * sizes and offsets are checked against the file before they are used. */
#include "sim/viewer/viewer_elf.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SYM_NOSIZE_SPAN 0x10000u

struct sym {
	uint32_t addr, size;
	char *name;
};

struct seg {
	uint32_t addr, filesz, memsz;
	uint8_t *data;
};

struct viewer_elf {
	struct sym *syms;
	size_t nsyms;
	struct seg *segs;
	size_t nsegs;
};

static int cmp_sym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int load_symbols(struct viewer_elf *e, Elf *elf)
{
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		if (!d)
			continue;
		size_t n = d->d_size / sh.sh_entsize;
		struct sym *s = realloc(e->syms, (e->nsyms + n) * sizeof(*s));
		if (!s && n)
			return -1;
		e->syms = s;
		for (size_t i = 0; i < n; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(d, (int)i, &sym))
				continue;
			int type = GELF_ST_TYPE(sym.st_info);
			if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
				continue;
			if (sym.st_shndx == SHN_UNDEF || sym.st_shndx == SHN_ABS)
				continue;
			const char *name = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (!name || !name[0] || name[0] == '$' || strncmp(name, ".L", 2) == 0)
				continue;
			char *dup = strdup(name);
			if (!dup)
				return -1;
			e->syms[e->nsyms++] = (struct sym){ (uint32_t)sym.st_value,
							    (uint32_t)sym.st_size, dup };
		}
	}
	if (e->nsyms)
		qsort(e->syms, e->nsyms, sizeof(*e->syms), cmp_sym);
	return 0;
}

static int load_segments(struct viewer_elf *e, Elf *elf, const uint8_t *img, size_t imgsize,
			 char *err, size_t errlen, const char *path)
{
	size_t n;
	if (elf_getphdrnum(elf, &n) != 0)
		return 0;
	e->segs = calloc(n ? n : 1, sizeof(*e->segs));
	if (!e->segs)
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		if (ph.p_filesz > ph.p_memsz || ph.p_offset > imgsize ||
		    ph.p_filesz > imgsize - ph.p_offset || ph.p_memsz > 0x40000000u) {
			snprintf(err, errlen, "%s: program header %zu: segment outside the file", path, i);
			return -2;
		}
		struct seg *s = &e->segs[e->nsegs];
		s->data = malloc(ph.p_filesz ? ph.p_filesz : 1);
		if (!s->data)
			return -1;
		memcpy(s->data, img + ph.p_offset, ph.p_filesz);
		s->addr = (uint32_t)ph.p_paddr;
		s->filesz = (uint32_t)ph.p_filesz;
		s->memsz = (uint32_t)ph.p_memsz;
		e->nsegs++;
	}
	return 0;
}

struct viewer_elf *viewer_elf_open(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open the firmware ELF; pass --elf FILE", path);
		return NULL;
	}
	uint8_t *img = NULL;
	size_t size = 0, cap = 0, got;
	uint8_t buf[65536];
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (size + got > cap) {
			cap = (size + got) * 2;
			uint8_t *q = realloc(img, cap);
			if (!q) {
				free(img);
				fclose(f);
				snprintf(err, errlen, "%s: out of memory", path);
				return NULL;
			}
			img = q;
		}
		memcpy(img + size, buf, got);
		size += got;
	}
	fclose(f);
	elf_version(EV_CURRENT);
	Elf *elf = img ? elf_memory((char *)img, size) : NULL;
	GElf_Ehdr eh;
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh) ||
	    gelf_getclass(elf) != ELFCLASS32) {
		snprintf(err, errlen, "%s: not a 32-bit ELF file", path);
		if (elf)
			elf_end(elf);
		free(img);
		return NULL;
	}
	struct viewer_elf *e = calloc(1, sizeof(*e));
	int rc = e ? load_symbols(e, elf) : -1;
	if (rc == 0)
		rc = load_segments(e, elf, img, size, err, errlen, path);
	elf_end(elf);
	free(img);
	if (rc < 0) {
		if (rc == -1)
			snprintf(err, errlen, "%s: out of memory", path);
		viewer_elf_close(e);
		return NULL;
	}
	return e;
}

void viewer_elf_close(struct viewer_elf *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nsyms; i++)
		free(e->syms[i].name);
	for (size_t i = 0; i < e->nsegs; i++)
		free(e->segs[i].data);
	free(e->syms);
	free(e->segs);
	free(e);
}

const char *viewer_elf_symbol(const struct viewer_elf *e, uint32_t addr, uint32_t *off)
{
	if (!e || !e->nsyms)
		return NULL;
	size_t lo = 0, hi = e->nsyms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* prefer a sized symbol that covers addr among those at its address */
	for (size_t i = lo; i > 0; i--) {
		const struct sym *s = &e->syms[i - 1];
		uint32_t d = addr - s->addr;
		if ((s->size && d < s->size) || (!s->size && d < SYM_NOSIZE_SPAN)) {
			*off = d;
			return s->name;
		}
		if (lo - i > 8)
			break;
	}
	return NULL;
}

int viewer_elf_lookup(const struct viewer_elf *e, const char *name, uint32_t *addr)
{
	for (size_t i = 0; e && i < e->nsyms; i++)
		if (strcmp(e->syms[i].name, name) == 0) {
			*addr = e->syms[i].addr;
			return 0;
		}
	return -1;
}

size_t viewer_elf_read(const struct viewer_elf *e, uint32_t addr, uint8_t *buf, bool *valid,
		       size_t len)
{
	size_t inside = 0;
	for (size_t i = 0; i < len; i++) {
		uint32_t a = addr + (uint32_t)i;
		buf[i] = 0;
		valid[i] = false;
		for (size_t k = 0; e && k < e->nsegs; k++) {
			const struct seg *s = &e->segs[k];
			uint32_t d = a - s->addr;
			if (a >= s->addr && d < s->memsz) {
				buf[i] = d < s->filesz ? s->data[d] : 0;
				valid[i] = true;
				inside++;
				break;
			}
		}
	}
	return inside;
}
