/* fuzz_units.c — libFuzzer target for the units tree: importing a units file
 * (src/io/import.c, import_rows.c: parents by code, in the file or in the
 * database, loops refused) and the tree lookups over what is stored
 * (dataset_index, dataset_unit, dataset_in_subtree in src/core/model.c).
 * An input starting with 0xFF is a raw list of (id, parent) pairs for the
 * lookups alone, cycles and dangling parents included; any other input is a
 * units CSV imported into an in-memory database that keeps the units of the
 * earlier inputs (reopened now and then), so a file can also re-parent units
 * the database already holds. Checked: a refused import changes nothing; the
 * stored units always form a forest (every parent exists, no loop); the
 * lookups agree with a plain walk and stop on cycles. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "io/import.h"
#include "store/store.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SUBTREE_DEPTH 64 /* model.c's bound on a walk up the tree */
#define REOPEN_EVERY 200
#define UNITS_MAX 400

static const char seed_units[] =
	"code,name,kind,parent\n"
	"C,市,city,\nD,区,district,C\nS1,甲板块,section,D\nS2,乙街道,street,S1\n"
	"S3,丙板块,section,D\nG1,发改委,department,D\n";

static struct store *st;
static int fd = -1;
static char path[64];
static unsigned runs;

/* ---- the lookups over any (id, parent) pairs ---- */

/* The plain answer: walk up from id at most depth steps. */
static int walk_in_subtree(const struct unit *u, size_t n, int64_t id, int64_t root, int depth)
{
	size_t i;
	int d;

	for (d = 0; id && d < depth; d++) {
		int64_t parent = -1;

		if (id == root)
			return 1;
		for (i = 0; i < n; i++)
			if (u[i].id == id) {
				parent = u[i].parent_id;
				break;
			}
		if (parent < 0)
			return 0;
		id = parent;
	}
	return 0;
}

static void fuzz_tree(const uint8_t *data, size_t size)
{
	struct dataset ds;
	struct unit *u;
	size_t n = size / 2, i, j;

	if (n > 64)
		n = 64;
	memset(&ds, 0, sizeof(ds));
	u = xcalloc(n + 1, sizeof(*u));
	for (i = 0; i < n; i++) {
		u[i].id = 1 + (data[2 * i] & 0x3f); /* duplicates happen: the first wins */
		u[i].parent_id = data[2 * i + 1] & 0x3f;
		for (j = 0; j < i; j++)
			if (u[j].id == u[i].id)
				u[i].id = 100 + (int64_t)i; /* ids are unique in a database */
	}
	ds.units = u;
	ds.n_units = n;
	dataset_index(&ds);
	for (i = 0; i < n; i++) {
		if (dataset_unit(&ds, u[i].id) != &u[i])
			abort();
		for (j = 0; j < n; j++)
			if (dataset_in_subtree(&ds, u[i].id, u[j].id) !=
			    walk_in_subtree(u, n, u[i].id, u[j].id, SUBTREE_DEPTH))
				abort();
	}
	if (dataset_unit(&ds, 0) || dataset_unit(&ds, 99))
		abort();
	free(ds.unit_by_id);
	free(ds.unit_at);
	free(u);
}

/* ---- importing units files ---- */

static void put_file(const char *text, size_t len)
{
	if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET) ||
	    (len && write(fd, text, len) != (ssize_t)len))
		abort();
}

static void reopen(void)
{
	struct import_request rq;
	struct import_result res;

	if (st)
		store_close(st);
	st = NULL;
	if (store_open(":memory:", STORE_CREATE, &st, NULL))
		abort();
	store_set_actor(st, "fuzz");
	put_file(seed_units, sizeof(seed_units) - 1);
	memset(&rq, 0, sizeof(rq));
	rq.kind = FILE_UNITS;
	rq.path = path;
	if (import_run(st, &rq, &res, NULL))
		abort();
}

/* The stored units as text ("id code kind parent" lines), after checking
 * that they form a forest. Caller frees. */
static char *stored_forest(size_t *count)
{
	struct dataset ds;
	struct buf out = BUF_INIT;
	size_t i;
	int d;

	memset(&ds, 0, sizeof(ds));
	if (store_units(st, &ds.units, &ds.n_units))
		abort();
	dataset_index(&ds);
	for (i = 0; i < ds.n_units; i++) {
		const struct unit *u = &ds.units[i];
		int64_t id = u->parent_id;

		for (d = 0; id; d++) {
			const struct unit *p = dataset_unit(&ds, id);

			if (!p)
				abort(); /* a parent that does not exist */
			if ((size_t)d > ds.n_units)
				abort(); /* the parents form a loop */
			id = p->parent_id;
		}
		buf_addf(&out, "%lld %s %d %lld\n", (long long)u->id, u->code, (int)u->kind,
			 (long long)u->parent_id);
	}
	*count = ds.n_units;
	dataset_release(&ds);
	return buf_detach(&out, NULL);
}

static void fuzz_import(const uint8_t *data, size_t size)
{
	struct import_request rq;
	struct import_result res;
	char *before, *after;
	size_t n;
	int rc;

	if (fd < 0) {
		fd = memfd_create("fuzz-units", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (!st || ++runs % REOPEN_EVERY == 0)
		reopen();
	before = stored_forest(&n);
	if (n > UNITS_MAX) {
		free(before);
		reopen();
		before = stored_forest(&n);
	}
	put_file((const char *)data, size);
	memset(&rq, 0, sizeof(rq));
	rq.kind = FILE_UNITS;
	rq.path = path;
	rq.max_rows = 200;
	rc = import_run(st, &rq, &res, NULL);
	after = stored_forest(&n);
	if (rc && strcmp(before, after))
		abort(); /* refused, yet something was written */
	free(before);
	free(after);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		return 0;
	if (size && data[0] == 0xff)
		fuzz_tree(data + 1, size - 1);
	else
		fuzz_import(data, size);
	return 0;
}
