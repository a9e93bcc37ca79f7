/* RPMsg endpoints, name service and the message loop over two vrings. */
#include "fw_rpmsg.h"

#include <string.h>

#include "fw_platform.h"
#include "fw_sys.h"
#include "fw_trace.h"

/* picolibc's memcpy is built for size (a byte loop); headers and payloads
 * are most of what a firmware copies, and RPMsg buffers are 512-byte
 * aligned, so the 16-byte header leaves the payload word aligned: copy
 * words when both ends allow it. */
static void copy_payload(uint8_t *dst, const void *src, uint32_t len)
{
	const uint8_t *s = src;
	if ((((uintptr_t)dst | (uintptr_t)s) & 3) == 0) {
		for (; len >= 16; len -= 16, dst += 16, s += 16) {
			const uint32_t *sw = (const uint32_t *)(const void *)s;
			uint32_t *dw = (uint32_t *)(void *)dst;
			uint32_t a = sw[0], b = sw[1], c = sw[2], d = sw[3];
			dw[0] = a;
			dw[1] = b;
			dw[2] = c;
			dw[3] = d;
		}
		for (; len >= 4; len -= 4, dst += 4, s += 4)
			*(uint32_t *)(void *)dst = *(const uint32_t *)(const void *)s;
	}
	while (len--)
		*dst++ = *s++;
}

int fw_rpmsg_init(struct fw_rpmsg *r, volatile void *rsc_table, uint32_t size)
{
	memset(r, 0, sizeof(*r));
	r->next_addr = FW_RPMSG_FIRST_DYN_ADDR;
	for (unsigned n = 0;; n++) {
		volatile struct fw_rsc_vdev *v = fw_rsc_find(rsc_table, size, FW_RSC_VDEV, n);
		if (!v)
			break;
		uint32_t off = (uint32_t)((volatile uint8_t *)v - (volatile uint8_t *)rsc_table);
		if (v->id == FW_VIRTIO_ID_RPMSG && v->num_of_vrings == 2 &&
		    size - off >= sizeof(struct fw_rsc_vdev_rpmsg)) {
			r->vdev = v;
			return 0;
		}
	}
	fw_printf("rpmsg: no RPMsg vdev with 2 vrings in the resource table\n");
	return -FW_EINVAL;
}

static bool driver_ok(const struct fw_rpmsg *r)
{
	return (r->vdev->status & FW_VIRTIO_S_DRIVER_OK) != 0;
}

/* Writes one message into a buffer taken from vring 0 and hands it over. */
static int send_raw(struct fw_rpmsg *r, uint32_t src, uint32_t dst, const void *data,
		    uint32_t len, bool block)
{
	if (len > FW_RPMSG_MAX_PAYLOAD)
		return -FW_EMSGSIZE;
	uint64_t deadline = 0;
	for (;;) {
		if (!r->ready || !driver_ok(r))
			return -FW_ENOTCONN;
		uint16_t head;
		void *buf;
		uint32_t blen;
		int rc = fw_vring_get(&r->tx, &head, &buf, &blen);
		if (rc == 0 && blen < FW_RPMSG_HDR_SIZE + len) {
			/* the host offers smaller buffers than rpmsg's 512 */
			fw_vring_put(&r->tx, head, 0);
			r->stats.ring_errors++;
			fw_printf("rpmsg: tx buffer of %lu bytes too small for %lu\n",
				  (unsigned long)blen, (unsigned long)len);
			continue;
		}
		if (rc == 0) {
			struct fw_rpmsg_hdr h = { .src = src, .dst = dst, .reserved = 0,
						  .len = (uint16_t)len, .flags = 0 };
			copy_payload(buf, &h, sizeof(h));
			if (len)
				copy_payload((uint8_t *)buf + sizeof(h), data, len);
			fw_vring_put(&r->tx, head, FW_RPMSG_HDR_SIZE + len);
			fw_vring_kick(&r->tx);
			r->stats.tx++;
			return 0;
		}
		if (rc == -FW_EIO) {
			r->stats.ring_errors++;
			if (r->tx.broken) {
				fw_printf("rpmsg: vring 0 is broken (bad index from the host)\n");
				return -FW_EIO;
			}
			continue;
		}
		if (!block)
			return -FW_EAGAIN;
		if (!deadline)
			deadline = fw_time() + fw_us_to_ticks(FW_RPMSG_SEND_TIMEOUT_US);
		else if (fw_time() >= deadline)
			return -FW_ETIMEDOUT;
		/* the host kicks vring 0 when it gives buffers back */
		fw_wait_kick(1u << (r->tx.notifyid & 31), deadline);
		fw_kicks_take(1u << (r->tx.notifyid & 31));
	}
}

