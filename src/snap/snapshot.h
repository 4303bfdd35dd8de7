/* snapshot.h — the server's in-memory snapshot of the data: every unit,
 * project, listing, report figure, target, indicator value and setting, read
 * from the store once and derived per year into the datasets core computes
 * on (struct dataset, the same as store_load_dataset gives), with the list
 * orders sorted in advance. A snapshot never changes: a change to the data
 * makes a new snapshot that shares every part the change did not touch
 * (snapshot_refresh), so a reader of the old one never waits and never sees
 * half a change. Any number of threads may read one snapshot at once;
 * snap/holder.h keeps the current one and swaps it. */
#ifndef BL_SNAPSHOT_H
#define BL_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/warnings.h"
#include "store/store.h"

struct snapshot;

/* The whole store's data as of now, in one read transaction, into *out
 * (free with snapshot_free). On error *out is NULL and store_errmsg(st) says
 * why. */
enum bl_err snapshot_load(struct store *st, struct snapshot **out);
/* cur brought up to the store's current write generation: *out is NULL when
 * cur is current; else a new snapshot (free with snapshot_free; cur stays
 * valid and unchanged) that re-reads only what the changes since cur's
 * generation touched, or everything when they are many or cannot be named
 * (store_changes_since). */
enum bl_err snapshot_refresh(struct store *st, const struct snapshot *cur,
			     struct snapshot **out);
/* Free s; the parts it shares with other snapshots live on with them. NULL
 * is a no-op. */
void snapshot_free(struct snapshot *s);

/* The write generation (store_generation) s is the data of. */
int64_t snapshot_generation(const struct snapshot *s);

/* The dataset of year into *out, as store_load_dataset_for(st, year, any
 * month, DS_ALL | (parts & DS_DRAFTS)) would fill it: every unit, the
 * projects listed in year with their listings, their reports of year and
 * year-1 (drafts counting when parts has DS_DRAFTS), the year's targets and
 * indicator values. *out borrows s's arrays (out->borrowed is 1): it is valid
 * while s is, and dataset_release only forgets it. */
void snapshot_dataset(const struct snapshot *s, int year, unsigned parts, struct dataset *out);
/* The project of ref, listed or not; NULL when none. Valid while s is. */
const struct project *snapshot_project(const struct snapshot *s, const char *ref);
/* The index of the project with this id in the dataset of year
 * (snapshot_dataset), or -1 when it is not listed that year. */
long snapshot_index(const struct snapshot *s, int year, int64_t project_id);

/* A report as the store keeps it (the month's report list, GET /reports):
 * its figures, status, version and texts (NULL: none; borrowed from the
 * snapshot). status is REPORT_STATUS__MAX for a status this binary does not
 * know. */
struct snapshot_report {
	int64_t invest, output, version;
	enum report_status status;
	const char *progress, *problems, *return_reason, *submitted_by, *submitted_at,
		*verified_by, *verified_at;
};
/* The report of project_id for month into *out: 0, or -1 when there is
 * none. Valid while s is. */
int snapshot_report(const struct snapshot *s, int64_t project_id, bl_month month,
		    struct snapshot_report *out);

/* Every setting in key order, as store_settings_each gives them; stops at
 * fn's first non-zero return (returned). */
int snapshot_settings_each(const struct snapshot *s,
			   int (*fn)(void *ctx, const char *key, const char *value), void *ctx);
/* The warning thresholds in effect (warning_settings_load over s's
 * settings): 0, or -1 when a stored value is bad (that one stays default;
 * *bad is then its text, "KEY = VALUE: why", kept with s). */
int snapshot_warning_settings(const struct snapshot *s, struct warning_settings *ws,
			      const char **bad);

/* The years that hold a listing or any report, ascending, and the latest
 * month of a report that counts (submitted or verified, DOMAIN.md §3), over
 * all and per year (MONTH_NONE: none). Arrays borrowed from s. */
struct snapshot_periods {
	const int *years;
	const bl_month *latest_in; /* per entry of years */
	size_t n_years;
	bl_month latest;
};
void snapshot_periods(const struct snapshot *s, struct snapshot_periods *out);

/* The orders a project list sorts by, each ending with the ref (byte order)
 * so that it is total: descending is the same order read backwards. */
enum project_order {
	PO_REF,              /* ref */
	PO_NAME,             /* name, then ref */
	PO_TOTAL_INVESTMENT, /* total investment (absent first), then ref */
	PO_ANNUAL_PLAN,      /* the year's annual plan (absent first), then ref */
	PO_PLANNED_START,    /* planned start (absent last), then ref */
	PO_SECTION,          /* section unit id, then ref */
	PO__MAX
};
/* The indexes 0 … n-1 of the dataset of year (snapshot_dataset) in order o,
 * ascending; NULL when year has no listed project. Valid while s is. */
const uint32_t *snapshot_order(const struct snapshot *s, int year, enum project_order o);

struct scope;
/* The projects of the dataset of year that pass sc's filters on the tier,
 * industrial, the department and the section subtree (and the caller's
 * reach, access_scope_narrow), as a bitset of
 * (n + 63) / 64 words (bit i: project i; caller frees): a superset of what
 * scope_matches selects, so that a walk tests only these. NULL when sc sets
 * none of those filters or year has no project. */
uint64_t *snapshot_candidates(const struct snapshot *s, int year, const struct scope *sc);

#endif
