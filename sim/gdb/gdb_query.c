/* The packets that read and write the target's state: registers (g, G,
 * p, P) in the ISA's numbering and target description, memory (m, M, X)
 * through the selected core's view, threads (H, T, qfThreadInfo, qC,
 * qXfer:threads), the target description (qXfer:features), qSupported
 * and the other queries GDB makes when it connects. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sim/core/record.h"
#include "sim/core/sim.h"
#include "sim/gdb/gdb_internal.h"

int gdb_q_thread_id(const struct gdb_session *s, const char *p, const char **end)
{
	if (p[0] == '-' && p[1] == '1') {
		*end = p + 2;
		return -1;
	}
	uint64_t v;
	if (gdb_parse_hex(&p, &v) != 0)
		return -3;
	*end = p;
	if (v == 0)
		return -2;
	return v <= s->t->ncores ? (int)(v - 1) : -3;
}

void gdb_q_thread_set(struct gdb_session *s, const char *arg)
{
	char op = arg[0];
	const char *end;
	int core = (op == 'g' || op == 'c') ? gdb_q_thread_id(s, arg + 1, &end) : -3;
	if (core == -3 || *end) {
		gdb_send_str(s, "E01");
		return;
	}
	if (core >= 0) { /* -1 (all) and 0 (any) keep the current one */
		if (op == 'g')
			s->g_core = (unsigned)core;
		else
			s->c_core = (unsigned)core;
	}
	gdb_send_str(s, "OK");
}

void gdb_q_thread_alive(struct gdb_session *s, const char *arg)
{
	const char *end;
	int core = gdb_q_thread_id(s, arg, &end);
	gdb_send_str(s, core >= 0 && !*end ? "OK" : "E01");
}

/* ---- registers ---- */

static unsigned reg_bytes(const struct cpu_isa *isa, unsigned n)
{
	return isa->regs[n].bits / 8;
}

