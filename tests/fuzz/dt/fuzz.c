/* Fuzz target: a device-tree blob through the reader (sim/platform/dt.h):
 * any blob is refused with a message or read into a platform description,
 * never a crash, a hang or an out-of-bounds read.
 *
 * Seed corpus: tests/fuzz/dt/seeds.sh compiles the shipped boards (the
 * .dts files of scenarios/boards) and the bad ones (tests/dts-bad) into
 * blobs.  The Check test tests/unit/check_dt.c (damaged_blobs) replays
 * seeded damage of a rich board in every `make check` too. */
#include "sim/platform/dt.h"
#include "tests/fuzz/fuzz.h"

FUZZ_TARGET(dt)
{
	/* libfdt wants the blob 8-byte aligned: a copy, as a file read gives */
	void *blob = malloc(size ? size : 1);
	if (!blob)
		return 0;
	memcpy(blob, data, size);
	struct platform_desc *p = malloc(sizeof(*p));
	struct diag d;
	diag_init(&d, NULL);
	if (p) {
		dt_read_blob(blob, size, "fuzz.dtb", p, &d);
		diag_print(&d, fuzz_null_stream());
		platform_desc_free_strings(p);
	}
	diag_free(&d);
	free(p);
	free(blob);
	return 0;
}
