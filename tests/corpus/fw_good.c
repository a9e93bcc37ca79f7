/* A tiny remote firmware that does nothing but carry a resource table the
 * way real ones do (OpenAMP's layout): a carveout, a trace buffer and an
 * RPMsg vdev with two vrings.  It is the good image the malformed-firmware
 * corpus is derived from.  Built twice: linked into the TCM at da 0 with a
 * carveout the host places anywhere, and (FW_DRAM) linked into DRAM with a
 * carveout fixed where the code lives. */
#include <stdint.h>

#define FW_RSC_ADDR_ANY 0xFFFFFFFFu
#define RSC_CARVEOUT 0
#define RSC_TRACE 2
#define RSC_VDEV 3
#define VIRTIO_ID_RPMSG 7
#define VIRTIO_RPMSG_F_NS 0

struct fw_carveout {
	uint32_t type, da, pa, len, flags, reserved;
	char name[32];
} __attribute__((packed));

struct fw_trace {
	uint32_t type, da, len, reserved;
	char name[32];
} __attribute__((packed));

struct fw_vring {
	uint32_t da, align, num, notifyid, pa;
} __attribute__((packed));

struct fw_vdev {
	uint32_t type, id, notifyid, dfeatures, gfeatures, config_len;
	uint8_t status, num_of_vrings, reserved[2];
	struct fw_vring vring[2];
} __attribute__((packed));

struct fw_table {
	uint32_t ver, num, reserved[2];
	uint32_t offset[3];
	struct fw_carveout carveout;
	struct fw_trace trace;
	struct fw_vdev vdev;
} __attribute__((packed));

#define OFF(m) ((uint32_t)__builtin_offsetof(struct fw_table, m))

char trace_buf[1024];

#ifdef FW_DRAM
extern char __fw_start[];
#define CARVEOUT_DA ((uint32_t)(uintptr_t)__fw_start)
#define CARVEOUT_LEN 0x10000
#else
#define CARVEOUT_DA FW_RSC_ADDR_ANY
#define CARVEOUT_LEN 0x8000
#endif

__attribute__((section(".resource_table"), used, aligned(8)))
const struct fw_table resource_table = {
	.ver = 1,
	.num = 3,
	.offset = { OFF(carveout), OFF(trace), OFF(vdev) },
	.carveout = { RSC_CARVEOUT, CARVEOUT_DA, FW_RSC_ADDR_ANY, CARVEOUT_LEN, 0, 0, "fw-data" },
	.trace = { RSC_TRACE, (uint32_t)(uintptr_t)trace_buf, sizeof(trace_buf), 0, "trace0" },
	.vdev = {
		RSC_VDEV, VIRTIO_ID_RPMSG, 4, 1u << VIRTIO_RPMSG_F_NS, 0, 0, 0, 2, { 0, 0 },
		{
			{ FW_RSC_ADDR_ANY, 0x1000, 256, 0, 0 },
			{ FW_RSC_ADDR_ANY, 0x1000, 256, 1, 0 },
		},
	},
};

/* Initialised data right after the table, so the corpus can grow the
 * table's section into bytes that are still loaded. */
__attribute__((used)) uint32_t fw_state[16] = { 1, 2, 3, 4 };

#ifdef FW_FAULT
/* A core fault with no usable trap handler: mtvec points at unmapped
 * memory, then a load from unmapped memory traps there and the handler's
 * fetch faults too. The host must report a fatal-error crash. */
__attribute__((section(".text.start"), noreturn)) void _start(void)
{
	__asm__ volatile("li t0, 0x0f000000\n\t"
			 "csrw mtvec, t0\n\t"
			 "li t1, 0x20000000\n\t"
			 "lw t2, 0(t1)");
	for (;;)
		__asm__ volatile("wfi");
}
#else
__attribute__((section(".text.start"), noreturn)) void _start(void)
{
	for (;;)
		__asm__ volatile("wfi");
}
#endif
