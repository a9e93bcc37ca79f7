/* Scenario steps: what the host's user space does, checked against what
 * Linux accepts.  A step is an object with exactly one action key, its
 * verb (steps.def lists them), and the options of that
 * action.  A check that Linux itself would fail with an errno is skipped
 * when the step says "expect_errno": the scenario is then testing that
 * very failure. */
#include "sim/scenario/scenario_steps.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc.h"
#include "sim/scenario/scenario_firmware.h"
#include "sim/scenario/scenario_operands.h"
#include "sim/scenario/scenario_payload.h"

/* Each kind's keys, its verb first: the verb's only spelling in C. */
#define SCENARIO_STEP(ID, verb, member, parse, ...) \
	static const char *const keys_##ID[] = { #verb, __VA_ARGS__, NULL };
#include "sim/scenario/steps.def"

static const char *const *const step_keys[] = {
#define SCENARIO_STEP(ID, ...) [SCENARIO_STEP_##ID] = keys_##ID,
#include "sim/scenario/steps.def"
};

const char *const *scenario_step_keys(enum scenario_step_kind k)
{
	return (unsigned)k < SCENARIO_STEP_KIND_COUNT ? step_keys[k] : NULL;
}

const char *scenario_step_kind_name(enum scenario_step_kind k)
{
	return (unsigned)k < SCENARIO_STEP_KIND_COUNT ? step_keys[k][0] : "?";
}

static const char *const crash_types[] = {
	[SCENARIO_CRASH_MMUFAULT] = "mmufault",
	[SCENARIO_CRASH_WATCHDOG] = "watchdog",
	[SCENARIO_CRASH_FATAL] = "fatal",
};
#define NCRASH_TYPES (sizeof(crash_types) / sizeof(crash_types[0]))

const char *scenario_crash_type_name(enum scenario_crash_type t)
{
	return (unsigned)t < NCRASH_TYPES ? crash_types[t] : "?";
}

/* "0 (mmufault), 1 (watchdog) or 2 (fatal)": what debugfs crash accepts */
static void crash_type_list(char *buf, size_t len)
{
	char items[NCRASH_TYPES][32];
	const char *words[NCRASH_TYPES];
	for (unsigned i = 0; i < NCRASH_TYPES; i++) {
		snprintf(items[i], sizeof(items[i]), "%u (%s)", i, crash_types[i]);
		words[i] = items[i];
	}
	sj_join_words(buf, len, words, NCRASH_TYPES, "", " or ");
}

static const cJSON *get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* The parsers of steps.def's parse column: step_<parse>.
 * All take the enclosing repeats' depth and largest size, and the step's
 * verb is VERB(st). */
#define STEP_PARSER(parse)                                                                  \
	void step_##parse(struct sj *j, const cJSON *v, const char *path, struct scenario_step *st, \
			  unsigned depth, int64_t rmax)
#define VERB(st) scenario_step_kind_name((st)->kind)