static void announce(struct fw_rpmsg *r, struct fw_rpmsg_ept *ept, uint32_t flags)
{
	if (!r->ready || !r->ns || ept->name[0] == '\0')
		return;
	struct fw_rpmsg_ns_msg ns;
	memset(&ns, 0, sizeof(ns));
	memcpy(ns.name, ept->name, FW_RPMSG_NAME_LEN);
	ns.addr = ept->addr;
	ns.flags = flags;
	int rc = send_raw(r, ept->addr, FW_RPMSG_NS_ADDR, &ns, sizeof(ns), true);
	if (rc != 0)
		fw_printf("rpmsg: announcing \"%s\" failed (error %d)\n", ept->name, -rc);
}

int fw_rpmsg_wait_ready(struct fw_rpmsg *r)
{
	if (!r->vdev)
		return -FW_EINVAL;
	r->ready = false;
	while (!driver_ok(r)) {
		fw_wait_kick(FW_KICK_ALL, fw_time() + fw_us_to_ticks(FW_RPMSG_POLL_US));
		/* kicks before DRIVER_OK carry nothing: the rings are drained
		 * from scratch once it is set */
		fw_kicks_take(FW_KICK_ALL);
	}
	fw_mb(); /* the vring addresses were written before the status */
	volatile struct fw_rsc_vring *v = r->vdev->vring;
	if (fw_vring_init(&r->tx, &v[0], FW_RPMSG_BUF_SIZE) != 0 ||
	    fw_vring_init(&r->rx, &v[1], FW_RPMSG_BUF_SIZE) != 0) {
		fw_printf("rpmsg: unusable vrings from the host: vring0 da 0x%08lx num %lu align %lu, "
			  "vring1 da 0x%08lx num %lu align %lu\n",
			  (unsigned long)v[0].da, (unsigned long)v[0].num, (unsigned long)v[0].align,
			  (unsigned long)v[1].da, (unsigned long)v[1].num, (unsigned long)v[1].align);
		return -FW_EINVAL;
	}
	uint32_t accepted = r->vdev->gfeatures;
	r->ns = (accepted & (1u << FW_VIRTIO_RPMSG_F_NS)) != 0;
	bool event_idx = (accepted & (1u << FW_VIRTIO_RING_F_EVENT_IDX)) != 0;
	fw_vring_set_event_idx(&r->tx, event_idx);
	fw_vring_set_event_idx(&r->rx, event_idx);
	r->ready = true;
	fw_printf("rpmsg: link up, vrings at 0x%08lx/0x%08lx, num %lu%s\n", (unsigned long)v[0].da,
		  (unsigned long)v[1].da, (unsigned long)r->tx.num, event_idx ? ", event-idx" : "");
	for (unsigned i = 0; i < FW_RPMSG_MAX_EPTS; i++)
		if (r->epts[i])
			announce(r, r->epts[i], FW_RPMSG_NS_CREATE);
	return 0;
}

static struct fw_rpmsg_ept *find_ept(struct fw_rpmsg *r, uint32_t addr)
{
	for (unsigned i = 0; i < FW_RPMSG_MAX_EPTS; i++)
		if (r->epts[i] && r->epts[i]->addr == addr)
			return r->epts[i];
	return NULL;
}

int fw_rpmsg_create_ept(struct fw_rpmsg *r, struct fw_rpmsg_ept *ept, const char *name,
			uint32_t addr, fw_rpmsg_cb cb, void *priv)
{
	if (!r || !ept || !cb || (name && strlen(name) >= FW_RPMSG_NAME_LEN))
		return -FW_EINVAL;
	if (addr == FW_RPMSG_ADDR_ANY) {
		while (find_ept(r, r->next_addr))
			r->next_addr++;
		addr = r->next_addr++;
	}
	if (addr == FW_RPMSG_NS_ADDR || find_ept(r, addr))
		return -FW_EBUSY;
	unsigned slot = 0;
	while (slot < FW_RPMSG_MAX_EPTS && r->epts[slot])
		slot++;
	if (slot == FW_RPMSG_MAX_EPTS)
		return -FW_ENOSPC;
	memset(ept, 0, sizeof(*ept));
	if (name)
		strcpy(ept->name, name);
	ept->addr = addr;
	ept->cb = cb;
	ept->priv = priv;
	ept->dev = r;
	r->epts[slot] = ept;
	announce(r, ept, FW_RPMSG_NS_CREATE);
	return 0;
}

