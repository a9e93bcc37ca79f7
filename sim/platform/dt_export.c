/* A platform description written as device-tree source (rpsim dts): the
 * tree dt_read_blob() reads back into the same description, every value
 * spelled out (defaults included) so nothing depends on the reader's
 * defaults.  The host's interrupt controller is a bare node: interrupt
 * numbers are the only thing rpsim reads of host interrupts. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/platform/dt.h"
#include "sim/platform/isa.h"
#include "sim/platform/platform_profile.h"

static void cells64(FILE *f, uint64_t v)
{
	if (v > UINT32_MAX)
		fprintf(f, "<0x%" PRIx64 " 0x%" PRIx64 ">", v >> 32, v & 0xffffffffu);
	else
		fprintf(f, "<%" PRIu64 ">", v);
}

/* A DTS string: dtc's escapes for quotes, backslashes and bytes that
 * are not printable. */
static void quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(f, "\\%c", *c);
		else if (*c < 0x20 || *c >= 0x7f)
			fprintf(f, "\\x%02x", *c);
		else
			fputc(*c, f);
	}
	fputc('"', f);
}

static bool node_name_ok(const char *s)
{
	if (!s[0] || strlen(s) > 31)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		      strchr(",._+-", *c)))
			return false;
	return true;
}

static void write_regions(FILE *f, const struct platform_desc *p)
{
	if (!p->nregions)
		return;
	fprintf(f, "\treserved-memory {\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n"
		   "\t\tranges;\n");
	for (unsigned g = 0; g < p->nregions; g++) {
		const struct platform_region_desc *rg = &p->regions[g];
		fprintf(f, "\n\t\tregion%u: %s@%" PRIx32 " {\n", g, rg->name, rg->pa);
		if (rg->pool)
			fprintf(f, "\t\t\tcompatible = \"shared-dma-pool\";\n\t\t\treusable;\n"
				   "\t\t\tlinux,cma-default;\n");
		fprintf(f, "\t\t\treg = <0x%" PRIx32 " 0x%" PRIx32 ">;\n", rg->pa, rg->size);
		if (!rg->pool)
			fprintf(f, "\t\t\tno-map;\n");
		fprintf(f, "\t\t};\n");
	}
	fprintf(f, "\t};\n\n");
}

/* The host-side windows: the mailbox and the sysctl of remote i. */
static void write_host_devices(FILE *f, const struct platform_remote_desc *r, unsigned i)
{
	const struct platform_mbox_desc *mb = &r->mailbox;
	char lat[SIMTIME_BUFLEN];
	fprintf(f, "\tmbox%u: mailbox@%" PRIx32 " {\n", i, r->dev_base[DEV_MAILBOX][DEV_HOST]);
	fprintf(f, "\t\tcompatible = \"rpsim,mailbox\";\n");
	fprintf(f, "\t\treg = <0x%" PRIx32 " 0x%" PRIx64 ">;\n", r->dev_base[DEV_MAILBOX][DEV_HOST],
		dev_table[DEV_MAILBOX].window);
	fprintf(f, "\t\tinterrupts = <%u>;\n", mb->host_irq);
	fprintf(f, "\t\t#mbox-cells = <1>;\n");
	fprintf(f, "\t\trpsim,channels = <%u>;\n\t\trpsim,depth = <%u>;\n", mb->channels, mb->depth);
	fprintf(f, "\t\trpsim,latency = \"%s\";\n", simtime_format(mb->latency, lat, sizeof(lat)));
	fprintf(f, "\t};\n\n");
	fprintf(f, "\tsysctl%u: sysctl@%" PRIx32 " {\n", i, r->dev_base[DEV_SYSCTL][DEV_HOST]);
	fprintf(f, "\t\tcompatible = \"rpsim,sysctl\";\n");
	fprintf(f, "\t\treg = <0x%" PRIx32 " 0x%" PRIx64 ">;\n", r->dev_base[DEV_SYSCTL][DEV_HOST],
		dev_table[DEV_SYSCTL].window);
	fprintf(f, "\t\t#reset-cells = <0>;\n\t};\n\n");
}

