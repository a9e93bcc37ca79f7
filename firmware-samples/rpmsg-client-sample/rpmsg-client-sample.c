/* rpmsg-client-sample: the remote half of Linux's
 * samples/rpmsg/rpmsg_client_sample.c.  Announces "rpmsg-client-sample";
 * the Linux driver binds to it, sends "hello world!" and sends again on
 * every reply until it has 100 replies ("goodbye!").  We echo each
 * message to its sender. */
#include "fw.h"

FW_RSC_TABLE_STD(resource_table);

static int on_message(struct fw_rpmsg_ept *ept, const void *data, uint32_t len, uint32_t src,
		      void *priv)
{
	uint32_t *count = priv;
	int rc = fw_rpmsg_send(ept, src, data, len);
	if (rc != 0) {
		fw_printf("client-sample: reply %lu failed (error %d)\n",
			  (unsigned long)*count + 1, -rc);
		return 0;
	}
	++*count;
	if (*count == 1 || *count % 10 == 0)
		fw_printf("client-sample: %lu messages echoed\n", (unsigned long)*count);
	return 0;
}

int main(void)
{
	static struct fw_rpmsg rpmsg;
	static struct fw_rpmsg_ept ept;
	static uint32_t count;

	fw_printf("rpmsg-client-sample: started\n");
	if (fw_rpmsg_init(&rpmsg, &resource_table, sizeof(resource_table)) != 0)
		fw_crash("rpmsg-client-sample: no RPMsg vdev in the resource table");
	if (fw_rpmsg_create_ept(&rpmsg, &ept, "rpmsg-client-sample", FW_RPMSG_ADDR_ANY, on_message,
				&count) != 0)
		fw_crash("rpmsg-client-sample: cannot create the endpoint");
	fw_rpmsg_run(&rpmsg, NULL, NULL);
	return 0;
}
