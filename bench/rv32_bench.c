/* Compute-bound firmware for the interpreter benchmark, one workload per
 * build (-DWORKLOAD=...): Dhrystone-like integer and string code, a FIR
 * filter, CRC-32. Each checks its own result: main returns 0 on success. */
#include <stdint.h>

#ifndef ITERS
#define ITERS 1
#endif

static __attribute__((unused)) void *mcpy(void *d, const void *s, unsigned n)
{
	uint8_t *a = d;
	const uint8_t *b = s;
	while (n--)
		*a++ = *b++;
	return d;
}

static __attribute__((unused)) int scmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

#if WORKLOAD == 1
/* Dhrystone-like: records, pointers, enums, strings, procedure calls */
enum colour { RED, GREEN, BLUE };
struct rec {
	struct rec *next;
	enum colour c;
	int ival;
	char str[31];
};
static struct rec recs[2];
static char s1[31], s2[31];
static int arr1[50], arr2[50][50];

static __attribute__((noinline)) enum colour func1(char a, char b)
{
	return a != b ? RED : GREEN;
}

static __attribute__((noinline)) int func2(const char *a, const char *b)
{
	int i = 2;
	while (i <= 2)
		if (func1(a[i], b[i + 1]) == RED)
			i++;
	return scmp(a, b) > 0;
}

static __attribute__((noinline)) void proc8(int *a1, int (*a2)[50], int x, int y)
{
	int loc = x + 5;
	a1[loc] = y;
	a1[loc + 1] = a1[loc];
	a1[loc + 30] = loc;
	for (int i = loc; i <= loc + 1; i++)
		a2[loc][i] = loc;
	a2[loc][loc - 1] += 1;
	a2[loc + 20][loc] = a1[loc];
}

static __attribute__((noinline)) void proc1(struct rec *p)
{
	struct rec *n = p->next;
	mcpy(n, p, sizeof(*n));
	p->ival = 5;
	n->ival = p->ival;
	n->next = p->next;
	if (n->c == RED) {
		n->ival = 6;
		n->c = (enum colour)((p->ival + n->ival) % 3);
	} else {
		mcpy(p, n, sizeof(*p));
	}
}

int main(void)
{
	static const char c1[] = "DHRYSTONE PROGRAM, 1'ST STRING";
	static const char c2[] = "DHRYSTONE PROGRAM, 2'ND STRING";
	mcpy(s1, c1, sizeof(c1));
	recs[0].next = &recs[1];
	recs[0].c = RED;
	int sum = 0;
	for (int run = 0; run < 300000 * ITERS; run++) {
		int a = 2, b = 3, c;
		mcpy(s2, c2, sizeof(c2));
		int bol = !func2(s1, s2);
		while (a < b) {
			c = 5 * a - b;
			a++;
			sum += c;
		}
		proc8(arr1, arr2, a, c);
		proc1(&recs[0]);
		for (char ch = 'A'; ch <= 'C'; ch++)
			if (func1(ch, 'C') == GREEN)
				sum++;
		sum += bol + b * a / 3 + recs[0].ival;
	}
	return sum == 300000 * ITERS * 17 ? 0 : 1;
}

#elif WORKLOAD == 2
/* FIR filter: 32 taps, Q15 fixed point */
#define TAPS 32
#define N 1024
static int16_t coef[TAPS], in[N + TAPS];
static int32_t out[N];

int main(void)
{
	uint32_t seed = 1;
	for (int i = 0; i < TAPS; i++)
		coef[i] = (int16_t)((i < TAPS / 2 ? i : TAPS - i) * 512);
	for (int i = 0; i < N + TAPS; i++) {
		seed = seed * 1103515245u + 12345u;
		in[i] = (int16_t)(seed >> 16);
	}
	uint32_t check = 0;
	for (int r = 0; r < 150 * ITERS; r++) {
		for (int n = 0; n < N; n++) {
			int32_t acc = 0;
			for (int k = 0; k < TAPS; k++)
				acc += coef[k] * in[n + k];
			out[n] = acc >> 15;
		}
		check = check * 31 + (uint32_t)out[r % N];
	}
	return check == 0 ? 1 : 0;
}

#elif WORKLOAD == 3
/* CRC-32 (bitwise and table-driven) over a buffer */
static uint8_t buf[4096];
static uint32_t table[256];

static uint32_t crc_bitwise(const uint8_t *p, unsigned n)
{
	uint32_t c = 0xffffffffu;
	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

static uint32_t crc_table(const uint8_t *p, unsigned n)
{
	uint32_t c = 0xffffffffu;
	while (n--)
		c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return ~c;
}

int main(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
		table[i] = c;
	}
	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	int bad = 0;
	for (int r = 0; r < 60 * ITERS; r++) {
		buf[r] ^= 1;
		if (crc_bitwise(buf, sizeof(buf)) != crc_table(buf, sizeof(buf)))
			bad = 1;
	}
	return bad;
}
#else
#error "WORKLOAD must be 1 (dhrystone), 2 (fir) or 3 (crc)"
#endif
