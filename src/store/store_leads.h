/* store_leads.h — the lead pool (招商线索, core/leads.h) in the store: a lead
 * is written with its log (registering it inserts the row and its first
 * entry; every later move, note or visit appends an entry and updates the
 * row to the stage after it, its version re-checked inside the caller's
 * transaction), and the talents each unit reports per month. Every write is
 * audited (entities "lead", "lead_log" keyed by id; "talent_count" keyed
 * "unit_id/month"). */
#ifndef BL_STORE_LEADS_H
#define BL_STORE_LEADS_H

#include "core/leads.h"
#include "store/store.h"

/* The lead with this id (with its project's ref) into *out (release with
 * lead_release); BL_ENOTFOUND when none. */
enum bl_err store_lead_get(struct store *st, int64_t id, struct lead *out);
/* Every lead, by id; l is valid during the call only; fn's non-zero return
 * stops (BL_OK). */
enum bl_err store_leads_each(struct store *st, int (*fn)(void *ctx, const struct lead *l),
			     void *ctx);
/* The log of lead_id in order; g is valid during the call only. */
enum bl_err store_lead_log(struct store *st, int64_t lead_id,
			   int (*fn)(void *ctx, const struct lead_log *g), void *ctx);

/* Insert l with its first log entry g (g->stage is l's stage, l->last_on
 * g->on): sets l->id, l->version (1), g->id, g->at, g->actor. In the caller's
 * transaction; audited. */
enum bl_err store_lead_insert(struct store *st, struct lead *l, struct lead_log *g);
/* Append g to lead l->id and make its row l (stage g->stage, last_on g->on).
 * The stored version must be l->version (else BL_ECONFLICT "stale"); the row
 * is written, and l->version advanced, only when it changes. In the caller's
 * transaction; audited. */
enum bl_err store_lead_step(struct store *st, struct lead *l, struct lead_log *g);

/* Every signed lead with its signing day, as the contest reads them
 * (core/model.h struct lead_signing), by id; caller frees *out. h-talent. */
enum bl_err store_lead_signings(struct store *st, struct lead_signing **out, size_t *n);
/* Every reported talent count, by unit then month. */
enum bl_err store_talents(struct store *st, struct talent_count **out, size_t *n);
/* Set unit_id's count for month (insert or update; unchanged: nothing
 * written). In the caller's transaction; audited. */
enum bl_err store_talent_put(struct store *st, const struct talent_count *t);

#endif
