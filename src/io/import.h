/* import.h — importing a file of units, projects, listings, reports, targets,
 * indicators or supervision items (INTERFACES.md "Files": CSV, XLSX or XLS, recognised by
 * content): every row checked, then all written in one transaction or none.
 * The CLI's `ballast import` and the server's upload both call import_run(). */
#ifndef BL_IMPORT_H
#define BL_IMPORT_H

#include <stddef.h>

#include "core/access.h"
#include "io/columns.h"
#include "store/store.h"
#include "util/buf.h"

/* The most problem lines kept as text; the rest are counted. */
#define IMPORT_MAX_LINES 1000

/* One problem or warning, valid during the callback. */
struct import_problem {
	size_t row;          /* the sheet row (a CSV's header is 1); 0: the whole file */
	const char *column;  /* the column's English key, or NULL */
	const char *label;   /* its Chinese label, or NULL */
	const char *value;   /* the cell, or NULL */
	const char *message; /* the reason, one English sentence */
	int warning;         /* 1: printed, not a refusal */
};

struct import_request {
	enum file_kind kind;
	const char *path;       /* the file to read */
	const char *name;       /* how the problem lines name it; NULL: path */
	const char *sheet;      /* a workbook's sheet, or NULL for the first */
	size_t max_rows;        /* 0: the default (table.h) */
	int dry_run;            /* check, then roll back */
	int ignore_unknown;     /* skip unknown columns instead of refusing */
	int progress;           /* show progress on stderr for long files */
	/* Who imports (NULL: the machine's operator, the CLI run without
	 * --actor user:NAME, who may import every kind). An actor's role must
	 * be allowed to import and to write what the kind writes (units →
	 * RES_UNITS, projects → RES_PROJECTS, listings → RES_LISTINGS, reports →
	 * RES_REPORTS, targets → RES_TARGETS, indicators → RES_INDICATORS,
	 * items → RES_ITEMS;
	 * core/access.c), else the file is
	 * not even read and import_result.forbidden is set. */
	const struct actor *actor;
	/* Called for every problem and warning (may be NULL). */
	void (*on_problem)(void *ctx, const struct import_problem *p);
	void *ctx;
};

struct import_result {
	size_t rows;                         /* data rows read */
	size_t inserted, updated, unchanged; /* what the writes did */
	size_t problems, warnings;
	size_t lines_dropped;                /* past IMPORT_MAX_LINES */
	int forbidden;                       /* refused for the actor's role */
};

/* Import rq's file into st under st's actor (the audit trail's name) with the
 * permissions of rq->actor. 0 when every row was written (or, with dry_run,
 * would be); -1 when refused: nothing written (res->forbidden: for the role). text (may be NULL)
 * receives the problem and warning lines, "FILE:ROW: column (label): value:
 * reason", one per line. */
int import_run(struct store *st, const struct import_request *rq, struct import_result *res,
	       struct buf *text);

/* The kind named s ("projects"), or -1. */
int import_kind_from_key(const char *s);

#endif
