/* Every field is checked against the file before it is used: the file is
 * untrusted input. */
#include "models/rv32/rv32_elf.h"
#include "sim/core/fileio.h"

#include <errno.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

void rv32_elf_free(struct rv32_elf *e)
{
	free(e->image);
	memset(e, 0, sizeof(*e));
}

static void find_symbols(Elf *elf, struct rv32_elf *e)
{
	unsigned nsig = 0;
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		if (!d)
			continue;
		size_t n = sh.sh_size / sh.sh_entsize;
		for (size_t i = 0; i < n; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(d, (int)i, &sym))
				break;
			const char *name = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (!name || sym.st_shndx == SHN_UNDEF || sym.st_value > UINT32_MAX)
				continue;
			if (strcmp(name, "tohost") == 0) {
				e->has_tohost = true;
				e->tohost = (uint32_t)sym.st_value;
				e->tohost_size = (uint32_t)sym.st_size;
			} else if (strcmp(name, "fromhost") == 0) {
				e->has_fromhost = true;
				e->fromhost = (uint32_t)sym.st_value;
			} else if (strcmp(name, "begin_signature") == 0) {
				e->begin_signature = (uint32_t)sym.st_value;
				nsig |= 1;
			} else if (strcmp(name, "end_signature") == 0) {
				e->end_signature = (uint32_t)sym.st_value;
				nsig |= 2;
			}
		}
	}
	e->has_signature = nsig == 3 && e->begin_signature <= e->end_signature;
}

int rv32_elf_parse(const char *what, const void *buf, size_t size, struct rv32_elf *e,
		   char *err, size_t errlen)
{
	memset(e, 0, sizeof(*e));
	if (elf_version(EV_CURRENT) == EV_NONE) {
		snprintf(err, errlen, "%s: libelf is unusable: %s", what, elf_errmsg(-1));
		return -1;
	}
	e->image = malloc(size ? size : 1);
	if (!e->image) {
		snprintf(err, errlen, "%s: out of memory", what);
		return -1;
	}
	memcpy(e->image, buf, size);
	e->size = size;
	Elf *elf = elf_memory((char *)e->image, size);
	GElf_Ehdr eh;
	const char *why = NULL;
	char msg[160];
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		why = "not an ELF file";
		goto fail;
	}
	if (gelf_getclass(elf) != ELFCLASS32) {
		why = "not a 32-bit ELF (ELFCLASS32 is needed for an RV32 core)";
		goto fail;
	}
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB) {
		why = "not little-endian";
		goto fail;
	}
	if (eh.e_machine != EM_RISCV) {
		snprintf(msg, sizeof(msg), "machine %u is not RISC-V (%u)", eh.e_machine, EM_RISCV);
		why = msg;
		goto fail;
	}
	if (eh.e_phnum && (eh.e_phoff > size ||
			   (uint64_t)eh.e_phnum * eh.e_phentsize > size - eh.e_phoff)) {
		snprintf(msg, sizeof(msg), "the program headers (%u at offset 0x%" PRIx64
			 ") lie outside the file (0x%zx bytes)", eh.e_phnum, (uint64_t)eh.e_phoff, size);
		why = msg;
		goto fail;
	}
	size_t phnum;
	if (elf_getphdrnum(elf, &phnum) != 0 || phnum == 0) {
		why = "no program headers";
		goto fail;
	}
	e->machine = eh.e_machine;
	e->entry = (uint32_t)eh.e_entry;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph)) {
			snprintf(msg, sizeof(msg), "program header %zu is outside the file", i);
			why = msg;
			goto fail;
		}
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz) {
			snprintf(msg, sizeof(msg), "segment %zu has filesz 0x%" PRIx64 " > memsz 0x%" PRIx64,
				 i, (uint64_t)ph.p_filesz, (uint64_t)ph.p_memsz);
			why = msg;
			goto fail;
		}
		if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset) {
			snprintf(msg, sizeof(msg), "segment %zu (offset 0x%" PRIx64 ", 0x%" PRIx64
				 " bytes) lies beyond the end of the file (0x%zx bytes)",
				 i, (uint64_t)ph.p_offset, (uint64_t)ph.p_filesz, size);
			why = msg;
			goto fail;
		}
		if (ph.p_paddr + ph.p_memsz > ((uint64_t)1 << 32)) {
			snprintf(msg, sizeof(msg), "segment %zu at 0x%" PRIx64 " (0x%" PRIx64
				 " bytes) does not fit the 32-bit address space", i,
				 (uint64_t)ph.p_paddr, (uint64_t)ph.p_memsz);
			why = msg;
			goto fail;
		}
		if (e->nsegs == RV32_ELF_MAX_SEGS) {
			snprintf(msg, sizeof(msg), "more than %u loadable segments", RV32_ELF_MAX_SEGS);
			why = msg;
			goto fail;
		}
		struct rv32_elf_seg *s = &e->seg[e->nsegs++];
		s->paddr = (uint32_t)ph.p_paddr;
		s->memsz = (uint32_t)ph.p_memsz;
		s->filesz = (uint32_t)ph.p_filesz;
		s->data = e->image + ph.p_offset;
	}
	if (e->nsegs == 0) {
		why = "no loadable segment (PT_LOAD with a non-zero size)";
		goto fail;
	}
	find_symbols(elf, e);
	elf_end(elf);
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", what, why);
	if (elf)
		elf_end(elf);
	rv32_elf_free(e);
	return -1;
}

int rv32_elf_read(const char *path, struct rv32_elf *e, char *err, size_t errlen)
{
	memset(e, 0, sizeof(*e));
	size_t len = 0;
	uint8_t *buf = (uint8_t *)sim_read_file(path, (size_t)1 << 30, &len);
	if (!buf) {
		if (errno == EFBIG)
			snprintf(err, errlen, "%s: larger than 1 GiB", path);
		else
			snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	int r = rv32_elf_parse(path, buf, len, e, err, errlen);
	free(buf);
	return r;
}
