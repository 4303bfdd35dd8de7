/* sqlite_dataset.c — loading one year's dataset for the measures, targets and
 * warnings: units, the year's listed projects with their listings, and their
 * reports of the year and the year before, read in three scans. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "util/xalloc.h"

static enum bl_err load_projects(struct store *st, int year, struct dataset *ds)
{
	sqlite3_stmt *s = stmt_get(st, ST_DS_PROJECTS);
	size_t alloc = 0, alloc_l = 0;
	int rc;

	if (!s)
		return BL_EDB;
	sqlite3_bind_int(s, 1, year);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t i = ds->n_projects;

		XGROW(ds->projects, alloc, i + 1);
		XGROW(ds->listings, alloc_l, i + 1);
		col_project(s, 0, &ds->projects[i]);
		col_listing(s, 29, &ds->listings[i]);
		ds->n_projects++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, "read projects");
	ds->reports = xcalloc(ds->n_projects ? ds->n_projects : 1, sizeof(*ds->reports));
	return BL_OK;
}

/* Index of the project with this id in ds (sorted by id), or -1. */
static long find_project(const struct dataset *ds, int64_t id)
{
	size_t lo = 0, hi = ds->n_projects;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ds->projects[mid].id == id)
			return (long)mid;
		if (ds->projects[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static enum bl_err load_reports(struct store *st, int year, struct dataset *ds)
{
	sqlite3_stmt *s = stmt_get(st, ST_DS_REPORTS);
	char from[8], to[8];
	int rc;

	if (!s)
		return BL_EDB;
	sqlite3_bind_int(s, 1, year);
	sqlite3_bind_text(s, 2, month_format(month_from_ym(year - 1, 1), from), -1,
			  SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, month_format(month_from_ym(year, 12), to), -1,
			  SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long i = find_project(ds, sqlite3_column_int64(s, 0));
		bl_month mo = col_month(s, 1);
		struct year_reports *yr;
		int m;

		if (i < 0 || mo == MONTH_NONE)
			continue;
		yr = &ds->reports[i];
		m = month_of_year(mo) - 1;
		if (month_year(mo) == year) {
			int64_t inv = col_amount(s, 2), out = col_amount(s, 3);

			yr->invest[m] = inv == AMOUNT_NONE ? 0 : inv;
			yr->output[m] = out == AMOUNT_NONE ? 0 : out;
			yr->reported |= 1u << m;
		} else {
			yr->reported |= 1u << (12 + m);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, "read reports");
	return BL_OK;
}

static enum bl_err load_indicators(struct store *st, int year, struct dataset *ds)
{
	sqlite3_stmt *s = stmt_get(st, ST_INDICATORS_RANGE);
	char from[8], to[8];
	size_t alloc = 0;
	int rc;

	if (!s)
		return BL_EDB;
	sqlite3_bind_text(s, 1, month_format(month_from_ym(year, 1), from), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, month_format(month_from_ym(year, 12), to), -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int m = measure_from_key((const char *)sqlite3_column_text(s, 0));
		struct indicator_value *v;

		if (m < M_FIRST_INDICATOR)
			continue;
		XGROW(ds->indicators, alloc, ds->n_indicators + 1);
		v = &ds->indicators[ds->n_indicators++];
		v->measure = (enum measure_key)m;
		v->unit_id = sqlite3_column_int64(s, 1);
		v->month = col_month(s, 2);
		v->value = sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, "read indicators");
	return BL_OK;
}

enum bl_err store_load_dataset(struct store *st, int year, struct dataset *ds)
{
	enum bl_err rc;

	memset(ds, 0, sizeof(*ds));
	ds->year = year;
	/* One read transaction, so the four reads see one state of the data. */
	if (!st->in_txn && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL))
		return db_fail(st, "begin read");
	rc = store_units(st, &ds->units, &ds->n_units);
	if (rc)
		goto out;
	rc = load_projects(st, year, ds);
	if (rc)
		goto out;
	rc = load_reports(st, year, ds);
	if (rc)
		goto out;
	rc = store_targets(st, year, &ds->targets, &ds->n_targets);
	if (rc)
		goto out;
	rc = load_indicators(st, year, ds);
	if (rc)
		goto out;
	dataset_index(ds);
out:
	if (!st->in_txn)
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc)
		dataset_release(ds);
	return rc;
}
