/* Escaping untrusted text (escape.h). */
#include "sim/core/escape.h"

#include <stdint.h>
#include <string.h>

/* The escaped form of c into e (at most 4 bytes, no NUL); its length. */
static size_t esc1(unsigned char c, unsigned flags, char *e)
{
	static const char hex[] = "0123456789abcdef";
	if ((c == '\n' || c == '\t') && (flags & SIM_ESC_KEEP_NL)) {
		e[0] = (char)c;
		return 1;
	}
	if ((c == '\\' && !(flags & SIM_ESC_KEEP_BACKSLASH)) || (c == '"' && (flags & SIM_ESC_QUOTE))) {
		e[0] = '\\';
		e[1] = (char)c;
		return 2;
	}
	if (c >= 0x20 && c < 0x7f) {
		e[0] = (char)c;
		return 1;
	}
	e[0] = '\\';
	switch (c) {
	case '\n': e[1] = 'n'; return 2;
	case '\t': e[1] = 't'; return 2;
	case '\r': e[1] = 'r'; return 2;
	default:
		e[1] = 'x';
		e[2] = hex[c >> 4];
		e[3] = hex[c & 15];
		return 4;
	}
}

size_t sim_escape(char *out, size_t cap, const void *s, size_t n, unsigned flags)
{
	if (cap == 0)
		return 0;
	const unsigned char *p = s;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char e[4];
		size_t k = esc1(p[i], flags, e);
		if (o + k + 1 > cap)
			break;
		memcpy(out + o, e, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}

const char *sim_escape_str(char *out, size_t cap, const char *s)
{
	if (cap)
		sim_escape(out, cap, s ? s : "", s ? strlen(s) : 0, 0);
	return out;
}

void sim_escape_write(FILE *f, const void *s, size_t n, unsigned flags)
{
	const unsigned char *p = s;
	char buf[1024];
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (o + 4 > sizeof(buf)) {
			fwrite(buf, 1, o, f);
			o = 0;
		}
		o += esc1(p[i], flags, buf + o);
	}
	if (o)
		fwrite(buf, 1, o, f);
}