static void write_remote(FILE *f, const struct platform_desc *p, const struct platform_remote_desc *r,
			 unsigned i)
{
	const struct cpu_isa *isa = isa_find(r->core);
	char compat[64];
	fprintf(f, "\t%s", r->name);
	if (r->nmemories)
		fprintf(f, "@%" PRIx32, r->memories[0].pa);
	fprintf(f, " {\n\t\tcompatible = \"%s\";\n",
		isa ? dt_isa_compatible(isa, compat, sizeof(compat)) : DT_COMPAT_GENERIC);
	if (r->nmemories) {
		fprintf(f, "\t\treg = ");
		for (unsigned m = 0; m < r->nmemories; m++)
			fprintf(f, "%s<0x%" PRIx32 " 0x%" PRIx32 ">", m ? ", " : "", r->memories[m].pa,
				r->memories[m].size);
		fprintf(f, ";\n\t\treg-names = ");
		for (unsigned m = 0; m < r->nmemories; m++)
			fprintf(f, "%s\"%s\"", m ? ", " : "", r->memories[m].name);
		fprintf(f, ";\n");
	}
	fprintf(f, "\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n");
	/* da <- pa of each memory: the remote's view of them */
	if (r->nmemories) {
		fprintf(f, "\t\tranges = ");
		for (unsigned m = 0; m < r->nmemories; m++)
			fprintf(f, "%s<0x%" PRIx32 " 0x%" PRIx32 " 0x%" PRIx32 ">", m ? ", " : "",
				r->memories[m].da, r->memories[m].pa, r->memories[m].size);
		fprintf(f, ";\n");
	} else {
		fprintf(f, "\t\tranges;\n");
	}
	fprintf(f, "\t\tclock-frequency = ");
	cells64(f, r->clock_hz);
	fprintf(f, ";\n");
	const struct platform_mbox_desc *mb = &r->mailbox;
	fprintf(f, "\t\tmboxes = <&mbox%u %u>, <&mbox%u %u>", i, mb->tx_chan, i, mb->rx_chan);
	if (mb->crash_chan >= 0)
		fprintf(f, ", <&mbox%u %d>", i, mb->crash_chan);
	fprintf(f, ";\n\t\tmbox-names = \"tx\", \"rx\"%s;\n", mb->crash_chan >= 0 ? ", \"crash\"" : "");
	fprintf(f, "\t\tresets = <&sysctl%u>;\n", i);
	if (r->nregions) {
		fprintf(f, "\t\tmemory-region = ");
		for (unsigned k = 0; k < r->nregions; k++)
			fprintf(f, "%s<&region%u>", k ? ", " : "", r->regions[k].region);
		fprintf(f, ";\n");
	}
	fprintf(f, "\t\tinterrupts = <%u>;\n", r->wdt_irq);
	if (r->iommu)
		fprintf(f, "\t\tiommus; /* behind an IOMMU (rpsim reads its presence) */\n");
	if (r->firmware) {
		fprintf(f, "\t\tfirmware-name = ");
		quoted(f, r->firmware);
		fprintf(f, ";\n");
	}
	/* an interrupt controller inside the core (Cortex-M's NVIC): a node
	 * for the mailbox's interrupt-parent (rpsim reads the numbers only) */
	if (!platform_remote_has(r, DEV_INTC))
		fprintf(f, "\n\t\tnvic%u: interrupt-controller {\n\t\t\tcompatible = \"arm,armv7m-nvic\";\n"
			   "\t\t\tinterrupt-controller;\n\t\t\t#address-cells = <0>;\n"
			   "\t\t\t#interrupt-cells = <1>;\n\t\t};\n", i);
	/* the devices in the remote's own address space */
	for (unsigned k = 0; k < DEV_COUNT; k++) {
		const struct dev_desc *dev = &dev_table[k];
		if (!dev->in[DEV_REMOTE] || !platform_remote_has(r, (enum dev_id)k))
			continue;
		uint32_t da = r->dev_base[k][DEV_REMOTE];
		fprintf(f, "\n\t\t");
		if (k == DEV_INTC)
			fprintf(f, "intc%u: ", i);
		fprintf(f, "%s@%" PRIx32 " {\n\t\t\tcompatible = \"rpsim,%s\";\n", dev->name, da, dev->name);
		fprintf(f, "\t\t\treg = <0x%" PRIx32 " 0x%" PRIx64 ">;\n", da, dev->window);
		if (k == DEV_INTC)
			fprintf(f, "\t\t\tinterrupt-controller;\n\t\t\t#address-cells = <0>;\n\t\t\t#interrupt-cells = <1>;\n");
		if (k == DEV_TIMER) {
			fprintf(f, "\t\t\tclock-frequency = ");
			cells64(f, r->timer_hz);
			fprintf(f, ";\n");
		}
		/* the mailbox's line: on the intc, or on the interrupt
		 * controller inside the core (the remote node itself, NVIC) */
		if (k == DEV_MAILBOX && platform_remote_has(r, DEV_INTC))
			fprintf(f, "\t\t\tinterrupt-parent = <&intc%u>;\n\t\t\tinterrupts = <%u>;\n", i,
				mb->remote_irq);
		else if (k == DEV_MAILBOX)
			fprintf(f, "\t\t\tinterrupt-parent = <&nvic%u>;\n\t\t\tinterrupts = <%u>;\n", i,
				mb->remote_irq);
		fprintf(f, "\t\t};\n");
	}
	fprintf(f, "\t};\n");
	(void)p;
}

int dt_write(FILE *f, const struct platform_desc *p, const char *title, struct diag *d)
{
	for (unsigned i = 0; i < p->nremotes; i++) {
		const char *bad = !node_name_ok(p->remotes[i].name) ? p->remotes[i].name : NULL;
		for (unsigned g = 0; g < p->nregions && !bad; g++)
			if (!node_name_ok(p->regions[g].name))
				bad = p->regions[g].name;
		if (bad) {
			diag_error(d, "\"%s\" is not a valid device-tree node name (1 to 31 of a-z, A-Z, 0-9, "
				   "',', '.', '_', '+', '-')", bad);
			return -1;
		}
	}
	fprintf(f, "/dts-v1/;\n\n/* %s */\n\n/ {\n", title);
	fprintf(f, "\tmodel = \"rpsim\";\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n"
		   "\tinterrupt-parent = <&host_intc>;\n\n");
	fprintf(f, "\t/* the host's interrupt controller: rpsim reads interrupt numbers only */\n"
		   "\thost_intc: interrupt-controller {\n\t\tinterrupt-controller;\n\t\t#address-cells = <0>;\n"
		   "\t\t#interrupt-cells = <1>;\n\t};\n\n");
	fprintf(f, "\tmemory@%" PRIx32 " {\n\t\tdevice_type = \"memory\";\n\t\treg = <0x%" PRIx32
		   " 0x%" PRIx32 ">;\n\t};\n\n", p->dram_base, p->dram_base, p->dram_size);
	write_regions(f, p);
	for (unsigned i = 0; i < p->nremotes; i++)
		write_host_devices(f, &p->remotes[i], i);
	for (unsigned i = 0; i < p->nremotes; i++) {
		if (i)
			fprintf(f, "\n");
		write_remote(f, p, &p->remotes[i], i);
	}
	fprintf(f, "};\n");
	return 0;
}
