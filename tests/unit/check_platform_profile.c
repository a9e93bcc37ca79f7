/* The per-ISA platform profiles (sim/platform/platform_profile.h): one
 * per registered core, consistent with the device table; the defaults of
 * every core and of mixed boards pass the overlap checks; a Cortex-M4F
 * remote builds without intc or timer, its mailbox line on an NVIC line,
 * its DRAM alias a window of DRAM; doc/devices.md's per-core table says
 * what the profiles say. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/mailbox.h"
#include "sim/core/fileio.h"
#include "sim/platform/isa.h"
#include "sim/platform/platform.h"
#include "sim/platform/platform_profile.h"
#include "tests/unit/check_main.h"

static void quiet(void *ctx, sim_time_t t, enum sim_log_cat cat, uint16_t comp, const char *who,
		  const char *msg)
{
	(void)ctx, (void)t, (void)cat, (void)comp, (void)who, (void)msg;
}

START_TEST(one_profile_per_core)
{
	ck_assert_uint_eq(platform_profile_count(), isa_count());
	for (unsigned i = 0; i < isa_count(); i++) {
		const struct cpu_isa *isa = isa_list(i);
		const struct platform_profile *pf = platform_profile_find(isa->name);
		ck_assert_str_eq(pf->core, isa->name);
		ck_assert_uint_ge(pf->nmem, 1);
		ck_assert_uint_le(pf->nmem, PLATFORM_MAX_MEMORIES);
		for (unsigned k = 0; k < pf->ndev; k++) {
			/* overrides are of remote-side devices, each once */
			ck_assert(dev_table[pf->dev[k].dev].in[DEV_REMOTE]);
			ck_assert(!pf->dev[k].absent || pf->dev[k].why);
			for (unsigned j = 0; j < k; j++)
				ck_assert_int_ne(pf->dev[j].dev, pf->dev[k].dev);
		}
		/* the mailbox is always there, and the sysctl the host drives */
		ck_assert(platform_profile_has(pf, DEV_MAILBOX));
		ck_assert(platform_profile_has(pf, DEV_SYSCTL));
		unsigned lo, hi;
		const char *what;
		platform_profile_irq_range(pf, &lo, &hi, &what);
		ck_assert_uint_ge(pf->mbox_remote_irq, lo);
		ck_assert_uint_le(pf->mbox_remote_irq, hi);
		/* an interrupt controller inside the core: no intc on the bus */
		ck_assert(isa->irq.lines > 0 ? !platform_profile_has(pf, DEV_INTC)
					     : platform_profile_has(pf, DEV_INTC));
	}
	/* NULL and an unknown name: the default core's */
	ck_assert_str_eq(platform_profile_find(NULL)->core, ISA_DEFAULT);
	ck_assert_str_eq(platform_profile_find("z80")->core, ISA_DEFAULT);
	ck_assert_ptr_null(platform_profile_list(platform_profile_count()));
}
END_TEST

/* Four remotes of each core, and of both alternating: no overlap. */
START_TEST(defaults_do_not_overlap)
{
	for (unsigned mode = 0; mode <= isa_count(); mode++) {
		struct platform_desc p;
		platform_desc_default(&p);
		p.nremotes = 4;
		for (unsigned i = 0; i < 4; i++) {
			unsigned pick = mode < isa_count() ? mode : i % isa_count();
			char where[32];
			snprintf(where, sizeof(where), "$.r[%u]", i);
			platform_remote_default(&p.remotes[i], i, where, isa_list(pick)->name);
		}
		struct diag d;
		diag_init(&d, NULL);
		ck_assert_uint_eq(platform_desc_check(&p, "t", &d), 0);
		diag_free(&d);
	}
}
END_TEST