static STEP_PARSER(echo)
{
	(void)depth;
	(void)rmax;
	char kp[SJ_PATHLEN];
	const cJSON *val = get(v, VERB(st));
	sj_key_path(kp, path, VERB(st));
	uint64_t num;
	if (cJSON_IsNumber(val)) {
		if (sj_uint_value(j, val, kp, 0, UINT32_MAX, &num) < 0)
			return;
		char text[32];
		snprintf(text, sizeof(text), "%" PRIu64, num);
		st->u.attr.value = sj_strdup(text);
	} else if (cJSON_IsString(val)) {
		st->u.attr.value = sj_strdup(val->valuestring);
	} else {
		sj_type_err(j, kp, "the text to write (a string)", val);
		return;
	}
	const cJSON *to = get(v, "to");
	sj_key_path(kp, path, "to");
	if (!to) {
		sj_err(j, path, "\"%s\" needs \"to\": the attribute to write, e.g. "
		       "\"/sys/class/remoteproc/remoteproc0/state\"", VERB(st));
		return;
	}
	if (!cJSON_IsString(to)) {
		sj_type_err(j, kp, "a sysfs path (a string)", to);
		return;
	}
	if (!sj_attr_path(j, kp, to->valuestring, st, true) || st->expect_errno)
		return;
	const char *attr = st->u.attr.attr, *value = st->u.attr.value;
	if (!attr || !value)
		return; /* out of memory */
	/* What the kernel's store makes of the bytes echo writes (the value
	 * and a newline), by the host model's own parsers: the state,
	 * recovery and coredump stores compare with sysfs_streq() and crash
	 * parses with kstrtouint(), both dropping that one newline, so
	 * "start\n" reaches the kernel as "start\n" and fails; the firmware
	 * store keeps what comes before the first newline. */
	size_t vlen = strlen(value), wlen = strcspn(value, "\n");
	char *buf = malloc(vlen + 2);
	if (!buf)
		return;
	memcpy(buf, value, vlen);
	buf[vlen] = '\n';
	buf[vlen + 1] = '\0';
	bool debugfs = st->u.attr.dir == SCENARIO_ATTR_DEBUGFS;
	int e = -rproc_attr_check(debugfs, attr, buf, vlen + 1);
	const char *ename = e == ERANGE ? "ERANGE" : e == ENAMETOOLONG ? "ENAMETOOLONG" : "EINVAL";
	sj_key_path(kp, path, VERB(st));
	static const char *const state_w[] = { "start", "stop", "detach", NULL };
	static const char *const recovery_w[] = { "enabled", "disabled", "recover", NULL };
	static const char *const coredump_w[] = { "disabled", "enabled", "inline", NULL };
	const char *const *accepted = NULL;
	if (strcmp(attr, "state") == 0)
		accepted = state_w;
	else if (strcmp(attr, "recovery") == 0)
		accepted = recovery_w;
	else if (strcmp(attr, "coredump") == 0)
		accepted = coredump_w;
	if (!debugfs && accepted && e) {
		char known[128];
		sj_join_words(known, sizeof(known), accepted, 0, "", ", ");
		sj_err(j, kp, "Linux refuses \"%s\" for %s with EINVAL (accepted: %s%s); to test that, "
		       "add \"expect_errno\": \"EINVAL\"", value, attr, known,
		       value[wlen] ? "; echo adds the newline itself" : "");
	} else if (debugfs && strcmp(attr, "crash") == 0) {
		char types[128];
		crash_type_list(types, sizeof(types));
		unsigned long long type = e ? 0 : strtoull(value, NULL, 0);
		if (e)
			sj_err(j, kp, "\"%s\": Linux's kstrtouint refuses it with %s; write a number, the crash "
			       "types being %s; to test that, add \"expect_errno\": \"%s\"", value, ename,
			       types, ename);
		else if (type >= NCRASH_TYPES)
			sj_warn(j, kp, "crash type %llu is none of %s: Linux reports it as an unknown crash",
				type, types);
	} else if (!debugfs && strcmp(attr, "firmware") == 0) {
		const char *core = j->sc->platform.remotes[st->u.attr.rproc].core;
		char *word = e ? NULL : malloc(wlen + 1);
		if (word) {
			memcpy(word, value, wlen);
			word[wlen] = '\0';
		}
		if (e == EINVAL)
			sj_err(j, kp, "an empty firmware name fails with EINVAL; add \"expect_errno\": \"EINVAL\" to test that");
		else if (e)
			sj_err(j, kp, "the firmware name is longer than Linux takes (%s); add \"expect_errno\": "
			       "\"%s\" to test that", ename, ename);
		else if (word && !(st->u.attr.resolved = scenario_find_firmware(j->sc, word, core)) &&
			 !(j->opts && j->opts->no_firmware_check))
			sj_missing_firmware(j, kp, word, core);
		free(word);
	}
	if (st->u.attr.dir == SCENARIO_ATTR_SYSFS && strcmp(attr, "state") == 0 &&
	    strcmp(value, "start") == 0)
		j->started[st->u.attr.rproc] = true;
	free(buf);
}

static STEP_PARSER(cat)
{
	(void)depth;
	(void)rmax;
	char kp[SJ_PATHLEN];
	const cJSON *f = get(v, VERB(st));
	sj_key_path(kp, path, VERB(st));
	if (!cJSON_IsString(f)) {
		sj_type_err(j, kp, "a sysfs path (a string)", f);
		return;
	}
	bool ok = sj_attr_path(j, kp, f->valuestring, st, false);
	if (sj_string(j, v, "expect", path, &st->u.attr.value) > 0 && st->expect_errno) {
		sj_err(j, path, "\"expect\" and \"expect_errno\" exclude each other");
		return;
	}
	sj_key_path(kp, path, "expect");
	if (ok && st->u.attr.value && strcmp(st->u.attr.attr, "state") == 0 &&
	    !sj_is_state_name(st->u.attr.value)) {
		char known[128];
		sj_state_list(known, sizeof(known));
		sj_err(j, kp, "\"%s\" is not a remoteproc state (states: %s)", st->u.attr.value, known);
	}
}

