/* store.h — the storage interface: everything ballast keeps, behind one API.
 * Two backends behind the same functions: SQLite (a file) and PostgreSQL
 * (pg.c; both through db.h), so core and cli never see SQL. Every write goes through here and
 * records an audit entry (who, when, what, before, after; hash-chained) in the
 * caller's transaction. All functions return BL_OK or an error, with a detail
 * sentence in store_errmsg(). */
#ifndef BL_STORE_H
#define BL_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "util/buf.h"
#include "util/error.h"

struct store;

enum store_mode {
	STORE_EXISTING, /* open a database that exists and is initialised */
	STORE_CREATE,   /* create (or open) and migrate to the current schema */
};

/* The schema version this binary writes. */
int store_schema_version(void);

/* Open the database at path. On error *out is NULL and err (may be NULL)
 * holds a sentence; BL_EVERSION when the file is newer than this binary.
 * Close with store_close(). */
enum bl_err store_open(const char *path, enum store_mode mode, struct store **out,
		       struct buf *err);
void store_close(struct store *st);
/* Whether path names a database already (ballast demo refuses to replace
 * one without --force): SQLite, a file at the path; PostgreSQL, a database
 * holding ballast's tables. */
int store_exists(const char *path);
/* Remove the database path names, for one made afresh: SQLite deletes the
 * file and its -wal and -shm; PostgreSQL drops ballast's tables (a database
 * of another program is refused). err says why not. */
enum bl_err store_remove(const char *path, struct buf *err);
/* The detail of the last error on st (never NULL; "" when none). */
const char *store_errmsg(const struct store *st);

/* Who the following writes are by, for the audit trail ("cli:root",
 * "user:wang"). Copied. */
void store_set_actor(struct store *st, const char *actor);

/* One write transaction. store_begin takes the write lock at once. */
enum bl_err store_begin(struct store *st);
enum bl_err store_commit(struct store *st);
void store_rollback(struct store *st);

/* An import's inserts as one audit entry (docs/security.md "Imports"): from
 * store_batch_begin to store_batch_end, inside one transaction, every row a
 * put inserts (units, projects, listings, reports, indicator values) is
 * recorded in the batch instead of an entry of its own; updates are audited
 * one by one as always. The end appends the entry (action "import", entity,
 * key name: the file as the user named it) with the counts c, unless no row
 * was inserted. A rollback discards the batch; a commit refuses an open one. */
struct batch_counts {
	size_t rows;                         /* data rows read */
	size_t inserted, updated, unchanged; /* what the puts did */
};
enum bl_err store_batch_begin(struct store *st, const char *entity, const char *name);
enum bl_err store_batch_end(struct store *st, const struct batch_counts *c);
/* Whether the open batch loads an empty table (a first load: on PostgreSQL
 * by COPY, docs/postgresql.md): the importer had better read at once every
 * key it will need, since a lookup between two rows ends a COPY. */
int store_batch_first_load(const struct store *st);

/* What the last *_put call did. */
enum store_put {
	PUT_UNCHANGED, /* the row was already so: nothing written */
	PUT_INSERTED,  /* a new row */
	PUT_UPDATED,   /* an existing row changed */
};
enum store_put store_last_put(const struct store *st);

/* ---- units ---- */

/* All units, ordered by id. Caller frees with units_free(). */
enum bl_err store_units(struct store *st, struct unit **out, size_t *n);
void units_free(struct unit *units, size_t n);
/* Insert or update the unit with u->code; sets u->id and u->version. */
enum bl_err store_unit_put(struct store *st, struct unit *u);

/* ---- projects ---- */

/* The project with this ref into *out (caller releases with project_release);
 * BL_ENOTFOUND when there is none. */
enum bl_err store_project_by_ref(struct store *st, const char *ref, struct project *out);
/* The id of the project with this ref into *id; BL_ENOTFOUND when there is none. */
enum bl_err store_project_id(struct store *st, const char *ref, int64_t *id);
/* fn(ctx, ref, id) for every project, in no set order; stops early when fn
 * returns non-zero. For an import that will look most of them up. */
enum bl_err store_project_refs_each(struct store *st,
				    int (*fn)(void *ctx, const char *ref, int64_t id), void *ctx);
/* Insert or update by p->ref, every field as given; sets p->id, p->version.
 * Refuses stage dates that go backwards (BL_EINVAL). */
enum bl_err store_project_put(struct store *st, struct project *p);
/* Call fn for every project, ordered by ref; stops at fn's first non-zero return
 * (returned as BL_EINVAL). The project is valid only during the call. */
enum bl_err store_projects_each(struct store *st,
				int (*fn)(void *ctx, const struct project *p), void *ctx);

/* ---- listings ---- */

/* Insert or update by (project_id, year). */
enum bl_err store_listing_put(struct store *st, struct listing *l);
/* BL_ENOTFOUND when the project has no listing that year. */
enum bl_err store_listing_get(struct store *st, int64_t project_id, int year,
			      struct listing *out);
