/* store_visits.h — commando teams and site visits (core/visits.h) in the
 * store, and the webhook outbox (http/notifier.c). Team and visit writes are
 * audited (entities "team" and "visit", keyed by id) in the caller's
 * transaction, re-checking the version; the outbox is delivery state, not
 * audited (its rows say what was sent, never what the district decided). */
#ifndef BL_STORE_VISITS_H
#define BL_STORE_VISITS_H

#include "core/visits.h"
#include "store/store.h"

/* The visits of project_id (0: of every project), by day then id; v is valid
 * during the call only; fn's non-zero return stops (BL_OK). */
enum bl_err store_visits_each(struct store *st, int64_t project_id,
			      int (*fn)(void *ctx, const struct visit *v), void *ctx);
/* The visit with this id into *out (release with visit_release);
 * BL_ENOTFOUND when none. */
enum bl_err store_visit_get(struct store *st, int64_t id, struct visit *out);
/* Insert v: sets v->id, v->version (1), recorded_by (the store's actor) and
 * recorded_at. In the caller's transaction; audited. */
enum bl_err store_visit_insert(struct store *st, struct visit *v);

/* The team of project_id into *out (release with team_release);
 * BL_ENOTFOUND when it has none. */
enum bl_err store_team_get(struct store *st, int64_t project_id, struct team *out);
/* Every team, by project id; valid during the call only. */
enum bl_err store_teams_each(struct store *st, int (*fn)(void *ctx, const struct team *t),
			     void *ctx);
/* Insert t (t->version 0) or update it to t (t->version: the version it
 * changes; BL_ECONFLICT "stale" when the row is at another). Sets t->id
 * and advances t->version. In the caller's transaction; audited. */
enum bl_err store_team_put(struct store *st, struct team *t);

/* ---- the webhook outbox ---- */

/* Queue an event: a row with key (unique) and text, unless one with that
 * key exists (then nothing; *added 0). Its own statement, outside any
 * transaction of the caller. */
enum bl_err store_outbox_add(struct store *st, const char *key, const char *text, int *added);
/* The oldest unsent event due at now (unix seconds) into *id, *text (caller
 * frees) and *attempts; BL_ENOTFOUND when none. */
enum bl_err store_outbox_next(struct store *st, int64_t now, int64_t *id, char **text,
			      int *attempts);
/* Mark event id sent (sent_at now). */
enum bl_err store_outbox_sent(struct store *st, int64_t id);
/* Record a failed attempt: attempts + 1, due again at next_at, why. */
enum bl_err store_outbox_failed(struct store *st, int64_t id, int64_t next_at, const char *why);

#endif
