#include "devices/htif.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/escape.h"
#include "sim/core/le.h"
#include "sim/core/snap.h"

#define SYS_WRITE 64
#define SYS_EXIT 93
#define HTIF_EBADF 9
#define HTIF_EFAULT 14
#define HTIF_ENOSYS 38

struct htif {
	struct sim *sim;
	char name[BUS_NAME_LEN];
	uint16_t comp;
	struct htif_config cfg;
	uint64_t tohost, fromhost;
	struct event late; /* a low-word write never completed by the high one */
	bool exited;
	uint64_t exit_code;
};

static void do_exit(struct htif *h, uint64_t code)
{
	h->exited = true;
	h->exit_code = code;
	sim_stop(h->sim, 0);
}

static void do_syscall(struct htif *h, uint64_t addr)
{
	uint8_t blk[64];
	if (addr > UINT32_MAX || bus_read_block(h->cfg.mem, addr, blk, sizeof(blk)) != BUS_OK) {
		sim_log(h->sim, SIM_LOG_GUEST_ERROR, h->comp, h->name,
			"syscall block at 0x%" PRIx64 " is not in RAM; ignored", addr);
		return;
	}
	uint64_t which = le64_load(blk), a0 = le64_load(blk + 8), a1 = le64_load(blk + 16),
		 a2 = le64_load(blk + 24);
	int64_t ret;
	if (which == SYS_EXIT) {
		do_exit(h, a0);
		return;
	} else if (which == SYS_WRITE) {
		FILE *f = a0 == 1 ? h->cfg.out : a0 == 2 ? h->cfg.err : NULL;
		ret = (int64_t)a2;
		if (!f) {
			ret = -HTIF_EBADF;
		} else {
			uint8_t buf[256];
			for (uint64_t done = 0; done < a2 && ret >= 0;) {
				uint64_t n = a2 - done < sizeof(buf) ? a2 - done : sizeof(buf);
				if (bus_read_block(h->cfg.mem, a1 + done, buf, n) != BUS_OK) {
					ret = done ? (int64_t)done : -HTIF_EFAULT;
					break;
				}
				/* the program's own output, but a terminal must
				 * not take control sequences from it */
				sim_escape_write(f, buf, (size_t)n, SIM_ESC_KEEP_NL);
				done += n;
			}
		}
	} else {
		sim_log(h->sim, SIM_LOG_UNIMP, h->comp, h->name, "syscall %" PRIu64 " is not implemented",
			which);
		ret = -HTIF_ENOSYS;
	}
	le64_store(blk, (uint64_t)ret);
	bus_write_block(h->cfg.mem, addr, blk, 8);
	h->fromhost = 1;
}

static void process(struct htif *h)
{
	uint64_t v = h->tohost;
	if (!v)
		return;
	h->tohost = 0;
	unsigned dev = (unsigned)(v >> 56), cmd = (unsigned)(v >> 48) & 0xff;
	uint64_t payload = v & 0xffffffffffffull;
	if (dev == 0 && cmd == 0) {
		if (payload & 1)
			do_exit(h, payload >> 1);
		else
			do_syscall(h, payload);
	} else if (dev == 1 && cmd == 1) {
		uint8_t ch = (uint8_t)(payload & 0xff);
		sim_escape_write(h->cfg.out, &ch, 1, SIM_ESC_KEEP_NL);
		h->fromhost = ((uint64_t)1 << 56) | ((uint64_t)1 << 48);
	} else {
		sim_log(h->sim, SIM_LOG_UNIMP, h->comp, h->name,
			"device %u command %u is not implemented (tohost 0x%016" PRIx64 ")", dev, cmd, v);
	}
}

static void late(struct event *ev, void *ctx)
{
	(void)ev;
	process(ctx);
}

static uint64_t word_read(uint64_t word, uint64_t off, unsigned size)
{
	return size == 8 ? word : (uint32_t)(word >> (8 * off));
}

static uint64_t word_merge(uint64_t word, uint64_t off, unsigned size, uint64_t val)
{
	if (size == 8)
		return val;
	if (off == 0)
		return (word & ~(uint64_t)0xffffffffu) | (uint32_t)val;
	return (word & 0xffffffffu) | (val << 32);
}

static enum bus_status tohost_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				   sim_time_t t)
{
	(void)t;
	struct htif *h = opaque;
	*val = word_read(h->tohost, off, size);
	return BUS_OK;
}

