/* The name-service driver, after Linux's drivers/rpmsg/rpmsg_ns.c and
 * include/linux/rpmsg/ns.h.  It binds to the "rpmsg_ns" device a transport
 * registers when the remote offers the name-service feature (by
 * driver_override, as rpmsg_ns_register_device), listens at address 53
 * and turns each announcement into a request to the transport: create or
 * release the channel "<name>" towards the announced address.  Which
 * driver then serves the channel is the rpmsg core's business.
 *
 * A malformed announcement (not 40 bytes) is logged as "malformed ns msg"
 * and counted as a dropped message; a name without a NUL is cut to 31
 * characters and logged; a destroy for no such channel is logged as
 * "rpmsg_destroy_channel failed". */
#ifndef RPSIM_RPMSG_NS_H
#define RPSIM_RPMSG_NS_H

#include "models/host/rpmsg_core.h"

#define RPMSG_NS_ADDR 53u
#define RPMSG_NS_MSG_SIZE 40 /* name[32] | addr u32 | flags u32 */
#define RPMSG_NS_CREATE 0u
#define RPMSG_NS_DESTROY 1u

/* Registered by its name "rpmsg_ns", no id table. */
extern const struct rpmsg_driver rpmsg_ns_driver;

#endif
