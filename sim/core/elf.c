/* The one ELF reader (see elf.h): raw-byte checks first, then libelf. */
#include "sim/core/elf.h"

#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/le.h"

/* a symbol without a size covers this much after its value */
#define SYM_NOSIZE_SPAN 0x10000u

/* Raw header fields, read with the class-dependent layout before libelf is
 * allowed near the bytes. */
struct raw_ehdr {
	unsigned cls; /* 32 or 64 */
	uint16_t type, machine, phentsize, phnum, shentsize, shnum, shstrndx;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	/* file offsets of the fields, for messages */
	unsigned o_phoff, o_shoff, o_phentsize, o_phnum, o_shentsize, o_shnum, o_shstrndx;
};

static void read_raw(const uint8_t *p, struct raw_ehdr *h)
{
	h->type = le16_load(p + 16);
	h->machine = le16_load(p + 18);
	h->version = le32_load(p + 20);
	if (h->cls == 32) {
		h->entry = le32_load(p + 24);
		h->phoff = le32_load(p + 28);
		h->shoff = le32_load(p + 32);
		h->o_phoff = 28;
		h->o_shoff = 32;
		h->o_phentsize = 42;
	} else {
		h->entry = le64_load(p + 24);
		h->phoff = le64_load(p + 32);
		h->shoff = le64_load(p + 40);
		h->o_phoff = 32;
		h->o_shoff = 40;
		h->o_phentsize = 54;
	}
	h->o_phnum = h->o_phentsize + 2;
	h->o_shentsize = h->o_phentsize + 4;
	h->o_shnum = h->o_phentsize + 6;
	h->o_shstrndx = h->o_phentsize + 8;
	h->phentsize = le16_load(p + h->o_phentsize);
	h->phnum = le16_load(p + h->o_phnum);
	h->shentsize = le16_load(p + h->o_shentsize);
	h->shnum = le16_load(p + h->o_shnum);
	h->shstrndx = le16_load(p + h->o_shstrndx);
}

