/* The firmware SDK (firmware-samples/sdk/) against the simulator: every
 * address, register offset and bit the firmware uses must be what the
 * devices and the default platform implement, and every wire struct must
 * have Linux's layout.  The SDK headers are plain C so they compile here
 * natively; fw_rsc.c (the table walker) is linked in and tested too.
 * The vring and RPMsg code is tested in check_sdk_rpmsg.c. */
#include <check.h>
#include <stddef.h>
#include <string.h>

#include "devices/intc.h"
#include "devices/mailbox.h"
#include "devices/sysctl.h"
#include "devices/timer.h"
#include "devices/uart.h"
#include "devices/watchdog.h"
#include "models/host/rpmsg_ns.h"
#include "models/host/rproc_mem.h"
#include "models/host/rproc_plat.h"
#include "models/host/rsc_table.h"
#include "models/host/virtio_rpmsg.h"
#include "models/host/vring.h"
#include "sim/core/diag.h"
#include "sim/scenario/scenario.h"

#include "firmware-samples/sdk/fw.h"
#include "firmware-samples/sdk/fw_platform_cm4.h"
#include "sim/platform/platform_profile.h"

#include "tests/unit/check_main.h"

/* the standard table's initialiser refers to the SDK's trace buffer */
char fw_trace_buf[FW_TRACE_BUF_SIZE];

START_TEST(test_memory_map)
{
	struct platform_desc p;
	platform_desc_default(&p);
	const struct platform_remote_desc *r = &p.remotes[0];
	ck_assert_uint_eq(r->nmemories, 1);
	ck_assert_uint_eq(r->memories[0].da, FW_TCM_BASE);
	ck_assert_uint_eq(r->memories[0].size, FW_TCM_SIZE);
	ck_assert_uint_eq(r->memories[0].pa, FW_TCM_HOST_PA);
	ck_assert_uint_eq(p.dram_base, FW_DRAM_BASE);
	ck_assert_uint_eq(p.dram_size, FW_DRAM_SIZE);
	ck_assert_uint_eq(r->dev_base[DEV_MAILBOX][DEV_REMOTE], FW_MBOX_BASE);
	ck_assert_uint_eq(r->mailbox.remote_irq, FW_IRQ_MBOX);
	ck_assert_uint_ge(r->mailbox.channels, FW_MBOX_CHAN + 1);
	ck_assert_uint_eq(r->dev_base[DEV_INTC][DEV_REMOTE], FW_INTC_BASE);
	ck_assert_uint_eq(r->dev_base[DEV_UART][DEV_REMOTE], FW_UART_BASE);
	ck_assert_uint_eq(r->dev_base[DEV_WATCHDOG][DEV_REMOTE], FW_WATCHDOG_BASE);
	ck_assert_uint_eq(r->dev_base[DEV_TIMER][DEV_REMOTE], FW_TIMER_BASE);
	ck_assert_uint_eq(r->timer_hz, FW_TIMER_HZ);
	ck_assert_uint_eq(WATCHDOG_DEFAULT_HZ, FW_WATCHDOG_HZ);
	/* the mailbox IRQ must be an intc source the firmware can enable */
	ck_assert_uint_ge(FW_IRQ_MBOX, 1);
	ck_assert_uint_lt(FW_IRQ_MBOX, INTC_NSOURCES);
}
END_TEST

/* The Cortex-M4F half of the SDK against the cortex-m4f platform profile:
 * its memories, its device addresses, the mailbox's NVIC line, SysTick's
 * reference clock, the vector table at the TCM's start. */
