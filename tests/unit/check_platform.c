/* The platform as the host model uses it.  The remote subsystem's reset as
 * a firmware sees it (doc/devices.md, "what a firmware finds at reset"):
 * after the sysctl releases the core, its mailbox side is empty with
 * interrupts off and the intc has nothing pending, at the first boot and
 * after a restart alike, whatever the previous firmware left unread
 * (issue 16, item 12).  The remote's IOMMU windows (item 1). */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "devices/intc.h"
#include "devices/mailbox.h"
#include "devices/sysctl.h"
#include "sim/platform/platform.h"
#include "tests/unit/check_main.h"

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *who,
		  const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)who, (void)msg;
}

struct board {
	struct sim sim;
	struct platform_desc desc;
	struct platform *p;
	struct platform_remote *r;
	uint64_t mbox_host, sysctl, intc, mbox_remote;
};

static struct board *board_new(void)
{
	struct board *b = calloc(1, sizeof(*b));
	ck_assert_ptr_nonnull(b);
	sim_init(&b->sim);
	b->sim.log_fn = quiet;
	platform_desc_default(&b->desc);
	struct diag d;
	diag_init(&d, NULL);
	b->p = platform_build(&b->sim, &b->desc, &d);
	ck_assert_ptr_nonnull(b->p);
	diag_free(&d);
	b->r = &b->p->remotes[0];
	const struct platform_remote_desc *rc = &b->desc.remotes[0];
	b->mbox_host = rc->dev_base[DEV_MAILBOX][DEV_HOST];
	b->mbox_remote = rc->dev_base[DEV_MAILBOX][DEV_REMOTE];
	b->sysctl = rc->dev_base[DEV_SYSCTL][DEV_HOST];
	b->intc = rc->dev_base[DEV_INTC][DEV_REMOTE];
	return b;
}

static void board_free(struct board *b)
{
	sim_destroy(&b->sim);
	free(b);
}

static uint32_t rd(struct bus *bus, uint64_t a, sim_time_t t)
{
	uint64_t v = 0;
	ck_assert_int_eq(bus_read(bus, a, 4, &v, t), BUS_OK);
	return (uint32_t)v;
}

static void wr(struct bus *bus, uint64_t a, uint32_t v, sim_time_t t)
{
	ck_assert_int_eq(bus_write(bus, a, 4, v, t), BUS_OK);
}

/* What the firmware sees right after its reset is released. */
static void expect_clean(struct board *b, sim_time_t t)
{
	struct bus *da = &b->r->da;
	ck_assert_uint_eq(mbox_rx_count(b->r->mbox, MBOX_SIDE_REMOTE, 0), 0);
	ck_assert_uint_ne(rd(da, b->mbox_remote + MBOX_RX_BASE + MBOX_CHAN_STATUS, t) &
			  MBOX_STATUS_EMPTY, 0);
	ck_assert_uint_eq(rd(da, b->mbox_remote + MBOX_IRQ_ENABLE, t), 0);
	ck_assert_uint_eq(rd(da, b->mbox_remote + MBOX_ERR_STATUS, t), 0);
	ck_assert_uint_eq(rd(da, b->intc + INTC_PENDING, t), 0);
	ck_assert_uint_eq(rd(da, b->intc + INTC_ENABLE, t), 0);
}

/* The firmware turns its mailbox interrupt on as the SDK's fw_sys_init. */
static void firmware_init(struct board *b, sim_time_t t)
{
	struct bus *da = &b->r->da;
	wr(da, b->mbox_remote + MBOX_IRQ_ENABLE, MBOX_IRQ_RX(0), t);
	wr(da, b->intc + INTC_PRIORITY(b->desc.remotes[0].mailbox.remote_irq), 1, t);
	wr(da, b->intc + INTC_ENABLE, 1u << b->desc.remotes[0].mailbox.remote_irq, t);
}

