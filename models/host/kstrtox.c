/* lib/kstrtox.c's rules: _parse_integer_fixup_radix, _parse_integer,
 * _kstrtoull, kstrtoull, kstrtoll, kstrtouint, kstrtoint,
 * kstrtouint_from_user. */
#include "models/host/kstrtox.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>

static const char *fixup_radix(const char *s, unsigned *base)
{
	if (*base == 0) {
		if (s[0] == '0')
			*base = tolower((unsigned char)s[1]) == 'x' && isxdigit((unsigned char)s[2]) ? 16 : 8;
		else
			*base = 10;
	}
	if (*base == 16 && s[0] == '0' && tolower((unsigned char)s[1]) == 'x')
		s += 2;
	return s;
}

static int parse_ull(const char *s, unsigned base, uint64_t *out)
{
	s = fixup_radix(s, &base);
	uint64_t v = 0;
	bool overflow = false;
	const char *start = s;
	for (;; s++) {
		int c = tolower((unsigned char)*s);
		unsigned d;
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else
			break;
		if (d >= base)
			break;
		if (v > (UINT64_MAX - d) / base)
			overflow = true;
		v = v * base + d;
	}
	if (overflow)
		return -ERANGE;
	if (s == start)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*out = v;
	return 0;
}

int kstrtox_ull(const char *s, unsigned base, uint64_t *out)
{
	if (s[0] == '+')
		s++;
	return parse_ull(s, base, out);
}

int kstrtox_uint(const char *s, unsigned base, unsigned *out)
{
	uint64_t v;
	int rc = kstrtox_ull(s, base, &v);
	if (rc)
		return rc;
	if (v > UINT32_MAX)
		return -ERANGE;
	*out = (unsigned)v;
	return 0;
}

int kstrtox_int(const char *s, unsigned base, int *out)
{
	uint64_t v;
	bool neg = s[0] == '-';
	int rc = neg ? parse_ull(s + 1, base, &v) : kstrtox_ull(s, base, &v);
	if (rc)
		return rc;
	if (neg ? v > (uint64_t)INT32_MAX + 1 : v > INT32_MAX)
		return -ERANGE;
	*out = neg ? (int)(0 - v) : (int)v;
	return 0;
}

int kstrtox_uint_from_user(const char *buf, size_t len, unsigned base, unsigned *out)
{
	/* sign, 32 binary digits, newline, terminator */
	char tmp[1 + 32 + 1 + 1];
	if (len > sizeof(tmp) - 1)
		len = sizeof(tmp) - 1;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	return kstrtox_uint(tmp, base, out);
}
