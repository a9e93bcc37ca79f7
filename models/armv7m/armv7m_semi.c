/* Arm semihosting (BKPT 0xAB; operation in r0, parameter in r1, result in
 * r0), as QEMU's -semihosting gives it to a bare-metal program: the
 * console (SYS_WRITEC, SYS_WRITE0, SYS_WRITE to the console handles),
 * SYS_EXIT and SYS_EXIT_EXTENDED with QEMU's exit statuses, SYS_CLOCK
 * from simulated time, and the few calls a C library makes at start-up
 * to find the console and the extensions (SYS_OPEN of ":tt" and
 * ":semihosting-features", SYS_FLEN, SYS_READ, SYS_CLOSE, SYS_ISTTY,
 * SYS_GET_CMDLINE).  Anything else is logged as unimplemented and
 * returns -1.  Guest memory is read as a debugger does (RAM only); a bad
 * pointer is a guest error and the call returns -1. */
#include <inttypes.h>
#include <string.h>

#include "models/armv7m/armv7m_priv.h"
#include "sim/core/le.h"

enum {
	SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05,
	SYS_READ = 0x06, SYS_ISTTY = 0x09, SYS_FLEN = 0x0C, SYS_CLOCK = 0x10, SYS_ERRNO = 0x13,
	SYS_GET_CMDLINE = 0x15, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20,
};
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
/* handles: 0 stdin, 1 stdout, 2 stderr (":tt"), 3 the features file */
#define H_FEATURES 3
/* "SHFB", then SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR */
static const uint8_t features[5] = { 'S', 'H', 'F', 'B', 3 };

static bool rd(struct m_core *c, uint32_t addr, void *buf, size_t len)
{
	return bus_read_block(c->bus, addr, buf, len) == BUS_OK;
}

static bool rd32(struct m_core *c, uint32_t addr, uint32_t *v)
{
	uint8_t b[4];
	if (!rd(c, addr, b, 4))
		return false;
	*v = le32_load(b);
	return true;
}

void armv7m_console(struct m_core *c, int handle, const uint8_t *buf, size_t len)
{
	if (c->cfg.semihost && c->cfg.semihost->write)
		c->cfg.semihost->write(c->cfg.semihost->ctx, handle, buf, len);
}

static uint32_t bad_ptr(struct m_core *c, const char *call, uint32_t addr)
{
	sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_GUEST_ERROR, c->cpu.trace_id, c->name,
		   "semihosting %s: the block at 0x%08" PRIx32 " is not in RAM (pc 0x%08" PRIx32 ")", call,
		   addr, c->pc);
	return UINT32_MAX;
}

/* SYS_OPEN: the console and the extensions file, by name */
static uint32_t sys_open(struct m_core *c, uint32_t arg)
{
	uint32_t name, mode, len;
	char s[24] = { 0 };
	if (!rd32(c, arg, &name) || !rd32(c, arg + 4, &mode) || !rd32(c, arg + 8, &len))
		return bad_ptr(c, "SYS_OPEN", arg);
	if (len >= sizeof(s) || !rd(c, name, s, len))
		return UINT32_MAX;
	if (strcmp(s, ":tt") == 0)
		return mode < 4 ? 0 : mode < 8 ? 1 : 2;
	if (strcmp(s, ":semihosting-features") == 0) {
		c->semi_feat_pos = 0;
		return H_FEATURES;
	}
	sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_UNIMP, c->cpu.trace_id, c->name,
		   "semihosting SYS_OPEN of a host file: only \":tt\" and \":semihosting-features\" "
		   "are modelled");
	return UINT32_MAX;
}

static uint32_t sys_write(struct m_core *c, uint32_t arg)
{
	uint32_t h, buf, len;
	if (!rd32(c, arg, &h) || !rd32(c, arg + 4, &buf) || !rd32(c, arg + 8, &len))
		return bad_ptr(c, "SYS_WRITE", arg);
	if (h != 1 && h != 2)
		return len; /* nothing written */
	uint8_t chunk[256];
	uint32_t done = 0;
	while (done < len) {
		uint32_t n = len - done < sizeof(chunk) ? len - done : (uint32_t)sizeof(chunk);
		if (!rd(c, buf + done, chunk, n)) {
			bad_ptr(c, "SYS_WRITE", buf + done);
			return len - done;
		}
		armv7m_console(c, (int)h, chunk, n);
		done += n;
	}
	return 0;
}