START_TEST(test_memory_map_cm4)
{
	struct platform_desc p;
	platform_desc_default(&p);
	struct platform_remote_desc r;
	platform_remote_default(&r, 0, "$", "cortex-m4f");
	const struct platform_profile *pf = platform_profile_find("cortex-m4f");
	ck_assert_str_eq(pf->core, "cortex-m4f");
	ck_assert_uint_eq(r.nmemories, 2);
	ck_assert_uint_eq(r.memories[0].da, FW_CM4_TCM_BASE);
	ck_assert_uint_eq(r.memories[0].size, FW_CM4_TCM_SIZE);
	ck_assert_uint_eq(r.memories[0].pa, FW_CM4_TCM_HOST_PA);
	ck_assert_uint_eq(r.memories[1].da, FW_CM4_DDR_ALIAS);
	ck_assert_uint_eq(r.memories[1].size, FW_CM4_DDR_ALIAS_SIZE);
	ck_assert_uint_eq(r.memories[1].pa, FW_CM4_DDR_ALIAS_PA);
	ck_assert(platform_mem_in_dram(&p, &r.memories[1]));
	ck_assert_uint_eq(r.dev_base[DEV_MAILBOX][DEV_REMOTE], FW_CM4_MBOX_BASE);
	ck_assert_uint_eq(r.dev_base[DEV_UART][DEV_REMOTE], FW_CM4_UART_BASE);
	ck_assert_uint_eq(r.dev_base[DEV_WATCHDOG][DEV_REMOTE], FW_CM4_WATCHDOG_BASE);
	/* no intc, no timer: the NVIC and SysTick are in the core */
	ck_assert(!platform_profile_has(pf, DEV_INTC));
	ck_assert(!platform_profile_has(pf, DEV_TIMER));
	ck_assert(platform_profile_has(pf, DEV_SYSCTL));
	ck_assert_uint_eq(r.mailbox.remote_irq, FW_CM4_IRQ_MBOX);
	unsigned lo, hi;
	const char *what;
	platform_profile_irq_range(pf, &lo, &hi, &what);
	ck_assert_uint_le(lo, FW_CM4_IRQ_MBOX);
	ck_assert_uint_ge(hi, FW_CM4_IRQ_MBOX);
	ck_assert_uint_eq(r.timer_hz, FW_CM4_TIMER_HZ);
	ck_assert_uint_eq(FW_CM4_TIMER_HZ % 1000000u, 0); /* whole ticks per microsecond */
	ck_assert_uint_eq(pf->boot, PLATFORM_BOOT_VECTOR_TABLE);
	ck_assert_uint_eq(pf->vector_table, FW_CM4_TCM_BASE);
	/* the host-side windows are the same as an RV32 remote's */
	ck_assert_uint_eq(r.dev_base[DEV_MAILBOX][DEV_HOST], p.remotes[0].dev_base[DEV_MAILBOX][DEV_HOST]);
	ck_assert_uint_eq(r.dev_base[DEV_SYSCTL][DEV_HOST], p.remotes[0].dev_base[DEV_SYSCTL][DEV_HOST]);
	/* the RV32 names are the RV32 profile's (fw_platform.h maps them) */
	ck_assert_uint_eq(FW_RV32_MBOX_BASE, p.remotes[0].dev_base[DEV_MAILBOX][DEV_REMOTE]);
	ck_assert_uint_eq(FW_RV32_IRQ_MBOX, p.remotes[0].mailbox.remote_irq);
}
END_TEST

