/* rpmsg-echo: announces the channel "rpmsg-raw" at address 0x400 (so
 * Linux's rpmsg_char creates /dev/rpmsg0 by itself) and sends every
 * message back to the address it came from.
 *
 * Built with -DECHO_HEAP (rpmsg-echo-heap.elf) it first allocates from the
 * heap fw.ld provides, as rpmsg-lite's and libmetal's allocators do, and
 * says where that heap is. */
#include "fw.h"

#ifdef ECHO_HEAP
#include <stdlib.h>
#include <string.h>

#define HEAP_BLOCKS 8
#define HEAP_BLOCK 4096

static void heap_check(void)
{
	extern char __heap_start[], __heap_end[];
	char *blocks[HEAP_BLOCKS];
	for (unsigned i = 0; i < HEAP_BLOCKS; i++) {
		blocks[i] = malloc(HEAP_BLOCK);
		if (!blocks[i] || blocks[i] < __heap_start || blocks[i] + HEAP_BLOCK > __heap_end)
			fw_crash("rpmsg-echo: malloc gave no block inside the heap");
		memset(blocks[i], 0xa5, HEAP_BLOCK);
	}
	for (unsigned i = 0; i < HEAP_BLOCKS; i++)
		free(blocks[i]);
	fw_printf("rpmsg-echo: heap 0x%08lx..0x%08lx, %u blocks of %u bytes allocated and freed\n",
		  (unsigned long)(uintptr_t)__heap_start, (unsigned long)(uintptr_t)__heap_end,
		  HEAP_BLOCKS, HEAP_BLOCK);
}
#endif

FW_RSC_TABLE_STD(resource_table);

#define ECHO_ADDR 0x400
#ifndef ECHO_CHANNEL
#define ECHO_CHANNEL "rpmsg-raw"
#endif

static int on_message(struct fw_rpmsg_ept *ept, const void *data, uint32_t len, uint32_t src,
		      void *priv)
{
	uint32_t *count = priv;
	int rc = fw_rpmsg_send(ept, src, data, len);
	if (rc != 0)
		fw_printf("echo: reply to 0x%lx failed (error %d)\n", (unsigned long)src, -rc);
	else
		++*count;
	return 0;
}

int main(void)
{
	static struct fw_rpmsg rpmsg;
	static struct fw_rpmsg_ept ept;
	static uint32_t count;

	fw_printf("rpmsg-echo: started\n");
#ifdef ECHO_HEAP
	heap_check();
#endif
	if (fw_rpmsg_init(&rpmsg, &resource_table, sizeof(resource_table)) != 0)
		fw_crash("rpmsg-echo: no RPMsg vdev in the resource table");
	if (fw_rpmsg_create_ept(&rpmsg, &ept, ECHO_CHANNEL, ECHO_ADDR, on_message, &count) != 0)
		fw_crash("rpmsg-echo: cannot create the endpoint");
	fw_rpmsg_run(&rpmsg, NULL, NULL);
	return 0;
}
