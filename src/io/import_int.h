/* import_int.h — what the importer's files share: the importer state,
 * problem reporting, and typed cell readers. import.c drives a file through
 * the rows of its kind (import_rows.c) and writes them in one transaction. */
#ifndef BL_IMPORT_INT_H
#define BL_IMPORT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/demolition.h"
#include "core/guarantees.h"
#include "core/funds.h"
#include "core/workdays.h"
#include "core/items.h"
#include "core/leads.h"
#include "core/leaders.h"
#include "core/model.h"
#include "core/sharing.h"
#include "io/columns.h"
#include "io/import.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/keyset.h"
#include "util/strmap.h"

#define TEXT_MAX 2000 /* bytes of a text cell */
#define CODE_MAX 64   /* bytes of a code cell */

/* A project's row; its 挂钩领导 column, when the file has one, as the leader
 * accounts it links (set_leaders: the links become leader_ids). */
struct prow {
	struct project p; struct listing l; int has_listing; size_t row;
	int set_leaders;
	size_t n_leaders;
	int64_t leader_ids[LEADER_NAMES_MAX];
};
struct lrow { struct listing l; size_t row; };
struct rrow { struct report r; size_t row; };
struct trow { struct target t; size_t row; };
struct irow { struct indicator_entry e; size_t row; };
struct urow { struct unit u; char *parent; size_t row; int done; };
/* A supervision item's row: the item as the file gives it, and the day its
 * status was settled (resolved_on), DAY_NONE when not given. */
struct itrow { struct item it; char *ref; bl_day resolved_on; size_t row; };
/* Element guarantees and demolition task books (import_guarantees.c). */
struct surow { struct supply s; size_t row; };
struct derow { struct demolition_task t; struct demolition_report r; int has_report; size_t row; };
/* A fund application's row (h-funds): the application as the file gives it
 * (policy_id resolved, one payment of the total paid on paid_on). */
struct aprow { struct application a; size_t row; };
/* A calendar day's row (h-funds); name owned. */
struct carow { struct workcal_day d; char *name; size_t row; };
/* h-leads: a lead's row (its project's ref in l.project_ref). */
struct ldrow { struct lead l; size_t row; };
/* revenue sharing and industrial funds (import_sharing.c) */
struct taxrow { struct tax_record t; size_t row; };
struct fundrow { struct fund f; size_t row; };

/* The most columns a file kind has (columns.h: the projects file's P__MAX). */
#define IMPORT_MAX_COLS 48
_Static_assert(P__MAX <= IMPORT_MAX_COLS, "a file kind with more columns than importer.col");

struct importer {
	const struct import_request *req;
	const char *file;          /* how problem lines name the file */
	const char *path;          /* the file read */
	enum file_kind kind;
	int ignore_unknown;        /* skip unknown columns instead of refusing */
	int csv;                   /* the file is CSV: text cells may carry the
	                            * formula guard of buf_add_csv_field */
	const char *sheet;         /* --sheet: the workbook's sheet to read, or NULL */
	size_t max_rows;           /* --max-rows, or 0 for the default */
	const struct column *cols;
	size_t ncols;
	int col[IMPORT_MAX_COLS];  /* file column of each table column, or -1 */
	struct store *st;
	size_t row;                /* the row being read (a CSV's header = 1; a
	                            * workbook's sheet row); 0: the file as a whole */
	char **cells;
	size_t ncells;
	struct buf out;            /* problem and warning lines */
	size_t nlines, nproblems, nwarnings;
	struct unit *units;        /* every unit in the database */
	size_t n_units;
	struct strmap unit_code;   /* code → index in units; in a units file, a code
	                            * of the file's row i maps to n_units + i */
	struct strmap unit_name;   /* name → index, or -1 when several share it */
	struct strmap seen;        /* this file's row keys → row */
	struct keyset seen_ids;    /* the same for keys of (project id, period) */
	struct strmap refs;        /* project ref → id (0: none), cached lookups */
	int refs_all;              /* refs holds every project: a ref not in it is none */
	/* A first load of projects: each new project's leaders as (project id,
	 * n, n user ids), linked after the rows (imp_leaders_later), so that the
	 * projects go by one COPY on PostgreSQL. */
	int64_t *later;
	size_t n_later, later_alloc;
	int report_status;         /* what an import makes a report (workflow), or -1 */
	/* The row just parsed, when it has no problem (have_row): written at
	 * once, in the import's transaction, then released. Rows are not kept,
	 * except a units file's, written in parent order at the end. */
	union {
		struct prow project;
		struct lrow listing;
		struct rrow report;
		struct trow target;
		struct irow indicator;
		struct itrow item;
		struct surow supply;
		struct derow demolition;
		struct aprow application;
		struct carow calendar;
		struct ldrow lead; /* h-leads */
		struct taxrow tax;
		struct fundrow fund;
	} cur;
	int have_row;
	int plan_state;            /* import_plan.c: 0 not read, 1 no year issued, 2 some */
	/* The leader accounts a 挂钩领导 cell names (import_leaders.c), read
	 * at the first such cell. */
	struct leader_account *leaders;
	size_t n_leaders;
	int leaders_loaded;
	struct urow *unitrows;
	size_t n, alloc;           /* rows parsed without a problem; unitrows' room */
};

