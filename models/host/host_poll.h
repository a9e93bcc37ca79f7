/* poll(2)'s event bits as Linux numbers them (uapi asm-generic/poll.h):
 * what the host's files return from poll and what a scenario's poll step
 * asks for and expects. */
#ifndef RPSIM_HOST_POLL_H
#define RPSIM_HOST_POLL_H

#define HOST_POLLIN 0x0001u
#define HOST_POLLPRI 0x0002u
#define HOST_POLLOUT 0x0004u
#define HOST_POLLERR 0x0008u
#define HOST_POLLHUP 0x0010u
#define HOST_POLLNVAL 0x0020u
#define HOST_POLLRDNORM 0x0040u
#define HOST_POLLRDBAND 0x0080u
#define HOST_POLLWRNORM 0x0100u
#define HOST_POLLWRBAND 0x0200u
/* DEFAULT_POLLMASK: a file whose driver has no poll (rpmsg_ctrl, the
 * remoteproc cdev) is always readable and writable */
#define HOST_POLL_DEFAULT (HOST_POLLIN | HOST_POLLOUT | HOST_POLLRDNORM | HOST_POLLWRNORM)

#endif