START_TEST(test_mailbox_registers)
{
	ck_assert_uint_eq(FW_MBOX_INFO, MBOX_INFO);
	ck_assert_uint_eq(FW_MBOX_IRQ_ENABLE, MBOX_IRQ_ENABLE);
	ck_assert_uint_eq(FW_MBOX_IRQ_RAW, MBOX_IRQ_RAW);
	ck_assert_uint_eq(FW_MBOX_IRQ_STATUS, MBOX_IRQ_STATUS);
	ck_assert_uint_eq(FW_MBOX_ERR_STATUS, MBOX_ERR_STATUS);
	ck_assert_uint_eq(FW_MBOX_TX_BASE, MBOX_TX_BASE);
	ck_assert_uint_eq(FW_MBOX_RX_BASE, MBOX_RX_BASE);
	ck_assert_uint_eq(FW_MBOX_CHAN_STRIDE, MBOX_CHAN_STRIDE);
	ck_assert_uint_eq(FW_MBOX_CHAN_DATA, MBOX_CHAN_DATA);
	ck_assert_uint_eq(FW_MBOX_CHAN_STATUS, MBOX_CHAN_STATUS);
	for (unsigned c = 0; c < MBOX_MAX_CHANNELS; c++) {
		ck_assert_uint_eq(FW_MBOX_IRQ_RX(c), MBOX_IRQ_RX(c));
		ck_assert_uint_eq(FW_MBOX_IRQ_TX(c), MBOX_IRQ_TX(c));
	}
	ck_assert_uint_eq(FW_MBOX_IRQ_ERR, MBOX_IRQ_ERR);
	ck_assert_uint_eq(FW_MBOX_STATUS_FULL, MBOX_STATUS_FULL);
	ck_assert_uint_eq(FW_MBOX_STATUS_EMPTY, MBOX_STATUS_EMPTY);
	/* the host's platform driver kicks on the same channel */
	ck_assert_uint_eq(FW_MBOX_CHAN, RPROC_PLAT_MBOX_CHAN);
	ck_assert_uint_eq(FW_RP_MBOX_READY, RP_MBOX_READY);
	ck_assert_uint_eq(FW_RP_MBOX_PENDING_MSG, RP_MBOX_PENDING_MSG);
	ck_assert_uint_eq(FW_RP_MBOX_CRASH, RP_MBOX_CRASH);
	ck_assert_uint_eq(FW_RP_MBOX_ECHO_REQUEST, RP_MBOX_ECHO_REQUEST);
	ck_assert_uint_eq(FW_RP_MBOX_ECHO_REPLY, RP_MBOX_ECHO_REPLY);
	/* facts, section 5 */
	ck_assert_uint_eq(FW_RP_MBOX_CRASH, 0xFFFFFF02u);
	ck_assert_uint_eq(FW_RP_MBOX_ECHO_REQUEST, 0xFFFFFF03u);
	ck_assert_uint_eq(FW_RP_MBOX_ECHO_REPLY, 0xFFFFFF04u);
}
END_TEST

START_TEST(test_intc_timer_uart_watchdog_registers)
{
	for (unsigned id = 0; id < INTC_NSOURCES; id++)
		ck_assert_uint_eq(FW_INTC_PRIORITY(id), INTC_PRIORITY(id));
	ck_assert_uint_eq(FW_INTC_PENDING, INTC_PENDING);
	ck_assert_uint_eq(FW_INTC_ENABLE, INTC_ENABLE);
	ck_assert_uint_eq(FW_INTC_THRESHOLD, INTC_THRESHOLD);
	ck_assert_uint_eq(FW_INTC_CLAIM, INTC_CLAIM);
	ck_assert_uint_eq(FW_INTC_INPUT, INTC_INPUT);
	ck_assert_uint_eq(FW_INTC_NSOURCES, INTC_NSOURCES);

	ck_assert_uint_eq(FW_TIMER_MSIP, MTIMER_MSIP);
	ck_assert_uint_eq(FW_TIMER_MTIMECMP_LO, MTIMER_MTIMECMP_LO);
	ck_assert_uint_eq(FW_TIMER_MTIMECMP_HI, MTIMER_MTIMECMP_HI);
	ck_assert_uint_eq(FW_TIMER_MTIME_LO, MTIMER_MTIME_LO);
	ck_assert_uint_eq(FW_TIMER_MTIME_HI, MTIMER_MTIME_HI);
	ck_assert_uint_eq(FW_TIMER_HZ, MTIMER_DEFAULT_HZ);

	ck_assert_uint_eq(FW_UART_TXDATA, UART_TXDATA);
	ck_assert_uint_eq(FW_UART_STATUS, UART_STATUS);
	ck_assert_uint_eq(FW_UART_STATUS_TX_READY, UART_STATUS_TX_READY);

	ck_assert_uint_eq(FW_WATCHDOG_CTRL, WATCHDOG_CTRL);
	ck_assert_uint_eq(FW_WATCHDOG_LOAD, WATCHDOG_LOAD);
	ck_assert_uint_eq(FW_WATCHDOG_KICK, WATCHDOG_KICK);
	ck_assert_uint_eq(FW_WATCHDOG_COUNT, WATCHDOG_COUNT);
	ck_assert_uint_eq(FW_WATCHDOG_STATUS, WATCHDOG_STATUS);
	ck_assert_uint_eq(FW_WATCHDOG_CTRL_EN, WATCHDOG_CTRL_EN);
	ck_assert_uint_eq(FW_WATCHDOG_KICK_MAGIC, WATCHDOG_KICK_MAGIC);

	/* every register the firmware touches lies inside its window */
	ck_assert_uint_lt(FW_MBOX_RX_BASE + MBOX_MAX_CHANNELS * FW_MBOX_CHAN_STRIDE, MBOX_WINDOW_SIZE + 1);
	ck_assert_uint_lt(FW_INTC_INPUT, INTC_WINDOW_SIZE);
	ck_assert_uint_lt(FW_TIMER_MTIME_HI, MTIMER_WINDOW_SIZE);
	ck_assert_uint_lt(FW_UART_STATUS, UART_WINDOW_SIZE);
	ck_assert_uint_lt(FW_WATCHDOG_STATUS, WATCHDOG_WINDOW_SIZE);
}
END_TEST

