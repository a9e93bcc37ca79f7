/* The Check fixture check_rpmsg.c and check_rpmsg_char.c share: one
 * harness (tests/unit/check_rpmsg_fake.h) with NUM-entry vrings and the
 * name-service feature offered, made before and freed after each test. */
#ifndef CHECK_RPMSG_FIXTURE_H
#define CHECK_RPMSG_FIXTURE_H

#include <check.h>
#include <stdlib.h>

#include "check_rpmsg_fake.h"

#define NUM 16
#define NS (1u << VIRTIO_RPMSG_F_NS_BIT)

static struct harness *h;

static inline void setup(void)
{
	h = calloc(1, sizeof(*h));
	h_setup(h, NUM, NS);
}

static inline void teardown(void)
{
	h_teardown(h);
	free(h);
}

static inline void start(void)
{
	ck_assert_int_eq(rpmsg_vdev_start(h->vdev, h_now(h)), 0);
}

static inline struct rpmsg_file *open_ok(const char *path)
{
	struct rpmsg_file *f = NULL;
	ck_assert_int_eq(rpmsg_char_open(h->cd, path, &f, h_now(h)), 0);
	return f;
}

#endif
