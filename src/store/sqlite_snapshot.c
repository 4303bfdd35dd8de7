/* sqlite_snapshot.c — what the server's in-memory snapshot reads
 * (store_snapshot.h): a read transaction, every report's figures, every
 * listing and indicator value, and the changes since a write generation as
 * the audit trail names them (entity and key, as the *_put functions and the
 * report workflow write them). */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_sharing.h"
#include "store/store_snapshot.h"
#include "util/xalloc.h"

enum bl_err store_read_begin(struct store *st)
{
	struct dbq *s;
	enum bl_err rc;

	if (st->in_txn || st->in_read)
		return BL_OK;
	s = stmt_get(st, ST_READ_BEGIN);
	if (!s)
		return BL_EDB;
	rc = step_done(st, s, "begin read");
	if (!rc)
		st->in_read = 1;
	return rc;
}

void store_read_end(struct store *st)
{
	struct dbq *s;
	int i;

	if (!st->in_read)
		return;
	for (i = 0; i < ST__MAX; i++)
		if (st->stmts[i])
			dbq_reset(st->stmts[i]);
	s = stmt_get(st, ST_COMMIT);
	if (!s || step_done(st, s, "end read")) {
		s = stmt_get(st, ST_ROLLBACK);
		if (s)
			step_done(st, s, "end read");
	}
	st->in_read = 0;
}

static enum report_status status_of(const unsigned char *text)
{
	int k;

	for (k = 0; text && k < REPORT_STATUS__MAX; k++)
		if (!strcmp((const char *)text, report_status_keys[k]))
			return (enum report_status)k;
	return REPORT_STATUS__MAX;
}

/* Rows a fetch of the snapshot's largest reads on PostgreSQL. */
#define SNAP_CHUNK 20000

enum bl_err store_report_figures_each(struct store *st, int64_t project_id,
				      int (*fn)(void *ctx, const struct report_figure *f),
				      void *ctx)
{
	struct dbq *s = stmt_get(st, project_id ? ST_SNAP_FIGURES_OF : ST_SNAP_FIGURES);
	struct report_figure f;
	enum bl_err rc = BL_OK;
	int stop = 0, k;

	if (!s)
		return BL_EDB;
	if (project_id)
		dbq_bind_i64(s, 1, project_id);
	else
		dbq_chunked(s, SNAP_CHUNK); /* every report: not one answer (db_cursor.c) */
	while (!stop && rows_next(st, s, "read reports", &rc)) {
		f.project_id = dbq_i64(s, 0);
		f.month = col_month(s, 1);
		f.invest = col_amount(s, 2);
		f.output = col_amount(s, 3);
		f.status = status_of((const unsigned char *)dbq_text(s, 6));
		f.version = dbq_i64(s, 7);
		for (k = 0; k < RF_TEXT__MAX; k++) /* REPORT_ROW_COLS' order */
			f.text[k] = dbq_text(s, k < RF_RETURN_REASON ? 4 + k
									: 8 + k - RF_RETURN_REASON);
		stop = fn(ctx, &f);
	}
	dbq_reset(s);
	return stop ? BL_EINVAL : rc;
}

enum bl_err store_listings_by_year_each(struct store *st,
					int (*fn)(void *ctx, const struct listing *l),
					void *ctx)
{
	struct dbq *s = stmt_get(st, ST_SNAP_LISTINGS);
	struct listing l;
	enum bl_err rc = BL_OK;
	int stop = 0;

	dbq_chunked(s, SNAP_CHUNK);
	while (!stop && rows_next(st, s, "read listings", &rc)) {
		col_listing(s, 0, &l);
		stop = fn(ctx, &l);
	}
	dbq_reset(s);
	return stop ? BL_EINVAL : rc;
}

enum bl_err store_indicator_values(struct store *st, struct indicator_value **out, size_t *n)
{
	struct dbq *s = stmt_get(st, ST_INDICATORS_RANGE);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return BL_EDB;
	/* Months are stored as "YYYY-MM": these bounds take them all. */
	dbq_bind_text_kept(s, 1, "0000-00", -1);
	dbq_bind_text_kept(s, 2, "9999-99", -1);
	while ((rc = dbq_step(s)) == DB_ROW) {
		int m = measure_from_key(dbq_text(s, 0));
		struct indicator_value *v;

		if (m < 0 || !measure_info[m].indicator)
			continue;
		XGROW(*out, alloc, *n + 1);
		v = &(*out)[(*n)++];
		v->measure = (enum measure_key)m;
		v->unit_id = dbq_i64(s, 1);
		v->month = col_month(s, 2);
		v->value = dbq_i64(s, 3);
	}
	dbq_reset(s);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_fail(st, "read indicators");
	}
	/* The fund registry replaces the entered fund figures of its years. */
	return store_funds_into_indicators(st, 0, out, n, &alloc);
}

/* ---- changes ---- */

