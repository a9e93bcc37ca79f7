/* rpmsg-tty: the driver (rpmsg_tty.c) and the part of n_tty its users see.
 * See rpmsg_tty.h for what is modelled. */
#include "models/host/rpmsg_tty.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/host_poll.h"
#include "sim/core/snap.h"

#define TTY_MTU 496u /* rpmsg_get_mtu of a virtio endpoint */

struct tty {
	struct rpmsg_ttys *tt;
	unsigned num;
	char path[32];
	struct rpmsg_channel *ch; /* NULL once hung up */
	unsigned nopen;
	bool raw;                 /* cfmakeraw'd termios */
	uint8_t buf[RPMSG_TTY_BUF]; /* what read returns */
	size_t len;
	uint8_t *flip;            /* received while closed */
	size_t flip_len;
	bool overflow_logged;
};

struct rpmsg_tty_file {
	struct tty *tty;
};

struct rpmsg_ttys {
	struct sim *sim;
	struct rpmsg_chardevs_hooks hooks;
	struct tty **ttys;        /* creation order, hung-up-but-open ones included */
	unsigned n, cap;
	struct rpmsg_tty_file **files;
	unsigned nfiles, capf;
};

struct rpmsg_ttys *rpmsg_ttys_create(struct sim *sim)
{
	struct rpmsg_ttys *tt = calloc(1, sizeof(*tt));
	if (tt)
		tt->sim = sim;
	return tt;
}

static void free_tty(struct tty *y)
{
	free(y->flip);
	free(y);
}

void rpmsg_ttys_destroy(struct rpmsg_ttys *tt)
{
	if (!tt)
		return;
	for (unsigned i = 0; i < tt->n; i++)
		free_tty(tt->ttys[i]);
	for (unsigned i = 0; i < tt->nfiles; i++)
		free(tt->files[i]);
	free(tt->ttys);
	free(tt->files);
	free(tt);
}

void rpmsg_ttys_set_hooks(struct rpmsg_ttys *tt, const struct rpmsg_chardevs_hooks *h)
{
	tt->hooks = *h;
}

static struct tty *lookup(struct rpmsg_ttys *tt, const char *path)
{
	for (unsigned i = 0; i < tt->n; i++)
		if (tt->ttys[i]->ch && strcmp(tt->ttys[i]->path, path) == 0)
			return tt->ttys[i];
	return NULL;
}

bool rpmsg_tty_exists(struct rpmsg_ttys *tt, const char *path)
{
	return lookup(tt, path) != NULL;
}

static void drop_tty(struct tty *y)
{
	struct rpmsg_ttys *tt = y->tt;
	for (unsigned i = 0; i < tt->n; i++) {
		if (tt->ttys[i] == y) {
			memmove(&tt->ttys[i], &tt->ttys[i + 1], (tt->n - i - 1) * sizeof(*tt->ttys));
			tt->n--;
			break;
		}
	}
	free_tty(y);
}

/* --- the line discipline ------------------------------------------------- */

static bool readable(const struct tty *y)
{
	if (!y->len)
		return false;
	return y->raw || memchr(y->buf, '\n', y->len) != NULL;
}

/* rpmsg_tty_write: at most one MTU per message, rpmsg_trysend.  The bytes
 * sent, or the first error when none was. */
static long send_bytes(struct tty *y, const uint8_t *b, size_t n, sim_time_t t)
{
	size_t done = 0;
	while (done < n) {
		size_t k = n - done < TTY_MTU ? n - done : TTY_MTU;
		int rc = rpmsg_send(rpmsg_channel_ept(y->ch), rpmsg_channel_dst(y->ch), b + done, k, true, t);
		if (rc)
			return done ? (long)done : (rc == -ENOMEM ? -ENOMEM : rc);
		done += k;
	}
	return (long)done;
}

