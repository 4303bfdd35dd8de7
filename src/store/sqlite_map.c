/* sqlite_map.c — the district's boundary for the project map (store_map.h):
 * one row of map_boundary, written in its own transaction and audited by the
 * text's length and SHA-256 (sqlite_forms.c rebuilds the same form). */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_map.h"
#include "util/xalloc.h"

void map_boundary_release(struct map_boundary *b)
{
	free(b->name);
	free(b->geojson);
	free(b->uploaded_by);
	free(b->uploaded_at);
	memset(b, 0, sizeof(*b));
}

enum bl_err store_map_boundary_get(struct store *st, struct map_boundary *out)
{
	struct dbq *s = stmt_get(st, ST_MAP_BOUNDARY_GET);
	enum bl_err rc = BL_ENOTFOUND;
	int step;

	memset(out, 0, sizeof(*out));
	if (!s)
		return BL_EDB;
	step = dbq_step(s);
	if (step == DB_ROW) {
		out->name = col_str(s, 0);
		out->geojson = col_str(s, 1);
		out->uploaded_by = col_str(s, 2);
		out->uploaded_at = col_str(s, 3);
		out->version = dbq_i64(s, 4);
		rc = BL_OK;
	} else if (step != DB_DONE) {
		rc = db_fail(st, "read the map boundary");
	}
	dbq_reset(s);
	return rc;
}

static enum bl_err write_row(struct store *st, const struct map_boundary *m, int found)
{
	struct dbq *s = stmt_get(st, found ? ST_MAP_BOUNDARY_UPDATE : ST_MAP_BOUNDARY_INSERT);

	if (!s)
		return BL_EDB;
	bind_str(s, 1, m->name);
	bind_str(s, 2, m->geojson);
	bind_str(s, 3, m->uploaded_by);
	bind_str(s, 4, m->uploaded_at);
	return step_done(st, s, found ? "update the map boundary" : "insert the map boundary");
}

/* Inside the transaction: compare, write, audit (the forms: sqlite_forms.c
 * boundary_fields, read back from the row). */
static enum bl_err put_in_txn(struct store *st, const struct map_boundary *m, int64_t version,
			      int64_t *out_version)
{
	struct map_boundary old;
	enum bl_err rc = store_map_boundary_get(st, &old);
	int found = rc == BL_OK;

	if (rc && rc != BL_ENOTFOUND)
		return rc;
	if ((found ? old.version : 0) != version) {
		rc = store_fail(st, BL_ECONFLICT, "the map boundary is at version %lld, not %lld",
				(long long)(found ? old.version : 0), (long long)version);
		goto out;
	}
	if (found && !strcmp(old.name, m->name) && !strcmp(old.geojson, m->geojson)) {
		*out_version = old.version;
		goto out;
	}
	rc = found ? row_form(st, "map_boundary", 1, &st->before) : BL_OK;
	if (!rc)
		rc = write_row(st, m, found);
	if (!rc)
		rc = row_form(st, "map_boundary", 1, &st->after);
	if (!rc)
		rc = audit_append(st, found ? "update" : "insert", "map_boundary", "district",
				  found ? st->before.s : NULL, st->after.s);
	*out_version = found ? old.version + 1 : 1;
out:
	map_boundary_release(&old);
	return rc;
}

enum bl_err store_map_boundary_put(struct store *st, const char *name, const char *geojson,
				   int64_t version, int64_t *out_version)
{
	struct map_boundary m;
	char now[32];
	int64_t v = 0;
	enum bl_err rc;

	if (!name || !*name || !geojson || !*geojson)
		return store_fail(st, BL_EINVAL, "a boundary needs a name and its GeoJSON");
	store_now_text(now);
	m.name = (char *)name;
	m.geojson = (char *)geojson;
	m.uploaded_by = (char *)(st->actor ? st->actor : "unknown");
	m.uploaded_at = now;
	m.version = 0;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = put_in_txn(st, &m, version, &v);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	rc = store_commit(st);
	if (!rc && out_version)
		*out_version = v;
	return rc;
}
