/* The device-tree reader (sim/platform/dt_*.c): every property it reads,
 * every bad board it refuses (with the node path in the message), the
 * writer's output read back to the same description, dtc's messages in
 * rpsim's form, and damaged blobs (seeded) that must be refused or read,
 * never crash (the sanitizer build runs this too). */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/core/fileio.h"
#include "sim/platform/dt.h"
#include "sim/platform/isa.h"
#include "tests/unit/check_main.h"

static struct platform_desc P;
static struct diag dg;
static char dir[] = "/tmp/check_dt.XXXXXX";
static char path[256];

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	diag_init(&dg, NULL);
	memset(&P, 0, sizeof(P));
}

static void teardown(void)
{
	platform_desc_free_strings(&P);
	diag_free(&dg);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(dir, "/tmp/check_dt.XXXXXX");
}

/* The common part of the boards below: cells, DRAM, a mailbox. */
#define HEAD                                                                    \
	"/dts-v1/;\n/ {\n#address-cells = <1>; #size-cells = <1>;\n"             \
	"memory@80000000 { device_type = \"memory\"; reg = <0x80000000 0x10000000>; };\n" \
	"mbox0: mailbox@50000000 { compatible = \"rpsim,mailbox\"; reg = <0x50000000 0x1000>;" \
	" #mbox-cells = <1>; };\n"
/* A remote at 0x40000000 with its TCM at da 0; EXTRA goes inside it. */
#define REMOTE(EXTRA)                                                           \
	"rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>;" \
	" reg-names = \"tcm\"; #address-cells = <1>; #size-cells = <1>;"          \
	" ranges = <0 0x40000000 0x40000>; mboxes = <&mbox0 0>, <&mbox0 0>;"      \
	" mbox-names = \"tx\", \"rx\"; " EXTRA " };\n"