static void check_len(struct sj *j, const char *path, int64_t max, const struct scenario_step *st,
		      bool reading)
{
	if (max < 0 || max <= SCENARIO_RPMSG_MAX)
		return;
	if (max > SCENARIO_PAYLOAD_MAX)
		sj_err(j, path, "%" PRId64 " bytes: a payload has at most %u bytes", max, SCENARIO_PAYLOAD_MAX);
	else if (reading)
		sj_err(j, path, "%" PRId64 " bytes: an RPMsg message carries at most %u bytes, so it "
		       "can never be read", max, SCENARIO_RPMSG_MAX);
	else if (!st->expect_errno)
		sj_err(j, path, "%" PRId64 " bytes: an RPMsg message carries at most %u bytes (Linux "
		       "fails larger writes with EMSGSIZE; add \"expect_errno\": \"EMSGSIZE\" to test "
		       "that)", max, SCENARIO_RPMSG_MAX);
}

static const struct { const char *name; unsigned bit; } poll_bits[] = {
	{ "POLLIN", SCENARIO_POLLIN }, { "POLLPRI", SCENARIO_POLLPRI },
	{ "POLLOUT", SCENARIO_POLLOUT }, { "POLLERR", SCENARIO_POLLERR },
	{ "POLLHUP", SCENARIO_POLLHUP }, { "POLLNVAL", SCENARIO_POLLNVAL },
	{ "POLLRDNORM", SCENARIO_POLLRDNORM }, { "POLLRDBAND", SCENARIO_POLLRDBAND },
	{ "POLLWRNORM", SCENARIO_POLLWRNORM }, { "POLLWRBAND", SCENARIO_POLLWRBAND },
};
#define NPOLL_BITS (sizeof(poll_bits) / sizeof(poll_bits[0]))

const char *scenario_poll_name(unsigned bit)
{
	for (size_t i = 0; i < NPOLL_BITS; i++)
		if (poll_bits[i].bit == bit)
			return poll_bits[i].name;
	return NULL;
}

/* ["POLLIN", "POLLOUT"] into a mask; -1 after an error. */
static long poll_mask(struct sj *j, const cJSON *v, const char *path)
{
	if (!cJSON_IsArray(v)) {
		sj_type_err(j, path, "a list of poll events such as [\"POLLIN\", \"POLLOUT\"]", v);
		return -1;
	}
	long mask = 0;
	unsigned i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		char ep[SJ_PATHLEN];
		sj_index_path(ep, path, i);
		size_t k = 0;
		while (k < NPOLL_BITS && !(cJSON_IsString(e) && strcmp(e->valuestring, poll_bits[k].name) == 0))
			k++;
		if (k == NPOLL_BITS) {
			const char *names[NPOLL_BITS];
			for (size_t n = 0; n < NPOLL_BITS; n++)
				names[n] = poll_bits[n].name;
			char known[200];
			sj_join_words(known, sizeof(known), names, NPOLL_BITS, "", ", ");
			sj_err(j, ep, "not a poll event (known: %s)", known);
			return -1;
		}
		mask |= poll_bits[k].bit;
	}
	return mask;
}

/* The ioctl step's command: exactly one of its keys. */
static const struct { const char *key; enum scenario_ioctl cmd; unsigned kinds; } ioctls[] = {
	{ "create_ept", SCENARIO_IOCTL_CREATE_EPT, SJ_DEV(CTRL) },
	{ "destroy_ept", SCENARIO_IOCTL_DESTROY_EPT, SJ_DEV(RPMSG) },
	{ "create_dev", SCENARIO_IOCTL_CREATE_DEV, SJ_DEV(CTRL) },
	{ "release_dev", SCENARIO_IOCTL_RELEASE_DEV, SJ_DEV(CTRL) },
	{ "set_shutdown_on_release", SCENARIO_IOCTL_SET_SHUTDOWN, SJ_DEV(RPROC) },
	{ "get_shutdown_on_release", SCENARIO_IOCTL_GET_SHUTDOWN, SJ_DEV(RPROC) },
};
#define NIOCTLS (sizeof(ioctls) / sizeof(ioctls[0]))