/* n_tty's receive: ICRNL, the buffer, ECHO (ECHOCTL, ONLCR) */
static void ldisc_receive(struct tty *y, const uint8_t *data, size_t n, sim_time_t t)
{
	struct rpmsg_ttys *tt = y->tt;
	uint8_t echo[3 * RPMSG_TTY_BUF];
	size_t ne = 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = data[i];
		if (!y->raw && c == '\r')
			c = '\n';
		if (y->len == sizeof(y->buf)) {
			if (!y->overflow_logged)
				sim_log_at(tt->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, "rpmsg_tty",
					   "%s: %d bytes unread; the rest is dropped until it is read",
					   y->path, RPMSG_TTY_BUF);
			y->overflow_logged = true;
			continue;
		}
		y->buf[y->len++] = c;
		if (y->raw || ne + 3 > sizeof(echo))
			continue;
		if (c == '\n') {
			echo[ne++] = '\r';
			echo[ne++] = '\n';
		} else if ((c < 0x20 && c != '\t') || c == 0x7f) {
			echo[ne++] = '^';
			echo[ne++] = c ^ 0x40;
		} else {
			echo[ne++] = c;
		}
	}
	if (ne)
		send_bytes(y, echo, ne, t); /* an echo that finds no buffer is lost */
	if (readable(y) && tt->hooks.readable)
		tt->hooks.readable(tt->hooks.ctx, y->path, t);
}

/* rpmsg_tty_cb: the bytes into the tty's buffers */
static int tty_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src, void *priv,
		  sim_time_t t)
{
	(void)ept, (void)src;
	struct tty *y = rpmsg_channel_drvdata(priv);
	if (!y || !len)
		return -EINVAL;
	if (y->nopen) {
		ldisc_receive(y, data, len, t);
		return 0;
	}
	size_t room = RPMSG_TTY_FLIP_MAX - y->flip_len;
	size_t k = len < room ? len : room;
	if (k < len)
		sim_log_at(y->tt->sim, t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT,
			   rpmsg_channel_devname(priv), "Trunc buffer: available space is %zu", k);
	if (!y->flip)
		y->flip = malloc(RPMSG_TTY_FLIP_MAX);
	if (!y->flip)
		return -ENOMEM;
	memcpy(y->flip + y->flip_len, data, k);
	y->flip_len += k;
	return 0;
}

/* --- files ----------------------------------------------------------------- */

