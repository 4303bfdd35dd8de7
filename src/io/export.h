/* export.h — export mirrors import (io/import.h): one function that writes
 * units, projects, listings or reports with exactly the columns import reads,
 * as CSV (to a stream or to memory) or XLSX (to a file or to memory), for
 * the CLI and the server alike. It prints nothing and returns an error code
 * with a sentence. */
#ifndef BL_IO_EXPORT_H
#define BL_IO_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "io/import.h"
#include "store/store.h"
#include "util/buf.h"

struct export_request {
	enum file_kind kind;   /* units, projects, listings or reports */
	int zh;                /* Chinese labels as the header, 是/否 */
	int bom;               /* CSV: a UTF-8 byte order mark first */
	int xlsx;              /* XLSX instead of CSV */
	/* Where it goes: a CSV to fp, or to mem; an XLSX to xlsx_path, or to mem
	 * (through a private temporary file under $TMPDIR). */
	FILE *fp;
	struct buf *mem;
	const char *xlsx_path;
	size_t max;            /* mem: the most bytes an XLSX may have */
};

/* Write rq's export. BL_OK, or an error with a sentence in err (may be NULL);
 * on error the output holds a partial export the caller discards. */
enum bl_err export_run(struct store *st, const struct export_request *rq, struct buf *err);

#endif