static enum bus_status tohost_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				    sim_time_t t)
{
	struct htif *h = opaque;
	h->tohost = word_merge(h->tohost, off, size, val);
	if (size == 4 && off == 0 && !h->cfg.low_word_completes) {
		/* the high word completes the command; environments that only
		 * ever write the low word get it handled 1 us later */
		if (!event_pending(&h->late))
			sim_schedule(h->sim, &h->late, simtime_add(t, SIM_US));
		return BUS_OK;
	}
	sim_cancel(h->sim, &h->late);
	process(h);
	return BUS_OK;
}

static enum bus_status fromhost_read(void *opaque, uint64_t off, unsigned size, uint64_t *val,
				     sim_time_t t)
{
	(void)t;
	struct htif *h = opaque;
	*val = word_read(h->fromhost, off, size);
	return BUS_OK;
}

static enum bus_status fromhost_write(void *opaque, uint64_t off, unsigned size, uint64_t val,
				      sim_time_t t)
{
	(void)t;
	struct htif *h = opaque;
	h->fromhost = word_merge(h->fromhost, off, size, val);
	return BUS_OK;
}

static const struct mmio_ops tohost_ops = {
	.name = "tohost", .min_size = 4, .max_size = 8,
	.read = tohost_read, .write = tohost_write,
};
static const struct mmio_ops fromhost_ops = {
	.name = "fromhost", .min_size = 4, .max_size = 8,
	.read = fromhost_read, .write = fromhost_write,
};

int htif_map_tohost(struct htif *h, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	return bus_map_device(bus, "tohost", base, HTIF_WORD_SIZE, &tohost_ops, h, err, errlen);
}

int htif_map_fromhost(struct htif *h, struct bus *bus, uint64_t base, char *err, size_t errlen)
{
	return bus_map_device(bus, "fromhost", base, HTIF_WORD_SIZE, &fromhost_ops, h, err, errlen);
}

bool htif_exited(const struct htif *h, uint64_t *code)
{
	if (h->exited && code)
		*code = h->exit_code;
	return h->exited;
}

void htif_reset(struct htif *h, sim_time_t t)
{
	(void)t;
	sim_cancel(h->sim, &h->late);
	h->tohost = h->fromhost = 0;
	h->exited = false;
	h->exit_code = 0;
}

/* Snapshots: both words, the exit, the pending low-word event. */
static int snap_save(void *obj, struct snap_writer *w)
{
	struct htif *h = obj;
	snap_begin(w, "htif");
	snap_put_u64(w, h->tohost);
	snap_put_u64(w, h->fromhost);
	snap_put_bool(w, h->exited);
	snap_put_u64(w, h->exit_code);
	snap_put_event(w, &h->late);
	snap_end(w);
	return w->failed ? -1 : 0;
}

static int snap_restore(void *obj, struct snap_reader *r)
{
	struct htif *h = obj;
	snap_enter(r, "htif");
	uint64_t tohost = snap_get_u64(r), fromhost = snap_get_u64(r);
	bool exited = snap_get_bool(r);
	uint64_t code = snap_get_u64(r);
	if (r->failed)
		return -1;
	snap_get_event(r, &h->sim->q, &h->late);
	snap_leave(r);
	if (r->failed)
		return -1;
	h->tohost = tohost;
	h->fromhost = fromhost;
	h->exited = exited;
	h->exit_code = code;
	return 0;
}

struct htif *htif_create(struct sim *sim, const char *name, const struct htif_config *cfg)
{
	if (!cfg->mem)
		return NULL;
	struct htif *h = calloc(1, sizeof(*h));
	if (!h)
		return NULL;
	h->sim = sim;
	snprintf(h->name, sizeof(h->name), "%s", name);
	h->cfg = *cfg;
	if (!h->cfg.out)
		h->cfg.out = stdout;
	if (!h->cfg.err)
		h->cfg.err = stderr;
	event_init(&h->late, "htif", late, h);
	int id = sim_add_component(sim, h->name, h, htif_destroy);
	if (id >= 0)
		sim_add_snapshot(sim, h->name, h, snap_save, snap_restore);
	if (id < 0) {
		free(h);
		return NULL;
	}
	h->comp = (uint16_t)id;
	return h;
}

void htif_destroy(void *htif)
{
	struct htif *h = htif;
	if (!h)
		return;
	sim_cancel(h->sim, &h->late);
	free(h);
}
