/* store_snapshot.h — what the server's in-memory snapshot (src/snap) reads
 * from the store: every row it holds, inside one read transaction so that
 * they are of one state of the data, and the changes since a write
 * generation (store_generation), named from the audit trail, which records
 * every change with its entity and key. The PostgreSQL backend will answer
 * the same calls. */
#ifndef BL_STORE_SNAPSHOT_H
#define BL_STORE_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* A read transaction: the reads until store_read_end see one state of the
 * data, whatever other connections commit meanwhile (WAL readers never
 * block writers). Inside a write transaction both do nothing. */
enum bl_err store_read_begin(struct store *st);
void store_read_end(struct store *st);

/* A report's texts, in the order of struct report_figure's text. */
enum report_figure_text {
	RF_PROGRESS, RF_PROBLEMS, RF_RETURN_REASON, RF_SUBMITTED_BY, RF_SUBMITTED_AT,
	RF_VERIFIED_BY, RF_VERIFIED_AT, RF_TEXT__MAX
};
/* A report's figures: what the measures and warnings read of it, and the
 * rest of its row (the month's report list, GET /reports). */
struct report_figure {
	int64_t project_id;
	bl_month month;
	int64_t invest, output;     /* yuan, or AMOUNT_NONE */
	enum report_status status;  /* REPORT_STATUS__MAX: a status this binary
	                             * does not know (it counts nowhere) */
	int64_t version;
	const char *text[RF_TEXT__MAX]; /* NULL: none; valid during the call only */
};

/* Every report's figures, ordered by project id then month; only project_id's
 * when it is not 0. fn's non-zero return stops the walk (BL_EINVAL). */
enum bl_err store_report_figures_each(struct store *st, int64_t project_id,
				      int (*fn)(void *ctx, const struct report_figure *f),
				      void *ctx);
/* Every listing, ordered by year then project id. */
enum bl_err store_listings_by_year_each(struct store *st,
					int (*fn)(void *ctx, const struct listing *l),
					void *ctx);
/* Every indicator value of every month, ordered by month then id (the order
 * store_load_dataset gives a year's); measures this binary does not know are
 * left out. Caller frees *out. */
enum bl_err store_indicator_values(struct store *st, struct indicator_value **out, size_t *n);

/* What an audit entry changed, for a snapshot of the data. */
enum store_change_kind {
	SC_NONE,      /* nothing a snapshot holds: accounts, tokens, bulletins,
	               * contest rounds, a plan's issue, change requests (an
	               * approved one writes its project and listing, named on
	               * their own), element supplies and demolition tasks */
	SC_PROJECT,   /* the project ref */
	SC_LISTING,   /* the listing of ref in year */
	SC_REPORT,    /* the report of ref for month */
	SC_TARGET,    /* a target (which one is not said) */
	SC_INDICATOR, /* an indicator value */
	SC_SETTING,   /* a setting */
	SC_UNIT,      /* a unit */
	SC_ITEM,      /* a supervision item or a step of one */
	SC_FUND,      /* a policy, an application, a payment or a calendar day (h-funds) */
	SC_DEMOLITION, /* a demolition task or progress report (h-demotarget) */
	SC_LEAD,      /* a lead: the signed leads the contest reads (h-talent) */
	SC_SUPPLY,    /* an element need or supply event (h-wait: the element-wait warning) */
	SC_UNKNOWN,   /* an entry this binary cannot name, or an import's batch
	               * entry (its rows are not named one by one): assume
	               * anything changed */
	SC__MAX
};

struct store_change {
	enum store_change_kind kind;
	const char *ref;  /* SC_PROJECT, SC_LISTING, SC_REPORT; else NULL */
	int year;         /* SC_LISTING */
	bl_month month;   /* SC_REPORT */
};

/* The changes after generation gen up to the current one, oldest first,
 * each to fn (c is valid during the call only; fn's non-zero return stops,
 * BL_EINVAL). At most max entries are read: *more is set to 1 when there
 * were more (the caller then reloads everything). */
enum bl_err store_changes_since(struct store *st, int64_t gen, size_t max,
				int (*fn)(void *ctx, const struct store_change *c), void *ctx,
				int *more);

#endif
