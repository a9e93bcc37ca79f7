/* Checkpoint files of a run (sim/core/checkpoint.h): what the run was made
 * of (the scenario and firmware files, by hash; the rpsim that wrote it)
 * and a snapshot of the whole simulation.  A restore is refused, with
 * both sides named, when any of them differs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "sim/core/checkpoint.h"
#include "sim/core/snap.h"
#include "sim/runner/runner_internal.h"

#define TOOL_ID "rpsim " PACKAGE_VERSION

static int add_id(struct checkpoint *ck, enum tracefile_id_kind kind, const char *path, bool hash,
		  char *err, size_t errlen)
{
	if (ck->nids == CHECKPOINT_MAX_IDS || strlen(path) > CHECKPOINT_PATH_MAX) {
		snprintf(err, errlen, "%s: too many inputs or too long a path for a checkpoint", path);
		return -1;
	}
	struct checkpoint_id *id = &ck->ids[ck->nids];
	id->kind = kind;
	id->hash = id->size = 0;
	if (hash && tracefile_hash_file(path, &id->hash, &id->size) != 0) {
		snprintf(err, errlen, "%s: cannot be read to record its hash", path);
		return -1;
	}
	snprintf(id->path, sizeof(id->path), "%s", path);
	ck->nids++;
	return 0;
}

/* The scenario, each remote's firmware file, the tool: in that order. */
static int identities(const struct runner *run, struct checkpoint *ck, char *err, size_t errlen)
{
	ck->nids = 0;
	if (add_id(ck, TRACEFILE_ID_SCENARIO, run->sc->file, true, err, errlen) < 0)
		return -1;
	for (unsigned i = 0; i < run->sc->platform.nremotes; i++) {
		const char *fw = run->sc->platform.remotes[i].firmware_file;
		if (fw && add_id(ck, TRACEFILE_ID_FIRMWARE, fw, true, err, errlen) < 0)
			return -1;
	}
	return add_id(ck, TRACEFILE_ID_TOOL, TOOL_ID, false, err, errlen);
}

int runner_checkpoint_write(struct runner *run, const char *path, char *err, size_t errlen)
{
	struct checkpoint *ck = calloc(1, sizeof(*ck));
	struct snap_writer w;
	snap_writer_init(&w);
	int rc = -1;
	if (!ck) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (identities(run, ck, err, errlen) < 0)
		goto out;
	if (sim_snapshot_save(&run->sim, &w) < 0) {
		snprintf(err, errlen, "%s: the simulation cannot be saved at %llu ps (out of memory?)",
			 path, (unsigned long long)run->sim.now);
		goto out;
	}
	ck->time = run->sim.now;
	ck->snap = w.buf;
	ck->snap_len = w.len;
	rc = checkpoint_write(path, ck, err, errlen);
	ck->snap = NULL;
out:
	snap_writer_free(&w);
	free(ck);
	return rc;
}

static const char *kind_name(enum tracefile_id_kind k)
{
	return k == TRACEFILE_ID_SCENARIO ? "scenario" : k == TRACEFILE_ID_FIRMWARE ? "firmware" : "tool";
}

int runner_checkpoint_restore(struct runner *run, const struct checkpoint *ck, const char *name,
			      char *err, size_t errlen)
{
	struct checkpoint *now = calloc(1, sizeof(*now));
	if (!now) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int rc = -1;
	if (identities(run, now, err, errlen) < 0)
		goto out;
	for (unsigned i = 0; i < now->nids || i < ck->nids; i++) {
		const struct checkpoint_id *a = i < ck->nids ? &ck->ids[i] : NULL;
		const struct checkpoint_id *b = i < now->nids ? &now->ids[i] : NULL;
		if (!a || !b || a->kind != b->kind) {
			snprintf(err, errlen, "%s: the checkpoint was taken of %u inputs (scenario, firmware "
				 "files, tool), this run has %u: it is of another scenario", name, ck->nids,
				 now->nids);
			goto out;
		}
		if (a->kind == TRACEFILE_ID_TOOL ? strcmp(a->path, b->path) != 0
						 : a->hash != b->hash || a->size != b->size) {
			if (a->kind == TRACEFILE_ID_TOOL)
				snprintf(err, errlen, "%s: the checkpoint was written by %s; this is %s (make "
					 "it again with this rpsim)", name, a->path, b->path);
			else
				snprintf(err, errlen, "%s: the checkpoint was taken with %s %s (%llu bytes, "
					 "FNV-1a 0x%016llx); %s is not the same file (%llu bytes, 0x%016llx)%s",
					 name, kind_name(a->kind), a->path, (unsigned long long)a->size,
					 (unsigned long long)a->hash, b->path, (unsigned long long)b->size,
					 (unsigned long long)b->hash,
					 a->kind == TRACEFILE_ID_FIRMWARE ? "; restore with the options it was "
					 "taken with (--core, --firmware-dir)" : "");
			goto out;
		}
	}
	struct snap_reader r;
	snap_reader_init(&r, ck->snap, ck->snap_len);
	if (sim_snapshot_restore(&run->sim, &r) < 0) {
		snprintf(err, errlen, "%s: %s", name, r.err);
		goto out;
	}
	if (r.pos != r.len) {
		snprintf(err, errlen, "%s: %zu bytes after the snapshot: the file is not one this rpsim "
			 "wrote", name, r.len - r.pos);
		goto out;
	}
	rc = 0;
out:
	free(now);
	return rc;
}
