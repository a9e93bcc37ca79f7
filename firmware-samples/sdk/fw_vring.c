/* Device-side split virtqueue (see fw_vring.h for the rules on untrusted
 * host values). */
#include "fw_vring.h"

#include "fw_platform.h"
#include "fw_sys.h"

#define FW_VRING_MAX_NUM 32768u

static inline uint16_t ld16(uintptr_t a)
{
	return *(volatile uint16_t *)a;
}

static inline uint32_t ld32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

static inline void st16(uintptr_t a, uint16_t v)
{
	*(volatile uint16_t *)a = v;
}

static inline void st32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static bool in_mem(const struct fw_vring *vr, uint64_t addr, uint64_t len)
{
	return addr >= vr->mem_base && len <= vr->mem_size &&
	       addr - vr->mem_base <= vr->mem_size - len;
}

int fw_vring_init_at(struct fw_vring *vr, uintptr_t base, uint32_t num, uint32_t align,
		     uint32_t notifyid, uint32_t max_len, uintptr_t mem_base, uintptr_t mem_size)
{
	*vr = (struct fw_vring){ .mem_base = mem_base, .mem_size = mem_size };
	if (num == 0 || num > FW_VRING_MAX_NUM || (num & (num - 1)) != 0)
		return -FW_EINVAL;
	if (align < 4 || (align & (align - 1)) != 0 || align > 0x10000)
		return -FW_EINVAL;
	if ((base & 3) != 0 || !in_mem(vr, base, fw_vring_size(num, align)))
		return -FW_EINVAL;
	vr->num = num;
	vr->notifyid = notifyid;
	vr->max_len = max_len;
	vr->desc = base;
	vr->avail = base + 16u * num;
	vr->used = (vr->avail + 2u * (3u + num) + align - 1) & ~(uintptr_t)(align - 1);
	vr->used_idx = ld16(vr->used + 2);
	/* a restarted remote resumes where the used ring stands */
	vr->last_avail = vr->used_idx;
	vr->signalled = vr->used_idx;
	return 0;
}

int fw_vring_init(struct fw_vring *vr, const volatile struct fw_rsc_vring *rsc, uint32_t max_len)
{
	uint32_t da = rsc->da;
	if (da == FW_RSC_ADDR_ANY) {
		*vr = (struct fw_vring){ 0 };
		return -FW_EINVAL;
	}
	return fw_vring_init_at(vr, da, rsc->num, rsc->align, rsc->notifyid, max_len,
				FW_SHM_BASE, FW_SHM_SIZE);
}

static int refuse(struct fw_vring *vr, uint16_t head)
{
	vr->errors++;
	fw_vring_put(vr, head, 0);
	return -FW_EIO;
}

void fw_vring_set_event_idx(struct fw_vring *vr, bool on)
{
	vr->event_idx = on;
	vr->signalled = vr->used_idx;
}

/* used_event follows the avail ring, avail_event the used ring */
static uintptr_t used_event(const struct fw_vring *vr)
{
	return vr->avail + 4 + 2u * vr->num;
}

static uintptr_t avail_event(const struct fw_vring *vr)
{
	return vr->used + 4 + 8u * vr->num;
}

int fw_vring_get(struct fw_vring *vr, uint16_t *head, void **buf, uint32_t *len)
{
	if (vr->broken || vr->num == 0)
		return -FW_EIO;
	uint16_t avail_idx = ld16(vr->avail + 2);
	if (avail_idx == vr->last_avail && vr->event_idx) {
		/* kick me when the next buffer comes; look again in case it
		 * came before the host could see this */
		st16(avail_event(vr), vr->last_avail);
		fw_mb();
		avail_idx = ld16(vr->avail + 2);
	}
	if (avail_idx == vr->last_avail)
		return -FW_EAGAIN;
	if ((uint16_t)(avail_idx - vr->last_avail) > vr->num) {
		vr->broken = true;
		vr->errors++;
		return -FW_EIO;
	}
	fw_mb(); /* the ring entry is read after the index that published it */
	uint16_t h = ld16(vr->avail + 4 + 2u * (vr->last_avail & (vr->num - 1)));
	vr->last_avail++;
	if (h >= vr->num) {
		vr->broken = true;
		vr->errors++;
		return -FW_EIO;
	}
	uintptr_t d = vr->desc + 16u * h;
	uint64_t addr = ld32(d) | (uint64_t)ld32(d + 4) << 32; /* little-endian u64 */
	uint32_t l = ld32(d + 8);
	uint16_t flags = ld16(d + 12);
	if (l == 0 || l > vr->max_len || !in_mem(vr, addr, l) ||
	    (flags & (FW_VRING_DESC_F_NEXT | FW_VRING_DESC_F_INDIRECT)))
		return refuse(vr, h);
	*head = h;
	*buf = (void *)(uintptr_t)addr;
	*len = l;
	return 0;
}

void fw_vring_put(struct fw_vring *vr, uint16_t head, uint32_t len)
{
	uintptr_t e = vr->used + 4 + 8u * (vr->used_idx & (vr->num - 1));
	st32(e, head);
	st32(e + 4, len);
	fw_mb(); /* the entry is visible before the index that publishes it */
	vr->used_idx++;
	st16(vr->used + 2, vr->used_idx);
	fw_mb();
}

bool fw_vring_wants_kick(struct fw_vring *vr)
{
	uint16_t old = vr->signalled;
	vr->signalled = vr->used_idx;
	if (!vr->event_idx)
		return !(ld16(vr->avail) & FW_VRING_AVAIL_F_NO_INTERRUPT);
	fw_mb(); /* the used index is out before used_event is read */
	uint16_t ev = ld16(used_event(vr));
	/* vring_need_event(used_event, new, old) */
	return (uint16_t)(vr->used_idx - ev - 1) < (uint16_t)(vr->used_idx - old);
}

void fw_vring_kick(struct fw_vring *vr)
{
	if (fw_vring_wants_kick(vr))
		fw_mbox_send(vr->notifyid);
}
