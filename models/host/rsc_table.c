#include "models/host/rsc_table.h"

#include <assert.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "models/host/rproc_mem.h"
#include "sim/core/escape.h"
#include "sim/core/le.h"

struct pctx {
	const uint8_t *buf;
	uint32_t size;
	int64_t foff; /* file offset of the table, < 0 if none */
	struct diag *d;
};

const char *rsc_type_name(uint32_t type)
{
	switch (type) {
	case RSC_CARVEOUT: return "carveout";
	case RSC_DEVMEM: return "devmem";
	case RSC_TRACE: return "trace";
	case RSC_VDEV: return "vdev";
	default:
		return type >= RSC_VENDOR_START && type <= RSC_VENDOR_END ? "vendor" : "unknown";
	}
}

const char *rsc_virtio_id_name(uint32_t id)
{
	switch (id) {
	case VIRTIO_ID_NET: return "net";
	case VIRTIO_ID_CONSOLE: return "console";
	case VIRTIO_ID_RPMSG: return "rpmsg";
	default: return NULL;
	}
}

static bool is_pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

/* "offset 0x60, file offset 0x10a4" for a table offset. */
static const char *at(const struct pctx *c, uint32_t off, char *b, size_t n)
{
	if (c->foff >= 0)
		snprintf(b, n, "offset 0x%" PRIx32 ", file offset 0x%" PRIx64, off,
			 (uint64_t)c->foff + off);
	else
		snprintf(b, n, "offset 0x%" PRIx32, off);
	return b;
}

#define AT(off) at(c, (off), wbuf, sizeof(wbuf))