START_TEST(test_rsc_layout)
{
	/* facts, section 1; the host parser's offsets count the type word */
	ck_assert_uint_eq(sizeof(struct fw_rsc_hdr), 16);
	ck_assert_uint_eq(sizeof(struct fw_rsc_hdr), RSC_HDR_SIZE);
	ck_assert_uint_eq(sizeof(struct fw_rsc_carveout), 4 + 52);
	ck_assert_uint_eq(sizeof(struct fw_rsc_carveout), RSC_MEM_SIZE);
	ck_assert_uint_eq(offsetof(struct fw_rsc_carveout, da), RSC_MEM_DA);
	ck_assert_uint_eq(offsetof(struct fw_rsc_carveout, pa), RSC_MEM_PA);
	ck_assert_uint_eq(offsetof(struct fw_rsc_carveout, len), RSC_MEM_LEN);
	ck_assert_uint_eq(offsetof(struct fw_rsc_carveout, flags), RSC_MEM_FLAGS);
	ck_assert_uint_eq(offsetof(struct fw_rsc_carveout, reserved), RSC_MEM_RESERVED);
	ck_assert_uint_eq(offsetof(struct fw_rsc_carveout, name), RSC_MEM_NAME);
	ck_assert_uint_eq(sizeof(struct fw_rsc_trace), 4 + 44);
	ck_assert_uint_eq(sizeof(struct fw_rsc_trace), RSC_TRACE_SIZE);
	ck_assert_uint_eq(offsetof(struct fw_rsc_trace, da), RSC_TRACE_DA);
	ck_assert_uint_eq(offsetof(struct fw_rsc_trace, len), RSC_TRACE_LEN);
	ck_assert_uint_eq(offsetof(struct fw_rsc_trace, reserved), RSC_TRACE_RESERVED);
	ck_assert_uint_eq(offsetof(struct fw_rsc_trace, name), RSC_TRACE_NAME);
	ck_assert_uint_eq(sizeof(struct fw_rsc_vdev), 4 + 24);
	ck_assert_uint_eq(sizeof(struct fw_rsc_vdev), RSC_VDEV_FIXED);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev, id), RSC_VDEV_ID);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev, notifyid), RSC_VDEV_NOTIFYID);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev, dfeatures), RSC_VDEV_DFEATURES);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev, gfeatures), RSC_VDEV_GFEATURES);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev, config_len), RSC_VDEV_CONFIG_LEN);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev, status), RSC_VDEV_STATUS);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev, num_of_vrings), RSC_VDEV_NUM_VRINGS);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev, reserved), RSC_VDEV_RESERVED);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev, vring), RSC_VDEV_VRINGS);
	ck_assert_uint_eq(sizeof(struct fw_rsc_vring), 20);
	ck_assert_uint_eq(sizeof(struct fw_rsc_vring), RSC_VRING_SIZE);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vring, da), RSC_VRING_DA);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vring, align), RSC_VRING_ALIGN);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vring, num), RSC_VRING_NUM);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vring, notifyid), RSC_VRING_NOTIFYID);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vring, pa), RSC_VRING_PA);
	/* the fixed two-vring vdev is the flexible one plus two vrings */
	ck_assert_uint_eq(sizeof(struct fw_rsc_vdev_rpmsg), RSC_VDEV_FIXED + 2 * RSC_VRING_SIZE);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev_rpmsg, vring), RSC_VDEV_VRINGS);
	ck_assert_uint_eq(offsetof(struct fw_rsc_vdev_rpmsg, status), RSC_VDEV_STATUS);
	ck_assert_uint_eq(FW_RSC_CARVEOUT, RSC_CARVEOUT);
	ck_assert_uint_eq(FW_RSC_DEVMEM, RSC_DEVMEM);
	ck_assert_uint_eq(FW_RSC_TRACE, RSC_TRACE);
	ck_assert_uint_eq(FW_RSC_VDEV, RSC_VDEV);
	ck_assert_uint_eq(FW_VIRTIO_ID_RPMSG, VIRTIO_ID_RPMSG);
	ck_assert_uint_eq(FW_VIRTIO_RPMSG_F_NS, VIRTIO_RPMSG_F_NS);
	ck_assert_uint_eq(FW_VIRTIO_S_DRIVER_OK, 4);
	/* facts: one vdev with two vrings and no config in its own table is
	 * 88 bytes with offset[0] = 20 */
	ck_assert_uint_eq(sizeof(struct fw_rsc_hdr) + 4 + sizeof(struct fw_rsc_vdev_rpmsg), 88);
}
END_TEST