static int load(const char *dts)
{
	snprintf(path, sizeof(path), "%s/b.dts", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(dts, f);
	fclose(f);
	platform_desc_free_strings(&P);
	diag_clear(&dg);
	return dt_load_file(path, &P, &dg);
}

static void refused(const char *dts, const char *msg)
{
	ck_assert_int_eq(load(dts), -1);
	if (!diag_find(&dg, DIAG_ERROR, msg)) {
		diag_print(&dg, stderr);
		ck_abort_msg("no error containing: %s", msg);
	}
}

static void loads(const char *dts)
{
	if (load(dts) != 0) {
		diag_print(&dg, stderr);
		ck_abort_msg("refused a good board");
	}
}

/* --- what is read --- */

START_TEST(default_board)
{
	char *text = NULL;
	size_t n;
	char p[512];
	snprintf(p, sizeof(p), "%s/scenarios/boards/default.dts", getenv("top_srcdir") ? getenv("top_srcdir") : "..");
	text = sim_read_file(p, 1 << 20, &n);
	ck_assert_ptr_nonnull(text);
	loads(text);
	free(text);
	struct platform_desc def;
	platform_desc_default(&def);
	ck_assert_uint_eq(P.dram_base, def.dram_base);
	ck_assert_uint_eq(P.dram_size, def.dram_size);
	ck_assert_str_eq(P.dram_where, "/memory@80000000");
	ck_assert_uint_eq(P.nremotes, 1);
	const struct platform_remote_desc *r = &P.remotes[0], *d = &def.remotes[0];
	ck_assert_str_eq(r->name, "rv0");
	ck_assert_str_eq(r->core, "rv32imac");
	ck_assert_uint_eq(r->clock_hz, d->clock_hz);
	ck_assert_uint_eq(r->nmemories, 1);
	ck_assert_str_eq(r->memories[0].name, "tcm");
	ck_assert_uint_eq(r->memories[0].da, 0);
	ck_assert_uint_eq(r->memories[0].pa, 0x40000000);
	ck_assert_uint_eq(r->memories[0].size, 0x40000);
	ck_assert_int_eq(memcmp(r->dev_base, d->dev_base, sizeof(r->dev_base)), 0);
	ck_assert_uint_eq(r->timer_hz, d->timer_hz);
	ck_assert_uint_eq(r->mailbox.channels, 2);
	ck_assert_uint_eq(r->mailbox.remote_irq, 1);
	ck_assert_int_eq(r->mailbox.crash_chan, -1);
	ck_assert_str_eq(r->firmware, "rpmsg-echo.elf");
	ck_assert_str_eq(r->where, "/rv0@40000000");
	ck_assert_str_eq(r->dev_where[DEV_INTC][DEV_REMOTE], "/rv0@40000000/intc@10001000");
	ck_assert_uint_eq(diag_count(&dg, DIAG_WARNING), 0);
}
END_TEST

START_TEST(remote_properties)
{
	loads(HEAD "sc0: sysctl@50002000 { compatible = \"rpsim,sysctl\"; reg = <0x50002000 0x100>; #reset-cells = <0>; };\n"
	      "mb1: mailbox@50003000 { compatible = \"rpsim,mailbox\"; reg = <0x50003000 0x1000>; #mbox-cells = <1>;"
	      " interrupts = <7>; rpsim,channels = <4>; rpsim,depth = <16>; rpsim,latency = \"20ns\"; };\n"
	      "dsp@40000000 { compatible = \"vendor,thing\", \"remoteproc-dsp\"; reg = <0x40000000 0x40000>, <0x60000000 0x2000>;"
	      " #address-cells = <1>; #size-cells = <1>; ranges = <0 0x40000000 0x40000>;"
	      " clock-frequency = <0x1 0x00000000>; mboxes = <&mb1 1>, <&mb1 2>, <&mb1 3>;"
	      " mbox-names = \"rx\", \"tx\", \"crash\"; resets = <&sc0>; interrupts = <9>;"
	      " firmware = \"seed.bin\"; unknown-property = <1>;\n"
	      "  timer@20000000 { compatible = \"rpsim,timer\"; reg = <0x20000000 0x10000>; clock-frequency = <32768>; };\n"
	      "  mailbox@21000000 { compatible = \"rpsim,mailbox\"; reg = <0x21000000 0x1000>; interrupts = <5>; };\n"
	      "  uart@22000000 { compatible = \"rpsim,uart\"; reg = <0x22000000 0x100>; };\n"
	      "  something-else { compatible = \"vendor,unknown\"; };\n"
	      "};\n};\n");
	const struct platform_remote_desc *r = &P.remotes[0];
	ck_assert_str_eq(r->name, "dsp");
	ck_assert_str_eq(r->core, ISA_DEFAULT);
	ck_assert_uint_eq(r->clock_hz, 0x100000000ull);
	ck_assert_uint_eq(r->nmemories, 2);
	ck_assert_str_eq(r->memories[1].name, "mem1");
	ck_assert_uint_eq(r->memories[1].da, 0x60000000); /* outside ranges: da == pa */
	ck_assert_uint_eq(r->dev_base[DEV_MAILBOX][DEV_HOST], 0x50003000);
	ck_assert_uint_eq(r->dev_base[DEV_MAILBOX][DEV_REMOTE], 0x21000000);
	ck_assert_uint_eq(r->dev_base[DEV_SYSCTL][DEV_HOST], 0x50002000);
	ck_assert_uint_eq(r->dev_base[DEV_TIMER][DEV_REMOTE], 0x20000000);
	ck_assert_uint_eq(r->dev_base[DEV_UART][DEV_REMOTE], 0x22000000);
	ck_assert_uint_eq(r->dev_base[DEV_INTC][DEV_REMOTE], dev_table[DEV_INTC].base[DEV_REMOTE]);
	ck_assert_uint_eq(r->timer_hz, 32768);
	ck_assert_uint_eq(r->mailbox.host_irq, 7);
	ck_assert_uint_eq(r->mailbox.remote_irq, 5);
	ck_assert_uint_eq(r->mailbox.channels, 4);
	ck_assert_uint_eq(r->mailbox.depth, 16);
	ck_assert_uint_eq(r->mailbox.latency, 20 * SIM_NS);
	ck_assert_uint_eq(r->mailbox.tx_chan, 2);
	ck_assert_uint_eq(r->mailbox.rx_chan, 1);
	ck_assert_int_eq(r->mailbox.crash_chan, 3);
	ck_assert_uint_eq(r->wdt_irq, 9);
	ck_assert_str_eq(r->firmware, "seed.bin");
}
END_TEST

START_TEST(firmware_and_interrupt_spellings)
{
	loads(HEAD REMOTE("firmware-name = \"a.elf\", \"b.elf\"; firmware = \"c.elf\"; interrupt = <4>;") "};\n");
	ck_assert_str_eq(P.remotes[0].firmware, "a.elf");
	ck_assert_uint_eq(P.remotes[0].wdt_irq, 4);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "both firmware-name \"a.elf\" and firmware \"c.elf\""));
	loads(HEAD REMOTE("") "};\n");
	ck_assert_ptr_null(P.remotes[0].firmware); /* the host's default name then */
	ck_assert_uint_eq(P.remotes[0].wdt_irq, 1);
	ck_assert(!P.remotes[0].iommu);
	/* omap_rproc_probe: has_iommu = of_property_read_bool(np, "iommus") */
	loads(HEAD "iommu0: iommu@60000000 { reg = <0x60000000 0x1000>; #iommu-cells = <0>; };\n"
	      REMOTE("iommus = <&iommu0>;") "};\n");
	ck_assert(P.remotes[0].iommu);
}
END_TEST

START_TEST(mailbox_cells_and_names)
{
	/* no #mbox-cells argument, no mbox-names: one entry is both ways */
	loads(HEAD "mb: mailbox@50010000 { compatible = \"rpsim,mailbox\"; reg = <0x50010000 0x1000>; #mbox-cells = <0>; };\n"
	      "rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; mboxes = <&mb>; };\n};\n");
	ck_assert_uint_eq(P.remotes[0].mailbox.tx_chan, 0);
	ck_assert_uint_eq(P.remotes[0].mailbox.rx_chan, 0);
	ck_assert_uint_eq(P.remotes[0].memories[0].da, 0x40000000); /* no ranges: da == pa */
	/* two unnamed entries: tx then rx */
	loads(HEAD "rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>;"
	      " mboxes = <&mbox0 1>, <&mbox0 0>; };\n};\n");
	ck_assert_uint_eq(P.remotes[0].mailbox.tx_chan, 1);
	ck_assert_uint_eq(P.remotes[0].mailbox.rx_chan, 0);
}
END_TEST