/* {name, src, dst} of an endpoint or channel */
static void parse_chinfo(struct sj *j, const cJSON *c, const char *kp, const char *verb,
			 struct scenario_step *st)
{
	if (!sj_expect_object(j, c, kp))
		return;
	sj_check_keys(j, c, kp, sj_keys_ept);
	char np[SJ_PATHLEN];
	sj_key_path(np, kp, "name");
	if (sj_string(j, c, "name", kp, &st->u.dev.ept_name) == 0)
		sj_err(j, kp, "%s needs a \"name\"", verb);
	else if (st->u.dev.ept_name && (!st->u.dev.ept_name[0] || strlen(st->u.dev.ept_name) > 31))
		sj_err(j, np, "a name has 1 to 31 characters");
	const char *const addr_keys[] = { "src", "dst" };
	uint32_t *addrs[] = { &st->u.dev.ept_src, &st->u.dev.ept_dst };
	for (unsigned k = 0; k < 2; k++) {
		const cJSON *a = get(c, addr_keys[k]);
		char ap[SJ_PATHLEN];
		uint64_t n;
		sj_key_path(ap, kp, addr_keys[k]);
		if (!a || (cJSON_IsString(a) && strcmp(a->valuestring, "any") == 0))
			continue;
		if (sj_uint_value(j, a, ap, 0, UINT32_MAX, &n) > 0)
			*addrs[k] = (uint32_t)n;
	}
}

static void parse_ioctl(struct sj *j, const cJSON *v, const char *path, const char *verb,
			struct scenario_step *st)
{
	char kp[SJ_PATHLEN];
	unsigned found = 0;
	size_t which = 0;
	for (size_t k = 0; k < NIOCTLS; k++)
		if (get(v, ioctls[k].key)) {
			found++;
			which = k;
		}
	if (found != 1) {
		const char *keys[NIOCTLS];
		for (size_t k = 0; k < NIOCTLS; k++)
			keys[k] = ioctls[k].key;
		char list[256];
		sj_join_words(list, sizeof(list), keys, NIOCTLS, "\"", ", ");
		sj_err(j, path, "\"%s\" needs exactly one request: %s", verb, list);
		return;
	}
	const cJSON *c = get(v, ioctls[which].key);
	sj_key_path(kp, path, ioctls[which].key);
	st->u.dev.ioctl = ioctls[which].cmd;
	if (st->u.dev.dev && !(ioctls[which].kinds & (1u << st->u.dev.kind)) && !st->expect_errno) {
		sj_err(j, kp, "%s is an ioctl of %s; \"%s\" is another kind of device (Linux says "
		       "EINVAL or ENOTTY: add \"expect_errno\" to test that)", ioctls[which].key,
		       ioctls[which].kinds == SJ_DEV(CTRL)    ? "/dev/rpmsg_ctrlN"
		       : ioctls[which].kinds == SJ_DEV(RPMSG) ? "/dev/rpmsgN"
							  : "/dev/remoteprocN",
		       st->u.dev.dev);
		return;
	}
	uint64_t n;
	switch (ioctls[which].cmd) {
	case SCENARIO_IOCTL_CREATE_EPT:
	case SCENARIO_IOCTL_CREATE_DEV:
	case SCENARIO_IOCTL_RELEASE_DEV:
		parse_chinfo(j, c, kp, ioctls[which].key, st);
		break;
	case SCENARIO_IOCTL_DESTROY_EPT:
		if (!cJSON_IsTrue(c))
			sj_type_err(j, kp, "true", c);
		break;
	case SCENARIO_IOCTL_SET_SHUTDOWN:
	case SCENARIO_IOCTL_GET_SHUTDOWN:
		/* an s32; set: any value (!!param), get: 0 or 1 */
		if (cJSON_IsNumber(c) && c->valuedouble < 0 && c->valuedouble >= INT32_MIN &&
		    c->valuedouble == (double)(int32_t)c->valuedouble &&
		    ioctls[which].cmd == SCENARIO_IOCTL_SET_SHUTDOWN)
			st->u.dev.ioctl_value = (int32_t)c->valuedouble;
		else if (sj_uint_value(j, c, kp, 0, ioctls[which].cmd == SCENARIO_IOCTL_GET_SHUTDOWN ? 1
										 : INT32_MAX, &n) > 0)
			st->u.dev.ioctl_value = (int32_t)n;
		break;
	}
}

