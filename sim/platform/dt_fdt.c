/* Checked access to a device-tree blob through libfdt: every property's
 * length is checked before a cell is read, every string before it is
 * used, and everything printed is escaped (the blob is untrusted). */
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sim/platform/dt_internal.h"

static void vmsg(struct dt *t, enum diag_severity sev, int node, const char *fmt, va_list ap)
{
	char text[1024], path[DT_PATH_MAX];
	vsnprintf(text, sizeof(text), fmt, ap);
	if (node >= 0)
		diag_add(t->d, sev, "%s: %s: %s", t->file, dt_path(t, node, path, sizeof(path)), text);
	else
		diag_add(t->d, sev, "%s: %s", t->file, text);
}

void dt_err(struct dt *t, int node, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(t, DIAG_ERROR, node, fmt, ap);
	va_end(ap);
	t->errors++;
}

void dt_warn(struct dt *t, int node, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(t, DIAG_WARNING, node, fmt, ap);
	va_end(ap);
}

const char *dt_escape(const char *s, size_t n, char *buf, size_t len)
{
	size_t o = 0;
	if (!len)
		return buf;
	for (size_t i = 0; i < n && s[i] && o + 5 < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, len - o, "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

const char *dt_path(const struct dt *t, int node, char *buf, size_t len)
{
	char raw[DT_PATH_MAX];
	if (fdt_get_path(t->fdt, node, raw, sizeof(raw)) != 0)
		snprintf(raw, sizeof(raw), "(node at offset %d)", node);
	return dt_escape(raw, sizeof(raw), buf, len);
}

const char *dt_base_name(const struct dt *t, int node, char *buf, size_t len)
{
	int n = 0;
	const char *name = fdt_get_name(t->fdt, node, &n);
	if (!name || n < 0)
		n = 0;
	size_t k = 0;
	while (k < (size_t)n && name[k] != '@')
		k++;
	return dt_escape(name ? name : "", k, buf, len);
}

int dt_parent(const struct dt *t, int node)
{
	int p = fdt_parent_offset(t->fdt, node);
	return p >= 0 ? p : -1;
}

static int cells_prop(struct dt *t, int node, const char *prop, int def)
{
	int len = 0;
	const fdt32_t *v = fdt_getprop(t->fdt, node, prop, &len);
	if (!v)
		return def;
	if (len != 4) {
		dt_err(t, node, "%s: %d bytes; it must be one cell", prop, len);
		return -1;
	}
	uint32_t c = fdt32_to_cpu(*v);
	/* rpsim's addresses are 32-bit: two cells are the most that matters */
	if (c > 2 || (c == 0 && strcmp(prop, "#address-cells") == 0)) {
		dt_err(t, node, "%s is %" PRIu32 "; rpsim reads 1 or 2 (%s)", prop, c,
		       strcmp(prop, "#size-cells") == 0 ? "or 0 for no size" : "addresses up to 64 bits");
		return -1;
	}
	return (int)c;
}

int dt_addr_cells(struct dt *t, int node)
{
	return cells_prop(t, node, "#address-cells", 2);
}

int dt_size_cells(struct dt *t, int node)
{
	return cells_prop(t, node, "#size-cells", 1);
}

bool dt_available(const struct dt *t, int node)
{
	int len = 0;
	const char *s = fdt_getprop(t->fdt, node, "status", &len);
	if (!s)
		return true;
	/* of_device_is_available */
	return (len == 5 && memcmp(s, "okay", 5) == 0) || (len == 3 && memcmp(s, "ok", 3) == 0);
}

bool dt_compatible(const struct dt *t, int node, const char *s)
{
	return fdt_node_check_compatible(t->fdt, node, s) == 0;
}

int dt_string(struct dt *t, int node, const char *prop, unsigned i, char *buf, size_t len)
{
	int plen = 0;
	const char *v = fdt_getprop(t->fdt, node, prop, &plen);
	if (!v)
		return 0;
	if (plen <= 0 || v[plen - 1] != '\0') {
		dt_err(t, node, "%s: not a string (a string ends with a NUL byte)", prop);
		return -1;
	}
	int n = 0;
	const char *s = fdt_stringlist_get(t->fdt, node, prop, (int)i, &n);
	if (!s)
		return 0;
	dt_escape(s, (size_t)n, buf, len);
	if (strlen(buf) != (size_t)n || (size_t)n + 1 > len) {
		char e[128];
		dt_err(t, node, "%s: \"%s\" has control bytes or is longer than %zu characters", prop,
		       dt_escape(s, (size_t)n, e, sizeof(e)), len - 1);
		return -1;
	}
	return 1;
}

int dt_cells(struct dt *t, int node, const char *prop, const uint32_t **cells)
{
	int len = 0;
	const void *v = fdt_getprop(t->fdt, node, prop, &len);
	if (!v)
		return 0;
	if (len % 4) {
		dt_err(t, node, "%s: %d bytes is not a whole number of 32-bit cells", prop, len);
		return -1;
	}
	*cells = v;
	return len / 4;
}

static uint64_t read_cells(const uint32_t *c, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++) {
		uint32_t w;
		memcpy(&w, &c[i], 4); /* the blob holds big-endian cells, maybe unaligned */
		v = (v << 32) | fdt32_to_cpu(w);
	}
	return v;
}

int dt_u32(struct dt *t, int node, const char *prop, uint32_t *out)
{
	const uint32_t *c = NULL;
	int n = dt_cells(t, node, prop, &c);
	if (n <= 0)
		return n;
	if (n != 1) {
		dt_err(t, node, "%s: %d cells; it takes one", prop, n);
		return -1;
	}
	*out = (uint32_t)read_cells(c, 1);
	return 1;
}

int dt_u64(struct dt *t, int node, const char *prop, uint64_t *out)
{
	const uint32_t *c = NULL;
	int n = dt_cells(t, node, prop, &c);
	if (n <= 0)
		return n;
	if (n > 2) {
		dt_err(t, node, "%s: %d cells; it takes one or two", prop, n);
		return -1;
	}
	*out = read_cells(c, n);
	return 1;
}

static int tuples(struct dt *t, int node, const char *prop, int na, int np, int ns,
		  const char *form, struct dt_range *out, unsigned max)
{
	const uint32_t *c = NULL;
	int n = dt_cells(t, node, prop, &c);
	if (n <= 0)
		return n;
	int w = na + np + ns;
	if (w == 0 || n % w) {
		dt_err(t, node, "%s: %d cells do not fit %s (%d cells each): check #address-cells and "
		       "#size-cells", prop, n, form, w);
		return -1;
	}
	if ((unsigned)(n / w) > max) {
		dt_err(t, node, "%s: %d entries; rpsim reads at most %u", prop, n / w, max);
		return -1;
	}
	for (int i = 0; i < n / w; i++) {
		const uint32_t *e = c + i * w;
		out[i].child = read_cells(e, na);
		out[i].parent = read_cells(e + na, np);
		out[i].size = read_cells(e + na + np, ns);
	}
	return n / w;
}

int dt_reg(struct dt *t, int node, const char *prop, struct dt_range *out, unsigned max)
{
	int parent = dt_parent(t, node);
	if (parent < 0) {
		dt_err(t, node, "%s: the root has no parent bus to be addressed on", prop);
		return -1;
	}
	int na = dt_addr_cells(t, parent), ns = dt_size_cells(t, parent);
	if (na < 0 || ns < 0)
		return -1;
	char form[96];
	snprintf(form, sizeof(form), "(address, size) pairs of #address-cells %d and #size-cells %d",
		 na, ns);
	struct dt_range tmp[DT_MAX_REG];
	int n = tuples(t, node, prop, na, 0, ns, form, tmp, max < DT_MAX_REG ? max : DT_MAX_REG);
	for (int i = 0; i < n; i++)
		out[i] = (struct dt_range){ .child = tmp[i].child, .parent = tmp[i].child,
					    .size = tmp[i].size };
	return n;
}

int dt_ranges(struct dt *t, int node, const char *prop, struct dt_range *out, unsigned max,
	      bool *present)
{
	int len = 0;
	*present = fdt_getprop(t->fdt, node, prop, &len) != NULL;
	if (!*present || len == 0)
		return 0;
	int parent = dt_parent(t, node);
	int na = dt_addr_cells(t, node), ns = dt_size_cells(t, node);
	int np = parent >= 0 ? dt_addr_cells(t, parent) : na;
	if (na < 0 || ns < 0 || np < 0)
		return -1;
	char form[128];
	snprintf(form, sizeof(form), "(child, parent, size) triples of %d, %d and %d cells", na, np,
		 ns);
	return tuples(t, node, prop, na, np, ns, form, out, max);
}

int dt_translate(struct dt *t, int node, uint64_t addr, uint64_t size, const char *what,
		 uint64_t *out)
{
	/* node is addressed on its parent's bus: climb to the root */
	int bus = dt_parent(t, node);
	for (unsigned depth = 0; bus >= 0 && dt_parent(t, bus) >= 0; depth++) {
		struct dt_range r[DT_MAX_REG];
		bool present = false;
		int n = dt_ranges(t, bus, "ranges", r, DT_MAX_REG, &present);
		if (n < 0)
			return -1;
		if (!present) {
			char p[DT_PATH_MAX];
			dt_err(t, node, "%s 0x%" PRIx64 " cannot be translated to a host address: %s has no "
			       "\"ranges\" (add \"ranges;\" for a bus that maps its children 1:1)", what,
			       addr, dt_path(t, bus, p, sizeof(p)));
			return -1;
		}
		if (n > 0) {
			int k = 0;
			while (k < n && !(addr >= r[k].child && addr - r[k].child < r[k].size &&
					  (size == 0 || size <= r[k].size - (addr - r[k].child))))
				k++;
			if (k == n) {
				char p[DT_PATH_MAX];
				dt_err(t, node, "%s [0x%" PRIx64 ", +0x%" PRIx64 ") lies in no entry of the "
				       "\"ranges\" of %s", what, addr, size, dt_path(t, bus, p, sizeof(p)));
				return -1;
			}
			addr = addr - r[k].child + r[k].parent;
		}
		bus = dt_parent(t, bus);
		if (depth > 64)
			break;
	}
	*out = addr;
	return 0;
}

int dt_phandle(struct dt *t, int node, const char *prop, uint32_t ph)
{
	int target = (ph == 0 || ph == 0xffffffffu) ? -1 : fdt_node_offset_by_phandle(t->fdt, ph);
	if (target < 0) {
		dt_err(t, node, "%s: phandle 0x%" PRIx32 " points at no node (a label that is not "
		       "defined, or a stale number)", prop, ph);
		return -1;
	}
	return target;
}

int dt_reg32(struct dt *t, int node, uint32_t *pa, uint32_t *size)
{
	struct dt_range r[1];
	int n = dt_reg(t, node, "reg", r, 1);
	if (n < 0)
		return -1;
	if (n == 0) {
		dt_err(t, node, "no \"reg\": give its address and size, e.g. reg = <0x50000000 0x1000>;");
		return -1;
	}
	uint64_t a;
	if (dt_translate(t, node, r[0].child, r[0].size, "reg", &a) != 0)
		return -1;
	if (a > UINT32_MAX || r[0].size > UINT32_MAX || a + r[0].size > (1ULL << 32) || r[0].size == 0) {
		dt_err(t, node, "reg [0x%" PRIx64 ", +0x%" PRIx64 ") %s", a, r[0].size,
		       r[0].size == 0 ? "is empty" : "does not fit in rpsim's 32-bit address space");
		return -1;
	}
	*pa = (uint32_t)a;
	*size = (uint32_t)r[0].size;
	return 0;
}