START_TEST(translation)
{
	/* a bus that moves its children, dma-ranges on the bus (stm32 style) */
	loads("/dts-v1/;\n/ {\n#address-cells = <1>; #size-cells = <1>;\n"
	      "memory@80000000 { device_type = \"memory\"; reg = <0x80000000 0x10000000>; };\n"
	      "soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>;"
	      " ranges = <0 0x40000000 0x20000000>; dma-ranges = <0x1000 0x48000000 0x10000>;\n"
	      "  mb: mailbox@10000000 { compatible = \"rpsim,mailbox\"; reg = <0x10000000 0x1000>; #mbox-cells = <1>; };\n"
	      "  m4@8000000 { compatible = \"rpsim,rv32imac\"; reg = <0x8000000 0x10000>; mboxes = <&mb 0>; };\n"
	      "};\n};\n");
	const struct platform_remote_desc *r = &P.remotes[0];
	ck_assert_uint_eq(r->memories[0].pa, 0x48000000);
	ck_assert_uint_eq(r->memories[0].da, 0x1000);
	ck_assert_uint_eq(r->dev_base[DEV_MAILBOX][DEV_HOST], 0x50000000);
	/* dma-ranges on the remote's own node */
	loads(HEAD "rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>;"
	      " #address-cells = <1>; #size-cells = <1>; dma-ranges = <0x100000 0x40000000 0x40000>;"
	      " mboxes = <&mbox0 0>; };\n};\n");
	ck_assert_uint_eq(P.remotes[0].memories[0].da, 0x100000);
}
END_TEST

START_TEST(regions)
{
	loads(HEAD "reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;\n"
	      " cma { compatible = \"shared-dma-pool\"; reusable; reg = <0x8c000000 0x2000000>; linux,cma-default; };\n"
	      " v0: vdev0vring0@8f000000 { reg = <0x8f000000 0x4000>; no-map; };\n"
	      " rt: rsc-table@40001000 { reg = <0x40001000 0x1000>; no-map; };\n"
	      " dyn { size = <0x1000>; };\n"
	      " off { reg = <0x8e000000 0x1000>; status = \"disabled\"; };\n};\n"
	      REMOTE("memory-region = <&v0>, <&rt>;") "};\n");
	ck_assert_uint_eq(P.nregions, 3);
	ck_assert_str_eq(P.regions[1].name, "vdev0vring0");
	ck_assert_str_eq(P.regions[1].where, "/reserved-memory/vdev0vring0@8f000000");
	ck_assert(P.regions[0].pool);
	uint32_t base, size;
	platform_desc_pool(&P, &base, &size);
	ck_assert_uint_eq(base, 0x8c000000);
	ck_assert_uint_eq(size, 0x2000000);
	const struct platform_remote_desc *r = &P.remotes[0];
	ck_assert_uint_eq(r->nregions, 2);
	ck_assert_uint_eq(r->regions[0].da, 0x8f000000);          /* DRAM: da == pa */
	ck_assert_uint_eq(r->regions[1].da, 0x1000);              /* in the TCM */
	ck_assert_ptr_nonnull(platform_remote_region(&P, r, "rsc-table"));
	ck_assert_ptr_null(platform_remote_region(&P, r, "vdev0buffer"));
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_WARNING, "/reserved-memory/dyn: ignored: rpsim places only regions with a static \"reg\""));
	/* without a pool region: the upper half of DRAM */
	loads(HEAD REMOTE("") "};\n");
	platform_desc_pool(&P, &base, &size);
	ck_assert_uint_eq(base, 0x88000000);
}
END_TEST

START_TEST(status_and_order)
{
	loads(HEAD "mb1: mailbox@50010000 { compatible = \"rpsim,mailbox\"; reg = <0x50010000 0x1000>; #mbox-cells = <1>; };\n"
	      "off@42000000 { compatible = \"rpsim,rv32imac\"; status = \"disabled\"; };\n"
	      "bus { #address-cells = <1>; #size-cells = <1>; ranges; status = \"fail\";\n"
	      "  hidden@43000000 { compatible = \"rpsim,rv32imac\"; }; };\n"
	      "b@41000000 { compatible = \"rpsim,rv32imac\"; reg = <0x41000000 0x40000>; mboxes = <&mb1 0>; status = \"okay\"; };\n"
	      "a@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; mboxes = <&mbox0 0>; status = \"ok\"; };\n"
	      "};\n");
	ck_assert_uint_eq(P.nremotes, 2);
	ck_assert_str_eq(P.remotes[0].name, "b"); /* document order: remoteproc0 */
	ck_assert_str_eq(P.remotes[1].name, "a");
	/* per-index defaults follow the index */
	ck_assert_uint_eq(P.remotes[1].dev_base[DEV_SYSCTL][DEV_HOST],
			  dev_default_base(&dev_table[DEV_SYSCTL], DEV_HOST, 1));
}
END_TEST

/* --- what is refused --- */

