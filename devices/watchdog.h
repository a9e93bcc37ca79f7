/* Remote-side watchdog: the firmware must kick it; expiry raises an
 * interrupt at the host (whose remoteproc model reports a watchdog crash).
 * Mapped in the remote's da view; its IRQ line goes to the host.
 *
 * The countdown runs in ticks of freq_hz (default 1 MHz: LOAD is in
 * microseconds).  Enabling (CTRL.EN 0 -> 1) or a KICK with the magic value
 * while enabled arms expiry at access time + LOAD ticks; LOAD 0 expires at
 * once.  Writing LOAD takes effect at the next enable or kick.  Disabling
 * cancels the expiry event.  At expiry: STATUS.EXPIRED = 1, the IRQ line
 * rises and a SIM_LOG_GUEST_ERROR line is logged; the countdown stops until
 * the next kick or enable.  STATUS.EXPIRED is write-1-to-clear and the line
 * follows it.  A KICK with any other value is a guest error (logged, no
 * reload).
 *
 * Ownership: watchdog_create registers the device as a component of the
 * sim; sim_destroy calls watchdog_destroy.  Register map: doc/devices.md. */
#ifndef RPSIM_DEVICES_WATCHDOG_H
#define RPSIM_DEVICES_WATCHDOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"
#include "sim/core/sim.h"

#define WATCHDOG_WINDOW_SIZE 0x100u

#define WATCHDOG_CTRL 0x00   /* RW, bit 0 EN; reset 0 */
#define WATCHDOG_LOAD 0x04   /* RW, timeout in ticks; reset WATCHDOG_LOAD_RESET */
#define WATCHDOG_KICK 0x08   /* WO: WATCHDOG_KICK_MAGIC reloads; reads 0 */
#define WATCHDOG_COUNT 0x0C  /* RO: ticks left (LOAD when disabled, 0 once expired) */
#define WATCHDOG_STATUS 0x10 /* R/W1C, bit 0 EXPIRED; reset 0 */

#define WATCHDOG_CTRL_EN 1u
#define WATCHDOG_STATUS_EXPIRED 1u
#define WATCHDOG_KICK_MAGIC 0x4B49434Bu /* "KICK" */
#define WATCHDOG_LOAD_RESET 1000000u    /* 1 s at the default clock */
#define WATCHDOG_DEFAULT_HZ 1000000u
#define WATCHDOG_MAX_HZ 1000000000000u

struct watchdog_config {
	uint64_t freq_hz; /* 0: WATCHDOG_DEFAULT_HZ */
};

struct watchdog;

int watchdog_config_check(const struct watchdog_config *cfg, char *err, size_t errlen);

/* NULL on a bad configuration, out of memory or a full component table. */
struct watchdog *watchdog_create(struct sim *sim, const char *name,
				 const struct watchdog_config *cfg);
/* Called by sim_destroy; do not call it for a device the sim owns. */
void watchdog_destroy(void *watchdog);
/* Reset values (disabled, LOAD reset value, not expired); line low at t. */
void watchdog_reset(struct watchdog *wd, sim_time_t t);

const struct mmio_ops *watchdog_ops(void);
int watchdog_map(struct watchdog *wd, struct bus *bus, uint64_t base, char *err, size_t errlen);

/* The expiry interrupt to the host; connect it with irq_connect. */
struct irq_line *watchdog_irq(struct watchdog *wd);
bool watchdog_expired(const struct watchdog *wd);

#endif
