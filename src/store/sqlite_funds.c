/* sqlite_funds.c — the working-day calendar, policies, fund applications and
 * their payments (store_funds.h): reads and audited writes, the version
 * re-checked inside the caller's transaction (put_audited, sqlite_rows.c; the
 * calendar's by day here). */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store_funds.h"
#include "util/xalloc.h"

/* ---- the calendar ---- */

static void col_workday(struct dbq *s, struct workcal_day *d, char **name)
{
	d->day = col_day(s, 0);
	d->kind = (enum workcal_kind)col_key(s, 1, workcal_kind_keys, WC__MAX, WC_HOLIDAY);
	*name = col_str(s, 2);
	d->name = *name;
}

enum bl_err store_workdays_each(struct store *st,
				int (*fn)(void *ctx, const struct workcal_day *d), void *ctx)
{
	struct dbq *s = stmt_get(st, ST_WORKDAYS);
	struct workcal_day d;
	char *name;
	int stop = 0;
	enum bl_err rc = BL_OK;

	while (!stop && rows_next(st, s, "read the calendar", &rc)) {
		col_workday(s, &d, &name);
		stop = fn(ctx, &d);
		free(name);
	}
	dbq_reset(s);
	return rc;
}

static int load_one(void *ctx, const struct workcal_day *d)
{
	struct store_workcal *w = ctx;

	if (w->cal.n == w->alloc) {
		w->alloc = w->alloc ? 2 * w->alloc : 64;
		w->days = xrealloc(w->days, w->alloc * sizeof(*w->days));
	}
	w->days[w->cal.n] = *d;
	w->days[w->cal.n].name = d->name ? xstrdup(d->name) : NULL;
	w->cal.n++;
	return 0;
}

enum bl_err store_workcal_load(struct store *st, struct store_workcal *out)
{
	enum bl_err rc;

	memset(out, 0, sizeof(*out));
	rc = store_workdays_each(st, load_one, out);
	out->cal.days = out->days;
	return rc;
}

void store_workcal_release(struct store_workcal *w)
{
	size_t i;

	for (i = 0; i < w->cal.n; i++)
		free((char *)w->days[i].name);
	free(w->days);
	memset(w, 0, sizeof(*w));
}

static void workday_json(struct buf *b, enum workcal_kind kind, const char *name)
{
	buf_reset(b);
	buf_addf(b, "{\"kind\":\"%s\",\"name\":", workcal_kind_keys[kind]);
	if (name)
		buf_add_json_str(b, name);
	else
		buf_adds(b, "null");
	buf_addch(b, '}');
}

/* The stored entry of day into *had (1) and st->before; 0 when none. */
static enum bl_err workday_before(struct store *st, bl_day day, int *had)
{
	struct dbq *s = stmt_get(st, ST_WORKDAY_GET);
	struct workcal_day d;
	char *name;
	int step;

	*had = 0;
	if (!s)
		return BL_EDB;
	bind_day(s, 1, day);
	step = dbq_step(s);
	if (step == DB_ROW) {
		col_workday(s, &d, &name);
		workday_json(&st->before, d.kind, name);
		free(name);
		*had = 1;
	}
	dbq_reset(s);
	return step == DB_ROW || step == DB_DONE ? BL_OK : db_fail(st, "read the calendar");
}

enum bl_err store_workday_put(struct store *st, const struct workcal_day *d)
{
	struct dbq *s;
	char day[11];
	enum bl_err rc;
	int had;

	st->last_put = PUT_UNCHANGED;
	rc = workday_before(st, d->day, &had);
	if (rc)
		return rc;
	workday_json(&st->after, d->kind, d->name);
	if (had && !strcmp(st->before.s, st->after.s))
		return BL_OK;
	s = stmt_get(st, ST_WORKDAY_PUT);
	if (!s)
		return BL_EDB;
	bind_day(s, 1, d->day);
	bind_str(s, 2, workcal_kind_keys[d->kind]);
	bind_str(s, 3, d->name);
	rc = step_done(st, s, "write the calendar");
	if (rc)
		return rc;
	st->last_put = had ? PUT_UPDATED : PUT_INSERTED;
	return audit_append(st, had ? "update" : "insert", "workday", day_format(d->day, day),
			    had ? st->before.s : NULL, st->after.s);
}

