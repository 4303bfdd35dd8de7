/* funds_act.c — entering a fund application and making its steps as a
 * caller (funds.h): the workflow table (core/workflow.c WF_FUND), the rules
 * of funds.c and the store's audited write, in one transaction that reads
 * the row it changes. */
#include <stdio.h>
#include <string.h>

#include "core/funds.h"
#include "core/workflow.h"
#include "store/store_funds.h"
#include "store/store_items.h"

static const char *const outcome_msg[WFO__MAX] = {
	[WFO_OK] = "ok",
	[WFO_SKIP] = "nothing to do",
	[WFO_FORBIDDEN] = "you may not do this to the application",
	[WFO_UNSEEN] = "no such application",
	[WFO_NEED_REASON] = "a reason of 1-2000 characters is required",
	[WFO_LOCKED] = "the application is locked: money is paid or it is rejected",
	[WFO_WRONG_STATUS] = "this step does not follow from the application's status",
};

static void fail(struct fund_result *res, enum bl_err err, const char *field, const char *msg)
{
	res->err = err;
	res->field = field;
	snprintf(res->msg, sizeof(res->msg), "%s", msg);
}

/* The caller's sight on an application of pol on project_id (0: none) in
 * status from; BL_OK or the store's error. */
static enum bl_err sight_of(struct store *st, const struct actor *who, const struct policy *pol,
			    int64_t project_id, int from, enum wf_sight *out)
{
	struct dataset units;
	struct project p;
	enum bl_err rc;

	memset(&units, 0, sizeof(units));
	project_init(&p);
	rc = store_units(st, &units.units, &units.n_units);
	if (!rc && project_id)
		rc = store_item_project(st, project_id, &p);
	if (!rc) {
		dataset_index(&units);
		*out = workflow_fund_sight(who, &units, project_id ? &p : NULL, pol, from);
	}
	project_release(&p);
	dataset_release(&units);
	return rc;
}

/* Ask the table; 0 when it allows. */
static int ask(const struct actor *who, int from, int act, enum wf_sight sight,
	       const char *reason, struct fund_result *res)
{
	struct wf_request q = { WF_FUND, from, (enum wf_action)act, who->role, sight, reason };

	res->outcome = workflow_decide(&q, NULL, NULL);
	if (res->outcome == WFO_OK)
		return 0;
	fail(res, BL_EPERM, res->outcome == WFO_NEED_REASON ? "reason" : NULL,
	     outcome_msg[res->outcome]);
	return -1;
}

static void db_failed(struct store *st, struct fund_result *res, enum bl_err rc)
{
	fail(res, rc, NULL, store_errmsg(st));
	if (res->outcome == WFO_OK && rc == BL_ENOTFOUND)
		res->outcome = WFO_UNSEEN;
}

void fund_enter(struct store *st, const struct actor *who, struct application *a,
		struct fund_result *res)
{
	struct policy pol;
	enum wf_sight sight = WF_UNSEEN;
	const char *why, *field = NULL;
	enum bl_err rc;

	memset(res, 0, sizeof(*res));
	policy_init(&pol);
	rc = store_begin(st);
	if (rc) {
		db_failed(st, res, rc);
		return;
	}
	rc = store_policy_get(st, a->policy_id, &pol);
	if (!rc)
		rc = sight_of(st, who, &pol, a->project_id, WF_NONE, &sight);
	if (rc) {
		db_failed(st, res, rc);
		goto out;
	}
	if (ask(who, WF_NONE, WA_SAVE, sight, NULL, res))
		goto out;
	a->status = FST_APPLIED;
	why = application_problem(a, &field);
	if (why) {
		fail(res, BL_EINVAL, field, why);
		goto out;
	}
	rc = store_application_put(st, a);
	if (!rc)
		rc = store_commit(st);
	if (rc)
		db_failed(st, res, rc);
out:
	if (rc || res->err)
		store_rollback(st);
	policy_release(&pol);
}

void fund_step(struct store *st, const struct actor *who, int64_t id, int64_t version, int act,
	       const struct fund_change *c, struct application *now, struct fund_result *res)
{
	struct application a, next;
	struct policy pol;
	enum wf_sight sight = WF_UNSEEN;
	const char *why, *field = NULL;
	enum bl_err rc;

	memset(res, 0, sizeof(*res));
	application_init(&a);
	application_init(&next);
	policy_init(&pol);
	if (now)
		application_init(now);
	rc = store_begin(st);
	if (!rc)
		rc = store_application_get(st, id, &a);
	if (!rc)
		rc = store_policy_get(st, a.policy_id, &pol);
	if (!rc)
		rc = sight_of(st, who, &pol, a.project_id, (int)a.status, &sight);
	if (rc) {
		db_failed(st, res, rc);
		goto out;
	}
	if (ask(who, (int)a.status, act, sight, c->reason, res))
		goto out;
	if (version && version != a.version) {
		snprintf(res->msg, sizeof(res->msg), "stale: application %lld is at version %lld, "
			 "not %lld", (long long)id, (long long)a.version, (long long)version);
		res->err = BL_ECONFLICT;
		goto out;
	}
	why = application_next(&a, act, c, &next, &field);
	if (why) {
		fail(res, BL_EINVAL, field, why);
		goto out;
	}
	rc = store_application_put(st, &next);
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		db_failed(st, res, rc);
		goto out;
	}
	application_release(&a);
	a = next;
	application_init(&next);
out:
	if (rc || res->err)
		store_rollback(st);
	if (now && a.id) {
		*now = a;
		application_init(&a);
	}
	application_release(&a);
	application_release(&next);
	policy_release(&pol);
}