/* [off, off+len) inside a file of size bytes, without overflow. */
static bool in_file(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

static const struct {
	uint16_t em;
	const char *name;
} machines[] = {
	{ 3, "x86" }, { 8, "MIPS" }, { 20, "PowerPC" }, { 40, "ARM" }, { 62, "x86-64" },
	{ 164, "Hexagon" }, { 183, "AArch64" }, { 243, "RISC-V" }, { 258, "LoongArch" },
};

const char *elf_machine_name(uint16_t machine)
{
	for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
		if (machines[i].em == machine)
			return machines[i].name;
	return NULL;
}

char *elf_flags_str(uint32_t flags, char *buf)
{
	buf[0] = (flags & PF_R) ? 'R' : '-';
	buf[1] = (flags & PF_W) ? 'W' : '-';
	buf[2] = (flags & PF_X) ? 'X' : '-';
	buf[3] = '\0';
	return buf;
}

static const char *mname(uint16_t em)
{
	const char *n = elf_machine_name(em);
	return n ? n : "unknown";
}

/* Identification and file-header checks on the raw bytes.  Returns false
 * when the rest of the header cannot even be read. */
static bool check_ident(const uint8_t *p, size_t size, struct raw_ehdr *h, struct diag *d)
{
	if (size < sizeof(Elf32_Ehdr)) {
		diag_error(d, "file is %zu bytes, smaller than an ELF header (52 bytes): "
			   "not a firmware image (remoteproc loads ELF images)", size);
		return false;
	}
	if (memcmp(p, ELFMAG, SELFMAG) != 0) {
		diag_error(d, "e_ident magic (offset 0x0) is %02x %02x %02x %02x, not 7f 45 4c 46 "
			   "(0x7f then \"ELF\"): not an ELF file; remoteproc loads ELF images: give the .elf "
			   "the linker wrote, not a raw image from 'objcopy -O binary'", p[0], p[1], p[2], p[3]);
		return false;
	}
	if (p[EI_CLASS] != ELFCLASS32 && p[EI_CLASS] != ELFCLASS64) {
		diag_error(d, "e_ident[EI_CLASS] (offset 0x4) is %u; must be 1 (ELF32) or 2 (ELF64)",
			   p[EI_CLASS]);
		return false;
	}
	h->cls = p[EI_CLASS] == ELFCLASS32 ? 32 : 64;
	if (h->cls == 64 && size < sizeof(Elf64_Ehdr)) {
		diag_error(d, "file is %zu bytes, smaller than an ELF64 header (64 bytes)", size);
		return false;
	}
	if (p[EI_DATA] != ELFDATA2LSB) {
		/* Linux's rproc_elf_sanity_check says "Unsupported firmware
		 * endianness" (EINVAL) when EI_DATA is not the host's */
		diag_error(d, "e_ident[EI_DATA] (offset 0x5) is %u (%s): Unsupported firmware endianness "
			   "(Linux's rproc_elf_sanity_check); the host is little-endian, so it must be "
			   "1 (ELFDATA2LSB): build the firmware little-endian (-mlittle-endian)", p[EI_DATA],
			   p[EI_DATA] == ELFDATA2MSB ? "big-endian" : "invalid");
		return false;
	}
	if (p[EI_VERSION] != EV_CURRENT) {
		diag_error(d, "e_ident[EI_VERSION] (offset 0x6) is %u; must be 1 (EV_CURRENT)",
			   p[EI_VERSION]);
		return false;
	}
	read_raw(p, h);
	return true;
}

static void check_ehdr(const struct raw_ehdr *h, size_t size, const struct elf_open_opts *o,
		       struct diag *d)
{
	if (o->machine && h->machine != o->machine)
		diag_error(d, "e_machine (offset 0x12) is %u (%s), but %s is %u (%s): "
			   "firmware built for another processor", h->machine, mname(h->machine),
			   o->machine_what ? o->machine_what : "the remote core", o->machine,
			   mname(o->machine));
	if (h->type != ET_EXEC)
		diag_warning(d, "e_type (offset 0x10) is %u, not 2 (ET_EXEC); loading it anyway, "
			     "as Linux does", h->type);

	unsigned phsz = h->cls == 32 ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr);
	unsigned shsz = h->cls == 32 ? sizeof(Elf32_Shdr) : sizeof(Elf64_Shdr);

	if (h->phnum == 0)
		diag_error(d, "e_phnum (offset 0x%x) is 0: no program headers, nothing to load",
			   h->o_phnum);
	else if (h->phnum == PN_XNUM)
		diag_error(d, "e_phnum (offset 0x%x) is 0xffff (extended numbering), not supported "
			   "for firmware", h->o_phnum);
	else if (h->phentsize != phsz)
		diag_error(d, "e_phentsize (offset 0x%x) is %u; an ELF%u program header is %u bytes",
			   h->o_phentsize, h->phentsize, h->cls, phsz);
	else if (!in_file(h->phoff, (uint64_t)h->phnum * phsz, size))
		diag_error(d, "e_phoff (offset 0x%x) is 0x%" PRIx64 ": %u program headers of %u bytes "
			   "there run past the end of the file (%zu bytes)", h->o_phoff, h->phoff,
			   h->phnum, phsz, size);

	if (h->shnum == 0) {
		if (h->shoff != 0)
			diag_error(d, "e_shnum (offset 0x%x) is 0 but e_shoff is 0x%" PRIx64
				   ": extended section numbering is not supported for firmware",
				   h->o_shnum, h->shoff);
		return;
	}
	if (h->shentsize != shsz)
		diag_error(d, "e_shentsize (offset 0x%x) is %u; an ELF%u section header is %u bytes",
			   h->o_shentsize, h->shentsize, h->cls, shsz);
	else if (!in_file(h->shoff, (uint64_t)h->shnum * shsz, size))
		diag_error(d, "e_shoff (offset 0x%x) is 0x%" PRIx64 ": %u section headers of %u bytes "
			   "there run past the end of the file (%zu bytes)", h->o_shoff, h->shoff,
			   h->shnum, shsz, size);
	if (h->shstrndx == SHN_XINDEX || h->shstrndx >= h->shnum)
		diag_error(d, "e_shstrndx (offset 0x%x) is %u, but there are only %u sections",
			   h->o_shstrndx, h->shstrndx, h->shnum);
}

static uint64_t phdr_off(const struct raw_ehdr *h, unsigned i)
{
	return h->phoff + (uint64_t)i * h->phentsize;
}

static uint64_t shdr_off(const struct raw_ehdr *h, unsigned i)
{
	return h->shoff + (uint64_t)i * h->shentsize;
}

