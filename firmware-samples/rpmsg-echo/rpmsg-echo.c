/* rpmsg-echo: announces the channel "rpmsg-raw" at address 0x400 (so
 * Linux's rpmsg_char creates /dev/rpmsg0 by itself) and sends every
 * message back to the address it came from. */
#include "fw.h"

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
	if (fw_rpmsg_init(&rpmsg, &resource_table, sizeof(resource_table)) != 0)
		fw_crash("rpmsg-echo: no RPMsg vdev in the resource table");
	if (fw_rpmsg_create_ept(&rpmsg, &ept, ECHO_CHANNEL, ECHO_ADDR, on_message, &count) != 0)
		fw_crash("rpmsg-echo: cannot create the endpoint");
	fw_rpmsg_run(&rpmsg, NULL, NULL);
	return 0;
}