static uint32_t sys_read(struct m_core *c, uint32_t arg)
{
	uint32_t h, buf, len;
	if (!rd32(c, arg, &h) || !rd32(c, arg + 4, &buf) || !rd32(c, arg + 8, &len))
		return bad_ptr(c, "SYS_READ", arg);
	if (h != H_FEATURES)
		return len; /* no input: nothing read */
	uint32_t n = 0;
	while (n < len && c->semi_feat_pos < sizeof(features)) {
		if (bus_write_block(c->bus, buf + n, &features[c->semi_feat_pos], 1) != BUS_OK)
			return bad_ptr(c, "SYS_READ", buf + n);
		n++;
		c->semi_feat_pos++;
	}
	return len - n;
}

int armv7m_semihost(struct m_core *c)
{
	uint32_t op = c->r[0], arg = c->r[1], ret = 0;
	const struct armv7m_semihost *sh = c->cfg.semihost;
	switch (op) {
	case SYS_WRITEC: {
		uint8_t ch;
		if (!rd(c, arg, &ch, 1))
			ret = bad_ptr(c, "SYS_WRITEC", arg);
		else
			armv7m_console(c, 1, &ch, 1);
		c->r[0] = 0xdeadbeef; /* "r0 is corrupted": QEMU's value */
		return 0;
	}
	case SYS_WRITE0: {
		uint8_t chunk[256];
		for (uint32_t a = arg, n = 0; n < (1u << 20); n += sizeof(chunk)) {
			uint32_t k = 0;
			for (; k < sizeof(chunk); k++) {
				if (!rd(c, a + k, &chunk[k], 1)) {
					armv7m_console(c, 1, chunk, k);
					bad_ptr(c, "SYS_WRITE0", a + k);
					return 0;
				}
				if (!chunk[k])
					break;
			}
			armv7m_console(c, 1, chunk, k);
			if (k < sizeof(chunk))
				break;
			a += k;
		}
		c->r[0] = 0xdeadbeef; /* "r0 is corrupted": QEMU's value */
		return 0;
	}
	case SYS_WRITE: ret = sys_write(c, arg); break;
	case SYS_READ: ret = sys_read(c, arg); break;
	case SYS_OPEN: ret = sys_open(c, arg); break;
	case SYS_CLOSE: ret = 0; break;
	case SYS_ISTTY: {
		uint32_t h;
		ret = rd32(c, arg, &h) ? (h <= 2) : bad_ptr(c, "SYS_ISTTY", arg);
		break;
	}
	case SYS_FLEN: {
		uint32_t h;
		ret = rd32(c, arg, &h) ? (h == H_FEATURES ? sizeof(features) : UINT32_MAX)
				       : bad_ptr(c, "SYS_FLEN", arg);
		break;
	}
	case SYS_ERRNO: ret = 0; break;
	case SYS_CLOCK: /* centiseconds of simulated time since reset */
		ret = (uint32_t)((armv7m_now(c) - c->reset_time) / (10 * SIM_MS));
		break;
	case SYS_GET_CMDLINE: {
		/* an empty command line: block {buffer, size} */
		uint32_t buf, size;
		uint8_t zero = 0, four[4] = { 0 };
		if (!rd32(c, arg, &buf) || !rd32(c, arg + 4, &size) || size == 0 ||
		    bus_write_block(c->bus, buf, &zero, 1) != BUS_OK ||
		    bus_write_block(c->bus, arg + 4, four, 4) != BUS_OK)
			ret = UINT32_MAX;
		break;
	}
	case SYS_EXIT: case SYS_EXIT_EXTENDED: {
		uint32_t reason = arg, sub = 0;
		int status;
		if (op == SYS_EXIT_EXTENDED) {
			if (!rd32(c, arg, &reason) || !rd32(c, arg + 4, &sub)) {
				bad_ptr(c, "SYS_EXIT_EXTENDED", arg);
				reason = 0;
			}
			status = reason == ADP_STOPPED_APPLICATION_EXIT ? (int)sub : 1;
		} else {
			status = reason == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1;
		}
		c->state = CPU_STATE_HALTED;
		armv7m_trace_state(c, armv7m_now(c));
		if (sh->exit)
			sh->exit(sh->ctx, status, armv7m_now(c));
		return 1;
	}
	default:
		sim_log_at(c->cpu.sim, armv7m_now(c), SIM_LOG_UNIMP, c->cpu.trace_id, c->name,
			   "semihosting operation 0x%02" PRIx32 " is not implemented: it returns -1 "
			   "(pc 0x%08" PRIx32 ")", op, c->pc);
		ret = UINT32_MAX;
	}
	c->r[0] = ret;
	return 0;
}
