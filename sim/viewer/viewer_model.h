/* The trace viewer's model, independent of SDL: an index of a trace file
 * (events by lane, messages, per-core instruction checkpoints), the
 * timeline query the renderer draws from, and the stepping model.
 *
 * Stepping has two sources.  A seekable trace (with snapshots, the
 * default of rpsim run --trace) is re-executed (sim/trace/replay.h): any
 * instruction of any core, with its registers, system registers and
 * memory, by restoring the nearest snapshot and running on; it needs the
 * scenario and firmware files the trace names (viewer_model_attach).  A
 * trace with every instruction (--trace-insns) and no snapshots is
 * replayed from its own records: registers only, memory as the ELF image.
 *
 * Costs: opening reads the trace once (instruction records are decoded
 * but not kept: only a checkpoint every VIEWER_CKPT_EVERY instructions
 * per core).  Every other record is kept as a 32-byte viewer_event.  A
 * timeline query costs O(width * log n) per lane whatever the zoom; going
 * to an instruction replays at most VIEWER_CKPT_EVERY instructions plus
 * the records between them. */
#ifndef RPSIM_VIEWER_MODEL_H
#define RPSIM_VIEWER_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/cpu.h"
#include "sim/core/simtime.h"
#include "sim/trace/replay.h"
#include "sim/trace/tracefile.h"

#define VIEWER_CKPT_EVERY 1024u
#define VIEWER_MAX_CORES 8u
#define VIEWER_MAX_SYSREGS 96u
#define VIEWER_MEM_WINDOW 256u
#define VIEWER_MAX_LANES 64u
#define VIEWER_NO_EVENT UINT32_MAX

enum viewer_lane_kind {
	VIEWER_LANE_HOST,   /* host steps, expectations, file-level logs */
	VIEWER_LANE_RPROC,  /* remoteproc state bands */
	VIEWER_LANE_RPMSG,  /* RPMsg messages and channels of a component */
	VIEWER_LANE_KICK,   /* vring kicks */
	VIEWER_LANE_MBOX,   /* mailbox, one lane per direction */
	VIEWER_LANE_CORE,   /* core run / wfi / halted / reset bands */
	VIEWER_LANE_TRAP,   /* a core's traps */
	VIEWER_LANE_TEXT,   /* UART and firmware trace lines */
	VIEWER_LANE_LOG,    /* every component's log lines */
	VIEWER_LANE_IRQ,    /* interrupt line changes */
	VIEWER_NLANE_KINDS
};

struct viewer_lane {
	enum viewer_lane_kind kind;
	uint16_t component;
	uint8_t dir;       /* MBOX lanes: 0 to remote, 1 to host */
	char name[40];
	uint32_t *ev;      /* indices into model->events, in time order */
	uint32_t nev;
	/* band lanes: the changes into a state worth a mark of its own
	 * (crashed, offline, deleted; a halted core), which a band a pixel
	 * wide would hide */
	uint32_t *mk;
	uint32_t nmk;
};

/* A record other than an instruction. */
struct viewer_event {
	sim_time_t time;
	uint64_t recno;
	uint16_t type;
	uint16_t component;
	uint8_t lane;
	uint8_t sub;       /* STATE: new state; CORE: state; MBOX: op; RPMSG/KICK: dir */
	uint16_t pad;
	uint32_t value;    /* MBOX value, RPMSG src, TRAP cause, IRQ line */
	uint32_t value2;   /* RPMSG dst */
};

/* An arrow between two events (an RPMsg message and its other end). */
struct viewer_msg {
	uint32_t from, to; /* event indices; from is the earlier */
};

/* Registers the viewer follows, by the ISA's numbering (GDB's): the
 * INSN records' rd and the REG records' register (Cortex-M's xPSR is 16,
 * its system registers 33..39). */
#define VIEWER_NREGS 64
/* REG records before one INSN at most (more are ignored) */
#define VIEWER_MAX_REG_RECS 32