/* open, close, write, read, poll, ioctl: a device and the call's options */
static STEP_PARSER(dev)
{
	(void)depth;
	const char *verb = VERB(st);
	char kp[SJ_PATHLEN];
	sj_key_path(kp, path, verb);
	unsigned kinds = SJ_DEV(RPMSG) | SJ_DEV(CTRL) | SJ_DEV(TTY) | SJ_DEV(RPROC);
	if (st->kind == SCENARIO_STEP_READ)
		kinds = SJ_DEV(RPMSG) | SJ_DEV(TTY); /* the others have no read */
	else if (st->kind == SCENARIO_STEP_WRITE)
		kinds = SJ_DEV(RPMSG) | SJ_DEV(TTY) | SJ_DEV(RPROC);
	sj_dev_path(j, kp, get(v, verb), st, kinds);
	st->u.dev.max_len = 512;
	st->u.dev.timeout = j->sc->default_timeout;
	st->u.dev.ept_src = st->u.dev.ept_dst = 0xFFFFFFFFu;
	st->u.dev.poll_expect = -1;
	switch (st->kind) {
	case SCENARIO_STEP_OPEN:
		sj_bool(j, v, "nonblock", path, &st->u.dev.nonblock);
		sj_key_path(kp, path, "raw");
		if (sj_bool(j, v, "raw", path, &st->u.dev.raw) > 0 && st->u.dev.dev &&
		    st->u.dev.kind != SCENARIO_DEV_TTY)
			sj_err(j, kp, "\"raw\" sets a tty's termios; \"%s\" is no tty", st->u.dev.dev);
		break;
	case SCENARIO_STEP_WRITE: {
		const cJSON *data = get(v, "data");
		sj_key_path(kp, path, "data");
		if (!data) {
			sj_err(j, path, "\"%s\" needs \"data\": the message, e.g. \"data\": \"hello\"", verb);
			break;
		}
		int64_t n = sj_payload(j, data, kp, rmax, false, &st->u.dev.payload);
		/* a tty write is bytes, not one message: any size up to the payload's */
		if (st->u.dev.kind != SCENARIO_DEV_TTY && st->u.dev.kind != SCENARIO_DEV_RPROC)
			check_len(j, kp, n, st, false);
		break;
	}
	case SCENARIO_STEP_READ: {
		uint64_t n;
		sj_key_path(kp, path, "max_len");
		if (sj_size(j, v, "max_len", path, SCENARIO_PAYLOAD_MAX, &n) > 0) {
			if (n == 0)
				sj_err(j, kp, "a read needs a buffer of at least 1 byte");
			st->u.dev.max_len = (uint32_t)n;
		}
		sj_key_path(kp, path, "timeout");
		sj_time(j, v, "timeout", path, &st->u.dev.timeout);
		const cJSON *e = get(v, "expect");
		if (!e)
			break;
		sj_key_path(kp, path, "expect");
		if (st->expect_errno) {
			sj_err(j, path, "\"expect\" and \"expect_errno\" exclude each other");
			break;
		}
		int64_t len = sj_payload(j, e, kp, rmax, true, &st->u.dev.payload);
		if (st->u.dev.kind != SCENARIO_DEV_TTY)
			check_len(j, kp, len, st, true);
		break;
	}
	case SCENARIO_STEP_POLL: {
		const cJSON *ev = get(v, "events");
		sj_key_path(kp, path, "events");
		if (!ev) {
			sj_err(j, path, "\"%s\" needs \"events\": what to wait for, e.g. [\"POLLIN\"]", verb);
		} else {
			long m = poll_mask(j, ev, kp);
			if (m >= 0)
				st->u.dev.poll_events = (unsigned)m;
		}
		sj_time(j, v, "timeout", path, &st->u.dev.timeout);
		const cJSON *e = get(v, "expect");
		if (e) {
			sj_key_path(kp, path, "expect");
			if (st->expect_errno)
				sj_err(j, path, "\"expect\" and \"expect_errno\" exclude each other");
			long m = poll_mask(j, e, kp);
			if (m >= 0)
				st->u.dev.poll_expect = (int)m;
		}
		break;
	}
	case SCENARIO_STEP_IOCTL:
		parse_ioctl(j, v, path, verb, st);
		break;
	default:
		break;
	}
}

