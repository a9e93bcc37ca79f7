/* The wait step's conditions: a remoteproc state (seen since the last
 * state wait), a channel, a firmware line, a readable file, a time; and
 * why a channel did not come, for the timeout's message. */
#include <stdio.h>
#include <string.h>

#include "sim/runner/runner_internal.h"

/* Trace waits: a uart line since the cursor, or new text in a trace buffer. */
static bool trace_seen(struct runner *run, const char *text, unsigned rproc_idx)
{
	for (unsigned i = run->line_cursor; i < run->nlines; i++) {
		if (strstr(run->lines[i], text)) {
			run->line_cursor = i + 1;
			return true;
		}
	}
	if (rproc_idx >= host_nremotes(run->host) || rproc_idx >= SCENARIO_MAX_RPROCS)
		return false;
	static char buf[65536];
	char path[64];
	snprintf(path, sizeof(path), "/sys/kernel/debug/remoteproc/remoteproc%u/trace0", rproc_idx);
	int n = host_read_file(run->host, path, buf, sizeof(buf));
	if (n <= 0 || (size_t)n <= run->trace_cursor[rproc_idx])
		return false;
	char *hit = strstr(buf + run->trace_cursor[rproc_idx], text);
	if (!hit)
		return false;
	run->trace_cursor[rproc_idx] = (size_t)(hit - buf) + strlen(text);
	return true;
}

/* Why a channel did not come: the channels that did, and what the
 * remote's resource table says (no table or no vdev: no virtio device,
 * hence no channel, ever). */
void runner_channel_hint(struct runner *run, const struct scenario_step *s, char *seen, size_t cap)
{
	size_t used = (size_t)snprintf(seen, cap, "no channel \"%s\" was announced (", s->u.wait.text);
	if (run->nchannels == 0)
		used += (size_t)snprintf(seen + used, used < cap ? cap - used : 0, "none was");
	for (unsigned i = 0; i < run->nchannels && used < cap; i++)
		used += (size_t)snprintf(seen + used, cap - used, "%s\"%s\"", i ? ", " : "announced: ",
					 run->channels[i]);
	if (used < cap)
		used += (size_t)snprintf(seen + used, cap - used, ")");
	unsigned n = s->u.wait.rproc;
	enum rproc_state st;
	if (host_state(run->host, n, &st) != 0 || used >= cap)
		return;
	if (st != RPROC_RUNNING && st != RPROC_ATTACHED) {
		snprintf(seen + used, cap - used, "; remoteproc%u is %s: start it first", n, rproc_state_name(st));
		return;
	}
	static char rsc[65536];
	char path[80];
	snprintf(path, sizeof(path), "/sys/kernel/debug/remoteproc/remoteproc%u/resource_table", n);
	if (host_read_file(run->host, path, rsc, sizeof(rsc)) < 0)
		return;
	if (strstr(rsc, "No resource table"))
		snprintf(seen + used, cap - used, "; the firmware has no resource table, so the host makes no "
			 "virtio device and no channel can come (declare one with a vdev, see doc/firmware-sdk.md)");
	else if (!strstr(rsc, "is of type vdev")) /* Linux's rproc_rsc_table_show text */
		snprintf(seen + used, cap - used, "; the firmware's resource table has no vdev entry, so the host "
			 "makes no virtio device and no channel can come (add an rpmsg vdev, see doc/firmware-sdk.md)");
}

bool runner_wait_met(struct runner *run, const struct scenario_step *s, char *seen, size_t cap)
{
	switch (s->u.wait.what) {
	case SCENARIO_WAIT_STATE: {
		enum rproc_state st = RPROC_OFFLINE;
		bool rp = host_state(run->host, s->u.wait.rproc, &st) == 0;
		snprintf(seen, cap, "the state is %s", rp ? rproc_state_name(st) : "(no such remoteproc)");
		if (!rp || s->u.wait.rproc >= SCENARIO_MAX_RPROCS)
			return false;
		struct runner_states *h = &run->states[s->u.wait.rproc];
		for (unsigned i = h->cursor; i < h->n; i++) {
			if (strcmp(rproc_state_name((enum rproc_state)h->seen[i]), s->u.wait.text) == 0) {
				h->cursor = i + 1;
				return true;
			}
		}
		if (strcmp(rproc_state_name(st), s->u.wait.text) == 0) {
			h->cursor = h->n;
			return true;
		}
		return false;
	}
	case SCENARIO_WAIT_CHANNEL:
		/* the why (runner_channel_hint) only when it times out */
		snprintf(seen, cap, "no channel \"%s\" was announced", s->u.wait.text);
		return runner_channel_live(run, s->u.wait.text);
	case SCENARIO_WAIT_TRACE:
		snprintf(seen, cap, "no firmware line contained \"%s\"", s->u.wait.text);
		return trace_seen(run, s->u.wait.text, s->u.wait.rproc);
	case SCENARIO_WAIT_READABLE: {
		const char *path = s->u.wait.text;
		int ret;
		struct runner_file *rf = runner_file_open(run, path, false, &ret);
		snprintf(seen, cap, "no message arrived on %s", path);
		return rf && (host_poll(rf->f) & HOST_POLLIN);
	}
	case SCENARIO_WAIT_TIME:
		snprintf(seen, cap, "the time did not come");
		return run->sim.now >= s->u.wait.time;
	}
	return false;
}
