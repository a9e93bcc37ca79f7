/* Fuzz target: a firmware file through every reader that takes one.
 *   - the host's load path, as `rpsim inspect` and a boot run it: ELF
 *     checks, resource table (parsed, printed, handled), carveouts from
 *     the pool, segments and the table loaded over the host's bus, and
 *     the debugfs views of the table;
 *   - `rpsim exec`'s reader (any address in 32 bits, HTIF symbols);
 *   - the viewer's (symbols, the loaded image read back). */
#include "models/host/rproc_load.h"
#include "sim/core/elf.h"
#include "tests/fuzz/fuzz.h"

static void host_load(const uint8_t *data, size_t size)
{
	struct rproc_platform plat;
	rproc_platform_default(&plat);
	struct rproc_sandbox sb;
	char err[256];
	if (rproc_sandbox_init(&sb, &plat, err, sizeof(err)) != 0)
		abort(); /* the default platform always builds */
	struct diag d;
	diag_init(&d, "fuzz");
	struct rproc_image img;
	rproc_image_init(&img, rproc_elf_open(data, size, plat.machine, &d), &sb.map, &sb.pool);
	if (img.elf) {
		FILE *out = fuzz_null_stream();
		int rc = rproc_image_parse_rsc(&img, &d);
		if (img.table) {
			rsc_table_print(&img.rsc, out, "");
			rsc_table_print_debugfs(img.table, img.table_size, out);
		}
		if (rc == 0)
			rc = rproc_image_handle_rsc(&img, &d);
		if (rc == 0)
			rc = rproc_image_load_segments(&img, &sb.bus, &d);
		if (rc == 0)
			rproc_image_load_table(&img, &sb.bus, &d);
	}
	diag_print(&d, fuzz_null_stream());
	rproc_image_release(&img);
	rproc_sandbox_destroy(&sb);
	diag_free(&d);
}

static void other_readers(const uint8_t *data, size_t size)
{
	static const char *const syms[] = { "tohost", "fromhost", "begin_signature", "end_signature",
					    "main", "_start", "resource_table" };
	const struct elf_open_opts exec_opts = { .addr_limit = UINT32_MAX };
	const struct elf_open_opts *opts[] = { &exec_opts, NULL };
	for (unsigned k = 0; k < 2; k++) {
		struct diag d;
		diag_init(&d, NULL);
		struct elf_image *e = elf_image_open(data, size, opts[k], &d);
		diag_free(&d);
		if (!e)
			continue;
		for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
			const struct elf_sym *s = elf_find_symbol(e, syms[i]);
			uint64_t off;
			if (s)
				elf_symbol_at(e, s->value, &off);
		}
		for (unsigned i = 0; i < e->nsegs; i++) {
			uint8_t buf[64];
			bool valid[64];
			elf_seg_data(e, &e->segs[i]);
			elf_read_loaded(e, e->segs[i].paddr, buf, valid, sizeof(buf));
			elf_read_loaded(e, e->segs[i].paddr + e->segs[i].memsz - 1, buf, valid, sizeof(buf));
		}
		uint64_t off;
		elf_symbol_at(e, e->entry, &off);
		elf_find_section(e, ".resource_table");
		elf_image_free(e);
	}
}

FUZZ_TARGET(elf)
{
	host_load(data, size);
	other_readers(data, size);
	return 0;
}
