/* Linux's samples/rpmsg/rpmsg_client_sample.c, an rpmsg driver (name
 * "rpmsg_client_sample", id table {"rpmsg-client-sample"}): on probe it
 * sends "hello world!" (12 bytes, no NUL) to the channel's remote
 * address; on each reply it logs
 * "incoming msg N (src: 0x..)" and sends again, until the 100th reply,
 * after which it logs "goodbye!" and sends no more: 100 sent, 100
 * received.  The limit is the module parameter `count` (default 100,
 * /sys/module/rpmsg_client_sample/parameters/count, read at every
 * message); every message past it logs "incoming msg N" and "goodbye!"
 * again, as the sample does.  Log lines go to SIM_LOG_INFO under the
 * channel's device name. */
#ifndef RPSIM_RPMSG_SAMPLE_H
#define RPSIM_RPMSG_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>

#include "models/host/rpmsg_core.h"

#define RPMSG_SAMPLE_NAME "rpmsg-client-sample"
#define RPMSG_SAMPLE_COUNT 100
#define RPMSG_SAMPLE_MSG "hello world!"

struct rpmsg_sample_stats {
	unsigned rx_count;   /* replies received */
	unsigned tx_count;   /* messages sent */
	unsigned tx_errors;  /* sends that failed (logged) */
	bool done;           /* "goodbye!" was logged */
};

/* The counters of a channel bound to this driver, NULL for other channels. */
const struct rpmsg_sample_stats *rpmsg_sample_stats(const struct rpmsg_channel *ch);

/* The module's parameters, owned by whoever registers the driver and given
 * as its context (module_param(count, int, 0644)). */
struct rpmsg_sample_params {
	int count;
};
#define RPMSG_SAMPLE_PARAM_COUNT "/sys/module/rpmsg_client_sample/parameters/count"

/* The parameter file: param_get_int ("%d\n") and param_set_int
 * (kstrtoint, base 0).  0 / length, or -EINVAL / -ERANGE. */
int rpmsg_sample_param_read(const struct rpmsg_sample_params *p, char *out, size_t cap);
int rpmsg_sample_param_write(struct rpmsg_sample_params *p, const char *buf, size_t len);

/* Registered with a struct rpmsg_sample_params as context. */
extern const struct rpmsg_driver rpmsg_sample_driver;

#endif