/* Listings of a year (0: all), ordered by project ref then year; ref is the
 * project's ref. */
enum bl_err store_listings_each(struct store *st, int year,
				int (*fn)(void *ctx, const char *ref, const struct listing *l),
				void *ctx);

/* ---- monthly reports ---- */

/* Insert or update by (project_id, month); r->status may be REPORT_STATUS_KEEP. */
enum bl_err store_report_put(struct store *st, struct report *r);
/* Reports ordered by project ref then month. */
enum bl_err store_reports_each(struct store *st,
			       int (*fn)(void *ctx, const char *ref, const struct report *r),
			       void *ctx);

/* ---- targets and indicators ---- */

/* Insert or update by (year, measure, tier, section, department, industrial,
 * due); sets t->id. */
enum bl_err store_target_put(struct store *st, struct target *t);
/* Targets of a year (0: of every year, by year first), ordered by due date
 * then id. Caller frees *out. */
enum bl_err store_targets(struct store *st, int year, struct target **out, size_t *n);
/* Insert or update by (measure, unit, month): value, source and note, in the
 * caller's transaction, audited with before and after (key
 * "measure/unit id/month"); sets e->version. store_last_put() says
 * PUT_UNCHANGED when all three were so already. */
enum bl_err store_indicator_put(struct store *st, struct indicator_entry *e);
/* The stored entry of (m, unit_id, month) into *out (release with
 * indicator_entry_release); BL_ENOTFOUND when there is none. */
enum bl_err store_indicator_get(struct store *st, enum measure_key m, int64_t unit_id,
				bl_month month, struct indicator_entry *out);
/* Every stored entry whose month lies in year (0: every year), ordered by
 * month, unit id, then measure key; e is valid only during the call. Stops at
 * fn's first non-zero return (returned as BL_EINVAL). */
enum bl_err store_indicators_each(struct store *st, int year,
				  int (*fn)(void *ctx, const struct indicator_entry *e),
				  void *ctx);

/* ---- settings (key → text) ---- */

/* *out is a copy the caller frees; BL_ENOTFOUND when unset. */
enum bl_err store_setting_get(struct store *st, const char *key, char **out);
enum bl_err store_setting_set(struct store *st, const char *key, const char *value);
/* Delete the stored value of key (audited: action "delete", the old value as
 * before); nothing is written when none is stored (PUT_UNCHANGED). */
enum bl_err store_setting_delete(struct store *st, const char *key);
enum bl_err store_settings_each(struct store *st,
				int (*fn)(void *ctx, const char *key, const char *value),
				void *ctx);

/* ---- reading for computation ---- */

/* Fill ds with everything the year's measures, targets and warnings need: all
 * units, the projects listed in year with their listings and their reports of
 * year and year-1, the year's targets and indicator values. DOMAIN.md §3:
 * only submitted and verified reports count (their amounts and reported
 * bits); a draft or returned report sets only its uncounted bit. ds is
 * indexed (dataset_index) on return; release with dataset_release(). */
enum bl_err store_load_dataset(struct store *st, int year, struct dataset *ds);

/* The parts of a dataset that store_load_dataset_for may leave out. */
enum dataset_part {
	DS_DETAILS = 1u << 0,       /* every field of the projects and listings, not
	                             * only those the measures read; reports' output */
	DS_PREVIOUS_YEAR = 1u << 1, /* which months of year-1 have a report */
	DS_TARGETS = 1u << 2,       /* the year's targets and indicator values */
	/* Not a part left out but one let in: draft reports count as if they
	 * were submitted (returned ones still do not). DOMAIN.md §3: the
	 * coordinator's second view of the figures, labelled as including
	 * pending drafts; never a bulletin or a stored contest round, so it is
	 * not in DS_ALL. */
	DS_DRAFTS = 1u << 3,
};
#define DS_ALL (DS_DETAILS | DS_PREVIOUS_YEAR | DS_TARGETS)

/* Like store_load_dataset, but only what the caller reads (the measures read
 * a small part of it). Always filled: all units; the projects listed in year
 * with id, section_id, department_id, industrial, industry, planned_start,
 * stage_on[] and land_on; their listings with project_id, year, tiers and
 * annual_plan; their reports' invest and presence bits for the months of year
 * up to and including through (none when through is before January, all
 * twelve when it is December or later). parts adds the rest; what is left out
 * stays absent (NULL, DAY_NONE, AMOUNT_NONE, 0). store_load_dataset(st, year,
 * ds) is store_load_dataset_for(st, year, December of year, DS_ALL, ds). ds is
 * indexed on return; release with dataset_release(). */
enum bl_err store_load_dataset_for(struct store *st, int year, bl_month through,
				   unsigned parts, struct dataset *ds);

/* How a message names the database target: a SQLite file's path as given;
 * a PostgreSQL target as "PostgreSQL database NAME" (or "the PostgreSQL
 * database"), never with its host, user or password (copy.c). */
void store_describe(struct buf *b, const char *target);

#endif