START_TEST(restart_looks_like_first_boot)
{
	struct board *b = board_new();
	struct bus *pa = &b->p->pa;
	sim_time_t t = 0;
	/* first boot */
	wr(pa, b->sysctl + SYSCTL_RESET, 0, t);
	expect_clean(b, t);
	firmware_init(b, t);
	/* the host kicks twice; the firmware masks its interrupts and never
	 * reads them (a hang, a crash), then the host stops it */
	wr(pa, b->mbox_host + MBOX_TX_BASE + MBOX_CHAN_DATA, 0, t);
	wr(pa, b->mbox_host + MBOX_TX_BASE + MBOX_CHAN_DATA, 1, t);
	t += SIM_US;
	sim_run(&b->sim, t);
	ck_assert_uint_eq(mbox_rx_count(b->r->mbox, MBOX_SIDE_REMOTE, 0), 2);
	ck_assert_uint_ne(rd(&b->r->da, b->intc + INTC_PENDING, t), 0);
	wr(pa, b->sysctl + SYSCTL_RESET, SYSCTL_RESET_ASSERT, t);
	t += SIM_US;
	sim_run(&b->sim, t);
	/* the restart finds what the first boot found */
	wr(pa, b->sysctl + SYSCTL_RESET, 0, t);
	expect_clean(b, t);
	t += SIM_US;
	sim_run(&b->sim, t);
	expect_clean(b, t);
	ck_assert(!b->r->mbox || !mbox_irq(b->r->mbox, MBOX_SIDE_REMOTE)->level);
	/* the host's side kept its registers */
	ck_assert_uint_ne(rd(pa, b->mbox_host + MBOX_TX_BASE + MBOX_CHAN_STATUS, t) & MBOX_STATUS_EMPTY, 0);
	board_free(b);
}
END_TEST

/* Messages the host sends while the remote is held in reset are gone when
 * it is released: the side comes out of reset empty. */
START_TEST(messages_sent_during_reset_are_dropped)
{
	struct board *b = board_new();
	struct bus *pa = &b->p->pa;
	wr(pa, b->mbox_host + MBOX_TX_BASE + MBOX_CHAN_DATA, 7, 0);
	ck_assert_uint_eq(mbox_rx_count(b->r->mbox, MBOX_SIDE_REMOTE, 0), 1);
	wr(pa, b->sysctl + SYSCTL_RESET, 0, SIM_US);
	expect_clean(b, SIM_US);
	/* the remote's messages to the host are the host's business */
	wr(&b->r->da, b->mbox_remote + MBOX_TX_BASE + MBOX_CHAN_DATA, 9, 2 * SIM_US);
	wr(pa, b->sysctl + SYSCTL_RESET, SYSCTL_RESET_ASSERT, 3 * SIM_US);
	ck_assert_uint_eq(mbox_rx_count(b->r->mbox, MBOX_SIDE_HOST, 0), 1);
	board_free(b);
}
END_TEST

/* platform_iommu_map: what the host's rproc_handle_devmem maps appears at
 * da on the remote's bus, until unmapped */
START_TEST(iommu_windows)
{
	struct board *b = board_new();
	struct bus *da = &b->r->da;
	char err[256];
	uint64_t v;
	/* DRAM at 0x80100000 seen by the remote at 0x20000000 */
	ck_assert_int_eq(platform_iommu_map(b->r, 0x20000000, 0x80100000, 0x1000, 3, err, sizeof(err)), 0);
	wr(&b->p->pa, 0x80100010, 0xfeedf00d, 0);
	ck_assert_int_eq(bus_read(da, 0x20000010, 4, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0xfeedf00d);
	/* a whole device window: the mailbox's host side, from its start */
	ck_assert_int_eq(platform_iommu_map(b->r, 0x30000000, b->mbox_host, 0x1000, 3, err, sizeof(err)), 0);
	ck_assert_uint_eq(rd(da, 0x30000000 + MBOX_INFO, 0), rd(&b->p->pa, b->mbox_host + MBOX_INFO, 0));
	/* refused: inside a device's registers, in no region, overlapping */
	ck_assert_int_eq(platform_iommu_map(b->r, 0x31000000, b->mbox_host + 0x100, 0x100, 3, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "from its start"));
	ck_assert_int_eq(platform_iommu_map(b->r, 0x32000000, 0x70000000, 0x1000, 3, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "not inside one region"));
	ck_assert_int_eq(platform_iommu_map(b->r, 0x20000800, 0x80200000, 0x1000, 3, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(err, "overlaps"));
	ck_assert_int_eq(platform_iommu_map(b->r, 0x33000000, 0x8ffff000, 0x2000, 3, err, sizeof(err)), -EINVAL);
	/* unmapped: gone from the remote's view */
	platform_iommu_unmap(b->r, 0x20000000, 0x1000);
	ck_assert_int_eq(bus_read(da, 0x20000010, 4, &v, 0), BUS_UNMAPPED);
	platform_iommu_unmap(b->r, 0x30000000, 0x1000);
	ck_assert_int_eq(bus_read(da, 0x30000000, 4, &v, 0), BUS_UNMAPPED);
	board_free(b);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("platform");
	TCase *tc = tcase_create("reset");
	tcase_add_test(tc, restart_looks_like_first_boot);
	tcase_add_test(tc, messages_sent_during_reset_are_dropped);
	suite_add_tcase(s, tc);
	tc = tcase_create("iommu");
	tcase_add_test(tc, iommu_windows);
	suite_add_tcase(s, tc);
	return s;
}