void fw_rpmsg_destroy_ept(struct fw_rpmsg_ept *ept)
{
	struct fw_rpmsg *r = ept ? ept->dev : NULL;
	if (!r)
		return;
	announce(r, ept, FW_RPMSG_NS_DESTROY);
	for (unsigned i = 0; i < FW_RPMSG_MAX_EPTS; i++)
		if (r->epts[i] == ept)
			r->epts[i] = NULL;
	ept->dev = NULL;
}

int fw_rpmsg_send(struct fw_rpmsg_ept *ept, uint32_t dst, const void *data, uint32_t len)
{
	if (!ept || !ept->dev)
		return -FW_EINVAL;
	return send_raw(ept->dev, ept->addr, dst, data, len, true);
}

int fw_rpmsg_trysend(struct fw_rpmsg_ept *ept, uint32_t dst, const void *data, uint32_t len)
{
	if (!ept || !ept->dev)
		return -FW_EINVAL;
	return send_raw(ept->dev, ept->addr, dst, data, len, false);
}

/* Checks one received buffer and hands it to its endpoint. */
static void deliver(struct fw_rpmsg *r, const uint8_t *buf, uint32_t blen)
{
	struct fw_rpmsg_hdr h;
	if (blen < FW_RPMSG_HDR_SIZE) {
		r->stats.bad_msg++;
		fw_printf("rpmsg: received a %lu-byte buffer, shorter than the header\n",
			  (unsigned long)blen);
		return;
	}
	copy_payload((uint8_t *)&h, buf, sizeof(h));
	if (h.len > blen - FW_RPMSG_HDR_SIZE) {
		r->stats.bad_msg++;
		fw_printf("rpmsg: message from 0x%lx says %u bytes, buffer holds %lu: dropped\n",
			  (unsigned long)h.src, (unsigned)h.len,
			  (unsigned long)(blen - FW_RPMSG_HDR_SIZE));
		return;
	}
	struct fw_rpmsg_ept *ept = find_ept(r, h.dst);
	if (!ept) {
		r->stats.no_ept++;
		fw_printf("rpmsg: message for 0x%lx from 0x%lx: no such endpoint\n",
			  (unsigned long)h.dst, (unsigned long)h.src);
		return;
	}
	r->stats.rx++;
	ept->cb(ept, buf + FW_RPMSG_HDR_SIZE, h.len, h.src, ept->priv);
}

int fw_rpmsg_poll(struct fw_rpmsg *r)
{
	if (!r->ready || !driver_ok(r)) {
		r->ready = false;
		return -FW_ENOTCONN;
	}
	fw_kicks_take(1u << (r->rx.notifyid & 31));
	int n = 0;
	bool returned = false;
	for (;;) {
		uint16_t head;
		void *buf;
		uint32_t len;
		int rc = fw_vring_get(&r->rx, &head, &buf, &len);
		if (rc == -FW_EAGAIN)
			break;
		if (rc == -FW_EIO) {
			r->stats.ring_errors++;
			if (r->rx.broken) {
				fw_printf("rpmsg: vring 1 is broken (bad index from the host)\n");
				break;
			}
			returned = true;
			continue;
		}
		deliver(r, buf, len);
		fw_vring_put(&r->rx, head, 0);
		returned = true;
		n++;
		if (!r->ready) /* a callback saw the device go away */
			break;
	}
	if (returned)
		fw_vring_kick(&r->rx);
	return n;
}

void fw_rpmsg_run(struct fw_rpmsg *r, bool (*idle)(void *ctx), void *ctx)
{
	for (;;) {
		if (!r->ready && fw_rpmsg_wait_ready(r) != 0) {
			/* nothing works with these vrings: wait for the host to
			 * reset the device and try again */
			while (driver_ok(r))
				fw_wait_kick(0, fw_time() + fw_us_to_ticks(FW_RPMSG_POLL_US * 100));
			continue;
		}
		if (fw_rpmsg_poll(r) < 0)
			continue;
		if (idle && !idle(ctx))
			return;
		/* poll DRIVER_OK now and then: a device reset comes with no kick */
		fw_wait_kick(1u << (r->rx.notifyid & 31),
			     fw_time() + fw_us_to_ticks(FW_RPMSG_POLL_US * 100));
	}
}
