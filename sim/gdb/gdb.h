/* The GDB stub: serves the GDB remote serial protocol for a live
 * simulation (`rpsim run --gdb`, `rpsim exec --gdb`).
 *
 * One server, the cores as threads: thread N+1 is core N (remoteprocN in
 * `rpsim run`), so one GDB session sees every core of the scenario
 * (`info threads`, `thread 2`), all-stop: when GDB holds the simulation,
 * it holds all of it, host model included, so simulated time stands
 * still and stepping never causes a host-side timeout.  The stub talks to
 * the cores only through the core interface (sim/core/cpu.h): registers
 * by number, the ISA's target description, memory through the core's
 * view, and the debugging hooks (breakpoints, watchpoints, steps).
 *
 * One client at a time: a second connection is refused with a message.
 * The client is untrusted: packets are bounded (gdb_packet.h), malformed
 * ones answered with an error or dropped, a client that disconnects (even
 * mid-packet) is detached and the run goes on, and a client that stops
 * reading its replies is dropped rather than blocking the process.
 *
 * What the stub drives is a struct gdb_target: the simulation, its cores,
 * and how to advance, kill and end it (sim/runner for `rpsim run`, the
 * bare machine for `rpsim exec`). */
#ifndef RPSIM_GDB_H
#define RPSIM_GDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sim/core/cpu.h"
#include "sim/core/simtime.h"

struct sim;
struct host;
struct snap_writer;
struct snap_reader;

#define GDB_MAX_CORES 8

struct gdb_target {
	struct sim *sim;
	unsigned ncores;
	struct cpu *cores[GDB_MAX_CORES];
	const char *names[GDB_MAX_CORES]; /* thread names: "remoteproc0" */
	struct host *host;       /* the Linux host for monitor commands; NULL: none */
	void *ctx;
	/* Runs the simulation up to simulated time until, or until something
	 * stops it (a core's debug stop calls sim_stop); true when the run is
	 * over. */
	bool (*advance)(void *ctx, sim_time_t until);
	/* Ends the run at once (GDB's kill). */
	void (*kill)(void *ctx);
	/* When over: the exit status the run will have (GDB's W packet). */
	int (*exit_status)(void *ctx);
	/* Snapshots of the whole simulation (sim_snapshot_save/restore), for
	 * reverse execution; NULL: GDB is not offered it.  A failed restore
	 * leaves the simulation unusable: the stub ends the run. */
	int (*save)(void *ctx, struct snap_writer *w);
	int (*restore)(void *ctx, struct snap_reader *r);
	/* Silence (on) while the stub re-executes what was shown already: the
	 * timeline, the log, the firmware's console.  May be NULL. */
	void (*quiet)(void *ctx, bool on);
};

struct gdb_server;

/* Listens on spec: "PORT", ":PORT" or "ADDR:PORT" (ADDR an IPv4 address
 * or a host name; 127.0.0.1 when not given); port 0 takes a free one.
 * NULL with a message in err. */
struct gdb_server *gdb_server_listen(const char *spec, char *err, size_t errlen);
/* The address and port listened on (the chosen one after port 0). */
const char *gdb_server_addr(const struct gdb_server *srv);
unsigned gdb_server_port(const struct gdb_server *srv);
/* Runs t to its end, serving one client at a time.  wait: time 0 is held
 * until a client attaches.  Messages (the listening address, clients
 * coming and going, refusals) go to log.  0, or -1 after a socket error
 * (the message is on log; the run was not finished). */
int gdb_server_run(struct gdb_server *srv, struct gdb_target *t, bool wait, FILE *log);
void gdb_server_close(struct gdb_server *srv);

/* ---- the two simulations rpsim serves (gdb_targets.c) ---- */
struct runner;
struct runner_result;
struct bare;

/* A scenario's run from runner_open(), its cores as remoteprocN, the
 * host's files for the monitor; res is the one runner_open() fills (the
 * exit status GDB sees).  Returns gdb_server_run()'s result; the caller
 * closes the run. */
int gdb_serve_runner(struct gdb_server *srv, struct runner *run, const struct runner_result *res,
		     bool wait, FILE *log);
/* rpsim exec's bare machine, its one core named name. */
int gdb_serve_bare(struct gdb_server *srv, struct bare *m, const char *name, bool wait, FILE *log);

#endif
