/* store_leaders.h — leader links (领导挂钩), named project lists and the
 * leader page's visit marks in the store (core/leaders.h). Each write runs in
 * the caller's transaction and is audited: entities "project_leader",
 * "project_list", "project_list_member" (keyed by id) and "leader_visit"
 * (keyed by the user's id); a change of a project's links also updates its
 * free-text 挂钩领导 and version (entity "project"). */
#ifndef BL_STORE_LEADERS_H
#define BL_STORE_LEADERS_H

#include "core/leaders.h"
#include "store/store.h"

/* A project's link to a leader account, as read. */
struct leader_link {
	int64_t id, project_id, user_id;
	const char *username, *display_name; /* valid during the call only */
};
/* The links of project_id (0: every project) to user_id (0: every user), by
 * project then link id; fn's non-zero return stops (BL_OK). */
enum bl_err store_leader_links(struct store *st, int64_t project_id, int64_t user_id,
			       int (*fn)(void *ctx, const struct leader_link *l), void *ctx);

/* Every leader account (role leader, not disabled) by username into *v
 * (free with leader_accounts_free) and *n. */
enum bl_err store_leader_accounts(struct store *st, struct leader_account **v, size_t *n);

/* The ids of the projects linked to user_id, ascending, into *ids (caller
 * frees; NULL when none) and *n. */
enum bl_err store_leader_project_ids(struct store *st, int64_t user_id, int64_t **ids,
				     size_t *n);

/* Make the leaders of project_id exactly user_ids (n of them): links not in
 * the set are deleted, new ones inserted. When text is not NULL the project's
 * 挂钩领导 becomes it (NULL when empty) and its version moves on; version > 0
 * must then be the stored one (else BL_ECONFLICT, "stale"), and *new_version
 * (may be NULL) gets the next. In the caller's transaction; audited.
 * BL_ENOTFOUND when there is no such project. */
enum bl_err store_project_leaders_set(struct store *st, int64_t project_id,
				      const int64_t *user_ids, size_t n, const char *text,
				      int64_t version, int64_t *new_version);

/* Every list by name with its member count; the name is valid during the
 * call only; fn's non-zero return stops. */
enum bl_err store_lists_each(struct store *st,
			     int (*fn)(void *ctx, int64_t id, const char *name, int64_t version,
				       int64_t members),
			     void *ctx);
/* The list named name with its members into *out (release with
 * project_list_release); BL_ENOTFOUND when none. */
enum bl_err store_list_get(struct store *st, const char *name, struct project_list *out);
/* The list of id, as store_list_get. */
enum bl_err store_list_by_id(struct store *st, int64_t id, struct project_list *out);
/* Store l: a new list (l->id 0: its name must be free, else BL_ECONFLICT),
 * or the list l->id renamed and its members made l's (l->version must be the
 * stored one, else BL_ECONFLICT "stale"). Sets l->id and l->version. l's ids
 * must be normalised (project_list_normalise) and name projects. In the
 * caller's transaction; audited. */
enum bl_err store_list_put(struct store *st, struct project_list *l);
/* Delete the list id with its members; version as for store_list_put.
 * BL_ENOTFOUND when none. In the caller's transaction; audited. */
enum bl_err store_list_delete(struct store *st, int64_t id, int64_t version);

/* The last visit of user_id to the leader page: the audit entry they had
 * seen, the day the page was of, and when (seen_at, "2024-07-05T02:30:00Z");
 * BL_ENOTFOUND when never. */
struct leader_visit {
	int64_t audit_id;
	bl_day seen_on;
	char seen_at[32];
};
enum bl_err store_leader_visit_get(struct store *st, int64_t user_id, struct leader_visit *v);
/* Record a visit by user_id that had seen audit entries up to audit_id, of
 * the page as of seen_on. In the caller's transaction; audited. */
enum bl_err store_leader_visit_put(struct store *st, int64_t user_id, int64_t audit_id,
				   bl_day seen_on);
/* The changes to projects since audit entry after_id: for each entry of a
 * project, a report or an item (or an item's step), its entity and the ref
 * of its project (NULL when the row is gone or the entry is an import's, which
 * names a file); valid during the call only; fn's non-zero return stops. */
enum bl_err store_changes_after(struct store *st, int64_t after_id,
				int (*fn)(void *ctx, const char *entity, const char *ref),
				void *ctx);

#endif
