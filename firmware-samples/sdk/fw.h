/* rpsim remote firmware SDK: include this one header.  See
 * doc/firmware-sdk.md for the API, the memory map and a walk-through. */
#ifndef FW_H
#define FW_H

/* what the SDK's declarations and macros use, so a firmware needs nothing
 * else for them */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fw_platform.h"
#include "fw_rsc.h"
#include "fw_virtio.h"
#include "fw_sys.h"
#include "fw_trace.h"
#include "fw_vring.h"
#include "fw_rpmsg.h"

#endif
