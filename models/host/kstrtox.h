/* The kernel's number parsing for user-written text (lib/kstrtox.c), as
 * sysfs, debugfs and module parameters apply it: an optional sign ('+',
 * and '-' for signed types), the base from the prefix when base is 0 ("0x"
 * then a hex digit: 16; "0": 8; else 10), digits, at most one trailing
 * newline and nothing else.  Each returns 0 with *out set, -EINVAL
 * (malformed) or -ERANGE (does not fit); s is NUL-terminated. */
#ifndef RPSIM_KSTRTOX_H
#define RPSIM_KSTRTOX_H

#include <stddef.h>
#include <stdint.h>

int kstrtox_ull(const char *s, unsigned base, uint64_t *out);
int kstrtox_uint(const char *s, unsigned base, unsigned *out);
int kstrtox_int(const char *s, unsigned base, int *out);
/* kstrtouint_from_user: the first 34 bytes of buf (len of them, no NUL
 * needed) parsed as kstrtox_uint. */
int kstrtox_uint_from_user(const char *buf, size_t len, unsigned base, unsigned *out);

#endif
