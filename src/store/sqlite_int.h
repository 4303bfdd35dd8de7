/* sqlite_int.h — what the SQLite backend's files share: the store struct, the
 * statement cache and small bind/column helpers. Private to src/store. */
#ifndef BL_SQLITE_INT_H
#define BL_SQLITE_INT_H

#include <sqlite3.h>

#include "store/db.h"
#include "store/store.h"

/* Every statement the backend runs with a fixed text, prepared once per
 * connection on first use (stmt_get) and reset after use. What prepares its own
 * statements instead: migrations (exec'd scripts), verify and reconcile (one
 * pass over every table, with statements named at run time; the import
 * batches' checks too, sqlite_batch_verify.c), copy_head() on a backup's copy,
 * a connection that is not a store's (sqlite_verify.c), the statements of the
 * audit forms' table, built from it and cached per connection like these
 * (form_stmt, sqlite_forms.c), and a first load's index rebuild, the indexes'
 * own stored SQL run like a migration (audit_batch.c), and ballast copy
 * (copy*.c: per table, a SELECT in key order and an INSERT, named from the
 * catalogs at run time). */
enum stmt_id {
	ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
	ST_UNITS, ST_UNIT_BY_CODE, ST_UNIT_INSERT, ST_UNIT_UPDATE,
	ST_PROJECT_BY_REF, ST_PROJECT_REF, ST_PROJECT_INSERT, ST_PROJECT_UPDATE, ST_PROJECTS,
	ST_LISTING_GET, ST_LISTING_INSERT, ST_LISTING_UPDATE, ST_LISTINGS_YEAR, ST_LISTINGS_ALL,
	ST_REPORT_GET, ST_REPORT_INSERT, ST_REPORT_UPDATE, ST_REPORTS,
	ST_TARGET_FIND, ST_TARGET_INSERT, ST_TARGET_UPDATE, ST_TARGETS_YEAR,
	ST_INDICATOR_GET, ST_INDICATOR_INSERT, ST_INDICATOR_UPDATE, ST_INDICATORS_RANGE,
	ST_INDICATORS_EACH,
	ST_SETTING_GET, ST_SETTING_PUT, ST_SETTINGS,
	ST_AUDIT_LAST, ST_AUDIT_INSERT,
	ST_DS_PROJECTS, ST_DS_PROJECTS_CORE, ST_DS_REPORTS,
	ST_USER_VERSION, ST_APPLICATION_ID,
	ST_SETTING_DELETE,
	ST_REPORT_ROW_GET, ST_REPORT_ROWS_MONTH, ST_REPORT_VERIFY, ST_REPORT_SUBMIT,
	ST_REPORT_RETURN, ST_TARGET_GET, ST_TARGET_DELETE,
	ST_USER_INSERT, ST_USER_UPDATE, ST_USER_BY_NAME, ST_USER_BY_ID, ST_USERS,
	ST_SESSION_INSERT, ST_SESSION_GET, ST_SESSION_DELETE, ST_TOKEN_INSERT, ST_TOKEN_GET,
	ST_USER_SET_PASSWORD, ST_USER_SESSIONS_END, ST_USER_SESSIONS_LIVE, ST_USER_TOKENS,
	ST_TOKEN_REVOKED, ST_TOKENS_REVOKE,
	ST_BULLETIN_GET, ST_BULLETIN_INSERT, ST_BULLETINS,
	ST_ROUND_GET, ST_ROUND_INSERT, ST_ROUND_UPDATE, ST_ROUNDS,
	ST_AUDIT_EACH, ST_AUDIT_MAX,
	ST_ITEM_GET, ST_ITEMS, ST_ITEM_FIND, ST_ITEM_INSERT, ST_ITEM_UPDATE, ST_ITEM_STEP_INSERT,
	ST_ITEM_STEPS, ST_ITEM_STEPS_ALL, ST_ITEM_PROJECTS, ST_ITEM_PROJECT,
	ST_CHUNK_INSERT, ST_CACHE_IMPORT, ST_CACHE_DEFAULT, ST_PROJECT_ID,
	ST_AUDIT_IMPORTS, ST_AUDIT_LATER,
	ST_PLAN_ISSUE_GET, ST_PLAN_ISSUE_INSERT, ST_PLAN_ISSUES, ST_PROJECT_LOCK_YEAR,
	ST_CHANGE_INSERT, ST_CHANGE_GET, ST_CHANGES, ST_CHANGE_DECIDE,
	ST_READ_BEGIN, ST_SNAP_FIGURES, ST_SNAP_FIGURES_OF, ST_SNAP_LISTINGS, ST_SNAP_CHANGES,
	/* ui14 (issue #14 item 10): the map's boundary (sqlite_map.c) */
	ST_MAP_BOUNDARY_GET, ST_MAP_BOUNDARY_INSERT, ST_MAP_BOUNDARY_UPDATE,
	/* visits: teams, site visits, the webhook outbox (sqlite_visits.c) */
	ST_VISITS, ST_VISITS_ALL, ST_VISIT_GET, ST_VISIT_INSERT,
	ST_TEAM_GET, ST_TEAMS, ST_TEAM_INSERT, ST_TEAM_UPDATE,
	ST_OUTBOX_ADD, ST_OUTBOX_NEXT, ST_OUTBOX_SENT, ST_OUTBOX_FAILED,
	/* element guarantees and demolition task books (sqlite_guarantees.c) */
	ST_SUPPLIES, ST_SUPPLY_PROJECTS, ST_SUPPLY_FIND_NEED, ST_SUPPLY_FIND_EVENT, ST_SUPPLY_INSERT,
	ST_SUPPLY_UPDATE, ST_DEMO_TASKS, ST_DEMO_TASK_FIND, ST_DEMO_TASK_INSERT, ST_DEMO_TASK_UPDATE,
	ST_DEMO_REPORTS, ST_DEMO_REPORT_FIND, ST_DEMO_REPORT_INSERT, ST_DEMO_REPORT_UPDATE,
	/* policy fulfilment and the working-day calendar (sqlite_funds.c; h-funds) */
	ST_WORKDAYS, ST_WORKDAY_GET, ST_WORKDAY_PUT, ST_WORKDAY_DELETE,
	ST_POLICIES, ST_POLICY_GET, ST_POLICY_BY_NAME, ST_POLICY_INSERT, ST_POLICY_UPDATE,
	ST_APPLICATIONS, ST_APPLICATION_GET, ST_APPLICATION_FIND, ST_APPLICATION_INSERT,
	ST_APPLICATION_UPDATE, ST_FUND_PAYMENTS, ST_FUND_PAYMENT_INSERT,
	/* h-leads: the lead pool (sqlite_leads.c) */
	ST_LEAD_GET, ST_LEADS, ST_LEAD_INSERT, ST_LEAD_UPDATE, ST_LEAD_LOG_INSERT, ST_LEAD_LOG,
	ST_TALENTS, ST_TALENT_GET, ST_TALENT_INSERT, ST_TALENT_UPDATE,
	/* the signed leads the contest reads (sqlite_leads.c; h-talent) */
	ST_LEAD_SIGNINGS,
	/* revenue sharing and industrial funds (sqlite_sharing.c) */
	ST_RULES, ST_RULE_GET, ST_RULE_INSERT, ST_RULE_UPDATE,
	ST_TAX_GET, ST_TAX_INSERT, ST_TAX_UPDATE, ST_TAXES,
	ST_FUND_GET, ST_FUND_INSERT, ST_FUND_UPDATE, ST_FUNDS, ST_FUNDS_RANGE,
	/* leader linkage and named lists (sqlite_leaders.c) */
	ST_LEADER_LINKS, ST_LEADER_LINK_INSERT, ST_LEADER_LINK_DELETE, ST_PROJECT_LEADER_GET,
	ST_PROJECT_LEADER_TEXT, ST_LISTS, ST_LIST_BY_NAME, ST_LIST_INSERT, ST_LIST_UPDATE,
	ST_LIST_DELETE, ST_LIST_MEMBERS, ST_LIST_MEMBER_INSERT, ST_LIST_MEMBER_DELETE,
	ST_LIST_VERSION, ST_LEADER_VISIT_GET, ST_LEADER_VISIT_PUT, ST_CHANGES_AFTER,
	/* put_audited's undo of an update by id that changed nothing (sqlite_rows.c) */
	ST_SAVEPOINT, ST_RELEASE, ST_ROLLBACK_TO,
	/* leader links of one project or one user, each on its index (h-bench1) */
	ST_LEADER_LINKS_PROJECT, ST_LEADER_LINKS_USER,
	/* the month's reports that may not count (sqlite_dataset.c, h-bench1) */
	ST_DS_UNCOUNTED,
	/* every project's ref and id, for an import's first load (h-prov) */
	ST_PROJECT_REFS,
	/* h-multi: several servers on one database (sqlite_multi.c) */
	ST_LOGIN_KEY_GET, ST_LOGIN_KEY_PUT, ST_LOGIN_KEY_DELETE, ST_LOGIN_KEYS_PRUNE,
	ST_JOB_LOCK, ST_JOB_UNLOCK,
	ST__MAX
};

