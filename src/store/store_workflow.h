/* store_workflow.h — the monthly report workflow (月度填报): a section fills
 * a month's reports (draft), submits them, a coordinator verifies (核实) or
 * returns them with a reason. Every transition is one audited write. */
#ifndef BL_STORE_WORKFLOW_H
#define BL_STORE_WORKFLOW_H

#include "store/store.h"

/* A report with its workflow fields, as read back. */
struct report_row {
	struct report r;
	char *return_reason, *submitted_by, *submitted_at, *verified_by, *verified_at;
};
void report_row_release(struct report_row *rr);

/* The report of (project, month); BL_ENOTFOUND when none. */
enum bl_err store_report_get(struct store *st, int64_t project_id, bl_month month,
			     struct report_row *out);
/* Every report of a month, keyed by project id (fn may stop with non-zero). */
enum bl_err store_reports_month(struct store *st, bl_month month,
				int (*fn)(void *ctx, const struct report_row *rr), void *ctx);
/* Move the report to status to, from one of the statuses in from_mask
 * (bits 1 << enum report_status); BL_ECONFLICT when it is in another status,
 * BL_ENOTFOUND when there is none. by is the actor's name; reason is kept for
 * REPORT_RETURNED. Records submitted_by/at or verified_by/at. Audited. */
enum bl_err store_report_transition(struct store *st, int64_t project_id, bl_month month,
				    unsigned from_mask, enum report_status to, const char *by,
				    const char *reason);

/* Delete the target with this id (audited); BL_ENOTFOUND when none. */
enum bl_err store_target_delete(struct store *st, int64_t id);

#endif