enum bl_err store_workday_delete(struct store *st, bl_day dayn)
{
	struct dbq *s;
	char day[11];
	enum bl_err rc;
	int had;

	rc = workday_before(st, dayn, &had);
	if (rc)
		return rc;
	if (!had)
		return store_fail(st, BL_ENOTFOUND, "%s is not listed in the calendar",
				  day_format(dayn, day));
	s = stmt_get(st, ST_WORKDAY_DELETE);
	if (!s)
		return BL_EDB;
	bind_day(s, 1, dayn);
	rc = step_done(st, s, "delete from the calendar");
	if (rc)
		return rc;
	return audit_append(st, "delete", "workday", day_format(dayn, day), st->before.s, NULL);
}

/* ---- policies ---- */

static void col_policy(struct dbq *s, struct policy *p)
{
	int i;

	policy_init(p);
	p->id = dbq_i64(s, 0);
	p->name = col_str(s, 1);
	p->kind = (enum policy_kind)col_key(s, 2, policy_kind_keys, POLICY_KIND__MAX,
						    POLICY_OTHER);
	p->year = (int)dbq_i64(s, 3);
	for (i = FS_VERIFY; i < FS__MAX; i++)
		p->limit[i] = (int)dbq_i64(s, 4 + i - FS_VERIFY);
	for (i = 0; i < FS__MAX; i++)
		p->owner[i] = dbq_i64(s, 7 + i);
	p->version = dbq_i64(s, 11);
}

static enum bl_err policy_one(struct store *st, enum stmt_id id, int64_t n, const char *name,
			      struct policy *out)
{
	struct dbq *s = stmt_get(st, id);
	enum bl_err rc = BL_OK;
	int step;

	policy_init(out);
	if (!s)
		return BL_EDB;
	if (name)
		bind_str(s, 1, name);
	else
		dbq_bind_i64(s, 1, n);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_policy(s, out);
	else if (step == DB_DONE)
		rc = name ? store_fail(st, BL_ENOTFOUND, "no policy named %s", name)
			  : store_fail(st, BL_ENOTFOUND, "no policy %lld", (long long)n);
	else
		rc = db_fail(st, "read policy");
	dbq_reset(s);
	return rc;
}

enum bl_err store_policy_get(struct store *st, int64_t id, struct policy *out)
{
	return policy_one(st, ST_POLICY_GET, id, NULL, out);
}

enum bl_err store_policy_by_name(struct store *st, const char *name, struct policy *out)
{
	return policy_one(st, ST_POLICY_BY_NAME, 0, name, out);
}

enum bl_err store_policies_each(struct store *st, int (*fn)(void *ctx, const struct policy *p),
				void *ctx)
{
	struct dbq *s = stmt_get(st, ST_POLICIES);
	struct policy p;
	int stop = 0;
	enum bl_err rc = BL_OK;

	while (!stop && rows_next(st, s, "read policies", &rc)) {
		col_policy(s, &p);
		stop = fn(ctx, &p);
		policy_release(&p);
	}
	dbq_reset(s);
	return rc;
}

/* Both statements: ?1 id (the insert's unused) … ?11, the update's ?12 the
 * version re-checked. */
static void policy_bind(struct dbq *s, void *row, int update)
{
	const struct policy *p = row;
	int i;

	dbq_bind_i64(s, 1, p->id);
	bind_str(s, 2, p->name);
	bind_str(s, 3, policy_kind_keys[p->kind]);
	dbq_bind_i64(s, 4, p->year);
	for (i = FS_VERIFY; i < FS__MAX; i++)
		dbq_bind_i64(s, 5 + i - FS_VERIFY, p->limit[i]);
	for (i = 0; i < FS__MAX; i++)
		dbq_bind_i64(s, 8 + i, p->owner[i]);
	if (update)
		dbq_bind_i64(s, 12, p->version);
}

static const struct put_ops policy_kind = {
	.entity = "policy", .name = "policy", .insert = ST_POLICY_INSERT,
	.update = ST_POLICY_UPDATE, .bind = policy_bind,
};