START_TEST(bad_boards)
{
	refused("/dts-v1/;\n/ {\n foo = <1 2;\n};\n", "b.dts:3:");
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "syntax error"));
	refused(HEAD REMOTE("") "x@1 { compatible = \"rpsim,cortex-m0\"; };\n};\n",
		"/x@1: compatible \"rpsim,cortex-m0\" is not modelled; known: remote processors \"rpsim,rv32imac\"");
	refused(HEAD "remoteproc@0 { compatible = \"ti,am64-r5f\"; };\n};\n",
		"/remoteproc@0: a remote processor with compatible \"ti,am64-r5f\", which rpsim does not model");
	refused(HEAD "r { firmware-name = \"x\"; };\n};\n", "/r: a remote processor with compatible \"none\"");
	refused(HEAD "reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;\n"
		" a@8f000000 { reg = <0x8f000000 0x2000>; }; b@8f001000 { reg = <0x8f001000 0x1000>; }; };\n"
		REMOTE("") "};\n", "reserved region 0x8f001000-0x8f001fff of /reserved-memory/b@8f001000 overlaps");
	refused(HEAD REMOTE("memory-region = <0x1234>;") "};\n", "/rv0@40000000: memory-region: phandle 0x1234 points at no node");
	refused(HEAD REMOTE("resets = <0x77>;") "};\n", "resets: phandle 0x77 points at no node");
	refused(HEAD "rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; };\n};\n",
		"/rv0@40000000: no mailbox: add mboxes");
	refused(HEAD "rv0 { compatible = \"rpsim,rv32imac\"; mboxes = <&mbox0 0>; };\n};\n",
		"/rv0: no memory for the firmware");
	refused(HEAD "rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000 0x1>; mboxes = <&mbox0 0>; };\n};\n",
		"/rv0@40000000: reg: 3 cells do not fit (address, size) pairs of #address-cells 1 and #size-cells 1");
	/* the spec's default cells (2 and 1) and the seed's 2-cell reg */
	refused("/dts-v1/;\n/ { memory@80000000 { device_type = \"memory\"; reg = <0x80000000 0x10000000>; }; };\n",
		"/memory@80000000: reg: 2 cells do not fit (address, size) pairs of #address-cells 2 and #size-cells 1");
}
END_TEST

START_TEST(bad_values)
{
	refused("/dts-v1/;\n/ { #address-cells = <3>; memory { device_type = \"memory\"; reg = <0 0 0 1>; }; };\n",
		"/: #address-cells is 3; rpsim reads 1 or 2");
	refused("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>; };\n", "no memory node: add memory@80000000");
	refused("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n"
		"m@0 { device_type = \"memory\"; reg = <0 0x1000>; }; m@1000 { device_type = \"memory\"; reg = <0x1000 0x1000>; }; };\n",
		"/m@1000: a second memory node (the first is /m@0)");
	refused("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n"
		"memory@80000000 { device_type = \"memory\"; reg = <0x80000000 0x1800>; }; };\n",
		"DRAM size 0x1800 is not a whole number of 4 KiB pages");
	refused("/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <1>;\n"
		"memory@100000000 { device_type = \"memory\"; reg = <0x1 0x0 0x1000>; }; };\n",
		"does not fit in rpsim's 32-bit address space");
	refused(HEAD "bus { #address-cells = <1>; #size-cells = <1>;\n"
		"  rv0@0 { compatible = \"rpsim,rv32imac\"; reg = <0 0x1000>; mboxes = <&mbox0 0>; }; };\n};\n",
		"cannot be translated to a host address: /bus has no \"ranges\"");
	refused(HEAD "rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>;"
		" #address-cells = <1>; #size-cells = <1>; ranges = <0 0x40000000 0x1000>; mboxes = <&mbox0 0>; };\n};\n",
		"reg[0] (mem0) [pa 0x40000000, +0x40000) is only partly inside an entry of ranges/dma-ranges");
	refused(HEAD REMOTE("") "rv0@41000000 { compatible = \"rpsim,rv32imac\"; reg = <0x41000000 0x40000>; mboxes = <&mbox0 0>; };\n};\n",
		"/rv0@41000000: the name \"rv0\" is already /rv0@40000000's");
	refused(HEAD REMOTE("") "rv1@41000000 { compatible = \"rpsim,rv32imac\"; reg = <0x41000000 0x40000>; mboxes = <&mbox0 0>; };\n};\n",
		"/rv1@41000000: mboxes: /mailbox@50000000 is already the device of /rv0@40000000");
	refused(HEAD "a,b@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; mboxes = <&mbox0 0>; };\n};\n",
		"the node name \"a,b\" is the remote's name");
	refused(HEAD REMOTE("clock-frequency = <0>;") "};\n", "/rv0@40000000: clock-frequency: 0 Hz");
	refused(HEAD REMOTE("interrupts = <5000>;") "};\n", "interrupts: 5000 is not a host interrupt number");
	refused(HEAD REMOTE("firmware-name = \"\";") "};\n", "firmware-name: the firmware name is empty");
	refused(HEAD REMOTE("firmware-name = <1>;") "};\n", "firmware-name: not a string");
	refused(HEAD REMOTE("x@0 { compatible = \"rpsim,uart\"; reg = <0x3 0x100>; };") "};\n",
		"/rv0@40000000/x@0: reg [0x3, +0x100): the uart's window takes 0x100 bytes at a word-aligned");
	refused(HEAD REMOTE("u@0 { compatible = \"rpsim,uart\"; reg = <0 0x100>; }; v@100 { compatible = \"rpsim,uart\"; reg = <0x100 0x100>; };") "};\n",
		"/rv0@40000000/v@100: a second uart of this remote");
	refused(HEAD REMOTE("t { compatible = \"rpsim,timer\"; };") "};\n", "/rv0@40000000/t: no \"reg\"");
	refused(HEAD REMOTE("m@0 { compatible = \"rpsim,mailbox\"; reg = <0 0x1000>; interrupts = <40>; };") "};\n",
		"interrupts: 40 is not an interrupt controller source of the rv32imac core (1..31)");
	refused(HEAD REMOTE("u@0 { compatible = \"rpsim,uart\"; reg = <0x10 0x100>; };") "};\n",
		"device address range");
}
END_TEST

