#include "sim/core/diag.h"

#include <stdlib.h>
#include <string.h>

#include "sim/core/escape.h"

static const char *const sev_names[DIAG_NSEV] = {
	[DIAG_ERROR] = "error",
	[DIAG_WARNING] = "warning",
	[DIAG_NOTE] = "note",
};

const char *diag_severity_name(enum diag_severity sev)
{
	return (unsigned)sev < DIAG_NSEV ? sev_names[sev] : "?";
}

void diag_init(struct diag *d, const char *source)
{
	memset(d, 0, sizeof(*d));
	if (source)
		d->source = strdup(source); /* NULL on failure: lines lose their label only */
}

void diag_clear(struct diag *d)
{
	for (unsigned i = 0; i < d->n; i++)
		free(d->msgs[i].text);
	free(d->msgs);
	d->msgs = NULL;
	d->n = d->cap = 0;
	d->dropped = 0;
	memset(d->counts, 0, sizeof(d->counts));
}

void diag_free(struct diag *d)
{
	diag_clear(d);
	free(d->source);
	d->source = NULL;
}

void diag_vadd(struct diag *d, enum diag_severity sev, const char *fmt, va_list ap)
{
	if ((unsigned)sev >= DIAG_NSEV)
		sev = DIAG_ERROR;
	d->counts[sev]++;
	if (d->n >= DIAG_MAX_MSGS) {
		d->dropped++;
		return;
	}
	if (d->n == d->cap) {
		unsigned ncap = d->cap ? d->cap * 2 : 8;
		struct diag_msg *m = realloc(d->msgs, ncap * sizeof(*m));
		if (!m) {
			d->dropped++;
			return;
		}
		d->msgs = m;
		d->cap = ncap;
	}
	va_list aq;
	va_copy(aq, ap);
	int len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *text = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (!text) {
		d->dropped++;
		return;
	}
	vsnprintf(text, (size_t)len + 1, fmt, ap);
	d->msgs[d->n++] = (struct diag_msg){ .sev = sev, .text = text };
}

void diag_add(struct diag *d, enum diag_severity sev, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, sev, fmt, ap);
	va_end(ap);
}

#define DIAG_ADDER(fn, sev)                              \
	void fn(struct diag *d, const char *fmt, ...)    \
	{                                                \
		va_list ap;                              \
		va_start(ap, fmt);                       \
		diag_vadd(d, sev, fmt, ap);              \
		va_end(ap);                              \
	}

DIAG_ADDER(diag_error, DIAG_ERROR)
DIAG_ADDER(diag_warning, DIAG_WARNING)
DIAG_ADDER(diag_note, DIAG_NOTE)

const char *diag_find(const struct diag *d, enum diag_severity sev, const char *needle)
{
	for (unsigned i = 0; i < d->n; i++)
		if ((sev == DIAG_NSEV || d->msgs[i].sev == sev) && strstr(d->msgs[i].text, needle))
			return d->msgs[i].text;
	return NULL;
}

void diag_each(const struct diag *d, diag_visit_fn fn, void *ctx)
{
	for (unsigned i = 0; i < d->n; i++)
		fn(ctx, d->msgs[i].sev, d->msgs[i].text);
}

/* Messages quote what the input holds (names, strings, paths): escaped,
 * so a file cannot send control sequences to the terminal. */
static void print_one(const struct diag *d, const struct diag_msg *m, FILE *f)
{
	if (d->source) {
		sim_escape_write(f, d->source, strlen(d->source), 0);
		fputs(": ", f);
	}
	if (m->sev != DIAG_ERROR)
		fprintf(f, "%s: ", sev_names[m->sev]);
	sim_escape_write(f, m->text, strlen(m->text), 0);
	fputc('\n', f);
}

static void print_filtered(const struct diag *d, int sev, FILE *f)
{
	for (unsigned i = 0; i < d->n; i++)
		if (sev < 0 || d->msgs[i].sev == (enum diag_severity)sev)
			print_one(d, &d->msgs[i], f);
	if (d->dropped && sev < 0) {
		if (d->source) {
			sim_escape_write(f, d->source, strlen(d->source), 0);
			fputs(": ", f);
		}
		fprintf(f, "%u more message(s) not shown\n", d->dropped);
	}
}

void diag_print(const struct diag *d, FILE *f)
{
	print_filtered(d, -1, f);
}

void diag_print_sev(const struct diag *d, enum diag_severity sev, FILE *f)
{
	print_filtered(d, (int)sev, f);
}