/* one register as little-endian hex, 'x's when it cannot be read */
static void put_reg(struct gdb_session *s, struct cpu *c, unsigned n)
{
	unsigned nb = reg_bytes(c->isa, n);
	uint64_t v;
	if (cpu_get_reg(c, n, &v) != 0) {
		for (unsigned i = 0; i < nb; i++)
			gdb_reply_str(s, "xx");
		return;
	}
	uint8_t b[8];
	for (unsigned i = 0; i < nb && i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	gdb_reply_hex(s, b, nb < 8 ? nb : 8);
}

/* a little-endian value of nb bytes from hex; -1 when malformed */
static int get_le(const char *hex, unsigned nb, uint64_t *v)
{
	uint8_t b[8];
	if (nb > 8 || gdb_hex_to_bytes(hex, 2 * nb, b, sizeof(b)) != (long)nb)
		return -1;
	*v = 0;
	for (unsigned i = nb; i > 0; i--)
		*v = (*v << 8) | b[i - 1];
	return 0;
}

void gdb_q_regs_read(struct gdb_session *s)
{
	struct cpu *c = s->t->cores[s->g_core];
	gdb_reply_reset(s);
	for (unsigned n = 0; n < c->isa->nregs; n++)
		put_reg(s, c, n);
	gdb_reply_send(s);
}

void gdb_q_regs_write(struct gdb_session *s, const char *arg)
{
	struct cpu *c = s->t->cores[s->g_core];
	size_t len = strlen(arg), off = 0;
	/* in register order while the data lasts; read-only registers keep
	 * their value (GDB writes back what it read) */
	for (unsigned n = 0; n < c->isa->nregs; n++) {
		unsigned nb = reg_bytes(c->isa, n);
		if (off + 2 * nb > len)
			break;
		uint64_t v;
		if (arg[off] == 'x') { /* unavailable: leave it */
			off += 2 * nb;
			continue;
		}
		if (get_le(arg + off, nb, &v) != 0) {
			gdb_send_str(s, "E01");
			return;
		}
		cpu_set_reg(c, n, v);
		off += 2 * nb;
	}
	gdb_send_str(s, off == len ? "OK" : "E01");
}

void gdb_q_reg_read(struct gdb_session *s, const char *arg)
{
	struct cpu *c = s->t->cores[s->g_core];
	uint64_t n;
	if (gdb_parse_hex(&arg, &n) != 0 || *arg || n >= c->isa->nregs) {
		gdb_send_str(s, "E01");
		return;
	}
	gdb_reply_reset(s);
	put_reg(s, c, (unsigned)n);
	gdb_reply_send(s);
}

void gdb_q_reg_write(struct gdb_session *s, const char *arg)
{
	struct cpu *c = s->t->cores[s->g_core];
	uint64_t n, v;
	if (gdb_parse_hex(&arg, &n) != 0 || *arg++ != '=' || n >= c->isa->nregs ||
	    strlen(arg) != 2u * reg_bytes(c->isa, (unsigned)n) ||
	    get_le(arg, reg_bytes(c->isa, (unsigned)n), &v) != 0 || cpu_set_reg(c, (unsigned)n, v) != 0) {
		gdb_send_str(s, "E01");
		return;
	}
	gdb_send_str(s, "OK");
}

/* ---- memory ---- */

#define MEM_MAX (GDB_PACKET_MAX / 2)

/* addr,len and the rest */
static int addr_len(const char **p, uint64_t *addr, uint64_t *len)
{
	return gdb_parse_hex(p, addr) != 0 || *(*p)++ != ',' || gdb_parse_hex(p, len) != 0 ? -1 : 0;
}

void gdb_q_mem_read(struct gdb_session *s, const char *arg)
{
	struct cpu *c = s->t->cores[s->g_core];
	uint64_t addr, len;
	if (addr_len(&arg, &addr, &len) != 0 || *arg) {
		gdb_send_str(s, "E01");
		return;
	}
	if (len > MEM_MAX)
		len = MEM_MAX; /* GDB takes a short read and asks for the rest */
	uint8_t buf[MEM_MAX];
	size_t got = (size_t)len;
	if (cpu_read_mem(c, addr, buf, got) != 0) {
		/* as much as is readable from the start */
		for (got = 0; got < len && cpu_read_mem(c, addr + got, buf + got, 1) == 0; got++)
			;
	}
	if (!got && len) {
		gdb_send_str(s, "E14"); /* EFAULT: not memory in this core's view */
		return;
	}
	gdb_reply_reset(s);
	gdb_reply_hex(s, buf, got);
	gdb_reply_send(s);
}

void gdb_q_mem_write(struct gdb_session *s, const char *arg, bool binary, size_t arglen)
{
	struct cpu *c = s->t->cores[s->g_core];
	const char *p = arg;
	uint64_t addr, len;
	if (addr_len(&p, &addr, &len) != 0 || *p++ != ':' || len > MEM_MAX) {
		gdb_send_str(s, "E01");
		return;
	}
	size_t datalen = arglen - (size_t)(p - arg);
	uint8_t buf[MEM_MAX];
	if (binary) {
		/* the payload is ours (the session's receive buffer) */
		size_t n = gdb_unescape((char *)p, datalen);
		if (n != len) {
			gdb_send_str(s, "E01");
			return;
		}
		memcpy(buf, p, n);
	} else if (gdb_hex_to_bytes(p, datalen, buf, sizeof(buf)) != (long)len) {
		gdb_send_str(s, "E01");
		return;
	}
	if (len && cpu_write_mem(c, addr, buf, (size_t)len) != 0) {
		gdb_send_str(s, "E14");
		return;
	}
	gdb_send_str(s, "OK");
}

/* ---- queries ---- */

/* qXfer:OBJECT:read:ANNEX:OFF,LEN of a text */
static void xfer(struct gdb_session *s, const char *text, const char *arg)
{
	uint64_t off, len;
	if (addr_len(&arg, &off, &len) != 0 || *arg) {
		gdb_send_str(s, "E01");
		return;
	}
	size_t total = strlen(text);
	if (len > GDB_PACKET_MAX - 1)
		len = GDB_PACKET_MAX - 1;
	gdb_reply_reset(s);
	if (off >= total) {
		gdb_reply_str(s, "l");
	} else {
		size_t n = total - (size_t)off < len ? total - (size_t)off : (size_t)len;
		gdb_reply_str(s, off + n < total ? "m" : "l");
		gdb_reply_bytes(s, text + off, n);
	}
	gdb_reply_send(s);
}

static void threads_xml(struct gdb_session *s, const char *arg)
{
	char xml[GDB_MAX_CORES * 96 + 64];
	size_t n = (size_t)snprintf(xml, sizeof(xml), "<?xml version=\"1.0\"?>\n<threads>\n");
	for (unsigned i = 0; i < s->t->ncores && n < sizeof(xml); i++)
		n += (size_t)snprintf(xml + n, sizeof(xml) - n, "<thread id=\"%x\" name=\"%s\"/>\n", i + 1,
				      s->t->names[i]);
	if (n < sizeof(xml))
		snprintf(xml + n, sizeof(xml) - n, "</threads>\n");
	xfer(s, xml, arg);
}

static void thread_extra(struct gdb_session *s, const char *arg)
{
	const char *end;
	int core = gdb_q_thread_id(s, arg, &end);
	if (core < 0 || *end) {
		gdb_send_str(s, "E01");
		return;
	}
	struct cpu *c = s->t->cores[core];
	char text[160];
	snprintf(text, sizeof(text), "%s, %s, core %s", s->t->names[core], c->name,
		 record_core_state_name(cpu_state(c)));
	gdb_reply_reset(s);
	gdb_reply_hex(s, text, strlen(text));
	gdb_reply_send(s);
}

void gdb_q_query(struct gdb_session *s, const char *pkt)
{
	const struct cpu_isa *isa = s->t->cores[0]->isa;
	if (strncmp(pkt, "qSupported", 10) == 0) {
		gdb_reply_reset(s);
		gdb_reply_fmt(s, "PacketSize=%x;qXfer:features:read+;qXfer:threads:read+;"
			      "QStartNoAckMode+;vContSupported+%s", GDB_PACKET_MAX,
			      s->reverse ? ";ReverseStep+;ReverseContinue+" : "");
		gdb_reply_send(s);
	} else if (strncmp(pkt, "qXfer:features:read:target.xml:", 31) == 0) {
		xfer(s, isa->gdb_target_xml, pkt + 31);
	} else if (strncmp(pkt, "qXfer:features:read:", 20) == 0) {
		gdb_send_str(s, "E00"); /* one document, no includes */
	} else if (strncmp(pkt, "qXfer:threads:read::", 20) == 0) {
		threads_xml(s, pkt + 20);
	} else if (strcmp(pkt, "qfThreadInfo") == 0) {
		gdb_reply_reset(s);
		gdb_reply_str(s, "m");
		for (unsigned i = 0; i < s->t->ncores; i++)
			gdb_reply_fmt(s, i ? ",%x" : "%x", i + 1);
		gdb_reply_send(s);
	} else if (strcmp(pkt, "qsThreadInfo") == 0) {
		gdb_send_str(s, "l");
	} else if (strcmp(pkt, "qC") == 0) {
		gdb_reply_reset(s);
		gdb_reply_fmt(s, "QC%x", s->c_core + 1);
		gdb_reply_send(s);
	} else if (strncmp(pkt, "qAttached", 9) == 0) {
		gdb_send_str(s, "1"); /* GDB detaches on quit: the run goes on */
	} else if (strncmp(pkt, "qSymbol", 7) == 0) {
		gdb_send_str(s, "OK");
	} else if (strncmp(pkt, "qThreadExtraInfo,", 17) == 0) {
		thread_extra(s, pkt + 17);
	} else if (strncmp(pkt, "qRcmd,", 6) == 0) {
		const char *hex = pkt + 6;
		char cmd[GDB_PACKET_MAX / 2 + 1];
		long n = gdb_hex_to_bytes(hex, strlen(hex), (uint8_t *)cmd, sizeof(cmd) - 1);
		if (n < 0) {
			gdb_send_str(s, "E01");
			return;
		}
		cmd[n] = '\0';
		gdb_monitor(s, cmd);
	} else {
		gdb_send_str(s, ""); /* qOffsets, qTStatus, ...: not supported */
	}
}
