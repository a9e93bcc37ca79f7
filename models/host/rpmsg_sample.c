#include "models/host/rpmsg_sample.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/kstrtox.h"
#include "sim/core/sim.h"
#include "sim/core/snap.h"

struct sample {
	struct rpmsg_sample_stats st;
};

static struct sim *ch_sim(struct rpmsg_channel *ch)
{
	return rpmsg_channel_sim(ch);
}

static void say_hello(struct rpmsg_channel *ch, struct sample *s, sim_time_t t)
{
	/* Linux's rpmsg_send sleeps for a buffer; ours cannot, so a full TX
	 * ring costs this exchange (logged; the firmware owes us buffers) */
	int rc = rpmsg_send(rpmsg_channel_ept(ch), rpmsg_channel_dst(ch), RPMSG_SAMPLE_MSG,
			    strlen(RPMSG_SAMPLE_MSG), false, t);
	if (rc == 0) {
		s->st.tx_count++;
		return;
	}
	s->st.tx_errors++;
	sim_log_at(ch_sim(ch), t, SIM_LOG_GUEST_ERROR, SIM_NO_COMPONENT, rpmsg_channel_devname(ch),
		   "rpmsg_send failed: %d", rc);
}

static int sample_cb(struct rpmsg_ept *ept, const void *data, size_t len, uint32_t src,
		     void *priv, sim_time_t t)
{
	(void)ept;
	(void)data;
	(void)len;
	struct rpmsg_channel *ch = priv;
	struct sample *s = rpmsg_channel_drvdata(ch);
	const struct rpmsg_sample_params *p = rpmsg_channel_driver_ctx(ch);
	int count = p ? p->count : RPMSG_SAMPLE_COUNT;
	sim_log_at(ch_sim(ch), t, SIM_LOG_INFO, SIM_NO_COMPONENT, rpmsg_channel_devname(ch),
		   "incoming msg %u (src: 0x%" PRIx32 ")", ++s->st.rx_count, src);
	/* samples should not live forever (rpmsg_sample_cb: rx_count >= count,
	 * an int compare; every later message says goodbye again) */
	if ((long long)s->st.rx_count >= count) {
		s->st.done = true;
		sim_log_at(ch_sim(ch), t, SIM_LOG_INFO, SIM_NO_COMPONENT, rpmsg_channel_devname(ch), "goodbye!");
		return 0;
	}
	say_hello(ch, s, t);
	return 0;
}

static int sample_probe(struct rpmsg_channel *ch, sim_time_t t)
{
	struct sample *s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	rpmsg_channel_set_drvdata(ch, s);
	sim_log_at(ch_sim(ch), t, SIM_LOG_INFO, SIM_NO_COMPONENT, rpmsg_channel_devname(ch),
		   "new channel: 0x%" PRIx32 " -> 0x%" PRIx32 "!",
		   rpmsg_ept_addr(rpmsg_channel_ept(ch)), rpmsg_channel_dst(ch));
	say_hello(ch, s, t);
	return 0;
}

static void sample_remove(struct rpmsg_channel *ch, sim_time_t t)
{
	sim_log_at(ch_sim(ch), t, SIM_LOG_INFO, SIM_NO_COMPONENT, rpmsg_channel_devname(ch),
		   "rpmsg sample client driver is removed");
	free(rpmsg_channel_drvdata(ch));
	rpmsg_channel_set_drvdata(ch, NULL);
}

/* Snapshots: the counters. */
static int sample_save(struct rpmsg_channel *ch, struct snap_writer *w)
{
	const struct sample *s = rpmsg_channel_drvdata(ch);
	snap_put_bool(w, s != NULL);
	snap_put_u32(w, s ? s->st.rx_count : 0);
	snap_put_u32(w, s ? s->st.tx_count : 0);
	snap_put_u32(w, s ? s->st.tx_errors : 0);
	snap_put_bool(w, s && s->st.done);
	return w->failed ? -1 : 0;
}

static int sample_restore(struct rpmsg_channel *ch, struct snap_reader *r)
{
	bool has = snap_get_bool(r);
	struct rpmsg_sample_stats st;
	st.rx_count = snap_get_u32(r);
	st.tx_count = snap_get_u32(r);
	st.tx_errors = snap_get_u32(r);
	st.done = snap_get_bool(r);
	if (r->failed || !has)
		return r->failed ? -1 : 0;
	struct sample *s = calloc(1, sizeof(*s));
	if (!s) {
		snap_fail(r, "out of memory");
		return -1;
	}
	s->st = st;
	rpmsg_channel_set_drvdata(ch, s);
	return 0;
}

static void sample_forget(struct rpmsg_channel *ch)
{
	free(rpmsg_channel_drvdata(ch));
	rpmsg_channel_set_drvdata(ch, NULL);
}

static const struct rpmsg_device_id sample_ids[] = {
	{ RPMSG_SAMPLE_NAME },
	{ NULL },
};

const struct rpmsg_driver rpmsg_sample_driver = {
	.name = "rpmsg_client_sample",
	.id_table = sample_ids,
	.probe = sample_probe,
	.remove = sample_remove,
	.callback = sample_cb,
	.save = sample_save,
	.restore = sample_restore,
	.forget = sample_forget,
};

const struct rpmsg_sample_stats *rpmsg_sample_stats(const struct rpmsg_channel *ch)
{
	if (rpmsg_channel_driver(ch) != &rpmsg_sample_driver)
		return NULL;
	const struct sample *s = rpmsg_channel_drvdata(ch);
	return s ? &s->st : NULL;
}

int rpmsg_sample_param_read(const struct rpmsg_sample_params *p, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%d\n", p->count);
	return n < 0 ? -EIO : (size_t)n < cap ? n : (int)(cap ? cap - 1 : 0);
}

int rpmsg_sample_param_write(struct rpmsg_sample_params *p, const char *buf, size_t len)
{
	char tmp[64];
	if (len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	int v;
	int rc = kstrtox_int(tmp, 0, &v);
	if (rc)
		return rc;
	p->count = v;
	return 0;
}