static STEP_PARSER(wait)
{
	(void)depth;
	(void)rmax;
	char kp[SJ_PATHLEN];
	const cJSON *w = get(v, VERB(st));
	sj_key_path(kp, path, VERB(st));
	st->u.wait.timeout = j->sc->default_timeout;
	sj_time(j, v, "timeout", path, &st->u.wait.timeout);
	sj_rproc_ref(j, v, path, &st->u.wait.rproc);
	if (!sj_expect_object(j, w, kp))
		return;
	sj_check_keys(j, w, kp, sj_keys_wait);
	unsigned n = 0;
	for (const char *const *k = sj_keys_wait; *k; k++)
		n += get(w, *k) != NULL;
	if (n != 1) {
		char conds[128];
		sj_join_words(conds, sizeof(conds), sj_keys_wait, 0, "", ", ");
		sj_err(j, kp, "wait for exactly one of: %s", conds);
		return;
	}
	char cp[SJ_PATHLEN];
	if (get(w, "time")) {
		st->u.wait.what = SCENARIO_WAIT_TIME;
		sj_time(j, w, "time", kp, &st->u.wait.time);
		return;
	}
	if (get(w, "readable")) {
		/* parse_dev fills the dev member of the union: use a scratch step */
		struct scenario_step tmp;
		memset(&tmp, 0, sizeof(tmp));
		st->u.wait.what = SCENARIO_WAIT_READABLE;
		sj_key_path(cp, kp, "readable");
		if (sj_dev_path(j, cp, get(w, "readable"), &tmp, SJ_DEV(RPMSG) | SJ_DEV(TTY))) {
			st->u.wait.index = tmp.u.dev.index;
			st->u.wait.text = tmp.u.dev.dev; /* the path */
		}
		return;
	}
	const char *key = get(w, "state") ? "state" : get(w, "channel") ? "channel" : "trace";
	st->u.wait.what = key[0] == 's' ? SCENARIO_WAIT_STATE
			  : key[0] == 'c' ? SCENARIO_WAIT_CHANNEL : SCENARIO_WAIT_TRACE;
	sj_key_path(cp, kp, key);
	if (sj_string(j, w, key, kp, &st->u.wait.text) <= 0)
		return;
	const char *t = st->u.wait.text;
	if (st->u.wait.what == SCENARIO_WAIT_STATE && !sj_is_state_name(t)) {
		char known[128];
		sj_state_list(known, sizeof(known));
		sj_err(j, cp, "\"%s\" is not a remoteproc state (states: %s)", t, known);
	} else if (st->u.wait.what == SCENARIO_WAIT_CHANNEL && (!t[0] || strlen(t) > 31)) {
		sj_err(j, cp, "a channel name has 1 to 31 characters");
	} else if (st->u.wait.what == SCENARIO_WAIT_TRACE && !t[0]) {
		sj_err(j, cp, "an empty text matches any line: give part of the line to wait for");
	}
}

static STEP_PARSER(crash)
{
	(void)depth;
	(void)rmax;
	char kp[SJ_PATHLEN];
	const cJSON *c = get(v, VERB(st));
	sj_key_path(kp, path, VERB(st));
	sj_rproc_ref(j, v, path, &st->u.crash.rproc);
	char types[128];
	if (cJSON_IsString(c)) {
		for (unsigned i = 0; i < NCRASH_TYPES; i++)
			if (strcmp(c->valuestring, crash_types[i]) == 0) {
				st->u.crash.type = (enum scenario_crash_type)i;
				return;
			}
		sj_join_words(types, sizeof(types), crash_types, NCRASH_TYPES, "", ", ");
		sj_err(j, kp, "unknown crash type \"%s\" (accepted: %s)", c->valuestring, types);
		return;
	}
	uint64_t n;
	if (cJSON_IsNumber(c)) {
		if (sj_uint_value(j, c, kp, 0, NCRASH_TYPES - 1, &n) > 0)
			st->u.crash.type = (enum scenario_crash_type)n;
		return;
	}
	char want[160];
	sj_join_words(types, sizeof(types), crash_types, NCRASH_TYPES, "\"", " or ");
	snprintf(want, sizeof(want), "a crash type (%s)", types);
	sj_type_err(j, kp, want, c);
}

