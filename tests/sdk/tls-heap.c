/* A firmware the way third-party stacks are written: thread-locals
 * (picolibc's errno is one), initialised small data, and malloc from the
 * heap fw.ld provides.  tests/sdk-build.sh links it with warnings fatal and
 * checks where the linker put things. */
#include "fw.h"

#include <errno.h>
#include <stdlib.h>

FW_RSC_TABLE_STD(resource_table);

static __thread int tls_counter = 3;
static __thread int tls_zero;
static char small_data = 1;
int big_bss[64];

int main(void)
{
	tls_counter++;
	tls_zero++;
	errno = 0;
	char *p = malloc(1000);
	if (!p)
		fw_crash("no heap");
	p[999] = small_data;
	fw_printf("%d %d %d %d\n", tls_counter, tls_zero, p[999], big_bss[3]);
	free(p);
	return 0;
}
