/* rpmsg-tty, after Linux's drivers/tty/rpmsg_tty.c and the n_tty line
 * discipline its ttys run under: a channel named "rpmsg-tty" gives
 * /dev/ttyRPMSGN (lowest free N), a tty whose bytes travel as RPMsg
 * messages.
 *
 *   receive   every message's bytes go through the line discipline when
 *             the tty is open (kept, up to 64 KiB, until it is opened
 *             otherwise): ICRNL turns CR into NL, ECHO sends each byte
 *             back to the remote (NL as CR NL, control bytes as ^X:
 *             ECHOCTL), ICANON makes read return one line at a time
 *             (N_TTY_BUF_SIZE 4096 bytes are kept; more are dropped);
 *   write     OPOST/ONLCR turns NL into CR NL, then rpmsg_tty_write sends
 *             at most one MTU (496 bytes) per message with rpmsg_trysend:
 *             no free TX buffer ends the write (the bytes sent so far, or
 *             -ENOMEM when none; a tty does not sleep for RPMsg buffers);
 *   termios   tty_std_termios (ICRNL, OPOST|ONLCR, ICANON|ECHO|ECHOCTL)
 *             until rpmsg_tty_set_raw (cfmakeraw, `stty raw -echo`);
 *             kept per device across opens;
 *   remove    the channel going away hangs the tty up
 *             (tty_port_tty_vhangup): its node goes, an open file reads 0
 *             (end of file), writes fail with -EIO and polls
 *             IN|OUT|ERR|HUP; its number stays taken until the last close.
 *
 * Not modelled: ISIG, IXON/IXOFF, erase/kill editing, other termios. */
#ifndef RPSIM_RPMSG_TTY_H
#define RPSIM_RPMSG_TTY_H

#include <stdbool.h>
#include <stddef.h>

#include "models/host/rpmsg_char.h"
#include "models/host/rpmsg_core.h"

#define RPMSG_TTY_PREFIX "/dev/ttyRPMSG"
#define RPMSG_TTY_BUF 4096           /* N_TTY_BUF_SIZE */
#define RPMSG_TTY_FLIP_MAX 65536     /* tty buffers kept while closed */

struct rpmsg_ttys;
struct rpmsg_tty_file;

/* The ttys of a host (numbering is host-wide): the driver's context. */
struct rpmsg_ttys *rpmsg_ttys_create(struct sim *sim);
/* After every channel is gone (stop the transports first); frees open files. */
void rpmsg_ttys_destroy(struct rpmsg_ttys *tt);
/* readable: a read would return data now; created/removed: the /dev node. */
void rpmsg_ttys_set_hooks(struct rpmsg_ttys *tt, const struct rpmsg_chardevs_hooks *h);
bool rpmsg_tty_exists(struct rpmsg_ttys *tt, const char *path);

/* 0 and *out, -ENOENT; any number of opens share the tty. */
int rpmsg_tty_open(struct rpmsg_ttys *tt, const char *path, struct rpmsg_tty_file **out,
		   sim_time_t t);
void rpmsg_tty_close(struct rpmsg_tty_file *f, sim_time_t t);
/* Bytes of buf written, -ENOMEM (no TX buffer for the first message),
 * -EIO (hung up). */
long rpmsg_tty_write(struct rpmsg_tty_file *f, const void *buf, size_t len, sim_time_t t);
/* Bytes read; 0 at end of file (hung up); nothing to read: -EAGAIN when
 * nonblock, else RPMSG_WOULD_BLOCK (wait for the readable hook). */
long rpmsg_tty_read(struct rpmsg_tty_file *f, void *buf, size_t len, bool nonblock);
/* poll's mask (host_poll.h). */
unsigned rpmsg_tty_poll(const struct rpmsg_tty_file *f);
/* tcsetattr with cfmakeraw (raw) or tty_std_termios; -EIO when hung up. */
int rpmsg_tty_set_raw(struct rpmsg_tty_file *f, bool raw);

/* Snapshots (sim/core/snap.h), section "ttys": every tty in creation
 * order (number, its channel by device name or none once hung up, termios,
 * the line discipline's buffer, what waits while closed) and every open
 * file.  restore runs once the transports restored their channels: it
 * gives the channels their drvdata back.  discard frees every tty and file
 * without a word: what a restore replaces.  Files are numbered in tt's
 * order for their owners' snapshots (file_index, file). */
struct snap_writer;
struct snap_reader;
int rpmsg_ttys_save(const struct rpmsg_ttys *tt, struct snap_writer *w);
int rpmsg_ttys_restore(struct rpmsg_ttys *tt, struct rpmsg_bus *bus, struct snap_reader *r);
void rpmsg_ttys_discard(struct rpmsg_ttys *tt);
int rpmsg_ttys_file_index(const struct rpmsg_ttys *tt, const struct rpmsg_tty_file *f);
struct rpmsg_tty_file *rpmsg_ttys_file(const struct rpmsg_ttys *tt, unsigned i);

/* "rpmsg_tty", id table {"rpmsg-tty"}; register with the struct rpmsg_ttys. */
extern const struct rpmsg_driver rpmsg_tty_driver;

#endif
