/* Private to the Perfetto exporter: what its first pass over the trace
 * collects (tracefile_perfetto_model.c) and the slices built from it, which
 * tracefile_perfetto.c writes as trace-event JSON. */
#ifndef RPSIM_TRACEFILE_PERFETTO_INTERNAL_H
#define RPSIM_TRACEFILE_PERFETTO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/trace/tracefile.h"

#define PF_PREVIEW 32
/* at most this many messages wait for their end (the oldest are dropped) */
#define PF_MAX_PENDING 4096
/* message lanes per component and direction (concurrent messages) */
#define PF_MAX_LANES 256
#define PF_TID_MSG 100000u /* message lanes: PF_TID_MSG + comp * 1024 + dir * 512 + lane */

struct pf_change {  /* a core's or a remoteproc's state from t on */
	sim_time_t t;
	uint64_t seq;
	uint16_t comp;
	uint8_t state;
};

struct pf_trap {
	sim_time_t t, end;
	uint64_t seq;
	uint16_t comp;
	uint32_t cause, epc, tval;
	bool open;       /* still waiting for the core to come back to epc */
};

struct pf_msg {
	uint16_t comp;   /* the host side that traced it: its lane */
	uint8_t dir;     /* 0 sent by comp, 1 received by comp */
	sim_time_t start, end;
	bool ended;
	uint32_t src, dst;
	uint16_t len;
	uint8_t data[PF_PREVIEW];
	uint32_t nbytes;
	/* the flow arrow: from (from_comp, start) to (to_comp, end); a
	 * component id, or PF_MSG_LANE for the message's own lane */
	uint32_t from_comp, to_comp;
	unsigned lane;
};
#define PF_MSG_LANE 0x10000u
#define PF_NO_COMP 0x20000u
#define PF_VIA_MBOX 0x40000u /* | a mailbox's component: its core */

struct pf_mbox_ev {
	sim_time_t t;
	uint64_t seq;
	uint16_t comp;
	uint8_t dir, chan, op;
};

struct pf_irq_ev {
	sim_time_t t;
	uint64_t seq;
	uint16_t comp;
	uint32_t line;
	uint8_t level;
};

#define PF_VEC(T) struct { T *v; size_t n, cap; }
#define PF_PUSH(vec, item)                                                                        \
	((vec).n == (vec).cap                                                                  \
		 ? pf_grow((void **)&(vec).v, &(vec).cap, sizeof(*(vec).v)) == 0                  \
			   ? ((vec).v[(vec).n++] = (item), 0)                                  \
			   : -1                                                                \
		 : ((vec).v[(vec).n++] = (item), 0))

int pf_grow(void **v, size_t *cap, size_t size);
/* qsort, which must not see the NULL of an empty vector */
void pf_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

struct pf {
	struct tracefile_reader *r;
	bool insns;
	sim_time_t t_end;
	PF_VEC(struct pf_change) cores;
	PF_VEC(struct pf_change) rprocs;
	PF_VEC(struct pf_trap) traps;
	PF_VEC(struct pf_msg) msgs;
	PF_VEC(struct pf_mbox_ev) mbox;
	PF_VEC(struct pf_irq_ev) irqs;
	PF_VEC(uint16_t) comps;     /* components named by COMPONENT records */
	PF_VEC(uint16_t) core_ids;  /* components with CORE records, each once */
	PF_VEC(size_t) last_trap;   /* per component id: its latest trap + 1 (0: none) */
	size_t pending[PF_MAX_PENDING]; /* sent messages without an end, oldest first */
	size_t npending;
	size_t kick;                 /* the latest remote kick to the host: msg index + 1 */
	uint16_t kick_comp;
	sim_time_t kick_t;
	bool oom;
};

enum pf_slice_kind { PF_SL_CORE, PF_SL_TRAP, PF_SL_RPROC, PF_SL_MSG };

struct pf_slice {
	sim_time_t t, dur;
	unsigned tid;
	uint64_t seq;
	uint8_t kind;
	bool instant; /* a state held for no time (reset, then running at once) */
	size_t idx;
};


static inline unsigned pf_tid_of(uint16_t comp)
{
	return comp == TRACEFILE_NO_COMPONENT ? 0 : comp + 1u;
}

/* Pass 1: everything but the instants; 1 when the trace was read to its
 * end, -1 with a message in err. */
int pf_collect(struct pf *p, char *err, size_t errlen);
/* The slices, sorted as they are written (time, then the parent first);
 * 0, or -1 when out of memory. */
int pf_build_slices(struct pf *p, struct pf_slice **out, size_t *nout);
/* A flow end's component: a mailbox's resolved to its core. */
uint32_t pf_resolve(const struct pf *p, uint32_t c);
/* Whether comp's state slices cover t. */
bool pf_covered(const struct pf *p, uint16_t comp, sim_time_t t);
/* A message's lane (thread). */
unsigned pf_msg_tid(const struct pf_msg *m);
void pf_free(struct pf *p);

#endif