START_TEST(bad_mailboxes)
{
	refused(HEAD "rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>;"
		" mboxes = <&mbox0 0>, <&mbox0 0>; mbox-names = \"tx\", \"crash\"; };\n};\n",
		"mbox-names: no \"rx\" channel");
	refused(HEAD "rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>;"
		" mboxes = <&mbox0 0>, <&mbox0 0>, <&mbox0 0>; mbox-names = \"tx\", \"rx\", \"crash\"; };\n};\n",
		"the crash channel is the rx channel (0)");
	refused(HEAD "m2: mailbox@50010000 { compatible = \"rpsim,mailbox\"; reg = <0x50010000 0x1000>; #mbox-cells = <1>; };\n"
		"rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; mboxes = <&mbox0 0>, <&m2 0>; };\n};\n",
		"mboxes: entries point at /mailbox@50000000 and /mailbox@50010000");
	refused(HEAD "n: other { #mbox-cells = <0>; };\n"
		"rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; mboxes = <&n>; };\n};\n",
		"mboxes: /other is not a device rpsim models here (compatible \"rpsim,mailbox\")");
	refused(HEAD "m2: mailbox@50010000 { compatible = \"rpsim,mailbox\"; reg = <0x50010000 0x1000>; #mbox-cells = <1>; status = \"disabled\"; };\n"
		"rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; mboxes = <&m2 0>; };\n};\n",
		"mboxes: /mailbox@50010000 is disabled");
	refused(HEAD "m2: mailbox@50010000 { compatible = \"rpsim,mailbox\"; reg = <0x50010000 0x1000>; #mbox-cells = <2>; };\n"
		"rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; mboxes = <&m2 0>; };\n};\n",
		"does not fit the #mbox-cells (2) of its mailbox");
	refused(HEAD "m2: mailbox@50010001 { compatible = \"rpsim,mailbox\"; reg = <0x50010001 0x1000>; #mbox-cells = <1>;"
		" rpsim,channels = <9>; rpsim,latency = \"fast\"; };\n"
		"rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; mboxes = <&m2 0>; };\n};\n",
		"the mailbox's host window takes 0x1000 bytes at a word-aligned address");
	refused(HEAD "m2: mailbox@50010000 { compatible = \"rpsim,mailbox\"; reg = <0x50010000 0x1000>; #mbox-cells = <1>;"
		" rpsim,channels = <9>; rpsim,latency = \"fast\"; };\n"
		"rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; mboxes = <&m2 0>; };\n};\n",
		"rpsim,channels: 9, expected 1 to 8");
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "rpsim,latency: "));
	refused(HEAD "s: sysctl@50002000 { compatible = \"rpsim,sysctl\"; reg = <0x50002000 0x10>; };\n"
		REMOTE("resets = <&s>;") "};\n", "reg size 0x10 is smaller than the sysctl's 0x100-byte window");
}
END_TEST