static STEP_PARSER(run)
{
	(void)depth;
	(void)rmax;
	sj_time(j, v, VERB(st), path, &st->u.run.duration);
}

static STEP_PARSER(repeat)
{
	char kp[SJ_PATHLEN];
	const cJSON *r = get(v, VERB(st));
	sj_key_path(kp, path, VERB(st));
	uint64_t n;
	if (cJSON_IsNumber(r)) {
		if (sj_uint_value(j, r, kp, 1, SCENARIO_MAX_REPEAT, &n) > 0)
			st->u.repeat.count = (uint32_t)n;
	} else if (cJSON_IsObject(r)) {
		sj_check_keys(j, r, kp, sj_keys_repeat);
		const cJSON *sizes = get(r, "sizes");
		char sp[SJ_PATHLEN];
		sj_key_path(sp, kp, "sizes");
		uint64_t from = 0, to = 0, by = 1;
		if (!cJSON_IsArray(sizes) || cJSON_GetArraySize(sizes) != 2) {
			sj_err(j, sizes ? sp : kp, "expected \"sizes\": [FROM, TO], e.g. [1, 496]");
			return;
		}
		char ep[SJ_PATHLEN];
		sj_index_path(ep, sp, 0);
		int ok = sj_size_value(j, sizes->child, ep, SCENARIO_PAYLOAD_MAX, &from) > 0;
		sj_index_path(ep, sp, 1);
		ok &= sj_size_value(j, sizes->child->next, ep, SCENARIO_PAYLOAD_MAX, &to) > 0;
		sj_uint(j, r, "by", kp, 1, SCENARIO_PAYLOAD_MAX, &by);
		if (!ok)
			return;
		if (from > to) {
			sj_err(j, sp, "FROM (%" PRIu64 ") is larger than TO (%" PRIu64 ")", from, to);
			return;
		}
		st->u.repeat.by_size = true;
		st->u.repeat.size_from = (uint32_t)from;
		st->u.repeat.size_to = (uint32_t)to;
		st->u.repeat.size_by = (uint32_t)by;
		st->u.repeat.count = (uint32_t)((to - from) / by + 1);
		/* the largest size actually reached */
		rmax = (int64_t)(from + (to - from) / by * by);
	} else {
		sj_type_err(j, kp, "a count or {\"sizes\": [FROM, TO]}", r);
		return;
	}
	const cJSON *body = get(v, "steps");
	sj_key_path(kp, path, "steps");
	if (!body) {
		sj_err(j, path, "\"%s\" needs \"steps\": the steps to repeat", VERB(st));
	} else if (!cJSON_IsArray(body) || !body->child) {
		sj_type_err(j, kp, "a non-empty array of steps", body);
	} else if (depth + 1 >= SCENARIO_MAX_DEPTH) {
		sj_err(j, kp, "repeats nest %d deep at most", SCENARIO_MAX_DEPTH - 1);
	} else {
		st->u.repeat.steps = sj_steps(j, body, kp, depth + 1, rmax, &st->u.repeat.nsteps);
	}
}

/* steps.def's parse column: the step_<parse> functions above */
static void (*const step_parser[])(struct sj *, const cJSON *, const char *,
				   struct scenario_step *, unsigned, int64_t) = {
#define SCENARIO_STEP(ID, verb, member, parse, ...) [SCENARIO_STEP_##ID] = step_##parse,
#include "sim/scenario/steps.def"
};

/* A step without a verb: its keys are checked against every step key
 * (the verbs, then each kind's options, once each), so a misspelt verb
 * gets a did-you-mean. */
static void check_keys_any_step(struct sj *j, const cJSON *v, const char *path)
{
	enum { MAX_KEYS = 64 };
	const char *all[MAX_KEYS + 1];
	unsigned n = 0;
	for (unsigned k = 0; k < SCENARIO_STEP_KIND_COUNT; k++)
		all[n++] = step_keys[k][0];
	for (unsigned k = 0; k < SCENARIO_STEP_KIND_COUNT; k++)
		for (const char *const *key = step_keys[k] + 1; *key && n < MAX_KEYS; key++) {
			all[n] = NULL;
			if (!sj_in_list(*key, all))
				all[n++] = *key;
		}
	all[n] = NULL;
	sj_check_keys(j, v, path, all);
}

