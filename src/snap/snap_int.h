/* snap_int.h — what the snapshot's files share: its parts. Each part is a
 * block with a reference count; a snapshot holds one reference on each part
 * it uses, and a new snapshot made from an old one takes references on the
 * parts it keeps, so a part lives while any snapshot uses it. The counts are
 * atomic: a snapshot may be freed on one thread while the next one is made
 * from it on another. Private to src/snap. */
#ifndef BL_SNAP_INT_H
#define BL_SNAP_INT_H

#include "core/demolition.h"
#include "core/funds_view.h"
#include "core/guarantees.h"
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "core/items.h"
#include "snap/snapshot.h"
#include "store/store_accounts.h" /* store_generation */
#include "store/store_snapshot.h"

/* The reference count every part starts with. */
struct snap_ref {
	atomic_int n;
};

/* All units, indexed by id (dataset_index). */
struct snap_units {
	struct snap_ref ref;
	struct dataset ds; /* units and unit_by_id only; owned */
};

/* One project's record: its row, strings owned. */
struct snap_rec {
	struct snap_ref ref;
	struct project p;
};

/* One report's figures, without its project (the block says whose), and
 * where the rest of its row is: its texts (progress, problems and the
 * workflow's stamps, enum report_figure_text) in the block's texts. */
struct snap_fig {
	bl_month month;
	uint32_t text;    /* offset in the block's texts; SNAP_NO_TEXT: every one NULL */
	uint8_t status;   /* enum report_status; REPORT_STATUS__MAX: unknown */
	int64_t invest, output; /* yuan, or AMOUNT_NONE */
	int64_t version;
};
#define SNAP_NO_TEXT UINT32_MAX

/* One project's reports, by month. A report's texts are a byte whose bit k
 * says whether text k is there, then those that are, each ending in NUL. */
struct snap_figs {
	struct snap_ref ref;
	size_t n;
	const char *texts; /* in the same block, after f */
	struct snap_fig f[];
};

/* Every project: records and their report figures, by id, and the order of
 * the refs. recs[i] and figs[i] (NULL: no report) are about the same
 * project; the block holds a reference on each. */
struct snap_master {
	struct snap_ref ref;
	size_t n;
	struct snap_rec **recs;
	struct snap_figs **figs;
	uint32_t *by_ref;  /* indexes into recs, by ref (byte order) */
};

/* A year's list: the projects listed (copies of the master's records, their
 * strings borrowed from them) with their listings, by project id, and the
 * list orders. Its projects' records live as long as the master of every
 * snapshot that holds this part: a change to one of them makes a new part. */
struct snap_list {
	struct snap_ref ref;
	size_t n;
	struct project *projects;
	struct listing *listings;
	uint32_t *order[PO__MAX];
	/* The projects that pass each of the scope's base filters
	 * (snapshot_candidates), as bitsets over the list (bit i: project i,
	 * in words of 64): per tier, industrial, and per unit (its index in
	 * the units) those whose section lies in its subtree and those it is
	 * the department of (n_units × words each). */
	size_t words, n_units;
	uint64_t *tier[TIER__MAX], *industrial, *subtree, *department;
};

/* A year's reports per listed project: those that count, and with the
 * drafts counting as well (DS_DRAFTS; the same array when the year has no
 * draft). */
struct snap_reports {
	struct snap_ref ref;
	struct year_reports *counted, *drafts;
};

/* A year's targets and indicator values, in store_load_dataset's orders. */
struct snap_targets {
	struct snap_ref ref;
	struct target *targets;
	size_t n_targets;
	struct indicator_value *indicators;
	size_t n_indicators;
};

/* Every supervision item (督办事项, core/items.h) with its history, by id:
 * project_ids[k] is the project of tracks[k] (their project member unused);
 * titles and points owned. */
struct snap_items {
	struct snap_ref ref;
	struct item_track *tracks;
	int64_t *project_ids;
	size_t n;
};

/* A year's items: the tracks of the projects listed, as store_load_dataset
 * gives them (by id, project the index in the list); titles and points
 * borrowed from the snap_items the part was made from. */
struct snap_year_items {
	struct snap_ref ref;
	struct snap_items *from; /* held */
	struct item_track *items;
	size_t n;
};

/* The fund applications, their policies and the working-day calendar
 * (core/funds_view.h), for the fund-step warning of every year (h-funds). */
struct snap_funds {
	struct snap_ref ref;
	struct fund_book b;
};

/* The demolition tasks and progress reports (core/demolition.h), for the
 * demolition targets of every year (h-demotarget). */
struct snap_demolition {
	struct snap_ref ref;
	struct demolition_book b;
};

/* The signed leads the contest reads (core/model.h; h-talent). */
struct snap_signings {
	struct snap_ref ref;
	struct lead_signing *v;
	size_t n;
};

/* Every supplies row (要素保障, core/guarantees.h), for the element-wait
 * warning of every year (h-wait). */
struct snap_supplies {
	struct snap_ref ref;
	struct supply *rows;
	size_t n;
};

/* Every setting, by key, and the warning thresholds they give. */
struct snap_settings {
	struct snap_ref ref;
	char **keys, **values;
	size_t n;
	struct warning_settings ws;
	int ws_bad;       /* a stored warn.* value is bad (ws keeps its default) */
	char ws_bad_text[WARNING_BAD_TEXT]; /* the first bad one: "KEY = VALUE: why" */
};