/* Report a problem with column def's value (def -1: the row as a whole). */
void imp_problem(struct importer *im, int def, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Report a warning (printed, not a refusal). */
void imp_warning(struct importer *im, int def, const char *value, const char *reason);

/* The cell of table column def in the current row, or NULL when the column is
 * not in the file or the cell is blank. A CSV cell comes without the formula
 * guard that export adds ('=x reads =x; util/buf.h csv_field_unguard). */
const char *imp_cell(const struct importer *im, int def);
int imp_present(const struct importer *im, int def);

/* Typed readers: each returns 0 (value stored, or the absent value when the cell
 * is blank) or -1 after reporting the problem. */
int imp_text(struct importer *im, int def, size_t max, char **out);
int imp_day(struct importer *im, int def, bl_day *out);
int imp_money(struct importer *im, int def, int64_t *out);
int imp_dec4(struct importer *im, int def, int64_t *out);
/* A longitude (lat 0) or latitude (lat 1) in degrees, ≤ 6 decimals, into
 * millionths of a degree (core's coord_problem); COORD_NONE when blank. */
int imp_coord(struct importer *im, int def, int lat, int64_t *out);
int imp_bool(struct importer *im, int def, int *out);
int imp_year(struct importer *im, int def, int *out);
int imp_tiers(struct importer *im, int def, unsigned *out);
/* A unit by code or name whose kind is in kinds (bits 1 << enum unit_kind);
 * *out is 0 when blank. */
int imp_unit(struct importer *im, int def, unsigned kinds, int64_t *out);

/* Parse the current row into im->cur, setting have_row when it has no problem
 * (a unit row: into unitrows) (import_rows.c). */
void imp_row_unit(struct importer *im);
void imp_row_project(struct importer *im);
void imp_row_listing(struct importer *im);
void imp_row_report(struct importer *im);
void imp_row_target(struct importer *im);
void imp_row_indicator(struct importer *im);
void imp_row_item(struct importer *im);     /* import_items.c */
/* Write the items row in im->cur; *how says what it did. */
enum bl_err imp_write_item(struct importer *im, enum store_put *how);
/* Release the items row in im->cur (imp_release_row's, for items). */
void imp_item_release(struct importer *im);
/* Element guarantees and demolition task books (import_guarantees.c): parse
 * and write a row as for items; the rows are released by imp_release_row. */
void imp_row_supply(struct importer *im);
enum bl_err imp_write_supply(struct importer *im, enum store_put *how);
void imp_row_demolition(struct importer *im);
enum bl_err imp_write_demolition(struct importer *im, enum store_put *how);
void imp_row_application(struct importer *im); /* import_funds.c (h-funds) */
enum bl_err imp_write_application(struct importer *im, enum store_put *how);
void imp_application_release(struct importer *im);
void imp_row_calendar(struct importer *im);
enum bl_err imp_write_calendar(struct importer *im, enum store_put *how);
void imp_calendar_release(struct importer *im);
/* h-leads: the leads file (import_leads.c), as the three above. */
void imp_row_lead(struct importer *im);
enum bl_err imp_write_lead(struct importer *im, enum store_put *how);
void imp_lead_release(struct importer *im);
/* Revenue sharing and industrial funds (import_sharing.c): parse the row into
 * im->cur, and write it. */
void imp_row_tax(struct importer *im);
enum bl_err imp_write_tax(struct importer *im);
void imp_row_fund(struct importer *im);
enum bl_err imp_write_fund(struct importer *im);
/* Shared by the rows' parsers (import_rows.c): a key seen before in this file
 * is a problem naming that row (-1); a required cell blank is a problem (-1);
 * the id of the project of ref, 0 when none. */
int imp_once(struct importer *im, int def, const char *key, const char *shown);
int imp_need(struct importer *im, int def);
int64_t imp_project_id(struct importer *im, const char *ref);
/* Release the parsed row in im->cur of the importer's kind. */
void imp_release_row(struct importer *im);
/* Before the row in im->cur of a projects or listings file is written: each
 * field it would change of an issued year's plan is a problem (DOMAIN.md §3,
 * import_plan.c). */
void imp_check_plan_row(struct importer *im);
/* A projects row's 挂钩领导 (leader linkage, import_leaders.c): when the
 * file has the column, each name (split as core/leaders.h says) must be a
 * leader account's username or display name, else a problem; the text
 * becomes the accounts' names and r->set_leaders is set. */
void imp_project_leaders(struct importer *im, struct prow *r);
/* After the project of r is written: its links made r's leaders (in a
 * first load: kept for imp_leaders_later). */
enum bl_err imp_write_leaders(struct importer *im, const struct prow *r);
/* After every row: the links imp_write_leaders kept, in row order. */
enum bl_err imp_leaders_later(struct importer *im);
/* After every row: checks across rows (unit parents). */
void imp_finish_units(struct importer *im);

#endif