static int read_segments(Elf *e, const struct raw_ehdr *h, struct elf_image *out,
			 uint64_t limit, struct diag *d)
{
	out->segs = calloc(h->phnum, sizeof(*out->segs));
	if (!out->segs) {
		diag_error(d, "out of memory reading %u program headers", h->phnum);
		return -1;
	}
	for (unsigned i = 0; i < h->phnum; i++) {
		GElf_Phdr ph;
		uint64_t at = phdr_off(h, i);
		if (!gelf_getphdr(e, (int)i, &ph)) {
			diag_error(d, "program header %u (offset 0x%" PRIx64 "): unreadable (%s)", i, at,
				   elf_errmsg(-1));
			continue;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_memsz == 0)
			continue; /* Linux skips these too */
		bool bad = false;
		if (ph.p_filesz > ph.p_memsz) {
			diag_error(d, "program header %u (offset 0x%" PRIx64 "): p_filesz 0x%" PRIx64
				   " is larger than p_memsz 0x%" PRIx64, i, at, ph.p_filesz, ph.p_memsz);
			bad = true;
		}
		if (!in_file(ph.p_offset, ph.p_filesz, out->size)) {
			diag_error(d, "program header %u (offset 0x%" PRIx64 "): segment data at p_offset 0x%"
				   PRIx64 ", p_filesz 0x%" PRIx64 " runs past the end of the file (%zu bytes)",
				   i, at, ph.p_offset, ph.p_filesz, out->size);
			bad = true;
		}
		if (ph.p_paddr > limit || ph.p_memsz - 1 > limit - ph.p_paddr) {
			diag_error(d, "program header %u (offset 0x%" PRIx64 "): p_paddr 0x%" PRIx64
				   " + p_memsz 0x%" PRIx64 " lies beyond the %s device address space",
				   i, at, ph.p_paddr, ph.p_memsz,
				   limit == UINT32_MAX ? "32-bit" : "core's");
			bad = true;
		}
		if (bad)
			continue;
		out->segs[out->nsegs++] = (struct elf_seg){
			.index = i, .hdr_offset = at, .offset = ph.p_offset, .paddr = ph.p_paddr,
			.vaddr = ph.p_vaddr, .filesz = ph.p_filesz, .memsz = ph.p_memsz, .flags = ph.p_flags,
		};
	}
	return 0;
}

/* NUL-terminated name at index idx of the string table [off, off+size), or
 * NULL when it does not fit. */
static const char *strtab_name(const uint8_t *data, uint64_t off, uint64_t size, uint64_t idx)
{
	if (idx >= size)
		return NULL;
	const uint8_t *s = data + off + idx;
	if (!memchr(s, '\0', (size_t)(size - idx)))
		return NULL;
	return (const char *)s;
}

static int read_sections(Elf *e, const struct raw_ehdr *h, struct elf_image *out, struct diag *d)
{
	if (h->shnum == 0)
		return 0;
	GElf_Shdr strsh;
	Elf_Scn *strscn = elf_getscn(e, h->shstrndx);
	if (!strscn || !gelf_getshdr(strscn, &strsh)) {
		diag_error(d, "section %u (e_shstrndx, the section name table) is unreadable (%s)",
			   h->shstrndx, elf_errmsg(-1));
		return -1;
	}
	if (strsh.sh_type == SHT_NOBITS || !in_file(strsh.sh_offset, strsh.sh_size, out->size)) {
		diag_error(d, "section name table (section %u, header at offset 0x%" PRIx64 "): sh_offset 0x%"
			   PRIx64 ", sh_size 0x%" PRIx64 " runs past the end of the file (%zu bytes)",
			   h->shstrndx, shdr_off(h, h->shstrndx), strsh.sh_offset, strsh.sh_size, out->size);
		return -1;
	}
	if (strsh.sh_type != SHT_STRTAB)
		diag_warning(d, "section name table (section %u) has sh_type %u, not SHT_STRTAB (3)",
			     h->shstrndx, strsh.sh_type);
	out->secs = calloc(h->shnum, sizeof(*out->secs));
	if (!out->secs) {
		diag_error(d, "out of memory reading %u section headers", h->shnum);
		return -1;
	}
	int rc = 0;
	for (unsigned i = 0; i < h->shnum; i++) {
		GElf_Shdr sh;
		uint64_t at = shdr_off(h, i);
		Elf_Scn *scn = elf_getscn(e, i);
		if (!scn || !gelf_getshdr(scn, &sh)) {
			diag_error(d, "section header %u (offset 0x%" PRIx64 ") is unreadable (%s)", i, at,
				   elf_errmsg(-1));
			rc = -1;
			continue;
		}
		if (i == 0)
			continue; /* SHN_UNDEF: the null section */
		const char *name = strtab_name(out->data, strsh.sh_offset, strsh.sh_size, sh.sh_name);
		if (!name) {
			diag_error(d, "section header %u (offset 0x%" PRIx64 "): sh_name 0x%x does not "
				   "point at a NUL-terminated name inside the section name table (0x%"
				   PRIx64 " bytes)", i, at, sh.sh_name, strsh.sh_size);
			rc = -1;
			continue;
		}
		out->secs[out->nsecs++] = (struct elf_section){
			.index = i, .hdr_offset = at, .name = name, .type = sh.sh_type,
			.flags = sh.sh_flags, .addr = sh.sh_addr, .offset = sh.sh_offset, .size = sh.sh_size,
			.in_file = sh.sh_type == SHT_NOBITS || in_file(sh.sh_offset, sh.sh_size, out->size),
		};
	}
	return rc;
}