/* The puts that guess whether their row is new (struct store, insert_first). */
enum put_kind { PK_NONE, PK_PROJECT, PK_LISTING, PK_REPORT, PK__MAX };

/* The kinds of rows an import batch records (audit_batch.c): rows that are
 * never deleted, so that a batch can name its rows by their id range. */
enum batch_part { BP_NONE, BP_UNIT, BP_PROJECT, BP_LISTING, BP_REPORT, BP_INDICATOR, BP__MAX };
extern const char *const batch_part_entity[BP__MAX]; /* "unit", … (BP_NONE: NULL) */
struct batch;
#define BATCH_CHUNK 64  /* rows per digest in audit_chunks */
#define BATCH_DIGEST 16 /* bytes of a row's and a chunk's digest */
/* SQLite's page cache during an import, in KiB: its index pages stay in memory
 * rather than being written to the WAL and read back (bench/README.md). */
#ifndef BATCH_CACHE_KIB
#define BATCH_CACHE_KIB "16384"
#endif

struct store {
	struct db *db;           /* SQLite for now (db.h speaks PostgreSQL too) */
	char *path;              /* the database as opened */
	char *anchor_path;       /* the anchor log commits append to; NULL: none */
	int audit_dirty;         /* audit entries appended in this transaction */
	char *actor;
	struct buf err;
	struct dbq *stmts[ST__MAX];
	int in_txn;
	int in_read;             /* store_read_begin's transaction is open */
	enum store_put last_put;
	int audit_loaded;        /* audit_last_* read in this transaction */
	int64_t audit_last_id;
	char audit_last_hash[65];
	/* Scratch for the *_put functions (before/after JSON, audit key), reused
	 * so that a million-row import does not allocate per row. A put resets
	 * what it uses; no put calls another put. */
	struct buf before, after, key;
	struct buf diff_before, diff_after; /* an update's changed members */
	/* The import batch the puts record their inserts in (store_batch_begin),
	 * or NULL. */
	struct batch *batch;
	struct dbq **form_stmts; /* sqlite_forms.c form_stmt's, n_form_tables × FQ__MAX */
	int cache_big;           /* the import's page cache is set: back to the
	                          * default when the transaction ends */
	/* period_key()'s last project id and its ref: reports arrive project by
	 * project, so this saves a SELECT per row. Valid inside one transaction
	 * only: store_begin, store_commit, store_rollback and store_project_put
	 * clear it, and so must any other code that changes a project's ref or
	 * id (none does yet). */
	int64_t ref_id;
	struct buf ref;
	/* Per put_kind, 1 when the last put of that kind inserted. The next one
	 * then tries INSERT ... ON CONFLICT DO NOTHING before any lookup, which
	 * saves the lookup on an import of new rows; once a put finds its row
	 * stored, lookups come first again, so a re-import of stored rows pays no
	 * failed INSERT. The guess changes only the cost, never the result. */
	unsigned char insert_first[PK__MAX];
	/* h-multi: transactions committed on this connection, and whether the
	 * last failure was another writer's conflict (DBF_BUSY) rather than a
	 * fault: what store_commits and store_conflicted tell the server's one
	 * retry (src/http/server.c). */
	uint64_t commits;
	int conflicted;
	int write_locked;  /* PostgreSQL: this connection holds the write lock */
};