static void hdr_err(const struct pctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void hdr_err(const struct pctx *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(c->d, "resource table: %s", msg);
}

static void ent_msg(const struct pctx *c, const struct rsc_entry *e, enum diag_severity sev,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void ent_msg(const struct pctx *c, const struct rsc_entry *e, enum diag_severity sev,
		    const char *fmt, ...)
{
	char msg[512], w[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_add(c->d, sev, "resource table entry %u (%s at %s): %s", e->index,
		 rsc_type_name(e->type), at(c, e->offset, w, sizeof(w)), msg);
}

static uint32_t ld(const struct pctx *c, uint32_t off)
{
	assert(off <= c->size && c->size - off >= 4);
	return le32_load(c->buf + off);
}

/* Copies the 32-byte name at off, bounded; false if it has no NUL. */
static bool get_name(const struct pctx *c, uint32_t off, char *name)
{
	memcpy(name, c->buf + off, RSC_NAME_LEN);
	if (memchr(name, '\0', RSC_NAME_LEN))
		return true;
	name[RSC_NAME_LEN - 1] = '\0'; /* keep the decoded copy printable */
	return false;
}

static bool check_truncated(const struct pctx *c, const struct rsc_entry *e, uint32_t avail,
			    uint32_t need)
{
	if (need <= avail)
		return true;
	ent_msg(c, e, DIAG_ERROR, "%s rsc is truncated: its body needs %" PRIu32 " bytes but only %"
		PRIu32 " are left in the %" PRIu32 "-byte table", rsc_type_name(e->type), need,
		avail, c->size);
	return false;
}

/* sev: DIAG_ERROR for memory the host must allocate or map, DIAG_WARNING
 * for a trace buffer (only read through debugfs). */
static bool check_range(const struct pctx *c, const struct rsc_entry *e, uint32_t da, uint32_t len,
			uint32_t da_off, uint32_t len_off, enum diag_severity sev)
{
	char wbuf[64];
	bool ok = true;
	if (len == 0) {
		ent_msg(c, e, sev, "len (%s) is 0; give the size the firmware needs", AT(len_off));
		ok = false;
	} else if (da != FW_RSC_ADDR_ANY && (uint64_t)da + len > (uint64_t)UINT32_MAX + 1) {
		ent_msg(c, e, sev, "da 0x%" PRIx32 " (%s) + len 0x%" PRIx32 " wraps around the "
			"32-bit device address space", da, AT(da_off), len);
		ok = false;
	}
	return ok;
}

/* Linux boots a name without a NUL (rproc_handle_carveout formats it
 * into a 32-byte buffer, reading past the entry until some NUL); rpsim
 * reads 31 characters and stops. */
static void name_warning(const struct pctx *c, const struct rsc_entry *e, uint32_t off)
{
	char wbuf[64];
	ent_msg(c, e, DIAG_WARNING, "name (%s) has no NUL in its 32 bytes; read as its first %d "
		"characters (end it with a NUL: Linux reads past the entry)", AT(off),
		RSC_NAME_LEN - 1);
}

static bool parse_mem(const struct pctx *c, struct rsc_entry *e, uint32_t avail)
{
	char wbuf[64];
	uint32_t o = e->offset;
	if (!check_truncated(c, e, avail, RSC_MEM_SIZE - 4))
		return false;
	e->size = RSC_MEM_SIZE;
	e->da = ld(c, o + RSC_MEM_DA);
	e->pa = ld(c, o + RSC_MEM_PA);
	e->len = ld(c, o + RSC_MEM_LEN);
	e->flags = ld(c, o + RSC_MEM_FLAGS);
	bool ok = true;
	uint32_t reserved = ld(c, o + RSC_MEM_RESERVED);
	if (reserved) {
		ent_msg(c, e, DIAG_ERROR, "reserved (%s) is 0x%" PRIx32 "; %s rsc has non zero reserved "
			"bytes, must be 0", AT(o + RSC_MEM_RESERVED), reserved, rsc_type_name(e->type));
		ok = false;
	}
	if (!get_name(c, o + RSC_MEM_NAME, e->name))
		name_warning(c, e, o + RSC_MEM_NAME);
	return check_range(c, e, e->da, e->len, o + RSC_MEM_DA, o + RSC_MEM_LEN, DIAG_ERROR) && ok;
}

static bool parse_trace(const struct pctx *c, struct rsc_entry *e, uint32_t avail)
{
	char wbuf[64];
	uint32_t o = e->offset;
	if (!check_truncated(c, e, avail, RSC_TRACE_SIZE - 4))
		return false;
	e->size = RSC_TRACE_SIZE;
	e->da = ld(c, o + RSC_TRACE_DA);
	e->len = ld(c, o + RSC_TRACE_LEN);
	bool ok = true;
	uint32_t reserved = ld(c, o + RSC_TRACE_RESERVED);
	if (reserved) {
		ent_msg(c, e, DIAG_ERROR, "reserved (%s) is 0x%" PRIx32 "; trace rsc has non zero "
			"reserved bytes, must be 0", AT(o + RSC_TRACE_RESERVED), reserved);
		ok = false;
	}
	if (!get_name(c, o + RSC_TRACE_NAME, e->name))
		name_warning(c, e, o + RSC_TRACE_NAME);
	/* Linux's rproc_handle_trace does not translate the buffer: a bad
	 * address only makes debugfs say "Trace  not available" when read */
	if (e->da == FW_RSC_ADDR_ANY) {
		ent_msg(c, e, DIAG_WARNING, "da (%s) is FW_RSC_ADDR_ANY; a trace buffer lives in the "
			"firmware's memory and needs its address (reading it will say \"not "
			"available\")", AT(o + RSC_TRACE_DA));
		return ok;
	}
	check_range(c, e, e->da, e->len, o + RSC_TRACE_DA, o + RSC_TRACE_LEN, DIAG_WARNING);
	return ok;
}

static bool parse_vring(const struct pctx *c, struct rsc_entry *e, unsigned i)
{
	char wbuf[64];
	struct rsc_vring *v = &e->vring[i];
	uint32_t o = e->offset + RSC_VDEV_VRINGS + i * RSC_VRING_SIZE;
	v->offset = o;
	v->da = ld(c, o + RSC_VRING_DA);
	v->align = ld(c, o + RSC_VRING_ALIGN);
	v->num = ld(c, o + RSC_VRING_NUM);
	v->notifyid = ld(c, o + RSC_VRING_NOTIFYID);
	v->pa = ld(c, o + RSC_VRING_PA);
	bool ok = true;
	if (v->num == 0) {
		ent_msg(c, e, DIAG_ERROR, "vring %u num (%s) is 0: invalid queue size", i,
			AT(o + RSC_VRING_NUM));
		ok = false;
	} else if (!is_pow2(v->num)) {
		ent_msg(c, e, DIAG_ERROR, "vring %u num (%s) is %" PRIu32 ", not a power of two; "
			"virtio rings need one (e.g. 256)", i, AT(o + RSC_VRING_NUM), v->num);
		ok = false;
	} else if (v->num > RSC_VRING_NUM_MAX) {
		ent_msg(c, e, DIAG_ERROR, "vring %u num (%s) is %" PRIu32 ", above virtio's maximum "
			"of %u", i, AT(o + RSC_VRING_NUM), v->num, RSC_VRING_NUM_MAX);
		ok = false;
	}
	if (v->align == 0) {
		ent_msg(c, e, DIAG_ERROR, "vring %u align (%s) is 0: invalid alignment", i,
			AT(o + RSC_VRING_ALIGN));
		ok = false;
	} else if (!is_pow2(v->align)) {
		ent_msg(c, e, DIAG_ERROR, "vring %u align (%s) is 0x%" PRIx32 ", not a power of two "
			"(use 16 or 0x1000, as the remote's vring code does)", i,
			AT(o + RSC_VRING_ALIGN), v->align);
		ok = false;
	}
	return ok;
}

static bool parse_vdev(const struct pctx *c, struct rsc_entry *e, uint32_t avail)
{
	char wbuf[64];
	uint32_t o = e->offset;
	/* Linux reads num_of_vrings before it knows these bytes exist. */
	if (!check_truncated(c, e, avail, RSC_VDEV_FIXED - 4))
		return false;
	e->id = ld(c, o + RSC_VDEV_ID);
	e->notifyid = ld(c, o + RSC_VDEV_NOTIFYID);
	e->dfeatures = ld(c, o + RSC_VDEV_DFEATURES);
	e->gfeatures = ld(c, o + RSC_VDEV_GFEATURES);
	e->config_len = ld(c, o + RSC_VDEV_CONFIG_LEN);
	e->status = c->buf[o + RSC_VDEV_STATUS];
	e->num_of_vrings = c->buf[o + RSC_VDEV_NUM_VRINGS];
	bool ok = true;
	/* 64-bit sum: config_len near 2^32 must not wrap past the check */
	uint64_t need = (uint64_t)(RSC_VDEV_FIXED - 4) + (uint64_t)RSC_VRING_SIZE * e->num_of_vrings +
			e->config_len;
	if (need > avail) {
		ent_msg(c, e, DIAG_ERROR, "vdev rsc is truncated: 24 + 20 x num_of_vrings %u (%s) + "
			"config_len %" PRIu32 " (%s) = %" PRIu64 " bytes, but only %" PRIu32
			" are left in the table", e->num_of_vrings, AT(o + RSC_VDEV_NUM_VRINGS),
			e->config_len, at(c, o + RSC_VDEV_CONFIG_LEN, (char[64]){ 0 }, 64), need, avail);
		return false;
	}
	e->size = (uint32_t)need + 4;
	e->config_offset = o + RSC_VDEV_VRINGS + RSC_VRING_SIZE * e->num_of_vrings;
	uint8_t r0 = c->buf[o + RSC_VDEV_RESERVED], r1 = c->buf[o + RSC_VDEV_RESERVED + 1];
	if (r0 || r1) {
		ent_msg(c, e, DIAG_ERROR, "reserved (%s) is %02x %02x; vdev rsc has non zero reserved "
			"bytes, must be 0", AT(o + RSC_VDEV_RESERVED), r0, r1);
		ok = false;
	}
	if (e->num_of_vrings > RSC_MAX_VRINGS) {
		ent_msg(c, e, DIAG_ERROR, "num_of_vrings (%s) is %u: too many vrings, Linux supports "
			"at most %u per vdev", AT(o + RSC_VDEV_NUM_VRINGS), e->num_of_vrings,
			RSC_MAX_VRINGS);
		return false;
	}
	for (unsigned i = 0; i < e->num_of_vrings; i++)
		ok = parse_vring(c, e, i) && ok;
	return ok;
}

/* Entry i's offset word; false (with an error) if it cannot be an entry. */
static bool check_offset(const struct pctx *c, unsigned i, uint32_t off, uint32_t hdr_end)
{
	char wbuf[64];
	const char *why = NULL;
	char what[96];
	if (off > INT32_MAX) {
		snprintf(what, sizeof(what), "negative (%" PRId32 ") as Linux reads it", (int32_t)off);
		why = what;
	} else if (off < hdr_end) {
		snprintf(what, sizeof(what), "inside the table header (which ends at 0x%" PRIx32 ")",
			 hdr_end);
		why = what;
	} else if (off % 4) {
		why = "not 4-byte aligned";
	} else if (off > c->size - 4) {
		snprintf(what, sizeof(what), "beyond the %" PRIu32 "-byte table: rsc table is truncated",
			 c->size);
		why = what;
	}
	if (!why)
		return true;
	hdr_err(c, "offset[%u] (%s) is 0x%" PRIx32 ", %s", i, AT(RSC_HDR_SIZE + 4 * i), off, why);
	return false;
}

static void check_overlap(const struct pctx *c, const struct rsc_table *t, const struct rsc_entry *e)
{
	for (unsigned k = 0; k < t->nentries; k++) {
		const struct rsc_entry *o = &t->entries[k];
		if (o->size == 0 || o == e)
			continue;
		if (e->offset < o->offset + o->size && o->offset < e->offset + e->size) {
			ent_msg(c, e, DIAG_ERROR, "its %" PRIu32 " bytes overlap entry %u (%s at offset 0x%"
				PRIx32 "); every entry needs bytes of its own", e->size, o->index,
				rsc_type_name(o->type), o->offset);
			return;
		}
	}
}

int rsc_table_parse(const uint8_t *buf, size_t size, int64_t file_offset, struct rsc_table *t,
		    struct diag *d)
{
	memset(t, 0, sizeof(*t));
	struct pctx ctx = { .buf = buf, .size = (uint32_t)size, .foff = file_offset, .d = d };
	const struct pctx *c = &ctx;
	char wbuf[64];
	unsigned errors_before = diag_count(d, DIAG_ERROR);

	if (size < RSC_HDR_SIZE) {
		hdr_err(c, "%zu bytes, smaller than the 16-byte header: resource table header not found",
			size);
		return -1;
	}
	if (size > UINT32_MAX) {
		hdr_err(c, "%zu bytes, larger than any 32-bit offset can reach", size);
		return -1;
	}
	t->size = (uint32_t)size;
	t->ver = ld(c, 0);
	t->num = ld(c, 4);
	if (t->ver != 1) {
		hdr_err(c, "ver (%s) is %" PRIu32 "; only version 1 is supported", AT(0), t->ver);
		return -1;
	}
	for (unsigned r = 0; r < 2; r++) {
		uint32_t v = ld(c, 8 + 4 * r);
		if (v)
			hdr_err(c, "reserved[%u] (%s) is 0x%" PRIx32 ", must be 0", r, AT(8 + 4 * r), v);
	}
	if (t->num > (t->size - RSC_HDR_SIZE) / 4) {
		hdr_err(c, "num (%s) is %" PRIu32 ", but %" PRIu32 " offsets do not fit in the %" PRIu32
			"-byte table: resource table incomplete", AT(4), t->num, t->num, t->size);
		return -1;
	}
	if (t->num > RSC_MAX_ENTRIES) {
		hdr_err(c, "num (%s) is %" PRIu32 "; rpsim accepts at most %u entries", AT(4), t->num,
			RSC_MAX_ENTRIES);
		return -1;
	}
	uint32_t hdr_end = RSC_HDR_SIZE + 4 * t->num;
	t->entries = t->num ? calloc(t->num, sizeof(*t->entries)) : NULL;
	if (t->num && !t->entries) {
		hdr_err(c, "out of memory for %" PRIu32 " entries", t->num);
		return -1;
	}
	for (unsigned i = 0; i < t->num; i++) {
		struct rsc_entry *e = &t->entries[t->nentries++];
		e->index = i;
		e->offset = ld(c, RSC_HDR_SIZE + 4 * i);
		e->type = UINT32_MAX;
		if (!check_offset(c, i, e->offset, hdr_end))
			continue;
		e->type = ld(c, e->offset);
		uint32_t avail = t->size - e->offset - 4;
		bool ok = true;
		switch (e->type) {
		case RSC_CARVEOUT:
		case RSC_DEVMEM:
			ok = parse_mem(c, e, avail);
			break;
		case RSC_TRACE:
			ok = parse_trace(c, e, avail);
			break;
		case RSC_VDEV:
			ok = parse_vdev(c, e, avail);
			break;
		default:
			e->skipped = true;
			e->size = 4;
			if (e->type >= RSC_VENDOR_START && e->type <= RSC_VENDOR_END)
				ent_msg(c, e, DIAG_WARNING, "unsupported vendor resource %" PRIu32
					" skipped: no platform driver here handles it", e->type);
			else
				ent_msg(c, e, DIAG_WARNING, "unsupported resource %" PRIu32 " skipped "
					"(known types are 0..3 and vendor 128..512)", e->type);
			break;
		}
		if (e->size)
			check_overlap(c, t, e);
		(void)ok;
	}
	return diag_count(d, DIAG_ERROR) != errors_before ? -1 : 0;
}

void rsc_table_free(struct rsc_table *t)
{
	free(t->entries);
	memset(t, 0, sizeof(*t));
}

void rsc_table_store32(uint8_t *buf, size_t size, uint32_t off, uint32_t val)
{
	assert(off <= size && size - off >= 4);
	le32_store(buf + off, val);
}

/* Names come from the firmware: escaped (sim/core/escape.h). */
static void put_name(FILE *f, const char *name)
{
	fputc('"', f);
	sim_escape_write(f, name, strlen(name), SIM_ESC_QUOTE);
	fputc('"', f);
}

static void put_addr(FILE *f, const char *label, uint32_t v)
{
	if (v == FW_RSC_ADDR_ANY)
		fprintf(f, " %s any", label);
	else
		fprintf(f, " %s 0x%" PRIx32, label, v);
}

static void print_vdev(const struct rsc_entry *e, FILE *f, const char *ind)
{
	const char *vname = rsc_virtio_id_name(e->id);
	fprintf(f, " id %" PRIu32 " (%s) notifyid %" PRIu32 " dfeatures 0x%" PRIx32, e->id,
		vname ? vname : "virtio", e->notifyid, e->dfeatures);
	if (e->id == VIRTIO_ID_RPMSG && (e->dfeatures & (1u << VIRTIO_RPMSG_F_NS)))
		fprintf(f, " (NS)");
	fprintf(f, " gfeatures 0x%" PRIx32 " config_len %" PRIu32 " status 0x%x vrings %u\n",
		e->gfeatures, e->config_len, e->status, e->num_of_vrings);
	for (unsigned i = 0; i < e->num_of_vrings && i < RSC_MAX_VRINGS; i++) {
		const struct rsc_vring *v = &e->vring[i];
		fprintf(f, "%s    vring %u at 0x%" PRIx32 ":", ind, i, v->offset);
		put_addr(f, "da", v->da);
		fprintf(f, " align 0x%" PRIx32 " num %" PRIu32 " notifyid %" PRIu32, v->align, v->num,
			v->notifyid);
		put_addr(f, "pa", v->pa);
		uint64_t sz = rproc_vring_size(v->num, v->align);
		if (sz)
			fprintf(f, " vring_size %" PRIu64 " (0x%" PRIx64 ")", sz, sz);
		fputc('\n', f);
	}
}

void rsc_table_print(const struct rsc_table *t, FILE *f, const char *ind)
{
	fprintf(f, "%sresource table: version %" PRIu32 ", %" PRIu32 " entr%s, %" PRIu32 " bytes\n",
		ind, t->ver, t->num, t->num == 1 ? "y" : "ies", t->size);
	for (unsigned i = 0; i < t->nentries; i++) {
		const struct rsc_entry *e = &t->entries[i];
		fprintf(f, "%s  entry %u at offset 0x%" PRIx32 ": %s", ind, e->index, e->offset,
			e->type == UINT32_MAX ? "(unreadable)" : rsc_type_name(e->type));
		if (e->type == UINT32_MAX || e->size == 0) {
			fputc('\n', f);
			continue;
		}
		switch (e->type) {
		case RSC_CARVEOUT:
		case RSC_DEVMEM:
			fputc(' ', f);
			put_name(f, e->name);
			put_addr(f, "da", e->da);
			put_addr(f, "pa", e->pa);
			fprintf(f, " len 0x%" PRIx32 " flags 0x%" PRIx32 "\n", e->len, e->flags);
			break;
		case RSC_TRACE:
			fputc(' ', f);
			put_name(f, e->name);
			fprintf(f, " da 0x%" PRIx32 " len 0x%" PRIx32 "\n", e->da, e->len);
			break;
		case RSC_VDEV:
			print_vdev(e, f, ind);
			break;
		default:
			fprintf(f, " type %" PRIu32 " (skipped)\n", e->type);
			break;
		}
	}
}

/* A name as Linux's "%s" prints it, but bounded to its 32 bytes (Linux
 * reads on until some NUL) and escaped (sim/core/escape.h: rpsim never
 * prints raw bytes a firmware chose). */
static void debugfs_name(FILE *f, const uint8_t *name)
{
	fputs("  Name ", f);
	sim_escape_write(f, name, strnlen((const char *)name, RSC_NAME_LEN), 0);
	fputs("\n\n", f);
}

void rsc_table_print_debugfs(const uint8_t *buf, size_t size, FILE *f)
{
	static const char *const types[] = { "carveout", "devmem", "trace", "vdev" };
	if (size < RSC_HDR_SIZE)
		return;
	uint32_t num = le32_load(buf + 4);
	/* rproc_rsc_table_show walks table->num entries without a bound;
	 * rpsim stops where the offsets or the entries leave the table */
	for (uint32_t i = 0; i < num && RSC_HDR_SIZE + 4ull * i + 4 <= size; i++) {
		uint32_t off = le32_load(buf + RSC_HDR_SIZE + 4 * i);
		if (off > size || size - off < 4) {
			fprintf(f, "Entry %" PRIu32 " lies beyond the %zu-byte table\n", i, size);
			continue;
		}
		const uint8_t *e = buf + off;
		uint32_t type = le32_load(e);
		uint32_t need = type == RSC_CARVEOUT || type == RSC_DEVMEM ? RSC_MEM_SIZE
				: type == RSC_TRACE ? RSC_TRACE_SIZE
				: type == RSC_VDEV ? RSC_VDEV_FIXED : 4;
		if (type == RSC_VDEV && size - off >= RSC_VDEV_FIXED)
			need += RSC_VRING_SIZE * (e[RSC_VDEV_NUM_VRINGS] < RSC_MAX_VRINGS
						  ? e[RSC_VDEV_NUM_VRINGS] : RSC_MAX_VRINGS);
		if (type < RSC_LAST && size - off < need) {
			fprintf(f, "Entry %" PRIu32 " is of type %s, truncated by the end of the table\n", i,
				types[type]);
			continue;
		}
		switch (type) {
		case RSC_CARVEOUT:
		case RSC_DEVMEM:
			fprintf(f, "Entry %" PRIu32 " is of type %s\n", i, types[type]);
			fprintf(f, "  Device Address 0x%" PRIx32 "\n  Physical Address 0x%" PRIx32 "\n"
				"  Length 0x%" PRIx32 " Bytes\n  Flags 0x%" PRIx32 "\n"
				"  Reserved (should be zero) [%" PRId32 "]\n", le32_load(e + RSC_MEM_DA),
				le32_load(e + RSC_MEM_PA), le32_load(e + RSC_MEM_LEN),
				le32_load(e + RSC_MEM_FLAGS), (int32_t)le32_load(e + RSC_MEM_RESERVED));
			debugfs_name(f, e + RSC_MEM_NAME);
			break;
		case RSC_TRACE:
			fprintf(f, "Entry %" PRIu32 " is of type %s\n", i, types[type]);
			fprintf(f, "  Device Address 0x%" PRIx32 "\n  Length 0x%" PRIx32 " Bytes\n"
				"  Reserved (should be zero) [%" PRId32 "]\n", le32_load(e + RSC_TRACE_DA),
				le32_load(e + RSC_TRACE_LEN), (int32_t)le32_load(e + RSC_TRACE_RESERVED));
			debugfs_name(f, e + RSC_TRACE_NAME);
			break;
		case RSC_VDEV: {
			unsigned nv = e[RSC_VDEV_NUM_VRINGS];
			fprintf(f, "Entry %" PRIu32 " is of type %s\n", i, types[type]);
			fprintf(f, "  ID %" PRId32 "\n  Notify ID %" PRId32 "\n  Device features 0x%" PRIx32
				"\n  Guest features 0x%" PRIx32 "\n  Config length 0x%" PRIx32 "\n"
				"  Status 0x%x\n  Number of vrings %u\n"
				"  Reserved (should be zero) [%u][%u]\n\n",
				(int32_t)le32_load(e + RSC_VDEV_ID), (int32_t)le32_load(e + RSC_VDEV_NOTIFYID),
				le32_load(e + RSC_VDEV_DFEATURES), le32_load(e + RSC_VDEV_GFEATURES),
				le32_load(e + RSC_VDEV_CONFIG_LEN), e[RSC_VDEV_STATUS], nv,
				e[RSC_VDEV_RESERVED], e[RSC_VDEV_RESERVED + 1]);
			for (unsigned j = 0; j < nv && j < RSC_MAX_VRINGS; j++) {
				const uint8_t *v = e + RSC_VDEV_VRINGS + RSC_VRING_SIZE * j;
				fprintf(f, "  Vring %u\n    Device Address 0x%" PRIx32 "\n    Alignment %" PRId32
					"\n    Number of buffers %" PRId32 "\n    Notify ID %" PRId32 "\n"
					"    Physical Address 0x%" PRIx32 "\n\n", j, le32_load(v + RSC_VRING_DA),
					(int32_t)le32_load(v + RSC_VRING_ALIGN),
					(int32_t)le32_load(v + RSC_VRING_NUM),
					(int32_t)le32_load(v + RSC_VRING_NOTIFYID), le32_load(v + RSC_VRING_PA));
			}
			break;
		}
		default:
			/* "[hdr: %pK]": a kernel pointer, printed as a kernel
			 * with kptr_restrict set prints it */
			fprintf(f, "Unknown resource type found: %" PRId32 " [hdr: 0000000000000000]\n",
				(int32_t)type);
			break;
		}
	}
}

int rsc_table_same_layout(const struct rsc_table *cached, const uint8_t *buf, size_t size,
			  struct diag *d)
{
	struct diag quiet;
	struct rsc_table now;
	diag_init(&quiet, NULL);
	int rc = rsc_table_parse(buf, size, -1, &now, &quiet);
	diag_free(&quiet);
	if (rc != 0) {
		diag_error(d, "resource table in device memory no longer passes the checks it passed "
			   "when loaded: the remote corrupted it");
		rsc_table_free(&now);
		return -1;
	}
	if (now.num != cached->num) {
		diag_error(d, "resource table in device memory: num changed from %" PRIu32 " to %"
			   PRIu32 " after loading", cached->num, now.num);
		rsc_table_free(&now);
		return -1;
	}
	for (unsigned i = 0; i < now.nentries && rc == 0; i++) {
		const struct rsc_entry *a = &cached->entries[i], *b = &now.entries[i];
		if (a->offset != b->offset || a->type != b->type || a->size != b->size ||
		    a->num_of_vrings != b->num_of_vrings || a->config_len != b->config_len) {
			diag_error(d, "resource table entry %u in device memory: its layout changed "
				   "after loading (offset 0x%" PRIx32 "->0x%" PRIx32 ", type %" PRIu32
				   "->%" PRIu32 ", num_of_vrings %u->%u, config_len %" PRIu32 "->%"
				   PRIu32 "); the host keeps using the layout it checked", i,
				   a->offset, b->offset, a->type, b->type, a->num_of_vrings,
				   b->num_of_vrings, a->config_len, b->config_len);
			rc = -1;
		}
	}
	rsc_table_free(&now);
	return rc;
}
