/* The rpmsg core: driver registration, matching and binding, channels and
 * endpoints dispatched to their transport.  Follows drivers/rpmsg/rpmsg_core.c
 * (rpmsg_dev_match, rpmsg_dev_probe, rpmsg_dev_remove,
 * rpmsg_register_device, __register_rpmsg_driver). */
#include "models/host/rpmsg_core.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/snap.h"

struct rpmsg_channel {
	struct rpmsg_bus *bus;
	const struct rpmsg_device_ops *ops;
	void *transport;
	const char *parent;
	char name[RPMSG_NAME_SIZE];
	char devname[RPMSG_DEVNAME_LEN];
	char *driver_override;                 /* NULL: matched by id table */
	uint32_t src, dst;
	bool announce;                         /* the host made it with a src: tell the remote */
	const struct rpmsg_driver *drv;        /* NULL: unbound */
	void *drv_ctx;
	struct rpmsg_ept *ept;                 /* made for the driver's callback */
	void *drvdata;
	bool registered;
};

struct rpmsg_bus {
	struct sim *sim;
	struct {
		const struct rpmsg_driver *drv;
		void *ctx;
	} drivers[RPMSG_MAX_DRIVERS];          /* registration order: the match order */
	unsigned ndrivers;
	struct rpmsg_channel **chans;          /* registered, in registration order */
	unsigned nchans, cap_chans;
};

struct rpmsg_channel *rpmsg_bus_channel(const struct rpmsg_bus *bus, unsigned i)
{
	return i < bus->nchans ? bus->chans[i] : NULL;
}

struct rpmsg_bus *rpmsg_bus_create(struct sim *sim)
{
	struct rpmsg_bus *bus = calloc(1, sizeof(*bus));
	if (bus)
		bus->sim = sim;
	return bus;
}

void rpmsg_bus_destroy(struct rpmsg_bus *bus)
{
	if (!bus)
		return;
	/* channels belong to their transports, which unregister them when
	 * they stop; one still here is a transport that was never stopped */
	free(bus->chans);
	free(bus);
}

struct sim *rpmsg_bus_sim(const struct rpmsg_bus *bus)
{
	return bus->sim;
}

/* rpmsg_id_match, over the whole table */
static bool id_match(const struct rpmsg_channel *ch, const struct rpmsg_device_id *ids)
{
	for (; ids && ids->name; ids++)
		if (strncmp(ids->name, ch->name, RPMSG_NAME_SIZE) == 0)
			return true;
	return false;
}

bool rpmsg_dev_match(const struct rpmsg_channel *ch, const struct rpmsg_driver *drv)
{
	if (ch->driver_override)
		return drv->name && strcmp(ch->driver_override, drv->name) == 0;
	return id_match(ch, drv->id_table);
}

/* rpmsg_dev_probe: the endpoint first (when the driver has a callback),
 * then the driver's probe; a refusal undoes both. */
static int probe(struct rpmsg_channel *ch, const struct rpmsg_driver *drv, void *ctx, sim_time_t t)
{
	struct sim *sim = ch->bus->sim;
	if (drv->callback) {
		int err;
		ch->ept = rpmsg_create_ept(ch, drv->callback, ch, ch->src, &err);
		if (!ch->ept) {
			sim_log_at(sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, ch->devname,
				   "failed to create endpoint (%d); channel left unbound", err);
			return err;
		}
		/* the channel takes its endpoint's address (the device name
		 * keeps the -1 it was registered with) and keeps it */
		ch->src = ch->ept->addr;
	}
	ch->drv = drv;
	ch->drv_ctx = ctx;
	int rc = drv->probe(ch, t);
	if (rc < 0) {
		sim_log_at(sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, ch->devname,
			   "driver %s refused the channel (%d); kept unbound", drv->name, rc);
		goto destroy_ept;
	}
	if (ch->ept && ch->ops->announce_create) {
		rc = ch->ops->announce_create(ch, t);
		if (rc) {
			sim_log_at(sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, ch->devname,
				   "failed to announce creation (%d); channel left unbound", rc);
			if (drv->remove)
				drv->remove(ch, t);
			goto destroy_ept;
		}
	}
	return 0;

destroy_ept:
	ch->drv = NULL;
	ch->drv_ctx = NULL;
	/* rpdev->src keeps the endpoint's address, as in Linux: a later
	 * probe makes its endpoint there again */
	rpmsg_destroy_ept(ch->ept);
	ch->ept = NULL;
	return rc;
}

