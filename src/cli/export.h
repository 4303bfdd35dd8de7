/* export.h — writing an export file whole or not at all, shared by the export
 * command, the template command and the commands whose output can be
 * exported. */
#ifndef BL_EXPORT_H
#define BL_EXPORT_H

#include <stdio.h>

struct export_file {
	const char *path; /* the final name; NULL or "-" for standard output */
	char *tmp;        /* the temporary file beside it */
	FILE *fp;         /* write here (NULL after export_open_path) */
};

/* Open a temporary file beside path (or standard output); -1 after printing
 * the reason. */
int export_open(const char *path, struct export_file *f);
/* Create an empty temporary file beside path for a library that writes by
 * name (libxlsxwriter): write to f->tmp, then export_close(). Standard output
 * is refused. -1 after printing the reason, as command cmd. */
int export_open_path(const char *cmd, const char *path, struct export_file *f);
/* Close; when ok, rename the temporary file into place, else remove it (the
 * caller has said why). 0 on success, -1 when not ok or after printing why
 * closing or renaming failed. */
int export_close(struct export_file *f, int ok);

/* What `export measures|warnings` passes on to those commands. */
struct report_export {
	const char *what;  /* "measures" or "warnings" */
	const char *db, *out, *year, *asof;
	const char *by, *tier, *section, *department; /* measures */
	int industrial;                               /* measures */
	const char *min;                              /* warnings */
	int zh;            /* Chinese headers (XLSX) */
	int bom;           /* CSV: a UTF-8 byte order mark first */
	int xlsx;          /* XLSX instead of CSV (out must be a file) */
};

/* `export measures|warnings`: what `ballast measures|warnings --format csv`
 * print, as CSV, or as an XLSX sheet with typed cells, Chinese headers (zh),
 * money in 万元 and rates as percents (export_report.c). Returns the exit
 * code. */
int export_report(const struct report_export *rx);

struct store;
/* Export kind (enum file_kind: units, projects, listings, reports) from st to
 * the file out (NULL or "-": standard output), as CSV or, with xlsx, a
 * workbook; zh for Chinese headers, bom for a UTF-8 BOM in CSV. Written
 * whole or not at all. The exit code; problems are printed to stderr. */
int export_store(struct store *st, const char *out, int kind, int zh, int bom, int xlsx);

#endif