START_TEST(test_vring_and_rpmsg_layout)
{
	ck_assert_uint_eq(sizeof(struct fw_vring_desc), VRING_DESC_SIZE);
	ck_assert_uint_eq(offsetof(struct fw_vring_desc, addr), VRING_DESC_ADDR);
	ck_assert_uint_eq(offsetof(struct fw_vring_desc, len), VRING_DESC_LEN);
	ck_assert_uint_eq(offsetof(struct fw_vring_desc, flags), VRING_DESC_FLAGS);
	ck_assert_uint_eq(offsetof(struct fw_vring_desc, next), VRING_DESC_NEXT);
	ck_assert_uint_eq(offsetof(struct fw_vring_avail, idx), VRING_AVAIL_IDX);
	ck_assert_uint_eq(offsetof(struct fw_vring_avail, ring), VRING_AVAIL_RING);
	ck_assert_uint_eq(offsetof(struct fw_vring_used, idx), VRING_USED_IDX);
	ck_assert_uint_eq(offsetof(struct fw_vring_used, ring), VRING_USED_RING);
	ck_assert_uint_eq(sizeof(struct fw_vring_used_elem), VRING_USED_ELEM_SIZE);
	ck_assert_uint_eq(FW_VRING_DESC_F_NEXT, VRING_DESC_F_NEXT);
	ck_assert_uint_eq(FW_VRING_DESC_F_WRITE, VRING_DESC_F_WRITE);
	ck_assert_uint_eq(FW_VRING_DESC_F_INDIRECT, VRING_DESC_F_INDIRECT);
	ck_assert_uint_eq(FW_VRING_AVAIL_F_NO_INTERRUPT, VRING_AVAIL_F_NO_INTERRUPT);
	ck_assert_uint_eq(FW_VRING_USED_F_NO_NOTIFY, VRING_USED_F_NO_NOTIFY);

	/* facts, section 4: num 256 align 4096 -> 10246 bytes; and the
	 * host's own layout for every geometry a table may ask for */
	ck_assert_uint_eq(fw_vring_size(256, 4096), 10246);
	for (uint32_t num = 1; num <= 1024; num *= 2) {
		for (uint32_t align = 16; align <= 4096; align *= 16) {
			struct rproc_vring_layout lay;
			ck_assert_int_eq(rproc_vring_layout(FW_DRAM_BASE, num, align, &lay), 0);
			ck_assert_uint_eq(fw_vring_size(num, align), lay.size);
			uint32_t avail = FW_DRAM_BASE + 16u * num;
			uint32_t used = (avail + 2u * (3u + num) + align - 1) & ~(align - 1);
			ck_assert_uint_eq(avail, lay.avail);
			ck_assert_uint_eq(used, lay.used);
		}
	}

	ck_assert_uint_eq(sizeof(struct fw_rpmsg_hdr), RPMSG_HDR_SIZE);
	ck_assert_uint_eq(offsetof(struct fw_rpmsg_hdr, src), RPMSG_HDR_SRC);
	ck_assert_uint_eq(offsetof(struct fw_rpmsg_hdr, dst), RPMSG_HDR_DST);
	ck_assert_uint_eq(offsetof(struct fw_rpmsg_hdr, reserved), RPMSG_HDR_RESERVED);
	ck_assert_uint_eq(offsetof(struct fw_rpmsg_hdr, len), RPMSG_HDR_LEN);
	ck_assert_uint_eq(offsetof(struct fw_rpmsg_hdr, flags), RPMSG_HDR_FLAGS);
	ck_assert_uint_eq(offsetof(struct fw_rpmsg_hdr, data), 16);
	ck_assert_uint_eq(sizeof(struct fw_rpmsg_ns_msg), RPMSG_NS_MSG_SIZE);
	ck_assert_uint_eq(offsetof(struct fw_rpmsg_ns_msg, addr), 32);
	ck_assert_uint_eq(offsetof(struct fw_rpmsg_ns_msg, flags), 36);
	ck_assert_uint_eq(FW_RPMSG_BUF_SIZE, RPMSG_BUF_SIZE);
	ck_assert_uint_eq(FW_RPMSG_MAX_PAYLOAD, 496);
	ck_assert_uint_eq(FW_RPMSG_MAX_PAYLOAD, RPMSG_MAX_PAYLOAD);
	ck_assert_uint_eq(FW_RPMSG_NS_ADDR, RPMSG_NS_ADDR);
	ck_assert_uint_eq(FW_RPMSG_ADDR_ANY, RPMSG_ADDR_ANY);
	ck_assert_uint_eq(FW_RPMSG_FIRST_DYN_ADDR, RPMSG_RESERVED_ADDRESSES);
	ck_assert_uint_eq(FW_RPMSG_NAME_LEN, RPMSG_NAME_SIZE);
	ck_assert_uint_eq(FW_RPMSG_NS_CREATE, RPMSG_NS_CREATE);
	ck_assert_uint_eq(FW_RPMSG_NS_DESTROY, RPMSG_NS_DESTROY);
}
END_TEST

