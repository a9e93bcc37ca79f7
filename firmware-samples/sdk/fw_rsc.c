/* Walks the resource table as the host left it in device memory. */
#include "fw_rsc.h"

#include <string.h>


static uint32_t body_size(uint32_t type)
{
	switch (type) {
	case FW_RSC_CARVEOUT:
	case FW_RSC_DEVMEM:
		return sizeof(struct fw_rsc_carveout);
	case FW_RSC_TRACE:
		return sizeof(struct fw_rsc_trace);
	case FW_RSC_VDEV:
		return sizeof(struct fw_rsc_vdev); /* the caller checks the vrings */
	default:
		return 4;
	}
}

volatile void *fw_rsc_find(volatile void *table, uint32_t size, uint32_t type, unsigned nth)
{
	volatile struct fw_rsc_hdr *h = table;
	if (!table || size < sizeof(*h) || h->ver != 1)
		return NULL;
	uint32_t num = h->num;
	if (num > (size - sizeof(*h)) / 4)
		return NULL;
	volatile uint32_t *offset = (volatile uint32_t *)(h + 1);
	for (uint32_t i = 0; i < num; i++) {
		uint32_t off = offset[i];
		if (off < sizeof(*h) + 4 * num || off > size - 4 || (off & 3))
			continue;
		volatile uint8_t *e = (volatile uint8_t *)table + off;
		uint32_t t = *(volatile uint32_t *)e;
		if (t != type || body_size(t) > size - off)
			continue;
		if (nth-- == 0)
			return e;
	}
	return NULL;
}

volatile struct fw_rsc_carveout *fw_rsc_carveout(volatile void *table, uint32_t size,
						 const char *name)
{
	for (unsigned n = 0;; n++) {
		volatile struct fw_rsc_carveout *c = fw_rsc_find(table, size, FW_RSC_CARVEOUT, n);
		if (!c)
			return NULL;
		char nm[FW_RSC_NAME_LEN];
		for (unsigned i = 0; i < FW_RSC_NAME_LEN; i++)
			nm[i] = c->name[i];
		nm[FW_RSC_NAME_LEN - 1] = '\0';
		if (strcmp(nm, name) == 0)
			return c;
	}
}
