/* store_items.h — supervision items (督办事项, core/items.h) and their
 * timelines in the store. An item is written with its steps: raising it
 * inserts the row and its first step; every later step (a reply, the answer,
 * an escalation, resolving, closing, reopening, an edit, an import) is
 * appended with the item's state after it, and the row is updated to that
 * state, re-checking its version inside the caller's transaction. Each write
 * is audited (entities "item" and "item_step", keyed by id). */
#ifndef BL_STORE_ITEMS_H
#define BL_STORE_ITEMS_H

#include "core/items.h"
#include "store/store.h"

/* The item with this id into *out (release with item_release); BL_ENOTFOUND
 * when none. */
enum bl_err store_item_get(struct store *st, int64_t id, struct item *out);
/* Every item, by id; it is valid during the call only. fn's non-zero return
 * stops (BL_OK). */
enum bl_err store_items_each(struct store *st, int (*fn)(void *ctx, const struct item *it),
			     void *ctx);
/* The id of the item of project_id with this title raised on raised_on (an
 * import's key) into *id; BL_ENOTFOUND when none. */
enum bl_err store_item_find(struct store *st, int64_t project_id, const char *title,
			    bl_day raised_on, int64_t *id);
/* The steps of item_id in order (item_id 0: of every item, by item then
 * step); s is valid during the call only; fn's non-zero return stops. */
enum bl_err store_item_steps(struct store *st, int64_t item_id,
			     int (*fn)(void *ctx, const struct item_step *s), void *ctx);

/* The projects that have items, by id, with id, ref, name, leader,
 * section_id and department_id set (the rest absent); p is valid during the
 * call only; fn's non-zero return stops. */
enum bl_err store_item_projects(struct store *st,
				int (*fn)(void *ctx, const struct project *p), void *ctx);

/* The project of id, as store_item_projects gives it, into *out (release with
 * project_release); BL_ENOTFOUND when none. */
enum bl_err store_item_project(struct store *st, int64_t id, struct project *out);

/* Insert it with its first step (its after is it's state, it->last_on its
 * day): sets it->id, it->version (1), first->id and first->at; first->actor
 * is the store's actor. In the caller's transaction; audited. */
enum bl_err store_item_insert(struct store *st, struct item *it, struct item_step *step);
/* Append step to the item it names (it->id) and make its row it (the fields
 * as they are to be; its state is step->after, its last_on step->on). The
 * stored row's version must be it->version (else BL_ECONFLICT, "stale"), and
 * step->on must not come before the stored last_on (BL_EINVAL). The row is
 * written, and it->version advanced, only when it changes (a reply on the
 * item's last day leaves it). Sets step->id and step->at; step->actor is the
 * store's actor. In the caller's transaction; audited. */
enum bl_err store_item_step(struct store *st, struct item *it, struct item_step *step);

#endif
