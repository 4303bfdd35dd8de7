/* store_changes.h — the issued plan (任务书) and its change requests
 * (DOMAIN.md §3, core/changes.h): which years are issued, by whom and when,
 * and the change requests with their proposed values. Every write is audited
 * in the caller's transaction (entity "plan", key the year; entity
 * "change_request", key the id). */
#ifndef BL_STORE_CHANGES_H
#define BL_STORE_CHANGES_H

#include "core/changes.h"
#include "store/store.h"

/* A year whose plan is issued. Strings owned; plan_issue_release(). */
struct plan_issue {
	int year;
	char *issued_at; /* "2024-02-01T08:00:00Z" */
	char *issued_by; /* the audit actor, "user:coord" */
};
void plan_issue_release(struct plan_issue *pi);

/* Record year as issued now by the store's actor (audited); *out (may be
 * NULL) gets the record. BL_ECONFLICT when it is issued already (*out then
 * holds that issue). Inside store_begin. */
enum bl_err store_plan_issue(struct store *st, int year, struct plan_issue *out);
/* The issue of year into *out; BL_ENOTFOUND when it is not issued. */
enum bl_err store_plan_issue_get(struct store *st, int year, struct plan_issue *out);
/* Every issued year, oldest first; caller frees with plan_issues_free(). */
enum bl_err store_plan_issues(struct store *st, struct plan_issue **out, size_t *n);
void plan_issues_free(struct plan_issue *a, size_t n);
/* The latest issued year whose list has project_id, into *year; 0 when none
 * (the project's plan is not locked). */
enum bl_err store_project_lock_year(struct store *st, int64_t project_id, int *year);

/* Insert cr as a new pending request proposed now by the store's actor:
 * project_id, year, kind, fields, from, to and reason as given; sets id,
 * status, proposed_by/at and version. Audited. */
enum bl_err store_change_insert(struct store *st, struct change_request *cr);
/* The request id into *out (release with change_request_release), with its
 * project's ref, section and department; BL_ENOTFOUND when none. */
enum bl_err store_change_get(struct store *st, int64_t id, struct change_request *out);

/* Which requests store_changes_each reads: a field left at its "any" value
 * does not filter. */
struct change_filter {
	int status;         /* enum change_status, or -1 */
	int64_t project_id; /* 0: any */
	int year;           /* 0: any */
};
/* Every request the filter selects, newest first; cr is valid only during
 * the call. Stops at fn's first non-zero return (returned as BL_EINVAL). */
enum bl_err store_changes_each(struct store *st, const struct change_filter *f,
			       int (*fn)(void *ctx, const struct change_request *cr), void *ctx);
/* Decide request id: from one of the statuses in from_mask (WF_BIT()s of
 * enum change_status) to to, by the store's actor now, with reason (may be
 * NULL) as the decision's reason. BL_ECONFLICT when it is in another status,
 * BL_ENOTFOUND when there is none. Audited with the action's key (action)
 * and the row before and after. */
enum bl_err store_change_decide(struct store *st, int64_t id, unsigned from_mask,
				enum change_status to, const char *action, const char *reason);

#endif