static int cmp_sym(const void *a, const void *b)
{
	const struct elf_sym *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Best effort: the symbol table only names things (exec's tohost, the
 * viewer's functions), so a broken one loses symbols, not the image. */
static void read_symbols(Elf *e, struct elf_image *out)
{
	for (unsigned k = 0; k < out->nsecs; k++) {
		const struct elf_section *s = &out->secs[k];
		if (s->type != SHT_SYMTAB || !s->in_file)
			continue;
		Elf_Scn *scn = elf_getscn(e, s->index);
		GElf_Shdr sh;
		Elf_Data *data;
		if (!scn || !gelf_getshdr(scn, &sh) || !sh.sh_entsize || !(data = elf_getdata(scn, NULL)))
			continue;
		size_t n = data->d_size / sh.sh_entsize, names = 0;
		struct elf_sym *syms = calloc(n ? n : 1, sizeof(*syms));
		size_t *offs = calloc(n ? n : 1, sizeof(*offs));
		char *pool = NULL;
		size_t used = 0, cap = 0;
		if (!syms || !offs)
			goto done;
		for (size_t i = 0; i < n; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(data, (int)i, &sym))
				continue;
			int type = GELF_ST_TYPE(sym.st_info);
			if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
				continue;
			if (sym.st_shndx == SHN_UNDEF || sym.st_shndx == SHN_ABS)
				continue;
			const char *name = elf_strptr(e, sh.sh_link, sym.st_name);
			if (!name || !name[0] || name[0] == '$' || strncmp(name, ".L", 2) == 0)
				continue;
			size_t len = strlen(name) + 1;
			if (used + len > cap) {
				size_t ncap = (used + len) * 2;
				char *np = realloc(pool, ncap);
				if (!np)
					goto done;
				pool = np;
				cap = ncap;
			}
			memcpy(pool + used, name, len);
			offs[names] = used;
			/* an Arm function's value carries the Thumb bit (the
			 * Arm ELF ABI): its code starts one byte lower */
			uint64_t value = sym.st_value;
			if (type == STT_FUNC && out->machine == ELF_EM_ARM)
				value &= ~(uint64_t)1;
			syms[names++] = (struct elf_sym){ .value = value, .size = sym.st_size,
							  .type = (uint8_t)type };
			used += len;
		}
		for (size_t i = 0; i < names; i++)
			syms[i].name = pool + offs[i];
		if (names)
			qsort(syms, names, sizeof(*syms), cmp_sym);
		free(out->syms);
		free(out->symnames);
		out->syms = syms;
		out->nsyms = (unsigned)names;
		out->symnames = pool;
		syms = NULL;
		pool = NULL;
	done:
		free(syms);
		free(offs);
		free(pool);
		return; /* the first symbol table is the one */
	}
}

struct elf_image *elf_image_open(const uint8_t *data, size_t size,
				 const struct elf_open_opts *opts, struct diag *d)
{
	static const struct elf_open_opts none;
	const struct elf_open_opts *o = opts ? opts : &none;
	struct raw_ehdr h;
	memset(&h, 0, sizeof(h));
	unsigned errors_before = diag_count(d, DIAG_ERROR);
	if (!check_ident(data, size, &h, d))
		return NULL;
	check_ehdr(&h, size, o, d);
	if (diag_count(d, DIAG_ERROR) != errors_before)
		return NULL;

	struct elf_image *out = calloc(1, sizeof(*out));
	if (!out || !(out->data = malloc(size))) {
		free(out);
		diag_error(d, "out of memory reading a %zu-byte image", size);
		return NULL;
	}
	memcpy(out->data, data, size);
	out->size = size;
	out->elf_class = h.cls;
	out->type = h.type;
	out->machine = h.machine;
	out->entry = h.entry;
	out->phnum = h.phnum;
	out->shnum = h.shnum;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		diag_error(d, "libelf is unusable: %s", elf_errmsg(-1));
		goto fail;
	}
	Elf *e = elf_memory((char *)out->data, size);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		diag_error(d, "libelf refuses the image: %s", elf_errmsg(-1));
		if (e)
			elf_end(e);
		goto fail;
	}
	GElf_Ehdr eh;
	if (!gelf_getehdr(e, &eh) || eh.e_phoff != h.phoff || eh.e_shoff != h.shoff ||
	    eh.e_phnum != h.phnum || eh.e_shnum != h.shnum) {
		/* both read the same bytes: a mismatch is a bug here or in libelf */
		diag_error(d, "libelf reads the ELF header differently (%s)", elf_errmsg(-1));
		elf_end(e);
		goto fail;
	}
	int rc = read_segments(e, &h, out, o->addr_limit ? o->addr_limit : UINT32_MAX, d);
	if (rc == 0)
		rc = read_sections(e, &h, out, d);
	if (rc == 0 && !o->no_symbols)
		read_symbols(e, out);
	elf_end(e);
	if (rc != 0 || diag_count(d, DIAG_ERROR) != errors_before)
		goto fail;
	return out;

