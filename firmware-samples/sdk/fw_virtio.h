/* Split virtqueue (virtio 1.0 legacy layout) and RPMsg wire formats, as
 * the Linux virtio_rpmsg_bus driver uses them.  Little-endian, packed,
 * plain stdint types (the native consistency test includes this too). */
#ifndef FW_VIRTIO_H
#define FW_VIRTIO_H

#include <stdint.h>

#define FW_VRING_DESC_F_NEXT 1u
#define FW_VRING_DESC_F_WRITE 2u
#define FW_VRING_DESC_F_INDIRECT 4u
#define FW_VRING_AVAIL_F_NO_INTERRUPT 1u /* driver: don't kick me on used */
#define FW_VRING_USED_F_NO_NOTIFY 1u     /* device: don't kick me on avail */

struct fw_vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
} __attribute__((packed));

struct fw_vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[]; /* num entries, then used_event */
} __attribute__((packed));

struct fw_vring_used_elem {
	uint32_t id;
	uint32_t len;
} __attribute__((packed));

struct fw_vring_used {
	uint16_t flags;
	uint16_t idx;
	struct fw_vring_used_elem ring[]; /* num entries, then avail_event */
} __attribute__((packed));

/* Bytes of a vring: desc, then avail, then used at the next `align`. */
static inline uint32_t fw_vring_size(uint32_t num, uint32_t align)
{
	uint32_t a = 16u * num + 2u * (3u + num);
	return ((a + align - 1) & ~(align - 1)) + 6u + 8u * num;
}

/* ---- RPMsg ---- */
#define FW_RPMSG_BUF_SIZE 512
#define FW_RPMSG_HDR_SIZE 16
#define FW_RPMSG_MAX_PAYLOAD (FW_RPMSG_BUF_SIZE - FW_RPMSG_HDR_SIZE) /* 496 */
#define FW_RPMSG_ADDR_ANY 0xFFFFFFFFu
#define FW_RPMSG_NS_ADDR 53u
#define FW_RPMSG_FIRST_DYN_ADDR 1024u
#define FW_RPMSG_NAME_LEN 32

struct fw_rpmsg_hdr {
	uint32_t src;
	uint32_t dst;
	uint32_t reserved;
	uint16_t len;
	uint16_t flags;
	uint8_t data[];
} __attribute__((packed));

enum fw_rpmsg_ns_flags { FW_RPMSG_NS_CREATE = 0, FW_RPMSG_NS_DESTROY = 1 };

/* Name-service announcement, sent to FW_RPMSG_NS_ADDR. */
struct fw_rpmsg_ns_msg {
	char name[FW_RPMSG_NAME_LEN];
	uint32_t addr;
	uint32_t flags;
} __attribute__((packed));

#endif
