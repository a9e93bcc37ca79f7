/* Compute-bound firmware for the interpreter benchmarks, one workload per
 * build (-DWORKLOAD=...): Dhrystone-like integer and string code, a FIR
 * filter, CRC-32, CoreMark-like tight loops, call-heavy code. Each checks
 * its own result: main returns 0 on success. The same ELF runs on rpsim
 * exec and on qemu-system-riscv32 -M spike (bench/vs-qemu.sh). */
#include <stdint.h>

#ifndef ITERS
#define ITERS 1
#endif
/* a native build (cc -DREPORT=...) prints what the firmware checks */
#ifndef REPORT
#define REPORT(x) (void)0
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
#elif WORKLOAD == 4
/* CoreMark-like tight loops: a linked list (find, reverse), a small integer
 * matrix (scale, multiply, bit fields), a state machine classifying
 * number-like tokens, and CRC-16 over every result, repeated. */
#define LN 64
#define MN 12
#ifndef EXPECT_CRC
#define EXPECT_CRC 53356u /* ITERS 1 */
#endif
struct lnode {
	struct lnode *next;
	int16_t key, val;
};
static struct lnode lpool[LN];
static int16_t ma[MN * MN], mb[MN * MN];
static int32_t mc[MN * MN];
static char tokens[256];

static uint16_t crc16(uint16_t crc, uint32_t v)
{
	for (int i = 0; i < 32; i++) {
		unsigned bit = (v ^ crc) & 1;
		v >>= 1;
		crc >>= 1;
		if (bit)
			crc ^= 0xa001;
	}
	return crc;
}

static struct lnode *list_find(struct lnode *l, int key)
{
	while (l && l->key != key)
		l = l->next;
	return l;
}

static struct lnode *list_reverse(struct lnode *l)
{
	struct lnode *prev = 0;
	while (l) {
		struct lnode *n = l->next;
		l->next = prev;
		prev = l;
		l = n;
	}
	return prev;
}

static uint32_t matrix(int16_t k)
{
	for (int i = 0; i < MN * MN; i++)
		ma[i] = (int16_t)(ma[i] + k);
	for (int i = 0; i < MN; i++)
		for (int j = 0; j < MN; j++) {
			int32_t acc = 0;
			for (int x = 0; x < MN; x++)
				acc += ma[i * MN + x] * mb[x * MN + j];
			mc[i * MN + j] = acc;
		}
	uint32_t sum = 0;
	for (int i = 0; i < MN * MN; i++)
		sum += ((uint32_t)mc[i] >> 3) & 0xf;
	return sum;
}

enum { S_START, S_INT, S_FRAC, S_EXP, S_BAD };

static uint32_t scan(const char *p, unsigned n)
{
	uint32_t counts[5] = { 0 };
	unsigned st = S_START;
	for (unsigned i = 0; i < n; i++) {
		char ch = p[i];
		if (ch == ',') {
			counts[st]++;
			st = S_START;
			continue;
		}
		switch (st) {
		case S_START: st = ch >= '0' && ch <= '9' ? S_INT : ch == '.' ? S_FRAC : S_BAD; break;
		case S_INT: st = ch >= '0' && ch <= '9' ? S_INT : ch == '.' ? S_FRAC : ch == 'e' ? S_EXP : S_BAD; break;
		case S_FRAC: st = ch >= '0' && ch <= '9' ? S_FRAC : ch == 'e' ? S_EXP : S_BAD; break;
		case S_EXP: st = ch >= '0' && ch <= '9' ? S_EXP : S_BAD; break;
		default: break;
		}
	}
	return counts[S_INT] * 7 + counts[S_FRAC] * 5 + counts[S_EXP] * 3 + counts[S_BAD];
}

int main(void)
{
	static const char pat[] = "123,4.5,6e7,x9,.25,88,1.5e3,,7";
	for (unsigned i = 0; i < sizeof(tokens); i++)
		tokens[i] = pat[i % (sizeof(pat) - 1)];
	for (int i = 0; i < MN * MN; i++) {
		ma[i] = (int16_t)(i * 3 - 50);
		mb[i] = (int16_t)(i % 7 - 3);
	}
	struct lnode *head = 0;
	for (int i = LN - 1; i >= 0; i--) {
		lpool[i].key = (int16_t)(i * 5 % LN);
		lpool[i].val = (int16_t)i;
		lpool[i].next = head;
		head = &lpool[i];
	}
	uint16_t crc = 0;
	for (int it = 0; it < 18000 * ITERS; it++) {
		for (int k = 0; k < 8; k++) {
			struct lnode *f = list_find(head, (it + k * 9) % LN);
			crc = crc16(crc, f ? (uint32_t)f->val : 0xffffu);
		}
		head = list_reverse(head);
		crc = crc16(crc, matrix((int16_t)(it & 3)));
		crc = crc16(crc, scan(tokens, sizeof(tokens)));
	}
	REPORT(crc);
	/* the expected value comes from a native build of the same code */
	return crc == EXPECT_CRC ? 0 : 1;
}

#elif WORKLOAD == 5
/* Call heavy: recursion, small functions that are not inlined, calls
 * through function pointers (an expression tree evaluated recursively). */
#ifndef EXPECT_ACC
#define EXPECT_ACC 1483987456u /* ITERS 1 */
#endif
static __attribute__((noinline)) int fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

struct expr {
	unsigned (*eval)(const struct expr *);
	const struct expr *l, *r;
	unsigned v;
};
static __attribute__((noinline)) unsigned e_const(const struct expr *e) { return e->v; }
static __attribute__((noinline)) unsigned e_add(const struct expr *e) { return e->l->eval(e->l) + e->r->eval(e->r); }
static __attribute__((noinline)) unsigned e_mul(const struct expr *e) { return e->l->eval(e->l) * e->r->eval(e->r); }
static __attribute__((noinline)) unsigned e_sub(const struct expr *e) { return e->l->eval(e->l) - e->r->eval(e->r); }

static struct expr nodes[64];
static unsigned nnodes;

static const struct expr *build(int depth, int seed)
{
	struct expr *e = &nodes[nnodes++];
	if (depth == 0) {
		*e = (struct expr){ e_const, 0, 0, (unsigned)(seed % 5 + 1) };
		return e;
	}
	static unsigned (*const fns[3])(const struct expr *) = { e_add, e_mul, e_sub };
	*e = (struct expr){ fns[seed % 3], 0, 0, 0 };
	e->l = build(depth - 1, seed * 7 + 1);
	e->r = build(depth - 1, seed * 3 + 2);
	return e;
}

static __attribute__((noinline)) unsigned mix(unsigned a, unsigned b) { return (a ^ b) * 2654435761u; }

int main(void)
{
	const struct expr *root = build(4, 1);
	unsigned acc = 0;
	for (int it = 0; it < 320 * ITERS; it++) {
		acc = mix(acc, (unsigned)fib(22));
		for (int k = 0; k < 2000; k++)
			acc = mix(acc, root->eval(root));
	}
	REPORT(acc);
	return acc == EXPECT_ACC ? 0 : 1;
}
#else
#error "WORKLOAD must be 1 (dhrystone), 2 (fir), 3 (crc), 4 (coremark-like) or 5 (calls)"
#endif