START_TEST(bad_regions)
{
#define RM(BODY) "reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;\n" BODY "};\n"
	refused(HEAD RM("b: vdev0buffer@60000000 { reg = <0x60000000 0x40000>; };") REMOTE("memory-region = <&b>;") "};\n",
		"memory-region[0]: /reserved-memory/vdev0buffer@60000000 [0x60000000, +0x40000) lies neither in DRAM nor inside one memory of this remote");
	refused(HEAD RM("b: r@60000000 { reg = <0x60000000 0x1000>; };") REMOTE("") "};\n",
		"/reserved-memory/r@60000000: region [0x60000000, +0x1000) lies neither inside DRAM");
	refused(HEAD RM("d: dyn { size = <0x1000>; };") REMOTE("memory-region = <&d>;") "};\n",
		"memory-region[0]: /reserved-memory/dyn is not a /reserved-memory region with a static reg");
	refused(HEAD RM("c: cma@8c000000 { compatible = \"shared-dma-pool\"; reg = <0x8c000000 0x100000>; linux,cma-default; };")
		REMOTE("memory-region = <&c>;") "};\n", "is the kernel's default DMA pool (linux,cma-default)");
	refused(HEAD RM("a: x@8f000000 { reg = <0x8f000000 0x1000>; }; b: x@8f001000 { reg = <0x8f001000 0x1000>; };")
		REMOTE("memory-region = <&a>, <&b>;") "};\n", "memory-region[1]: a second region named \"x\"");
	refused(HEAD RM("a: thisnameiswaytoolongforacarveoutname@8f000000 { reg = <0x8f000000 0x1000>; };") REMOTE("") "};\n",
		"is longer than 31 characters");
	refused(HEAD RM("c1@8c000000 { compatible = \"shared-dma-pool\"; reg = <0x8c000000 0x100000>; linux,cma-default; };"
			"c2@8d000000 { compatible = \"shared-dma-pool\"; reg = <0x8d000000 0x100000>; linux,cma-default; };")
		REMOTE("") "};\n", "a second linux,cma-default pool");
	refused(HEAD RM("c1@70000000 { compatible = \"shared-dma-pool\"; reg = <0x70000000 0x100000>; linux,cma-default; };")
		REMOTE("") "};\n", "the default DMA pool [0x70000000, +0x100000) must lie inside DRAM");
	/* DRAM seen elsewhere than da == pa */
	refused(HEAD RM("v: v@8f000000 { reg = <0x8f000000 0x1000>; };")
		"rv0@40000000 { compatible = \"rpsim,rv32imac\"; reg = <0x40000000 0x40000>; #address-cells = <1>; #size-cells = <1>;"
		" dma-ranges = <0 0x40000000 0x40000>, <0x10000000 0x80000000 0x10000000>; mboxes = <&mbox0 0>; memory-region = <&v>; };\n};\n",
		"lies in DRAM, which rpsim's remotes see at da == pa, but ranges/dma-ranges map it elsewhere");
	refused(HEAD RM("b: vdev0buffer@40010000 { reg = <0x40010000 0x1000>; };") REMOTE("memory-region = <&b>;") "};\n",
		"memory-region[0]: /reserved-memory/vdev0buffer@40010000 is seen by the remote at da 0x00010000, not at its pa");
#undef RM
}
END_TEST

START_TEST(not_a_tree)
{
	refused("", "b.dts:");
	char p[300];
	snprintf(p, sizeof(p), "%s/none.dts", dir);
	ck_assert_int_eq(dt_load_file(p, &P, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "cannot read the device tree file: No such file"));
	uint8_t junk[64] = { 0xd0, 0x0d, 0xfe, 0xed };
	diag_clear(&dg);
	ck_assert_int_eq(dt_read_blob(junk, sizeof(junk), "j.dtb", &P, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "j.dtb: a device-tree blob of version 0"));
	junk[23] = 17; /* version 17, compatible with 16, the rest junk */
	junk[27] = 16;
	diag_clear(&dg);
	ck_assert_int_eq(dt_read_blob(junk, sizeof(junk), "j.dtb", &P, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "j.dtb: not a valid device-tree blob (FDT_ERR_"));
	diag_clear(&dg);
	ck_assert_int_eq(dt_read_blob(junk, 8, "j.dtb", &P, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "8 bytes: not a device-tree blob"));
	/* no remote at all */
	refused(HEAD "};\n", "no remote processor: add a node such as remoteproc@40000000");
}
END_TEST

/* Each device of the table has its spelling in a tree: a window in the
 * remote's space is a child "rpsim,<name>" (generic); a host-side window
 * is the node a remote points at, which dt_read.c and dt_export.c know by
 * device (mboxes: the mailbox, resets: the sysctl).  A new host-side
 * device fails here until they learn it. */
START_TEST(every_device_has_a_binding)
{
	for (unsigned k = 0; k < DEV_COUNT; k++) {
		const struct dev_desc *dev = &dev_table[k];
		if (dev->in[DEV_HOST])
			ck_assert_msg(k == DEV_MAILBOX || k == DEV_SYSCTL,
				      "device %s has a host window the device-tree reader does not read", dev->name);
	}
	/* and each ISA its compatible */
	for (unsigned i = 0; i < isa_count(); i++) {
		char c[64], known[512];
		dt_isa_compatible(isa_list(i), c, sizeof(c));
		ck_assert_ptr_nonnull(strstr(dt_known_compatibles(known, sizeof(known)), c));
		char dts[2048];
		/* the TCM at da 0 (ranges): a Cortex-M's peripherals are at
		 * 0x40000000, where a TCM seen at its pa would be */
		snprintf(dts, sizeof(dts), HEAD "r@40000000 { compatible = \"%s\"; reg = <0x40000000 0x40000>;"
			 " #address-cells = <1>; #size-cells = <1>; ranges = <0x0 0x40000000 0x40000>;"
			 " mboxes = <&mbox0 0>; };\n};\n", c);
		loads(dts);
		ck_assert_str_eq(P.remotes[0].core, isa_list(i)->name);
	}
}
END_TEST

/* --- dtc --- */