/* Check's pointer asserts take const void *: drop the volatile. */
static const void *find(void *t, uint32_t n, uint32_t type, unsigned nth)
{
	return (const void *)(uintptr_t)fw_rsc_find(t, n, type, nth);
}

static const void *carveout(void *t, uint32_t n, const char *name)
{
	return (const void *)(uintptr_t)fw_rsc_carveout(t, n, name);
}

/* The standard table, built by the SDK's macros, as bytes. */
static void std_table(struct fw_rsc_table_std *t)
{
	struct fw_rsc_table_std v = FW_RSC_TABLE_STD_INIT;
	v.trace.da = 0x1000; /* the initialiser took a native pointer */
	*t = v;
}

START_TEST(test_std_table_accepted_by_host)
{
	struct fw_rsc_table_std t;
	std_table(&t);
	ck_assert_uint_eq(sizeof(t), 200);
	struct diag d;
	diag_init(&d, "std");
	struct rsc_table rt;
	ck_assert_int_eq(rsc_table_parse((const uint8_t *)&t, sizeof(t), -1, &rt, &d), 0);
	ck_assert_uint_eq(diag_count(&d, DIAG_ERROR), 0);
	ck_assert_uint_eq(diag_count(&d, DIAG_WARNING), 0);
	ck_assert_uint_eq(rt.nentries, 3);
	ck_assert_uint_eq(rt.entries[0].type, RSC_CARVEOUT);
	ck_assert_uint_eq(rt.entries[0].da, FW_RSC_ADDR_ANY);
	ck_assert_uint_eq(rt.entries[0].len, FW_RSC_STD_CARVEOUT_LEN);
	ck_assert_str_eq(rt.entries[0].name, "fw-dram");
	ck_assert_uint_eq(rt.entries[1].type, RSC_TRACE);
	ck_assert_uint_eq(rt.entries[1].len, FW_TRACE_BUF_SIZE);
	ck_assert_str_eq(rt.entries[1].name, "trace0");
	const struct rsc_entry *v = &rt.entries[2];
	ck_assert_uint_eq(v->type, RSC_VDEV);
	ck_assert_uint_eq(v->id, VIRTIO_ID_RPMSG);
	ck_assert_uint_eq(v->dfeatures, 1u << VIRTIO_RPMSG_F_NS);
	ck_assert_uint_eq(v->num_of_vrings, 2);
	ck_assert_uint_eq(v->config_len, 0);
	for (unsigned i = 0; i < 2; i++) {
		ck_assert_uint_eq(v->vring[i].da, FW_RSC_ADDR_ANY);
		ck_assert_uint_eq(v->vring[i].num, 256);
		ck_assert_uint_eq(v->vring[i].align, 0x1000);
	}
	/* Linux rewrites vring notifyids to 0 and 1: keep the vdev's apart */
	ck_assert_uint_ge(v->notifyid, 2);
	rsc_table_free(&rt);
	diag_free(&d);
}
END_TEST