static void parse_step(struct sj *j, const cJSON *v, const char *path, unsigned depth,
		       int64_t rmax, struct scenario_step *st)
{
	st->where = sj_strdup(path);
	st->kind = SCENARIO_STEP_RUN;
	if (!sj_expect_object(j, v, path))
		return;
	int verb = -1;
	unsigned nverbs = 0;
	const char *first = NULL;
	for (const cJSON *c = v->child; c; c = c->next) {
		for (unsigned k = 0; k < SCENARIO_STEP_KIND_COUNT; k++) {
			if (c->string && strcmp(c->string, step_keys[k][0]) == 0) {
				if (nverbs++ == 0) {
					verb = (int)k;
					first = c->string;
				} else {
					sj_err(j, path, "a step does one thing; this one has \"%s\" and \"%s\": "
					       "split it into two steps", first, c->string);
				}
			}
		}
	}
	if (verb < 0) {
		const char *verbs[SCENARIO_STEP_KIND_COUNT];
		for (unsigned k = 0; k < SCENARIO_STEP_KIND_COUNT; k++)
			verbs[k] = step_keys[k][0];
		char list[256];
		sj_join_words(list, sizeof(list), verbs, SCENARIO_STEP_KIND_COUNT, "", " or ");
		check_keys_any_step(j, v, path);
		sj_err(j, path, "a step needs one action: %s", list);
		return;
	}
	if (nverbs > 1)
		return;
	st->kind = (enum scenario_step_kind)verb;
	sj_check_keys(j, v, path, step_keys[verb]);
	const cJSON *comment = get(v, "comment");
	if (comment && !cJSON_IsString(comment)) {
		char kp[SJ_PATHLEN];
		sj_key_path(kp, path, "comment");
		sj_type_err(j, kp, "a string", comment);
	}
	sj_parse_errno(j, v, path, st);
	step_parser[st->kind](j, v, path, st, depth, rmax);
}

struct scenario_step *sj_steps(struct sj *j, const cJSON *arr, const char *path,
			       unsigned depth, int64_t repeat_max, unsigned *n)
{
	*n = 0;
	unsigned count = (unsigned)cJSON_GetArraySize(arr);
	if (count == 0)
		return NULL;
	if (j->nsteps_total + count > SCENARIO_MAX_STEPS) {
		sj_err(j, path, "too many steps (at most %u in a file; use \"repeat\")", SCENARIO_MAX_STEPS);
		return NULL;
	}
	j->nsteps_total += count;
	struct scenario_step *steps = calloc(count, sizeof(*steps));
	if (!steps) {
		sj_err(j, path, "out of memory");
		return NULL;
	}
	unsigned i = 0;
	for (const cJSON *c = arr->child; c && i < count; c = c->next, i++) {
		char sp[SJ_PATHLEN];
		sj_index_path(sp, path, i);
		parse_step(j, c, sp, depth, repeat_max, &steps[i]);
		*n = i + 1;
	}
	return steps;
}

/* steps.def's member column: what each union member owns */
static void free_attr(struct scenario_step *st)
{
	free(st->u.attr.file);
	free(st->u.attr.attr);
	free(st->u.attr.value);
	free(st->u.attr.resolved);
}

static void free_dev(struct scenario_step *st)
{
	free(st->u.dev.dev);
	sj_free_payload(&st->u.dev.payload);
	free(st->u.dev.ept_name);
}

static void free_wait(struct scenario_step *st)
{
	free(st->u.wait.text);
}

static void free_repeat(struct scenario_step *st)
{
	sj_free_steps(st->u.repeat.steps, st->u.repeat.nsteps);
}

/* crash and run hold no pointers */
static void free_crash(struct scenario_step *st)
{
	(void)st;
}

static void free_run(struct scenario_step *st)
{
	(void)st;
}

static void (*const step_free[])(struct scenario_step *) = {
#define SCENARIO_STEP(ID, verb, member, ...) [SCENARIO_STEP_##ID] = free_##member,
#include "sim/scenario/steps.def"
};

void sj_free_steps(struct scenario_step *steps, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		free(steps[i].where);
		free(steps[i].expect_errno_name);
		step_free[steps[i].kind](&steps[i]);
	}
	free(steps);
}
