/* Hostile remote firmware for tests/hostile.sh: each variant attacks the
 * host's output in one way a real broken or malicious image could.
 *
 *   HOSTILE_NAMES   terminal control sequences, a newline and a 0xff byte
 *                   in a name-service channel name, in uart lines and in
 *                   the trace buffer; then serves the channel as an echo
 *   HOSTILE_STORM   a mailbox kick storm: the notifyid of no vring,
 *                   written as fast as the core can, forever (every write
 *                   past the FIFO's depth is an overflow the host and the
 *                   mailbox complain about)
 *
 * rpsim must print all of it escaped, and keep its log and trace within
 * the bounds of doc/security.md. */
#include "fw.h"

FW_RSC_TABLE_STD(resource_table);

/* ESC [2J (clear the screen), OSC 0 (set the window title), a newline
 * that would fake a line of rpsim's own output, and a byte that is not
 * UTF-8: 31 bytes, the longest name the name service carries */
#define EVIL "\x1b[2J\x1b]0;pwn\x07\nPASS x\xff"

#if defined(HOSTILE_NAMES)
static int on_message(struct fw_rpmsg_ept *ept, const void *data, uint32_t len, uint32_t src,
		      void *priv)
{
	(void)priv;
	fw_rpmsg_send(ept, src, data, len);
	return 0;
}

int main(void)
{
	static struct fw_rpmsg rpmsg;
	static struct fw_rpmsg_ept ept;
	fw_printf("hostile: " EVIL "\n");
	if (fw_rpmsg_init(&rpmsg, &resource_table, sizeof(resource_table)) != 0)
		fw_crash("hostile: no RPMsg vdev");
	if (fw_rpmsg_create_ept(&rpmsg, &ept, EVIL, 0x400, on_message, NULL) != 0)
		fw_crash("hostile: cannot create the endpoint");
	fw_rpmsg_run(&rpmsg, NULL, NULL);
	return 0;
}
#elif defined(HOSTILE_STORM)
int main(void)
{
	volatile uint32_t *tx = (volatile uint32_t *)(FW_MBOX_BASE + FW_MBOX_TX_BASE +
						      FW_MBOX_CHAN * FW_MBOX_CHAN_STRIDE +
						      FW_MBOX_CHAN_DATA);
	fw_printf("hostile: kick storm\n");
	for (;;)
		*tx = 0x7777;
	return 0;
}
#else
#error "define HOSTILE_NAMES or HOSTILE_STORM"
#endif
