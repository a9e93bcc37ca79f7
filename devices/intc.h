/* Remote interrupt controller, PLIC-like, one target (the core's machine
 * external interrupt, mip.MEIP bit 11).
 *
 * Sources 1..31 are level inputs (intc_irq_in is their irq_sink_fn; the
 * line number is the source id).  Rules, as the RISC-V PLIC documents them:
 * - a high input makes its source pending unless it is claimed and not yet
 *   completed; only a claim clears pending (a source that drops before the
 *   claim stays pending);
 * - the output is high while some source is pending, enabled and has a
 *   priority above THRESHOLD;
 * - a claim (read CLAIM) returns the enabled pending source with the
 *   highest priority (> 0; the lowest id breaks ties), regardless of the
 *   threshold, or 0 if none, and clears its pending bit;
 * - a complete (write the id to CLAIM) of a claimed source ends service; if
 *   its input is still high it is pending again at once.
 * The output follows at the time of the access or input change (no delay).
 *
 * Ownership: intc_create registers the device as a component of the sim;
 * sim_destroy calls intc_destroy.  Register map: doc/devices.md. */
#ifndef RPSIM_DEVICES_INTC_H
#define RPSIM_DEVICES_INTC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devices/bus.h"
#include "devices/irq.h"
#include "sim/core/sim.h"

#define INTC_WINDOW_SIZE 0x100u
#define INTC_NSOURCES 32 /* ids 1..31; 0 means "none" */

#define INTC_PRIORITY(id) (0x000 + 4u * (id)) /* RW, 0..7, reset 0; id 0 reads 0 */
#define INTC_PENDING 0x080   /* RO: bit id */
#define INTC_ENABLE 0x084    /* RW: bit id (bit 0 reads 0), reset 0 */
#define INTC_THRESHOLD 0x088 /* RW, 0..7, reset 0 */
#define INTC_CLAIM 0x08C     /* read: claim; write: complete */
#define INTC_INPUT 0x090     /* RO: current input levels */

#define INTC_PRIORITY_MAX 7u
#define INTC_SOURCE_MASK 0xFFFFFFFEu

struct intc_config {
	int unused; /* nothing to configure yet */
};

struct intc;

struct intc *intc_create(struct sim *sim, const char *name, const struct intc_config *cfg);
/* Called by sim_destroy; do not call it for a device the sim owns. */
void intc_destroy(void *intc);
/* Reset values: priorities, enables, threshold and claims 0; the input
 * levels are kept (they belong to the sources), so a source still high is
 * pending again; output low at t. */
void intc_reset(struct intc *ic, sim_time_t t);

const struct mmio_ops *intc_ops(void);
int intc_map(struct intc *ic, struct bus *bus, uint64_t base, char *err, size_t errlen);

/* irq_sink_fn for the sources: irq_connect(line, intc_irq_in, ic, id). */
void intc_irq_in(void *intc, unsigned id, bool level, sim_time_t t);
/* The output to the core's MEIP; connect it with irq_connect. */
struct irq_line *intc_irq(struct intc *ic);

#endif