enum bl_err store_policy_put(struct store *st, struct policy *p)
{
	return put_audited(st, &policy_kind, p, &p->id, &p->version);
}

/* ---- applications ---- */

static enum bl_err load_payments(struct store *st, struct application *a)
{
	struct dbq *s = stmt_get(st, ST_FUND_PAYMENTS);
	enum bl_err rc = BL_EDB;

	if (!s)
		return rc;
	dbq_bind_i64(s, 1, a->id);
	while (rows_next(st, s, "read payments", &rc))
		application_add_payment(a, col_day(s, 0), dbq_i64(s, 1));
	return rc;
}

static void col_application(struct dbq *s, struct application *a)
{
	application_init(a);
	a->id = dbq_i64(s, 0);
	a->company = col_str(s, 1);
	a->uscc = col_str(s, 2);
	a->project_id = col_id(s, 3);
	a->policy_id = dbq_i64(s, 4);
	a->amount = dbq_i64(s, 5);
	a->applied_on = col_day(s, 6);
	a->verified_on = col_day(s, 7);
	a->consulted_on = col_day(s, 8);
	a->approved = dbq_i64(s, 9);
	a->rejected_on = col_day(s, 10);
	a->reason = col_str(s, 11);
	a->status = (enum fund_status)col_key(s, 12, fund_status_keys, FST__MAX, FST_APPLIED);
	a->version = dbq_i64(s, 13);
}

enum bl_err store_application_get(struct store *st, int64_t id, struct application *out)
{
	struct dbq *s = stmt_get(st, ST_APPLICATION_GET);
	enum bl_err rc = BL_OK;
	int step;

	application_init(out);
	if (!s)
		return BL_EDB;
	dbq_bind_i64(s, 1, id);
	step = dbq_step(s);
	if (step == DB_ROW)
		col_application(s, out);
	else if (step == DB_DONE)
		rc = store_fail(st, BL_ENOTFOUND, "no application %lld", (long long)id);
	else
		rc = db_fail(st, "read application");
	dbq_reset(s);
	return rc ? rc : load_payments(st, out);
}

enum bl_err store_applications_each(struct store *st,
				    int (*fn)(void *ctx, const struct application *a), void *ctx)
{
	struct dbq *s = stmt_get(st, ST_APPLICATIONS);
	struct application *all = NULL;
	size_t n = 0, i;
	enum bl_err rc = BL_OK;

	/* Read the rows first: the payments' statement runs per row after. */
	while (rows_next(st, s, "read applications", &rc)) {
		all = xrealloc(all, (n + 1) * sizeof(*all));
		col_application(s, &all[n++]);
	}
	for (i = 0; !rc && i < n; i++)
		rc = load_payments(st, &all[i]);
	for (i = 0; !rc && i < n; i++)
		if (fn(ctx, &all[i]))
			break;
	for (i = 0; i < n; i++)
		application_release(&all[i]);
	free(all);
	return rc;
}

enum bl_err store_application_find(struct store *st, const char *uscc, int64_t policy_id,
				   bl_day applied_on, int64_t *id)
{
	struct dbq *s = stmt_get(st, ST_APPLICATION_FIND);
	enum bl_err rc = BL_OK;
	int step;

	*id = 0;
	if (!s)
		return BL_EDB;
	bind_str(s, 1, uscc);
	dbq_bind_i64(s, 2, policy_id);
	bind_day(s, 3, applied_on);
	step = dbq_step(s);
	if (step == DB_ROW)
		*id = dbq_i64(s, 0);
	else if (step == DB_DONE)
		rc = BL_ENOTFOUND;
	else
		rc = db_fail(st, "find application");
	dbq_reset(s);
	return rc;
}

/* Both statements: ?1 id (the insert's unused) … ?13 status, the update's
 * ?14 the version re-checked. */
