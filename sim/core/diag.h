/* Diagnostics: a list of messages (error, warning, note) about one input,
 * collected while it is checked and printed at the end.  The checkers
 * (firmware ELF, resource table, scenario files) report every problem they
 * find instead of stopping at the first, so the user fixes them in one go.
 *
 * A struct diag is a plain value owned by the caller: diag_init, add,
 * diag_free.  Memory for messages is allocated; if allocation fails the
 * message is dropped but its severity is still counted, so
 * diag_has_errors() never lies.  After DIAG_MAX_MSGS messages the rest are
 * counted and summarised in one line: hostile input cannot make the list
 * grow without bound. */
#ifndef RPSIM_DIAG_H
#define RPSIM_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

enum diag_severity {
	DIAG_ERROR = 0,
	DIAG_WARNING = 1,
	DIAG_NOTE = 2,
	DIAG_NSEV
};

#define DIAG_MAX_MSGS 200

struct diag_msg {
	enum diag_severity sev;
	char *text;
};

struct diag {
	char *source;             /* label printed before each line (file name); may be NULL */
	struct diag_msg *msgs;
	unsigned n, cap;
	unsigned counts[DIAG_NSEV]; /* includes dropped messages */
	unsigned dropped;
};

const char *diag_severity_name(enum diag_severity sev);

/* source may be NULL (lines are then printed without a label). */
void diag_init(struct diag *d, const char *source);
void diag_free(struct diag *d);
/* Forgets the messages, keeps the source. */
void diag_clear(struct diag *d);

void diag_add(struct diag *d, enum diag_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_vadd(struct diag *d, enum diag_severity sev, const char *fmt, va_list ap);
void diag_error(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_warning(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_note(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static inline bool diag_has_errors(const struct diag *d)
{
	return d->counts[DIAG_ERROR] != 0;
}

static inline unsigned diag_count(const struct diag *d, enum diag_severity sev)
{
	return (unsigned)sev < DIAG_NSEV ? d->counts[sev] : 0;
}

/* The first message of severity sev (or of any severity when sev is
 * DIAG_NSEV) whose text contains needle, or NULL.  For tests and callers
 * that map a problem to an errno. */
const char *diag_find(const struct diag *d, enum diag_severity sev, const char *needle);

/* Calls fn for every stored message in order (to forward them to sim_log
 * or a trace, for instance). */
typedef void (*diag_visit_fn)(void *ctx, enum diag_severity sev, const char *text);
void diag_each(const struct diag *d, diag_visit_fn fn, void *ctx);

/* One line per message: "SOURCE: TEXT" for errors (the form compilers use
 * for the problem itself), "SOURCE: warning: TEXT", "SOURCE: note: TEXT". */
void diag_print(const struct diag *d, FILE *f);
/* Same, only the messages of one severity. */
void diag_print_sev(const struct diag *d, enum diag_severity sev, FILE *f);

#endif