START_TEST(dtc_lines)
{
	char out[256];
	dt_dtc_line("Error: b.dts:3.13-14 syntax error", out, sizeof(out));
	ck_assert_str_eq(out, "b.dts:3:13: syntax error");
	dt_dtc_line("b.dts:2.3-4.3: ERROR (phandle_references): /: Reference to non-existent node", out,
		    sizeof(out));
	ck_assert_str_eq(out, "b.dts:2:3: ERROR (phandle_references): /: Reference to non-existent node");
	dt_dtc_line("FATAL ERROR: Unable to parse input tree", out, sizeof(out));
	ck_assert_str_eq(out, "dtc: FATAL ERROR: Unable to parse input tree");
	dt_dtc_line("a\x01" "b:1.2 x", out, sizeof(out));
	ck_assert_str_eq(out, "a\\x01b:1:2: x");
	/* a .dtb the compiler wrote is read as such */
	char src[300], blob[300], cmd[700];
	snprintf(src, sizeof(src), "%s/s.dts", dir);
	snprintf(blob, sizeof(blob), "%s/s.dtb", dir);
	FILE *f = fopen(src, "w");
	fputs(HEAD REMOTE("") "};\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", blob, src);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(dt_load_file(blob, &P, &dg), 0);
	ck_assert_str_eq(P.remotes[0].name, "rv0");
	/* an old format: libfdt 1.6's fdt_check_full() crashed on one (fuzzing) */
	size_t n = 0;
	uint8_t *b = (uint8_t *)sim_read_file(blob, 1 << 20, &n);
	ck_assert_ptr_nonnull(b);
	fdt_set_version(b, 12);
	fdt_set_last_comp_version(b, 0);
	diag_clear(&dg);
	ck_assert_int_eq(dt_read_blob(b, n, "old.dtb", &P, &dg), -1);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "old.dtb: a device-tree blob of version 12 "
					"(compatible with 0): rpsim reads version 17"));
	free(b);
}
END_TEST

/* --- the writer --- */

static void same(const struct platform_desc *a, const struct platform_desc *b)
{
	ck_assert_uint_eq(a->dram_base, b->dram_base);
	ck_assert_uint_eq(a->dram_size, b->dram_size);
	ck_assert_uint_eq(a->nregions, b->nregions);
	for (unsigned g = 0; g < a->nregions; g++) {
		ck_assert_str_eq(a->regions[g].name, b->regions[g].name);
		ck_assert_uint_eq(a->regions[g].pa, b->regions[g].pa);
		ck_assert_uint_eq(a->regions[g].size, b->regions[g].size);
		ck_assert_int_eq(a->regions[g].pool, b->regions[g].pool);
	}
	ck_assert_uint_eq(a->nremotes, b->nremotes);
	for (unsigned i = 0; i < a->nremotes; i++) {
		const struct platform_remote_desc *x = &a->remotes[i], *y = &b->remotes[i];
		ck_assert_str_eq(x->name, y->name);
		ck_assert_str_eq(x->core, y->core);
		ck_assert_uint_eq(x->clock_hz, y->clock_hz);
		ck_assert_uint_eq(x->nmemories, y->nmemories);
		for (unsigned m = 0; m < x->nmemories; m++) {
			ck_assert_str_eq(x->memories[m].name, y->memories[m].name);
			ck_assert_uint_eq(x->memories[m].da, y->memories[m].da);
			ck_assert_uint_eq(x->memories[m].pa, y->memories[m].pa);
			ck_assert_uint_eq(x->memories[m].size, y->memories[m].size);
		}
		ck_assert_int_eq(memcmp(x->dev_base, y->dev_base, sizeof(x->dev_base)), 0);
		ck_assert_int_eq(memcmp(&x->mailbox, &y->mailbox, sizeof(x->mailbox)), 0);
		ck_assert_uint_eq(x->timer_hz, y->timer_hz);
		ck_assert_uint_eq(x->wdt_irq, y->wdt_irq);
		ck_assert_int_eq(x->iommu, y->iommu);
		ck_assert_uint_eq(x->nregions, y->nregions);
		ck_assert_int_eq(memcmp(x->regions, y->regions, sizeof(x->regions[0]) * x->nregions), 0);
		ck_assert(!x->firmware == !y->firmware);
		if (x->firmware)
			ck_assert_str_eq(x->firmware, y->firmware);
	}
}

static void round_trip(struct platform_desc *want)
{
	char p[300];
	snprintf(p, sizeof(p), "%s/w.dts", dir);
	FILE *f = fopen(p, "w");
	ck_assert_int_eq(dt_write(f, want, "a test board", &dg), 0);
	fclose(f);
	if (dt_load_file(p, &P, &dg) != 0) {
		diag_print(&dg, stderr);
		ck_abort_msg("the writer's tree is refused");
	}
	ck_assert_uint_eq(diag_count(&dg, DIAG_WARNING), 0); /* dtc is content too */
	same(want, &P);
}