int rpmsg_tty_open(struct rpmsg_ttys *tt, const char *path, struct rpmsg_tty_file **out,
		   sim_time_t t)
{
	struct tty *y = lookup(tt, path);
	if (!y)
		return -ENOENT;
	if (tt->nfiles == tt->capf) {
		unsigned cap = tt->capf ? 2 * tt->capf : 4;
		struct rpmsg_tty_file **p = realloc(tt->files, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		tt->files = p;
		tt->capf = cap;
	}
	struct rpmsg_tty_file *f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->tty = y;
	tt->files[tt->nfiles++] = f;
	if (y->nopen++ == 0 && y->flip_len) {
		/* the line discipline now takes what waited in the buffers */
		size_t n = y->flip_len;
		y->flip_len = 0;
		ldisc_receive(y, y->flip, n, t);
	}
	*out = f;
	return 0;
}

void rpmsg_tty_close(struct rpmsg_tty_file *f, sim_time_t t)
{
	(void)t;
	struct tty *y = f->tty;
	struct rpmsg_ttys *tt = y->tt;
	for (unsigned i = 0; i < tt->nfiles; i++) {
		if (tt->files[i] == f) {
			tt->files[i] = tt->files[--tt->nfiles];
			break;
		}
	}
	free(f);
	if (--y->nopen)
		return;
	/* the last close: the line discipline goes with its buffer */
	y->len = 0;
	y->overflow_logged = false;
	if (!y->ch)
		drop_tty(y);
}

long rpmsg_tty_write(struct rpmsg_tty_file *f, const void *buf, size_t len, sim_time_t t)
{
	struct tty *y = f->tty;
	if (!y->ch)
		return -EIO;
	if (y->raw)
		return send_bytes(y, buf, len, t);
	/* OPOST|ONLCR; the count is of the caller's bytes */
	const uint8_t *b = buf;
	size_t done = 0;
	while (done < len) {
		uint8_t out[2 * TTY_MTU];
		size_t no = 0, take = 0;
		while (done + take < len && no + 2 <= TTY_MTU) {
			uint8_t c = b[done + take++];
			if (c == '\n')
				out[no++] = '\r';
			out[no++] = c;
		}
		long rc = send_bytes(y, out, no, t);
		if (rc != (long)no)
			return done ? (long)done : (rc < 0 ? rc : -ENOMEM);
		done += take;
	}
	return (long)done;
}

long rpmsg_tty_read(struct rpmsg_tty_file *f, void *buf, size_t len, bool nonblock)
{
	struct tty *y = f->tty;
	if (!y->ch)
		return 0; /* hung_up_tty_read: end of file */
	if (!readable(y))
		return nonblock ? -EAGAIN : RPMSG_WOULD_BLOCK;
	size_t n = y->len;
	if (!y->raw)
		n = (size_t)((const uint8_t *)memchr(y->buf, '\n', y->len) - y->buf) + 1;
	if (n > len)
		n = len;
	memcpy(buf, y->buf, n);
	memmove(y->buf, y->buf + n, y->len - n);
	y->len -= n;
	y->overflow_logged = false;
	return (long)n;
}

unsigned rpmsg_tty_poll(const struct rpmsg_tty_file *f)
{
	const struct tty *y = f->tty;
	if (!y->ch) /* hung_up_tty_poll */
		return HOST_POLLIN | HOST_POLLOUT | HOST_POLLERR | HOST_POLLHUP | HOST_POLLRDNORM |
		       HOST_POLLWRNORM;
	unsigned mask = HOST_POLLOUT | HOST_POLLWRNORM; /* write_room: one MTU */
	if (readable(y))
		mask |= HOST_POLLIN | HOST_POLLRDNORM;
	return mask;
}

int rpmsg_tty_set_raw(struct rpmsg_tty_file *f, bool raw)
{
	if (!f->tty->ch)
		return -EIO;
	f->tty->raw = raw;
	return 0;
}

/* --- the driver ------------------------------------------------------------- */

static unsigned lowest_free(const struct rpmsg_ttys *tt)
{
	for (unsigned n = 0;; n++) {
		bool taken = false;
		for (unsigned i = 0; i < tt->n && !taken; i++)
			taken = tt->ttys[i]->num == n;
		if (!taken)
			return n;
	}
}

/* rpmsg_tty_probe: a port, a number (idr), the node */
static int tty_probe(struct rpmsg_channel *ch, sim_time_t t)
{
	struct rpmsg_ttys *tt = rpmsg_channel_driver_ctx(ch);
	if (!tt)
		return -ENODEV;
	if (tt->n == tt->cap) {
		unsigned cap = tt->cap ? 2 * tt->cap : 4;
		struct tty **p = realloc(tt->ttys, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		tt->ttys = p;
		tt->cap = cap;
	}
	struct tty *y = calloc(1, sizeof(*y));
	if (!y)
		return -ENOMEM;
	y->tt = tt;
	y->ch = ch;
	y->num = lowest_free(tt);
	snprintf(y->path, sizeof(y->path), RPMSG_TTY_PREFIX "%u", y->num);
	tt->ttys[tt->n++] = y;
	rpmsg_channel_set_drvdata(ch, y);
	sim_log_at(tt->sim, t, SIM_LOG_INFO, SIM_NO_COMPONENT, rpmsg_channel_devname(ch),
		   "New channel: 0x%x -> 0x%x: ttyRPMSG%u", (unsigned)rpmsg_channel_src(ch),
		   (unsigned)rpmsg_channel_dst(ch), y->num);
	if (tt->hooks.created)
		tt->hooks.created(tt->hooks.ctx, y->path, t);
	return 0;
}

/* rpmsg_tty_remove: hang up, the node goes; the number stays until the
 * last file closes */
static void tty_remove(struct rpmsg_channel *ch, sim_time_t t)
{
	struct tty *y = rpmsg_channel_drvdata(ch);
	rpmsg_channel_set_drvdata(ch, NULL);
	if (!y)
		return;
	struct rpmsg_ttys *tt = y->tt;
	if (tt->hooks.removed)
		tt->hooks.removed(tt->hooks.ctx, y->path, t);
	y->ch = NULL;
	y->flip_len = 0;
	if (!y->nopen)
		drop_tty(y);
}

static const struct rpmsg_device_id tty_ids[] = {
	{ "rpmsg-tty" },
	{ NULL },
};

const struct rpmsg_driver rpmsg_tty_driver = {
	.name = "rpmsg_tty",
	.id_table = tty_ids,
	.probe = tty_probe,
	.remove = tty_remove,
	.callback = tty_cb,
};

/* --- snapshots ----------------------------------------------------------------- */

#define TTYS_SNAP_MAX 4096

int rpmsg_ttys_save(const struct rpmsg_ttys *tt, struct snap_writer *w)
{
	snap_begin(w, "ttys");
	snap_put_u32(w, tt->n);
	for (unsigned i = 0; i < tt->n; i++) {
		const struct tty *y = tt->ttys[i];
		snap_put_u32(w, y->num);
		snap_put_str(w, y->ch ? rpmsg_channel_devname(y->ch) : "");
		snap_put_bool(w, y->raw);
		snap_put_u32(w, (uint32_t)y->len);
		snap_put_bytes(w, y->buf, y->len);
		snap_put_u32(w, (uint32_t)y->flip_len);
		snap_put_bytes(w, y->flip, y->flip_len);
		snap_put_bool(w, y->overflow_logged);
	}
	snap_put_u32(w, tt->nfiles);
	for (unsigned i = 0; i < tt->nfiles; i++) {
		unsigned k = 0;
		while (k < tt->n && tt->ttys[k] != tt->files[i]->tty)
			k++;
		snap_put_u32(w, k);
	}
	snap_end(w);
	return w->failed ? -1 : 0;
}

static struct tty *restore_tty(struct rpmsg_ttys *tt, struct rpmsg_bus *bus, struct snap_reader *r)
{
	uint32_t num = snap_get_count(r, TTYS_SNAP_MAX, "a tty number");
	char devname[RPMSG_DEVNAME_LEN];
	snap_get_str(r, devname, sizeof(devname));
	bool raw = snap_get_bool(r);
	uint32_t len = snap_get_count(r, RPMSG_TTY_BUF + 1, "a tty buffer's length");
	if (r->failed)
		return NULL;
	struct rpmsg_channel *ch = devname[0] ? rpmsg_bus_find(bus, devname) : NULL;
	if (devname[0] && (!ch || rpmsg_channel_driver(ch) != &rpmsg_tty_driver)) {
		snap_fail(r, "ttyRPMSG%u belongs to channel %s, which is not there bound to rpmsg_tty",
			  num, devname);
		return NULL;
	}
	for (unsigned i = 0; i < tt->n; i++)
		if (tt->ttys[i]->num == num) {
			snap_fail(r, "ttyRPMSG%u twice", num);
			return NULL;
		}
	if (tt->n == tt->cap) {
		unsigned cap = tt->cap ? 2 * tt->cap : 4;
		struct tty **p = realloc(tt->ttys, cap * sizeof(*p));
		if (!p) {
			snap_fail(r, "out of memory");
			return NULL;
		}
		tt->ttys = p;
		tt->cap = cap;
	}
	struct tty *y = calloc(1, sizeof(*y));
	if (!y) {
		snap_fail(r, "out of memory");
		return NULL;
	}
	y->tt = tt;
	y->num = num;
	snprintf(y->path, sizeof(y->path), RPMSG_TTY_PREFIX "%u", num);
	y->ch = ch;
	y->raw = raw;
	y->len = len;
	tt->ttys[tt->n++] = y;
	snap_get_bytes(r, y->buf, len);
	uint32_t flip = snap_get_count(r, RPMSG_TTY_FLIP_MAX + 1, "the bytes a closed tty keeps");
	if (!r->failed && flip) {
		if (!(y->flip = malloc(RPMSG_TTY_FLIP_MAX))) {
			snap_fail(r, "out of memory");
			return NULL;
		}
		y->flip_len = flip;
		snap_get_bytes(r, y->flip, flip);
	}
	y->overflow_logged = snap_get_bool(r);
	if (ch)
		rpmsg_channel_set_drvdata(ch, y);
	return y;
}

int rpmsg_ttys_restore(struct rpmsg_ttys *tt, struct rpmsg_bus *bus, struct snap_reader *r)
{
	if (tt->n || tt->nfiles) {
		snap_fail(r, "rpmsg ttys restored over live ones");
		return -1;
	}
	snap_enter(r, "ttys");
	uint32_t n = snap_get_count(r, TTYS_SNAP_MAX, "the number of rpmsg ttys");
	for (uint32_t i = 0; i < n && !r->failed; i++)
		restore_tty(tt, bus, r);
	uint32_t nfiles = snap_get_count(r, TTYS_SNAP_MAX, "the number of open ttys");
	for (uint32_t i = 0; i < nfiles && !r->failed; i++) {
		uint32_t k = snap_get_count(r, tt->n, "an open file's tty");
		if (r->failed)
			break;
		struct rpmsg_tty_file *f = NULL;
		if (tt->nfiles == tt->capf) {
			unsigned cap = tt->capf ? 2 * tt->capf : 4;
			struct rpmsg_tty_file **p = realloc(tt->files, cap * sizeof(*p));
			if (!p) {
				snap_fail(r, "out of memory");
				break;
			}
			tt->files = p;
			tt->capf = cap;
		}
		if (!(f = calloc(1, sizeof(*f)))) {
			snap_fail(r, "out of memory");
			break;
		}
		f->tty = tt->ttys[k];
		f->tty->nopen++;
		tt->files[tt->nfiles++] = f;
	}
	snap_leave(r);
	/* a hung-up tty lives only while a file holds it; a closed one keeps
	 * no line-discipline buffer */
	for (unsigned i = 0; i < tt->n && !r->failed; i++) {
		const struct tty *y = tt->ttys[i];
		if (!y->ch && !y->nopen)
			snap_fail(r, "%s was hung up and is not open", y->path);
		else if (!y->nopen && y->len)
			snap_fail(r, "%s is closed with %zu bytes in its line discipline", y->path, y->len);
	}
	return r->failed ? -1 : 0;
}

void rpmsg_ttys_discard(struct rpmsg_ttys *tt)
{
	for (unsigned i = 0; i < tt->n; i++)
		free_tty(tt->ttys[i]);
	for (unsigned i = 0; i < tt->nfiles; i++)
		free(tt->files[i]);
	tt->n = tt->nfiles = 0;
}

int rpmsg_ttys_file_index(const struct rpmsg_ttys *tt, const struct rpmsg_tty_file *f)
{
	for (unsigned i = 0; i < tt->nfiles; i++)
		if (tt->files[i] == f)
			return (int)i;
	return -1;
}

struct rpmsg_tty_file *rpmsg_ttys_file(const struct rpmsg_ttys *tt, unsigned i)
{
	return i < tt->nfiles ? tt->files[i] : NULL;
}