/* PostgreSQL's one writer at a time (sqlite_multi.c), SQLite's BEGIN
 * IMMEDIATE: store_begin takes it before its transaction starts, so that the
 * transaction's snapshot follows the last writer's commit, waiting at most
 * 5 s as SQLite's busy timeout does (then BL_EBUSY, not conflicted: a run
 * again at once would wait again); the end of
 * the transaction lets go of it. SQLite: nothing (its BEGIN IMMEDIATE is
 * the lock). */
enum bl_err store_write_lock(struct store *st);
void store_write_unlock(struct store *st);

/* Whether the store is PostgreSQL's (else SQLite's): for the few places whose
 * SQL has no common dialect (catalog queries, page-cache pragmas). */
static inline int store_is_pg(const struct store *st)
{
	return db_kind(st->db) == DB_PG;
}

/* The one schema version rule of both backends (sqlite_open.c): a database
 * newer than this ballast (newest) is refused, and one without ballast's
 * schema (version 0) is not opened as an existing one. name is the database
 * as messages name it. */
enum bl_err schema_admissible(struct store *st, const char *name, int version, int newest,
			      enum store_mode mode);

/* The cached statement id, reset and with bindings cleared; NULL on a prepare
 * failure (st->err says why). */
struct dbq *stmt_get(struct store *st, enum stmt_id id);
/* The SQL of statement id (for db_copy_begin). */
const char *stmt_text(enum stmt_id id);
/* Record the SQLite error for what in st->err; returns BL_EDB (or BL_ECONFLICT
 * for a constraint violation). */