/* rpmsg_dev_remove: the end announced, the driver's remove, its endpoint */
static void unbind(struct rpmsg_channel *ch, sim_time_t t)
{
	if (ch->drv) {
		if (ch->ops->announce_destroy)
			ch->ops->announce_destroy(ch, t);
		if (ch->drv->remove)
			ch->drv->remove(ch, t);
	}
	rpmsg_destroy_ept(ch->ept);
	ch->ept = NULL;
	ch->drv = NULL;
	ch->drv_ctx = NULL;
}

/* The first registered driver that matches, as the driver core walks the
 * bus's drivers in registration order. */
static bool attach(struct rpmsg_channel *ch, sim_time_t t)
{
	struct rpmsg_bus *bus = ch->bus;
	for (unsigned i = 0; i < bus->ndrivers; i++)
		if (rpmsg_dev_match(ch, bus->drivers[i].drv)) {
			probe(ch, bus->drivers[i].drv, bus->drivers[i].ctx, t);
			return true;
		}
	return false;
}

int rpmsg_register_driver(struct rpmsg_bus *bus, const struct rpmsg_driver *drv, void *ctx)
{
	for (unsigned i = 0; i < bus->ndrivers; i++)
		if (bus->drivers[i].drv == drv)
			return -EEXIST;
	if (bus->ndrivers == RPMSG_MAX_DRIVERS)
		return -ENOSPC;
	bus->drivers[bus->ndrivers].drv = drv;
	bus->drivers[bus->ndrivers].ctx = ctx;
	bus->ndrivers++;
	/* driver_attach: channels that were waiting for it */
	for (unsigned i = 0; i < bus->nchans; i++) {
		struct rpmsg_channel *ch = bus->chans[i];
		if (!ch->drv && rpmsg_dev_match(ch, drv))
			probe(ch, drv, ctx, bus->sim->now);
	}
	return 0;
}

struct rpmsg_channel *rpmsg_channel_new(struct rpmsg_bus *bus, const struct rpmsg_device_ops *ops,
					void *transport, const char *parent,
					const struct rpmsg_channel_info *chinfo,
					const char *driver_override)
{
	struct rpmsg_channel *ch = calloc(1, sizeof(*ch));
	if (!ch)
		return NULL;
	ch->bus = bus;
	ch->ops = ops;
	ch->transport = transport;
	ch->parent = parent;
	snprintf(ch->name, sizeof(ch->name), "%s", chinfo->name);
	ch->src = chinfo->src;
	ch->dst = chinfo->dst;
	if (driver_override && !(ch->driver_override = strdup(driver_override))) {
		free(ch);
		return NULL;
	}
	/* dev_set_name(..., "%s.%s.%d.%d"): addresses print signed */
	snprintf(ch->devname, sizeof(ch->devname), "%s.%s.%" PRId32 ".%" PRId32, parent, ch->name,
		 (int32_t)ch->src, (int32_t)ch->dst);
	return ch;
}

