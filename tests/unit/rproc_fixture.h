/* Firmware images built in memory for the host-side loader tests: a
 * resource table like the firmware samples' (carveout, trace, RPMsg vdev
 * with two vrings) and minimal ELF32/ELF64 files around it.  Tests break
 * one field of a good image and check the verdict. */
#ifndef RPSIM_RPROC_FIXTURE_H
#define RPSIM_RPROC_FIXTURE_H

#include <stdint.h>
#include <string.h>

#include "models/host/rsc_table.h"
#include "sim/core/le.h"

/* Table layout: header with 3 offsets (28 bytes), carveout at 28, trace at
 * 84, vdev at 132 with vrings at 160 and 180; 200 bytes. */
enum {
	FX_CO = 28, FX_TR = 84, FX_VD = 132, FX_VR0 = 160, FX_VR1 = 180, FX_TSIZE = 200,
};

/* ELF layout: code at file 0x100 (da 0x0), data segment at file 0x200
 * (da 0x1000) holding the table and then 0x600 bytes of bss; the trace
 * buffer is in the bss at da 0x1400. */
enum {
	FX_CODE_OFF = 0x100, FX_DATA_OFF = 0x200, FX_DATA_DA = 0x1000, FX_DATA_MEMSZ = 0x800,
	FX_TRACE_DA = 0x1400, FX_TRACE_LEN = 0x400, FX_CODE_LEN = 16,
};

static inline void fx_name(uint8_t *p, const char *s)
{
	memset(p, 0, RSC_NAME_LEN);
	memcpy(p, s, strlen(s));
}

static inline size_t fx_table(uint8_t *t)
{
	memset(t, 0, FX_TSIZE);
	le32_store(t + 0, 1);
	le32_store(t + 4, 3);
	le32_store(t + 16, FX_CO);
	le32_store(t + 20, FX_TR);
	le32_store(t + 24, FX_VD);
	le32_store(t + FX_CO, RSC_CARVEOUT);
	le32_store(t + FX_CO + RSC_MEM_DA, FW_RSC_ADDR_ANY);
	le32_store(t + FX_CO + RSC_MEM_PA, FW_RSC_ADDR_ANY);
	le32_store(t + FX_CO + RSC_MEM_LEN, 0x8000);
	fx_name(t + FX_CO + RSC_MEM_NAME, "fw-data");
	le32_store(t + FX_TR, RSC_TRACE);
	le32_store(t + FX_TR + RSC_TRACE_DA, FX_TRACE_DA);
	le32_store(t + FX_TR + RSC_TRACE_LEN, FX_TRACE_LEN);
	fx_name(t + FX_TR + RSC_TRACE_NAME, "trace0");
	le32_store(t + FX_VD, RSC_VDEV);
	le32_store(t + FX_VD + RSC_VDEV_ID, VIRTIO_ID_RPMSG);
	le32_store(t + FX_VD + RSC_VDEV_NOTIFYID, 4);
	le32_store(t + FX_VD + RSC_VDEV_DFEATURES, 1u << VIRTIO_RPMSG_F_NS);
	t[FX_VD + RSC_VDEV_NUM_VRINGS] = 2;
	for (unsigned i = 0; i < 2; i++) {
		uint8_t *v = t + (i ? FX_VR1 : FX_VR0);
		le32_store(v + RSC_VRING_DA, FW_RSC_ADDR_ANY);
		le32_store(v + RSC_VRING_ALIGN, 0x1000);
		le32_store(v + RSC_VRING_NUM, 256);
		le32_store(v + RSC_VRING_NOTIFYID, 7 + i); /* the host rewrites these */
	}
	return FX_TSIZE;
}

/* Offsets of things in the ELF image, for tests that break them. */
struct fx_elf {
	size_t size;
	unsigned cls;
	size_t phoff, phentsize, shoff, shentsize, strtab_off;
	unsigned shnum, rsc_shndx;
};

static inline void fx_st(uint8_t *p, unsigned cls, uint64_t v)
{
	if (cls == 32)
		le32_store(p, (uint32_t)v);
	else
		le64_store(p, v);
}

/* Writes an ELF image (class 32 or 64) with the given table into buf
 * (at least 4096 bytes); returns its layout. */