enum bl_err db_fail(struct store *st, const char *what);
/* Set st->err to a formatted sentence; returns err. */
enum bl_err store_fail(struct store *st, enum bl_err err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void bind_str(struct dbq *s, int i, const char *v);   /* NULL → SQL NULL */
void bind_day(struct dbq *s, int i, bl_day d);        /* DAY_NONE → NULL */
void bind_month(struct dbq *s, int i, bl_month m);
void bind_amount(struct dbq *s, int i, int64_t v);    /* AMOUNT_NONE → NULL */
void bind_id(struct dbq *s, int i, int64_t id);       /* 0 → NULL */
char *col_str(struct dbq *s, int i);                  /* NULL stays NULL; caller frees */
bl_day col_day(struct dbq *s, int i);
bl_month col_month(struct dbq *s, int i);
int64_t col_amount(struct dbq *s, int i);
int64_t col_id(struct dbq *s, int i);                 /* NULL → 0 */

/* The current time, UTC, as "2024-07-05T02:30:00Z" (sqlite_accounts.c). */
void store_now_text(char out[32]);

/* Step a write statement to completion; BL_OK or the failure. */
enum bl_err step_done(struct store *st, struct dbq *s, const char *what);

/* How put_audited writes one kind of row: its statements, and how the stored
 * row is found and compared. A kind is one of two:
 * - found by its key (the imported kinds: units, projects, listings, reports,
 *   targets, indicators, settings, rounds): p is the kind's put state (the new
 *   row, room for the stored one, what else it needs) and get, json and done
 *   are set; the audit forms are made from the structs (audit.c);
 * - kept by id (every newer resource): p is the row, only bind is set; its
 *   audit form is its table's in form_tables[] (sqlite_forms.c), read back
 *   from the row as written, so the trail records what verify rebuilds. */
struct put_ops {
	const char *entity;           /* the audit trail's name: "project" */
	const char *name;             /* in messages: "insert item step" */
	enum stmt_id insert, update;  /* the same statement when it is one upsert; kept by
				       * id, the update matches one row, or none when stale */
	unsigned flags;               /* PUT_* */
	enum put_kind guess;          /* by key: whose insert_first applies (PK_NONE: none) */
	/* Bind p to the insert (update 0) or the update statement. */
	void (*bind)(struct dbq *s, void *p, int update);
	/* By key: read the stored row of p's key into p and carry over what the
	 * new row keeps from it, such as its id; BL_ENOTFOUND when there is none. */
	enum bl_err (*get)(struct store *st, void *p);
	/* By key: the audit JSON of the new row (stored 0) or of the stored one. */
	void (*json)(struct buf *b, void *p, int stored);
	/* By key, after the put went how: set the new row's id and version; unless
	 * key is NULL, append the row's audit key to it. */
	void (*done)(struct store *st, void *p, enum store_put how, struct buf *key);
	/* By key, optional: whether the rows are the same; NULL: when their JSON is. */
	int (*same)(void *p);
	/* By key, optional: a changed row's last change before it is written; 1
	 * when it changed the row (its JSON is then made again). */
	int (*amend)(void *p);
	/* By key: what an import batch records an insert as (BP_NONE: an entry of
	 * its own, as outside a batch). */
	enum batch_part batch;
};
#define PUT_KEEP_SAME 1 /* kept by id: an update that changes nothing is undone, no entry
			 * (a kind found by its key always leaves an unchanged row alone) */
#define PUT_DIFF 2      /* an update's entry holds the changed members only */
/* The one audited write. id NULL: a kind found by its key; read the stored
 * row (after trying the insert first when the last put of the kind inserted,
 * see struct store), compare, then insert or update; an unchanged row is not
 * written. id not NULL: a kind kept by id; *id 0 inserts the row (*id gets its
 * id), any other id updates that row (BL_ENOTFOUND when there is none,
 * BL_ECONFLICT when the update matches no row: stale). version (may be NULL)
 * becomes 1, or one more, unless the row is unchanged. Then the entry: an
 * "insert" with the row's form (or the row added to the open import batch),
 * an "update" with its forms before and after (PUT_DIFF: the changed members
 * only); an unchanged row gets none. st->last_put says how it went. Uses
 * st->before, st->after, st->key and st->diff_*. */
enum bl_err put_audited(struct store *st, const struct put_ops *ops, void *p, int64_t *id,
			int64_t *version);
/* ---- rows kept by id, and reading rows (sqlite_rows.c) ---- */

/* The audit form of row id of entity's table (form_tables[], sqlite_forms.c)
 * as stored now into b (reset first), its audit key into st->key;
 * BL_ENOTFOUND when there is no such row. */
enum bl_err row_form(struct store *st, const char *entity, int64_t id, struct buf *b);
/* Delete row id with del (?1 the id) and append its "delete" entry, with its
 * form before. Uses st->before and st->key. */
enum bl_err row_delete(struct store *st, const char *entity, enum stmt_id del, int64_t id);
/* Free *at and *actor, then stamp them now and with st's actor ("ballast"). */
void row_stamp(struct store *st, char **at, char **actor);
/* Every row of s (bound; NULL: BL_EDB) into *out, n rows of size bytes each
 * that col makes; the caller frees them, what was read too on an error (the
 * failure to read what, in st->err). */
enum bl_err rows_read(struct store *st, struct dbq *s, const char *what, size_t size,
		      void (*col)(struct dbq *s, void *row), void **out, size_t *n);
/* The next row of a walk over s (bound; NULL: *rc BL_EDB): 1 when s is on a
 * row (*rc BL_OK); 0 at the end, s reset and *rc BL_OK, or the failure to
 * read what. A walk its callback stops resets s itself:
 *	while (!stop && rows_next(st, s, "read items", &rc)) { ... }
 *	dbq_reset(s); */
int rows_next(struct store *st, struct dbq *s, const char *what, enum bl_err *rc);
/* Column i as the index of its text among keys[0..n), or def (a value this
 * binary does not know; the CHECK constraints keep them out). */
int col_key(struct dbq *s, int i, const char *const *keys, int n, int def);
/* A row's version after a put that went how, from the stored row's. */
static inline int64_t put_version(enum store_put how, int64_t stored)
{
	return how == PUT_INSERTED ? 1 : how == PUT_UNCHANGED ? stored : stored + 1;
}

/* Add the row rowid of part, whose audit form is after, to the open batch
 * (audit_batch.c). */
enum bl_err batch_add(struct store *st, enum batch_part part, int64_t rowid,
		      const struct buf *after);
/* Free st's batch, if any (a rollback). */
void batch_discard(struct store *st);
/* Whether the open batch inserted the row id of part (a project it inserted
 * has no other rows referring to it yet). */
int batch_inserted(const struct store *st, enum batch_part part, int64_t id);
/* Whether the open batch's rows of part go by PostgreSQL's COPY (a first
 * load): its table was empty, and any other statement would end the COPY. */
int batch_copying(const struct store *st, enum batch_part part);

/* Append an audit entry to the chain (audit.c). before/after are JSON texts or
 * NULL (insert has no before, delete no after). Must run inside store_begin. */
enum bl_err audit_append(struct store *st, const char *action, const char *entity,
			 const char *key, const char *before, const char *after);
/* The hash of audit entry id over the previous hash and its seven fields
 * (at, actor, action, entity, key, before, after; before/after may be NULL),
 * as 64 hex digits. verify recomputes the chain with it. */
void audit_entry_hash(const char *prev, int64_t id, const char *const fields[7], char out[65]);
/* Column i of s as a hash in 64 hex digits: 32 bytes (schema 7 on) or the hex
 * text entries before it hold. 0, or -1 (out "") when it is neither. */
int audit_hash_col(struct dbq *s, int i, char out[65]);
/* Read the chain's head into st->audit_last_* once per transaction. */
enum bl_err audit_load_head(struct store *st);
/* An update's audit forms: of the JSON objects before and after (as the forms
 * below write them), only the members whose values differ, into db and da
 * (reset first); a member one side lacks is null on that side. Texts that are
 * not such objects are copied whole. */
void audit_json_diff(const char *before, const char *after, struct buf *db, struct buf *da);
/* JSON objects of the entities, for the audit trail (audit.c). */
void project_json(struct buf *b, const struct project *p);
void listing_json(struct buf *b, const struct listing *l);
void report_json(struct buf *b, const struct report *r);
void unit_json(struct buf *b, const struct unit *u);
void target_json(struct buf *b, const struct target *t);
struct bulletin_record;
/* The audit form of a bulletin version (sqlite_bulletins.c): month, version,
 * reason, issue number, issued at/by, and each blob's byte count and SHA-256
 * (computed from r's blobs when sha is NULL, else sha[k], 64 hex digits). */
void bulletin_audit_json(struct buf *b, const struct bulletin_record *r,
			 const char *const sha[3]);



/* ---- tamper evidence (anchor.c, sqlite_reconcile.c) ---- */

/* One line of the anchor log: the audit chain's head at some commit. */
struct anchor {
	int64_t id;
	char hash[65];
	int pending;   /* a "P" line: written before its commit */
};
/* Before a commit that appended audit entries: the head it will have. */
void anchor_pending(struct store *st, int64_t id, const char *hash);
/* Append the head (id, hash) to st->anchor_path, creating the log (mode 0600,
 * with a header) when there is none. After a commit: a failure is not the
 * commit's, so it is only counted (verify reports the entries left out). */
void anchor_append(struct store *st, int64_t id, const char *hash);
/* Start the log at path afresh (a new database, or one that had none): the
 * header, a comment (may be NULL) and the head (id, hash). */
enum bl_err anchor_start(struct store *st, const char *path, int64_t id, const char *hash,
			 const char *comment);
/* Write the anchor log of a copy of this database at path: this store's
 * anchors up to head_id, then (head_id, hash) unless it is one of them. */
enum bl_err anchor_copy(struct store *st, const char *path, int64_t head_id, const char *hash);
/* The same from the log at from (NULL or missing: none; ballast copy), the
 * log's comment line given. */
enum bl_err anchor_copy_from(struct store *st, const char *from, const char *path,
			     int64_t head_id, const char *hash, const char *comment);
/* A PostgreSQL database's anchor log: the file $BALLAST_ANCHOR names (a
 * database is not a file to keep a log beside), or NULL when it names none.
 * Every process that writes to the database appends to it (docs/postgresql.md). */
const char *anchor_pg_path(void);
/* The anchors of the log at path, sorted by id, into *out (caller frees);
 * BL_ENOTFOUND when there is no such file, BL_EINVAL naming "PATH:LINE" of a
 * line that is not "ID HASH [...]" (err, reset first). */
enum bl_err anchor_load(const char *path, struct anchor **out, size_t *n, struct buf *err);
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* A row whose stored form differs from what the audit trail says it is. */
struct reconcile_diff {
	const char *table;   /* "projects" */
	const char *entity;  /* the audit trail's name: "project" */
	const char *key;     /* the audit key: "2024-001" */
	const char *stored;  /* the row's audit form as JSON text; NULL: no row */
	const char *audited; /* the trail's last value (JSON text); NULL: none or deleted */
	int64_t entry;       /* the last audit entry of the key; 0: none */
	int deleted;         /* the trail's last entry of the key deletes it */
	/* The differing fields, when both sides exist: name, audited, stored (JSON). */
	size_t n_fields;
	const char *const *field, *const *field_audited, *const *field_stored;
	/* A problem of an import batch, said whole (the rest but table, entity,
	 * key and entry unset); NULL for the differences above. */
	const char *sentence;
};
/* Compare every table ballast keeps with the audit trail: for each (entity,
 * key) the trail's entries replayed (insert sets, update merges its members
 * over, delete clears) against the row's audit form. fn gets each difference;
 * note (may be NULL) each column or table that is not compared. *rows gets
 * the rows compared. Reads only; run inside one read transaction. */
enum bl_err reconcile(struct store *st, void (*fn)(void *ctx, const struct reconcile_diff *d),
		      void (*note)(void *ctx, const char *sentence), void *ctx, int64_t *rows);
/* After an upgrade from a schema before tamper evidence: append a "baseline"
 * audit entry (actor ballast:upgrade) for every row whose stored form the
 * trail does not give, in one transaction, so that verify holds from here on.
 * *n (may be NULL) gets the entries written. */
enum bl_err reconcile_baseline(struct store *st, int64_t *n);

/* ---- the audit forms of stored rows (sqlite_forms.c) ---- */

struct json_t;

/* How a field of the audit form is made from the row's columns. */
enum xform {
	XF_RAW,         /* the column's value as stored: integer, real, text or null */
	XF_ID0,         /* an id: NULL reads as 0, as the entity structs read it */
	XF_EMPTY_NULL,  /* '' reads as null (a target's tier "any") */
	XF_JSON,        /* a JSON text, parsed (a contest round's weights, result) */
	XF_BLOB,        /* {"bytes": n, "sha256": hex} of a blob (a bulletin's file) */
	XF_FINGERPRINT, /* secret_fingerprint() of a stored hash (password, token) */
	XF_PREFIX8,     /* the first 8 characters (a token hash's prefix) */
	XF_TIERS,       /* 3 columns (province, city, district) → ["province", …] */
	XF_MONTHS,      /* 12 columns m01…m12 → an array; absent when all are NULL */
};

#define FORM_NULL_LEFT_OUT 2
struct form_field {
	const char *name; /* the member of the audit form */
	enum xform xf;
	int omit_null;    /* 1: left out when null, as the puts' forms leave it out;
			   * such a field is not part of what a put writes (a
			   * workflow stamp). FORM_NULL_LEFT_OUT: left out when
			   * null, but written by the puts when it has a value (a
			   * column added later, so that the rows and import
			   * digests written before it stay the same) */
};

/* A table and its rows' audit form. sql selects the audit key (the trail's
 * entity_key), the row id, then the fields' columns (FORM_FIRST_FIELD on). */
struct form_table {
	const char *table;   /* the SQL table, as problems name it */
	const char *entity;  /* the audit trail's entity */
	const char *sql;     /* without WHERE or ORDER BY */
	const char *id;      /* the row id's column, for a range of ids */
	const struct form_field *fields;
	size_t n_fields;
	/* Every column verify knows: compared, or bookkeeping (the edit counter
	 * "version", surrogate ids). Any other column is reported as not compared. */
	const char *columns;
	enum batch_part part; /* what an import batch records its rows as */
	int key_parts;        /* the audit key's parts for by_key: 1 the key, 2 ref
			       * and period (split at the last '/'), 3 a/b/c */
	const char *by_key;   /* WHERE of the row with a key (binding its parts) */
};
#define FORM_FIRST_FIELD 2
extern const struct form_table form_tables[];
extern const size_t n_form_tables;
extern const char *const form_not_data[]; /* tables that are not data, NULL-ended */
/* The table of an entity ("report"); NULL when none. */
const struct form_table *form_table_of(const char *entity);
/* The audit form of the row s is on (a new object: caller decrefs). */
struct json_t *form_row(const struct form_table *t, struct dbq *s);
/* A row as an import batch wrote it: the put's fields of stored (its form
 * now), in order, each from back where an entry after the batch changed it
 * (back: those entries' befores, the first of each field; may be NULL). */
struct json_t *form_as_written(const struct form_table *t, const struct json_t *stored,
			       const struct json_t *back);
/* 1 when name is a field of t that a put writes. */
int form_field_is_put(const struct form_table *t, const char *name);
/* v as JSON text, byte for byte as the writes' forms (audit.c) make it:
 * members in order, no white space, their escapes. */
void form_text(struct buf *b, const struct json_t *v);
/* BLAKE2b-128 of form_text(put): the digest of a row an import wrote. */
void form_digest(const struct json_t *put, unsigned char d[BATCH_DIGEST]);
/* The statements of a form table, prepared once per connection: FQ_ALL every
 * row in key order; FQ_IDS rows ?1 … ?2 by id; FQ_BY_KEY the row with a key
 * (form_bind_key). Reset and unbound; NULL when the table has no such query
 * or on a prepare failure. */
enum form_query { FQ_ALL, FQ_IDS, FQ_BY_KEY, FQ__MAX };
struct dbq *form_stmt(struct store *st, const struct form_table *t, enum form_query q);
void form_stmts_free(struct store *st);
/* Bind the parts of key to s (FQ_BY_KEY); -1 when key has not t's shape. */
int form_bind_key(const struct form_table *t, struct dbq *s, const char *key);

/* ---- verify's side of import batches (sqlite_batch_verify.c) ---- */

struct reconcile_diff;
struct batch_check;
/* The import batches that wrote rows of t into *out (NULL when none); an
 * import entry that does not name its rows is a problem to fn. Free with
 * batch_check_free. */
enum bl_err batch_check_load(struct store *st, const struct form_table *t,
			     void (*fn)(void *, const struct reconcile_diff *), void *ctx,
			     struct batch_check **out);
/* The index of the batch whose rows include rowid, or -1; its entry. */
long batch_check_find(const struct batch_check *bc, int64_t rowid);
int64_t batch_check_entry(const struct batch_check *bc, long i);
/* The digest of row rowid of batch i as verify found it. */
void batch_check_row(struct batch_check *bc, long i, int64_t rowid,
		     const unsigned char d[BATCH_DIGEST]);
/* After every row: each batch's rows must all have been found and give its
 * chunk digests, and those its part digest; each difference to fn. */
void batch_check_finish(struct store *st, struct batch_check *bc,
			void (*fn)(void *, const struct reconcile_diff *), void *ctx);
void batch_check_free(struct batch_check *bc);

/* How many columns PROJECT_COLS (sqlite.c) has: a LISTING_COLS after it
 * starts there. */
#define PROJECT_NCOLS 32
/* Read the columns of PROJECT_COLS / LISTING_COLS starting at column base. */
void col_project(struct dbq *s, int base, struct project *p);
void col_listing(struct dbq *s, int base, struct listing *l);
/* Append the audit key "ref/period" of a project's row to key. */
void period_key(struct store *st, struct buf *key, int64_t project_id, const char *period);


#endif
