/* Remote system control: the remote core's reset line and boot address, as
 * the host's remoteproc platform driver programs them.  A host-side device:
 * the host bus maps it, the remote's da view does not (a core cannot
 * release or hold its own reset).
 *
 * The remote is held in reset from power-on (RESET = 1).  Every change of
 * the RESET bit calls cfg->set_reset(ctx, asserted, boot_addr, t) at the
 * access time, with BOOT_ADDR as it is then; the core starts at boot_addr
 * when released.  Writing the bit's current value calls nothing.  BOOT_ADDR
 * written while the core runs takes effect at the next release.  Bit 0 of
 * BOOT_ADDR is hardwired to 0 (instructions are at least 2-byte aligned),
 * unless cfg->keep_bit0: then the register holds what is written (a
 * Cortex-M entry point's Thumb bit; such a core boots from its vector
 * table and the platform does not use BOOT_ADDR).
 *
 * Ownership: sysctl_create registers the device as a component of the sim;
 * sim_destroy calls sysctl_destroy.  Register map: doc/devices.md. */
#ifndef RPSIM_DEVICES_SYSCTL_H
#define RPSIM_DEVICES_SYSCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "sim/core/sim.h"

#define SYSCTL_WINDOW_SIZE 0x100u

#define SYSCTL_BOOT_ADDR 0x00 /* RW, reset cfg->boot_addr_reset */
#define SYSCTL_RESET 0x04     /* RW, bit 0: 1 = held in reset; reset 1 */
#define SYSCTL_STATUS 0x08    /* RO, bit 0: in reset; reset 1 */

#define SYSCTL_RESET_ASSERT 1u
#define SYSCTL_STATUS_IN_RESET 1u
#define SYSCTL_BOOT_ADDR_MASK 0xFFFFFFFEu

typedef void (*sysctl_reset_fn)(void *ctx, bool asserted, uint32_t boot_addr, sim_time_t t);

struct sysctl_config {
	sysctl_reset_fn set_reset; /* may be NULL (nothing connected) */
	void *ctx;
	uint32_t boot_addr_reset;  /* BOOT_ADDR after reset */
	bool keep_bit0;            /* BOOT_ADDR bit 0 exists (see above) */
};

struct sysctl;

struct sysctl *sysctl_create(struct sim *sim, const char *name, const struct sysctl_config *cfg);
/* Called by sim_destroy; do not call it for a device the sim owns. */
void sysctl_destroy(void *sysctl);
/* Reset values; asserts the remote's reset (calling set_reset) if it was
 * released. */
void sysctl_reset(struct sysctl *sc, sim_time_t t);

const struct mmio_ops *sysctl_ops(void);
int sysctl_map(struct sysctl *sc, struct bus *bus, uint64_t base, char *err, size_t errlen);

bool sysctl_in_reset(const struct sysctl *sc);
uint32_t sysctl_boot_addr(const struct sysctl *sc);

#endif
