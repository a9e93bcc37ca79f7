/* Fuzz target: a trace file through the reader, every exporter (text,
 * Perfetto, VCD), the snapshots of a seekable trace (read and
 * decompressed), and the viewer's model: indexing, timeline queries at
 * several zooms (the whole trace, its first and last picoseconds, all of
 * simulated time), message arrows, stepping to instructions and times,
 * re-reading events. */
#include "sim/trace/tracefile.h"
#include "sim/viewer/viewer_model.h"
#include "tests/fuzz/fuzz.h"

#define WIDTH_MAX 1024

static void exporters(const char *path)
{
	int (*const fn[])(struct tracefile_reader *, FILE *, char *, size_t) = {
		tracefile_dump, tracefile_perfetto, tracefile_vcd,
	};
	char err[512];
	struct tracefile_reader *r = tracefile_open(path, err, sizeof(err));
	if (!r)
		return;
	for (size_t i = 0; i < sizeof(fn) / sizeof(fn[0]); i++)
		fn[i](r, fuzz_null_stream(), err, sizeof(err));
	/* every snapshot the directory names, read and decompressed (what
	 * `rpsim trace state` and the viewer restore) */
	for (size_t i = 0; i < tracefile_nsnapshots(r) && i < 64; i++) {
		uint8_t *snap;
		size_t len;
		if (tracefile_read_snapshot(r, i, &snap, &len, err, sizeof(err)) == 0)
			free(snap);
	}
	tracefile_seek_time(r, SIM_TIME_MAX / 2);
	tracefile_seek_record(r, tracefile_record_count(r) / 2, err, sizeof(err));
	tracefile_close(r);
}

static void query(struct viewer_model *m, sim_time_t t0, sim_time_t t1, int width)
{
	static struct viewer_item items[WIDTH_MAX + 2];
	static struct viewer_arrow arrows[WIDTH_MAX + 2];
	for (unsigned l = 0; l < m->nlanes; l++)
		viewer_lane_items(m, l, t0, t1, width, items, (size_t)width + 2);
	viewer_arrows(m, t0, t1, width, arrows, (size_t)width + 2);
	for (int x = -1; x <= width + 1; x += width / 4 + 1)
		viewer_time_to_x(viewer_x_to_time(x, t0, t1, width), t0, t1, width);
}

static void model(const char *path, unsigned every)
{
	char err[512];
	struct viewer_model *m = viewer_model_open_every(path, every, err, sizeof(err));
	if (!m)
		return;
	sim_time_t end = simtime_add(m->t_max, 1);
	const int widths[] = { 1, 333, WIDTH_MAX };
	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
		query(m, m->t_min, end, widths[w]);
		query(m, m->t_min, simtime_add(m->t_min, 8), widths[w]);
		query(m, m->t_max > 8 ? m->t_max - 8 : 0, end, widths[w]);
		query(m, 0, SIM_TIME_MAX, widths[w]);
	}
	for (unsigned l = 0; l < m->nlanes; l++) {
		char cn[64];
		viewer_component_name(m, m->lanes[l].component, cn, sizeof(cn));
		viewer_core_of_lane(m, l);
	}
	for (unsigned c = 0; c < m->ncores; c++) {
		uint64_t n = m->cores[c].ninsns;
		const uint64_t at[] = { 0, n / 2, n ? n - 1 : 0, n };
		struct viewer_cpu cpu;
		for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
			if (viewer_goto_insn(m, c, at[i], &cpu, err, sizeof(err)) == 0)
				viewer_find_pc(m, c, (int64_t)at[i], cpu.pc);
		viewer_insn_at_time(m, c, m->t_max);
		viewer_insn_at_time(m, c, m->t_min);
		viewer_core_isa(m, c);
	}
	if (m->nevents) {
		const uint32_t ev[] = { 0, m->nevents / 2, m->nevents - 1 };
		struct tracefile_record rec;
		for (size_t i = 0; i < sizeof(ev) / sizeof(ev[0]); i++)
			viewer_event_record(m, ev[i], &rec, err, sizeof(err));
		viewer_event_at(m, m->t_max);
	}
	viewer_model_close(m);
}

FUZZ_TARGET(trace)
{
	char path[512];
	fuzz_write_file("fuzz.trace", data, size, path, sizeof(path));
	exporters(path);
	/* checkpoints every 1 to 8 instructions: stepping crosses many */
	model(path, size ? 1u + data[size - 1] % 8u : 1u);
	return 0;
}
