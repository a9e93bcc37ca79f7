/* The PMSAv7 memory protection unit of the Cortex-M4 (8 regions with 8
 * subregions each) and the default memory map's execute-never regions
 * (ARMv7-M ARM B3.1, B3.5).  Permission checks answer with the range of
 * addresses around the access that gets the same answer, so the core's
 * fast-path windows and its per-range fetch check stay exact. */
#include "models/armv7m/armv7m_priv.h"

#define MPU_ENABLE 1u
#define MPU_HFNMIENA 2u
#define MPU_PRIVDEFENA 4u
#define RASR_ENABLE 1u

/* boundaries of the default memory map */
static const uint64_t map_bounds[] = { 0x20000000u, 0x40000000u, 0x60000000u, 0xA0000000u,
				       M_PPB_BASE, M_PPB_END };

bool armv7m_default_xn(uint32_t addr, uint64_t *lo, uint64_t *hi)
{
	/* Peripheral 0x40000000.., Device 0xA0000000.. and System
	 * 0xE0000000.. are execute-never */
	if (addr < 0x40000000u) {
		*lo = 0;
		*hi = 0x40000000u;
		return false;
	}
	if (addr < 0x60000000u) {
		*lo = 0x40000000u;
		*hi = 0x60000000u;
		return true;
	}
	if (addr < 0xA0000000u) {
		*lo = 0x60000000u;
		*hi = 0xA0000000u;
		return false;
	}
	*lo = 0xA0000000u;
	*hi = (uint64_t)1 << 32;
	return true;
}

static void clip(uint32_t addr, uint64_t b, uint64_t *lo, uint64_t *hi)
{
	if (b <= addr) {
		if (b > *lo)
			*lo = b;
	} else if (b < *hi) {
		*hi = b;
	}
}

/* Region i's base and size (bytes), or false if disabled. */
static bool region(const struct m_core *c, unsigned i, uint64_t *base, uint64_t *size)
{
	uint32_t rasr = c->scs.rasr[i];
	if (!(rasr & RASR_ENABLE))
		return false;
	unsigned sz = (rasr >> 1) & 31;
	if (sz < 4)
		sz = 4; /* UNPREDICTABLE below 32 bytes: taken as 32 */
	*size = (uint64_t)1 << (sz + 1);
	*base = c->scs.rbar[i] & ~(uint32_t)(*size - 1) & ~31u;
	return true;
}

/* AP[2:0] (B3.5.8): may the access be made */
static bool ap_allows(unsigned ap, bool write, bool priv)
{
	switch (ap) {
	case 1: return priv;
	case 2: return priv || !write;
	case 3: return true;
	case 5: return priv && !write;
	case 6: case 7: return !write;
	default: return false; /* 0 no access, 4 reserved */
	}
}

bool armv7m_mpu_allows(const struct m_core *c, uint32_t addr, unsigned acc, bool priv, uint64_t *lo,
		       uint64_t *hi)
{
	uint64_t dlo, dhi;
	bool xn = armv7m_default_xn(addr, &dlo, &dhi);
	*lo = dlo;
	*hi = dhi;
	bool ppb = addr >= M_PPB_BASE && addr < M_PPB_END;
	bool off = !(c->scs.mpu_ctrl & MPU_ENABLE) || ppb ||
		   (!(c->scs.mpu_ctrl & MPU_HFNMIENA) && armv7m_exec_priority(c) < 0);
	if (off) {
		if (ppb) {
			*lo = M_PPB_BASE;
			*hi = M_PPB_END;
		} else if (addr >= M_PPB_BASE) {
			clip(addr, M_PPB_BASE, lo, hi);
			clip(addr, M_PPB_END, lo, hi);
		}
		return !(acc & M_MPU_X) || !xn;
	}
	for (unsigned i = 0; i < sizeof(map_bounds) / sizeof(map_bounds[0]); i++)
		clip(addr, map_bounds[i], lo, hi);
	int hit = -1;
	for (unsigned i = 0; i < 8; i++) {
		uint64_t b, sz;
		if (!region(c, i, &b, &sz))
			continue;
		clip(addr, b, lo, hi);
		clip(addr, b + sz, lo, hi);
		bool sub = sz >= 256;
		if (sub)
			for (unsigned k = 1; k < 8; k++)
				clip(addr, b + k * (sz / 8), lo, hi);
		if (addr < b || addr >= b + sz)
			continue;
		if (sub && ((c->scs.rasr[i] >> 8) & (1u << ((addr - b) / (sz / 8)))))
			continue; /* subregion disabled: this region does not match */
		hit = (int)i;
	}
	if (hit < 0) /* the background region: the default map, privileged only */
		return priv && (c->scs.mpu_ctrl & MPU_PRIVDEFENA) && (!(acc & M_MPU_X) || !xn);
	uint32_t rasr = c->scs.rasr[hit];
	unsigned ap = (rasr >> 24) & 7;
	if (acc & M_MPU_X)
		return !(rasr & (1u << 28)) && !xn && ap_allows(ap, false, priv);
	return ap_allows(ap, acc & M_MPU_W, priv);
}

/* MPU_TYPE 0xE000ED90 .. MPU_RASR_A3 0xE000EDB8, by offset from ED90 */
uint32_t armv7m_mpu_read(struct m_core *c, uint32_t off)
{
	unsigned rn = c->scs.mpu_rnr & 7;
	switch (off) {
	case 0x00: return 8u << 8; /* DREGION 8, unified */
	case 0x04: return c->scs.mpu_ctrl;
	case 0x08: return c->scs.mpu_rnr;
	case 0x0C: case 0x14: case 0x1C: case 0x24: return (c->scs.rbar[rn] & ~31u) | rn;
	case 0x10: case 0x18: case 0x20: case 0x28: return c->scs.rasr[rn];
	default: return 0;
	}
}

void armv7m_mpu_write(struct m_core *c, uint32_t off, uint32_t v)
{
	switch (off) {
	case 0x04: c->scs.mpu_ctrl = v & 7; break;
	case 0x08: c->scs.mpu_rnr = v & 0xff; break;
	case 0x0C: case 0x14: case 0x1C: case 0x24:
		if (v & 0x10) /* VALID: the region field selects the region */
			c->scs.mpu_rnr = v & 0xf;
		c->scs.rbar[c->scs.mpu_rnr & 7] = v & ~31u;
		break;
	case 0x10: case 0x18: case 0x20: case 0x28:
		c->scs.rasr[c->scs.mpu_rnr & 7] = v & 0x173FFF3Fu;
		break;
	default: return;
	}
	/* every cached permission is for the old configuration */
	armv7m_invalidate_windows(c);
}