static const struct {
	const char *entity;
	enum store_change_kind kind;
} entity_kinds[] = {
	{ "project", SC_PROJECT }, { "listing", SC_LISTING }, { "report", SC_REPORT },
	{ "target", SC_TARGET }, { "indicator", SC_INDICATOR }, { "setting", SC_SETTING },
	{ "unit", SC_UNIT }, { "item", SC_ITEM }, { "item_step", SC_ITEM },
	{ "user", SC_NONE }, { "api_token", SC_NONE }, { "bulletin", SC_NONE },
	{ "ranking_round", SC_NONE }, { "plan", SC_NONE }, { "change_request", SC_NONE },
	{ "map_boundary", SC_NONE }, /* ui14: the map's boundary, read from the store */
	/* element guarantees: the supplies feed the element-wait warning
	 * (h-wait); the demolition task books the demolition targets
	 * (h-demotarget): the snapshot holds both */
	{ "supply", SC_SUPPLY }, { "demolition_task", SC_DEMOLITION },
	{ "demolition_report", SC_DEMOLITION },
	/* policy fulfilment (h-funds) */
	{ "policy", SC_FUND }, { "application", SC_FUND }, { "fund_payment", SC_FUND },
	{ "workday", SC_FUND },
	/* h-leads: the lead pool is read from the store, not the snapshot (a
	 * signing's project is its own "project" entry); h-talent: but the
	 * snapshot holds the signed leads the contest reads, so a lead is SC_LEAD */
	{ "lead", SC_LEAD }, { "lead_log", SC_NONE }, { "talent_count", SC_NONE },
	/* revenue sharing (read from the store) and the fund registry (feeds
	 * the fund indicators, sqlite_sharing.c) */
	{ "sharing_rule", SC_NONE }, { "tax", SC_NONE }, { "fund", SC_INDICATOR },
	/* leader linkage and named lists: not in the snapshot (the project's
	 * 挂钩领导 text changes with an entry of its own) */
	{ "project_leader", SC_NONE }, { "project_list", SC_NONE },
	{ "project_list_member", SC_NONE }, { "leader_visit", SC_NONE },
};

/* The "ref/period" key of a listing or a report (period_key) split at its
 * last slash (a ref may hold slashes; a period never does): the ref into
 * ref (NUL-terminated copy), the period returned; NULL without a slash. */
static const char *split_period(const char *key, struct buf *ref)
{
	const char *slash = strrchr(key, '/');

	if (!slash)
		return NULL;
	buf_reset(ref);
	buf_add(ref, key, (size_t)(slash - key));
	return slash + 1;
}

/* Name the change of one audit entry into *c (c->ref points into ref). An
 * import's batch entry (action "import", audit_batch.c) names its file, not
 * its rows: anything may have changed. */
static void name_change(const char *entity, const char *key, const char *action,
			struct buf *ref, struct store_change *c)
{
	const char *period;
	size_t i;

	memset(c, 0, sizeof(*c));
	c->kind = SC_UNKNOWN;
	for (i = 0; entity && i < sizeof(entity_kinds) / sizeof(entity_kinds[0]); i++)
		if (!strcmp(entity, entity_kinds[i].entity))
			c->kind = entity_kinds[i].kind;
	if (action && !strcmp(action, "import"))
		c->kind = SC_UNKNOWN;
	if (c->kind == SC_PROJECT) {
		buf_reset(ref);
		buf_adds(ref, key ? key : "");
		c->ref = ref->s;
	} else if (c->kind == SC_LISTING || c->kind == SC_REPORT) {
		period = key ? split_period(key, ref) : NULL;
		c->ref = ref->s;
		if (c->kind == SC_LISTING) {
			char *end;
			long y = period ? strtol(period, &end, 10) : 0;

			if (!period || !*period || *end || y < 1900 || y > 2999)
				c->kind = SC_UNKNOWN;
			c->year = (int)y;
		} else if (!period || month_parse_iso(period, &c->month)) {
			c->kind = SC_UNKNOWN;
		}
	}
	if (c->kind == SC_UNKNOWN)
		c->ref = NULL;
}

enum bl_err store_changes_since(struct store *st, int64_t gen, size_t max,
				int (*fn)(void *ctx, const struct store_change *c), void *ctx,
				int *more)
{
	struct dbq *s = stmt_get(st, ST_SNAP_CHANGES);
	struct buf ref = BUF_INIT;
	struct store_change c;
	size_t n = 0;
	int rc, stop = 0;

	*more = 0;
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, gen);
	dbq_bind_i64(s, 2, (int64_t)max + 1);
	while (!stop && (rc = dbq_step(s)) == DB_ROW) {
		if (++n > max) {
			*more = 1;
			rc = DB_DONE;
			break;
		}
		name_change(dbq_text(s, 0),
			    dbq_text(s, 1),
			    dbq_text(s, 2), &ref, &c);
		stop = fn(ctx, &c);
	}
	dbq_reset(s);
	buf_release(&ref);
	if (stop)
		return BL_EINVAL;
	if (rc != DB_DONE)
		return db_fail(st, "read changes");
	return BL_OK;
}
