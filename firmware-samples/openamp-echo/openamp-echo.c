/* openamp-echo: the remote side of OpenAMP's rpmsg echo demo.  Announces
 * "rpmsg-openamp-demo-channel" and sends every message back unchanged
 * (the Linux test app sends payloads of growing size up to 496 bytes and
 * checks each byte).  The 4-byte shutdown message 0xEF56A55A (little
 * endian) is not echoed: the endpoint is destroyed (name-service destroy)
 * and the firmware idles until the host stops it. */
#include "fw.h"

#include <string.h>

FW_RSC_TABLE_STD(resource_table);

#define SHUTDOWN_MSG 0xEF56A55Au

struct echo_state {
	uint32_t echoed;
	bool shutdown;
};

static int on_message(struct fw_rpmsg_ept *ept, const void *data, uint32_t len, uint32_t src,
		      void *priv)
{
	struct echo_state *st = priv;
	if (len == 4) {
		uint32_t v;
		memcpy(&v, data, 4);
		if (v == SHUTDOWN_MSG) {
			fw_printf("openamp-echo: shutdown message after %lu echoes\n",
				  (unsigned long)st->echoed);
			st->shutdown = true;
			return 0;
		}
	}
	int rc = fw_rpmsg_send(ept, src, data, len);
	if (rc != 0)
		fw_printf("openamp-echo: echo of %lu bytes failed (error %d)\n", (unsigned long)len, -rc);
	else
		st->echoed++;
	return 0;
}

static bool keep_running(void *ctx)
{
	const struct echo_state *st = ctx;
	return !st->shutdown;
}

int main(void)
{
	static struct fw_rpmsg rpmsg;
	static struct fw_rpmsg_ept ept;
	static struct echo_state st;

	fw_printf("openamp-echo: started\n");
	if (fw_rpmsg_init(&rpmsg, &resource_table, sizeof(resource_table)) != 0)
		fw_crash("openamp-echo: no RPMsg vdev in the resource table");
	if (fw_rpmsg_create_ept(&rpmsg, &ept, "rpmsg-openamp-demo-channel", FW_RPMSG_ADDR_ANY,
				on_message, &st) != 0)
		fw_crash("openamp-echo: cannot create the endpoint");
	fw_rpmsg_run(&rpmsg, keep_running, &st);
	fw_rpmsg_destroy_ept(&ept);
	fw_printf("openamp-echo: stopped\n");
	for (;;)
		fw_wait_kick(0, 0);
}
