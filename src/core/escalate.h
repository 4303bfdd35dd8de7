/* escalate.h — the daily escalation of supervision items (DOMAIN.md §7): every
 * pending item past its deadline moves up one level with a new deadline, as
 * of a day, in one audited transaction. `ballast escalate --asof D` runs it
 * once; `ballast serve` runs it for each new day by itself (http/escalator.c). */
#ifndef BL_ESCALATE_H
#define BL_ESCALATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/items.h"
#include "store/store.h"

/* One item moved up. */
struct escalation {
	int64_t item_id;
	int64_t project_id;
	int from, to;          /* levels */
	bl_day was_deadline;   /* the level's deadline it missed */
	bl_day deadline;       /* the new level's */
};

struct escalation_run {
	bl_day asof;
	struct escalation *v;  /* by item id */
	size_t n, alloc;
	size_t pending;        /* pending items looked at */
	size_t top;            /* overdue at level 4: they stay there */
	size_t later;          /* left alone: their last step is after asof */
};

/* Escalate, on day asof under is, every pending item past its deadline by
 * one level (item_escalation), as the workflow's office (WF_ITEM escalate),
 * each as a step of kind escalate on asof whose text says why, under the
 * store's actor. An item whose last step is after asof is left alone: history
 * is never written before a later step. Idempotent for a day: a second run
 * finds nothing past its new deadline. One transaction; *out (overwritten;
 * release with escalation_run_release) says what was done. BL_OK, or the
 * store's error with nothing written. */
enum bl_err items_escalate(struct store *st, bl_day asof, const struct item_settings *is,
			   struct escalation_run *out);
void escalation_run_release(struct escalation_run *r);


#endif
