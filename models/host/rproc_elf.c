/* The remoteproc loader's view of a firmware image: the shared ELF reader
 * (sim/core/elf.h) does the file checks; this adds what Linux's loader
 * cares about, the resource table section and the entry point. */
#include "models/host/rproc_elf.h"

#include <elf.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define RSC_SECTION ".resource_table"

const char *rproc_elf_machine_name(uint16_t machine)
{
	return elf_machine_name(machine);
}

char *rproc_elf_flags_str(uint32_t flags, char *buf)
{
	return elf_flags_str(flags, buf);
}

/* Linux's rproc_start copies the cached table to sh_addr if that
 * translates (rproc_elf_find_loaded_rsc_table) and silently goes on
 * without it otherwise, so these are warnings: the firmware boots but
 * reads a table the host never filled in. */
static void locate_rsc(const struct rproc_elf_seg *segs, unsigned nsegs, struct rproc_elf *out,
		       uint64_t at, struct diag *d)
{
	for (unsigned k = 0; k < nsegs; k++) {
		const struct rproc_elf_seg *s = &segs[k];
		if (out->rsc_offset < s->offset || out->rsc_offset - s->offset > s->filesz ||
		    out->rsc_size > s->filesz - (out->rsc_offset - s->offset))
			continue;
		uint64_t loaded_da = s->da + (out->rsc_offset - s->offset);
		if (loaded_da != out->rsc_da)
			diag_warning(d, "section " RSC_SECTION " (section header at offset 0x%" PRIx64
				     "): sh_addr is 0x%" PRIx64 " but program header %u loads the table at "
				     "da 0x%" PRIx64 "; the host copies its table to sh_addr (as Linux "
				     "does), not where the firmware reads it, so link the section with "
				     "its load address equal to its run address",
				     at, out->rsc_da, s->index, loaded_da);
		return;
	}
	diag_warning(d, "section " RSC_SECTION " (section header at offset 0x%" PRIx64 ", file offset 0x%"
		     PRIx64 ", 0x%" PRIx64 " bytes) lies outside every loaded segment: the firmware "
		     "never gets the table the host fills in (vring addresses, status); place it "
		     "in a PT_LOAD segment with file data",
		     at, out->rsc_offset, out->rsc_size);
}

/* Linux's rproc_elf_find_loaded_rsc_table looks for the first section of
 * that name; the others are ignored, with a word about it here. */
static int find_rsc(const struct elf_image *img, struct rproc_elf *out, struct diag *d)
{
	if (img->shnum == 0) {
		diag_note(d, "no section headers: the firmware has no resource table");
		return 0;
	}
	int rc = 0;
	for (unsigned k = 0; k < img->nsecs; k++) {
		const struct elf_section *sh = &img->secs[k];
		unsigned i = sh->index;
		uint64_t at = sh->hdr_offset;
		bool is_rsc = strcmp(sh->name, RSC_SECTION) == 0;
		if (is_rsc && out->has_rsc) {
			diag_warning(d, "section %u is a second " RSC_SECTION "; the first (section %u) is "
				     "used, as Linux does", i, out->rsc_index);
			is_rsc = false;
		}
		if (!is_rsc) {
			if (!sh->in_file)
				diag_warning(d, "section %u '%s' (header at offset 0x%" PRIx64 "): its data "
					     "(sh_offset 0x%" PRIx64 ", sh_size 0x%" PRIx64 ") runs past the "
					     "end of the file; not used for loading", i, sh->name, at,
					     sh->offset, sh->size);
			continue;
		}
		if (sh->type == SHT_NOBITS) {
			diag_error(d, "section " RSC_SECTION " (section header %u at offset 0x%" PRIx64
				   ") is SHT_NOBITS: the table has no contents in the file", i, at);
			rc = -1;
			continue;
		}
		if (!sh->in_file) {
			diag_error(d, "section " RSC_SECTION " (section header %u at offset 0x%" PRIx64
				   "): sh_offset 0x%" PRIx64 " + sh_size 0x%" PRIx64 " runs past the end "
				   "of the file (%zu bytes): resource table truncated",
				   i, at, sh->offset, sh->size, img->size);
			rc = -1;
			continue;
		}
		out->has_rsc = true;
		out->rsc_index = i;
		out->rsc_offset = sh->offset;
		out->rsc_size = sh->size;
		out->rsc_da = sh->addr;
		locate_rsc(out->segs, out->nsegs, out, at, d);
	}
	if (!out->has_rsc && rc == 0)
		diag_note(d, "no " RSC_SECTION " section: the firmware asks for no resources");
	return rc;
}

static void check_entry(const struct rproc_elf *out, struct diag *d)
{
	for (unsigned k = 0; k < out->nsegs; k++) {
		const struct rproc_elf_seg *s = &out->segs[k];
		if (out->entry >= s->da && out->entry - s->da < s->memsz) {
			if (!(s->flags & PF_X))
				diag_warning(d, "e_entry 0x%" PRIx64 " lies in program header %u, which is "
					     "not executable (flags lack X)", out->entry, s->index);
			return;
		}
	}
	if (out->nsegs)
		diag_warning(d, "e_entry (offset 0x18) is 0x%" PRIx64 ", outside every loadable segment: "
			     "the core will start where nothing was loaded", out->entry);
}

struct rproc_elf *rproc_elf_open(const uint8_t *data, size_t size, uint16_t expected_machine,
				 struct diag *d)
{
	unsigned errors_before = diag_count(d, DIAG_ERROR);
	struct elf_open_opts o = { .machine = expected_machine, .no_symbols = true };
	struct elf_image *img = elf_image_open(data, size, &o, d);
	if (!img)
		return NULL;
	struct rproc_elf *out = calloc(1, sizeof(*out));
	if (!out || !(out->segs = calloc(img->nsegs ? img->nsegs : 1, sizeof(*out->segs)))) {
		free(out);
		elf_image_free(img);
		diag_error(d, "out of memory reading a %zu-byte image", size);
		return NULL;
	}
	out->img = img;
	out->data = img->data;
	out->size = img->size;
	out->elf_class = img->elf_class;
	out->type = img->type;
	out->machine = img->machine;
	out->entry = img->entry;
	out->phnum = img->phnum;
	out->shnum = img->shnum;
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_seg *s = &img->segs[i];
		out->segs[out->nsegs++] = (struct rproc_elf_seg){
			.index = s->index, .hdr_offset = s->hdr_offset, .offset = s->offset, .da = s->paddr,
			.vaddr = s->vaddr, .filesz = s->filesz, .memsz = s->memsz, .flags = s->flags,
		};
	}
	if (find_rsc(img, out, d) != 0 || diag_count(d, DIAG_ERROR) != errors_before) {
		rproc_elf_free(out);
		return NULL;
	}
	if (out->nsegs == 0)
		diag_warning(d, "no PT_LOAD segment with p_memsz != 0: nothing will be loaded");
	check_entry(out, d);
	return out;
}

void rproc_elf_free(struct rproc_elf *elf)
{
	if (!elf)
		return;
	free(elf->segs);
	elf_image_free(elf->img);
	free(elf);
}

const uint8_t *rproc_elf_seg_data(const struct rproc_elf *elf, const struct rproc_elf_seg *seg)
{
	return elf->data + seg->offset;
}

const uint8_t *rproc_elf_rsc_data(const struct rproc_elf *elf)
{
	return elf->has_rsc ? elf->data + elf->rsc_offset : NULL;
}
