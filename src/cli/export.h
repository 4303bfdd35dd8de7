/* export.h — writing an export file whole or not at all, shared by the export
 * command and the commands whose output can be exported. */
#ifndef BL_EXPORT_H
#define BL_EXPORT_H

#include <stdio.h>

struct export_file {
	const char *path; /* the final name; NULL or "-" for standard output */
	char *tmp;        /* the temporary file beside it */
	FILE *fp;         /* write here */
};

/* Open a temporary file beside path (or standard output); -1 after printing
 * the reason. */
int export_open(const char *path, struct export_file *f);
/* Close; when ok, rename the temporary file into place, else remove it.
 * 0 on success, -1 after printing the reason. */
int export_close(struct export_file *f, int ok);

/* `export measures|warnings`: what `ballast measures|warnings --format csv`
 * print, into out (export_report.c). Returns the exit code. */
int export_report(const char *what, const char *db, const char *out, const char *year,
		  const char *asof, int zh, int bom);

#endif