START_TEST(cortex_m_remote_builds)
{
	struct sim sim;
	sim_init(&sim);
	sim.log_fn = quiet;
	struct platform_desc desc;
	platform_desc_default(&desc);
	desc.nremotes = 2;
	platform_remote_default(&desc.remotes[1], 1, "$.r[1]", "cortex-m4f");
	struct diag d;
	diag_init(&d, NULL);
	struct platform *p = platform_build(&sim, &desc, &d);
	ck_assert_msg(p != NULL, "%s", d.n ? "errors" : "");
	diag_free(&d);
	struct platform_remote *rv = &p->remotes[0], *cm = &p->remotes[1];
	ck_assert_ptr_nonnull(rv->intc);
	ck_assert_ptr_nonnull(rv->timer);
	ck_assert_ptr_null(cm->intc);
	ck_assert_ptr_null(cm->timer);
	ck_assert_str_eq(cm->core->isa->name, "cortex-m4f");
	ck_assert_str_eq(cm->profile->core, "cortex-m4f");
	/* its peripherals where Cortex-M firmware expects them */
	uint64_t v = 0;
	ck_assert_int_eq(bus_read(&cm->da, 0x40000000u + MBOX_INFO, 4, &v, 0), BUS_OK);
	ck_assert_ptr_null(bus_find(&cm->da, 0x40001000u)); /* between the mailbox and the uart */
	/* the DRAM alias: a write through da 0x1000_0000 is DRAM at its pa */
	const struct platform_mem_desc *ddr = &desc.remotes[1].memories[1];
	ck_assert_int_eq(bus_write(&cm->da, ddr->da + 8, 4, 0x12345678u, 0), BUS_OK);
	ck_assert_int_eq(bus_read(&p->pa, ddr->pa + 8, 4, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0x12345678u);
	ck_assert_int_eq(bus_read(&cm->da, ddr->pa + 8, 4, &v, 0), BUS_OK);
	ck_assert_uint_eq(v, 0x12345678u);
	sim_destroy(&sim);
}
END_TEST

/* `rpsim run --core`: another core's defaults for the remote-side map,
 * the host side and the memories kept. */
START_TEST(set_core_ports_a_remote)
{
	struct platform_remote_desc r, cm;
	platform_remote_default(&r, 1, "$.r", NULL);
	platform_remote_default(&cm, 1, "$.r", "cortex-m4f");
	uint32_t host_mbox = r.dev_base[DEV_MAILBOX][DEV_HOST];
	platform_remote_set_core(&r, 1, "cortex-m4f");
	ck_assert_str_eq(r.core, "cortex-m4f");
	for (unsigned k = 0; k < DEV_COUNT; k++)
		if (dev_table[k].in[DEV_REMOTE])
			ck_assert_uint_eq(r.dev_base[k][DEV_REMOTE], cm.dev_base[k][DEV_REMOTE]);
	ck_assert_uint_eq(r.dev_base[DEV_MAILBOX][DEV_HOST], host_mbox);
	ck_assert_uint_eq(r.mailbox.remote_irq, cm.mailbox.remote_irq);
	ck_assert_uint_eq(r.timer_hz, cm.timer_hz);
	ck_assert_uint_eq(r.nmemories, 1); /* the memories stay */
	ck_assert(!platform_remote_has(&r, DEV_INTC));
}
END_TEST

/* doc/devices.md, "Per-core subsystems": a row per profile memory and
 * remote-side device, as the profile gives it. */
START_TEST(doc_matches_the_profiles)
{
	const char *top = getenv("top_srcdir");
	char path[2048];
	snprintf(path, sizeof(path), "%s/doc/devices.md", top ? top : "..");
	size_t n;
	char *doc = sim_read_file(path, 1 << 20, &n);
	ck_assert_msg(doc != NULL, "%s", path);
	for (unsigned i = 0; i < platform_profile_count(); i++) {
		const struct platform_profile *pf = platform_profile_list(i);
		char row[256];
		for (unsigned m = 0; m < pf->nmem; m++) {
			snprintf(row, sizeof(row), "| %s | memory %s | 0x%08x | 0x%x | host pa 0x%08x, + 0x%x per remote |",
				 pf->core, pf->mem[m].name, pf->mem[m].da, pf->mem[m].size, pf->mem[m].pa,
				 pf->mem[m].pa_stride);
			ck_assert_msg(strstr(doc, row) != NULL, "doc/devices.md lacks the row \"%s\"", row);
		}
		for (unsigned k = 0; k < DEV_COUNT; k++) {
			if (!dev_table[k].in[DEV_REMOTE])
				continue;
			const char *why = platform_profile_absent_why(pf, (enum dev_id)k);
			if (why)
				snprintf(row, sizeof(row), "| %s | %s | none | | %s |", pf->core, dev_table[k].name, why);
			else
				snprintf(row, sizeof(row), "| %s | %s | 0x%08x | 0x%llx |", pf->core, dev_table[k].name,
					 platform_profile_base(pf, (enum dev_id)k, DEV_REMOTE, 0),
					 (unsigned long long)dev_table[k].window);
			ck_assert_msg(strstr(doc, row) != NULL, "doc/devices.md lacks the row \"%s\"", row);
		}
		unsigned lo, hi;
		const char *what;
		platform_profile_irq_range(pf, &lo, &hi, &what);
		snprintf(row, sizeof(row), "| %s | mailbox line | %s %u | | %u..%u |", pf->core, what,
			 pf->mbox_remote_irq, lo, hi);
		ck_assert_msg(strstr(doc, row) != NULL, "doc/devices.md lacks the row \"%s\"", row);
	}
	free(doc);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("platform_profile");
	TCase *tc = tcase_create("profiles");
	tcase_add_test(tc, one_profile_per_core);
	tcase_add_test(tc, defaults_do_not_overlap);
	tcase_add_test(tc, cortex_m_remote_builds);
	tcase_add_test(tc, set_core_ports_a_remote);
	tcase_add_test(tc, doc_matches_the_profiles);
	suite_add_tcase(s, tc);
	return s;
}
