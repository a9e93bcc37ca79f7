/* The GDB server: a listening TCP socket, one client at a time, and the
 * loop that runs the simulation between the client's packets.
 *
 * While no client is attached (or while the client lets the target run)
 * the simulation advances in slices of simulated time and the sockets are
 * polled between slices without waiting; while the client holds the
 * target, the loop only waits for the client.  Slices do not change the
 * order of events; the wall clock only sizes them (so a ^C is seen within
 * tens of milliseconds whatever the simulation does).
 *
 * Sockets are non-blocking; replies are queued and flushed as the client
 * reads them; a client that lets more than GDB_OUT_MAX bytes pile up is
 * dropped.  SIGPIPE is never raised (MSG_NOSIGNAL). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sim/core/sim.h"
#include "sim/gdb/gdb.h"
#include "sim/gdb/gdb_packet.h"
#include "sim/gdb/gdb_session.h"

#define GDB_OUT_MAX ((size_t)1 << 20)
#define SLICE_MIN (1 * SIM_US)
#define SLICE_MAX (100 * SIM_MS)
#define SLICE_WALL_LO_MS 2   /* a slice faster than this: double it */
#define SLICE_WALL_HI_MS 20  /* slower: halve it */

struct gdb_server {
	int lfd;
	char addr[64];
	unsigned port;
	int cfd;
	char peer[64];
	struct gdb_session *sess;
	char *obuf;
	size_t olen, ocap;
	bool drop; /* the client stopped reading: drop it */
	FILE *log;
	sim_time_t slice;
};

static int nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

struct gdb_server *gdb_server_listen(const char *spec, char *err, size_t errlen)
{
	char host[256] = "127.0.0.1";
	const char *port_s = spec;
	const char *colon = strrchr(spec, ':');
	if (colon) {
		size_t hn = (size_t)(colon - spec);
		if (hn >= sizeof(host)) {
			snprintf(err, errlen, "address too long in '%s'", spec);
			return NULL;
		}
		if (hn) {
			memcpy(host, spec, hn);
			host[hn] = '\0';
		}
		port_s = colon + 1;
	}
	char *end;
	unsigned long port = strtoul(port_s, &end, 10);
	if (!*port_s || *end || port > 65535 || port_s[0] == '-' || port_s[0] == '+') {
		snprintf(err, errlen, "'%s' is not [ADDR:]PORT with PORT from 0 to 65535 (0: a free port)", spec);
		return NULL;
	}
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *ai = NULL;
	int gai = getaddrinfo(host, NULL, &hints, &ai);
	if (gai != 0 || !ai) {
		snprintf(err, errlen, "cannot resolve '%s': %s", host, gai_strerror(gai));
		return NULL;
	}
	struct sockaddr_in sa;
	memcpy(&sa, ai->ai_addr, sizeof(sa));
	freeaddrinfo(ai);
	sa.sin_port = htons((uint16_t)port);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return NULL;
	}
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 1) != 0 || nonblock(fd) != 0) {
		snprintf(err, errlen, "cannot listen on %s:%lu: %s%s", host, port, strerror(errno),
			 errno == EADDRINUSE ? " (choose another port, or 0 for a free one)" : "");
		close(fd);
		return NULL;
	}
	socklen_t sl = sizeof(sa);
	getsockname(fd, (struct sockaddr *)&sa, &sl);
	struct gdb_server *srv = calloc(1, sizeof(*srv));
	if (!srv) {
		close(fd);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	srv->lfd = fd;
	srv->cfd = -1;
	srv->port = ntohs(sa.sin_port);
	inet_ntop(AF_INET, &sa.sin_addr, srv->addr, sizeof(srv->addr));
	srv->slice = 10 * SIM_US;
	return srv;
}

const char *gdb_server_addr(const struct gdb_server *srv)
{
	return srv->addr;
}

unsigned gdb_server_port(const struct gdb_server *srv)
{
	return srv->port;
}

/* ---- the client's output ---- */