int rpmsg_register_device(struct rpmsg_channel *ch, sim_time_t t)
{
	struct rpmsg_bus *bus = ch->bus;
	if (bus->nchans == bus->cap_chans) {
		unsigned cap = bus->cap_chans ? 2 * bus->cap_chans : 8;
		struct rpmsg_channel **p = realloc(bus->chans, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		bus->chans = p;
		bus->cap_chans = cap;
	}
	bus->chans[bus->nchans++] = ch;
	ch->registered = true;
	if (!attach(ch, t) && !ch->driver_override)
		sim_log_at(bus->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, ch->parent,
			   "no driver for channel %s; kept unbound", ch->devname);
	return 0;
}

void rpmsg_unregister_device(struct rpmsg_channel *ch, sim_time_t t)
{
	if (!ch)
		return;
	unbind(ch, t);
	struct rpmsg_bus *bus = ch->bus;
	for (unsigned i = 0; ch->registered && i < bus->nchans; i++) {
		if (bus->chans[i] == ch) {
			memmove(&bus->chans[i], &bus->chans[i + 1],
				(bus->nchans - i - 1) * sizeof(*bus->chans));
			bus->nchans--;
			break;
		}
	}
	free(ch->driver_override);
	free(ch);
}

void *rpmsg_channel_transport(const struct rpmsg_channel *ch)
{
	return ch->transport;
}

int rpmsg_create_channel(struct rpmsg_channel *ch, const struct rpmsg_channel_info *chinfo,
			 sim_time_t t)
{
	return ch->ops->create_channel ? ch->ops->create_channel(ch, chinfo, t) : -ENXIO;
}

int rpmsg_release_channel(struct rpmsg_channel *ch, const struct rpmsg_channel_info *chinfo,
			  sim_time_t t)
{
	return ch->ops->release_channel ? ch->ops->release_channel(ch, chinfo, t) : -ENXIO;
}

void rpmsg_channel_set_announce(struct rpmsg_channel *ch, bool announce)
{
	ch->announce = announce;
}

bool rpmsg_channel_announce(const struct rpmsg_channel *ch)
{
	return ch->announce;
}

/* --- endpoints ------------------------------------------------------------- */

struct rpmsg_ept *rpmsg_create_ept(struct rpmsg_channel *ch, rpmsg_rx_cb cb, void *priv,
				   uint32_t src, int *err)
{
	return ch->ops->create_ept(ch, cb, priv, src, err);
}

void rpmsg_destroy_ept(struct rpmsg_ept *ept)
{
	if (ept)
		ept->ops->destroy_ept(ept);
}

uint32_t rpmsg_ept_addr(const struct rpmsg_ept *ept)
{
	return ept->addr;
}

void rpmsg_ept_set_cb(struct rpmsg_ept *ept, rpmsg_rx_cb cb, void *priv)
{
	ept->cb = cb;
	ept->priv = priv;
}

/* --- channel accessors ------------------------------------------------------ */

const char *rpmsg_channel_name(const struct rpmsg_channel *ch)
{
	return ch->name;
}

const char *rpmsg_channel_devname(const struct rpmsg_channel *ch)
{
	return ch->devname;
}

const char *rpmsg_channel_parent(const struct rpmsg_channel *ch)
{
	return ch->parent;
}

struct sim *rpmsg_channel_sim(const struct rpmsg_channel *ch)
{
	return ch->bus->sim;
}

uint32_t rpmsg_channel_src(const struct rpmsg_channel *ch)
{
	return ch->src;
}

uint32_t rpmsg_channel_dst(const struct rpmsg_channel *ch)
{
	return ch->dst;
}

struct rpmsg_ept *rpmsg_channel_ept(const struct rpmsg_channel *ch)
{
	return ch->ept;
}

const struct rpmsg_driver *rpmsg_channel_driver(const struct rpmsg_channel *ch)
{
	return ch->drv;
}

void *rpmsg_channel_driver_ctx(const struct rpmsg_channel *ch)
{
	return ch->drv_ctx;
}

void *rpmsg_channel_drvdata(const struct rpmsg_channel *ch)
{
	return ch->drvdata;
}

void rpmsg_channel_set_drvdata(struct rpmsg_channel *ch, void *data)
{
	ch->drvdata = data;
}

/* --- sysfs (rpmsg_core.c's attributes, drivers/base's bind files) ----------- */

static int out_text(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int out_text(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, cap, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EIO;
	return (size_t)n < cap ? n : (int)(cap ? cap - 1 : 0);
}

/* sysfs_streq: equal but for one trailing newline on the written side */
static bool streq(const char *buf, size_t len, const char *word)
{
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	return strlen(word) == len && strncmp(buf, word, len) == 0;
}

/* bus_find_device_by_name */
static struct rpmsg_channel *find_dev(const struct rpmsg_bus *bus, const char *buf, size_t len)
{
	for (unsigned i = 0; i < bus->nchans; i++)
		if (streq(buf, len, bus->chans[i]->devname))
			return bus->chans[i];
	return NULL;
}

static const struct rpmsg_driver *find_drv(const struct rpmsg_bus *bus, const char *name, void **ctx)
{
	for (unsigned i = 0; i < bus->ndrivers; i++)
		if (bus->drivers[i].drv->name && strcmp(bus->drivers[i].drv->name, name) == 0) {
			if (ctx)
				*ctx = bus->drivers[i].ctx;
			return bus->drivers[i].drv;
		}
	return NULL;
}

bool rpmsg_bus_has_driver(const struct rpmsg_bus *bus, const char *drvname)
{
	return find_drv(bus, drvname, NULL) != NULL;
}

int rpmsg_bus_attr_read(struct rpmsg_bus *bus, const char *devname, const char *attr, char *out,
			size_t cap)
{
	const struct rpmsg_channel *ch = find_dev(bus, devname, strlen(devname));
	if (!ch)
		return -ENOENT;
	if (strcmp(attr, "name") == 0)
		return out_text(out, cap, "%s\n", ch->name);
	if (strcmp(attr, "src") == 0)
		return out_text(out, cap, "0x%" PRIx32 "\n", ch->src);
	if (strcmp(attr, "dst") == 0)
		return out_text(out, cap, "0x%" PRIx32 "\n", ch->dst);
	if (strcmp(attr, "announce") == 0)
		return out_text(out, cap, "%s\n", ch->announce ? "true" : "false");
	if (strcmp(attr, "modalias") == 0)
		return out_text(out, cap, "rpmsg:%s\n", ch->name);
	if (strcmp(attr, "driver_override") == 0)
		return out_text(out, cap, "%s\n", ch->driver_override ? ch->driver_override : "(null)");
	return -ENOENT;
}

int rpmsg_bus_attr_write(struct rpmsg_bus *bus, const char *devname, const char *attr,
			 const char *buf, size_t len)
{
	struct rpmsg_channel *ch = find_dev(bus, devname, strlen(devname));
	if (!ch)
		return -ENOENT;
	if (strcmp(attr, "driver_override") != 0) {
		static const char *const ro[] = { "name", "src", "dst", "announce", "modalias" };
		for (size_t i = 0; i < sizeof(ro) / sizeof(ro[0]); i++)
			if (strcmp(attr, ro[i]) == 0)
				return -EACCES;
		return -ENOENT;
	}
	/* driver_set_override: one byte less than a page; the string up to
	 * its NUL, cut at the first newline; nothing clears it */
	if (len >= 4095)
		return -EINVAL;
	size_t n = strnlen(buf, len);
	const char *nl = memchr(buf, '\n', n);
	if (nl)
		n = (size_t)(nl - buf);
	char *v = NULL;
	if (n) {
		v = malloc(n + 1);
		if (!v)
			return -ENOMEM;
		memcpy(v, buf, n);
		v[n] = '\0';
	}
	free(ch->driver_override);
	ch->driver_override = v;
	return 0;
}

int rpmsg_bus_bind(struct rpmsg_bus *bus, const char *drvname, bool bind, const char *buf,
		   size_t len, sim_time_t t)
{
	void *ctx = NULL;
	const struct rpmsg_driver *drv = find_drv(bus, drvname, &ctx);
	if (!drv)
		return -ENOENT;
	struct rpmsg_channel *ch = find_dev(bus, buf, len);
	if (!bind) {
		/* unbind_store */
		if (!ch || ch->drv != drv)
			return -ENODEV;
		unbind(ch, t);
		return 0;
	}
	/* bind_store: driver_match_device, then device_driver_attach */
	if (!ch || !rpmsg_dev_match(ch, drv))
		return -ENODEV;
	if (ch->drv)
		return -EBUSY;
	int rc = probe(ch, drv, ctx, t);
	return rc < 0 ? rc : 0;
}

int rpmsg_bus_drivers_probe(struct rpmsg_bus *bus, const char *buf, size_t len, sim_time_t t)
{
	struct rpmsg_channel *ch = find_dev(bus, buf, len);
	if (!ch)
		return -ENODEV;
	if (!ch->drv)
		attach(ch, t);
	return 0;
}

/* --- snapshots --------------------------------------------------------------- */

struct rpmsg_ept *rpmsg_channel_find_ept(struct rpmsg_channel *ch, uint32_t addr)
{
	return ch->ops->find_ept ? ch->ops->find_ept(ch, addr) : NULL;
}

int rpmsg_channel_save(const struct rpmsg_channel *ch, struct snap_writer *w)
{
	snap_begin(w, "channel");
	snap_put_str(w, ch->name);
	snap_put_str(w, ch->devname);
	snap_put_bool(w, ch->driver_override != NULL);
	snap_put_str(w, ch->driver_override ? ch->driver_override : "");
	snap_put_u32(w, ch->src);
	snap_put_u32(w, ch->dst);
	snap_put_bool(w, ch->announce);
	snap_put_str(w, ch->drv ? ch->drv->name : "");
	snap_put_bool(w, ch->ept != NULL);
	snap_put_u32(w, ch->ept ? ch->ept->addr : 0);
	if (ch->drv && ch->drv->save && ch->drv->save((struct rpmsg_channel *)ch, w) < 0)
		w->failed = true;
	snap_end(w);
	return w->failed ? -1 : 0;
}

static bool append(struct rpmsg_bus *bus, struct rpmsg_channel *ch)
{
	if (bus->nchans == bus->cap_chans) {
		unsigned cap = bus->cap_chans ? 2 * bus->cap_chans : 8;
		struct rpmsg_channel **p = realloc(bus->chans, cap * sizeof(*p));
		if (!p)
			return false;
		bus->chans = p;
		bus->cap_chans = cap;
	}
	bus->chans[bus->nchans++] = ch;
	ch->registered = true;
	return true;
}

struct rpmsg_channel *rpmsg_channel_restore(struct rpmsg_bus *bus, const struct rpmsg_device_ops *ops,
					    void *transport, const char *parent,
					    struct snap_reader *r)
{
	struct rpmsg_channel_info info = { .src = 0 };
	char devname[RPMSG_DEVNAME_LEN], drvname[RPMSG_NAME_SIZE];
	char override[4096]; /* driver_override takes less than a page */
	snap_enter(r, "channel");
	snap_get_str(r, info.name, sizeof(info.name));
	snap_get_str(r, devname, sizeof(devname));
	bool has_override = snap_get_bool(r);
	snap_get_str(r, override, sizeof(override));
	info.src = snap_get_u32(r);
	info.dst = snap_get_u32(r);
	bool announce = snap_get_bool(r);
	snap_get_str(r, drvname, sizeof(drvname));
	bool has_ept = snap_get_bool(r);
	uint32_t ept_addr = snap_get_u32(r);
	if (r->failed)
		return NULL;
	if (rpmsg_bus_find(bus, devname)) {
		snap_fail(r, "channel %s twice", devname);
		return NULL;
	}
	const struct rpmsg_driver *drv = NULL;
	void *drv_ctx = NULL;
	for (unsigned i = 0; drvname[0] && i < bus->ndrivers; i++) {
		if (strcmp(bus->drivers[i].drv->name, drvname) == 0) {
			drv = bus->drivers[i].drv;
			drv_ctx = bus->drivers[i].ctx;
		}
	}
	if (drvname[0] && !drv) {
		snap_fail(r, "channel %s is bound to driver \"%s\", which this host does not have",
			  devname, drvname);
		return NULL;
	}
	struct rpmsg_channel *ch = rpmsg_channel_new(bus, ops, transport, parent, &info,
						     has_override ? override : NULL);
	if (!ch || !append(bus, ch)) {
		if (ch)
			free(ch->driver_override);
		free(ch);
		snap_fail(r, "out of memory");
		return NULL;
	}
	snprintf(ch->devname, sizeof(ch->devname), "%s", devname);
	ch->announce = announce;
	ch->drv = drv;
	ch->drv_ctx = drv_ctx;
	if (has_ept) {
		ch->ept = rpmsg_channel_find_ept(ch, ept_addr);
		if (!ch->ept)
			snap_fail(r, "channel %s: its endpoint 0x%x is not on its device", devname, ept_addr);
		else if (drv && drv->callback)
			rpmsg_ept_set_cb(ch->ept, drv->callback, ch);
	}
	if (!r->failed && drv && drv->restore && drv->restore(ch, r) < 0 && !r->failed)
		snap_fail(r, "channel %s: driver %s cannot restore its state", devname, drvname);
	snap_leave(r);
	return ch; /* on the bus even after a failure: discard frees it */
}

void rpmsg_channel_discard(struct rpmsg_channel *ch)
{
	if (!ch)
		return;
	if (ch->drv && ch->drv->forget)
		ch->drv->forget(ch);
	struct rpmsg_bus *bus = ch->bus;
	for (unsigned i = 0; ch->registered && i < bus->nchans; i++) {
		if (bus->chans[i] == ch) {
			memmove(&bus->chans[i], &bus->chans[i + 1],
				(bus->nchans - i - 1) * sizeof(*bus->chans));
			bus->nchans--;
			break;
		}
	}
	free(ch->driver_override);
	free(ch);
}

struct rpmsg_channel *rpmsg_bus_find(const struct rpmsg_bus *bus, const char *devname)
{
	for (unsigned i = 0; i < bus->nchans; i++)
		if (strcmp(bus->chans[i]->devname, devname) == 0)
			return bus->chans[i];
	return NULL;
}

int rpmsg_bus_save(const struct rpmsg_bus *bus, struct snap_writer *w)
{
	snap_begin(w, "rpmsg-bus");
	snap_put_u32(w, bus->nchans);
	for (unsigned i = 0; i < bus->nchans; i++)
		snap_put_str(w, bus->chans[i]->devname);
	snap_end(w);
	return w->failed ? -1 : 0;
}

int rpmsg_bus_restore(struct rpmsg_bus *bus, struct snap_reader *r)
{
	snap_enter(r, "rpmsg-bus");
	uint32_t n = snap_get_u32(r);
	if (!r->failed && n != bus->nchans)
		snap_fail(r, "%u rpmsg channels in the bus's order, %u restored", n, bus->nchans);
	struct rpmsg_channel **order = calloc(bus->nchans ? bus->nchans : 1, sizeof(*order));
	if (!order && !r->failed)
		snap_fail(r, "out of memory");
	for (unsigned i = 0; i < bus->nchans && !r->failed; i++) {
		char devname[RPMSG_DEVNAME_LEN];
		snap_get_str(r, devname, sizeof(devname));
		if (r->failed)
			break;
		order[i] = rpmsg_bus_find(bus, devname);
		for (unsigned k = 0; k < i && order[i]; k++)
			if (order[k] == order[i])
				order[i] = NULL;
		if (!order[i])
			snap_fail(r, "the bus's order names channel %s, which is not there (or twice)",
				  devname);
	}
	snap_leave(r);
	if (!r->failed && bus->nchans)
		memcpy(bus->chans, order, bus->nchans * sizeof(*order));
	free(order);
	return r->failed ? -1 : 0;
}
