/* Test harness for the host's virtio-rpmsg transport: a sim, one RAM
 * standing for the shared DRAM (resource-table status and features, two
 * vrings, the buffer pool), an rpmsg bus with the host's drivers (name
 * service, rpmsg_ctrl and rpmsg_char on one /dev namespace, the client
 * sample, rpmsg_tty), and a fake remote written in C that plays the device side
 * of both vrings on that RAM: it takes buffers the host made available,
 * writes messages, publishes used entries and rings the host; it can also
 * write anything a hostile firmware would.
 *
 * Kicks from the host are only recorded (the host must not be re-entered
 * from its kick callback); h_pump() lets the fake remote react to them. */
#ifndef CHECK_RPMSG_FAKE_H
#define CHECK_RPMSG_FAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/ram.h"
#include "models/host/rpmsg_char.h"
#include "models/host/rpmsg_core.h"
#include "models/host/rpmsg_ns.h"
#include "models/host/rpmsg_sample.h"
#include "models/host/rpmsg_tty.h"
#include "models/host/rproc_mem.h"
#include "models/host/virtio_rpmsg.h"
#include "sim/core/sim.h"

#define H_RAM_BASE 0x80000000u
#define H_RAM_SIZE (1u << 20)
#define H_STATUS_PA (H_RAM_BASE + 0x100 + 24)  /* a vdev entry at table + 0x100 */
#define H_GFEAT_PA (H_RAM_BASE + 0x100 + 16)
#define H_VRING0_PA (H_RAM_BASE + 0x10000)
#define H_VRING1_PA (H_RAM_BASE + 0x20000)
#define H_POOL_PA (H_RAM_BASE + 0x40000)
#define H_NOTIFY0 0
#define H_NOTIFY1 1
#define H_REMOTE_ADDR 0x400 /* the fake remote's endpoint */

struct h_log {
	enum sim_log_cat cat;
	char msg[256];
};

struct h_msg {
	uint32_t src, dst;
	uint16_t len;
	uint8_t data[RPMSG_BUF_SIZE];
};

struct harness {
	struct sim sim;
	struct bus bus;
	struct ram *ram;
	struct rpmsg_bus *rbus;
	struct rpmsg_chardevs *cd;
	struct rpmsg_ttys *ttys;
	struct rpmsg_sample_params sample; /* rpmsg_client_sample's module parameters */
	struct rpmsg_vdev *vdev;
	struct rpmsg_vdev_config cfg;
	uint32_t num;
	struct rproc_vring_layout lay[2];
	sim_time_t t; /* the harness's clock, advanced by h_now() */

	/* fake remote state (device side) */
	uint16_t last_avail[2];
	uint16_t used_idx[2];
	bool echo;        /* h_pump echoes host messages back */
	bool no_tx_return; /* keep TX buffers instead of returning them */
	struct h_msg held[RPMSG_MAX_NUM_BUFS]; /* messages kept when !echo */
	unsigned nheld;
	uint16_t kept[RPMSG_MAX_NUM_BUFS]; /* TX buffers held (no_tx_return) */
	unsigned nkept;

	/* what the host did */
	uint8_t status_seq[16];
	unsigned nstatus;
	unsigned kicks[2];
	unsigned kicks_pending[2];
	sim_time_t last_kick_t;
	unsigned tx_ready;
	unsigned readable;
	unsigned ch_created, ch_removed;
	char last_channel[96];
	unsigned dev_created, dev_removed;
	char last_dev[32];

	struct h_log logs[2048];
	unsigned nlogs;
	bool print_logs;
};

/* num entries per vring; dfeatures offered by the "firmware". */
void h_setup(struct harness *h, uint32_t num, uint32_t dfeatures);
void h_teardown(struct harness *h);
sim_time_t h_now(struct harness *h); /* advances 1 us */
/* How many log lines of cat contain substr (cat < 0: any). */
unsigned h_count_log(const struct harness *h, int cat, const char *substr);

/* --- device side, well-behaved ------------------------------------------ */
/* Puts one message in the next RX buffer the host posted; 0, or -1 when no
 * buffer is available.  Does not notify. */
int fr_put(struct harness *h, uint32_t src, uint32_t dst, const void *data, uint16_t len);
/* Rings the host for vring vq (rpmsg_vdev_notify). */
void fr_notify(struct harness *h, unsigned vq);
/* fr_put + fr_notify(0). */
int fr_send(struct harness *h, uint32_t src, uint32_t dst, const void *data, uint16_t len);
/* A name-service announcement from the remote. */
void fr_announce(struct harness *h, const char *name, uint32_t addr, uint32_t flags);
/* Takes the next message the host sent on vring 1 and returns its buffer
 * (unless no_tx_return).  1 got one, 0 none. */
int fr_recv(struct harness *h, struct h_msg *m);
/* Handles pending host kicks: receives host messages (echoing them back
 * from dst to src when h->echo, else keeping them in held[]) until quiet. */
void h_pump(struct harness *h);
/* Returns the TX buffers taken but not returned (no_tx_return), notifying
 * the host if it asked for TX interrupts. */
void fr_return_tx(struct harness *h);

/* --- device side, raw (hostile) ----------------------------------------- */
/* Next avail entry of vq: 1 and the descriptor id, 0 if none. */
int fr_take_avail(struct harness *h, unsigned vq, uint16_t *id);
void fr_push_used(struct harness *h, unsigned vq, uint32_t id, uint32_t len);
void fr_set_used_idx(struct harness *h, unsigned vq, uint16_t idx);
uint64_t fr_desc_addr(struct harness *h, unsigned vq, uint16_t id);
void fr_write_desc(struct harness *h, unsigned vq, uint16_t id, uint64_t addr, uint32_t len);
uint16_t fr_avail_flags(struct harness *h, unsigned vq);
uint16_t fr_avail_idx(struct harness *h, unsigned vq);
void fr_set_used_flags(struct harness *h, unsigned vq, uint16_t flags);
/* Writes hdr + payload bytes into the buffer of descriptor id of vring 0. */
void fr_fill(struct harness *h, uint16_t id, uint32_t src, uint32_t dst, uint16_t hdr_len,
	     const void *data, uint16_t n);

#endif