static void queue(void *ctx, const void *data, size_t len)
{
	struct gdb_server *srv = ctx;
	if (srv->drop || srv->olen + len > GDB_OUT_MAX) {
		srv->drop = true;
		return;
	}
	if (srv->olen + len > srv->ocap) {
		size_t nc = srv->ocap ? srv->ocap : 4096;
		while (nc < srv->olen + len)
			nc *= 2;
		char *nb = realloc(srv->obuf, nc);
		if (!nb) {
			srv->drop = true;
			return;
		}
		srv->obuf = nb;
		srv->ocap = nc;
	}
	memcpy(srv->obuf + srv->olen, data, len);
	srv->olen += len;
}

/* Sends what the socket takes now; -1 when the connection is gone. */
static int flush(struct gdb_server *srv)
{
	size_t off = 0;
	while (off < srv->olen) {
		ssize_t n = send(srv->cfd, srv->obuf + off, srv->olen - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	if (off && off < srv->olen)
		memmove(srv->obuf, srv->obuf + off, srv->olen - off);
	srv->olen -= off;
	return 0;
}

static void drop_client(struct gdb_server *srv, const char *why)
{
	if (srv->cfd < 0)
		return;
	if (why)
		fprintf(srv->log, "rpsim: GDB client %s: %s; the simulation goes on\n", srv->peer, why);
	gdb_session_free(srv->sess);
	srv->sess = NULL;
	close(srv->cfd);
	srv->cfd = -1;
	srv->olen = 0;
	srv->drop = false;
}

static void peer_name(int fd, char *buf, size_t cap)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	char a[INET_ADDRSTRLEN] = "?";
	if (getpeername(fd, (struct sockaddr *)&sa, &sl) == 0 && sa.sin_family == AF_INET)
		inet_ntop(AF_INET, &sa.sin_addr, a, sizeof(a));
	snprintf(buf, cap, "%s:%u", a, sl >= sizeof(sa) ? ntohs(sa.sin_port) : 0);
}

static void accept_clients(struct gdb_server *srv, struct gdb_target *t)
{
	for (;;) {
		int fd = accept(srv->lfd, NULL, NULL);
		if (fd < 0)
			return; /* EAGAIN: none waiting (errors: try again later) */
		char peer[64];
		peer_name(fd, peer, sizeof(peer));
		if (srv->cfd >= 0) {
			/* one client at a time: tell the newcomer (GDB shows the
			 * reply to its first packet) and close */
			static const char msg[] = "E.rpsim: another GDB client is attached to this simulation; "
						  "one client at a time (detach the other first)";
			char framed[256];
			size_t n = gdb_frame(framed, sizeof(framed), msg, sizeof(msg) - 1);
			(void)!send(fd, framed, n, MSG_NOSIGNAL | MSG_DONTWAIT);
			fprintf(srv->log, "rpsim: refused GDB connection from %s: %s is attached (one client at a time)\n",
				peer, srv->peer);
			close(fd);
			continue;
		}
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (nonblock(fd) != 0) {
			close(fd);
			continue;
		}
		srv->sess = gdb_session_create(t, queue, srv);
		if (!srv->sess) {
			close(fd);
			continue;
		}
		srv->cfd = fd;
		snprintf(srv->peer, sizeof(srv->peer), "%s", peer);
		char ts[SIMTIME_BUFLEN];
		fprintf(srv->log, "rpsim: GDB attached from %s; the simulation is held at t=%s\n", peer,
			simtime_format(t->sim->now, ts, sizeof(ts)));
	}
}

/* Reads what the client sent; false when it is gone. */
static bool read_client(struct gdb_server *srv)
{
	uint8_t buf[4096];
	for (;;) {
		ssize_t n = recv(srv->cfd, buf, sizeof(buf), 0);
		if (n > 0) {
			gdb_session_input(srv->sess, buf, (size_t)n);
			if (gdb_session_state(srv->sess) == GDB_SESSION_CLOSE)
				return true;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return true;
		return false; /* closed (0) or reset */
	}
}

/* Waits up to timeout_ms (-1: forever) for the listening socket and the
 * client, and serves what came. */
static int serve(struct gdb_server *srv, struct gdb_target *t, int timeout_ms)
{
	struct pollfd p[2] = { { .fd = srv->lfd, .events = POLLIN } };
	nfds_t n = 1;
	if (srv->cfd >= 0) {
		p[1] = (struct pollfd){ .fd = srv->cfd, .events = POLLIN | (srv->olen ? POLLOUT : 0) };
		n = 2;
	}
	int r = poll(p, n, timeout_ms);
	if (r < 0 && errno != EINTR) {
		fprintf(srv->log, "rpsim: GDB server: poll: %s\n", strerror(errno));
		return -1;
	}
	if (r <= 0)
		return 0;
	if (n == 2 && (p[1].revents & (POLLIN | POLLHUP | POLLERR)) && !read_client(srv))
		drop_client(srv, gdb_session_partial(srv->sess) ? "disconnected in the middle of a packet"
							       : "disconnected");
	if (srv->cfd >= 0 && flush(srv) != 0)
		drop_client(srv, "disconnected");
	if (p[0].revents & POLLIN)
		accept_clients(srv, t);
	return 0;
}

static double wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The next slice's size from how long this one took (wall time decides
 * only how often the sockets are looked at). */
static void size_slice(struct gdb_server *srv, double ms)
{
	if (ms < SLICE_WALL_LO_MS && srv->slice < SLICE_MAX)
		srv->slice *= 2;
	else if (ms > SLICE_WALL_HI_MS && srv->slice > SLICE_MIN)
		srv->slice /= 2;
}

int gdb_server_run(struct gdb_server *srv, struct gdb_target *t, bool wait, FILE *log)
{
	srv->log = log;
	fprintf(log, "rpsim: GDB server on %s:%u (%u core%s as threads", srv->addr, srv->port, t->ncores,
		t->ncores == 1 ? "" : "s");
	for (unsigned i = 0; i < t->ncores; i++)
		fprintf(log, "%s%u %s", i ? ", " : ": ", i + 1, t->names[i]);
	fprintf(log, "); connect with: target remote %s:%u\n", srv->addr, srv->port);
	if (wait)
		fprintf(log, "rpsim: holding the simulation at t=0 until GDB attaches (--gdb-wait)\n");
	fflush(log);
	bool over = false;
	while (!over) {
		if (srv->cfd >= 0 && (srv->drop || gdb_session_state(srv->sess) == GDB_SESSION_CLOSE)) {
			if (srv->drop) {
				drop_client(srv, "does not read its replies (dropped)");
				continue;
			}
			flush(srv);
			fprintf(log, "rpsim: GDB client %s %s\n", srv->peer, gdb_session_end(srv->sess));
			drop_client(srv, NULL);
			continue;
		}
		bool held = (wait && srv->cfd < 0) ||
			    (srv->cfd >= 0 && gdb_session_state(srv->sess) == GDB_SESSION_STOPPED);
		if (held) {
			if (serve(srv, t, -1) != 0)
				return -1;
			if (srv->cfd >= 0)
				wait = false; /* attached once: --gdb-wait is done */
			continue;
		}
		double t0 = wall_ms();
		if (srv->cfd >= 0) {
			/* the end of the run closes the session (the exit reply);
			 * the next turn, without a client, sees it is over */
			gdb_session_run(srv->sess, srv->slice);
		} else {
			over = t->advance(t->ctx, t->sim->now + srv->slice < t->sim->now ? SIM_TIME_MAX
										 : t->sim->now + srv->slice);
		}
		size_slice(srv, wall_ms() - t0);
		if (serve(srv, t, 0) != 0)
			return -1;
	}
	if (srv->cfd >= 0) {
		/* the exit reply: give the client a moment to take it */
		for (int i = 0; i < 10 && srv->olen; i++) {
			struct pollfd p = { .fd = srv->cfd, .events = POLLOUT };
			if (poll(&p, 1, 100) > 0 && flush(srv) != 0)
				break;
		}
		drop_client(srv, NULL);
	}
	return 0;
}

void gdb_server_close(struct gdb_server *srv)
{
	if (!srv)
		return;
	if (srv->cfd >= 0) {
		gdb_session_free(srv->sess);
		close(srv->cfd);
	}
	close(srv->lfd);
	free(srv->obuf);
	free(srv);
}