START_TEST(writer_round_trip)
{
	struct platform_desc w;
	platform_desc_default(&w);
	round_trip(&w);
	/* two remotes, regions, a pool, a crash channel, 64-bit clocks,
	 * names with dots */
	platform_desc_free_strings(&P);
	w.nremotes = 2;
	platform_remote_default(&w.remotes[1], 1, "$.x", NULL);
	snprintf(w.remotes[1].name, sizeof(w.remotes[1].name), "dsp.1");
	w.remotes[1].clock_hz = 5000000000ull;
	w.remotes[1].timer_hz = 32768;
	w.remotes[1].mailbox = (struct platform_mbox_desc){ .channels = 4, .depth = 8, .latency = 1500,
		.host_irq = 3, .remote_irq = 7, .tx_chan = 1, .rx_chan = 2, .crash_chan = 3 };
	w.remotes[1].wdt_irq = 12;
	w.remotes[1].iommu = true;
	w.remotes[1].firmware = strdup("fir \"x\".elf");
	w.remotes[1].nmemories = 2;
	w.remotes[1].memories[1] = (struct platform_mem_desc){ .name = "sram", .da = 0x20000000,
							       .pa = 0x30000000, .size = 0x8000 };
	w.nregions = 3;
	w.regions[0] = (struct platform_region_desc){ .name = "vdev0vring0", .pa = 0x8f000000, .size = 0x4000 };
	w.regions[1] = (struct platform_region_desc){ .name = "rsc-table", .pa = 0x30001000, .size = 0x1000 };
	w.regions[2] = (struct platform_region_desc){ .name = "linux,cma", .pa = 0x8c000000, .size = 0x1000000,
						      .pool = true };
	w.remotes[1].nregions = 2;
	w.remotes[1].regions[0] = (struct platform_remote_region){ .region = 0, .da = 0x8f000000 };
	w.remotes[1].regions[1] = (struct platform_remote_region){ .region = 1, .da = 0x20001000 };
	round_trip(&w);
	platform_desc_free_strings(&w);
	/* a name no node can have */
	snprintf(w.remotes[0].name, sizeof(w.remotes[0].name), "a b");
	char p[300];
	snprintf(p, sizeof(p), "%s/x.dts", dir);
	FILE *f = fopen(p, "w");
	ck_assert_int_eq(dt_write(f, &w, "t", &dg), -1);
	fclose(f);
	ck_assert_ptr_nonnull(diag_find(&dg, DIAG_ERROR, "\"a b\" is not a valid device-tree node name"));
}
END_TEST

/* --- damaged blobs --- */

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

START_TEST(damaged_blobs)
{
	/* a rich board, compiled once */
	char src[300], blobp[300], cmd[700];
	snprintf(src, sizeof(src), "%s/r.dts", dir);
	snprintf(blobp, sizeof(blobp), "%s/r.dtb", dir);
	FILE *f = fopen(src, "w");
	fputs(HEAD "reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;\n"
	      " v: vdev0vring0@8f000000 { reg = <0x8f000000 0x4000>; no-map; };\n"
	      " c { compatible = \"shared-dma-pool\"; reg = <0x8c000000 0x100000>; linux,cma-default; }; };\n"
	      "s: sysctl@50001000 { compatible = \"rpsim,sysctl\"; reg = <0x50001000 0x100>; };\n"
	      REMOTE("memory-region = <&v>; resets = <&s>; interrupts = <3>; firmware-name = \"f.elf\";"
		     " t@10010000 { compatible = \"rpsim,timer\"; reg = <0x10010000 0x10000>; clock-frequency = <1000>; };")
	      "};\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", blobp, src);
	ck_assert_int_eq(system(cmd), 0);
	size_t n = 0;
	uint8_t *good = (uint8_t *)sim_read_file(blobp, 1 << 20, &n);
	ck_assert_ptr_nonnull(good);
	ck_assert_int_eq(dt_read_blob(good, n, "r.dtb", &P, &dg), 0);
	uint32_t off = fdt_off_dt_struct(good);
	unsigned readable = 0;
	uint8_t *b = malloc(n);
	for (unsigned it = 0; it < 4000; it++) {
		memcpy(b, good, n);
		size_t len = n;
		unsigned flips = 1 + next() % 4;
		for (unsigned k = 0; k < flips; k++) {
			uint32_t r = next();
			if (it % 7 == 0) /* the header too */
				b[r % n] ^= (uint8_t)(1u << (r >> 29));
			else /* the structure and strings, where values live */
				b[off + r % (n - off)] = (uint8_t)(next() >> 24);
		}
		if (it % 11 == 0)
			len = next() % n;
		platform_desc_free_strings(&P);
		diag_clear(&dg);
		if (dt_read_blob(b, len, "fuzz.dtb", &P, &dg) == 0)
			readable++;
		else
			ck_assert(diag_has_errors(&dg)); /* a refusal always says why */
	}
	free(b);
	free(good);
	ck_assert_uint_gt(readable, 50); /* values changed, still a board */
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("dt");
	TCase *tc = tcase_create("read");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, default_board);
	tcase_add_test(tc, remote_properties);
	tcase_add_test(tc, firmware_and_interrupt_spellings);
	tcase_add_test(tc, mailbox_cells_and_names);
	tcase_add_test(tc, translation);
	tcase_add_test(tc, regions);
	tcase_add_test(tc, status_and_order);
	tcase_add_test(tc, every_device_has_a_binding);
	suite_add_tcase(s, tc);
	tc = tcase_create("refuse");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, bad_boards);
	tcase_add_test(tc, bad_values);
	tcase_add_test(tc, bad_mailboxes);
	tcase_add_test(tc, bad_regions);
	tcase_add_test(tc, not_a_tree);
	tcase_add_test(tc, dtc_lines);
	suite_add_tcase(s, tc);
	tc = tcase_create("write");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, writer_round_trip);
	tcase_add_test(tc, damaged_blobs);
	suite_add_tcase(s, tc);
	return s;
}