static void application_bind(struct dbq *s, void *row, int update)
{
	const struct application *a = row;

	dbq_bind_i64(s, 1, a->id);
	bind_str(s, 2, a->company);
	bind_str(s, 3, a->uscc);
	bind_id(s, 4, a->project_id);
	dbq_bind_i64(s, 5, a->policy_id);
	dbq_bind_i64(s, 6, a->amount);
	bind_day(s, 7, a->applied_on);
	bind_day(s, 8, a->verified_on);
	bind_day(s, 9, a->consulted_on);
	dbq_bind_i64(s, 10, a->approved);
	bind_day(s, 11, a->rejected_on);
	bind_str(s, 12, a->reason);
	bind_str(s, 13, fund_status_keys[a->status]);
	if (update)
		dbq_bind_i64(s, 14, a->version);
}

static const struct put_ops application_kind = {
	.entity = "application", .name = "application", .insert = ST_APPLICATION_INSERT,
	.update = ST_APPLICATION_UPDATE, .bind = application_bind, .flags = PUT_KEEP_SAME,
};

/* A payment of an application, as ST_FUND_PAYMENT_INSERT binds it. */
struct payment_row {
	int64_t application_id;
	const struct fund_payment *p;
};

static void payment_bind(struct dbq *s, void *row, int update)
{
	const struct payment_row *r = row;

	(void)update;
	dbq_bind_i64(s, 1, r->application_id);
	bind_day(s, 2, r->p->on);
	dbq_bind_i64(s, 3, r->p->yuan);
}

static const struct put_ops payment_kind = {
	.entity = "fund_payment", .name = "payment", .insert = ST_FUND_PAYMENT_INSERT,
	.update = ST_FUND_PAYMENT_INSERT, .bind = payment_bind,
};

/* The stored application's payments must be a's first ones, unchanged. */
static enum bl_err payments_kept(struct store *st, const struct application *old,
				 const struct application *a)
{
	size_t i;

	if (old->n_payments > a->n_payments)
		return store_fail(st, BL_EINVAL, "a payment of application %lld cannot be taken back",
				  (long long)a->id);
	for (i = 0; i < old->n_payments; i++)
		if (old->payments[i].on != a->payments[i].on ||
		    old->payments[i].yuan != a->payments[i].yuan)
			return store_fail(st, BL_EINVAL, "a payment of application %lld cannot be "
					  "changed", (long long)a->id);
	return BL_OK;
}

/* a's stored version re-checked and its payments kept: *from gets how many. */
static enum bl_err application_check(struct store *st, const struct application *a,
				     size_t *from)
{
	struct application old;
	enum bl_err rc = store_application_get(st, a->id, &old);

	if (!rc && old.version != a->version)
		rc = store_fail(st, BL_ECONFLICT, "stale: application %lld is at version %lld, not "
				"%lld", (long long)a->id, (long long)old.version,
				(long long)a->version);
	if (!rc)
		rc = payments_kept(st, &old, a);
	*from = old.n_payments;
	application_release(&old);
	return rc;
}

/* A new application's key (company code, policy, day) is not taken. Looked
 * up rather than left to the unique index: a refused insert would use up an
 * id of PostgreSQL's sequence, and the next application would get another
 * id there than on SQLite. */
static enum bl_err application_new(struct store *st, const struct application *a)
{
	int64_t id;
	enum bl_err rc = store_application_find(st, a->uscc, a->policy_id, a->applied_on, &id);

	if (rc == BL_ENOTFOUND)
		return BL_OK;
	return rc ? rc : store_fail(st, BL_ECONFLICT, "insert application: application %lld "
				    "has this company code, policy and day already", (long long)id);
}

enum bl_err store_application_put(struct store *st, struct application *a)
{
	struct payment_row p;
	enum store_put how;
	int64_t id;
	size_t from = 0;
	enum bl_err rc = a->id ? application_check(st, a, &from) : application_new(st, a);

	if (!rc)
		rc = put_audited(st, &application_kind, a, &a->id, &a->version);
	how = st->last_put;
	for (; !rc && from < a->n_payments; from++) {
		p.application_id = a->id;
		p.p = &a->payments[from];
		id = 0;
		rc = put_audited(st, &payment_kind, &p, &id, NULL);
		if (how == PUT_UNCHANGED)
			how = PUT_UPDATED;
	}
	st->last_put = how;
	return rc;
}