struct viewer_ckpt {
	uint64_t recno;    /* first record of instruction number k * VIEWER_CKPT_EVERY
			    * (its REG records, else its INSN) */
	sim_time_t time;   /* its time */
	uint32_t x[VIEWER_NREGS]; /* registers before it */
	uint8_t core_state;
};

struct viewer_core {
	uint16_t component;
	const struct cpu_isa *isa; /* from its CORE_ISA record; NULL: none (older traces) */
	uint8_t lane;
	uint64_t ninsns;
	struct viewer_ckpt *ckpt;
	size_t nckpt;
};

struct viewer_model {
	struct tracefile_reader *r;
	char path[1024];
	uint64_t nrecords;
	sim_time_t t_min, t_max;
	bool has_insns;
	unsigned ckpt_every;      /* VIEWER_CKPT_EVERY unless opened otherwise */
	char fw_path[1024];       /* first firmware identity record, "" if none */
	uint64_t fw_size, fw_hash; /* what that record says of the file */
	char scenario_path[1024];

	struct viewer_event *events;
	uint32_t nevents;         /* in time order (stable) */
	struct viewer_lane lanes[VIEWER_MAX_LANES];
	unsigned nlanes;
	struct viewer_msg *msgs;  /* in order of their start time */
	uint32_t nmsgs;
	struct viewer_core cores[VIEWER_MAX_CORES];
	unsigned ncores;

	/* re-execution (viewer_model_attach); NULL: stepping from records */
	struct replay *rp;
};

/* Opens and indexes a trace (one whose events are recomputed is
 * re-executed first). NULL with a message in err when the file is not a
 * valid trace. */
struct viewer_model *viewer_model_open(const char *path, char *err, size_t errlen);
/* The same with a checkpoint every `every` instructions (tests use small
 * intervals to cross many checkpoints on short programs); every >= 1. */
struct viewer_model *viewer_model_open_every(const char *path, unsigned every, char *err,
					     size_t errlen);
/* The same, with where the trace's inputs are when its events are
 * recomputed (replay_open_events; o may be NULL). */
struct viewer_model *viewer_model_open_with(const char *path, unsigned every,
					    const struct replay_options *o, char *err, size_t errlen);
void viewer_model_close(struct viewer_model *m);

/* Component name ("#N" if unnamed, "-" for file-level records). */
const char *viewer_component_name(const struct viewer_model *m, uint16_t id, char *buf, size_t len);

/* Index of the first event at or after t (nevents if none). */
uint32_t viewer_event_at(const struct viewer_model *m, sim_time_t t);
/* Re-reads an event's record; 0 or -1 with a message. rec->data stays
 * valid until the next read on the model. */
int viewer_event_record(struct viewer_model *m, uint32_t ev, struct tracefile_record *rec,
			char *err, size_t errlen);

/* ---- timeline query ---- */

/* One drawn item of a lane: a band [x0, x1) in the state of event ev, or
 * a mark at x0 that stands for count events starting with ev. */
struct viewer_item {
	int x0, x1;
	uint32_t ev;
	uint32_t count;
};

/* Marks of a band lane in [t0, t1): one per pixel column at most (the
 * first change of the column), at most cap. */
size_t viewer_lane_marks(const struct viewer_model *m, unsigned lane, sim_time_t t0,
			 sim_time_t t1, int width, struct viewer_item *out, size_t cap);
/* Whether a band lane's state deserves a mark. */
bool viewer_state_marked(enum viewer_lane_kind kind, uint8_t state);

struct viewer_arrow {
	int x0, x1;
	uint32_t msg;
};

/* Pixel of time t in a view [t0, t1) drawn over width pixels (may be
 * outside 0..width-1). */
int viewer_time_to_x(sim_time_t t, sim_time_t t0, sim_time_t t1, int width);
sim_time_t viewer_x_to_time(int x, sim_time_t t0, sim_time_t t1, int width);

