/* libFuzzer harness of the device-tree reader: any blob is refused with a
 * message or read into a platform description, never a crash, a hang or
 * an out-of-bounds read.  `make fuzz` builds and runs it with the
 * others (tests/fuzz/local.mk); by hand:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I. -Ibuild \
 *     -D_DEFAULT_SOURCE tests/fuzz/fuzz_dt.c sim/platform/dt_*.c \
 *     sim/platform/platform_desc.c sim/platform/isa.c ... -lfdt
 *
 * Seed corpus: tests/fuzz/dt-seeds.sh compiles the shipped boards
 * (the .dts files of scenarios/boards) and the bad ones (those of
 * tests/dts-bad) into
 * blobs.  The Check test tests/unit/check_dt.c (damaged_blobs) replays
 * seeded damage of a rich board in every `make check`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/platform/dt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
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
		platform_desc_free_strings(p);
	}
	diag_free(&d);
	free(p);
	free(blob);
	return 0;
}