fail:
	elf_image_free(out);
	return NULL;
}

void elf_image_free(struct elf_image *img)
{
	if (!img)
		return;
	free(img->segs);
	free(img->secs);
	free(img->syms);
	free(img->symnames);
	free(img->data);
	free(img);
}

const uint8_t *elf_seg_data(const struct elf_image *img, const struct elf_seg *seg)
{
	return img->data + seg->offset;
}

const uint8_t *elf_section_data(const struct elf_image *img, const struct elf_section *sec)
{
	return sec->type != SHT_NOBITS && sec->in_file ? img->data + sec->offset : NULL;
}

const struct elf_section *elf_find_section(const struct elf_image *img, const char *name)
{
	for (unsigned i = 0; i < img->nsecs; i++)
		if (strcmp(img->secs[i].name, name) == 0)
			return &img->secs[i];
	return NULL;
}

const struct elf_sym *elf_find_symbol(const struct elf_image *img, const char *name)
{
	for (unsigned i = 0; img && i < img->nsyms; i++)
		if (strcmp(img->syms[i].name, name) == 0)
			return &img->syms[i];
	return NULL;
}

const struct elf_sym *elf_symbol_at(const struct elf_image *img, uint64_t addr, uint64_t *off)
{
	if (!img || !img->nsyms)
		return NULL;
	size_t lo = 0, hi = img->nsyms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (img->syms[mid].value <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* prefer a sized symbol that covers addr among those at its address */
	for (size_t i = lo; i > 0; i--) {
		const struct elf_sym *s = &img->syms[i - 1];
		uint64_t dist = addr - s->value;
		if ((s->size && dist < s->size) || (!s->size && dist < SYM_NOSIZE_SPAN)) {
			*off = dist;
			return s;
		}
		if (lo - i > 8)
			break;
	}
	return NULL;
}

size_t elf_read_loaded(const struct elf_image *img, uint64_t addr, uint8_t *buf, bool *valid,
		       size_t len)
{
	size_t inside = 0;
	for (size_t i = 0; i < len; i++) {
		uint64_t a = addr + i;
		buf[i] = 0;
		if (valid)
			valid[i] = false;
		for (unsigned k = 0; img && k < img->nsegs; k++) {
			const struct elf_seg *s = &img->segs[k];
			uint64_t dist = a - s->paddr;
			if (a >= s->paddr && dist < s->memsz) {
				buf[i] = dist < s->filesz ? img->data[s->offset + dist] : 0;
				if (valid)
					valid[i] = true;
				inside++;
				break;
			}
		}
	}
	return inside;
}