START_TEST(test_rsc_find)
{
	struct fw_rsc_table_std t;
	std_table(&t);
	uint32_t n = sizeof(t);
	ck_assert_ptr_eq(find(&t, n, FW_RSC_CARVEOUT, 0), (void *)&t.carveout);
	ck_assert_ptr_eq(find(&t, n, FW_RSC_TRACE, 0), (void *)&t.trace);
	ck_assert_ptr_eq(find(&t, n, FW_RSC_VDEV, 0), (void *)&t.vdev);
	ck_assert_ptr_null(find(&t, n, FW_RSC_VDEV, 1));
	ck_assert_ptr_null(find(&t, n, FW_RSC_DEVMEM, 0));
	ck_assert_ptr_eq(carveout(&t, n, "fw-dram"), &t.carveout);
	ck_assert_ptr_null(carveout(&t, n, "fw-dra"));
	ck_assert_ptr_null(carveout(&t, n, "nope"));
}
END_TEST

/* Damaged tables: fw_rsc_find must not read outside them, and must not
 * return an entry that does not fit. */
START_TEST(test_rsc_find_rejects_bad_tables)
{
	struct fw_rsc_table_std t;
	std_table(&t);
	uint32_t n = sizeof(t);
	ck_assert_ptr_null(find(NULL, n, FW_RSC_VDEV, 0));
	ck_assert_ptr_null(find(&t, 15, FW_RSC_VDEV, 0)); /* shorter than the header */
	/* the vdev needs its fixed part inside the size given */
	ck_assert_ptr_null(find(&t, offsetof(struct fw_rsc_table_std, vdev) + 8,
				       FW_RSC_VDEV, 0));

	std_table(&t);
	t.hdr.ver = 2;
	ck_assert_ptr_null(find(&t, n, FW_RSC_VDEV, 0));

	std_table(&t);
	t.hdr.num = 0xFFFFFFFFu; /* offset[] would run far past the table */
	ck_assert_ptr_null(find(&t, n, FW_RSC_VDEV, 0));

	static const uint32_t bad_offsets[] = { 0, 4, 20, 199, 198, 196, 0x80000000u, 0xFFFFFFFCu, 0x1000 };
	for (unsigned i = 0; i < sizeof(bad_offsets) / sizeof(bad_offsets[0]); i++) {
		std_table(&t);
		t.offset[2] = bad_offsets[i];
		ck_assert_msg(find(&t, n, FW_RSC_VDEV, 0) == NULL, "offset %u accepted",
			      bad_offsets[i]);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("sdk_consistency");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_memory_map);
	tcase_add_test(tc, test_memory_map_cm4);
	tcase_add_test(tc, test_mailbox_registers);
	tcase_add_test(tc, test_intc_timer_uart_watchdog_registers);
	tcase_add_test(tc, test_rsc_layout);
	tcase_add_test(tc, test_vring_and_rpmsg_layout);
	tcase_add_test(tc, test_std_table_accepted_by_host);
	tcase_add_test(tc, test_rsc_find);
	tcase_add_test(tc, test_rsc_find_rejects_bad_tables);
	suite_add_tcase(s, tc);

	return s;
}