struct snap_year {
	int year;
	struct snap_list *list;       /* never NULL */
	struct snap_reports *reports; /* never NULL */
	struct snap_targets *targets; /* never NULL */
	struct snap_year_items *items; /* never NULL */
};

struct snapshot {
	int64_t gen;
	struct snap_units *units;
	struct snap_master *master;
	struct snap_settings *settings;
	struct snap_items *items;
	struct snap_funds *funds;  /* h-funds */
	struct snap_demolition *demolition; /* h-demotarget */
	struct snap_signings *signings; /* h-talent */
	struct snap_supplies *supplies; /* h-wait */
	struct snap_year *years;   /* ascending; owned by this snapshot */
	size_t n_years;
	/* snapshot_periods, owned by this snapshot */
	int *period_years;
	bl_month *period_latest;
	size_t n_period_years;
	bl_month latest;
	int loaded;       /* read afresh (snapshot_load), sharing nothing */
	/* The holder's (holder.c), under its lock: requests reading this
	 * snapshot, whether it is no longer the current one, and whether the
	 * one that replaced it was read afresh. */
	int readers;
	int retired;
	int replaced_whole;
};

/* ---- parts (snapshot.c) ---- */

/* Take one more reference on part p (any struct starting with snap_ref);
 * returns p. */
void *snap_hold(void *p);
/* Drop one reference on each part; the last one frees it. NULL is a no-op. */
void snap_units_drop(struct snap_units *u);
void snap_rec_drop(struct snap_rec *r);
void snap_figs_drop(struct snap_figs *f);
void snap_master_drop(struct snap_master *m);
void snap_list_drop(struct snap_list *l);
void snap_reports_drop(struct snap_reports *r);
void snap_targets_drop(struct snap_targets *t);
void snap_settings_drop(struct snap_settings *s);
void snap_items_drop(struct snap_items *it);
void snap_year_items_drop(struct snap_year_items *yi);
void snap_funds_drop(struct snap_funds *f);
void snap_demolition_drop(struct snap_demolition *d); /* h-demotarget */
void snap_signings_drop(struct snap_signings *g);
void snap_supplies_drop(struct snap_supplies *s);
/* A new part with one reference (zeroed but for it). */
void *snap_new(size_t size);
/* The master's index of project id, or -1. */
long snap_master_find(const struct snap_master *m, int64_t id);

/* ---- building parts (snap_build.c) ---- */

/* A year's list from its listings (by project id; l[k].year is the year),
 * the master's records and the units (indexed: a snap_units' ds); listings
 * of projects the master lacks are left out. The listings are copied. */
struct snap_list *snap_list_build(const struct dataset *units, const struct snap_master *m,
				  const struct listing *l, size_t n);
/* A year's reports for list from the master's figures. */
struct snap_reports *snap_reports_build(const struct snap_master *m,
					const struct snap_list *list, int year);
/* A year's targets and indicator values, picked from all of them (targets by
 * year, due, id; values by month, id). */
struct snap_targets *snap_targets_build(int year, const struct target *t, size_t n_t,
					const struct indicator_value *v, size_t n_v);
/* A year's items: those of all (NULL: none) whose project list holds. */
struct snap_year_items *snap_year_items_build(struct snap_items *all,
					      const struct snap_list *list);
/* The master's by_ref index, sorted afresh. */
void snap_master_index(struct snap_master *m);
/* The snapshot's periods (snapshot_periods) from its years and master. */
void snap_periods_build(struct snapshot *s);

/* ---- reading parts from the store (snap_load.c), inside a read
 * transaction ---- */

enum bl_err snap_load_units(struct store *st, struct snap_units **out);
enum bl_err snap_load_settings(struct store *st, struct snap_settings **out);
/* The figures of project_id (0: of every project) into m's figs, replacing
 * those m had (m must not be shared yet). */
enum bl_err snap_load_figures(struct store *st, struct snap_master *m, int64_t project_id);
/* A figures block of n figures and their texts (len bytes; NULL when n is
 * 0). */
struct snap_figs *snap_figs_make(const struct snap_fig *f, size_t n, const char *texts,
				 size_t len);
/* Every supervision item and its steps into *out. */
enum bl_err snap_load_items(struct store *st, struct snap_items **out);
/* The fund book into *out (h-funds). */
enum bl_err snap_load_funds(struct store *st, struct snap_funds **out);
/* The demolition book into *out (h-demotarget). */
enum bl_err snap_load_demolition(struct store *st, struct snap_demolition **out);
/* The signed leads into *out (h-talent). */
enum bl_err snap_load_signings(struct store *st, struct snap_signings **out);
/* Every supplies row into *out (h-wait). */
enum bl_err snap_load_supplies(struct store *st, struct snap_supplies **out);
/* Every target and indicator value into the targets part of each of s's
 * years, adding the years they name. */
enum bl_err snap_load_targets(struct store *st, struct snapshot *s);
/* The entry of year in s, added with empty parts when missing. */
struct snap_year *snap_year_of(struct snapshot *s, int year);

#endif