/* Items of one lane in [t0, t1): at most cap (cap >= width is enough);
 * returns the number written.  Band lanes (RPROC, CORE) give bands, the
 * others marks merged per pixel. */
size_t viewer_lane_items(const struct viewer_model *m, unsigned lane, sim_time_t t0,
			 sim_time_t t1, int width, struct viewer_item *out, size_t cap);
/* Messages whose start or end falls in [t0, t1), at most one per start
 * pixel, at most cap. */
size_t viewer_arrows(const struct viewer_model *m, sim_time_t t0, sim_time_t t1, int width,
		     struct viewer_arrow *out, size_t cap);

/* ---- stepping ---- */

/* A core's architectural state reconstructed from the trace. */
struct viewer_cpu {
	unsigned core;       /* index into m->cores */
	uint64_t insn;       /* instruction number (0-based) this state is after */
	uint64_t recno;      /* its record */
	sim_time_t time;
	uint32_t pc, word;   /* the instruction retired */
	uint8_t rd;
	uint32_t x[VIEWER_NREGS]; /* registers after it */
	uint64_t changed;    /* bit r: x[r] changed by it (its rd and REG
			      * records; the 32 first ones on a reset) */
	/* re-executed only: system registers (the ISA's CPU_REG_SYSTEM and
	 * STATUS groups, in order), the stack pointer, and memory at
	 * mem_addr (viewer_load_memory) */
	bool full;
	unsigned nsys;
	uint16_t sysnum[VIEWER_MAX_SYSREGS];
	uint64_t sys[VIEWER_MAX_SYSREGS];
	uint32_t mem_addr;
	uint8_t mem[VIEWER_MEM_WINDOW];
	bool mem_ok[VIEWER_MEM_WINDOW];
	uint8_t state;       /* enum cpu_state */
	uint32_t sp;
};

/* State after instruction n of core c (n < ninsns). 0, or -1 with a
 * message (no such instruction, trace unreadable). */
int viewer_goto_insn(struct viewer_model *m, unsigned c, uint64_t n, struct viewer_cpu *out,
		     char *err, size_t errlen);
/* Memory at addr (VIEWER_MEM_WINDOW bytes, through the core's view) into
 * cpu, which must be the state the last viewer_goto_insn gave (re-executed
 * traces).  0, -1 when there is no re-execution. */
int viewer_load_memory(struct viewer_model *m, struct viewer_cpu *cpu, uint32_t addr);
/* Number of the last instruction of core c at or before t; -1 if none. */
int64_t viewer_insn_at_time(struct viewer_model *m, unsigned c, sim_time_t t);
/* First instruction after `after` (-1: from the start) with pc == addr;
 * -1 if none.  Reads (or re-executes) to the end at worst. */
int64_t viewer_find_pc(struct viewer_model *m, unsigned c, int64_t after, uint32_t addr);
/* The last instruction before `before` with pc == addr; -1 if none. */
int64_t viewer_find_pc_back(struct viewer_model *m, unsigned c, int64_t before, uint32_t addr);

/* Re-execution for a seekable trace: the cores and their instruction
 * counts come from it, and stepping goes through it.  0; -1 with a
 * message when the trace has no snapshots or its inputs cannot be
 * found (stepping then uses instruction records, if any). */
int viewer_model_attach(struct viewer_model *m, const struct replay_options *o, char *err,
			size_t errlen);
/* The core whose lane is `lane`, or -1. */
int viewer_core_of_lane(const struct viewer_model *m, unsigned lane);

/* The ISA of core c (register names, disassembly), from the registry
 * (sim/platform/isa.h): the one the trace names, ISA_DEFAULT when it does
 * not say.  Never NULL. */
const struct cpu_isa *viewer_core_isa(const struct viewer_model *m, unsigned c);
/* Whether core c's register 0 is hardwired to zero (RISC-V's x0): an
 * instruction record naming it writes nothing. */
bool viewer_core_zero_reg(const struct viewer_model *m, unsigned c);

#endif