static inline struct fx_elf fx_elf(uint8_t *buf, unsigned cls, const uint8_t *table, size_t tsize)
{
	struct fx_elf L = { .cls = cls };
	bool w = cls == 64;
	memset(buf, 0, 4096);
	static const char strtab[] = "\0.text\0.resource_table\0.shstrtab\0.bss";
	L.phentsize = w ? 56 : 32;
	L.shentsize = w ? 64 : 40;
	L.phoff = w ? 64 : 52;
	L.strtab_off = FX_DATA_OFF + tsize;
	L.shoff = (L.strtab_off + sizeof(strtab) + 7) & ~(size_t)7;
	L.shnum = 5;
	L.rsc_shndx = 2;
	L.size = L.shoff + L.shnum * L.shentsize;

	memcpy(buf, "\177ELF", 4);
	buf[4] = w ? 2 : 1;
	buf[5] = 1;
	buf[6] = 1;
	le16_store(buf + 16, 2);   /* ET_EXEC */
	le16_store(buf + 18, 243); /* EM_RISCV */
	le32_store(buf + 20, 1);
	fx_st(buf + 24, cls, 0); /* e_entry */
	unsigned o = w ? 32 : 28;
	fx_st(buf + o, cls, L.phoff);
	fx_st(buf + o + (w ? 8 : 4), cls, L.shoff);
	o = w ? 52 : 40;
	le16_store(buf + o, w ? 64 : 52);
	le16_store(buf + o + 2, (uint16_t)L.phentsize);
	le16_store(buf + o + 4, 2);
	le16_store(buf + o + 6, (uint16_t)L.shentsize);
	le16_store(buf + o + 8, (uint16_t)L.shnum);
	le16_store(buf + o + 10, 3);

	/* program headers: code (R-X), data (RW-) */
	struct { uint32_t off, da, filesz, memsz, flags; } ph[2] = {
		{ FX_CODE_OFF, 0, FX_CODE_LEN, FX_CODE_LEN, 5 },
		{ FX_DATA_OFF, FX_DATA_DA, (uint32_t)tsize, FX_DATA_MEMSZ, 6 },
	};
	for (unsigned i = 0; i < 2; i++) {
		uint8_t *p = buf + L.phoff + i * L.phentsize;
		le32_store(p, 1); /* PT_LOAD */
		if (w) {
			le32_store(p + 4, ph[i].flags);
			le64_store(p + 8, ph[i].off);
			le64_store(p + 16, ph[i].da);
			le64_store(p + 24, ph[i].da);
			le64_store(p + 32, ph[i].filesz);
			le64_store(p + 40, ph[i].memsz);
			le64_store(p + 48, 0x1000);
		} else {
			le32_store(p + 4, ph[i].off);
			le32_store(p + 8, ph[i].da);
			le32_store(p + 12, ph[i].da);
			le32_store(p + 16, ph[i].filesz);
			le32_store(p + 20, ph[i].memsz);
			le32_store(p + 24, ph[i].flags);
			le32_store(p + 28, 0x1000);
		}
	}
	/* code: "1: wfi; j 1b" and padding */
	le32_store(buf + FX_CODE_OFF, 0x10500073);
	le32_store(buf + FX_CODE_OFF + 4, 0xffdff06f);
	memcpy(buf + FX_DATA_OFF, table, tsize);
	memcpy(buf + L.strtab_off, strtab, sizeof(strtab));

	/* sections: null, .text, .resource_table, .shstrtab, .bss */
	struct { uint32_t name, type; uint64_t addr, off, size; } sh[5] = {
		{ 0, 0, 0, 0, 0 },
		{ 1, 1, 0, FX_CODE_OFF, FX_CODE_LEN },
		{ 7, 1, FX_DATA_DA, FX_DATA_OFF, tsize },
		{ 23, 3, 0, L.strtab_off, sizeof(strtab) },
		{ 33, 8, FX_DATA_DA + tsize, FX_DATA_OFF + tsize, FX_DATA_MEMSZ - tsize },
	};
	for (unsigned i = 0; i < 5; i++) {
		uint8_t *p = buf + L.shoff + i * L.shentsize;
		le32_store(p, sh[i].name);
		le32_store(p + 4, sh[i].type);
		if (w) {
			le64_store(p + 16, sh[i].addr);
			le64_store(p + 24, sh[i].off);
			le64_store(p + 32, sh[i].size);
		} else {
			le32_store(p + 12, (uint32_t)sh[i].addr);
			le32_store(p + 16, (uint32_t)sh[i].off);
			le32_store(p + 20, (uint32_t)sh[i].size);
		}
	}
	return L;
}

/* Offsets of a few fields in an ELF32 program/section header. */
enum {
	FX_PH_OFFSET = 4, FX_PH_PADDR = 12, FX_PH_FILESZ = 16, FX_PH_MEMSZ = 20,
	FX_SH_NAME = 0, FX_SH_TYPE = 4, FX_SH_ADDR = 12, FX_SH_OFFSET = 16, FX_SH_SIZE = 20,
};

#endif
