/* store_funds.h — policy fulfilment (政策兑现, core/funds.h) and the
 * working-day calendar (core/workdays.h) in the store. Every write is
 * audited (entities "workday" keyed by day, "policy", "application" and
 * "fund_payment" keyed by id) and runs in the caller's transaction
 * (store_begin); an update re-checks the row's version inside it. */
#ifndef BL_STORE_FUNDS_H
#define BL_STORE_FUNDS_H

#include "core/funds.h"
#include "core/workdays.h"
#include "store/store.h"

/* ---- the calendar ---- */

/* Every listed day, by day; d (and its name) valid during the call only;
 * fn's non-zero return stops. */
enum bl_err store_workdays_each(struct store *st,
				int (*fn)(void *ctx, const struct workcal_day *d), void *ctx);
/* A calendar read whole: days (owned, with their names) and the workcal over
 * them. Release with store_workcal_release. */
struct store_workcal {
	struct workcal cal;
	struct workcal_day *days;
	size_t alloc;
};
enum bl_err store_workcal_load(struct store *st, struct store_workcal *out);
void store_workcal_release(struct store_workcal *w);
/* List d (insert, or change its kind and name); audited when it changes. */
enum bl_err store_workday_put(struct store *st, const struct workcal_day *d);
/* Take day off the list (it is then as its weekday says); BL_ENOTFOUND
 * when it is not listed. Audited. */
enum bl_err store_workday_delete(struct store *st, bl_day day);

/* ---- policies ---- */

/* Every policy, by id; p valid during the call only. */
enum bl_err store_policies_each(struct store *st, int (*fn)(void *ctx, const struct policy *p),
				void *ctx);
/* The policy of id, or named name, into *out (release with policy_release);
 * BL_ENOTFOUND when none. */
enum bl_err store_policy_get(struct store *st, int64_t id, struct policy *out);
enum bl_err store_policy_by_name(struct store *st, const char *name, struct policy *out);
/* Insert p (p->id 0: sets id and version 1) or update the policy p->id at
 * p->version (else BL_ECONFLICT "stale"; advances p->version). A name taken
 * by another policy is BL_ECONFLICT. Audited. */
enum bl_err store_policy_put(struct store *st, struct policy *p);

/* ---- applications ---- */

/* Every application with its payments, by id; a valid during the call only. */
enum bl_err store_applications_each(struct store *st,
				    int (*fn)(void *ctx, const struct application *a),
				    void *ctx);
/* The application of id with its payments into *out (release with
 * application_release); BL_ENOTFOUND when none. */
enum bl_err store_application_get(struct store *st, int64_t id, struct application *out);
/* The id of the application of uscc to policy_id applied on applied_on (the
 * import's key) into *id; BL_ENOTFOUND when none. */
enum bl_err store_application_find(struct store *st, const char *uscc, int64_t policy_id,
				   bl_day applied_on, int64_t *id);
/* Insert a (a->id 0) with its payments: sets a->id and version 1; or make the
 * stored application a->id what a is, at a->version (else BL_ECONFLICT
 * "stale"): the row's fields, and the payments a has beyond the stored ones
 * appended (a payment is never changed or taken back: a stored one missing
 * from a, or different, is BL_EINVAL). Audited. */
enum bl_err store_application_put(struct store *st, struct application *a);

#endif
